from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from pilots.adminkit import ReadOnlyAdminMixin

from .models import (
    AnnualRecord,
    FieldComment,
    RecordAttachment,
    RecordMeasure,
    RecordPosition,
    RecordTransition,
    RecordValue,
    ReportingDeadline,
)
from .permissions import Action, can, check
from .services.records import record_changed_in_admin


@admin.register(ReportingDeadline)
class ReportingDeadlineAdmin(admin.ModelAdmin):
    list_display = ["year", "due_on"]


class RecordValueInline(admin.TabularInline):
    model = RecordValue
    extra = 0
    fields = ["definition", "value", "qualifier", "published"]
    readonly_fields = ["published"]
    autocomplete_fields = ["definition"]


class RecordMeasureInline(admin.StackedInline):
    model = RecordMeasure
    extra = 0
    filter_horizontal = ["practices"]


class RecordPositionInline(admin.TabularInline):
    model = RecordPosition
    extra = 0


class RecordAttachmentInline(admin.TabularInline):
    model = RecordAttachment
    extra = 0
    fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        # Files come in through the record page, where their content is checked.
        return False


class RecordTransitionInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The workflow's log: shown, never edited (steps are taken on the record page or the API)."""

    model = RecordTransition
    extra = 0
    fields = ["at", "actor", "action", "from_status", "to_status", "comment"]
    readonly_fields = fields


@admin.register(AnnualRecord)
class AnnualRecordAdmin(SimpleHistoryAdmin):
    """Records with their field history ("历史" button) and workflow log.

    Status and version are read-only here: a state changes only through the workflow services,
    so every change is recorded as a transition. Whether a record may be changed at all is asked of
    ``reports.permissions``, and a saved change has the workflow's consequences
    (``record_changed_in_admin``: the version grows, a returned record becomes a draft again).
    """

    list_display = ["unit", "year", "status", "version", "updated_at"]
    list_filter = ["status", "year"]
    search_fields = ["unit__name"]
    autocomplete_fields = ["unit"]
    readonly_fields = ["status", "version", "created_by", "submitted_at", "approved_at"]
    inlines = [
        RecordValueInline,
        RecordMeasureInline,
        RecordPositionInline,
        RecordAttachmentInline,
        RecordTransitionInline,
    ]
    history_list_display = ["status", "version"]

    def has_change_permission(self, request, obj=None):
        # Submitted and approved records are locked: the admin shows them, the workflow changes them.
        if obj is not None and not can(request.user, Action.EDIT, obj):
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            check(request.user, Action.EDIT, obj)
        else:
            check(request.user, Action.CREATE, unit=obj.unit)
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change and (form.has_changed() or any(formset.has_changed() for formset in formsets)):
            record_changed_in_admin(actor=request.user, record=form.instance)


@admin.register(FieldComment)
class FieldCommentAdmin(admin.ModelAdmin):
    list_display = ["transition", "field", "comment"]
    search_fields = ["comment"]


@admin.register(RecordValue)
class RecordValueAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Values with their history, read-only: a value is changed on its record's page (admin or
    workflow), where the change bumps the record's version."""

    list_display = ["record", "definition", "value", "qualifier"]
    search_fields = ["record__unit__name", "definition__name"]
