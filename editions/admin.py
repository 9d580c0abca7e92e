"""The issues in the Django admin, for repairs; editors compile them on their own screens (/editions/)."""

from django.contrib import admin

from pilots.adminkit import ReadOnlyAdminMixin

from .models import Edition, EditionVersion, Entry, Section, Volume


class VolumeInline(admin.TabularInline):
    model = Volume
    extra = 0
    fields = ["name", "kind", "order"]


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["title", "magazine", "issue_label", "status", "published_version", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "issue_label"]
    readonly_fields = ["status", "published_version", "created_by"]
    inlines = [VolumeInline]


class EntryInline(admin.TabularInline):
    model = Entry
    extra = 0
    fields = ["position", "article", "note"]
    raw_id_fields = ["article"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["title", "volume", "order"]
    list_select_related = ["volume__edition"]
    inlines = [EntryInline]


@admin.register(EditionVersion)
class EditionVersionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Frozen versions are read only: a change is a new version, made by freezing the issue again."""

    list_display = ["edition", "number", "content_hash", "created_at", "created_by"]
    list_select_related = ["edition", "created_by"]
    readonly_fields = ["edition", "number", "content_hash", "created_at", "created_by", "content"]
