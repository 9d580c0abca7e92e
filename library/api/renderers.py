"""Export renderers for ``?format=csv`` and ``?format=xlsx``; ``?format=json`` is written here too."""

import json

from django.http import HttpResponse
from rest_framework import renderers
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.utils.encoders import JSONEncoder

from library.exports import ExportTable, render_csv, render_json, render_xlsx
from pilots.spreadsheets import content_disposition


class _ExportRenderer(renderers.BaseRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        # Error answers never reach here: the view answers them in JSON (ExportMixin.finalize_response).
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Disposition"] = content_disposition(f"{data.filename}.{self.format}")
        return self.render_table(data)


class CSVRenderer(_ExportRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render_table(self, table: ExportTable) -> bytes:
        return render_csv(table)


class XLSXRenderer(_ExportRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"
    charset = None

    def render_table(self, table: ExportTable) -> bytes:
        return render_xlsx(table)


EXPORT_FORMATS = {"csv", "xlsx", "json"}


class ExportMixin:
    """``?format=csv|xlsx|json`` on a list view: the whole filtered list as a file, not a page."""

    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, CSVRenderer, XLSXRenderer]

    def _is_table(self) -> bool:
        # A viewset's list, or a plain APIView's GET (a dashboard panel): a viewset's other actions
        # (facets) are not tables.
        return getattr(self, "action", "list") == "list" and self.request.method in ("GET", "HEAD")

    def get_renderers(self):
        # Only the list is a table: facets, OPTIONS and the rest answer in JSON whatever ?format says.
        if self._is_table():
            return super().get_renderers()
        return [renderer() for renderer in api_settings.DEFAULT_RENDERER_CLASSES]

    def perform_content_negotiation(self, request, force=False):
        return super().perform_content_negotiation(request, force=force or not self._is_table())

    def is_export(self) -> bool:
        return self.request.query_params.get("format") in EXPORT_FORMATS

    def export_response(self, table: ExportTable) -> Response:
        """The table for ``?format=csv|xlsx`` (the renderers write it) or ``json`` (an array of row objects)."""
        if self.request.query_params.get("format") != "json":
            return Response(table)
        # A file a person opens: UTF-8 as is (not \uXXXX), one field a line.
        body = json.dumps(render_json(table), cls=JSONEncoder, ensure_ascii=False, indent=2)
        response = HttpResponse(body.encode("utf-8"), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = content_disposition(f"{table.filename}.json")
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        renderer = getattr(request, "accepted_renderer", None)
        if response.status_code >= 400 and renderer is not None and renderer.format in {"csv", "xlsx"}:
            request.accepted_renderer = renderers.JSONRenderer()
            request.accepted_media_type = request.accepted_renderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)
