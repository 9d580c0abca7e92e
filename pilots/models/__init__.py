from .articles import Article, ArticleColumn, ArticleStatus, Volume
from .importing import ImportRecord
from .indicators import QUALIFIER_BY_TEXT, IndicatorDefinition, IndicatorValue, Qualifier, ValueType
from .measures import MassOrganisation, PositionKind, PositionTier, ReformMeasure, ServicePosition
from .practices import Practice, PracticeArea
from .regions import Region, RegionLevel
from .units import PilotLevel, PilotUnit, PublicationStatus, UnitKind

__all__ = [
    "QUALIFIER_BY_TEXT",
    "Article",
    "ArticleColumn",
    "ArticleStatus",
    "ImportRecord",
    "IndicatorDefinition",
    "IndicatorValue",
    "MassOrganisation",
    "PilotLevel",
    "PilotUnit",
    "PositionKind",
    "PositionTier",
    "Practice",
    "PracticeArea",
    "PublicationStatus",
    "Qualifier",
    "ReformMeasure",
    "Region",
    "RegionLevel",
    "ServicePosition",
    "UnitKind",
    "ValueType",
    "Volume",
]
