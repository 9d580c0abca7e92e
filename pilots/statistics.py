"""Statistics over a set of units, computed from their measures: one selector per statistic.

The dashboards' practice-adoption panel, its CSV and API, and the editors' overview figures all
call :func:`practice_adoption`, so a share printed in a special issue and the share on the
dashboard are the same number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from .models import PilotUnit, Practice, PracticeArea


@dataclass(frozen=True)
class PracticeShare:
    code: str
    name: str
    count: int  # units of the set that adopted the practice
    total: int  # units in the set

    @property
    def share(self) -> float:
        return self.count / self.total if self.total else 0.0

    @property
    def percent(self) -> int:
        """The share as the overview prints it: a whole percentage."""
        return round(self.share * 100)


@dataclass(frozen=True)
class AreaShares:
    code: str
    name: str
    practices: list[PracticeShare] = field(default_factory=list)


@dataclass(frozen=True)
class Adoption:
    total: int
    areas: list[AreaShares]

    def practice(self, code: str) -> PracticeShare | None:
        for area in self.areas:
            for practice in area.practices:
                if practice.code == code:
                    return practice
        return None


def practice_adoption(units: QuerySet[PilotUnit]) -> Adoption:
    """For every practice of the taxonomy, how many of ``units`` adopted it (have a measure tagged with it).

    ``units`` is already restricted to what the caller may count (published units for the public;
    a volume's units for an editor). Two queries whatever the size of the set: the set's size, and
    the distinct units per practice.
    """
    unit_ids = units.order_by().values("pk")
    total = units.order_by().values("pk").count()  # a DISTINCT set is compared on its ids only
    counts = dict(
        Practice.objects.filter(measures__unit__in=unit_ids)
        .values_list("code")
        .annotate(n=Count("measures__unit", distinct=True))
        .order_by()
    )
    areas = []
    for area in PracticeArea.objects.prefetch_related("practices").order_by("order", "code"):
        shares = [
            PracticeShare(code=p.code, name=p.name, count=counts.get(p.code, 0), total=total)
            for p in sorted(area.practices.all(), key=lambda p: (p.order, p.code))
        ]
        areas.append(AreaShares(code=area.code, name=area.name, practices=shares))
    return Adoption(total=total, areas=areas)


def units_adopting(units: QuerySet[PilotUnit], practice_code: str) -> QuerySet[PilotUnit]:
    """The units of ``units`` counted for ``practice_code`` by :func:`practice_adoption`."""
    return units.filter(measures__practices__code=practice_code).distinct()
