from .articles import Article, ArticleColumn, ArticleStatus, Volume
from .importing import ImportRecord, ImportRun, Proposal, ProposalKind, ReviewStatus
from .indicators import QUALIFIER_BY_TEXT, IndicatorDefinition, IndicatorValue, Qualifier, ValueType
from .measures import MassOrganisation, PositionKind, PositionTier, ReformMeasure, ServicePosition
from .practices import Practice, PracticeArea
from .regions import Region, RegionLevel
from .units import EARLIEST_YEAR, LATEST_YEAR, PilotLevel, PilotUnit, PublicationStatus, UnitKind

__all__ = [
    "EARLIEST_YEAR",
    "LATEST_YEAR",
    "QUALIFIER_BY_TEXT",
    "Article",
    "ArticleColumn",
    "ArticleStatus",
    "ImportRecord",
    "ImportRun",
    "IndicatorDefinition",
    "IndicatorValue",
    "MassOrganisation",
    "PilotLevel",
    "PilotUnit",
    "PositionKind",
    "PositionTier",
    "Practice",
    "PracticeArea",
    "Proposal",
    "ProposalKind",
    "PublicationStatus",
    "Qualifier",
    "ReformMeasure",
    "Region",
    "RegionLevel",
    "ReviewStatus",
    "ServicePosition",
    "UnitKind",
    "ValueType",
    "Volume",
]
