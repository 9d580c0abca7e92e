"""Creating and editing annual records (drafts and returned records only)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pilots.models import IndicatorDefinition, PilotUnit, Practice, Qualifier

from ..limits import check_changes
from ..models import (
    AnnualRecord,
    MeasureStatus,
    PositionChange,
    RecordMeasure,
    RecordPosition,
    RecordStatus,
    RecordValue,
    TransitionAction,
)
from ..models.records import TEXT_FIELDS
from ..permissions import Action, carry_visibility, check
from .transitions import transition_record


class VersionConflict(Exception):
    """The client edited an older version of the record than the one stored (answered with 409)."""

    def __init__(self, current: int):
        super().__init__(_("报告已被他人修改（当前版本 %(version)s），请刷新后再改。") % {"version": current})
        self.current = current


@dataclass
class ValueInput:
    definition: IndicatorDefinition
    value: Decimal | None  # None removes the value
    qualifier: str = Qualifier.EXACT


@dataclass
class MeasureInput:
    title: str
    status: str = MeasureStatus.BEGUN
    summary: str = ""
    practices: list[Practice] = field(default_factory=list)

    def key(self) -> tuple:
        return (self.title, self.status, self.summary, tuple(sorted(p.code for p in self.practices)))


@dataclass
class PositionInput:
    tier: str
    kind: str
    name: str
    count: int = 1
    area_m2: Decimal | None = None
    change: str = PositionChange.ADDED

    def key(self) -> tuple:
        area = None if self.area_m2 is None else Decimal(self.area_m2).normalize()
        return (self.change, self.tier, self.kind, self.name, self.count, area)


@dataclass
class RecordChanges:
    """What a client asks to change. ``None`` leaves a part as it is.

    Values merge by indicator (a ``None`` value removes one) unless ``replace_values`` says the
    list is the whole set (a filled spreadsheet); measures and positions are always whole lists.
    """

    values: list[ValueInput] | None = None
    replace_values: bool = False
    measures: list[MeasureInput] | None = None
    positions: list[PositionInput] | None = None
    texts: dict[str, str] = field(default_factory=dict)


def record_create(*, actor, unit: PilotUnit, year: int, changes: RecordChanges | None = None) -> AnnualRecord:
    """Start a unit's record of ``year`` as a draft."""
    check(actor, Action.CREATE, unit=unit)
    exists = ValidationError({"year": _("该单位%(year)s年度的报告已存在。") % {"year": year}})
    if AnnualRecord.objects.filter(unit=unit, year=year).exists():
        raise exists
    with transaction.atomic():
        record = AnnualRecord(unit=unit, year=year, created_by=actor)
        record.full_clean()
        record._history_user = actor
        try:
            with transaction.atomic():
                record.save()
        except IntegrityError:
            # Two clients created the same record at once: the loser is told like any other.
            raise exists from None
        if changes is not None:
            _apply(record, changes, actor)
            record.save()
    return record


def record_update(*, actor, record: AnnualRecord, version: int, changes: RecordChanges) -> tuple[AnnualRecord, bool]:
    """Apply ``changes`` to a draft or returned record; returns the record and whether anything changed.

    A stale ``version`` changes nothing (VersionConflict). Nothing that equals what is stored
    counts as a change, so sending the same data twice leaves the version alone. The first real
    change of a returned record moves it back to draft.
    """
    with transaction.atomic():
        record = carry_visibility(record, AnnualRecord.objects.select_for_update().get(pk=record.pk))
        check(actor, Action.EDIT, record)
        if version != record.version:
            raise VersionConflict(record.version)
        changed = _apply(record, changes, actor)
        if not changed:
            return record, False
        record.version += 1
        record._history_user = actor
        record.save()
        if record.status == RecordStatus.RETURNED:
            record = transition_record(
                record=record, actor=actor, action=TransitionAction.REVISE, to_status=RecordStatus.DRAFT
            )
    return record, True


def record_delete(*, actor, record: AnnualRecord) -> None:
    """Delete a mistaken draft (never submitted) with its values, lists and attachment files."""
    with transaction.atomic():
        record = AnnualRecord.objects.select_for_update().get(pk=record.pk)
        check(actor, Action.DELETE, record)
        files = [attachment.file for attachment in record.attachments.all()]
        record._history_user = actor
        record.delete()
        # Files go only once the rows are gone for good.
        transaction.on_commit(lambda: [file.delete(save=False) for file in files])


def record_changed_in_admin(*, actor, record: AnnualRecord) -> AnnualRecord:
    """What follows a change saved through the admin's forms, as it follows one of record_update:
    the version grows (an API client holding the old one is told, 409) and a returned record goes
    back to draft. The admin asked :func:`reports.permissions.check` before writing anything.
    """
    with transaction.atomic():
        record = carry_visibility(record, AnnualRecord.objects.select_for_update().get(pk=record.pk))
        check(actor, Action.EDIT, record)
        record.version += 1
        record._history_user = actor
        record.save()
        if record.status == RecordStatus.RETURNED:
            record = transition_record(
                record=record, actor=actor, action=TransitionAction.REVISE, to_status=RecordStatus.DRAFT
            )
    return record


def _apply(record: AnnualRecord, changes: RecordChanges, actor) -> bool:
    """Write ``changes`` into ``record``'s rows; all errors are collected and raised together."""
    check_changes(changes)
    errors: dict[str, list[str]] = {}
    changed = False
    for name, text in changes.texts.items():
        if name not in TEXT_FIELDS:
            raise ValueError(f"not a text field of a record: {name}")
        text = (text or "").strip()
        if getattr(record, name) != text:
            setattr(record, name, text)
            changed = True
    try:
        record.full_clean()
    except ValidationError as error:
        for key, messages in error.message_dict.items():
            errors.setdefault(key, []).extend(messages)
    if changes.values is not None:
        changed |= _apply_values(record, changes, actor, errors)
    if changes.measures is not None:
        changed |= _apply_measures(record, changes.measures, actor, errors)
    if changes.positions is not None:
        changed |= _apply_positions(record, changes.positions, actor, errors)
    if errors:
        raise ValidationError(errors)
    return changed


def _apply_values(record: AnnualRecord, changes: RecordChanges, actor, errors: dict) -> bool:
    existing = {value.definition_id: value for value in record.values.select_related("definition")}
    changed = False
    given = set()
    for item in changes.values:
        given.add(item.definition.pk)
        current = existing.get(item.definition.pk)
        if item.value is None:
            if current is not None:
                current._history_user = actor
                current.delete()
                changed = True
            continue
        if current is not None and current.value == item.value and current.qualifier == item.qualifier:
            continue
        value = current or RecordValue(record=record, definition=item.definition)
        value.value, value.qualifier = item.value, item.qualifier
        try:
            value.full_clean(exclude=["record"])
        except ValidationError as error:
            errors.setdefault(f"value:{item.definition.code}", []).extend(
                message for messages in error.message_dict.values() for message in messages
            )
            continue
        value._history_user = actor
        value.save()
        changed = True
    if changes.replace_values:
        for definition_id, value in existing.items():
            if definition_id not in given:
                value._history_user = actor
                value.delete()
                changed = True
    return changed


def _replace_rows(*, old, new_rows: list, build, identity, key: str, what: str, actor, errors: dict) -> list:
    """Replace one of a record's lists (measures, positions) by ``new_rows``, all checked before any write.

    Returns the saved rows paired with their input, or [] when ``errors`` got entries under ``key``.
    """
    identities = [identity(item) for item in new_rows]
    for number, ident in enumerate(identities, 1):
        if identities.index(ident) != number - 1:
            errors.setdefault(key, []).append(_("第%(n)s项%(what)s与前面的同名。") % {"n": number, "what": what})
    built = []
    for number, item in enumerate(new_rows, 1):
        row = build(item)
        try:
            row.full_clean(exclude=["record"], validate_unique=False)
        except ValidationError as error:
            errors.setdefault(key, []).extend(
                _("第%(n)s项%(what)s：%(message)s") % {"n": number, "what": what, "message": message}
                for messages in error.message_dict.values()
                for message in messages
            )
        built.append((row, item))
    if key in errors:
        return []
    for row in old:
        row._history_user = actor
        row.delete()
    for row, _item in built:
        row._history_user = actor
        row.save()
    return built


def _apply_measures(record: AnnualRecord, measures: list[MeasureInput], actor, errors: dict) -> bool:
    current = [
        MeasureInput(m.title, m.status, m.summary, list(m.practices.all())).key()
        for m in record.measures.prefetch_related("practices")
    ]
    if current == [m.key() for m in measures]:
        return False
    saved = _replace_rows(
        old=list(record.measures.all()),
        new_rows=measures,
        build=lambda item: RecordMeasure(
            record=record, title=item.title.strip(), status=item.status, summary=item.summary
        ),
        identity=lambda item: item.title.strip(),
        key="measures",
        what=_("举措"),
        actor=actor,
        errors=errors,
    )
    for measure, item in saved:
        measure.practices.set(item.practices)
    return True


def _apply_positions(record: AnnualRecord, positions: list[PositionInput], actor, errors: dict) -> bool:
    current = [
        PositionInput(p.tier, p.kind, p.name, p.count, p.area_m2, p.change).key() for p in record.positions.all()
    ]
    if current == [p.key() for p in positions]:
        return False
    _replace_rows(
        old=list(record.positions.all()),
        new_rows=positions,
        build=lambda item: RecordPosition(
            record=record,
            change=item.change,
            tier=item.tier,
            kind=item.kind,
            name=item.name.strip(),
            count=item.count,
            area_m2=item.area_m2,
        ),
        identity=lambda item: (item.tier, item.name.strip()),
        key="positions",
        what=_("阵地"),
        actor=actor,
        errors=errors,
    )
    return True
