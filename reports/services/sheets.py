"""Saving a filled indicator spreadsheet: all rows or none."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import AnnualRecord
from ..permissions import Action, check
from ..sheets import SheetContent
from .records import RecordChanges, record_create, record_update


def record_import_sheet(*, actor, content: SheetContent) -> tuple[AnnualRecord, bool]:
    """Write the sheet's values into the unit's record of its year (created as a draft if needed).

    The sheet is the whole set of values: a blank cell removes a value. A sheet with any error
    saves nothing; the same sheet twice changes nothing the second time. Returns (record, changed).
    """
    if content.errors or content.unit is None or content.year is None:
        raise ValidationError(_("表格有错误，未保存任何数据。"))
    changes = RecordChanges(values=content.values, replace_values=True)
    with transaction.atomic():
        # The unit is checked first, so a foreign unit's sheet does not reveal whether it has a record.
        check(actor, Action.CREATE, unit=content.unit)
        record = AnnualRecord.objects.filter(unit=content.unit, year=content.year).first()
        if record is None:
            return record_create(actor=actor, unit=content.unit, year=content.year, changes=changes), True
        check(actor, Action.EDIT, record)
        return record_update(actor=actor, record=record, version=record.version, changes=changes)
