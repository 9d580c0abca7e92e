"""Reads of the reporting workflow shared by the pages, the API and the exports."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, FilteredRelation, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from pilots.models import IndicatorDefinition, IndicatorValue, PilotLevel, PilotUnit, Region, RegionLevel
from pilots.text import pinyin_key

from .models import (
    EDITABLE_STATUSES,
    AnnualRecord,
    RecordStatus,
    RecordTransition,
    RecordValue,
    ReportingDeadline,
    TransitionAction,
)
from .permissions import visible_records
from .services.publication import publication_phrase


def record_detail(queryset: QuerySet[AnnualRecord]) -> QuerySet[AnnualRecord]:
    """Records with everything their page and their API shape show."""
    return queryset.with_unit().prefetch_related(
        Prefetch("values", queryset=RecordValue.objects.select_related("definition")),
        "measures__practices",
        "positions",
        "attachments",
        Prefetch(
            "transitions", queryset=RecordTransition.objects.select_related("actor").prefetch_related("field_comments")
        ),
    )


def records_for(user) -> QuerySet[AnnualRecord]:
    return record_detail(visible_records(user))


def previous_year_values(record: AnnualRecord) -> dict[str, Decimal]:
    """Last year's figures of the unit from its public series, preferring its approved record."""
    rows = IndicatorValue.objects.filter(unit_id=record.unit_id, year=record.year - 1).select_related("definition")
    preferred = publication_phrase(AnnualRecord(year=record.year - 1))
    found: dict[str, Decimal] = {}
    for row in sorted(rows, key=lambda r: r.phrase != preferred):
        found.setdefault(row.definition.code, Decimal(row.value))
    return found


@dataclass
class ComparisonRow:
    definition: IndicatorDefinition
    value: RecordValue | None
    previous: Decimal | None
    changed: bool
    warning: str = ""


def record_comparison(
    record: AnnualRecord, warnings=(), previous: dict[str, Decimal] | None = None
) -> list[ComparisonRow]:
    """Every indicator with this year's and last year's value side by side (changes flagged).

    ``previous``: last year's values when the caller has them already (the record page reads them
    once for the warnings and the comparison)."""
    previous = previous_year_values(record) if previous is None else previous
    values = {v.definition_id: v for v in record.values.all()}
    flagged = {w.field: w.message for w in warnings}
    rows = []
    for definition in IndicatorDefinition.objects.all():
        value, before = values.get(definition.pk), previous.get(definition.code)
        if value is None and before is None:
            continue
        changed = value is not None and before is not None and Decimal(value.value) != before
        rows.append(ComparisonRow(definition, value, before, changed, flagged.get(f"value:{definition.code}", "")))
    return rows


def latest_return(record: AnnualRecord) -> RecordTransition | None:
    """The reviewer's last return or reopen, whose comments the submitter works through."""
    steps = [t for t in record.transitions.all() if t.action in (TransitionAction.RETURN, TransitionAction.REOPEN)]
    return steps[-1] if steps else None


def field_comments(record: AnnualRecord) -> dict[str, list[str]]:
    """The reviewer's comments pinned to fields, while the record is being reworked."""
    if record.status not in EDITABLE_STATUSES:
        return {}
    step = latest_return(record)
    pinned: dict[str, list[str]] = {}
    for comment in step.field_comments.all() if step else []:
        pinned.setdefault(comment.field, []).append(comment.comment)
    return pinned


# --- reporting rate ---------------------------------------------------------------------------


def expected_units(region: Region, year: int) -> QuerySet[PilotUnit]:
    """Units expected to report for ``year``: the pilots in the region designated by then."""
    return (
        PilotUnit.objects.in_region(region)
        .exclude(pilot_level=PilotLevel.NONE)
        .exclude(designated_year__gt=year)
        .select_related("region", "region__city", "region__county")
    )


def deadline_years() -> list[int]:
    return list(ReportingDeadline.objects.values_list("year", flat=True))


# Without a deadline set in the admin (报送截止日期) for a year, its records are due on this day of the
# following year: records are written early in a year about the year before.
# The approved annual record each public figure, measure and position came from (its year is shown
# beside it): the relations to load with a public unit (``pilots.selectors.public_unit_detail(**RECORD_SOURCES)``).
RECORD_SOURCES = {
    "value_related": ("record_value__record",),
    "measure_related": ("record_measure__record",),
    "position_related": ("record_position__record",),
}

DEFAULT_DEADLINE_MONTH_DAY = (3, 31)


def deadline_for(year: int) -> datetime.date:
    """The day ``year``'s records are due: the admin's date for that year, or the default."""
    set_in_admin = ReportingDeadline.objects.filter(year=year).values_list("due_on", flat=True).first()
    return set_in_admin or datetime.date(year + 1, *DEFAULT_DEADLINE_MONTH_DAY)


def deadline_is_default(year: int) -> bool:
    return not ReportingDeadline.objects.filter(year=year).exists()


@dataclass
class RateRow:
    region: Region | None
    unit: PilotUnit | None = None
    expected: int = 0
    submitted: int = 0
    approved: int = 0
    overdue: int = 0
    units: list = field(default_factory=list)

    @property
    def rate(self) -> int:
        return round(100 * self.submitted / self.expected) if self.expected else 0


def reporting_rate(
    region: Region, year: int, today: datetime.date | None = None, *, among: QuerySet[PilotUnit] | None = None
) -> tuple[RateRow, list[RateRow]]:
    """Expected, submitted (submitted or approved), approved and overdue units of ``region``.

    ``among`` narrows the expected units to a set the caller filtered (the dashboards' filters,
    applied after the account's scope chose ``region``).

    Rows are the region's children (cities of the province, counties of a city); a county's
    rows are its units, with their record's state. Overdue: not submitted after the deadline.
    The children's rows are counted by the database (one grouped query, however many units); only
    a county's rows, and units placed at the region itself, are read one by one (``units``).
    """
    today = today or timezone.localdate()
    due = deadline_for(year)
    past_due = due is not None and today > due
    total = RateRow(region)
    rows: dict[object, RateRow] = {}
    child_field = {RegionLevel.PROVINCE: "region__city", RegionLevel.CITY: "region__county"}.get(region.level)
    expected = expected_units(region, year)
    if among is not None:
        expected = expected.filter(pk__in=among.order_by().values("pk"))
    if child_field is not None:
        reported = Q(record__status__in=[RecordStatus.SUBMITTED, RecordStatus.APPROVED])
        grouped = (
            expected.annotate(record=FilteredRelation("annual_records", condition=Q(annual_records__year=year)))
            .values(child_field)
            .annotate(
                n=Count("pk"),
                reported=Count("pk", filter=reported),
                approved=Count("pk", filter=Q(record__status=RecordStatus.APPROVED)),
            )
            .order_by()
        )
        children = Region.objects.in_bulk([row[child_field] for row in grouped if row[child_field] is not None])
        placed_at_region = False  # the group without a child: units placed at the region itself
        for counts in grouped:
            if counts[child_field] is None:
                placed_at_region = True
                continue
            row = rows[counts[child_field]] = RateRow(children[counts[child_field]])
            for bucket in (total, row):
                bucket.expected += counts["n"]
                bucket.submitted += counts["reported"]
                bucket.approved += counts["approved"]
                bucket.overdue += (counts["n"] - counts["reported"]) if past_due else 0
        # Units placed at the region itself: usually none (then no query), found without the per-unit subqueries.
        placed_here = []
        if placed_at_region:
            placed_here = list(expected.filter(**{f"{child_field}__isnull": True}).values_list("pk", flat=True))
        expected = expected.filter(pk__in=placed_here)
    status = AnnualRecord.objects.filter(unit=OuterRef("pk"), year=year).values("status")[:1]
    record_id = AnnualRecord.objects.filter(unit=OuterRef("pk"), year=year).values("pk")[:1]
    units = expected.annotate(record_status=Subquery(status), record_id=Subquery(record_id))
    for unit in units.order_by("name"):
        row = rows.setdefault(f"unit-{unit.pk}", RateRow(None, unit=unit))
        for bucket in (total, row):
            bucket.expected += 1
            bucket.submitted += unit.record_status in (RecordStatus.SUBMITTED, RecordStatus.APPROVED)
            bucket.approved += unit.record_status == RecordStatus.APPROVED
            bucket.overdue += past_due and unit.record_status not in (RecordStatus.SUBMITTED, RecordStatus.APPROVED)
        row.units.append(unit)
        total.units.append(unit)
    # Cities in the official order (their codes), counties by code, units by pinyin.
    ordered = sorted(
        rows.values(),
        key=lambda r: (r.region is None, r.region.code if r.region else "", pinyin_key(r.unit.name) if r.unit else ""),
    )
    return total, ordered
