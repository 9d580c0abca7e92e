"""Request limits applied before any view runs."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from portal.errors import page_not_found


def request_body_limit(content_type: str) -> int:
    """The largest body a request may carry: an attachment upload, or everything else."""
    if content_type.startswith("multipart/form-data"):
        return settings.RECORD_ATTACHMENT_MAX_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class RequestSizeLimitMiddleware:
    """Answer 413 to a request whose declared body is larger than any the portal accepts, unread.

    Django's own DATA_UPLOAD_MAX_MEMORY_SIZE check fires only once a view reads the body, and it
    answers 400; a client sending too much should learn so, in Chinese, before it is read at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = request_body_limit(request.META.get("CONTENT_TYPE", ""))
        if length > limit:
            message = _("请求内容过大（%(size)s MB），上限为 %(limit)s MB。") % {
                "size": round(length / 1024 / 1024, 1),
                "limit": round(limit / 1024 / 1024, 1),
            }
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413, json_dumps_params={"ensure_ascii": False})
            return render(request, "413.html", {"message": message}, status=413)
        return self.get_response(request)


class PortalNotFoundMiddleware:
    """Under ``make run`` (DEBUG) a missing page is the portal's own Chinese 404 page too, not Django's
    technical page that lists the URL patterns: what the demo shows is what production shows. The
    technical page is recognised by its DEBUG notice; every other 404 answer is left as it is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and response.get("Content-Type", "").startswith("text/html")
            and b"DEBUG = True" in response.content
        ):
            return page_not_found(request, None)
        return response
