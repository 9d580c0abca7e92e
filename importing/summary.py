"""The counts and messages of an import run, over all its files."""

from dataclasses import dataclass, field


@dataclass
class ImportSummary:
    """Counts and messages of one run, over all files."""

    files: int = 0
    pieces: int = 0
    units_created: int = 0
    units_matched: int = 0
    units_proposed: int = 0  # names the portal has no unit for: 新单位 on the review screen
    articles_created: int = 0
    articles_updated: int = 0
    articles_kept: int = 0
    indicators: int = 0
    proposals: int = 0
    unclassified_figures: int = 0
    warnings: list[str] = field(default_factory=list)
    overwritten: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def add(self, other: "ImportSummary") -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)
