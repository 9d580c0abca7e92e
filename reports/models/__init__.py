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
]
