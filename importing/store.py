"""Writing parsed pieces to the portal's records: one transaction per file, drafts by default.

Without ``--publish`` an import writes draft articles only: what was read from each (figures, the
measure and its practices, service positions) waits as :class:`Proposal` rows on the article's
import record until an editor accepts it on the review screen and publishes — nothing lands on a
published unit, so nothing reaches the public. A unit the import finds no record of is created as
a draft. ``--publish`` (trusted bulk loads) accepts everything read and publishes at once, through
the same :func:`apply_record` the review screen uses.

Units are matched by their normalised full name, so a unit the fixtures or an earlier import
created is reused, never duplicated; articles by (source file, unit, column), so a corrected file
whose lines moved still updates the same article. Editors' changes survive re-imports through
``ImportRecord`` (see there); a proposal an editor accepted is never overwritten by a re-import,
the summary names the conflict instead.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from pilots.models import (
    QUALIFIER_BY_TEXT,
    Article,
    ImportRecord,
    ImportRun,
    IndicatorDefinition,
    PilotUnit,
    PositionKind,
    PositionTier,
    Practice,
    Proposal,
    ProposalKind,
    PublicationStatus,
    ReformMeasure,
    ReviewStatus,
)
from pilots.services import case
from pilots.text import normalise_name

from .accept import COLUMNS, apply_record, measure_title, new_unit
from .extract import indicator_codes
from .pipeline import ParsedFile, ParsedPiece
from .summary import ImportSummary

MERGED_FIELDS = ("headline", "subheadline", "kicker", "column", "volume", "reporters", "publication", "page", "body")


class _Rollback(Exception):
    """Raised inside the transaction of a dry run so that nothing it wrote is kept."""


def import_store(
    *,
    parsed: ParsedFile,
    summary: ImportSummary,
    publish: bool = False,
    dry_run: bool = False,
    user=None,
    on_piece=None,
) -> ImportRun | None:
    """Write every piece of one parsed file in one transaction (rolled back when ``dry_run``).

    The file's counts join ``summary`` only once it is written, so a file that fails half-way
    counts for nothing, like the records it did not keep. ``on_piece()`` is called after each piece
    (a job's progress).
    """
    counts = ImportSummary()
    run = None
    try:
        with transaction.atomic():
            writer = _FileWriter(parsed, counts, publish, user)
            for piece in parsed.pieces:
                writer.write(piece)
                if on_piece is not None:
                    on_piece()
            run = writer.run
            if dry_run:
                raise _Rollback
    except _Rollback:
        run = None
    summary.add(counts)
    return run


class _FileWriter:
    def __init__(self, parsed: ParsedFile, summary: ImportSummary, publish: bool, user=None):
        self.parsed = parsed
        self.summary = summary
        self.publish = publish
        self.user = user
        self.definitions = {d.code: d for d in IndicatorDefinition.objects.all()}
        self.practices = {p.code: p for p in Practice.objects.all()}
        self.matched: set[int] = set()  # articles already claimed by a piece of this file
        self.run, _ = ImportRun.objects.update_or_create(
            source_file=parsed.name,
            defaults={"source_sha256": parsed.sha256, "source_text": parsed.text, "imported_by": user},
        )

    def write(self, piece: ParsedPiece) -> None:
        self.summary.pieces += 1
        unit = self.unit(piece) if piece.unit_name else None
        _article, owned, record = self.article(piece, unit)
        if not owned:
            # An article loaded from elsewhere (the hand-checked fixtures) keeps its measures,
            # positions and figures: adding unreviewed figures to a published article would
            # publish them without an editor's check.
            self.summary.articles_kept += 1
            return
        self.proposals(piece, record)
        if self.publish:
            record.status = ReviewStatus.ACCEPTED
            record.save(update_fields=["status"])
            record.proposals.exclude(status=ReviewStatus.REJECTED).update(status=ReviewStatus.ACCEPTED)
            applied = apply_record(record, user=self.user, summary=self.summary, file_name=self.parsed.name)
            self.summary.indicators += applied

    def unit(self, piece: ParsedPiece) -> PilotUnit | None:
        """The portal's unit of that name; a name it has none for is a proposal (新单位): no unit
        exists until an editor accepts the piece and publishes it (``--publish`` does both)."""
        name = normalise_name(piece.unit_name)
        unit = case.unit_named(name)
        if unit is not None:
            self.summary.units_matched += 1
            return unit
        if not self.publish:
            self.summary.units_proposed += 1
            return None
        if not piece.city:
            # A union the page names without any place: no unit is made without one (the editor
            # gives its place on the review screen, then publishes).
            self.summary.units_proposed += 1
            self.summary.conflicts.append(
                f"{self.parsed.name} 第{piece.start_line}行：新单位“{name}”原文没有写明所在的市、县，未建立；"
                "请在审核页面填写带地名的全称后再发布"
            )
            return None
        self.summary.units_created += 1
        return new_unit(
            {"name": name, "city": piece.city, "county": piece.county, "street": piece.street, "kind": piece.unit_kind},
            section=piece.section,
            user=self.user,
        )

    def article(self, piece: ParsedPiece, unit: PilotUnit | None) -> tuple[Article, bool, ImportRecord | None]:
        """Create or update the piece's article and its import record; also says whether the importer owns it."""
        column = COLUMNS[piece.section]
        values = {
            "headline": (piece.headline or "")[:200],
            "subheadline": (piece.subheadline or "")[:200],
            "kicker": (piece.kicker or "")[:100],
            "column": column,
            "volume": self.parsed.volume,
            "reporters": piece.reporter or "",
            "publication": (piece.outlet or self.parsed.publication)[:100],
            "page": (piece.page or "")[:20],
            "body": piece.body,
        }
        article = self._matching_article(piece, column, unit)
        record = ImportRecord.objects.filter(article=article).first() if article else None
        owned = article is None or record is not None
        published = article is not None and article.status == PublicationStatus.PUBLISHED
        if article is not None and published and not self.publish:
            # A published article changes only through the review screen (or a --publish load):
            # the summary says where the new text differs, the proposals below follow the text.
            self.summary.articles_updated += 1
            changed = [name for name in MERGED_FIELDS if getattr(article, name) != values[name]]
            if changed and owned:
                labels = "、".join(str(Article._meta.get_field(name).verbose_name) for name in changed)
                self.summary.conflicts.append(
                    f"{self.parsed.name} 第{article.start_line}行“{article.title}”已发布，新文本的{labels}不同，未修改"
                )
            self.matched.add(article.pk)
            return article, owned, self._record(article, record, piece, values) if owned else None
        if article is None:
            article = Article(source_file=self.parsed.name, **values)
            self.summary.articles_created += 1
        else:
            self._merge(article, values, record)
            self.summary.articles_updated += 1
        if owned:
            article.start_line, article.end_line = piece.start_line, piece.end_line
            article.source_sha256 = self.parsed.sha256
        if article.pk is None:
            article.status = PublicationStatus.DRAFT
        if piece.date and not article.published_on:
            article.published_on = date.fromisoformat(piece.date)  # the date the page states, never today's
        article.full_clean()
        article._history_user = self.user
        article.save()
        self.matched.add(article.pk)
        if unit is not None and (owned or self.publish):
            # The other units the article is about are linked when the portal knows them already.
            others = PilotUnit.objects.filter(name__in=piece.unit_names[1:]).exclude(pk=unit.pk)
            article.units.add(unit, *others)
        return article, owned, self._record(article, record, piece, values) if owned else None

    def _record(self, article: Article, record: ImportRecord | None, piece: ParsedPiece, values: dict):
        unit = {
            "name": piece.unit_name,
            "names": piece.unit_names,
            "city": piece.city,
            "county": piece.county,
            "street": piece.street,
            "kind": piece.unit_kind,
        }
        record_values = {**(record.values if record else {}), **values, "unit": unit}
        record, _ = ImportRecord.objects.update_or_create(
            article=article,
            defaults={"source_sha256": self.parsed.sha256, "values": record_values, "run": self.run},
        )
        return record

    def _matching_article(self, piece: ParsedPiece, column: str, unit: PilotUnit | None) -> Article | None:
        """The article an earlier load of this file made for the piece, if any.

        The same line span first; else the same unit and column, nearest in the file (a corrected
        file moves lines), never one already taken by another piece of this run: a file may hold
        several articles about one unit.
        """
        same_span = Article.objects.filter(source_file=self.parsed.name, start_line=piece.start_line).first()
        if same_span is not None and same_span.pk not in self.matched:
            self.matched.add(same_span.pk)
            return same_span
        candidates = Article.objects.filter(source_file=self.parsed.name, column=column).exclude(pk__in=self.matched)
        if unit is not None:
            candidates = candidates.filter(units=unit)
        article = min(candidates, key=lambda a: abs((a.start_line or 0) - piece.start_line), default=None)
        if article is not None:
            self.matched.add(article.pk)
        return article

    def _merge(self, article: Article, values: dict, record: ImportRecord | None) -> None:
        """Three-way merge of one article: last import, the editor's version, the new text."""
        for name in MERGED_FIELDS:
            new, current = values[name], getattr(article, name)
            if new == current:
                continue
            if record is None:
                if not current and self.publish:  # loaded from elsewhere (fixtures): only fill what is missing
                    setattr(article, name, new)
                continue
            previous = record.values.get(name)
            if current == previous:
                setattr(article, name, new)
            elif new != previous:
                setattr(article, name, new)
                label = Article._meta.get_field(name).verbose_name
                self.summary.overwritten.append(
                    f"{self.parsed.name} 第{article.start_line}行“{article.title}”：编辑修改过的“{label}”已被新文本覆盖"
                )

    # --- proposals --------------------------------------------------------------------------

    def proposals(self, piece: ParsedPiece, record: ImportRecord) -> None:
        """Bring the record's proposals in line with the text: pending ones follow it, accepted
        or published ones are kept and a difference is reported as a conflict."""
        wanted = self._wanted(piece, record)
        existing = {(p.kind, p.key): p for p in record.proposals.all()}
        for order, (kind, key, value, line) in enumerate(wanted):
            proposal = existing.pop((kind, key), None)
            if proposal is None:
                Proposal.objects.create(record=record, kind=kind, key=key, value=value, line=line, order=order)
                self.summary.proposals += 1
                continue
            decided = proposal.status in (ReviewStatus.ACCEPTED, ReviewStatus.PUBLISHED)
            if decided and self.publish and _comparable(proposal.value) != _comparable(value):
                # A trusted --publish load takes the new text, and says which accepted value it replaced.
                where = f"{self.parsed.name} 第{line or record.article.start_line}行"
                self.summary.overwritten.append(f"{where} {proposal}：已改为“{_describe(kind, value)}”")
            elif decided and proposal.value != value:
                if _comparable(proposal.value) != _comparable(value):
                    note = f"新文本为“{_describe(kind, value)}”，已接受的值未改动"
                    self.summary.conflicts.append(
                        f"{self.parsed.name} 第{line or record.article.start_line}行 {proposal}：{note}"
                    )
                    proposal.conflict = note[:300]
                    proposal.order, proposal.line = order, line
                    proposal.save(update_fields=["conflict", "order", "line", "updated_at"])
                continue
            proposal.value, proposal.line, proposal.order, proposal.conflict = value, line, order, ""
            proposal.save(update_fields=["value", "line", "order", "conflict", "updated_at"])
        for proposal in existing.values():
            if self.publish or proposal.status in (ReviewStatus.PENDING, ReviewStatus.REJECTED):
                proposal.delete()  # the corrected text no longer states it
            else:
                note = "新文本中已没有这一项，已接受的值未改动"
                self.summary.conflicts.append(f"{self.parsed.name} {proposal}：{note}")
                proposal.conflict = note
                proposal.save(update_fields=["conflict", "updated_at"])

    def _wanted(self, piece: ParsedPiece, record: ImportRecord) -> list[tuple[str, str, dict, int | None]]:
        wanted: list[tuple[str, str, dict, int | None]] = []
        if not piece.unit_name:
            return wanted
        codes = [code for code in piece.practices if code in self.practices]
        title = measure_title(piece)
        if codes or ReformMeasure.objects.filter(title=record.values.get("applied_measure_title") or title).exists():
            label = piece.positions[0]["label"] if piece.positions else ""
            wanted.append((ProposalKind.MEASURE, "measure", {"title": title, "label": label}, piece.start_line))
            for code in codes:
                practice = self.practices[code]
                wanted.append((ProposalKind.PRACTICE, code, {"code": code, "name": practice.name}, None))
        for model in piece.positions:
            for tier, kind, count, word in _tiers(model):
                name = f"“{model['label']}”{word}"
                value = {"label": model["label"], "tier": tier, "kind": kind, "name": name, "count": count}
                wanted.append((ProposalKind.POSITION, f"{model['label']}:{tier}", value, None))
        seen: dict[tuple[str, int], int] = {}
        # The year of the page's date, else of the issue or the latest year it names; none stated is
        # none (an editor gives it on the review screen), never today's.
        year = int(piece.date[:4]) if piece.date else self.parsed.year
        for figure in piece.indicators:
            codes = [code for code in indicator_codes(figure) if code in self.definitions]
            if not codes:
                # Shown to the editor all the same, who may give it an indicator before accepting it.
                self.summary.unclassified_figures += 1
                codes = [""]
            for code in codes:
                definition = self.definitions.get(code)
                value = figure.normalised.quantize(Decimal("0.0001"))
                problem = definition.validation_error(value) if definition else None
                if problem:
                    self.summary.warnings.append(f"{self.parsed.name} 第{figure.line}行“{figure.raw}”未导入：{problem}")
                    continue
                n = seen[(code, figure.line)] = seen.get((code, figure.line), 0) + 1
                data = {
                    "indicator": code,
                    "indicator_name": definition.name if definition else "",
                    "value": _plain(value),
                    "qualifier": str(QUALIFIER_BY_TEXT[figure.qualifier or ""]),
                    "year": figure.year or year,
                    "phrase": figure.phrase[:30],
                    "display": figure.raw,
                    "unit": figure.unit,
                    "planned": figure.planned,
                }
                wanted.append((ProposalKind.FIGURE, f"{code or '-'}:{figure.line}:{n}", data, figure.line))
        return wanted


def _tiers(model: dict):
    for tier, kind, count, word in (
        (PositionTier.CENTRE, PositionKind.SERVICE_CENTRE, model["centre"], "职工服务中心"),
        (PositionTier.STATION, PositionKind.SERVICE_STATION, model["stations"], "职工服务站"),
        (PositionTier.POINT, PositionKind.SERVICE_POINT, model["points"], "职工服务点"),
    ):
        if count:
            yield str(tier), str(kind), count, word


def _plain(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text


def _comparable(value: dict) -> dict:
    return {key: item for key, item in value.items() if key not in ("display", "phrase", "indicator_name")}


def _describe(kind: str, value: dict) -> str:
    if kind == ProposalKind.FIGURE:
        return f"{value.get('display') or value.get('value')}"
    if kind == ProposalKind.POSITION:
        return f"{value.get('name')}×{value.get('count')}"
    return str(value.get("title") or value.get("name") or "")
