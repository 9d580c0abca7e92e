"""The frozen versions of an issue: their list (with a comparison of two), one version read, its
files downloaded, and the state of the jobs that build them.

A published version's files are built once, by a job, and served as stored files; a file not built
yet is being prepared (202), never rendered in the request. Anonymous downloads are throttled per
client (``TRUSTED_PROXIES`` decides the client's address).
"""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from rest_framework.throttling import SimpleRateThrottle

from jobs.models import Job
from pilots.client_address import client_address
from pilots.validation import parse_integer

from . import stored, tasks
from .comparison import versions_compare
from .exporters import FORMATS, print_html
from .models import Edition, EditionExport, EditionVersion, ExportState
from .permissions import EditionAction, can_edition, check_edition, edition_for

FORMAT_LABELS = {"pdf": "PDF", "docx": "Word", "html": gettext_lazy("网页版 HTML")}


@require_GET
def version_list(request, pk: int):
    edition = edition_for(request.user, pk, EditionAction.VIEW)
    versions = list(
        edition.versions.order_by("-number")
        .select_related("created_by")
        .defer("content")
        .prefetch_related(Prefetch("exports", queryset=EditionExport.objects.select_related("job")))
    )
    comparison = old = new = None
    a, b = request.GET.get("a", ""), request.GET.get("b", "")
    first, second = parse_integer(a, minimum=1), parse_integer(b, minimum=1)
    invalid = [name for name, text, number in (("a", a, first), ("b", b, second)) if text and number is None]
    if invalid:
        messages.error(request, _("版本号（%(names)s）应为正整数。") % {"names": "、".join(invalid)})
    elif first is not None and second is not None:
        numbers = {v.number for v in versions}
        if first not in numbers or second not in numbers:
            messages.error(request, _("要比较的版本不存在。"))
        else:
            old = edition.versions.get(number=first)
            new = edition.versions.get(number=second)
            comparison = versions_compare(old, new)
    rows = []
    for version in versions:
        exports = {row.fmt: row for row in version.exports.all()}
        rows.append(
            {
                "version": version,
                "job": _export_job(exports.values()),
                "files": [
                    {
                        "fmt": fmt,
                        "label": label,
                        "export": exports.get(fmt),
                        "url": reverse("editions:download", args=[pk, version.number, fmt]),
                    }
                    for fmt, label in FORMAT_LABELS.items()
                ],
            }
        )
    context = {
        "edition": edition,
        "versions": versions,
        "rows": rows,
        "pending": any(f["export"] is None or f["export"].state != ExportState.DONE for r in rows for f in r["files"]),
        "comparison": comparison,
        "old": old,
        "new": new,
        "formats": FORMAT_LABELS,
        "can_edit": can_edition(request.user, EditionAction.EDIT, edition),
    }
    return render(request, "editions/versions.html", context)


def _version(request, pk: int, number: int) -> EditionVersion:
    edition = Edition.objects.filter(pk=pk).first()
    if edition is None:
        raise Http404(_("没有找到该专刊。"))
    if can_edition(request.user, EditionAction.VIEW, edition):
        return get_object_or_404(EditionVersion, edition=edition, number=number)
    check_edition(request.user, EditionAction.VIEW_PUBLISHED, edition)
    if edition.published_version.number != number:
        raise Http404(_("没有找到该版本。"))
    return edition.published_version


@require_GET
def version_view(request, pk: int, number: int):
    version = _version(request, pk, number)
    downloads = [
        {"label": label, "url": reverse("editions:download", args=[pk, number, fmt])}
        for fmt, label in FORMAT_LABELS.items()
    ]
    html = print_html(
        version.content,
        version=version.number,
        content_hash=version.content_hash,
        back_url=reverse("editions:detail", args=[pk]),
        downloads=downloads,
    )
    return HttpResponse(html)


class _AnonymousDownloads(SimpleRateThrottle):
    """Downloads without an account, per client address (settings.EDITION_ANONYMOUS_DOWNLOADS)."""

    scope = "edition_download"

    def get_rate(self):
        return settings.EDITION_ANONYMOUS_DOWNLOADS or None

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def get_ident(self, request):
        return client_address(request)  # the deployment's reading (TRUSTED_PROXIES), as every throttle


@require_GET
def version_download(request, pk: int, number: int, fmt: str):
    """The stored file of a frozen version, served as it is: one query when it is built.

    Nothing is built here: a file not built yet is queued (the versions page shows its progress)
    and the answer is 202 with a page that says so.
    """
    if fmt not in FORMATS:
        raise Http404(_("不支持的格式。"))
    if not request.user.is_authenticated:
        throttle = _AnonymousDownloads()
        if throttle.rate and not throttle.allow_request(request, None):
            response = render(request, "editions/export_pending.html", {"throttled": True}, status=429)
            response["Retry-After"] = str(int(throttle.wait() or 60))
            return response
    export = (
        EditionExport.objects.select_related("version__edition")
        .defer("version__content", "version__edition__foreword", "version__edition__afterword")
        .filter(version__edition_id=pk, version__number=number, fmt=fmt)
        .first()
    )
    if export is not None:
        edition = export.version.edition
        if not can_edition(request.user, EditionAction.VIEW, edition):
            check_edition(request.user, EditionAction.VIEW_PUBLISHED, edition)
            if edition.published_version_id != export.version_id:
                raise Http404(_("没有找到该版本。"))
        if export.state == ExportState.DONE and export.path:
            try:
                handle = stored.absolute_path(export.path).open("rb")
            except OSError:
                handle = None
            if handle is not None:
                response = FileResponse(
                    handle,
                    as_attachment=True,
                    filename=export.filename or f"edition-{pk}-v{number}.{fmt}",
                    content_type=FORMATS[fmt][0],
                )
                response["Cache-Control"] = "private, max-age=3600"
                return response
    version = _version(request, pk, number)
    with transaction.atomic():
        rows = tasks.exports_queue(version)
    row = next(row for row in rows if row.fmt == fmt)
    context = {
        "edition": version.edition,
        "version": version,
        "export": row,
        "versions_url": reverse("editions:versions", args=[pk]),
        "can_view": can_edition(request.user, EditionAction.VIEW, version.edition),
    }
    response = render(request, "editions/export_pending.html", context, status=202)
    response["Retry-After"] = "5"
    return response


@require_GET
def export_status(request, pk: int):
    """The build state of every stored file of the issue's versions, for the versions page's progress bars."""
    edition = edition_for(request.user, pk, EditionAction.VIEW)
    rows = (
        EditionExport.objects.filter(version__edition=edition)
        .select_related("version", "job")
        .defer("version__content")
        .order_by("-version__number")
    )
    data = [
        {
            "version": row.version.number,
            "format": row.fmt,
            "state": row.state,
            "state_label": str(row.get_state_display()),
            "percent": 100 if row.state == ExportState.DONE else row.percent,
            "seconds": row.seconds,
            "size": row.size,
            "job": _job_summary(row.job) if row.job and row.state != ExportState.DONE else None,
        }
        for row in rows[:300]
    ]
    return JsonResponse({"exports": data})


def _export_job(exports) -> Job | None:
    """The job still building a version's files (the versions page shows its state and progress)."""
    return next((row.job for row in exports if row.job and row.state != ExportState.DONE), None)


def _job_summary(job: Job) -> dict:
    return {
        "id": job.pk,
        "state": job.state,
        "state_label": str(job.get_state_display()),
        "percent": job.percent,
        "attempts": job.attempts,
        "message": job.message,
    }
