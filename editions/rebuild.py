"""Rebuild a printed volume as an edition from the published articles of its source file.

The pieces come in the order the file prints them (their line spans), grouped under their columns
as the file's page headers name them; the foreword and the afterword are the text before the
first piece and after the last. The printed overview's statistics (stored with the overview
article) are set beside the portal's own figures for the same practices.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from pilots.models import Article, ArticleColumn
from pilots.models import Volume as VolumeKind
from pilots.text import ISSUE_LABEL, join_column_lines

from . import selectors, services
from .models import Edition, EditionVersion

SERIES = "浙江省基层工会改革试点实践实录"
PUBLISHER = "浙江省总工会"  # 《浙江工运》's sponsor, printed on the cover
# The column titles as the compilation prints them, when the file's page headers do not say.
DEFAULT_SECTION_TITLES = {
    ArticleColumn.OVERVIEW: "综述",
    ArticleColumn.SPECIAL: "特别报道：省级试点",
    ArticleColumn.FEATURE: "重点报道：市、县（市、区）级试点",
    ArticleColumn.SKETCH: "速写：市、县（市、区）级试点",
    ArticleColumn.NEWS: "新闻",
}
SECTION_HEADER = re.compile(r"^\s*(?P<label>特别报道|重点报道|速写|综述)[：:](?P<rest>\S+)\s*$")


class RebuildError(Exception):
    pass


@dataclass
class ComparedFigure:
    code: str
    name: str
    printed: int | None
    qualifier: str
    count: int
    total: int
    percent: int
    evidence_units: int  # counted units whose article text names the practice

    @property
    def distance(self) -> int | None:
        return None if self.printed is None else self.percent - self.printed


@dataclass
class RebuildResult:
    edition: Edition
    version: EditionVersion
    entries: int
    warnings: list[str] = field(default_factory=list)
    figures: list[ComparedFigure] = field(default_factory=list)


def _section_titles(lines: list[str], articles: list[Article]) -> dict[str, str]:
    """Each column's title as the file's page headers print it (the most frequent header per column)."""
    labels = {str(label): column for column, label in ArticleColumn.choices}
    found: dict[str, Counter] = {}
    for line in lines:
        match = SECTION_HEADER.match(line)
        if match and match["label"] in labels:
            found.setdefault(labels[match["label"]], Counter())[f"{match['label']}：{match['rest']}"] += 1
    titles = dict(DEFAULT_SECTION_TITLES)
    for column, counter in found.items():
        titles[column] = counter.most_common(1)[0][0]
    return titles


def _prose(lines: list[str]) -> str:
    """Lines of running text as paragraphs; vertical titles and stray characters (short lines) are dropped."""
    kept = [line.strip() for line in lines if len(line.strip()) > 3 and not SECTION_HEADER.match(line)]
    return join_column_lines(kept)


def _printed_statistics(overview: Article | None) -> list[dict]:
    if overview is None or not isinstance(overview.figures, dict):
        return []
    return [row for row in overview.figures.get("statistics", []) if isinstance(row, dict) and row.get("practice")]


@transaction.atomic
def edition_from_source(path: str | Path, *, user=None, title: str | None = None) -> RebuildResult:
    path = Path(path)
    articles = list(
        Article.objects.published().filter(source_file=path.name).order_by("start_line", "id").prefetch_related("units")
    )
    if not articles:
        raise RebuildError(
            _("没有找到来源文件“%(name)s”的已发布文章：请先载入数据（make run）或运行 import_cases --publish。")
            % {"name": path.name}
        )
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    kinds = Counter(article.volume for article in articles if article.volume)
    kind = kinds.most_common(1)[0][0] if kinds else ""
    volume_name = str(VolumeKind(kind).label) if kind else _("全刊")
    labels = Counter(match for line in lines for match in ISSUE_LABEL.findall(line))
    magazines = Counter(article.publication for article in articles if article.publication)
    first = min(a.start_line or 1 for a in articles)
    last = max(a.end_line or a.start_line or 0 for a in articles)
    edition = services.edition_create(
        user=user,
        title=title or f"{SERIES} · {volume_name}",
        magazine=magazines.most_common(1)[0][0] if magazines else "浙江工运",
        issue_label=labels.most_common(1)[0][0] if labels else "",
        publisher=PUBLISHER,
        foreword=_prose(lines[: first - 1]),
        afterword=_prose(lines[last:]),
    )
    volume = services.volume_create(edition=edition, name=volume_name, kind=kind)
    titles = _section_titles(lines, articles)
    sections: dict[str, object] = {}
    for article in articles:
        if article.column not in sections:
            sections[article.column] = services.section_create(volume=volume, title=titles[article.column])
        services.entries_add(section=sections[article.column], articles=[article])

    overview = next((a for a in articles if a.column == ArticleColumn.OVERVIEW), None)
    printed = _printed_statistics(overview)
    # The printed overview is the 综述 piece, printed as written: the portal's figures stay an
    # editor's tool on screen (and the comparison below); none is inserted into the issue.
    warnings = services.edition_checks(edition)
    # The printed volume is rebuilt as printed, residue and all: proofing lists what to clean.
    version = services.edition_freeze(
        edition=edition,
        user=user,
        accept_warnings=True,
        keep_errors=True,
        comment=_("由来源文件 %(name)s 重建") % {"name": path.name},
    )
    result = RebuildResult(
        edition=edition,
        version=version,
        entries=edition.entries.count(),
        warnings=[
            f"{'错误' if w.is_error else '提示'}：{w.where + ' ' if w.where else ''}{w.message}" for w in warnings
        ],
    )
    adoption = selectors.volume_adoption(volume)
    for row in printed:
        share = adoption.practice(row["practice"])
        if share is None:
            continue
        evidence = selectors.volume_evidence(volume, share.code)
        result.figures.append(
            ComparedFigure(
                code=share.code,
                name=share.name,
                printed=row.get("share"),
                qualifier={"about": "左右", "at_least": "以上", "nearly": "近", "more_than": "余"}.get(
                    row.get("qualifier", ""), ""
                ),
                count=share.count,
                total=share.total,
                percent=share.percent,
                evidence_units=sum(1 for item in evidence if item.lines),
            )
        )
    return result
