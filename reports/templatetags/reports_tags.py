"""Small lookups the record templates need (Django templates cannot index by a variable)."""

from django import template
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from pilots.figures import printed_figure
from pilots.models import IndicatorDefinition
from reports.models import FIRST_REPORTING_YEAR, LAST_REPORTING_YEAR, NARRATIVE_FIELDS, AnnualRecord

register = template.Library()

# Parts of a record that are lists, not model fields, but can carry a reviewer's comment.
LIST_LABELS = {"measures": _("改革举措"), "positions": _("服务阵地"), "attachments": _("附件")}


@register.filter
def get(mapping, key):
    return mapping.get(key, ()) if mapping else ()


@register.filter
def pinned_value(mapping, code):
    """The comments pinned to the value of indicator ``code``."""
    return mapping.get(f"value:{code}", ()) if mapping else ()


@register.filter
def split(text):
    return text.split()


@register.filter
def field(form, name):
    return form[name]


@register.filter
def narratives(record):
    """(field, label, text) of the record's narrative fields, in reading order."""
    return [(name, record._meta.get_field(name).verbose_name, getattr(record, name)) for name in NARRATIVE_FIELDS]


INDICATOR_NAMES_KEY = "reports:indicator-names"


def indicator_names() -> dict[str, str]:
    """Indicator names by code, read once into the shared cache (a page labels many comments); a
    saved or deleted definition deletes them there (``ReportsConfig.ready``), so every app server and
    worker reads the new name at once (a per-process memory kept the old one on the other servers)."""
    names = cache.get(INDICATOR_NAMES_KEY)
    if names is None:
        names = dict(IndicatorDefinition.objects.values_list("code", "name"))
        cache.set(INDICATOR_NAMES_KEY, names, None)
    return names


@register.filter
def field_label(name: str) -> str:
    """A commentable field's Chinese label (``value:members`` → 会员人数)."""
    if name.startswith("value:"):
        return indicator_names().get(name.removeprefix("value:"), name)
    if name in LIST_LABELS:
        return str(LIST_LABELS[name])
    try:
        return str(AnnualRecord._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


@register.filter
def figure(value) -> str:
    """A record's value as a reader writes it ("10余个", "95%以上")."""
    return printed_figure(value.value, value.qualifier, value.definition.value_type)


@register.filter
def plain_figure(number, definition) -> str:
    return printed_figure(number, "exact", definition.value_type)


@register.simple_tag
def first_reporting_year() -> int:
    return FIRST_REPORTING_YEAR


@register.simple_tag
def last_reporting_year() -> int:
    return LAST_REPORTING_YEAR
