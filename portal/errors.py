"""Error answers outside the views: JSON under ``/api/``, the Chinese pages (templates/4xx.html) elsewhere."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults

MESSAGES = {
    400: lambda: _("请求有误。"),
    403: lambda: _("无权访问。"),
    404: lambda: _("没有找到该地址。"),
    500: lambda: _("服务器出错，已记录在日志中。"),
}


def _api(request) -> bool:
    return request.path.startswith("/api/")


def _json(status: int) -> JsonResponse:
    # UTF-8 as is, like DRF's answers (JsonResponse would escape the Chinese as \uXXXX).
    return JsonResponse({"detail": MESSAGES[status]()}, status=status, json_dumps_params={"ensure_ascii": False})


def bad_request(request, exception):
    return _json(400) if _api(request) else defaults.bad_request(request, exception)


def permission_denied(request, exception):
    return _json(403) if _api(request) else defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    return _json(404) if _api(request) else defaults.page_not_found(request, exception)


def server_error(request):
    return _json(500) if _api(request) else defaults.server_error(request)
