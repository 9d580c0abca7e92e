"""The review screen of a page printed in traditional characters: the source lines as printed, the fields as read
(simplified), and a notice saying so. The page is written for these tests."""

import pytest
from django.urls import reverse

from pilots.models import ImportRun
from tests.importing.test_script import TRADITIONAL_ITEM

from .conftest import run_import

pytestmark = pytest.mark.django_db


def test_the_review_screen_shows_the_page_as_printed_and_says_it_was_read_as_simplified(client, accounts, tmp_path):
    path = tmp_path / "big5-copy.txt"
    path.write_text(TRADITIONAL_ITEM, encoding="utf-8")
    run_import(path)
    run = ImportRun.objects.get(source_file="big5-copy.txt")
    record = run.records.get()
    assert record.article.title == "天目山镇总工会开展户外劳动者关爱活动"
    client.force_login(accounts["editor"])
    page = client.get(reverse("curation:import-detail", args=[run.pk])).content.decode()
    assert "原文是繁体字，已转为简体字后读取" in page
    assert "天目山鎮總工會在鎮工會驛站舉辦關愛活動" in page  # the source lines as printed
    # the county is printed nowhere, in either script: the screen still says it was inferred
    assert "原文没有写出“临安区”" in page
