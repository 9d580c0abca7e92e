"""Writing parsed pieces to the portal's records: one transaction per file, drafts by default.

Units are matched by their normalised full name, so a unit the fixtures or an earlier import
created is reused, never duplicated; articles by (source file, unit, column), so a corrected file
whose lines moved still updates the same article. Editors' changes survive re-imports through
``ImportRecord`` (see there).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction

from pilots.models import (
    QUALIFIER_BY_TEXT,
    Article,
    ArticleColumn,
    ImportRecord,
    IndicatorDefinition,
    IndicatorValue,
    PilotLevel,
    PilotUnit,
    PositionKind,
    PositionTier,
    Practice,
    PublicationStatus,
    ReformMeasure,
    ServicePosition,
)
from pilots.services.portal_data import LoadReport, resolve_region
from pilots.text import normalise_name

from .extract import Figure, indicator_codes
from .pipeline import ParsedFile, ParsedPiece

COLUMNS = {
    "special": ArticleColumn.SPECIAL,
    "feature": ArticleColumn.FEATURE,
    "sketch": ArticleColumn.SKETCH,
    "overview": ArticleColumn.OVERVIEW,
    "article": ArticleColumn.NEWS,
}
PILOT_LEVELS = {"special": PilotLevel.PROVINCIAL, "feature": PilotLevel.CITY_COUNTY, "sketch": PilotLevel.CITY_COUNTY}
RELATED = ["unit", "definition", "source_article"]  # foreign keys the writer sets from instances it holds
MERGED_FIELDS = ("headline", "subheadline", "column", "volume", "reporters", "publication", "body")


@dataclass
class ImportSummary:
    """Counts and messages of one run, over all files."""

    files: int = 0
    pieces: int = 0
    units_created: int = 0
    units_matched: int = 0
    articles_created: int = 0
    articles_updated: int = 0
    articles_kept: int = 0
    indicators: int = 0
    unclassified_figures: int = 0
    warnings: list[str] = field(default_factory=list)
    overwritten: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def add(self, other: "ImportSummary") -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)


class _Rollback(Exception):
    """Raised inside the transaction of a dry run so that nothing it wrote is kept."""


def import_store(*, parsed: ParsedFile, summary: ImportSummary, publish: bool = False, dry_run: bool = False) -> None:
    """Write every piece of one parsed file in one transaction (rolled back when ``dry_run``).

    The file's counts join ``summary`` only once it is written, so a file that fails half-way
    counts for nothing, like the records it did not keep.
    """
    counts = ImportSummary()
    try:
        with transaction.atomic():
            writer = _FileWriter(parsed, counts, publish)
            for piece in parsed.pieces:
                writer.write(piece)
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    summary.add(counts)


class _FileWriter:
    def __init__(self, parsed: ParsedFile, summary: ImportSummary, publish: bool):
        self.parsed = parsed
        self.summary = summary
        self.status = PublicationStatus.PUBLISHED if publish else PublicationStatus.DRAFT
        self.definitions = {d.code: d for d in IndicatorDefinition.objects.all()}
        self.practices = {p.code: p for p in Practice.objects.all()}
        self.region_report = LoadReport()
        self.matched: set[int] = set()  # articles already claimed by a piece of this file

    def write(self, piece: ParsedPiece) -> None:
        self.summary.pieces += 1
        unit = self.unit(piece) if piece.unit_name else None
        article, owned, previous = self.article(piece, unit)
        if not owned:
            # An article loaded from elsewhere (the hand-checked fixtures) keeps its measures,
            # positions and figures: adding unreviewed figures to a published article would
            # publish them without an editor's check.
            self.summary.articles_kept += 1
            return
        if unit is None:
            return
        self.measure(piece, unit, previous.get("measure_title"))
        self.positions(piece, unit)
        self.indicators(piece, unit, article)

    def unit(self, piece: ParsedPiece) -> PilotUnit:
        name = normalise_name(piece.unit_name)
        unit = PilotUnit.objects.filter(name=name).first()
        if unit is not None:
            self.summary.units_matched += 1
            if self.status == PublicationStatus.PUBLISHED and unit.status != self.status:
                unit.status = self.status
                unit.full_clean()
                unit.save(update_fields=["status", "updated_at"])
            return unit
        region = resolve_region(piece.city, piece.county, piece.street, self.region_report)
        short_name = name
        for place in (piece.city, piece.county):
            if place and short_name.startswith(place):
                short_name = short_name[len(place) :]
        unit = PilotUnit(
            name=name,
            # 小营街道总工会 for 杭州市上城区小营街道总工会; a city or county federation has none.
            short_name="" if short_name in (name, "总工会", "工会") else short_name[:60],
            kind=piece.unit_kind,
            region=region,
            pilot_level=PILOT_LEVELS.get(piece.section, PilotLevel.NONE),
            status=self.status,
        )
        unit.full_clean()
        unit.save()
        self.summary.units_created += 1
        return unit

    def article(self, piece: ParsedPiece, unit: PilotUnit | None) -> tuple[Article, bool, dict]:
        """Create or update the piece's article; also says whether the importer owns it and what it last wrote."""
        column = COLUMNS[piece.section]
        values = {
            "headline": (piece.headline or "")[:200],
            "subheadline": (piece.subheadline or "")[:200],
            "column": column,
            "volume": self.parsed.volume,
            "reporters": piece.reporter or "",
            "publication": self.parsed.publication,
            "body": piece.body,
        }
        article = self._matching_article(piece, column, unit)
        record = ImportRecord.objects.filter(article=article).first() if article else None
        owned = article is None or record is not None
        previous = dict(record.values) if record else {}
        if article is None:
            article = Article(source_file=self.parsed.name, **values)
            self.summary.articles_created += 1
        else:
            self._merge(article, values, record)
            self.summary.articles_updated += 1
        if owned:
            article.start_line, article.end_line = piece.start_line, piece.end_line
            article.source_sha256 = self.parsed.sha256
        if self.status == PublicationStatus.PUBLISHED or article.pk is None:
            article.status = self.status
        article.full_clean()
        article.save()
        self.matched.add(article.pk)
        if unit is not None:
            article.units.add(unit)
        if owned:
            ImportRecord.objects.update_or_create(
                article=article,
                defaults={
                    "source_sha256": self.parsed.sha256,
                    "values": {**values, "measure_title": _measure_title(piece)},
                },
            )
        return article, owned, previous

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
                if not current:  # loaded from elsewhere (fixtures): only fill what is missing
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

    def measure(self, piece: ParsedPiece, unit: PilotUnit, previous_title: str | None) -> None:
        codes = [code for code in piece.practices if code in self.practices]
        title = _measure_title(piece)
        measures = ReformMeasure.objects.filter(unit=unit)
        # The measure this article's last import wrote, renamed if a corrected headline changed it.
        measure = measures.filter(title=title).first() or (
            measures.filter(title=previous_title).first() if previous_title else None
        )
        if not codes and measure is None:
            return
        measure = measure or ReformMeasure(unit=unit)
        measure.title = title
        if not measure.label and piece.positions:
            measure.label = piece.positions[0]["label"]
        measure.full_clean(exclude=RELATED)
        measure.save()
        measure.practices.add(*[self.practices[code] for code in codes])  # an editor's additions stay

    def positions(self, piece: ParsedPiece, unit: PilotUnit) -> None:
        for model in piece.positions:
            label = model["label"]
            for tier, kind, count, word in (
                (PositionTier.CENTRE, PositionKind.SERVICE_CENTRE, model["centre"], "职工服务中心"),
                (PositionTier.STATION, PositionKind.SERVICE_STATION, model["stations"], "职工服务站"),
                (PositionTier.POINT, PositionKind.SERVICE_POINT, model["points"], "职工服务点"),
            ):
                if not count:
                    continue
                position = ServicePosition.objects.filter(unit=unit, tier=tier, name=f"“{label}”{word}").first()
                position = position or ServicePosition(unit=unit, tier=tier, name=f"“{label}”{word}")
                position.kind, position.count = kind, count
                position.full_clean(exclude=RELATED)
                position.save()

    def indicators(self, piece: ParsedPiece, unit: PilotUnit, article: Article) -> None:
        record = ImportRecord.objects.filter(article=article).first()
        # One query per piece: the unit's figures are matched in memory, by their natural key or,
        # for figures read from this file before, by value near the same line.
        existing = list(IndicatorValue.objects.filter(unit=unit))
        kept: list[int] = []
        for figure in piece.indicators:
            codes = [code for code in indicator_codes(figure) if code in self.definitions]
            if not codes:
                self.summary.unclassified_figures += 1
            for code in codes:
                value = self._value(figure, self.definitions[code], unit, article, existing)
                if value is not None:
                    kept.append(value.pk)
        if record is not None:
            stale = set(record.indicator_ids) - set(kept)
            IndicatorValue.objects.filter(pk__in=stale, source_article=article).delete()
            record.indicator_ids = kept
            record.save(update_fields=["indicator_ids"])

    def _value(
        self, figure: Figure, definition: IndicatorDefinition, unit: PilotUnit, article: Article, existing: list
    ) -> IndicatorValue | None:
        value = figure.normalised.quantize(Decimal("0.0001"))
        problem = definition.validation_error(value)
        if problem:
            self.summary.warnings.append(f"{self.parsed.name} 第{figure.line}行“{figure.raw}”未导入：{problem}")
            return None
        year, phrase = figure.year or self._year(), figure.phrase[:30]
        for known in existing:
            if known.definition_id != definition.pk:
                continue
            near = known.source_line is not None and abs(known.source_line - figure.line) <= 2
            if known.value == value and known.source_file == self.parsed.name and near:
                return known  # read from this file before: unchanged
        stored = next(
            (v for v in existing if (v.definition_id, v.year, v.phrase) == (definition.pk, year, phrase)), None
        ) or IndicatorValue(unit=unit, definition=definition, year=year, phrase=phrase)
        stored.value = value
        stored.qualifier = QUALIFIER_BY_TEXT[figure.qualifier or ""]
        stored.source_article = article
        stored.source_file = self.parsed.name
        stored.source_line = figure.line
        # The related records are the instances in hand, and uniqueness is settled by the
        # in-memory match above (and the database): skip the look-ups that re-check them.
        stored.full_clean(exclude=RELATED, validate_unique=False, validate_constraints=False)
        stored.save()
        existing.append(stored)
        self.summary.indicators += 1
        return stored

    def _year(self) -> int:
        return self.parsed.year or date.today().year


def _measure_title(piece: ParsedPiece) -> str:
    """The title of the measure an imported piece evidences: its headline, else its column."""
    return (piece.headline or f"{COLUMNS[piece.section].label}所述做法")[:100]
