from django import template
from django.conf import settings
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def lockout_duration() -> str:
    """How long a login lockout lasts, as people say it ("15 分钟", "2 小时"), not "PT15M"."""
    minutes = round(float(getattr(settings, "AXES_COOLOFF_TIME", 0) or 0) * 60)
    if minutes and minutes % 60 == 0:
        return gettext("%(n)s 小时") % {"n": minutes // 60}
    return gettext("%(n)s 分钟") % {"n": minutes}
