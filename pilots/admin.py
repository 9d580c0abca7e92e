from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Article,
    ImportRecord,
    IndicatorDefinition,
    IndicatorValue,
    MassOrganisation,
    PilotUnit,
    Practice,
    PracticeArea,
    PublicationStatus,
    ReformMeasure,
    Region,
    RegionLevel,
    ServicePosition,
)


class _RegionLevelFilter(admin.SimpleListFilter):
    """Lists the regions of one level, filtering by ``<path>__id`` (city or county)."""

    level_set: set[str]
    path: str

    def lookups(self, request, model_admin):
        return [(r.pk, r.name) for r in Region.objects.filter(level__in=self.level_set).order_by("code", "name")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{f"{self.path}__id": self.value()})
        return queryset


def region_filter(title: str, parameter: str, levels: set[str], path: str) -> type[admin.SimpleListFilter]:
    return type(
        f"{parameter.title()}Filter",
        (_RegionLevelFilter,),
        {"title": title, "parameter_name": parameter, "level_set": levels, "path": path},
    )


UnitCityFilter = region_filter(_("地级市"), "city", {RegionLevel.CITY}, "region__city")
UnitCountyFilter = region_filter(_("县（市、区）"), "county", RegionLevel.county_levels(), "region__county")


class PublishActionsMixin:
    """Editors publish checked records, or take them back to draft, in bulk."""

    actions = ["publish", "unpublish"]

    @admin.action(description=_("发布所选记录"))
    def publish(self, request, queryset):
        updated = self._set_status(queryset, PublicationStatus.PUBLISHED)
        self.message_user(request, _("已发布 %(count)d 条。") % {"count": updated})

    @admin.action(description=_("撤回所选记录为草稿"))
    def unpublish(self, request, queryset):
        updated = self._set_status(queryset, PublicationStatus.DRAFT)
        self.message_user(request, _("已撤回 %(count)d 条为草稿。") % {"count": updated})

    @staticmethod
    def _set_status(queryset, status: str) -> int:
        # save(), not QuerySet.update(): the search index follows saves, and only published
        # records may be found.
        changed = 0
        for obj in queryset.exclude(status=status):
            obj.status = status
            obj.save(update_fields=["status", "updated_at"])
            changed += 1
        return changed


class ProvenanceMixin:
    """Provenance is what the record was read from: shown, never edited by hand."""

    provenance_fields: tuple[str, ...] = ()

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *self.provenance_fields)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "code", "parent", "city", "successor", "abolished_year"]
    list_filter = ["level", region_filter(_("地级市"), "city", {RegionLevel.CITY}, "city")]
    search_fields = ["name", "full_name", "code"]
    autocomplete_fields = ["parent", "successor", "within"]
    readonly_fields = ["city", "county"]
    list_select_related = ["parent", "city", "successor"]


class PracticeInline(admin.TabularInline):
    model = Practice
    extra = 0
    fields = ["code", "name", "name_en", "order"]


@admin.register(PracticeArea)
class PracticeAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "name_en", "order"]
    search_fields = ["name", "code"]
    inlines = [PracticeInline]


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "area", "name_en"]
    list_filter = ["area"]
    search_fields = ["name", "code", "name_en"]


@admin.register(IndicatorDefinition)
class IndicatorDefinitionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "value_type", "area", "min_value", "max_value", "allows_qualifier", "order"]
    list_filter = ["value_type", "area", "allows_qualifier"]
    search_fields = ["name", "code"]


class ServicePositionForm(forms.ModelForm):
    shared_with = forms.MultipleChoiceField(
        label=_("共建共享群团"),
        choices=MassOrganisation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ServicePosition
        fields = ["unit", "tier", "kind", "name", "count", "area_m2", "opening_hours", "facilities", "shared_with"]


class MeasureInline(admin.StackedInline):
    model = ReformMeasure
    extra = 0
    fields = [("title", "label", "year_started", "order"), "practices", "summary"]
    filter_horizontal = ["practices"]


class PositionInline(admin.TabularInline):
    model = ServicePosition
    form = ServicePositionForm
    extra = 0
    fields = ["tier", "kind", "name", "count", "area_m2", "opening_hours", "shared_with"]


class IndicatorValueInline(ProvenanceMixin, admin.TabularInline):
    model = IndicatorValue
    extra = 0
    fields = ["definition", "year", "value", "qualifier", "phrase", "source_article", "source_file", "source_line"]
    provenance_fields = ("source_article", "source_file", "source_line")
    autocomplete_fields = ["definition"]


@admin.register(PilotUnit)
class PilotUnitAdmin(PublishActionsMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "city_name", "county_name", "pilot_level", "designated_year", "status"]
    list_filter = [
        UnitCityFilter,
        UnitCountyFilter,
        "kind",
        "pilot_level",
        "status",
        ("articles__column", admin.ChoicesFieldListFilter),
        ("measures__practices__area", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["name", "short_name", "region__name"]
    autocomplete_fields = ["region", "parent"]
    readonly_fields = ["created_at", "updated_at"]
    list_select_related = ["region__city", "region__county"]
    inlines = [MeasureInline, PositionInline, IndicatorValueInline]

    @admin.display(description=_("地级市"), ordering="region__city__name")
    def city_name(self, obj):
        return obj.city.name if obj.city else "—"

    @admin.display(description=_("县（市、区）"), ordering="region__county__name")
    def county_name(self, obj):
        return obj.county.name if obj.county else "—"


@admin.register(ReformMeasure)
class ReformMeasureAdmin(SimpleHistoryAdmin):
    list_display = ["title", "label", "unit", "year_started"]
    list_filter = ["practices__area", "practices"]
    search_fields = ["title", "label", "summary", "unit__name"]
    autocomplete_fields = ["unit"]
    filter_horizontal = ["practices"]


@admin.register(ServicePosition)
class ServicePositionAdmin(SimpleHistoryAdmin):
    form = ServicePositionForm
    list_display = ["name", "unit", "tier", "kind", "count", "area_m2"]
    list_filter = ["tier", "kind"]
    search_fields = ["name", "unit__name"]
    autocomplete_fields = ["unit"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ProvenanceMixin, SimpleHistoryAdmin):
    list_display = ["unit", "definition", "year", "value", "qualifier", "phrase"]
    list_filter = ["definition__area", "definition", "year", "qualifier"]
    search_fields = ["unit__name", "phrase"]
    autocomplete_fields = ["unit", "definition"]
    provenance_fields = ("source_article", "source_file", "source_line")
    list_select_related = ["unit", "definition"]


class ImportRecordInline(admin.StackedInline):
    """What the importer last wrote: read-only, kept so that re-imports respect editors' changes."""

    model = ImportRecord
    can_delete = False
    extra = 0
    readonly_fields = ["run", "status", "source_sha256", "values", "indicator_ids", "imported_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(PublishActionsMixin, ProvenanceMixin, SimpleHistoryAdmin):
    list_display = ["headline", "column", "volume", "reporters", "status", "source_file", "start_line"]
    list_filter = ["status", "column", "volume", "publication"]
    search_fields = ["headline", "subheadline", "reporters", "units__name"]
    inlines = [ImportRecordInline]
    autocomplete_fields = ["units"]
    provenance_fields = ("source_file", "source_sha256", "start_line", "end_line", "created_at", "updated_at")
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "headline",
                    "subheadline",
                    ("column", "volume"),
                    ("reporters", "publication", "published_on"),
                    "units",
                    "status",
                ]
            },
        ),
        (_("内容"), {"fields": ["summary", "body", "figures"]}),
        (
            _("来源"),
            {"fields": ["source_file", "source_sha256", ("start_line", "end_line"), ("created_at", "updated_at")]},
        ),
    ]
