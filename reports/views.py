"""Server-rendered screens of the reporting workflow: thin views over selectors and services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pilots.models import Region, RegionLevel
from pilots.validation import parse_id, parse_integer

from . import forms as record_forms
from . import selectors, sheets
from .consistency import record_warnings
from .filters import AnnualRecordFilter
from .models import AnnualRecord, RecordAttachment, RecordStatus
from .permissions import (
    Action,
    StateConflict,
    allowed_actions,
    check,
    has_right,
    region_in_scope,
    region_within,
    role_of,
    units_in_scope,
    units_known_to,
)
from .services import attachments as attachment_services
from .services import records as record_services
from .services import sheets as sheet_services
from .services import transitions
from .services.transitions import COMMENTABLE_FIELDS

SHEET_MAX_BYTES = 2 * 1024 * 1024


def _record(request, pk: int) -> AnnualRecord:
    """The record if the account may see it; 404 otherwise (its existence is not revealed)."""
    return get_object_or_404(selectors.records_for(request.user), pk=pk)


def _require_role(request) -> str:
    role = role_of(request.user)
    if role is None:
        raise PermissionDenied(_("该账号没有填报或审核角色，请联系管理员。"))
    return role


@login_required
def record_list(request):
    """Records by year: a submitter's own unit's, or everything the account may see."""
    _require_role(request)
    records = selectors.records_for(request.user).order_by("-year", "unit__name")
    units = units_in_scope(request.user)
    new_form = record_forms.NewRecordForm(units=units) if has_right(request.user, Action.CREATE) else None
    return render(
        request,
        "reports/record_list.html",
        {"records": records[:200], "new_form": new_form, "can_create": new_form is not None},
    )


@login_required
@require_POST
def record_new(request):
    _require_role(request)
    form = record_forms.NewRecordForm(request.POST, units=units_in_scope(request.user))
    if form.is_valid():
        try:
            record = record_services.record_create(
                actor=request.user, unit=form.cleaned_data["unit"], year=form.cleaned_data["year"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("reports:record-list")
        return redirect("reports:record-edit", pk=record.pk)
    for field_errors in form.errors.values():
        for message in field_errors:
            messages.error(request, message)
    return redirect("reports:record-list")


@login_required
def record_detail(request, pk: int):
    """A record with last year's values beside this year's, warnings, steps and the allowed actions."""
    record = _record(request, pk)
    warnings = record_warnings(record)
    return render(
        request,
        "reports/record_detail.html",
        {
            "record": record,
            "warnings": warnings,
            "comparison": selectors.record_comparison(record, warnings),
            "actions": allowed_actions(request.user, record),
            "pinned": selectors.field_comments(record),
            "last_return": selectors.latest_return(record),
            "commentable": COMMENTABLE_FIELDS,
            "return_form": record_forms.ReturnForm(),
            "reopen_form": record_forms.ReopenForm(),
            "attachment_form": record_forms.AttachmentForm(),
        },
    )


def _form_errors_from_service(form, error: ValidationError) -> list[str]:
    """Place a service's errors next to their fields; return those that belong to no single field."""
    loose = []
    for key, field_messages in error.message_dict.items():
        name = record_forms.value_field_name(key.removeprefix("value:")) if key.startswith("value:") else key
        if name in form.fields:
            for message in field_messages:
                form.add_error(name, message)
        else:
            loose.extend(field_messages)
    return loose


@login_required
def record_edit(request, pk: int):
    """The record form: save as draft, or save and submit in one go."""
    record = _record(request, pk)
    try:
        check(request.user, Action.EDIT, record)
    except StateConflict as error:
        messages.error(request, str(error))
        return redirect("reports:record-detail", pk=record.pk)
    loose: list[str] = []
    if request.method == "POST":
        form = record_forms.RecordForm(request.POST, record=record)
        measures = record_forms.MeasureFormSet(request.POST, prefix="measures")
        positions = record_forms.PositionFormSet(request.POST, prefix="positions")
        if form.is_valid() and measures.is_valid() and positions.is_valid():
            version = form.cleaned_data.get("version") or 0
            try:
                record, _changed = record_services.record_update(
                    actor=request.user,
                    record=record,
                    version=version,
                    changes=record_forms.record_changes(form, measures, positions),
                )
                if request.POST.get("intent") == "submit":
                    transitions.record_submit(actor=request.user, record=record)
                    messages.success(request, _("报告已报送，等待审核。"))
                    return redirect("reports:record-detail", pk=record.pk)
                messages.success(request, _("草稿已保存。"))
                return redirect("reports:record-edit", pk=record.pk)
            except record_services.VersionConflict as error:
                loose.append(str(error))
            except StateConflict as error:
                loose.append(str(error))
            except ValidationError as error:
                loose.extend(_form_errors_from_service(form, error))
    else:
        form = record_forms.RecordForm(record=record)
        measures = record_forms.MeasureFormSet(prefix="measures", initial=record_forms.measure_initial(record))
        positions = record_forms.PositionFormSet(prefix="positions", initial=record_forms.position_initial(record))
    return render(
        request,
        "reports/record_form.html",
        {
            "record": record,
            "form": form,
            "measures": measures,
            "positions": positions,
            "loose_errors": loose,
            "pinned": selectors.field_comments(record),
            "last_return": selectors.latest_return(record),
            "warnings": record_warnings(record),
        },
    )


@login_required
@require_POST
def record_transition(request, pk: int, step: str):
    """Submit, approve, return (with comments pinned to fields) or reopen (with a reason)."""
    record = _record(request, pk)
    try:
        if step == "submit":
            transitions.record_submit(actor=request.user, record=record)
            messages.success(request, _("报告已报送，等待审核。"))
        elif step == "approve":
            transitions.record_approve(actor=request.user, record=record, comment=request.POST.get("comment", ""))
            messages.success(request, _("报告已审核通过，指标已进入公开数据。"))
        elif step == "return":
            pinned = {key.removeprefix("pin:"): value for key, value in request.POST.items() if key.startswith("pin:")}
            transitions.record_return(
                actor=request.user, record=record, comment=request.POST.get("comment", ""), field_comments=pinned
            )
            messages.success(request, _("报告已退回修改。"))
        elif step == "reopen":
            transitions.record_reopen(actor=request.user, record=record, reason=request.POST.get("reason", ""))
            messages.success(request, _("报告已重新打开并退回单位修改，已发布的指标已撤下。"))
        else:
            raise Http404
    except (StateConflict, ValidationError) as error:
        for message in getattr(error, "messages", [str(error)]):
            messages.error(request, message)
    return redirect("reports:record-detail", pk=record.pk)


@login_required
@require_POST
def attachment_upload(request, pk: int):
    record = _record(request, pk)
    form = record_forms.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment_services.attachment_add(actor=request.user, record=record, upload=form.cleaned_data["file"])
            messages.success(request, _("附件已上传。"))
        except (StateConflict, ValidationError) as error:
            for message in getattr(error, "messages", [str(error)]):
                messages.error(request, message)
    else:
        messages.error(request, _("请选择要上传的文件。"))
    return redirect("reports:record-detail", pk=record.pk)


@login_required
def attachment_download(request, pk: int, attachment_pk: int):
    record = _record(request, pk)
    attachment = get_object_or_404(RecordAttachment, record=record, pk=attachment_pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


@login_required
@require_POST
def attachment_delete(request, pk: int, attachment_pk: int):
    record = _record(request, pk)
    attachment = get_object_or_404(RecordAttachment, record=record, pk=attachment_pk)
    try:
        attachment_services.attachment_remove(actor=request.user, attachment=attachment)
        messages.success(request, _("附件已删除。"))
    except StateConflict as error:
        messages.error(request, str(error))
    return redirect("reports:record-detail", pk=record.pk)


@login_required
def sheet_template(request):
    """The indicator spreadsheet of one unit and year, pre-filled with the record's current values."""
    _require_role(request)
    unit_id = parse_id(request.GET.get("unit", ""))
    year = parse_integer(request.GET.get("year", ""), minimum=2017, maximum=2100)
    if unit_id is None or year is None:
        raise Http404(_("请选择单位并填写 2017–2100 之间的年度。"))
    unit = get_object_or_404(units_in_scope(request.user), pk=unit_id)
    check(request.user, Action.CREATE, unit=unit)
    record = AnnualRecord.objects.filter(unit=unit, year=year).prefetch_related("values").first()
    if request.GET.get("format") == "csv":
        body, kind, extension = sheets.template_csv(unit, year, record), "text/csv; charset=utf-8", "csv"
    else:
        body = sheets.template_xlsx(unit, year, record)
        kind, extension = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{sheets.template_filename(unit, year, extension)}"'
    return response


@login_required
def sheet_upload(request):
    """Upload a filled template: every cell error is listed and nothing is saved unless all is valid."""
    _require_role(request)
    if not has_right(request.user, Action.CREATE):
        raise PermissionDenied(_("该角色不能上传报表。"))
    context = {"form": record_forms.SheetUploadForm(), "units": units_in_scope(request.user)[:500]}
    if request.method != "POST":
        return render(request, "reports/sheet_upload.html", context)

    def refused():
        return render(request, "reports/sheet_upload.html", context, status=400)

    form = context["form"] = record_forms.SheetUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return refused()
    upload = form.cleaned_data["file"]
    if upload.size > SHEET_MAX_BYTES:
        form.add_error("file", _("表格文件不能超过 2 MB。"))
        return refused()
    try:
        content = context["content"] = sheets.sheet_read(upload.read(), units=units_known_to(request.user))
    except ValidationError as error:
        form.add_error("file", error)
        return refused()
    if content.errors:
        return refused()
    try:
        record, changed = sheet_services.record_import_sheet(actor=request.user, content=content)
    except (StateConflict, ValidationError) as error:
        context["save_errors"] = getattr(error, "messages", [str(error)])
        return refused()
    context.update(record=record, changed=changed)
    return render(request, "reports/sheet_upload.html", context)


@login_required
def review_queue(request):
    """Records to review, filtered by status (submitted by default), region and year."""
    _require_role(request)
    data = request.GET.copy()
    if "status" not in data:
        data.setlist("status", [RecordStatus.SUBMITTED])
    records = selectors.records_for(request.user).order_by("-year", "submitted_at", "unit__name")
    record_filter = AnnualRecordFilter(data, queryset=records)
    scoped_region = region_in_scope(request.user)
    if scoped_region is not None and scoped_region.parent_id is not None:
        # A reviewer picks among its own region and the counties below it.
        record_filter.filters["region"].queryset = Region.objects.filter(
            Q(pk=scoped_region.pk) | Q(city=scoped_region) | Q(county=scoped_region)
        ).exclude(level__in=[RegionLevel.STREET, RegionLevel.TOWNSHIP])
    counts = dict(
        selectors.records_for(request.user).values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    return render(
        request,
        "reports/review_queue.html",
        {
            "filter": record_filter,
            "records": record_filter.qs[:300] if record_filter.is_valid() else [],
            "counts": [(value, label, counts.get(value, 0)) for value, label in RecordStatus.choices],
            "region": scoped_region,
        },
    )


@login_required
def reporting_rate(request):
    """Per region and year: units expected, submitted, approved, overdue; click a region to drill down."""
    check(request.user, Action.VIEW_RATE)
    top = region_in_scope(request.user)
    if top is None:
        raise PermissionDenied(_("没有可查看的区域。"))
    region = top
    if request.GET.get("region"):
        region = get_object_or_404(Region, pk=parse_id(request.GET["region"]) or 0)
        if not region_within(region, top):
            raise Http404
    years = sorted(set(AnnualRecord.objects.values_list("year", flat=True)) | set(selectors.deadline_years()))
    year = parse_integer(request.GET.get("year") or (years[-1] if years else selectors.current_reporting_year()))
    if year is None:
        raise Http404
    total, rows = selectors.reporting_rate(region, year)
    return render(
        request,
        "reports/reporting_rate.html",
        {
            "region": region,
            "top": top,
            "year": year,
            "years": years,
            "total": total,
            "rows": rows,
            "deadline": selectors.deadline_for(year),
            "statuses": RecordStatus.choices,
        },
    )
