"""How much one annual record may hold, checked before any work is done on it.

A record with 60,000 measures once took minutes to save and seconds to show; a real street union
reports a few dozen. The API, the web form and the spreadsheet all pass through
:func:`check_changes` (called by the services) and the API's serializers use the same numbers,
so an oversized list is refused before a single item of it is parsed.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_MEASURES = 100
MAX_POSITIONS = 200
MAX_VALUES = 200
MAX_TEXT_CHARS = 10_000  # highlights, problems, plans, warning notes
MAX_SUMMARY_CHARS = 2_000  # a measure's summary
MAX_COMMENT_CHARS = 2_000  # a reviewer's comment, a pinned comment, a reopening reason
MAX_FIELD_COMMENTS = 100


def too_long(text: str, limit: int) -> str | None:
    if len(text) > limit:
        return _("不能超过 %(limit)s 个字符（收到 %(n)s 个）。") % {"limit": limit, "n": len(text)}
    return None


def too_many(items, limit: int, what: str) -> str | None:
    if len(items) > limit:
        return _("%(what)s最多 %(limit)s 项（收到 %(n)s 项）。") % {"what": what, "limit": limit, "n": len(items)}
    return None


def check_changes(changes) -> None:
    """Raise ValidationError (by field) when ``changes`` (a RecordChanges) exceeds a limit."""
    errors: dict[str, list[str]] = {}
    for name, text in changes.texts.items():
        message = too_long(text or "", MAX_TEXT_CHARS)
        if message:
            errors[name] = [message]
    for name, items, limit, what in (
        ("values", changes.values, MAX_VALUES, _("指标")),
        ("measures", changes.measures, MAX_MEASURES, _("改革举措")),
        ("positions", changes.positions, MAX_POSITIONS, _("服务阵地")),
    ):
        message = items is not None and too_many(items, limit, what)
        if message:
            errors[name] = [message]
    for number, measure in enumerate(changes.measures or [], 1):
        message = too_long(measure.summary or "", MAX_SUMMARY_CHARS)
        if message:
            errors.setdefault("measures", []).append(_("第%(n)s项举措的概述") % {"n": number} + message)
    if errors:
        raise ValidationError(errors)


def check_comment(name: str, text: str) -> None:
    message = too_long(text, MAX_COMMENT_CHARS)
    if message:
        raise ValidationError({name: [message]})
