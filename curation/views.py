"""The editors' review screens for imported texts (Chinese, phone-friendly, editors and admins only)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from importing.script import read_script
from importing.tasks import IMPORT_JOB, import_job_ask
from jobs.models import Job
from pilots.models import (
    Article,
    ImportRecord,
    ImportRun,
    IndicatorDefinition,
    IndicatorValue,
    Proposal,
    Qualifier,
    ReformMeasure,
    ReviewStatus,
    ServicePosition,
)
from pilots.validation import page_number, parse_integer

from . import services
from .forms import ImportUploadForm
from .permissions import check_review_imports

RUNS_PER_PAGE = 30
JOBS_SHOWN = 10
PIECES_PER_PAGE = 10
HISTORY_ROWS = 12


@login_required
def import_list(request):
    check_review_imports(request.user)
    runs = ImportRun.objects.annotate(
        pieces=Count("records"),
        pending=Count("records", filter=Q(records__status=ReviewStatus.PENDING)),
        accepted=Count("records", filter=Q(records__status=ReviewStatus.ACCEPTED)),
        published=Count("records", filter=Q(records__status=ReviewStatus.PUBLISHED)),
    ).order_by("-updated_at", "-id")
    page = Paginator(runs, RUNS_PER_PAGE).get_page(page_number(request.GET.get("page")))
    return render(
        request,
        "curation/import_list.html",
        {"page": page, "form": ImportUploadForm(), **_import_jobs()},
    )


def _import_jobs() -> dict:
    """The latest import jobs, each with the run it wrote (by file name), and whether any is still going."""
    jobs = list(Job.objects.filter(kind=IMPORT_JOB).order_by("-created_at", "-id")[:JOBS_SHOWN])
    names = {job.params.get("name", "") for job in jobs}
    runs = dict(ImportRun.objects.filter(source_file__in=names).values_list("source_file", "pk"))
    rows = [{"job": job, "name": (name := job.params.get("name", "")), "run": runs.get(name)} for job in jobs]
    return {"jobs": rows, "jobs_pending": any(not row["job"].finished for row in rows)}


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    """A text to import: stored, and imported by a job whose progress shows on the import list.

    The form lives on the import list; the upload address opened (a bookmark, a reload) leads there."""
    check_review_imports(request.user)
    if request.method == "GET":
        return redirect(reverse("curation:import-list") + "#upload-form")
    form = ImportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}：{error}" if label else error)
        return redirect("curation:import-list")
    upload = form.cleaned_data["file"]
    given = form.cleaned_data["date"]
    job = import_job_ask(
        name=upload.name,
        data=upload.read(),
        fmt=form.cleaned_data["format"],
        outlet=form.cleaned_data["outlet"].strip(),
        date=given.isoformat() if given else "",
        user=request.user,
    )
    messages.success(
        request, _("已排入导入队列：%(name)s（任务 #%(id)s），进度见下表。") % {"name": upload.name, "id": job.pk}
    )
    return redirect("curation:import-list")


@login_required
def import_detail(request, pk: int):
    check_review_imports(request.user)
    run = get_object_or_404(ImportRun, pk=pk)
    records = (
        run.records.select_related("article")
        .prefetch_related("article__units", Prefetch("proposals", queryset=Proposal.objects.order_by("order", "id")))
        .order_by("article__start_line", "id")
    )
    status = request.GET.get("status")
    if status in ReviewStatus.values:
        records = records.filter(status=status)
    page = Paginator(records, PIECES_PER_PAGE).get_page(page_number(request.GET.get("page")))
    script = read_script(run.source_text)  # what the importer read: simplified, without pinyin glosses
    pieces = [_piece(run, record, script.text) for record in page]
    counts = dict(run.records.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    return render(
        request,
        "curation/import_detail.html",
        {
            "run": run,
            "script": script,
            "page": page,
            "pieces": pieces,
            "counts": [(value, label, counts.get(value, 0)) for value, label in ReviewStatus.choices],
            "status": status,
            "accepted": counts.get(ReviewStatus.ACCEPTED, 0),
            "definitions": IndicatorDefinition.objects.order_by("order", "code"),
            "qualifiers": Qualifier.choices,
            "decisions": [(value, label) for value, label in ReviewStatus.choices if value != ReviewStatus.PUBLISHED],
        },
    )


@login_required
@require_POST
def piece_update(request, pk: int, record_pk: int):
    check_review_imports(request.user)
    run = get_object_or_404(ImportRun, pk=pk)
    record = get_object_or_404(ImportRecord.objects.select_related("article"), pk=record_pk, run=run)
    action = request.POST.get("action", "save")
    try:
        services.review_piece(record, user=request.user, data=request.POST, action=action)
    except services.PublishedPiece as exc:
        return HttpResponse(str(exc), status=409, content_type="text/plain; charset=utf-8")
    except services.ReviewError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        done = {"save": _("已保存修改。"), "accept": _("已接受该篇。"), "reject": _("已驳回该篇。")}[action]
        messages.success(request, f"{record.article.title}：{done}")
    # Back to the list as the editor had it: its page comes back as list_page ("page" is the piece's own 版面
    # field in the same form), its status filter as list_status.
    page = parse_integer(request.POST.get("list_page", ""), minimum=1)
    status = request.POST.get("list_status")
    query = urlencode(
        [*([("status", status)] if status in ReviewStatus.values else []), *([("page", page)] if page else [])]
    )
    return redirect(f"{_detail(run)}{'?' + query if query else ''}#piece-{record.pk}")


@login_required
@require_POST
def import_publish(request, pk: int):
    check_review_imports(request.user)
    run = get_object_or_404(ImportRun, pk=pk)
    published = services.publish(run, user=request.user)
    if published:
        messages.success(request, _("已发布 %(n)d 篇及其已接受的内容。") % {"n": published})
    else:
        messages.error(request, _("没有已接受的篇目可发布。"))
    return redirect(_detail(run))


def _detail(run: ImportRun) -> str:
    return reverse("curation:import-detail", args=[run.pk])


def _piece(run: ImportRun, record: ImportRecord, page_text: str) -> dict:
    article = record.article
    units = list(article.units.all())
    return {
        "record": record,
        "article": article,
        "unit": units[0] if units else None,
        # A name the portal has no unit for: a proposal (新单位), created when the piece is published.
        "new_unit": "" if units else (record.values.get("unit") or {}).get("name") or "",
        # A proposal the page names without any place: the editor gives the full name before accepting.
        "new_unit_unplaced": not units and not (record.values.get("unit") or {}).get("city"),
        "inferred_county": "" if units else _inferred_county(record.values.get("unit") or {}, page_text),
        "other_units": list((record.values.get("unit") or {}).get("names", [])[1:]),
        "lines": run.source_lines(article.start_line, article.end_line),
        "proposals": list(record.proposals.all()),
        "editable": record.status != ReviewStatus.PUBLISHED,
        "history": _history(article, units[0] if units else None),
    }


def _inferred_county(unit: dict, text: str) -> str:
    """The county of a proposed unit where the page never prints it, in full or short ("临安区", "临安"): the
    importer took it from the page's outlet or from the province's list of streets, so the editor checks it."""
    county = unit.get("county") or ""
    short = county[:-1] if len(county) >= 3 and county.endswith(("市", "县", "区")) else county
    return county if county and short not in text else ""


def _history(article: Article, unit) -> list[dict]:
    """The latest changes of the article, its unit and what was published onto the unit from it."""
    sources = [(_("文章"), article.history.all()[:HISTORY_ROWS])]
    if unit is not None:
        sources += [
            (_("单位"), unit.history.all()[:HISTORY_ROWS]),
            (_("改革举措"), ReformMeasure.history.filter(unit_id=unit.pk)[:HISTORY_ROWS]),
            (_("服务阵地"), ServicePosition.history.filter(unit_id=unit.pk)[:HISTORY_ROWS]),
            (_("指标值"), IndicatorValue.history.filter(source_article_id=article.pk)[:HISTORY_ROWS]),
        ]
    rows = []
    for what, entries in sources:
        for entry in entries:
            changes = []
            previous = entry.prev_record
            if previous is not None:
                try:
                    delta = entry.diff_against(previous)
                except Exception:  # a history row of a removed field: show the entry without its diff
                    delta = None
                for change in delta.changes if delta else []:
                    changes.append(_change(entry.instance, change))
            rows.append(
                {
                    "what": what,
                    "name": str(entry.instance) if entry.history_type != "-" else "",
                    "when": entry.history_date,
                    "who": entry.history_user,
                    "type": entry.get_history_type_display(),
                    "changes": changes,
                }
            )
    rows.sort(key=lambda row: row["when"], reverse=True)
    return rows[:HISTORY_ROWS]


def _change(instance, change) -> str:
    """One changed field, by its Chinese name; related units are named, not listed as ids."""
    try:
        field = instance._meta.get_field(change.field)
        label = str(field.verbose_name)
    except Exception:  # a field the model no longer has
        field, label = None, change.field
    if field is not None and field.many_to_many:
        return _("%(field)s已更新") % {"field": label}
    return f"{label}：{_short(change.old)} → {_short(change.new)}"


def _short(value) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"
