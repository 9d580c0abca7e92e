"""The results page's long lists, written in Python: a facet's values and a unit's labels.

A page lists about 150 facet values (64 counties alone at 20,000 units), each a link with its
label and count; rendered by template tags, node by node, they took a third of a page seen first.
The markup is the same as the template's was.
"""

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from library.facets import proper_name_params
from pilots.models import PilotLevel, UnitKind
from pilots.templatetags.proper_names import zh
from pilots.text import choice_label

register = template.Library()


@register.simple_tag
def facet_items(facet: dict, start: int = 0, stop: int | None = None):
    """The ``<li>`` of the values ``start:stop`` of a facet (as ``library.facets.facet_counts`` and
    the view's links give it): a link choosing (or, when chosen, dropping) the value, and its count.
    Place names are kept as printed (``zh``)."""
    proper = facet["param"] in proper_name_params()
    items = []
    for value in facet["values"][start:stop]:
        label = zh(value["label"]) if proper else conditional_escape(value["label"])
        selected = ' class="selected"' if value["selected"] else ""
        items.append(
            f'\n          <li{selected}><a href="{conditional_escape(value["url"])}">{label}</a>'
            f' <span class="count">{localize(value["count"])}</span></li>'
        )
    return mark_safe("".join(items))


@register.filter
def kind_label(unit) -> str:
    """``unit.get_kind_display``, translated once per language."""
    return choice_label(UnitKind, unit.kind)


@register.filter
def level_label(unit) -> str:
    """``unit.get_pilot_level_display``, translated once per language."""
    return choice_label(PilotLevel, unit.pilot_level)
