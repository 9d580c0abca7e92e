"""Reads of the editions app: the issue with its order, a volume's units and overview figures.

The overview figures are :func:`pilots.statistics.practice_adoption` over the volume's units —
the same selector the dashboards use — so a share printed in an issue is the portal's number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from pilots.models import Article, ArticleColumn, PilotLevel, PilotUnit
from pilots.statistics import Adoption, UnitEvidence, practice_adoption, practice_evidence

from .models import Edition, Entry, Section, Volume


def edition_detail(pk: int, editions: QuerySet[Edition] | None = None) -> Edition:
    """The edition with its volumes, sections and entries (article and units) prefetched."""
    entries = Entry.objects.select_related("article").prefetch_related("article__units").order_by("position", "id")
    sections = Section.objects.prefetch_related(Prefetch("entries", queryset=entries)).order_by("order", "id")
    volumes = Volume.objects.prefetch_related(Prefetch("sections", queryset=sections)).order_by("order", "id")
    return (
        (editions if editions is not None else Edition.objects.all())
        .prefetch_related(Prefetch("volumes", queryset=volumes))
        .get(pk=pk)
    )


def volume_units(volume: Volume) -> QuerySet[PilotUnit]:
    """The units the overview counts: the published pilots of the volume's kind among its pieces' units.

    An overview piece names units it does not report on, so overview articles are left out; a
    volume without a kind counts the pilots of every piece.
    """
    units = (
        PilotUnit.objects.published()
        .filter(
            pk__in=Entry.objects.filter(section__volume=volume)
            .exclude(article__column=ArticleColumn.OVERVIEW)
            .values("article__units")
        )
        .exclude(pilot_level=PilotLevel.NONE)
    )
    if volume.unit_kinds:
        units = units.filter(kind__in=volume.unit_kinds)
    return units


def volume_adoption(volume: Volume) -> Adoption:
    return practice_adoption(volume_units(volume))


def volume_evidence(volume: Volume, practice_code: str) -> list[UnitEvidence]:
    """The units counted for a practice and the sentences about them: a piece naming several units
    (the province-wide overview names dozens) credits each only with the sentences that name it."""
    return practice_evidence(volume_units(volume), practice_code, articles=Article.objects.published())


def citation(article) -> str:
    """Where a sentence was printed, in the editor's terms: 《浙江工运》2018年第5-6期 · 速写 · 第 33 页.

    Never a file name, hash or line number; what the article does not record is left out.
    """
    publication = f"《{article.publication}》" if article.publication else ""
    parts = [f"{publication}{article.issue}".strip(), str(article.get_column_display()), article.page_label]
    return " · ".join(part for part in parts if part)


# ------------------------------------------------------------------------------ placeholders
# A figure the portal computes, in the overview text: {占比：专兼挂队伍} (or {share:zjg_team}), {单位数：…}
# ({count:…}), {总数} ({total}). Braces typed by a Chinese IME (｛｝) and full-width colons are read
# the same. A practice is named by its code, its name, or its name without the bracketed part.
PLACEHOLDER = re.compile(r"[{｛](?P<body>[^{}｛｝\n]{0,60})[}｝]")
KIND_WORDS = {
    "share": "share",
    "占比": "share",
    "比例": "share",
    "count": "count",
    "单位数": "count",
    "家数": "count",
    "数量": "count",
}
TOTAL_WORDS = {"total", "总数", "试点总数", "单位总数"}
PICKER_KINDS = (("占比", "share"), ("单位数", "count"))


def practice_key(name: str) -> str:
    """A practice's name as an editor may type it: brackets, their content, spaces and signs dropped."""
    name = re.sub(r"[（(][^）)]*[）)]", "", name)
    return re.sub(r"[\s、，,·:：（）()“”\"'-]", "", name)


def practice_lookup(adoption: Adoption) -> dict[str, str]:
    """Every way to name a practice (code, name, short name) -> its code."""
    lookup: dict[str, str] = {}
    for area in adoption.areas:
        for practice in area.practices:
            for key in (practice.code, practice.name, practice_key(practice.name)):
                lookup.setdefault(key.lower(), practice.code)
    return lookup


def placeholder_name(kind: str, practice_name: str) -> str:
    """The placeholder the picker inserts: {占比：专兼挂队伍}."""
    word = next(word for word, code in PICKER_KINDS if code == kind)
    return f"{{{word}：{practice_key(practice_name)}}}"


@dataclass(frozen=True)
class Segment:
    text: str
    computed: bool = False  # a figure the portal computed
    error: str = ""  # why a placeholder could not be filled
    title: str = ""  # what the figure is (shown on hover and in the evidence)
    full_width: bool = False  # written with ｛｝ (read all the same)


def _resolve(body: str, adoption: Adoption, lookup: dict[str, str], raw: str) -> Segment:
    full_width = raw.startswith("｛")
    word = body.strip()
    if word.lower() in TOTAL_WORDS:
        if not adoption.total:
            return Segment(raw, error=_("“%(p)s”没有可统计的单位（总数为 0）") % {"p": raw}, full_width=full_width)
        return Segment(str(adoption.total), computed=True, title=_("计入统计的单位数"), full_width=full_width)
    parts = re.split(r"[:：]", word, maxsplit=1)
    kind = KIND_WORDS.get(parts[0].strip().lower()) if len(parts) == 2 else None
    if kind is None:
        message = _("无法识别的占位符“%(p)s”：应写作｛占比：做法｝、｛单位数：做法｝或｛总数｝") % {"p": raw}
        return Segment(raw, error=message, full_width=full_width)
    key = parts[1]
    code = lookup.get(key.strip().lower()) or lookup.get(practice_key(key).lower())
    share = adoption.practice(code) if code else None
    if share is None:
        return Segment(raw, error=_("未知的做法“%(code)s”") % {"code": key.strip()}, full_width=full_width)
    if not share.total:
        return Segment(raw, error=_("“%(p)s”没有可统计的单位（总数为 0）") % {"p": raw}, full_width=full_width)
    title = _("%(name)s：%(count)s / %(total)s") % {"name": share.name, "count": share.count, "total": share.total}
    text = f"{share.percent}%" if kind == "share" else str(share.count)
    return Segment(text, computed=True, title=title, full_width=full_width)


def overview_segments(text: str, adoption: Adoption) -> list[Segment]:
    """The overview text cut into plain runs and computed figures; a placeholder resolving to nothing is an error."""
    segments: list[Segment] = []
    lookup = practice_lookup(adoption)
    last = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > last:
            segments.append(Segment(text[last : match.start()]))
        last = match.end()
        segments.append(_resolve(match["body"], adoption, lookup, match[0]))
    if last < len(text):
        segments.append(Segment(text[last:]))
    return segments


def overview_paragraphs(text: str, adoption: Adoption) -> list[list[Segment]]:
    """The overview as printed: one list of segments per non-empty line (each line a paragraph)."""
    return [overview_segments(line.strip(), adoption) for line in text.splitlines() if line.strip()]


def overview_plain(segments: list[Segment]) -> str:
    return "".join(segment.text for segment in segments)


def overview_html(segments: list[Segment]) -> SafeString:
    """The text as HTML, every computed figure marked (escaped: the text is the editor's)."""
    parts = []
    for segment in segments:
        if segment.computed:
            parts.append(f'<span class="computed" title="{escape(segment.title)}">{escape(segment.text)}</span>')
        elif segment.error:
            parts.append(
                f'<span class="placeholder-error" title="{escape(segment.error)}">{escape(segment.text)}</span>'
            )
        else:
            parts.append(escape(segment.text))
    return mark_safe("".join(parts))


def overview_errors(segments: list[Segment]) -> list[str]:
    return [segment.error for segment in segments if segment.error]
