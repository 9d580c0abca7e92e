"""The job list in the admin (后台任务): state and progress of every job, jobs asked for by hand, files.

Superusers only: a backup holds every account's password hash.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Job
from .services import job_enqueue, job_file


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "state", "progress", "attempts", "created_at", "finished_at", "message", "file"]
    list_filter = ["kind", "state"]
    readonly_fields = [field.name for field in Job._meta.fields]
    change_list_template = "admin/jobs/job/change_list.html"

    @admin.display(description=gettext_lazy("进度"))
    def progress(self, job: Job) -> str:
        percent = job.percent
        return f"{job.done}/{job.total} ({percent}%)" if percent is not None else str(job.done)

    @admin.display(description=gettext_lazy("结果文件"))
    def file(self, job: Job) -> str:
        if job_file(job) is None:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("admin:jobs_job_file", args=[job.pk]), _("下载"))

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        asks = [(kind, label) for kind, (_path, label) in settings.JOBS_ON_DEMAND.items()]
        return super().changelist_view(request, {**(extra_context or {}), "job_asks": asks})

    def get_urls(self):
        own = [
            path("ask/<slug:kind>/", self.admin_site.admin_view(self.ask_view), name="jobs_job_ask"),
            path("<int:pk>/file/", self.admin_site.admin_view(self.file_view), name="jobs_job_file"),
        ]
        return own + super().get_urls()

    def ask_view(self, request, kind: str):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_module_permission(request):
            raise PermissionDenied
        if kind not in settings.JOBS_ON_DEMAND:
            raise Http404
        task_path, label = settings.JOBS_ON_DEMAND[kind]
        job = job_enqueue(import_string(task_path), kind=kind, user=request.user)
        messages.success(request, _("已排入队列：%(label)s（任务 %(id)s）。") % {"label": label, "id": job.pk})
        return redirect("admin:jobs_job_change", job.pk)

    def file_view(self, request, pk: int):
        if not self.has_module_permission(request):
            raise PermissionDenied
        path = job_file(get_object_or_404(Job, pk=pk))
        if path is None:
            raise Http404(_("任务尚未完成，或没有结果文件。"))
        return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
