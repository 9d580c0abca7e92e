"""The API's JSON parser: a body of bounded depth with no lone surrogates, or a 400 in Chinese.

Python's ``json`` recurses once per nesting level: 5,000 levels raise RecursionError deep inside
the parser (or later, in whatever walks the result). Depth is measured before parsing, in one
pass over the bytes, and everything nested deeper than ``MAX_DEPTH`` is refused unread.
"""

import json
import re

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 16
# Strings (with their escapes) are skipped: a bracket inside a string is not nesting.
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def json_depth(data: bytes) -> int:
    """The deepest nesting of ``[`` and ``{`` in a JSON text (its strings left out)."""
    depth = deepest = 0
    for match in re.finditer(rb"[\[\]{}]", _STRING.sub(b'""', data)):
        if match.group() in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _has_lone_surrogate(value) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


class PortalJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = stream.read() if stream is not None else b""
        if not data:
            raise ParseError(_("请求体不是有效的 JSON：内容为空。"))
        limit = getattr(settings, "API_JSON_MAX_DEPTH", MAX_DEPTH)
        if json_depth(data) > limit:
            raise ParseError(_("JSON 嵌套层数过多：最多 %(n)s 层。") % {"n": limit})
        try:
            parsed = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
        except (ValueError, RecursionError) as error:
            raise ParseError(_("请求体不是有效的 UTF-8 JSON：%(error)s") % {"error": _describe(error)}) from None
        if _SURROGATE_ESCAPE.search(data) and _has_lone_surrogate(parsed):
            raise ParseError(_("请求体含有无效的 Unicode 字符（单独的代理项）。"))
        return parsed


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _describe(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return _("第 %(line)s 行第 %(column)s 列") % {"line": error.lineno, "column": error.colno}
    return _("无法解码")
