"""No form of the portal's screens can stall a worker: every field of every form, given a 128 KB value built to
trip backtracking (escaped quotes, brackets, runs of one character, digits in every script, separators), is
validated in about the time of a normal value, measured in this test.

The API's bodies are timed by ``test_linear_input``; this covers what the HTML screens post. Django reads the
urlencoded or multipart body itself in linear time; what could be slow is the project's own cleaning — the
number parser, name normalising, the fields' ``clean_*`` methods and validators — which every form runs in
``is_valid()``. The forms are found by walking the form classes the apps define, so a new one is included.
"""

import importlib
import statistics
import time

import pytest
from django import forms

from pilots.models import PilotUnit

pytestmark = pytest.mark.django_db

APPS = ("accounts", "curation", "dashboards", "editions", "importing", "library", "pilots", "reports", "search")
SIZE = 128 * 1024
RATIO = 10
FLOOR = 0.02  # seconds: a linear pass over 128 KB of text in Python takes a few milliseconds

ADVERSARIAL = {
    "escaped quotes": '\\"',
    "quotes and brackets": '\\"[{(<《',
    "run of one character": "工",
    "ascii digits": "9",
    "full-width digits": "９",
    "arabic-indic digits": "٣",
    "digits and separators": "1,0.",
    "signs": "-+",
    "spaces": " ",
    "a name repeated": "街道总工会",
    "dates": "2019年",
    "percent": "%",
}


# The modules that define the screens' forms (each app's forms, and the forms its views and admin declare).
FORM_MODULES = [f"{app}.{module}" for app in APPS for module in ("forms", "views", "admin", "filters")]


def _form_classes() -> list[type[forms.BaseForm]]:
    for name in FORM_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError:
            continue
    found, stack = set(), [forms.BaseForm]
    while stack:
        for subclass in stack.pop().__subclasses__():
            stack.append(subclass)
            if subclass.__module__.split(".")[0] in APPS and not subclass.__module__.startswith(("tests", "django")):
                found.add(subclass)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def _build(cls, data):
    """The form bound to ``data``, given what its constructor asks for (the units a reviewer manages)."""
    for kwargs in ({}, {"units": PilotUnit.objects.all()}):
        try:
            return cls(data=data, **kwargs)
        except TypeError:
            continue
    return None


def _seconds(cls, data) -> float:
    form = _build(cls, data)
    started = time.perf_counter()
    form.is_valid()
    return time.perf_counter() - started


def test_the_forms_are_found():
    names = {cls.__name__ for cls in _form_classes()}
    assert len(names) >= 15, names


@pytest.mark.parametrize("cls", _form_classes(), ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_field_validates_a_128_kb_value_in_about_the_time_of_a_normal_one(cls):
    form = _build(cls, {})
    if form is None:
        pytest.skip(f"{cls.__name__} needs arguments this test does not know")
    slow = []
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField | forms.BooleanField):
            continue
        normal = statistics.median(_seconds(cls, {name: "正常的值 12"}) for _ in range(3))
        for kind, unit in ADVERSARIAL.items():
            value = unit * (SIZE // len(unit.encode()))
            seconds = min(_seconds(cls, {name: value}) for _ in range(2))
            if seconds > RATIO * max(normal, FLOOR):
                slow.append(f"{name} ← {kind}: {seconds:.3f} s (normal {normal:.4f} s)")
    assert not slow, f"{cls.__name__}: " + "; ".join(slow)
