from .accounts import Membership, Role
from .records import (
    AnnualRecord,
    MeasureStatus,
    PositionChange,
    RecordAttachment,
    RecordMeasure,
    RecordPosition,
    RecordStatus,
    RecordValue,
    current_reporting_year,
    latest_reportable_year,
)
from .workflow import FieldComment, RecordTransition, ReportingDeadline, TransitionAction

__all__ = [
    "AnnualRecord",
    "FieldComment",
    "MeasureStatus",
    "Membership",
    "PositionChange",
    "RecordAttachment",
    "RecordMeasure",
    "RecordPosition",
    "RecordStatus",
    "RecordTransition",
    "RecordValue",
    "ReportingDeadline",
    "Role",
    "TransitionAction",
    "current_reporting_year",
    "latest_reportable_year",
]
