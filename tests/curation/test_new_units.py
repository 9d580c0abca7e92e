"""A union the page names without any place is a proposal (新单位) the editor places: accepting it
as printed is refused with a message naming the field, accepting it with its full name places it,
and no load ever makes a unit without a region. The page is written for these tests."""

import pytest
from django.urls import reverse

from pilots.models import Article, ImportRun, PilotUnit, ReviewStatus
from tests.importing.test_townships import TOWNSHIP_ITEM  # its county printed nowhere
from tests.importing.test_unplaced_units import UNION_SITE_ITEM as UNPLACED  # no place printed anywhere

from .conftest import run_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def unplaced(tmp_path):
    path = tmp_path / "union-site-item.txt"
    path.write_text(UNPLACED, encoding="utf-8")
    output = run_import(path)
    run = ImportRun.objects.get(source_file="union-site-item.txt")
    return run, run.records.get(), output


def _form(record, **fields) -> dict:
    data = {f"p{proposal.pk}-decision": "accepted" for proposal in record.proposals.all()}
    return {**data, **fields}


def test_a_proposal_without_a_place_makes_no_unit_and_the_screen_asks_for_its_place(client, accounts, unplaced):
    run, record, output = unplaced
    assert "提出新单位 1 个" in output
    assert record.values["unit"]["name"] == "百丈镇总工会" and record.values["unit"]["city"] is None
    assert not PilotUnit.objects.filter(name__contains="百丈镇").exists()
    client.force_login(accounts["editor"])
    page = client.get(reverse("curation:import-detail", args=[run.pk])).content.decode()
    assert "新单位" in page and "原文没有写明它所在的市、县" in page


def test_accepting_a_proposal_without_a_place_is_refused_with_a_message_and_changes_nothing(client, accounts, unplaced):
    run, record, _output = unplaced
    client.force_login(accounts["editor"])
    url = reverse("curation:piece-update", args=[run.pk, record.pk])
    response = client.post(url, _form(record, unit="百丈镇总工会", action="accept"), follow=True)
    assert response.status_code == 200
    assert "新单位“百丈镇总工会”原文没有写明所在的市、县（市、区）" in response.content.decode()
    record.refresh_from_db()
    assert record.status == ReviewStatus.PENDING
    assert not PilotUnit.objects.filter(name__contains="百丈镇").exists()
    # A name without a place typed in is refused as well.
    response = client.post(url, _form(record, unit="白沙镇总工会", action="accept"), follow=True)
    assert "无法识别" in response.content.decode()
    record.refresh_from_db()
    assert record.status == ReviewStatus.PENDING


def test_the_editor_gives_the_full_name_and_the_unit_is_placed_and_published(client, accounts, unplaced):
    run, record, _output = unplaced
    client.force_login(accounts["editor"])
    url = reverse("curation:piece-update", args=[run.pk, record.pk])
    response = client.post(url, _form(record, unit="泰顺县百丈镇总工会", action="accept"))
    assert response.status_code == 302
    client.post(reverse("curation:import-publish", args=[run.pk]))
    unit = PilotUnit.objects.get(name="泰顺县百丈镇总工会")
    assert unit.status == "published"
    assert (unit.region.name, unit.region.parent.name) == ("百丈镇", "泰顺县")
    assert list(Article.objects.get(pk=record.article_id).units.all()) == [unit]


def test_a_publishing_load_makes_no_unit_without_a_place_and_says_so(tmp_path):
    path = tmp_path / "union-site-item.txt"
    path.write_text(UNPLACED, encoding="utf-8")
    output = run_import(path, "--publish")
    assert "新单位“百丈镇总工会”原文没有写明所在的市、县，未建立" in output
    assert not PilotUnit.objects.filter(name__contains="百丈镇").exists()


CITY_ONLY = "\n".join(
    [
        "杭州青石街道工会办起暑期托管班",
        "",
        "发布时间:2023-07-10",
        "",
        "  7月8日,青石街道新就业形态联合工会在辖区职工服务中心开设暑期托管班,首批接收快递员、外卖骑手子女30名。",
    ]
)


def test_a_street_named_with_its_city_only_is_published_in_the_city(client, accounts, tmp_path):
    path = tmp_path / "city-only.txt"
    path.write_text(CITY_ONLY, encoding="utf-8")
    run_import(path)
    run = ImportRun.objects.get(source_file="city-only.txt")
    record = run.records.get()
    assert (record.values["unit"]["name"], record.values["unit"]["county"]) == ("杭州市青石街道工会", None)
    client.force_login(accounts["editor"])
    url = reverse("curation:piece-update", args=[run.pk, record.pk])
    rejected = {f"p{proposal.pk}-decision": "rejected" for proposal in record.proposals.all()}
    assert client.post(url, {**rejected, "unit": "杭州市青石街道工会", "action": "accept"}).status_code == 302
    record.refresh_from_db()
    assert record.status == "accepted"
    assert client.post(reverse("curation:import-publish", args=[run.pk])).status_code == 302
    unit = PilotUnit.objects.get(name="杭州市青石街道工会")
    assert (unit.status, unit.region.name) == ("published", "杭州市")


@pytest.mark.parametrize(
    "text, warned",
    [
        (TOWNSHIP_ITEM, True),  # no 临安 on the page: the province's list of streets gave it
        (TOWNSHIP_ITEM.replace("近日,", "近日,临安区"), False),  # the page prints it
    ],
)
def test_the_screen_says_when_a_proposals_county_is_not_printed_on_the_page(client, accounts, tmp_path, text, warned):
    path = tmp_path / "township.txt"
    path.write_text(text, encoding="utf-8")
    run_import(path)
    run = ImportRun.objects.get(source_file="township.txt")
    assert run.records.get().values["unit"]["name"] == "杭州市临安区天目山镇总工会"
    client.force_login(accounts["editor"])
    page = client.get(reverse("curation:import-detail", args=[run.pk])).content.decode()
    assert ("原文没有写出“临安区”：所在县（市、区）是按来源或全省街道、乡镇名录推定的" in page) is warned
