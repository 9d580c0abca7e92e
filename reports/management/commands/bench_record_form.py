"""Server time of the record form on the database at hand (the demo data): the edit page and a save.

A record of the pilot with the most published figures (a submitter made for it) is filled with
the unit's published figures, then the edit page is fetched and the form as rendered is posted back,
``--repeat`` times each, through Django's test client (server time: no network, no browser). All of
it runs in a transaction that is rolled back: the database is left as it was.
"""

import statistics
import time
from html.parser import HTMLParser

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from accounts.services import account_setup
from pilots.models import PilotLevel, PilotUnit
from reports.models import AnnualRecord


class FormFields(HTMLParser):
    """The name/value pairs a browser posts for the page's record form, as rendered."""

    def __init__(self):
        super().__init__()
        self.data: list[tuple[str, str]] = []
        self._in_form = False
        self._select: str | None = None
        self._select_value: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []
        self._in_template = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and "record-form" in (a.get("class") or ""):
            self._in_form = True
        if not self._in_form or self._in_template:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file"):
                self.data.append((a["name"], a.get("value") or ""))
        elif tag == "select":
            self._select, self._select_value, self._first_option = a.get("name"), None, None
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = a.get("value", "")
            if "selected" in a:
                self._select_value = a.get("value", "")
        elif tag == "textarea":
            self._textarea, self._text = a.get("name"), []
        elif tag == "template":
            self._in_template = True  # the empty row a script copies is not posted

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            value = self._select_value if self._select_value is not None else self._first_option
            self.data.append((self._select, value or ""))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.data.append((self._textarea, "".join(self._text).lstrip("\n")))
            self._textarea = None
        elif tag == "template":
            self._in_template = False
        elif tag == "form":
            self._in_form = False

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def posted(html: str, intent: str = "save") -> dict[str, list[str]]:
    parser = FormFields()
    parser.feed(html)
    data: dict[str, list[str]] = {}
    for name, value in parser.data:
        data.setdefault(name, []).append(value)
    data["intent"] = [intent]
    return data


class Command(BaseCommand):
    help = "记录表单的服务器耗时（演示数据）：编辑页与保存，各取中位数；在回滚的事务中运行。"

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=7)
        parser.add_argument("--year", type=int, default=2025)

    def handle(self, *args, repeat: int, year: int, **options):
        if "testserver" not in settings.ALLOWED_HOSTS:
            settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        with transaction.atomic():
            figures = self._run(repeat, year)
            transaction.set_rollback(True)
        for key, value in figures.items():
            self.stdout.write(f"{key}: {value}")

    def _run(self, repeat: int, year: int) -> dict:
        # The unit with the most published figures: the fullest form the demo data gives.
        unit = (
            PilotUnit.objects.exclude(pilot_level=PilotLevel.NONE)
            .annotate(n=Count("indicator_values"))
            .order_by("-n", "pk")
            .first()
        )
        if unit is None:
            raise CommandError("没有试点单位：请先加载演示数据（make data）。")
        user, _created = account_setup(username="bench-record-form", role=Role.SUBMITTER, unit=unit)
        client = Client()
        client.force_login(user)
        record, _ = AnnualRecord.objects.get_or_create(unit=unit, year=year, defaults={"created_by": user})
        edit = reverse("reports:record-edit", args=[record.pk])
        # Fill the form once with the unit's figures as a person would type them.
        first = client.get(edit)
        if first.status_code != 200:
            raise CommandError(f"编辑页返回 {first.status_code}")
        data = posted(first.content.decode())
        for value in unit.indicator_values.select_related("definition"):
            key = f"value_{value.definition.code}"
            if key in data and value.value is not None:
                data[key] = [format(value.value, "f").rstrip("0").rstrip(".")]
        client.post(edit, data)
        data_controls = len(data)
        # Wall-clock time, and the process's CPU time (what the server itself spent: the figure to read
        # on a machine busy with other work, where the wall clock also counts the waits for a core).
        get_times, post_times, get_cpu, post_cpu, size = [], [], [], [], 0
        for i in range(repeat):
            start, cpu = time.perf_counter(), time.process_time()
            response = client.get(edit)
            get_times.append(time.perf_counter() - start)
            get_cpu.append(time.process_time() - cpu)
            size = len(response.content)
            data = posted(response.content.decode())
            # every save changes one figure, as a person's would (an unchanged form saves nothing)
            data["value_members"] = [str(10000 + i)]
            start, cpu = time.perf_counter(), time.process_time()
            saved = client.post(edit, data)
            post_times.append(time.perf_counter() - start)
            post_cpu.append(time.process_time() - cpu)
            if saved.status_code != 302:
                raise CommandError(f"保存未成功（{saved.status_code}）：表单有错误")
        return {
            "unit": unit.name,
            "controls": data_controls,
            "filled_values": record.values.count(),
            "edit_page_median_ms": round(statistics.median(get_times) * 1000),
            "save_median_ms": round(statistics.median(post_times) * 1000),
            "edit_page_cpu_median_ms": round(statistics.median(get_cpu) * 1000),
            "save_cpu_median_ms": round(statistics.median(post_cpu) * 1000),
            "edit_page_kb": round(size / 1024, 1),
        }
