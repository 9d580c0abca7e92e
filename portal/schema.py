"""The OpenAPI schema says what the API answers, errors included.

drf-spectacular documents the successful answer of each operation; the errors every operation may
give are added here, in one place, so that a client (and the schema-driven fuzz test) knows each
status code: 400 bad input, 401/403 for the records API without credentials or the right, 404 for
an unknown id or page, 409 for a state conflict or a stale version, 413 for an oversized body,
415 for a body that is not JSON or a form, 429 when throttled.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_array_type, build_basic_type
from drf_spectacular.types import OpenApiTypes
from rest_framework.permissions import AllowAny

ERROR = {
    "type": "object",
    "description": "错误说明：detail 为总的说明，其余键为出错的字段及其中文提示。",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}
DESCRIPTIONS = {
    "400": "输入有误（字段及中文提示）",
    "401": "未提供或提供了无效的凭据",
    "403": "无权进行此操作",
    "404": "不存在、不在账号范围内，或页码超出范围",
    "409": "报告当前状态不允许此操作，或 version 已过期",
    "413": "请求内容过大",
    "415": "请求体类型不受支持（应为 JSON 或表单）",
    "429": "请求过于频繁，请稍后再试",
}


class PortalAutoSchema(AutoSchema):
    def _error_codes(self) -> list[str]:
        codes = ["400", "404", "429"]
        if not all(isinstance(permission, AllowAny) for permission in self.view.get_permissions()):
            codes += ["401", "403"]
        if self.method in ("POST", "PUT", "PATCH"):
            codes += ["409", "413", "415"] if "401" in codes else ["413", "415"]
        return codes

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            responses.setdefault(
                code,
                {
                    "content": {"application/json": {"schema": ERROR}},
                    "description": DESCRIPTIONS[code],
                },
            )
        return responses


def export_list_hook(result, generator, request, public):
    """``/api/cases/?format=json`` and each dashboard panel's answer the table as an array: document both shapes."""
    paths = [path for path in result["paths"] if path == "/api/cases/" or path.startswith("/api/dashboards/")]
    for path in paths:
        operation = result["paths"][path].get("get")
        if not operation:
            continue
        content = operation["responses"]["200"]["content"]
        page = content["application/json"]["schema"]
        content["application/json"]["schema"] = {
            "oneOf": [page, build_array_type(build_basic_type(OpenApiTypes.OBJECT))]
        }
        for media_type in list(content):
            if media_type != "application/json":
                content[media_type]["schema"] = {"type": "string", "format": "binary"}
    return result
