"""Server-rendered screens of the reporting workflow: thin views over selectors and services."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import role_of, units_in_scope, units_known_to
from pilots.models import Region, RegionLevel
from pilots.spreadsheets import CONTENT_TYPES, content_disposition
from pilots.validation import parse_id, parse_integer
from pilots.widgets import NameSelect

from . import exports as rate_exports
from . import forms as record_forms
from . import selectors, sheets
from .consistency import record_warnings
from .filters import AnnualRecordFilter
from .models import (
    FIRST_REPORTING_YEAR,
    LAST_REPORTING_YEAR,
    AnnualRecord,
    RecordAttachment,
    RecordStatus,
    current_reporting_year,
)
from .permissions import (
    ACTION_LABELS,
    Action,
    StateConflict,
    allowed_actions,
    can,
    check,
    has_right,
    mark_visible,
    rate_scope,
    region_in_scope,
)
from .services import attachments as attachment_services
from .services import records as record_services
from .services import sheets as sheet_services
from .services import transitions
from .services.transitions import COMMENTABLE_FIELDS

SHEET_MAX_BYTES = 2 * 1024 * 1024


def _record(request, pk: int) -> AnnualRecord:
    """The record if the account may see it; 404 otherwise (its existence is not revealed)."""
    return mark_visible(request.user, get_object_or_404(selectors.records_for(request.user), pk=pk))


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
    # A record sent back says so at the top, with the way to its comments, for those who fix it.
    returned = []
    if has_right(request.user, Action.CREATE):
        returned = [record for record in records[:200] if record.status == RecordStatus.RETURNED]
    return render(
        request,
        "reports/record_list.html",
        {"records": records[:200], "new_form": new_form, "can_create": new_form is not None, "returned": returned},
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
    # A message at the top of the list names its field: "年度：应为整数。", not a bare "应为整数。".
    for name, field_errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for message in field_errors:
            messages.error(request, f"{label}：{message}" if label else message)
    return redirect("reports:record-list")


@login_required
def record_detail(request, pk: int):
    """A record with last year's values beside this year's, warnings, steps and the allowed actions."""
    record = _record(request, pk)
    previous = selectors.previous_year_values(record)
    warnings = record_warnings(record, previous)
    actions = allowed_actions(request.user, record)
    return render(
        request,
        "reports/record_detail.html",
        {
            "record": record,
            "step_buttons": [
                (step, ACTION_LABELS[STEP_ACTIONS[step]]) for step in ("submit", "approve", "delete") if step in actions
            ],
            "warnings": warnings,
            "comparison": selectors.record_comparison(record, warnings, previous),
            "actions": actions,
            "pinned": selectors.field_comments(record),
            "last_return": selectors.latest_return(record),
            "commentable": COMMENTABLE_FIELDS,
            "return_form": record_forms.ReturnForm(),
            "reopen_form": record_forms.ReopenForm(),
            "attachment_form": record_forms.AttachmentForm(),
            "last_change": record.history.select_related("history_user").order_by("-history_date").first(),
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


ADD_ROW_INTENTS = {"add-measure": "measures", "add-position": "positions"}


def _with_another_row(post, prefix: str):
    """The posted data with one more blank row in formset ``prefix`` (the "添加一行" button without JavaScript)."""
    data = post.copy()
    total = f"{prefix}-TOTAL_FORMS"
    count = parse_integer(data.get(total, 0), minimum=0) or 0
    data[total] = str(min(count + 1, record_forms.MAX_ROWS))
    return data


@login_required
def record_edit(request, pk: int):
    """The record form: save as draft, or save and go on to confirm the submission.

    Rows left blank are ignored; every error is listed at the top with a link to its field. The
    "添加一行" buttons re-render the form with one more row (static JS adds rows without a round trip).
    """
    record = _record(request, pk)
    try:
        check(request.user, Action.EDIT, record)
    except StateConflict as error:
        messages.error(request, str(error))
        return redirect("reports:record-detail", pk=record.pk)
    loose: list[str] = []
    intent = request.POST.get("intent", "save")
    if request.method == "POST" and intent in ADD_ROW_INTENTS:
        data = _with_another_row(request.POST, ADD_ROW_INTENTS[intent])
        form = record_forms.RecordForm(data, record=record)
        measures = record_forms.MeasureFormSet(data, prefix="measures")
        positions = record_forms.PositionFormSet(data, prefix="positions")
        # Nothing is saved: the person is still filling the form in.
    elif request.method == "POST":
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
                if intent == "submit":
                    return redirect("reports:record-confirm", pk=record.pk, step="submit")
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
    previous = selectors.previous_year_values(record)
    warnings = record_warnings(record, previous)
    adding = intent in ADD_ROW_INTENTS
    errors = record_forms.error_summary(form, measures, positions, loose) if form.is_bound and not adding else []
    return render(
        request,
        "reports/record_form.html",
        {
            "record": record,
            "form": form,
            "measures": measures,
            "positions": positions,
            "error_summary": errors,
            "pinned": selectors.field_comments(record),
            "last_return": selectors.latest_return(record),
            "warnings": warnings,
            "show_warning_notes": bool(warnings or record.warning_notes),
            "can_delete": can(request.user, Action.DELETE, record),
            "previous": previous,
            "previous_year": record.year - 1,
        },
    )


STEP_ACTIONS = {
    "submit": Action.SUBMIT,
    "approve": Action.APPROVE,
    "return": Action.RETURN,
    "reopen": Action.REOPEN,
    "delete": Action.DELETE,
}


@login_required
def record_confirm(request, pk: int, step: str):
    """Say what a step will do before it is taken (no script needed: a page with one button).

    The return form posts here first, so its comments come along as hidden fields. Nothing changes
    on this page; the button posts to the step itself.
    """
    record = _record(request, pk)
    action = STEP_ACTIONS[step]
    try:
        check(request.user, action, record)
    except StateConflict as error:
        messages.error(request, str(error))
        return redirect("reports:record-detail", pk=record.pk)
    source = request.POST if request.method == "POST" else request.GET
    comment = source.get("comment", "").strip()
    reason = source.get("reason", "").strip()
    pinned = [
        (key, key.removeprefix("pin:"), value.strip())
        for key, value in source.items()
        if key.startswith("pin:") and value.strip()
    ]
    refusal = transitions.step_refusal(record=record, step=step, comment=comment, reason=reason)
    problem = " ".join(refusal.messages) if refusal else ""
    warnings = record_warnings(record)
    target = (
        reverse("reports:record-delete", args=[record.pk])
        if step == "delete"
        else reverse("reports:record-transition", args=[record.pk, step])
    )
    return render(
        request,
        "reports/record_confirm.html",
        {
            "record": record,
            "step": step,
            "label": ACTION_LABELS[action],
            "target": target,
            "comment": comment,
            "reason": reason,
            "pinned": pinned,
            "problem": problem,
            "warnings": warnings if step in ("submit", "approve") else [],
        },
        status=400 if problem else 200,
    )


@login_required
@require_POST
def record_delete(request, pk: int):
    record = _record(request, pk)
    try:
        record_services.record_delete(actor=request.user, record=record)
    except StateConflict as error:
        messages.error(request, str(error))
        return redirect("reports:record-detail", pk=record.pk)
    messages.success(request, _("草稿已删除。"))
    return redirect("reports:record-list")


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
            messages.success(request, _("报告已审核通过，指标、改革举措和服务阵地已发布到案例页面。"))
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
    year = parse_integer(request.GET.get("year", ""), minimum=FIRST_REPORTING_YEAR, maximum=LAST_REPORTING_YEAR)
    if unit_id is None or year is None:  # the upload page names the field (a bare 404 page did not)
        bounds = {"first": FIRST_REPORTING_YEAR, "last": LAST_REPORTING_YEAR}
        problem = _("年度：请填写 %(first)s–%(last)s 之间的年度。") % bounds if year is None else ""
        messages.error(request, _("单位：请选择单位。") if unit_id is None else problem)
        return sheet_upload(request, status=400)
    unit = get_object_or_404(units_in_scope(request.user), pk=unit_id)
    check(request.user, Action.CREATE, unit=unit)
    record = AnnualRecord.objects.filter(unit=unit, year=year).prefetch_related("values").first()
    if request.GET.get("format") == "csv":
        body, kind, extension = sheets.template_csv(unit, year, record), "text/csv; charset=utf-8", "csv"
    else:
        body = sheets.template_xlsx(unit, year, record)
        kind, extension = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = content_disposition(sheets.template_filename(unit, year, extension))
    return response


@login_required
def sheet_upload(request, status: int = 200):
    """Upload a filled template: every cell error is listed and nothing is saved unless all is valid."""
    _require_role(request)
    if not has_right(request.user, Action.CREATE):
        raise PermissionDenied(_("该角色不能上传报表。"))
    context = {"form": record_forms.SheetUploadForm(), "units": units_in_scope(request.user)[:500]}
    if request.method != "POST":
        return render(request, "reports/sheet_upload.html", context, status=status)

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
    """Records to review, filtered by status (submitted by default), region and year.

    Statuses are checkboxes with their counts, and each count links to that status alone; the
    region picker lists the account's scope as a tree (a city, then its counties)."""
    _require_role(request)
    data = request.GET.copy()
    if "status" not in data:
        data.setlist("status", [RecordStatus.SUBMITTED])
    records = selectors.records_for(request.user).order_by("-year", "submitted_at", "unit__name")
    record_filter = AnnualRecordFilter(data, queryset=records)
    scoped_region = region_in_scope(request.user)
    regions = Region.objects.exclude(level__in=[RegionLevel.STREET, RegionLevel.TOWNSHIP])
    if scoped_region is not None and scoped_region.parent_id is not None:
        # A reviewer picks among its own region and the counties below it.
        regions = Region.objects.within(scoped_region).exclude(level__in=[RegionLevel.STREET, RegionLevel.TOWNSHIP])
        record_filter.filters["region"].queryset = regions
    # The picker only: the filter still validates against the queryset.
    record_filter.form.fields["region"].widget = NameSelect(choices=region_tree_choices(regions, scoped_region))
    counts = dict(
        selectors.records_for(request.user).values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    kept = {key: data.getlist(key) for key in ("region", "year") if data.get(key)}
    selected = set(data.getlist("status"))
    statuses = [
        {
            "value": value,
            "label": label,
            "count": counts.get(value, 0),
            "checked": value in selected,
            "url": "?" + urlencode([("status", value), *((k, v) for k, vs in kept.items() for v in vs)]),
        }
        for value, label in RecordStatus.choices
    ]
    return render(
        request,
        "reports/review_queue.html",
        {
            "filter": record_filter,
            "records": record_filter.qs[:300] if record_filter.is_valid() else [],
            "statuses": statuses,
            "region": scoped_region,
        },
    )


def region_tree_choices(regions, scope) -> list:
    """The picker's choices: all of the scope first, then each city with its counties beneath it
    (development zones among their city's counties, never above the province)."""
    rows = list(regions.select_related("parent").order_by("code", "name"))
    children: dict = {}
    for region in rows:
        children.setdefault(region.parent_id, []).append(region)
    ids = {region.pk for region in rows}
    roots = [region for region in rows if region.parent_id not in ids]
    choices: list = [("", _("全部区域") if scope is None or scope.parent_id is None else _("本区域全部"))]

    def county_options(city):
        return [(city.pk, _("%(name)s（全市）") % {"name": city.name})] + [
            (county.pk, county.name) for county in children.get(city.pk, [])
        ]

    for root in roots:
        if root.level == RegionLevel.PROVINCE:
            choices.append((root.pk, root.name))
            choices += [(city.name, county_options(city)) for city in children.get(root.pk, [])]
        elif root.level == RegionLevel.CITY:
            choices.append((root.name, county_options(root)))
        else:
            choices.append((root.pk, root.name))
    return choices


@login_required
def reporting_rate(request):
    """Per region and year: units expected, submitted, approved, overdue; click a region to drill down."""
    top, region = rate_scope(request.user, request.GET.get("region") or None)
    years = sorted(set(AnnualRecord.objects.values_list("year", flat=True)) | set(selectors.deadline_years()))
    year = parse_integer(
        request.GET.get("year") or (years[-1] if years else current_reporting_year()),
        minimum=FIRST_REPORTING_YEAR,
        maximum=LAST_REPORTING_YEAR,
    )
    if year is None:  # "-1" was a year too: its deadline (year 0) is no date (found by the page fuzz)
        raise Http404(_("没有这个报送年度。"))
    total, rows = selectors.reporting_rate(region, year)
    export_format = request.GET.get("format")
    if export_format in ("csv", "xlsx"):
        return _rate_export(region, year, total, rows, export_format)
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
            "deadline_is_default": selectors.deadline_is_default(year),
            "statuses": RecordStatus.choices,
            # The export's columns (rate and status apart), so the page, the CSV and the XLSX agree.
            "columns": [str(column.label) for column in rate_exports.RATE_COLUMNS],
        },
    )


def _rate_export(region, year: int, total, rows, export_format: str) -> HttpResponse:
    """The reporting-rate table as the page shows it, with its total, as CSV or XLSX."""
    body = rate_exports.render(rate_exports.rate_rows(total, rows), export_format)
    response = HttpResponse(body, content_type=CONTENT_TYPES[export_format])
    response["Content-Disposition"] = content_disposition(rate_exports.rate_filename(region, year, export_format))
    return response
