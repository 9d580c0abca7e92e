"""The case library's "加入专刊" forms: which sections an editor may add results to."""

from django import template

from ..exporters.layout import closing_line as line
from ..models import Section
from ..permissions import EditionAction, can_edition
from ..selectors import citation, placeholder_name

register = template.Library()
MAX_TARGETS = 200


@register.simple_tag
def edition_targets(user):
    """The sections of the issues ``user`` may edit (none for anyone else), newest issue first."""
    if not can_edition(user, EditionAction.EDIT):
        return []
    return list(
        Section.objects.select_related("volume__edition").order_by(
            "-volume__edition__created_at", "-volume__edition_id", "volume__order", "order"
        )[:MAX_TARGETS]
    )


@register.filter
def share_placeholder(practice_name: str) -> str:
    """The placeholder of a practice's share as editors type it: ｛占比：专兼挂队伍｝."""
    return placeholder_name("share", practice_name)


@register.filter
def printed_where(article) -> str:
    """《浙江工运》2018年第5-6期 · 速写 · 第 33 页: where the sentence was printed."""
    return citation(article)


@register.filter
def closing_line(entry: dict) -> str:
    """The unit line closing a printed piece (not repeated under a headline that is the unit's name)."""
    return line(entry)
