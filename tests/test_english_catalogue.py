"""The English catalogue keeps up with the Chinese UI: nothing fuzzy, nothing untranslated, an English menu.

After ``make messages`` every new string of the UI is in ``locale/en/LC_MESSAGES/django.po``; a new
string left untranslated (or a changed one left fuzzy) fails here until it is translated.
"""

import ast
import os
import re
import shutil
import subprocess

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

PO = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"
# The scripts' words (static/dashboards/dashboards.js, the editions' scripts), served at /jsi18n/.
JS_PO = PO.with_name("djangojs.po")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
NAV = re.compile(r"<nav\b.*?</nav>", re.S)
# The language switcher names each language in its own tongue (简体中文): that is meant to stay Chinese.
OWN_NAME = re.compile(r'<option\b[^>]*\blang="zh[^"]*"[^>]*>.*?</option>', re.S)


def po_entries(path):
    """Each live entry of a .po file as (msgid, msgstrs, flags); obsolete (#~) entries are left out."""
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines or all(line.startswith("#~") for line in lines):
            continue
        flags = {flag.strip() for line in lines if line.startswith("#,") for flag in line[2:].split(",")}
        fields, key = {}, None
        for line in lines:
            if line.startswith("#"):
                key = None
            elif line.startswith('"'):
                fields[key] += ast.literal_eval(line)
            else:
                key, _, value = line.partition(" ")
                fields[key] = ast.literal_eval(value)
        if fields.get("msgid"):  # not the header
            # An entry with a context is keyed "context\x04msgid", as gettext keys it in a .mo file.
            msgid = f"{fields['msgctxt']}\x04{fields['msgid']}" if "msgctxt" in fields else fields["msgid"]
            yield msgid, [value for key, value in fields.items() if key.startswith("msgstr")], flags


@pytest.mark.parametrize(("po", "least"), [(PO, 500), (JS_PO, 40)], ids=["django", "djangojs"])
def test_the_english_catalogue_has_no_fuzzy_or_untranslated_entry(po, least):
    entries = list(po_entries(po))
    assert len(entries) > least, "the catalogue was not read"
    fuzzy = [msgid for msgid, _, flags in entries if "fuzzy" in flags]
    untranslated = [msgid for msgid, msgstrs, _ in entries if not msgstrs or not all(msgstrs)]
    assert not fuzzy, f"{len(fuzzy)} fuzzy entries in {po.name}, e.g. {fuzzy[:5]}"
    assert not untranslated, f"{len(untranslated)} untranslated entries in {po.name}, e.g. {untranslated[:5]}"


@pytest.mark.parametrize("po", [PO, JS_PO], ids=["django", "djangojs"])
def test_the_committed_mo_file_is_compiled_from_the_po_file(po):
    """The .mo files are committed (make run and CI need no gettext): each says what its .po says."""
    import gettext

    with po.with_suffix(".mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    stale = []
    for msgid, msgstrs, flags in po_entries(po):
        if "fuzzy" in flags:
            continue
        if len(msgstrs) == 1 and catalogue.gettext(msgid) != msgstrs[0]:
            stale.append(msgid)
    assert not stale, f"{po.with_suffix('.mo').name} is older than {po.name} (run make messages): {stale[:5]}"


def test_the_scripts_catalogue_is_served_in_english(client):
    """/jsi18n/ serves the scripts' words in the page's language (the dashboards load it before their script)."""
    english = client.get(reverse("javascript-catalog"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Distribution (box plot)" in english and "%(n)s units" in english
    chinese = client.get(reverse("javascript-catalog")).content.decode()
    assert "Distribution (box plot)" not in chinese


def test_msgfmt_finds_the_catalogue_complete_and_well_formed():
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (GNU gettext) is not installed")
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", os.devnull, str(PO)],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    statistics = result.stderr.strip().splitlines()[-1]
    assert "fuzzy" not in statistics and "untranslated" not in statistics, statistics


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "admin"])
@pytest.mark.parametrize("page", ["home", "library-cases"])
def test_the_english_navigation_has_no_chinese(client, admin_user, page, signed_in):
    if signed_in:  # an administrator sees every link of the menu
        client.force_login(admin_user)
    response = client.get(reverse(page), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="en"' in html
    navs = NAV.findall(html)
    assert navs, "the page has no <nav>"
    left = [(nav, CHINESE.findall(OWN_NAME.sub("", nav))) for nav in navs]
    assert not [chinese for _, chinese in left if chinese], "\n\n".join(nav for nav, chinese in left if chinese)


def test_the_migration_fills_missing_english_names_and_keeps_given_ones():
    """A database loaded before the fixtures carried English names gets them; an editor's name stays."""
    import importlib

    from django.apps import apps

    from pilots.models import IndicatorDefinition, Practice, PracticeArea

    migration = importlib.import_module("pilots.migrations.0013_fill_english_names")
    Practice.objects.filter(code="grid_management").update(name_en="")
    PracticeArea.objects.filter(code="rights").update(name_en="")
    IndicatorDefinition.objects.filter(code="members").update(name_en="Union members (edited)")
    IndicatorDefinition.objects.filter(code="new_members").update(name_en="")
    migration.fill_english_names(apps, None)
    assert Practice.objects.get(code="grid_management").name_en == "Grid management"
    assert PracticeArea.objects.get(code="rights").name_en == "Rights and help"
    assert IndicatorDefinition.objects.get(code="new_members").name_en == "New members"
    assert IndicatorDefinition.objects.get(code="members").name_en == "Union members (edited)"
    blank = [
        model.__name__
        for model in (PracticeArea, Practice, IndicatorDefinition)
        if model.objects.filter(name_en="").exists()
    ]
    assert not blank, blank
