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
            yield fields["msgid"], [value for key, value in fields.items() if key.startswith("msgstr")], flags


def test_the_english_catalogue_has_no_fuzzy_or_untranslated_entry():
    entries = list(po_entries(PO))
    assert len(entries) > 500, "the catalogue was not read"
    fuzzy = [msgid for msgid, _, flags in entries if "fuzzy" in flags]
    untranslated = [msgid for msgid, msgstrs, _ in entries if not msgstrs or not all(msgstrs)]
    assert not fuzzy, f"{len(fuzzy)} fuzzy entries in {PO.name}, e.g. {fuzzy[:5]}"
    assert not untranslated, f"{len(untranslated)} untranslated entries in {PO.name}, e.g. {untranslated[:5]}"


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
