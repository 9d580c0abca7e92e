"""Proofing before freezing: every piece's text and each volume's overview read for what must not
reach print.

Text findings (per paragraph of each piece, its headline and subheadline):

- ``furniture`` (error): page furniture left inside the text by the scan — "■", a running byline
  ("■特约记者 某某") or the issue label or the series' running head glued inside a sentence;
- ``spaced_run`` (error): a spaced-out run ("覆 盖 企 业 1110 家");
- ``stray_space`` (warning): a space between two Chinese characters.

Issue findings: a placeholder that resolves to nothing (error, never printed), a placeholder in
full-width braces (warning: read all the same), a draft piece (error), an empty section, a unit
with two pieces, a unit not of the volume's kind (warnings).

A text finding carries its fix (the exact run and what replaces it), applied in place by
:func:`editions.services.article_text_fix`; errors block freezing, warnings need a tick.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from pilots.models import ArticleColumn, PilotLevel, PilotUnit, PublicationStatus, UnitKind
from pilots.text import ISSUE_LABEL

from . import selectors
from .models import Edition

ERROR, WARNING = "error", "warning"
BLOCKING = frozenset({"draft_article", "draft_unit"})
HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
SERIES_HEAD = re.compile(r"浙江省基层工会改革试点实践实录(?:“[^”]{1,12}”)?(?:综述)?")
BYLINE = re.compile(rf"■?(?:特约)?记者[ \u3000]*(?P<name>[{HAN}]{{2,3}})")
SPACED_RUN = re.compile(rf"(?:[{HAN}][ \u3000]){{3,}}[{HAN}0-9]+(?:[ \u3000][{HAN}0-9]+)*")
STRAY_SPACE = re.compile(rf"(?<=[{HAN}，。、；：！？”）])[ \u3000]+(?=[{HAN}“（])")


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    severity: str = WARNING
    where: str = ""  # 《标题》第 3 段
    excerpt: str = ""  # the text around the finding
    url: str = ""  # the place in the issue
    fix: dict | None = field(default=None, compare=False)  # {"article": id, "old": run, "new": replacement}

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def blocking(self) -> bool:
        """A draft never goes into a version, not even the rebuild of a printed volume."""
        return self.code in BLOCKING


def _excerpt(text: str, start: int, end: int, around: int = 14) -> str:
    return (
        ("…" if start > around else "")
        + text[max(0, start - around) : end + around]
        + ("…" if end + around < len(text) else "")
    )


def _furniture(text: str, reporters: list[str]) -> list[tuple[int, int, str]]:
    """Runs of page furniture in ``text``: (start, end, what replaces them: nothing)."""
    runs: list[tuple[int, int]] = []
    for match in re.finditer("■", text):
        start, end = match.start(), match.end()
        rest = text[end:]
        byline = BYLINE.match(rest)
        if byline:
            name = next((r for r in reporters if rest[byline.start("name") :].startswith(r)), byline["name"])
            end += byline.start("name") + len(name)
        label = ISSUE_LABEL.match(text, end)
        if label:
            end = label.end()
        head = SERIES_HEAD.match(text, end)
        if head:
            end = head.end()
        runs.append((start, end))
    for pattern in (ISSUE_LABEL, SERIES_HEAD):
        for match in pattern.finditer(text):
            inside = match.start() > 0 and match.end() < len(text)
            glued = (
                inside and re.match(rf"[{HAN}]", text[match.start() - 1]) and re.match(rf"[{HAN}]", text[match.end()])
            )
            if glued and not any(s <= match.start() < e for s, e in runs):
                runs.append((match.start(), match.end()))
    return [(s, e, "") for s, e in sorted(runs)]


def text_findings(text: str, *, reporters: list[str], where: str, url: str, article_id: int | None) -> list[Finding]:
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def fix(old: str, new: str) -> dict | None:
        return {"article": article_id, "old": old, "new": new} if article_id and old else None

    for start, end, new in _furniture(text, reporters):
        taken.append((start, end))
        findings.append(
            Finding(
                "furniture",
                _("页面杂项混入正文：“%(run)s”") % {"run": text[start:end]},
                ERROR,
                where,
                _excerpt(text, start, end),
                url,
                fix(
                    _excerpt_exact(text, start, end), _excerpt_exact(text, start, end).replace(text[start:end], new, 1)
                ),
            )
        )
    for match in SPACED_RUN.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        taken.append(match.span())
        run = match[0]
        findings.append(
            Finding(
                "spaced_run",
                _("字间被空格拉开：“%(run)s”") % {"run": run},
                ERROR,
                where,
                _excerpt(text, *match.span()),
                url,
                fix(run, re.sub(r"[ \u3000]+", "", run)),
            )
        )
    for match in STRAY_SPACE.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        start, end = max(0, match.start() - 4), min(len(text), match.end() + 4)
        old = text[start:end]
        findings.append(
            Finding(
                "stray_space",
                _("汉字之间多了空格"),
                WARNING,
                where,
                _excerpt(text, *match.span()),
                url,
                fix(old, old.replace(match[0], "", 1)),
            )
        )
    return findings


def _excerpt_exact(text: str, start: int, end: int, around: int = 4) -> str:
    """The run with a few characters either side: unique enough to replace in the article's body."""
    return text[max(0, start - around) : end + around]


def edition_findings(edition: Edition) -> list[Finding]:
    """Everything to look at before freezing, errors first, each with where it is and its fix."""
    edition = selectors.edition_detail(edition.pk)
    findings: list[Finding] = []
    detail = reverse("editions:detail", args=[edition.pk])
    for volume in edition.volumes.all():
        overview_url = reverse("editions:overview", args=[edition.pk, volume.pk])
        if volume.overview_text.strip():
            adoption = selectors.volume_adoption(volume)
            for number, paragraph in enumerate(selectors.overview_paragraphs(volume.overview_text, adoption), 1):
                where = _("“%(volume)s”综述 第 %(n)s 段") % {"volume": volume.name, "n": number}
                for segment in paragraph:
                    if segment.error:
                        findings.append(Finding("placeholder", segment.error, ERROR, where, segment.text, overview_url))
                    elif segment.full_width:
                        findings.append(
                            Finding(
                                "full_width_placeholder",
                                _("占位符用了全角括号（已按占位符识别）"),
                                WARNING,
                                where,
                                segment.text,
                                overview_url,
                            )
                        )
            text = "\n".join(line.strip() for line in volume.overview_text.splitlines())
            findings += list(
                text_findings(
                    text,
                    reporters=[],
                    where=_("“%(volume)s”综述") % {"volume": volume.name},
                    url=overview_url,
                    article_id=None,
                )
            )
        kinds = volume.unit_kinds
        seen: dict[int, list[str]] = {}
        for section in volume.sections.all():
            entries = list(section.entries.all())
            if not entries:
                findings.append(
                    Finding(
                        "empty_section",
                        _("“%(volume)s · %(section)s”没有篇目。") % {"volume": volume, "section": section.title},
                        WARNING,
                        url=f"{detail}#section-{section.pk}",
                    )
                )
            for entry in entries:
                article = entry.article
                url = f"{detail}#entry-{entry.pk}"
                if article.status != PublicationStatus.PUBLISHED:
                    findings.append(
                        Finding(
                            "draft_article",
                            _("《%(title)s》尚未发布（草稿），不能定稿：请先发布该文章或将其移出本期。")
                            % {"title": article.title},
                            ERROR,
                            url=url,
                        )
                    )
                for unit in article.units.all():
                    if unit.status != PublicationStatus.PUBLISHED:
                        findings.append(
                            Finding(
                                "draft_unit",
                                _(
                                    "《%(title)s》的单位“%(unit)s”尚未发布（草稿），不能定稿：请先发布该单位或将该篇移出本期。"
                                )
                                % {"title": article.title, "unit": unit.name},
                                ERROR,
                                url=url,
                            )
                        )
                reporters = article.reporter_list
                texts = [(_("标题"), article.headline), (_("副题"), article.subheadline)]
                texts += [
                    (_("第 %(n)s 段") % {"n": n}, line.strip())
                    for n, line in enumerate((ln for ln in article.body.splitlines() if ln.strip()), 1)
                ]
                for label, text in texts:
                    if text:
                        where = f"《{article.title}》{label}"
                        findings += text_findings(
                            text, reporters=reporters, where=where, url=url, article_id=article.pk
                        )
                if article.column == ArticleColumn.OVERVIEW:
                    continue
                for unit in article.units.all():
                    seen.setdefault(unit.pk, []).append(article.title)
                    if kinds and (unit.kind not in kinds or unit.pilot_level == PilotLevel.NONE):
                        findings.append(
                            Finding(
                                "unit_kind",
                                _("《%(title)s》的单位“%(unit)s”不是“%(volume)s”报道的试点类型（%(kinds)s）。")
                                % {
                                    "title": article.title,
                                    "unit": unit.name,
                                    "volume": volume.name,
                                    "kinds": "、".join(str(UnitKind(k).label) for k in kinds),
                                },
                                WARNING,
                                url=url,
                            )
                        )
        names = dict(PilotUnit.objects.filter(pk__in=list(seen)).values_list("pk", "name"))
        for unit_id, titles in seen.items():
            if len(titles) > 1:
                findings.append(
                    Finding(
                        "unit_twice",
                        _("“%(unit)s”在“%(volume)s”中有 %(n)s 篇：%(titles)s。")
                        % {
                            "unit": names.get(unit_id, ""),
                            "volume": volume.name,
                            "n": len(titles),
                            "titles": "、".join(f"《{t}》" for t in titles),
                        },
                        WARNING,
                        url=f"{detail}#volume-{volume.pk}",
                    )
                )
    return sorted(findings, key=lambda f: 0 if f.is_error else 1)
