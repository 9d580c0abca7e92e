"""The one results builder of the case library: the page ``/cases/`` and ``/api/cases/`` both ask it.

A request's parameters are read once. The FilterSet validates them (``q`` is parsed and segmented
there, once per request: the facets count over the same cleaned filters), the ordering is checked
against the one list below, and the results are a lazy sequence of
:class:`search.selectors.UnitMatch` (the unit, its score, its snippets) for Django's Paginator and
DRF's pagination alike. Bad input is one rule for both: the errors per parameter, answered with 400.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from library.facets import facet_counts
from library.filters import PilotUnitFilter
from pilots import selectors
from pilots.models import PilotUnit, Region
from search.query import SearchQuery
from search.remember import index_stamp, remember
from search.selectors import UnitMatch, search_units

RELEVANCE = "relevance"


@dataclass(frozen=True)
class Ordering:
    value: str
    label: str
    fields: tuple[str, ...]  # order_by; empty for relevance (the engine's rank)


ORDERINGS = [
    Ordering(RELEVANCE, _("相关度"), ()),
    # Indexed sort keys of the unit: pinyin order of names; cities in the official order, then
    # counties in pinyin order; the full name breaks ties.
    Ordering("name", _("名称"), ("sort_name", "name")),
    Ordering("city", _("地市"), ("sort_place", "sort_name", "name")),
]
ORDERING_VALUES = [ordering.value for ordering in ORDERINGS]
ORDERING_LABEL = _("排序")


class ListedUnits(Sequence):
    """A unit queryset in list order as :class:`UnitMatch` items (no score, no snippets), lazily."""

    def __init__(self, queryset: QuerySet[PilotUnit]):
        self.queryset = queryset
        self._count: int | None = None

    def __len__(self) -> int:
        if self._count is None:
            self._count = self.queryset.count()
        return self._count

    count = __len__

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [UnitMatch(unit) for unit in self.queryset[index]]
        return UnitMatch(self.queryset[index])


class RememberedPages(Sequence):
    """A list of results whose count and pages are remembered until the index changes.

    Everything a result shows (the unit, its places and parent, its score and snippets) reaches
    the search index when it changes (``search.remember``), so a page asked again is read from the
    cache; the results are searched only when a page or the count is not remembered. Slices longer
    than a page (exports) are never remembered.
    """

    LONGEST_PAGE = 100

    def __init__(self, key: str, build, stamp):
        self.key, self.build, self.stamp, self._results = key, build, stamp, None

    def _inner(self) -> Sequence[UnitMatch]:
        if self._results is None:
            self._results = self.build()
        return self._results

    def _remember(self, part: str, compute):
        return remember(f"{self.key}|{part}", compute, stamp=self.stamp())

    def __len__(self) -> int:
        return self._remember("count", lambda: len(self._inner()))

    count = __len__

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self._inner()[index]
        start, stop = index.start or 0, index.stop
        if index.step is not None or stop is None or stop - start > self.LONGEST_PAGE:
            return self._inner()[index]
        return self._remember(f"{start}:{stop}", lambda: list(self._inner()[start:stop]))


class CaseSearch:
    """One request's search of the case library: validation, results and facets from one parse.

    ``params`` is the request's GET (a QueryDict). ``errors`` maps a parameter to its messages; when
    it is empty, ``results`` and ``facets()`` may be read.
    """

    def __init__(self, params, *, queryset: QuerySet[PilotUnit] | None = None, request=None):
        self.params = params
        base = selectors.public_units() if queryset is None else queryset
        self.filterset = PilotUnitFilter(params, queryset=base, request=request)
        self.errors: dict[str, list[str]] = {}
        if not self.filterset.is_valid():
            self.errors = {name: list(messages) for name, messages in self.filterset.errors.items()}
        self.query: SearchQuery | None = self.filterset.form.cleaned_data.get("q")
        self.ordering = self._ordering(params.get("ordering"))

    @property
    def searching(self) -> bool:
        return self.query is not None

    def _ordering(self, value: str | None) -> str:
        value = value or (RELEVANCE if self.searching else "name")
        if value not in ORDERING_VALUES:
            # In words, each with the value a script sends ("相关度（relevance）").
            choices = "、".join(f"{ordering.label}（{ordering.value}）" for ordering in ORDERINGS)
            self.errors["ordering"] = [
                str(_("没有“%(value)s”这种排序方式，可选：%(choices)s。") % {"value": value[:40], "choices": choices})
            ]
            return RELEVANCE if self.searching else "name"
        # Without a query there is nothing to rank by: relevance falls back to the name.
        return "name" if value == RELEVANCE and not self.searching else value

    def error_lines(self) -> list[str]:
        """The errors as lines for a page: each names its field."""
        fields = self.filterset.form.fields
        return [
            f"{fields[name].label if name in fields else ORDERING_LABEL}：{' '.join(messages)}"
            for name, messages in self.errors.items()
        ]

    @cached_property
    def results(self) -> Sequence[UnitMatch]:
        assert not self.errors, "results of an invalid search"
        return RememberedPages(f"results:{self.params_key()}", self._results, lambda: self.stamp)

    @cached_property
    def stamp(self) -> str:
        """The index's stamp, read once for the request's remembered results and facets."""
        return index_stamp()

    def _results(self) -> Sequence[UnitMatch]:
        fields = next(ordering.fields for ordering in ORDERINGS if ordering.value == self.ordering)
        if self.query is None:
            return ListedUnits(self.filterset.qs.order_by(*fields))
        return search_units(
            self.filterset.qs_without_query,
            self.query,
            ordering=fields or RELEVANCE,
            filtered=self.filterset.has_filters,
        )

    def params_key(self) -> str:
        """The parameters that decide the list (not the page asked, not the file format), normalised."""
        pairs = sorted(
            (name, value)
            for name, values in self.params.lists()
            if name not in {"page", "page_size", "format"}
            for value in values
            if value != ""
        )
        return urlencode([*pairs, ("ordering", self.ordering)])

    def described(self) -> list[str]:
        """What the list was narrowed to, in words, in the filters' order: the search words, then each
        filter's values as the page shows them ("杭州市", "街道总工会", "2018年"), for an export's file name."""
        assert not self.errors, "description of an invalid search"
        data, filters = self.filterset.form.cleaned_data, self.filterset.filters
        words = [self.params.get("q", "").strip()] if self.searching else []
        for name, value in data.items():
            if name in ("q", "words") or not value:
                continue
            choices = dict(filters[name].extra.get("choices") or ())
            if name in ("city", "county"):  # "杭州" or a code, named as the gazetteer names it
                regions = Region.objects.cities() if name == "city" else Region.objects.counties()
                value = regions.printed_as(value).values_list("name", flat=True).first() or value
            values = value if isinstance(value, list | tuple | QuerySet) else [value]
            # A practice or an area by its name in the request's language, as the page names it.
            shown = [str(choices.get(v, getattr(v, "local_name", None) or getattr(v, "name", v))) for v in values]
            if name == "designated_year":
                shown = [str(_("%(year)s年") % {"year": v}) for v in shown]
            words.append("、".join(shown))
        return words

    def facets(self) -> list[dict]:
        assert not self.errors, "facets of an invalid search"
        return facet_counts(self.filterset, stamp=self.stamp)
