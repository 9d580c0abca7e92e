"""The English UI, crawled as a person clicks through it: no Chinese outside proper names.

For every role (a visitor, a submitter, a reviewer, staff, an editor, an administrator) the crawl
starts at the home page in English and follows the links of the menu and of every page it reaches,
breadth first, on the real cases of the fixtures and a unit's annual records (a submitted one with
consistency warnings, an approved one, a draft). A route is visited at most ``PER_ROUTE`` times (the
second page of a list, not the fortieth) and at most ``PAGES`` pages per role.

Every text a person reads is checked — the page's title, text nodes, options, and the title,
placeholder, aria-label and alt attributes — for Chinese characters and punctuation. Proper names
stay Chinese (units, places, article titles, quotations): the templates mark them up as Chinese
(``lang="zh"`` on the element, as HTML asks for text in another language), and the crawl skips text
inside such an element. What a person typed into a form is shown as typed (input values, textareas).
"""

import json
import os
import re
from collections import Counter, deque
from decimal import Decimal
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve

from accounts.models import Role
from accounts.services import account_setup
from pilots.models import IndicatorDefinition, PilotUnit, PublicationStatus, UnitKind
from reports.models import AnnualRecord, RecordStatus, RecordValue

pytestmark = pytest.mark.django_db

PAGES = 90
PER_ROUTE = 15
# Chinese characters and the CJK and full-width punctuation that comes with them (，。、（）：).
CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")
READ_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
# Not pages: signing out, the language switch (a POST), files; the API answers data (its browsable
# pages and Swagger UI show the API's JSON), only its guide is a page; Django's admin lists and edits
# the records as stored (its own labels are in the catalogue).
SKIP = re.compile(r"^/(accounts/logout|i18n/|static/|media/|admin/|api/(?!guide/))|[?&]format=(csv|xlsx|docx|pdf|json)")
SKIP_PARTS = ("/download", "/export", "/template", ".csv", ".xlsx", ".docx", ".pdf", "/attachments/")


@pytest.fixture
def people(db):
    unit = (
        PilotUnit.objects.filter(status=PublicationStatus.PUBLISHED, kind=UnitKind.STREET_FEDERATION)
        .select_related("region__parent")
        .order_by("pk")
        .first()
    )
    county = unit.region.parent
    definitions = {d.code: d for d in IndicatorDefinition.objects.all()}

    def record(year, status, values):
        made = AnnualRecord.objects.create(
            unit=unit, year=year, status=status, highlights="建成1个职工服务中心、14个职工服务站。"
        )
        for code, value in values.items():
            RecordValue.objects.create(record=made, definition=definitions[code], value=Decimal(value))
        return made

    record(2022, RecordStatus.APPROVED, {"members": 1000, "union_founding_rate": 90, "enterprises_covered": 50})
    # Warnings of every kind built from names: a rate against its counts, a part above its whole, a jump.
    record(
        2023,
        RecordStatus.SUBMITTED,
        {
            "members": 3000,
            "new_members": 4000,
            "union_founding_rate": 92,
            "enterprises_covered": 40,
            "enterprises_in_area": 100,
            "membership_rate": 80,
            "grassroots_unions": 2,
            "enterprise_unions": 3,
        },
    )
    record(2024, RecordStatus.DRAFT, {"members": 3100})
    people = {
        "visitor": None,
        "submitter": account_setup(username="crawl_sub", role=Role.SUBMITTER, unit=unit)[0],
        "reviewer": account_setup(username="crawl_rev", role=Role.REVIEWER, region=county)[0],
        "staff": account_setup(username="crawl_staff", role=Role.STAFF)[0],
        "editor": account_setup(username="crawl_editor", role=Role.EDITOR)[0],
        "admin": account_setup(username="crawl_admin", role=Role.ADMIN)[0],
    }
    return people


def chinese_outside_names(html: str) -> list[str]:
    """Each Chinese run a person reads that is not inside an element marked ``lang="zh…"``."""
    tree = lxml.html.document_fromstring(html)
    exempt, found = [], []

    def chinese_lang(element) -> bool:
        node = element
        while node is not None:
            lang = node.get("lang") if isinstance(node.tag, str) else None
            if lang is not None:
                return lang.lower().startswith("zh")
            node = node.getparent()
        return False

    for element in tree.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            continue
        texts = [] if element.tag in ("script", "style", "textarea", "noscript", "template") else [element.text]
        parent = element.getparent()
        tail_owner = parent if parent is not None else element
        is_zh = chinese_lang(element)
        for text in texts:
            if text and CHINESE.search(text):
                (exempt if is_zh else found).append(text.strip())
        if element.tail and CHINESE.search(element.tail) and tail_owner.tag not in ("script", "style", "textarea"):
            (exempt if chinese_lang(tail_owner) else found).append(element.tail.strip())
        read = [element.get(attribute) for attribute in READ_ATTRIBUTES]
        if element.tag == "input" and element.get("type") in ("submit", "button", "reset"):
            read.append(element.get("value"))
        for value in read:
            if value and CHINESE.search(value):
                (exempt if is_zh else found).append(("@", value) if not is_zh else value)
    # An attribute or the page's title may repeat a name shown on the page (title="温岭市…总工会").
    names = "\n".join(exempt)
    left = []
    for item in found:
        if isinstance(item, tuple):
            runs = CHINESE.findall(item[1])
            if all(run in names for run in runs):
                continue
            item = item[1]
        elif all(run in names for run in CHINESE.findall(item)) and _is_title(tree, item):
            continue
        left.append(item)
    return left


def _is_title(tree, text: str) -> bool:
    title = tree.find(".//title")
    return title is not None and (title.text or "").strip() == text


def _route(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


def crawl(client: Client, limit: int = PAGES) -> tuple[list[str], dict[str, list[str]]]:
    """The pages visited, and the Chinese each showed outside proper names."""
    queue, seen, visited, leaks = deque(["/"]), {"/"}, [], {}
    per_route: Counter = Counter()
    while queue and len(visited) < limit:
        path = queue.popleft()
        route = _route(path)
        if route is None or per_route[route] >= PER_ROUTE:
            continue
        response = client.get(path, follow=True)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        per_route[route] += 1
        visited.append(path)
        html = response.content.decode()
        left = chinese_outside_names(html)
        if '<html lang="en"' not in html:
            left.insert(0, "<html> not in English")
        if left:
            leaks[path] = left
        for href in lxml.html.document_fromstring(html).xpath("//a/@href"):
            url = urlsplit(urljoin("http://testserver" + path, href))
            if url.netloc != "testserver":
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if target in seen or SKIP.search(target) or any(part in url.path for part in SKIP_PARTS):
                continue
            seen.add(target)
            queue.append(target)
    return visited, leaks


@pytest.mark.parametrize("role", ["visitor", "submitter", "reviewer", "staff", "editor", "admin"])
def test_the_english_pages_show_no_chinese_outside_proper_names(people, role):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if people[role] is not None:
        client.force_login(people[role])
    visited, leaks = crawl(client)
    if os.environ.get("CRAWL_DUMP"):  # what a run found, for counting (CRAWL_DUMP=directory)
        with open(Path(os.environ["CRAWL_DUMP"]) / f"english-crawl-{role}.json", "w", encoding="utf-8") as dump:
            json.dump({"visited": visited, "leaks": leaks}, dump, ensure_ascii=False, indent=1)
    print(f"\n{role}: {len(visited)} pages crawled, {len(leaks)} with Chinese outside proper names")
    assert len(visited) >= 20, visited  # the crawl reached the portal, not one page
    report = "\n".join(f"{path}: {left[:6]}" for path, left in leaks.items())
    assert not leaks, f"{len(leaks)} of {len(visited)} pages show Chinese outside proper names:\n{report}"


def test_the_check_finds_chinese_and_spares_marked_names():
    page = (
        '<html lang="en"><head><title>温岭市总工会 — Cases</title></head><body>'
        '<h1 lang="zh">温岭市总工会</h1><p>Reform measure: 专兼挂</p>'
        '<a title="温岭市总工会" href="/">x</a><input placeholder="搜索"><textarea>我写的</textarea></body></html>'
    )
    assert chinese_outside_names(page) == ["Reform measure: 专兼挂", "搜索"]


def test_the_english_admin_labels_and_hints_have_no_chinese(people):
    """The admin's own words on every add form (its records are data, kept as stored): the page's
    headings, the fields' labels and their hints (help texts)."""
    from django.contrib import admin

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(people["admin"])
    index = client.get("/admin/").content.decode()
    pages, left = 0, {}
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_add_permission(type("R", (), {"user": people["admin"]})()):
            continue
        path = f"/admin/{model._meta.app_label}/{model._meta.model_name}/add/"
        response = client.get(path)
        if response.status_code != 200:
            continue
        pages += 1
        tree = lxml.html.document_fromstring(response.content.decode())
        words = tree.xpath("//h1|//h2|//label|//legend|//*[contains(@class, 'help')]|//th[not(ancestor::tbody)]")
        found = [text for node in words for text in CHINESE.findall(node.text_content())]
        if found:
            left[path] = found[:8]
    tree = lxml.html.document_fromstring(index)
    names = [text for node in tree.xpath("//caption|//th|//h1|//h2") for text in CHINESE.findall(node.text_content())]
    assert not names, names
    assert pages >= 15, pages
    assert not left, left
