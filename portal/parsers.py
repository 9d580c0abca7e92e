"""The API's JSON parser: a body of bounded depth with no lone surrogates, or a 400 in Chinese.

Everything here runs in time linear in the body, whatever its bytes (no backtracking regular
expression on input of unbounded length): the body is parsed once by the ``json`` module's C
scanner, and the depth is measured on the result by an iterative walk that stops at the first
container nested deeper than the limit. Python's ``json`` recurses once per nesting level, so a
body nested thousands of levels deep raises RecursionError inside the scanner (before any deep
value exists) and is refused with the same message as one a level too deep.
"""

import json
import re

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 16
# A fixed-length pattern (no repetition to backtrack over): a cheap test before walking the strings.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def deeper_than(value, limit: int) -> bool:
    """True when ``value`` nests lists and dicts more than ``limit`` levels deep (level by level)."""
    level = [value] if type(value) in _CONTAINERS else []
    depth = 0
    while level:
        depth += 1
        if depth > limit:
            return True
        below = []
        for item in level:
            if item:
                for child in item.values() if type(item) is dict else item:
                    if type(child) in _CONTAINERS:
                        below.append(child)
        level = below
    return False


_CONTAINERS = frozenset((dict, list))


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
        too_deep = ParseError(_("JSON 嵌套层数过多：最多 %(n)s 层。") % {"n": limit})
        try:
            parsed = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
        except RecursionError:
            raise too_deep from None
        except ValueError as error:
            raise ParseError(_("请求体不是有效的 UTF-8 JSON：%(error)s") % {"error": _describe(error)}) from None
        if deeper_than(parsed, limit):
            raise too_deep
        if _SURROGATE_ESCAPE.search(data) and _has_lone_surrogate(parsed):
            raise ParseError(_("请求体含有无效的 Unicode 字符（单独的代理项）。"))
        return parsed


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _describe(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return _("第 %(line)s 行第 %(column)s 列") % {"line": error.lineno, "column": error.colno}
    return _("无法解码")
