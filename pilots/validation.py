"""Input limits shared by every app: integers in the database's range, and JSON of a bounded shape.

A number typed into a filter or a spreadsheet cell is read here, once: ``"²"`` is a digit to
``str.isdigit()`` but not to ``int()``, ``99999999999999999999`` is a valid integer that no
database column holds. Both are the reader's error (400 with a Chinese message), never a 500.
"""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.plumbing import build_array_type, build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

# The largest id a BigAutoField holds, and the range of a plain integer column (years, counts).
ID_MAX = 2**63 - 1
INTEGER_MAX = 2**31 - 1
_ASCII_INTEGER = re.compile(r"[+-]?[0-9]{1,19}")
_ASCII_DIGITS = re.compile(r"[+-]?[0-9]+")
_ASCII_DECIMAL = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?|[+-]?\.[0-9]+")


def ascii_decimal(value) -> bool:
    """Whether a typed decimal is written in ASCII digits (``Decimal("１２０")`` is 120 to Python, and
    ``"1e2"`` is 100: neither is how a number is typed into the portal). Numbers not typed pass."""
    return not isinstance(value, str) or bool(_ASCII_DECIMAL.fullmatch(value.strip()))


def parse_integer(text, *, minimum: int = -INTEGER_MAX - 1, maximum: int = INTEGER_MAX) -> int | None:
    """``text`` as an integer within [minimum, maximum], or None (ASCII digits only, no exponent)."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        value = text
    elif isinstance(text, float):
        if not text.is_integer():
            return None
        value = int(text)
    else:
        text = str(text).strip()
        if not _ASCII_INTEGER.fullmatch(text):
            return None
        value = int(text)
    return value if minimum <= value <= maximum else None


def parse_id(text) -> int | None:
    """A primary key as typed by someone (a spreadsheet cell, a query parameter), or None."""
    return parse_integer(text, minimum=1, maximum=ID_MAX)


def parse_ids(values) -> list[int] | None:
    """Several ids as typed (a form's repeated field), or None when any of them is not a storable id."""
    ids = [parse_id(value) for value in values]
    return None if None in ids else ids


def page_number(text) -> int:
    """A page asked for in a query string (``?page=``): a positive integer, else the first page."""
    return parse_integer(text, minimum=1) or 1


class BoundedIntegerField(forms.IntegerField):
    """An integer form field that refuses what no integer column can hold, in Chinese."""

    default_error_messages = {"invalid": _("应为整数。"), "out_of_range": _("超出可接受的范围。")}

    def __init__(self, *args, min_value=-INTEGER_MAX - 1, max_value=INTEGER_MAX, **kwargs):
        super().__init__(*args, min_value=min_value, max_value=max_value, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        parsed = parse_integer(value, minimum=-ID_MAX - 1, maximum=ID_MAX)
        if parsed is None and _ASCII_DIGITS.fullmatch(str(value).strip()):
            # Twenty digits are a whole number all the same: too large, not "not an integer".
            raise ValidationError(self.error_messages["out_of_range"], code="out_of_range")
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


class DecimalField(forms.DecimalField):
    """A decimal form field (an area) in ASCII digits only, as integers are read."""

    def to_python(self, value):
        if value not in self.empty_values and not ascii_decimal(value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class IdField(BoundedIntegerField):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=ID_MAX, **kwargs)


class IntegerFilter(django_filters.NumberFilter):
    """A whole-number filter (a year, a count) within the range of an integer column."""

    field_class = BoundedIntegerField


class IdFilter(django_filters.NumberFilter):
    """A filter by primary key: only ids a database can hold."""

    field_class = IdField


class IdChoiceMixin:
    """A choice of one row by its id: the id read by :func:`parse_id` first (``"٣"`` is no id 3)."""

    def to_python(self, value):
        if value not in self.empty_values and parse_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdChoiceField(IdChoiceMixin, forms.ModelChoiceField):
    """A form's choice of one row by its id."""


class BoundedModelChoiceField(IdChoiceMixin, django_filters.fields.ModelChoiceField):
    pass


class IntegerInput(serializers.IntegerField):
    """An API body's integer, read by :func:`parse_integer`: a JSON number or ASCII digits in a string,
    never ``"٣"``, ``"1_000"``, ``"3.0"`` or a value no integer column holds."""

    def to_internal_value(self, data):
        if isinstance(data, str) and len(data) > self.MAX_STRING_LENGTH:
            self.fail("max_string_length")
        value = parse_integer(data, minimum=-ID_MAX - 1, maximum=ID_MAX)
        if value is None:
            self.fail("invalid")
        return value


class DecimalInput(serializers.DecimalField):
    """An API body's decimal: a JSON number, or ASCII digits in a string (not "１２０" or "1e2")."""

    def to_internal_value(self, data):
        if not ascii_decimal(data):
            self.fail("invalid")
        return super().to_internal_value(data)


class IdInput(serializers.PrimaryKeyRelatedField):
    """An API body's reference to a row by its id, read by :func:`parse_id` before any query."""

    def to_internal_value(self, data):
        pk = parse_id(data)
        if pk is None and isinstance(data, str | int) and not isinstance(data, bool):
            self.fail("does_not_exist", pk_value=data)
        if pk is None:
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(pk)


@extend_schema_field(OpenApiTypes.INT)
class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A choice of one row by its id: anything but a storable id is an invalid choice, not a query."""

    field_class = BoundedModelChoiceField


@extend_schema_field(build_array_type(build_basic_type(OpenApiTypes.STR)))
class CodeMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """A choice of rows by their codes (practices, practice areas), several allowed."""
