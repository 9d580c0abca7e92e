"""Proper names in the English UI: a unit's, a place's or an article's name stays as printed, in
Chinese, and is marked up as Chinese (``lang="zh"``) so that screen readers, fonts and the English
crawl (tests/test_english_crawl.py) know it for a name, not an untranslated label.

``{{ unit.name|zh }}`` gives ``<span lang="zh">温岭市…总工会</span>`` in the English UI and the
escaped name alone in the Chinese one; ``{{ names|zh_join }}`` joins several names, each marked.
"""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext

register = template.Library()


def chinese_ui() -> bool:
    return (get_language() or "zh").startswith("zh")


@register.filter
def zh(name):
    """A name kept in Chinese, marked as Chinese outside the Chinese UI."""
    if name in (None, ""):
        return ""
    if chinese_ui():
        return conditional_escape(name)
    return format_html('<span lang="zh">{}</span>', name)


@register.filter
def zh_join(names):
    """Names in a list: "、" between them in Chinese, ", " in English, each one marked."""
    return mark_safe(list_separator().join(str(zh(name)) for name in names))


def list_separator() -> str:
    # Translators: the separator between the items of a list of names.
    return gettext("、")


@register.filter
def names_join(items):
    """Practices, areas, indicators (anything with a ``local_name``): their names in the page's language."""
    return list_separator().join(getattr(item, "local_name", str(item)) for item in items)


@register.filter
def cite(article):
    """An article's citation: the source as printed (marked as Chinese), then volume and column, translated."""
    source, labels = article.citation_parts()
    parts = [str(zh(source))] if source else []
    parts += [str(conditional_escape(label)) for label in labels]
    return mark_safe(" · ".join(parts))


@register.filter
def parens(text):
    """A remark in brackets after a word: "（已接受）" in Chinese, " (accepted)" in English."""
    if text in (None, ""):
        return ""
    return format_html("（{}）", text) if chinese_ui() else format_html(" ({})", text)


@register.filter
def unit_count(n):
    """A number of units: "12 家" in Chinese, "12 units" in English."""
    return ngettext("%(n)s 家", "%(n)s 家", n) % {"n": n}
