"""Writes of the editions app: compiling an issue, checking it, freezing it into versions.

Every change to an issue's content goes through here, inside one transaction that locks the
issue's row (two editors reordering the same section cannot interleave), and makes a frozen
issue a draft again: the next freeze stores a new version, the old ones never change.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from pilots.models import Article, ArticleColumn, PilotUnit, PublicationStatus

from . import selectors, stored, tasks
from .exporters import export
from .models import Edition, EditionStatus, EditionVersion, Entry, Section, Volume
from .proofing import Finding, edition_findings

# The most pieces one request may add ("add all results" of a broad search is bounded).
MAX_ADD = 500


def _lock(edition: Edition) -> Edition:
    return Edition.objects.select_for_update().get(pk=edition.pk)


def _touched(edition: Edition) -> None:
    """An edit: a frozen issue becomes a draft again (its versions stay as they were)."""
    if edition.status != EditionStatus.DRAFT:
        edition.status = EditionStatus.DRAFT
    edition.save(update_fields=["status", "updated_at"])


# ------------------------------------------------------------------------------ the issue itself
EDITION_FIELDS = ("title", "magazine", "issue_label", "issue_date", "publisher", "cover_image", "foreword", "afterword")


def edition_export(
    *, edition: Edition, fmt: str, number: int | None = None, progress=None
) -> tuple[EditionVersion, bytes]:
    """The file of a frozen version (the latest unless ``number``): exports never read the live issue."""
    versions = edition.versions.order_by("-number")
    version = versions.filter(number=number).first() if number else versions.first()
    if version is None:
        raise ValidationError(
            _("专刊“%(title)s”还没有定稿版本%(n)s，不能导出：请先定稿。")
            % {"title": edition.title, "n": f"（第{number}版）" if number else ""}
        )
    data = export(version.content, fmt, version=version.number, progress=progress, meta=stored.version_meta(version))
    return version, data


def edition_create(*, user=None, **fields) -> Edition:
    edition = Edition(created_by=user if user is not None and user.is_authenticated else None, **fields)
    edition.full_clean()
    edition.save()
    return edition


@transaction.atomic
def edition_update(*, edition: Edition, **fields) -> Edition:
    edition = _lock(edition)
    for name, value in fields.items():
        if name not in EDITION_FIELDS:
            raise ValueError(name)
        setattr(edition, name, value)
    edition.full_clean()
    edition.status = EditionStatus.DRAFT
    edition.save()
    return edition


@transaction.atomic
def volume_create(*, edition: Edition, name: str, kind: str = "", overview_text: str = "") -> Volume:
    edition = _lock(edition)
    order = (edition.volumes.aggregate(m=Max("order"))["m"] or 0) + 1
    volume = Volume(edition=edition, name=name.strip(), kind=kind, order=order, overview_text=overview_text)
    volume.full_clean()
    volume.save()
    _touched(edition)
    return volume


@transaction.atomic
def volume_update(*, volume: Volume, **fields) -> Volume:
    edition = _lock(volume.edition)
    for name, value in fields.items():
        if name not in ("name", "kind", "overview_text", "figures_table"):
            raise ValueError(name)
        setattr(volume, name, value)
    volume.full_clean()
    volume.save()
    _touched(edition)
    return volume


@transaction.atomic
def section_create(*, volume: Volume, title: str) -> Section:
    edition = _lock(volume.edition)
    order = (volume.sections.aggregate(m=Max("order"))["m"] or 0) + 1
    section = Section(volume=volume, title=title.strip(), order=order)
    section.full_clean()
    section.save()
    _touched(edition)
    return section


# ------------------------------------------------------------------------------ entries
@dataclass
class AddResult:
    added: list[Entry] = field(default_factory=list)
    skipped: list[tuple[Article, str]] = field(default_factory=list)  # (article, why)


def _renumber(section: Section) -> None:
    for position, entry in enumerate(section.entries.order_by("position", "id"), 1):
        if entry.position != position:
            Entry.objects.filter(pk=entry.pk).update(position=position)


@transaction.atomic
def entries_add(*, section: Section, articles: Iterable[Article]) -> AddResult:
    """Append ``articles`` to ``section`` in the given order; drafts and pieces already in the issue are skipped."""
    edition = _lock(section.volume.edition)
    result = AddResult()
    taken = dict(Entry.objects.filter(edition=edition).values_list("article_id", "section__title"))
    position = section.entries.aggregate(m=Max("position"))["m"] or 0
    for article in list(articles)[:MAX_ADD]:
        if article.status != PublicationStatus.PUBLISHED:
            result.skipped.append((article, _("文章尚未发布")))
            continue
        if article.pk in taken:
            result.skipped.append((article, _("已在本期“%(section)s”中") % {"section": taken[article.pk]}))
            continue
        position += 1
        entry = Entry(edition=edition, section=section, article=article, position=position)
        entry.full_clean()
        entry.save()
        taken[article.pk] = section.title
        result.added.append(entry)
    if result.added:
        _touched(edition)
    return result


def unit_articles(units: Iterable[PilotUnit]) -> list[Article]:
    """The published pieces about ``units`` (not overviews, which only mention them), in source order."""
    unit_ids = [unit.pk for unit in units][:MAX_ADD]
    articles = (
        Article.objects.published()
        .filter(units__in=unit_ids)
        .exclude(column=ArticleColumn.OVERVIEW)
        .distinct()
        .order_by("source_file", "start_line", "id")
        .prefetch_related("units")
    )
    order = {pk: index for index, pk in enumerate(unit_ids)}
    return sorted(articles, key=lambda a: min((order.get(u.pk, len(order)) for u in a.units.all()), default=0))


def entries_add_units(*, section: Section, units: Iterable[PilotUnit]) -> AddResult:
    """Add the published pieces about each of ``units`` (a case-library result) to ``section``."""
    return entries_add(section=section, articles=unit_articles(units))


@transaction.atomic
def entry_move(*, entry: Entry, direction: str) -> Entry:
    """Swap the entry with its neighbour above ("up") or below ("down") in its section."""
    _lock(entry.edition)
    entry = Entry.objects.get(pk=entry.pk)
    _renumber(entry.section)
    entry.refresh_from_db()
    siblings = entry.section.entries.order_by("position", "id")
    neighbour = (
        siblings.filter(position__lt=entry.position).order_by("-position").first()
        if direction == "up"
        else siblings.filter(position__gt=entry.position).order_by("position").first()
    )
    if neighbour is not None:
        entry.position, neighbour.position = neighbour.position, entry.position
        Entry.objects.filter(pk=entry.pk).update(position=entry.position)
        Entry.objects.filter(pk=neighbour.pk).update(position=neighbour.position)
        _touched(entry.edition)
    return entry


@transaction.atomic
def entry_move_to(*, entry: Entry, section: Section) -> Entry:
    """Move the entry to the end of another section of the same issue."""
    edition = _lock(entry.edition)
    if section.volume.edition_id != edition.pk:
        raise ValidationError({"section": _("栏目不属于这期专刊。")})
    if section.pk == entry.section_id:
        return entry
    old = entry.section
    entry.section = section
    entry.position = (section.entries.aggregate(m=Max("position"))["m"] or 0) + 1
    entry.full_clean()
    entry.save()
    _renumber(old)
    _touched(edition)
    return entry


@transaction.atomic
def entry_place(*, entry: Entry, section: Section, position: int | None = None) -> Entry:
    """Put the entry at ``position`` (1-based; None or past the end: last) of ``section`` of the same issue.

    Drag-and-drop, "移到第 N 位" and moving to another column at a chosen place all come here;
    both sections are renumbered 1..n, in one transaction under the issue's lock.
    """
    edition = _lock(entry.edition)
    if section.volume.edition_id != edition.pk:
        raise ValidationError({"section": _("栏目不属于这期专刊。")})
    entry = Entry.objects.select_related("section").get(pk=entry.pk)
    old_section = entry.section
    siblings = [e.pk for e in section.entries.order_by("position", "id") if e.pk != entry.pk]
    if position is None or position > len(siblings) + 1:
        position = len(siblings) + 1
    position = max(1, position)
    siblings.insert(position - 1, entry.pk)
    if old_section.pk != section.pk:
        Entry.objects.filter(pk=entry.pk).update(section=section)
    for index, pk in enumerate(siblings, 1):
        Entry.objects.filter(pk=pk).exclude(position=index).update(position=index)
    if old_section.pk != section.pk:
        _renumber(old_section)
    _touched(edition)
    entry.refresh_from_db()
    return entry


@transaction.atomic
def entry_restore(*, section: Section, article: Article, position: int | None = None, note: str = "") -> Entry:
    """Undo a removal: the article back into ``section`` at ``position``, with its editor's note."""
    result = entries_add(section=section, articles=[article])
    if not result.added:
        raise ValidationError(result.skipped[0][1] if result.skipped else _("无法恢复这篇文章。"))
    entry = result.added[0]
    if note:
        Entry.objects.filter(pk=entry.pk).update(note=note.strip()[:2000])
    return entry_place(entry=entry, section=section, position=position)


@transaction.atomic
def entry_update_note(*, entry: Entry, note: str) -> Entry:
    edition = _lock(entry.edition)
    entry.note = note.strip()
    entry.full_clean()
    entry.save(update_fields=["note"])
    _touched(edition)
    return entry


@transaction.atomic
def entry_remove(*, entry: Entry) -> None:
    edition = _lock(entry.edition)
    section = entry.section
    entry.delete()
    _renumber(section)
    _touched(edition)


# ------------------------------------------------------------------------------ checks before freezing
Warning = Finding  # the name the checks had before proofing read the text


def edition_checks(edition: Edition) -> list[Finding]:
    """What an editor must fix (errors) or look at (warnings) before freezing: editions.proofing."""
    return edition_findings(edition)


@transaction.atomic
def article_text_fix(*, edition: Edition, article_id: int, old: str, new: str, user=None) -> Article:
    """Apply a proofing fix in place: ``old`` (a run of a piece's text) becomes ``new`` in the article.

    Only a piece of this issue, and only when the run is still there (the text may have changed
    since the check): otherwise a ValidationError says so and nothing changes.
    """
    edition = _lock(edition)
    entry = Entry.objects.select_related("article").filter(edition=edition, article_id=article_id).first()
    if entry is None:
        raise ValidationError(_("这篇文章不在本期专刊中。"))
    article = Article.objects.select_for_update().get(pk=article_id)
    if not old or len(old) > 400 or len(new) > 400:
        raise ValidationError(_("修正的内容无效。"))
    for name in ("body", "headline", "subheadline"):
        value = getattr(article, name) or ""
        if old in value:
            setattr(article, name, value.replace(old, new, 1))
            article.save(update_fields=[name])
            _touched(edition)
            return article
    raise ValidationError(_("原文已经改变，这条修正不再适用：请重新检查。"))


# ------------------------------------------------------------------------------ snapshots
def _paragraphs(body: str) -> list[str]:
    return [line.strip() for line in body.splitlines() if line.strip()]


def _entry_content(entry: Entry) -> dict:
    article = entry.article
    # A draft unit's name stays out of the issue (freezing refuses such a piece; the preview too).
    units = [unit for unit in article.units.all() if unit.status == PublicationStatus.PUBLISHED]
    piece = {
        "article_id": article.pk,
        "column": article.column,
        "column_label": str(article.get_column_display()),
        "headline": article.title,
        "subheadline": article.subheadline,
        "reporters": article.reporter_list,
        "paragraphs": _paragraphs(article.body),
        "units": [{"id": unit.pk, "name": unit.name} for unit in units]
        if article.column != ArticleColumn.OVERVIEW
        else [],
        "unit_line": "、".join(unit.name for unit in units) if article.column != ArticleColumn.OVERVIEW else "",
        "status": article.status,
        "source_file": article.source_file,
        "start_line": article.start_line,
        "note": entry.note,
    }
    piece["text_hash"] = _hash({k: v for k, v in piece.items() if k != "note"})
    return piece


def _hash(data) -> str:
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _adoption_content(adoption) -> dict:
    return {
        "total": adoption.total,
        "areas": [
            {
                "code": area.code,
                "name": area.name,
                "practices": [
                    {"code": p.code, "name": p.name, "count": p.count, "total": p.total, "percent": p.percent}
                    for p in area.practices
                ],
            }
            for area in adoption.areas
        ],
    }


def _counted_pieces(volume: Volume) -> int:
    """How many of the volume's pieces report on a unit the figures count (the table's caption says so)."""
    units = selectors.volume_units(volume)
    return (
        Entry.objects.filter(section__volume=volume, article__units__in=units.values("pk"))
        .exclude(article__column=ArticleColumn.OVERVIEW)
        .values("pk")
        .distinct()
        .count()
    )


def _segment(segment) -> dict:
    return {"text": segment.text, "computed": segment.computed, "error": segment.error, "title": segment.title}


def edition_content(edition: Edition) -> dict:
    """The whole issue as plain data: what a version stores and every export reads."""
    edition = selectors.edition_detail(edition.pk)
    volumes = []
    number = 0
    for volume in edition.volumes.all():
        adoption = selectors.volume_adoption(volume)
        segments = selectors.overview_segments(volume.overview_text, adoption)
        sections = []
        for section in volume.sections.all():
            entries = []
            for entry in section.entries.all():
                number += 1
                entries.append({"number": number, **_entry_content(entry)})
            sections.append({"title": section.title, "entries": entries})
        statistics = _adoption_content(adoption)
        statistics["pieces"] = _counted_pieces(volume) if volume.figures_table else 0
        volumes.append(
            {
                "name": volume.name,
                "kind": volume.kind,
                "overview": {
                    # A volume whose 综述 is a printed piece shows the editor's figures under another heading.
                    "heading": "综述数字" if any(s["title"] == "综述" for s in sections) else "综述",
                    "text": volume.overview_text,
                    "segments": [_segment(s) for s in segments],
                    # The text as the editor wrote it, one paragraph per line, placeholders filled in.
                    "paragraphs": [
                        [_segment(s) for s in paragraph]
                        for paragraph in selectors.overview_paragraphs(volume.overview_text, adoption)
                    ],
                },
                "figures_table": volume.figures_table,
                "statistics": statistics,
                "sections": sections,
            }
        )
    return {
        "edition": {
            "id": edition.pk,
            "title": edition.title,
            "magazine": edition.magazine,
            "issue_label": edition.issue_label,
            "issue_date": edition.issue_date.isoformat() if edition.issue_date else "",
            "publisher": edition.publisher,
            "cover_image": edition.cover_image.name if edition.cover_image else "",
            "foreword": _paragraphs(edition.foreword),
            "afterword": _paragraphs(edition.afterword),
        },
        "volumes": volumes,
    }


class FreezeBlocked(Exception):
    """There are errors, or warnings the editor has not accepted."""

    def __init__(self, warnings: list[Finding]):
        errors = [w for w in warnings if w.is_error]
        blocking = [w for w in warnings if w.blocking]
        if blocking:
            message = _("有 %(n)s 处未发布（草稿）的文章或单位，不能定稿：") % {"n": len(blocking)}
            message += " ".join(warning.message for warning in blocking)
        elif errors:
            message = _("有 %(n)s 处错误，改正后才能定稿。") % {"n": len(errors)}
        else:
            message = _("定稿前有 %(n)s 条提示需要确认。") % {"n": len(warnings)}
        super().__init__(message)
        self.warnings = warnings
        self.errors = errors


@transaction.atomic
def edition_freeze(
    *, edition: Edition, user=None, accept_warnings: bool = False, comment: str = "", keep_errors: bool = False
) -> EditionVersion:
    """Store the issue as a new immutable version (or return the last one when nothing changed).

    The version's PDF, DOCX and HTML are queued to be built by a background job once the
    transaction commits (:mod:`editions.stored`): no request builds them.
    """
    edition = _lock(edition)
    warnings = edition_checks(edition)
    # Errors block freezing; only the rebuild of a printed volume (keep_errors) keeps what was printed.
    # Drafts block whatever was ticked: a version is what the public may read once it is published.
    errors = any(w.is_error for w in warnings) and not keep_errors
    if any(w.blocking for w in warnings) or errors or (warnings and not accept_warnings):
        raise FreezeBlocked(warnings)
    content = edition_content(edition)
    content_hash = _hash(content)
    latest = edition.versions.order_by("-number").first()
    if latest is not None and latest.content_hash == content_hash:
        version = latest
    else:
        content["accepted_warnings"] = [w.message for w in warnings]
        version = EditionVersion.objects.create(
            edition=edition,
            number=(latest.number if latest else 0) + 1,
            content=content,
            content_hash=content_hash,
            created_by=user if user is not None and user.is_authenticated else None,
            comment=comment.strip()[:200],
        )
    edition.status = EditionStatus.FROZEN
    edition.save(update_fields=["status", "updated_at"])
    tasks.exports_queue(version)
    return version


@transaction.atomic
def edition_publish(*, edition: Edition, version: EditionVersion | None) -> Edition:
    """Make ``version`` the one everyone may read (None withdraws the issue)."""
    edition = _lock(edition)
    if version is not None and version.edition_id != edition.pk:
        raise ValidationError({"published_version": _("版本不属于这期专刊。")})
    edition.published_version = version
    edition.save(update_fields=["published_version", "updated_at"])
    return edition
