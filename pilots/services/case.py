"""The one front door for writes to a unit's public case: its measures, positions and figures.

Five writers fill the public case — the fixture loader (``pilots.services.portal_data``), an
approved annual record (``reports.services.publication``), a published import
(``importing.accept.apply_record``, which the review screen's publish calls), the review screen's
draft unit (``curation.services``) and an editor in the admin — and every one of them finds a row by
the same key:

- a unit by its full printed name, normalised (:func:`unit_key`; :func:`unit_named` reads it,
  :func:`unit_put` writes it, :func:`unit_publish` makes a draft public),
- a measure by ``(unit, title)`` (:func:`measure_key`),
- a position by ``(unit, tier, name)`` (:func:`position_key`),
- a figure by ``(unit, indicator, year, phrase)`` (:func:`figure_key`),

and writes it through :func:`case_row` and :func:`case_row_save`. The rule for a row an editor
entered is :func:`case_row`'s: a writer updates the row it wrote last time (``previous``) or the
row under the key; a row under the key that the writer does not own (``owns`` says which rows are
its own: an annual record owns rows published from records) is an editor's and stays as it stands.

A region is looked up by its printed names in one place too: :func:`region_by_names`.
"""

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models

from pilots.models import (
    IndicatorDefinition,
    IndicatorValue,
    PilotUnit,
    PublicationStatus,
    ReformMeasure,
    Region,
    ServicePosition,
)
from pilots.models.regions import RegionLevel
from pilots.text import normalise_name

Row = TypeVar("Row", bound=models.Model)

# Foreign keys a writer sets from instances it holds: not validated again by full_clean().
RELATED = ["unit", "definition", "source_article"]
EMPTY = (None, "", [], {})


def unit_key(name: str) -> dict:
    return {"name": normalise_name(name)}


def measure_key(unit: PilotUnit, title: str) -> dict:
    return {"unit": unit, "title": title.strip()}


def position_key(unit: PilotUnit, tier: str, name: str) -> dict:
    return {"unit": unit, "tier": tier, "name": name.strip()}


def figure_key(unit: PilotUnit, definition: IndicatorDefinition, year: int, phrase: str = "") -> dict:
    return {"unit": unit, "definition": definition, "year": int(year), "phrase": (phrase or "").strip()}


def case_row(
    model: type[Row], key: dict, *, previous: Row | None = None, owns: Callable[[Row], bool] | None = None
) -> Row | None:
    """The row a writer writes under ``key``: ``previous`` (the row it wrote last time), else the
    stored row with the key, else a new one. ``None`` when the stored row is an editor's (``owns``
    says it is not the writer's): it stays as it stands."""
    row = previous if previous is not None else model.objects.filter(**key).first()
    if row is None:
        return model(**key)
    if previous is None and owns is not None and not owns(row):
        return None
    return row


def case_row_save(
    row: Row,
    values: dict,
    *,
    user=None,
    keep_stated: bool = False,
    exclude: list[str] | None = None,
    validate_unique: bool = True,
) -> str:
    """Set ``values`` on ``row`` and save it when something changed; "created", "updated" or "unchanged".

    ``keep_stated``: an empty value means "not stated" and never blanks a stored one (the fixtures:
    a record two files describe gets what each states). Invalid values never reach the public
    case: the row is validated before it is written.
    """
    created = row._state.adding
    if keep_stated and not created:
        values = {name: value for name, value in values.items() if value not in EMPTY}
    changed = created
    for name, value in values.items():
        if created or getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    if not changed:
        return "unchanged"
    row.full_clean(exclude=exclude, validate_unique=validate_unique, validate_constraints=validate_unique)
    if user is not None:
        row._history_user = user
    row.save()
    return "created" if created else "updated"


def unit_named(name: str) -> PilotUnit | None:
    """The unit printed as ``name`` (draft or public), or None."""
    return PilotUnit.objects.filter(**unit_key(name)).first() if name else None


def unit_put(*, name: str, values: dict, user=None, keep_stated: bool = False) -> tuple[PilotUnit, str]:
    """Write the unit printed as ``name`` (created when the portal has none); the unit and
    "created", "updated" or "unchanged"."""
    row = case_row(PilotUnit, unit_key(name))
    return row, case_row_save(row, values, user=user, keep_stated=keep_stated)


def unit_publish(unit: PilotUnit, *, region: Region | None = None, user=None) -> str:
    """Make ``unit`` public (placed in ``region`` when given): a draft unit's piece was published."""
    values = {"status": PublicationStatus.PUBLISHED}
    if region is not None:
        values["region"] = region
    return case_row_save(unit, values, user=user)


def measure_put(
    *,
    unit: PilotUnit,
    title: str,
    values: dict,
    previous: ReformMeasure | None = None,
    owns: Callable[[ReformMeasure], bool] | None = None,
    user=None,
) -> ReformMeasure | None:
    """Write the unit's measure ``title`` (renaming ``previous`` when given); None when it is an editor's."""
    row = case_row(ReformMeasure, measure_key(unit, title), previous=previous, owns=owns)
    if row is not None:
        case_row_save(row, {"title": title.strip(), **values}, user=user, exclude=RELATED)
    return row


def position_put(
    *,
    unit: PilotUnit,
    tier: str,
    name: str,
    values: dict,
    previous: ServicePosition | None = None,
    owns: Callable[[ServicePosition], bool] | None = None,
    user=None,
) -> ServicePosition | None:
    """Write the unit's position ``name`` of ``tier``; None when it is an editor's."""
    row = case_row(ServicePosition, position_key(unit, tier, name), previous=previous, owns=owns)
    if row is not None:
        case_row_save(row, values, user=user, exclude=RELATED)
    return row


def figure_put(
    *,
    unit: PilotUnit,
    definition: IndicatorDefinition,
    year: int,
    phrase: str = "",
    values: dict,
    previous: IndicatorValue | None = None,
    user=None,
) -> IndicatorValue:
    """Write the unit's figure of ``definition`` for ``year`` under ``phrase`` (one row per key)."""
    row = case_row(IndicatorValue, figure_key(unit, definition, year, phrase), previous=previous)
    case_row_save(row, values, user=user, exclude=RELATED)
    return row


# --- regions by their printed names ------------------------------------------------------------


def region_by_names(
    city: str | None, county: str | None, street: str | None, *, strict: bool = True, add_street: bool = False
) -> tuple[Region, bool]:
    """The most precise region the printed names give, and whether a street was added.

    ``strict``: an unknown city or county is a ValidationError naming the field (the fixtures, a
    published import); otherwise the names fall back to the last known one (a draft). ``add_street``:
    a street (or township) the gazetteer does not know is added under its county (publishing);
    otherwise a draft stays in its county and the gazetteer unchanged.
    """
    city_region = Region.objects.cities().printed_as(city).first() if city else None
    if strict and city and city_region is None:
        raise ValidationError({"city": f"未知的地级市：{city}"})
    region = city_region
    if county:
        found = Region.objects.resolve_county(county, city=city_region)
        if strict and found is None:
            raise ValidationError({"county": f"在{city or '浙江省'}下找不到县级行政区：{county}"})
        region = found or region
    added = False
    if street:
        name = normalise_name(street)
        if strict and (region is None or region.level not in RegionLevel.county_levels()):
            raise ValidationError({"street": f"街道“{street}”缺少所属县（市、区）"})
        known = Region.objects.filter(parent=region, name=name).first() if region is not None else None
        if known is not None:
            region = known
        elif add_street and region is not None and region.level in RegionLevel.county_levels():
            level = RegionLevel.TOWNSHIP if name.endswith(("镇", "乡")) else RegionLevel.STREET
            region = Region(parent=region, name=name, level=level)
            region.full_clean()
            region.save()
            added = True
    if region is None:
        raise ValidationError({"city": "单位缺少所在区域"})
    return region, added
