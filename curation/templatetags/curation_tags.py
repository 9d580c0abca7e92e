from django import template

from reports.permissions import can_review_imports as _can_review_imports

register = template.Library()


@register.filter
def can_review_imports(user) -> bool:
    """Whether to show the review screens' link: decided in reports.permissions."""
    return _can_review_imports(user)
