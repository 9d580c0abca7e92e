"""A goal's figures on the review screen: shown to the editor with a mark, never classified as an indicator's value
(a target is not what was done). The page is written for these tests."""

import pytest
from django.urls import reverse

from pilots.models import ImportRun

from .conftest import run_import

pytestmark = pytest.mark.django_db

PAGE = """桐庐县总工会推进户外劳动者服务站点建设
发布时间：2024-05-20
今年以来，桐庐县总工会新建户外劳动者服务站点12家，为快递员、外卖送餐员提供歇脚、饮水、充电等服务。
力争到2026年，全县建成户外劳动者服务站点40家，实现乡镇（街道）全覆盖。
"""


def test_a_goals_figure_is_shown_marked_and_unclassified(client, accounts, tmp_path):
    path = tmp_path / "goal.txt"
    path.write_text(PAGE, encoding="utf-8")
    run_import(path)
    run = ImportRun.objects.get(source_file="goal.txt")
    proposals = run.records.get().proposals.filter(kind="figure")
    figures = {q.value["display"]: q.value for q in proposals}
    assert figures["40家"]["planned"] is True and figures["40家"]["indicator"] == ""
    assert figures["12家"]["planned"] is False
    # this year's count is of the year the page is dated, not of the goal's year the text names later
    assert (figures["12家"]["year"], figures["40家"]["year"]) == (2024, 2026)
    client.force_login(accounts["editor"])
    page = client.get(reverse("curation:import-detail", args=[run.pk])).content.decode()
    assert page.count("目标或预计") == 1
