"""Applying what an editor accepted (or a ``--publish`` load brings): a proposed new unit placed in
the gazetteer, the accepted proposals of one piece written to the public case through its front door
(``pilots.services.case``), and a whole run published. The review screen's publish and
``import_cases --publish`` both come here.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from pilots.models import (
    ArticleColumn,
    ImportRecord,
    ImportRun,
    IndicatorDefinition,
    IndicatorValue,
    PilotLevel,
    PilotUnit,
    Practice,
    ProposalKind,
    PublicationStatus,
    ReformMeasure,
    ReviewStatus,
)
from pilots.services import case
from pilots.text import normalise_name

from .pipeline import ParsedPiece
from .summary import ImportSummary

COLUMNS = {
    "special": ArticleColumn.SPECIAL,
    "feature": ArticleColumn.FEATURE,
    "sketch": ArticleColumn.SKETCH,
    "overview": ArticleColumn.OVERVIEW,
    "article": ArticleColumn.NEWS,
}
PILOT_LEVELS = {"special": PilotLevel.PROVINCIAL, "feature": PilotLevel.CITY_COUNTY, "sketch": PilotLevel.CITY_COUNTY}


def new_unit(data: dict, *, section: str = "article", user=None) -> PilotUnit:
    """A unit an editor accepted (or a ``--publish`` load brings), placed in the gazetteer; a draft
    until its piece is published."""
    name = normalise_name(data["name"])
    # A street named with its city only ("杭州市湖滨街道……工会") is placed in the city: the gazetteer
    # adds a street only under its county.
    street = data.get("street") if data.get("county") else None
    region, _added = case.region_by_names(data.get("city"), data.get("county"), street, add_street=True)
    short_name = name
    for place in (data.get("city"), data.get("county")):
        if place and short_name.startswith(place):
            short_name = short_name[len(place) :]
    unit, _outcome = case.unit_put(
        name=name,
        values={
            # 小营街道总工会 for 杭州市上城区小营街道总工会; a city or county federation has none.
            "short_name": "" if short_name in (name, "总工会", "工会") else short_name[:60],
            "kind": data.get("kind") or "",
            "region": region,
            "pilot_level": PILOT_LEVELS.get(section, PilotLevel.NONE),
            "status": PublicationStatus.DRAFT,
        },
        user=user,
    )
    return unit


def apply_record(record: ImportRecord, *, user=None, summary: ImportSummary | None = None, file_name: str = "") -> int:
    """Publish one accepted piece: its article, its draft units and the proposals accepted on it.

    Runs inside the caller's transaction. Returns the number of figures written. Proposals that
    are pending or rejected are left as they are: accepting part of a piece publishes that part.
    """
    summary = summary or ImportSummary()
    article = record.article
    definitions = {d.code: d for d in IndicatorDefinition.objects.all()}
    practices = {p.code: p for p in Practice.objects.all()}
    unit_data = record.values.get("unit") or {}
    units = list(article.units.all())
    if not units and unit_data.get("name") and not unit_data.get("city"):
        # A proposal without a place (the review screen refuses to accept it): no unit is made.
        summary.conflicts.append(
            f"{file_name}“{article.title}”：新单位“{unit_data['name']}”没有所在的市、县，未建立；请在审核页面填写带地名的全称"
        )
    elif not units and unit_data.get("name"):
        # The proposed new unit (新单位): accepted with its piece, it exists from now on.
        unit = case.unit_named(unit_data["name"]) or new_unit(unit_data, user=user)
        article.units.add(unit)
        units = [unit]
    for unit in units:
        if unit.status != PublicationStatus.PUBLISHED:
            region = None
            if unit.name == unit_data.get("name") and unit_data.get("street") and unit_data.get("county"):
                region, _added = case.region_by_names(
                    unit_data.get("city"), unit_data.get("county"), unit_data["street"], add_street=True
                )
            case.unit_publish(unit, region=region, user=user)
    if article.status != PublicationStatus.PUBLISHED:
        article.status = PublicationStatus.PUBLISHED
        article._history_user = user
        article.save()
    main = next(
        (u for u in units if u.name == normalise_name(unit_data.get("name") or "")), units[0] if units else None
    )
    accepted = list(record.proposals.filter(status__in=[ReviewStatus.ACCEPTED, ReviewStatus.PUBLISHED]))
    written = 0
    if main is not None:
        measure = None
        for proposal in accepted:
            if proposal.kind == ProposalKind.MEASURE:
                measure = _apply_measure(main, proposal.value, record, user)
        if measure is not None:
            codes = [p.key for p in accepted if p.kind == ProposalKind.PRACTICE and p.key in practices]
            measure.practices.add(*[practices[code] for code in codes])  # an editor's additions stay
        for proposal in accepted:
            if proposal.kind == ProposalKind.POSITION:
                _apply_position(main, proposal.value, user)
        kept = []
        existing = list(IndicatorValue.objects.filter(unit=main))
        for proposal in accepted:
            if proposal.kind != ProposalKind.FIGURE:
                continue
            definition = definitions.get(proposal.value.get("indicator"))
            if definition is None:
                continue
            value = _apply_figure(main, definition, proposal, article, existing, user, file_name or article.source_file)
            if value is not None:
                kept.append(value.pk)
                written += 1
        stale = set(record.indicator_ids) - set(kept)
        IndicatorValue.objects.filter(pk__in=stale, source_article=article).delete()
        record.indicator_ids = kept
    record.status = ReviewStatus.PUBLISHED
    record.save(update_fields=["status", "indicator_ids", "values"])
    record.proposals.filter(status=ReviewStatus.ACCEPTED).update(status=ReviewStatus.PUBLISHED)
    return written


def _apply_measure(unit: PilotUnit, value: dict, record: ImportRecord, user) -> ReformMeasure:
    title = (value.get("title") or "")[:100]
    previous = record.values.get("applied_measure_title")
    measure = case.case_row(ReformMeasure, case.measure_key(unit, title))
    if measure._state.adding and previous:
        # The measure this article's last publication wrote, renamed if a corrected headline changed it.
        measure = ReformMeasure.objects.filter(**case.measure_key(unit, previous)).first() or measure
    values = {"title": title}
    if not measure.label and value.get("label"):
        values["label"] = value["label"][:40]
    case.case_row_save(measure, values, user=user, exclude=case.RELATED)
    record.values = {**record.values, "applied_measure_title": title}
    return measure


def _apply_position(unit: PilotUnit, value: dict, user) -> None:
    values = {"kind": value["kind"], "count": int(value["count"])}
    case.position_put(unit=unit, tier=value["tier"], name=value["name"], values=values, user=user)


def _apply_figure(unit, definition, proposal, article, existing, user, file_name) -> IndicatorValue | None:
    data = proposal.value
    value = Decimal(str(data["value"])).quantize(Decimal("0.0001"))
    if definition.validation_error(value):
        return None
    if not data.get("year"):
        return None  # no year stated: the figure waits for an editor to give one
    year, phrase, line = int(data["year"]), (data.get("phrase") or "")[:30], proposal.line
    for known in existing:
        if known.definition_id != definition.pk:
            continue
        near = known.source_line is not None and line is not None and abs(known.source_line - line) <= 2
        if known.value == value and known.source_file == file_name and near and known.qualifier == data["qualifier"]:
            return known  # read from this file before: unchanged
    key = case.figure_key(unit, definition, year, phrase)
    stored = next(
        (v for v in existing if (v.definition_id, v.year, v.phrase) == (definition.pk, key["year"], key["phrase"])),
        None,
    ) or case.case_row(IndicatorValue, key)
    values = {
        "value": value,
        "qualifier": data["qualifier"],
        "source_article": article,
        "source_file": file_name,
        "source_line": line,
    }
    case.case_row_save(stored, values, user=user, exclude=case.RELATED, validate_unique=False)
    if stored not in existing:
        existing.append(stored)
    return stored


def publish_import(run: ImportRun, *, user=None) -> int:
    """Publish every accepted piece of an import in one transaction; returns how many were published."""
    published = 0
    with transaction.atomic():
        for record in run.records.filter(status=ReviewStatus.ACCEPTED).select_related("article"):
            apply_record(record, user=user, file_name=run.source_file)
            published += 1
        run.published_at = timezone.now()
        run.published_by = user
        run.save(update_fields=["published_at", "published_by"])
    return published


def measure_title(piece: ParsedPiece) -> str:
    """The title of the measure an imported piece evidences: its headline, else its column."""
    return (piece.headline or f"{COLUMNS[piece.section].label}所述做法")[:100]
