"""One FilterSet per resource, shared by the API, the HTML list and the exports."""

import copy
from collections import OrderedDict

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pilots import selectors
from pilots.models import (
    Article,
    ArticleColumn,
    PilotLevel,
    PilotUnit,
    Practice,
    PracticeArea,
    Region,
    RegionLevel,
    UnitKind,
)
from pilots.validation import CodeMultipleChoiceFilter, IntegerFilter, ModelChoiceFilter
from search.backends import get_engine
from search.forms import SearchQueryField


class SearchFilter(django_filters.CharFilter):
    field_class = SearchQueryField


WORDS_ANY = "any"


class UnitFilterForm(forms.Form):
    """``words=any`` turns the query's words from all of them (the default) into any of them, once,
    for the list, each facet and the exports alike."""

    def clean(self):
        data = super().clean()
        if data.get("q") is not None and data.get("words") == WORDS_ANY:
            data["q"] = data["q"].any_words()
        # A city or county the gazetteer does not know is named, not answered with an empty list.
        for name, regions, label in (
            ("city", Region.objects.cities, _("地级市")),
            ("county", Region.objects.counties, _("县（市、区）")),
        ):
            value = data.get(name)
            if value and not regions().printed_as(value).exists():
                # The value goes in as a parameter, never into the message: django-filter formats the
                # message with its parameters, and a value such as "%(keys)s" would break that (a 500).
                message = _("没有名为“%(value)s”的%(label)s。")
                self.add_error(
                    name, ValidationError(message, code="unknown", params={"value": value[:40], "label": label})
                )
        return data


class PilotUnitFilter(django_filters.FilterSet):
    q = SearchFilter(method="filter_q", label=_("检索词"), help_text=_('空格分隔多个词；"引号"内为短语；-词 表示排除'))
    words = django_filters.ChoiceFilter(
        choices=[("all", _("全部词")), (WORDS_ANY, _("任一词"))],
        method="filter_words",
        label=_("多个词"),
        help_text=_("all（默认）：包含全部检索词；any：包含任一检索词"),
    )
    city = django_filters.CharFilter(method="filter_city", label=_("地级市"))
    county = django_filters.CharFilter(method="filter_county", label=_("县（市、区）"))
    region = ModelChoiceFilter(queryset=Region.objects.all(), method="filter_region", label=_("区域"))
    # A column of the unit itself: no join, no duplicate rows, so no DISTINCT (django-filter's
    # default for a multiple choice: SQLite sorted every filtered unit for it).
    kind = django_filters.MultipleChoiceFilter(choices=UnitKind.choices, label=_("类型"), distinct=False)
    pilot_level = django_filters.MultipleChoiceFilter(choices=PilotLevel.choices, label=_("试点层级"), distinct=False)
    practice = CodeMultipleChoiceFilter(
        field_name="measures__practices__code",
        to_field_name="code",
        queryset=Practice.objects.all(),
        label=_("做法"),
        distinct=True,
    )
    area = CodeMultipleChoiceFilter(
        field_name="measures__practices__area__code",
        to_field_name="code",
        queryset=PracticeArea.objects.all(),
        label=_("做法领域"),
        distinct=True,
    )
    column = django_filters.MultipleChoiceFilter(
        field_name="articles__column",
        choices=ArticleColumn.choices,
        label=_("栏目"),
        distinct=True,
        method="filter_column",
    )
    designated_year = IntegerFilter(label=_("确定为试点年份"))

    class Meta:
        model = PilotUnit
        form = UnitFilterForm
        fields = [
            "q",
            "words",
            "city",
            "county",
            "region",
            "kind",
            "pilot_level",
            "practice",
            "area",
            "column",
            "designated_year",
        ]

    @property
    def qs_without_query(self):
        """The list filtered by everything but ``q``: the search ranks within it.

        Loading a page of ranked hits through ``qs`` would make the database evaluate the whole
        match again as a subquery (tens of thousands of ids for a common word).
        """
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name != "q":
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def has_filters(self) -> bool:
        """Whether anything but ``q`` was asked for (judged on the input: a cleaned empty choice is a QuerySet)."""
        getlist = getattr(self.data, "getlist", lambda name: [self.data.get(name)])
        return any(value for name in self.filters if name not in ("q", "words") for value in getlist(name))

    def filter_q(self, queryset, name, value):
        # ``value`` is a parsed SearchQuery (see SearchQueryField); ranking is the view's business.
        return get_engine().filter_matching(queryset, value)

    def filter_words(self, queryset, name, value):
        # Read by the form's clean(): the query itself carries all or any of its words.
        return queryset

    def filter_column(self, queryset, name, value):
        # Units with a *published* article under one of the columns: a draft article counts for nothing.
        if not value:
            return queryset
        articles = Article.objects.filter(selectors.published(), column__in=value)
        return queryset.filter(pk__in=articles.values("units"))

    def filter_city(self, queryset, name, value):
        # By name ("台州市", also "台州") or by id.
        regions = Region.objects.cities().printed_as(value)
        return queryset.filter(region__city__in=regions)

    def filter_county(self, queryset, name, value):
        regions = Region.objects.counties().printed_as(value)
        return queryset.filter(region__county__in=regions)

    def filter_region(self, queryset, name, value):
        return queryset.in_region(value)


class FilterCopies(OrderedDict):
    """A FilterSet class's filters, copied for each of its instances without deep copies.

    django-filter deep-copies every filter of the class for each instance (it then sets the instance
    on the copies): their querysets, choices and labels too, some 300 objects a search (measured: a
    quarter of reading a search's parameters, and the garbage collector's work that comes with
    them). A request changes none of those: each instance gets its own shallow copies, with their
    own ``extra`` (where a filter's form field puts its queryset), their own ``method`` caller and
    no form field cached on the class's filter (``_field``, made afresh as before).
    """

    def __deepcopy__(self, memo):
        copies = OrderedDict()
        for name, original in self.items():
            each = copy.copy(original)
            each.extra = dict(original.extra)
            each.__dict__.pop("_field", None)
            # A filter with a ``method`` holds a caller bound to itself: django-filter's own setter
            # binds a new one to the copy.
            each.method = original.method
            copies[name] = each
        return copies


PilotUnitFilter.base_filters = FilterCopies(PilotUnitFilter.base_filters)


class RegionFilter(django_filters.FilterSet):
    level = django_filters.MultipleChoiceFilter(choices=RegionLevel.choices, label=_("层级"))
    parent = ModelChoiceFilter(queryset=Region.objects.all(), label=_("上级"))
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("名称"))

    class Meta:
        model = Region
        fields = ["level", "parent", "name"]
