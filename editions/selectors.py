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

from pilots.models import ArticleColumn, PilotLevel, PilotUnit
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
    """The units the overview counts: the pilots of the volume's kind among its pieces' units.

    An overview piece names units it does not report on, so overview articles are left out; a
    volume without a kind counts the pilots of every piece.
    """
    units = PilotUnit.objects.filter(
        pk__in=Entry.objects.filter(section__volume=volume)
        .exclude(article__column=ArticleColumn.OVERVIEW)
        .values("article__units")
    ).exclude(pilot_level=PilotLevel.NONE)
    if volume.unit_kinds:
        units = units.filter(kind__in=volume.unit_kinds)
    return units


def volume_adoption(volume: Volume) -> Adoption:
    return practice_adoption(volume_units(volume))


def volume_evidence(volume: Volume, practice_code: str) -> list[UnitEvidence]:
    return practice_evidence(volume_units(volume), practice_code)


# ------------------------------------------------------------------------------ placeholders
PLACEHOLDER = re.compile(r"\{(?:(?P<kind>share|count):(?P<code>[A-Za-z0-9_-]+)|(?P<total>total))\}")


@dataclass(frozen=True)
class Segment:
    text: str
    computed: bool = False  # a figure the portal computed
    error: str = ""  # why a placeholder could not be filled
    title: str = ""  # what the figure is (shown on hover and in the evidence)


def overview_segments(text: str, adoption: Adoption) -> list[Segment]:
    """The overview text cut into plain runs and computed figures ({share:CODE}, {count:CODE}, {total})."""
    segments: list[Segment] = []
    last = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > last:
            segments.append(Segment(text[last : match.start()]))
        last = match.end()
        if match["total"]:
            segments.append(Segment(str(adoption.total), computed=True, title=_("计入统计的单位数")))
            continue
        share = adoption.practice(match["code"])
        if share is None:
            segments.append(Segment(match[0], error=_("未知的做法代码“%(code)s”") % {"code": match["code"]}))
        elif match["kind"] == "share":
            title = _("%(name)s：%(count)s / %(total)s") % {
                "name": share.name,
                "count": share.count,
                "total": share.total,
            }
            segments.append(Segment(f"{share.percent}%", computed=True, title=title))
        else:
            title = _("%(name)s：%(count)s / %(total)s") % {
                "name": share.name,
                "count": share.count,
                "total": share.total,
            }
            segments.append(Segment(str(share.count), computed=True, title=title))
    if last < len(text):
        segments.append(Segment(text[last:]))
    return segments


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
