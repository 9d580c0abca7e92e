"""Imports stay private until an editor reviews them; accepted parts, and only those, are published."""

import re

import pytest
from django.urls import reverse

from curation.permissions import can_review_imports
from pilots.models import (
    Article,
    ImportRecord,
    IndicatorValue,
    PilotUnit,
    Proposal,
    ReformMeasure,
    ServicePosition,
)
from tests.forms import page_forms

from .conftest import PAGE, run_import

pytestmark = pytest.mark.django_db

FENGSHAN = "余姚市凤山街道总工会"
XIAPU = "宁波市北仑区霞浦街道总工会"


_CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


def public_pages(client) -> dict[str, bytes]:
    """Every public view of the two published units the page names, and the lists they are in."""
    fengshan = PilotUnit.objects.get(name=FENGSHAN)
    xiapu = PilotUnit.objects.get(name=XIAPU)
    urls = [
        "/",
        f"/cases/{fengshan.pk}/",
        f"/cases/{xiapu.pk}/",
        "/cases/?q=职工书屋",
        "/cases/?q=调解",
        f"/api/units/{fengshan.pk}/",
        f"/api/units/{xiapu.pk}/",
        "/api/units/?page_size=500",
        "/api/articles/?page_size=500",
        "/api/cases/?q=凤山",
        "/api/cases/?q=职工之家焕新颜",
        "/api/cases/?q=调解室",
        "/api/cases/facets/?q=职工",
        "/api/cases/facets/",
        "/api/regions/?page_size=500",
        "/api/cases/?format=csv",
    ]
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        # The language switcher's CSRF token is masked afresh on every request: it is not content.
        pages[url] = _CSRF.sub(b"csrf", response.content)
    return pages


def test_an_import_without_publish_changes_no_public_byte(client, page, django_capture_on_commit_callbacks):
    before = public_pages(client)
    with django_capture_on_commit_callbacks(execute=True):  # the search index follows on commit
        run_import(page)
    assert Article.objects.filter(source_file="union-page.txt", status="draft").count() == 2
    assert Proposal.objects.filter(record__article__source_file="union-page.txt").count() >= 8
    assert public_pages(client) == before
    # and the same import published does change them: the comparison is not blind
    with django_capture_on_commit_callbacks(execute=True):
        run_import(page, "--publish")
    after = public_pages(client)
    fengshan = PilotUnit.objects.get(name=FENGSHAN)
    assert after[f"/api/units/{fengshan.pk}/"] != before[f"/api/units/{fengshan.pk}/"]
    assert "职工之家焕新颜" in after["/api/cases/?q=职工之家焕新颜"].decode()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("submitter", False),
        ("reviewer", False),
        ("staff", False),
        ("editor", True),
        ("admin", True),
        ("no_role", False),
    ],
)
def test_only_editors_and_admins_review_imports(client, accounts, imported, role, allowed):
    user = accounts[role]
    assert can_review_imports(user) is allowed
    client.force_login(user)
    record = imported.records.first()
    expected = 200 if allowed else 403
    assert client.get(reverse("curation:import-list")).status_code == expected
    assert client.get(reverse("curation:import-detail", args=[imported.pk])).status_code == expected
    response = client.post(reverse("curation:piece-update", args=[imported.pk, record.pk]), {"action": "accept"})
    assert response.status_code == (302 if allowed else 403)
    response = client.post(reverse("curation:import-publish", args=[imported.pk]))
    assert response.status_code == (302 if allowed else 403)
    record.refresh_from_db()
    assert record.article.status == ("published" if allowed else "draft")


def test_anonymous_visitors_are_sent_to_the_login(client, imported):
    assert not can_review_imports(None)
    response = client.get(reverse("curation:import-list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def _decisions(record: ImportRecord, accepted: set[str]) -> dict:
    """A review form as the browser sends it: every proposal's decision."""
    data = {}
    for proposal in record.proposals.all():
        data[f"p{proposal.pk}-decision"] = "accepted" if proposal.key in accepted else "rejected"
    return data


def test_accepting_part_of_a_piece_publishes_exactly_that_part(client, accounts, imported):
    client.force_login(accounts["editor"])
    record = imported.records.get(article__headline="职工之家焕新颜")
    funds = record.proposals.get(kind="figure", key__startswith="funds_invested")
    data = {**_decisions(record, {funds.key}), "action": "accept"}
    data[f"p{funds.pk}-value"] = "65"  # the editor corrects the figure in place
    response = client.post(reverse("curation:piece-update", args=[imported.pk, record.pk]), data)
    assert response.status_code == 302
    unit = PilotUnit.objects.get(name=FENGSHAN)
    assert not IndicatorValue.objects.filter(source_article=record.article).exists()  # not yet published
    client.post(reverse("curation:import-publish", args=[imported.pk]))
    record.refresh_from_db()
    assert record.status == "published" and record.article.status == "published"
    values = IndicatorValue.objects.filter(source_article=record.article)
    assert [(v.unit, v.definition.code, v.value) for v in values] == [(unit, "funds_invested", 65)]
    assert not ReformMeasure.objects.filter(unit=unit, title="职工之家焕新颜").exists()
    assert not ServicePosition.objects.filter(unit=unit, name__contains="1+6+N").exists()
    # the review screen leads to the published page; the piece nobody accepted has none
    screen = client.get(reverse("curation:import-detail", args=[imported.pk])).content.decode()
    public = reverse("library-article", args=[record.article.pk])
    assert f'<a href="{public}">查看公开页面</a>' in screen and screen.count("查看公开页面") == 1
    client.logout()
    assert client.get(public).status_code == 200
    client.force_login(accounts["editor"])
    # the piece nobody accepted stays a draft
    other = imported.records.get(article__headline__contains="调解室")
    assert other.article.status == "draft" and other.status == "pending"
    # the public API shows exactly the accepted figure
    body = client.get(f"/api/units/{unit.pk}/").json()
    from_article = [v for v in body["indicator_values"] if "60万余元" in v["phrase"] or v["phrase"].startswith("凤山")]
    assert [(v["indicator"], float(v["value"])) for v in from_article] == [("funds_invested", 65.0)]
    assert "职工之家焕新颜" not in [m["title"] for m in body["measures"]]


def test_the_history_names_the_editor_who_published(client, accounts, imported):
    client.force_login(accounts["editor"])
    record = imported.records.get(article__headline="职工之家焕新颜")
    classified = {p.key for p in record.proposals.all() if p.kind != "figure" or p.value["indicator"]}
    data = {**_decisions(record, classified), "action": "accept"}
    client.post(reverse("curation:piece-update", args=[imported.pk, record.pk]), data)
    client.post(reverse("curation:import-publish", args=[imported.pk]))
    latest = record.article.history.first()
    assert latest.history_user == accounts["editor"] and latest.status == "published"
    unit = PilotUnit.objects.get(name=FENGSHAN)
    measure = ReformMeasure.objects.get(unit=unit, title="职工之家焕新颜")
    assert measure.history.first().history_user == accounts["editor"]
    page = client.get(reverse("curation:import-detail", args=[imported.pk])).content.decode()
    assert "修改历史" in page and "editor1" in page


def test_a_figure_without_an_indicator_cannot_be_accepted(client, accounts, imported):
    client.force_login(accounts["editor"])
    record = imported.records.get(article__headline="职工之家焕新颜")
    loose = record.proposals.filter(kind="figure", value__indicator="").first()
    data = {f"p{loose.pk}-decision": "accepted", "action": "save"}
    response = client.post(reverse("curation:piece-update", args=[imported.pk, record.pk]), data, follow=True)
    assert "请先为这个数字选择指标" in response.content.decode()
    loose.refresh_from_db()
    assert loose.status == "pending"


def test_a_bad_value_is_refused_with_a_message_naming_the_piece_and_changes_nothing(client, accounts, imported):
    client.force_login(accounts["editor"])
    record = imported.records.get(article__headline="职工之家焕新颜")
    funds = record.proposals.get(kind="figure", key__startswith="funds_invested")
    data = {"headline": "改过的标题", f"p{funds.pk}-value": "六十", "action": "accept"}
    response = client.post(reverse("curation:piece-update", args=[imported.pk, record.pk]), data, follow=True)
    text = response.content.decode()
    assert "数值应为数字" in text and "职工之家焕新颜" in text
    record.refresh_from_db()
    funds.refresh_from_db()
    assert record.status == "pending" and record.article.headline == "职工之家焕新颜" and funds.value["value"] == "60"


def test_a_published_piece_is_not_edited_here(client, accounts, page):
    run_import(page, "--publish")
    client.force_login(accounts["editor"])
    record = ImportRecord.objects.filter(article__source_file="union-page.txt").first()
    response = client.post(reverse("curation:piece-update", args=[record.run_id, record.pk]), {"action": "reject"})
    assert response.status_code == 409


def test_reimporting_updates_pending_proposals_and_never_overwrites_an_accepted_one(client, accounts, page, imported):
    client.force_login(accounts["editor"])
    record = imported.records.get(article__headline="职工之家焕新颜")
    funds = record.proposals.get(kind="figure", key__startswith="funds_invested")
    stations = record.proposals.get(kind="figure", key__startswith="new_unions")
    data = {f"p{funds.pk}-decision": "accepted", f"p{funds.pk}-value": "65", "action": "save"}
    client.post(reverse("curation:piece-update", args=[imported.pk, record.pk]), data)
    page.write_text(PAGE.replace("60万余元", "70万余元").replace("新建工会15家", "新建工会16家"), encoding="utf-8")
    out = run_import(page)
    funds.refresh_from_db()
    assert (funds.status, funds.value["value"]) == ("accepted", "65")
    assert "冲突" in out and "70万余元" in out and funds.conflict
    assert Proposal.objects.get(record=record, kind="figure", key__startswith="new_unions").value["value"] == "16"
    assert not Proposal.objects.filter(pk=stations.pk, value__value="15").exists()


def test_the_review_screen_shows_source_lines_beside_what_was_read(client, accounts, imported):
    client.force_login(accounts["editor"])
    text = client.get(reverse("curation:import-detail", args=[imported.pk])).content.decode()
    for expected in (
        "原文",
        "读出的内容",
        FENGSHAN,
        "职工之家焕新颜",
        "张三、李四",
        "60万余元",
        "“1+6+N”职工服务站",
        "职工书屋",
    ):
        assert expected in text
    assert "本报讯 通讯员张三、李四报道" in text  # the source line as printed


def test_a_practice_under_a_rejected_measure_is_refused_with_a_message(client, accounts, imported):
    """What the screen says is published is what is published: a practice belongs to its measure."""
    client.force_login(accounts["editor"])
    record = imported.records.get(article__headline="职工之家焕新颜")
    practices = {p.key for p in record.proposals.all() if p.kind == "practice"}
    assert practices and record.proposals.filter(kind="measure").exists()
    data = {**_decisions(record, practices), "action": "accept"}  # practices accepted, the measure rejected
    response = client.post(reverse("curation:piece-update", args=[imported.pk, record.pk]), data, follow=True)
    assert "举措已驳回时不能接受做法" in response.content.decode()
    record.refresh_from_db()
    assert record.status == "pending"
    assert not record.proposals.filter(kind="practice", status="accepted").exists()  # nothing changed


def test_a_figure_without_a_year_is_accepted_only_once_the_editor_gives_one(client, accounts, page):
    run_import(page)  # the page states no date: its figures carry no year, never today's
    client.force_login(accounts["editor"])
    record = ImportRecord.objects.get(article__headline="职工之家焕新颜")
    funds = record.proposals.get(kind="figure", key__startswith="funds_invested")
    assert not funds.value["year"]
    data = {**_decisions(record, {funds.key}), "action": "accept"}
    response = client.post(reverse("curation:piece-update", args=[record.run_id, record.pk]), data, follow=True)
    assert "没有年份" in response.content.decode()
    data[f"p{funds.pk}-year"] = "2024"
    client.post(reverse("curation:piece-update", args=[record.run_id, record.pk]), data)
    funds.refresh_from_db()
    assert (funds.status, funds.value["year"]) == ("accepted", 2024)


def test_the_source_is_given_on_the_review_screen(client, accounts, imported):
    client.force_login(accounts["editor"])
    record = imported.records.get(article__headline="职工之家焕新颜")
    url = reverse("curation:piece-update", args=[imported.pk, record.pk])
    data = {"action": "save", "publication": "浙江工人日报", "published_on": "2022-07-04", "page": "第2版"}
    client.post(url, data)
    record.article.refresh_from_db()
    assert record.article.citation == "浙江工人日报 2022-07-04 第2版"
    response = client.post(url, {**data, "published_on": "2022-7-44"}, follow=True)
    assert "发表日期应为 YYYY-MM-DD" in response.content.decode()


def test_a_new_unit_is_proposed_and_exists_only_once_its_piece_is_published(client, accounts, tmp_path):
    path = tmp_path / "zeguo.txt"
    path.write_text("## 温岭市泽国镇总工会：小镇工会办实事\n\n泽国镇总工会今年新建工会12家。\n", encoding="utf-8")
    run_import(path)
    assert not PilotUnit.objects.filter(name="温岭市泽国镇总工会").exists()
    client.force_login(accounts["editor"])
    record = ImportRecord.objects.get(article__source_file="zeguo.txt")
    page = client.get(reverse("curation:import-detail", args=[record.run_id])).content.decode()
    assert "新单位" in page and "温岭市泽国镇总工会" in page
    data = {"action": "accept", "unit": "温岭市泽国镇总工会"}
    data.update({f"p{p.pk}-decision": "rejected" for p in record.proposals.all()})
    client.post(reverse("curation:piece-update", args=[record.run_id, record.pk]), data)
    assert not PilotUnit.objects.filter(name="温岭市泽国镇总工会").exists()  # accepted, not yet published
    client.post(reverse("curation:import-publish", args=[record.run_id]))
    unit = PilotUnit.objects.get(name="温岭市泽国镇总工会")
    assert unit.status == "published" and record.article in unit.articles.all()


def test_the_pieces_page_in_print_is_not_the_lists_page(client, accounts, imported):
    """The review form carried two fields named "page" (the list's page, hidden, and the piece's 版面):
    a 版面 of "5" sent the editor to the list's fifth page, and the list's page was never read."""
    client.force_login(accounts["editor"])
    record = imported.records.get(article__headline="职工之家焕新颜")
    screen = client.get(reverse("curation:import-detail", args=[imported.pk])).content.decode()
    form = screen[screen.index(f'action="{reverse("curation:piece-update", args=[imported.pk, record.pk])}"') :]
    form = form[: form.index("</form>")]
    assert form.count('name="page"') == 1 and 'name="list_page"' in form
    url = reverse("curation:piece-update", args=[imported.pk, record.pk])
    answer = client.post(url, {"action": "save", "list_page": "1", "page": "5"})
    assert answer.url.endswith(f"?page=1#piece-{record.pk}"), answer.url
    record.article.refresh_from_db()
    assert record.article.page == "5"


def test_a_piece_reviewed_on_a_filtered_list_goes_back_to_that_list(client, accounts, imported):
    """Accepting a piece on the list of pending pieces (page 1) comes back to the pending list, not to all."""
    client.force_login(accounts["editor"])
    record = imported.records.get(article__headline="职工之家焕新颜")
    screen = client.get(reverse("curation:import-detail", args=[imported.pk]), {"status": "pending"}).content.decode()
    assert 'name="list_status" value="pending"' in screen
    url = reverse("curation:piece-update", args=[imported.pk, record.pk])
    answer = client.post(url, {"action": "save", "list_page": "1", "list_status": "pending"})
    assert answer.url.endswith(f"?status=pending&page=1#piece-{record.pk}"), answer.url
    answer = client.post(url, {"action": "save", "list_page": "1", "list_status": "<b>"})
    assert answer.url.endswith(f"?page=1#piece-{record.pk}"), answer.url  # an unknown status is dropped


def _piece_form(client, record) -> dict[str, list[str]]:
    """The piece's form on the review screen, as a browser would send it untouched."""
    html = client.get(reverse("curation:import-detail", args=[record.run_id])).content.decode()
    own = {f"p{proposal.pk}-decision" for proposal in record.proposals.all()}
    (form,) = [form for form in page_forms(html) if own & set(form)]
    return form


def test_an_undated_piece_is_accepted_from_the_form_as_rendered(client, accounts, page):
    """The page states no date: the figures' year boxes are empty (never "None"), the unclassified
    figures (never published) need no year, and a classified one asks for its year by name."""
    run_import(page)
    client.force_login(accounts["editor"])
    record = ImportRecord.objects.get(article__headline="职工之家焕新颜")
    form = _piece_form(client, record)
    years = {name: value for name, value in form.items() if name.endswith("-year")}
    assert years and all(value == [""] for value in years.values())  # empty, never "None"
    for proposal in record.proposals.filter(kind="figure"):
        form[f"p{proposal.pk}-indicator"] = [""]  # every figure unclassified
    url = reverse("curation:piece-update", args=[record.run_id, record.pk])
    text = client.post(url, {**form, "action": "accept"}, follow=True).content.decode()
    assert "年份应在" not in text and "没有年份（" not in text  # no message about a year
    record.refresh_from_db()
    assert record.status == "accepted"


def test_a_classified_figure_of_an_undated_piece_asks_for_its_year(client, accounts, page):
    run_import(page)
    client.force_login(accounts["editor"])
    record = ImportRecord.objects.get(article__headline="职工之家焕新颜")
    url = reverse("curation:piece-update", args=[record.run_id, record.pk])
    text = client.post(url, {**_piece_form(client, record), "action": "accept"}, follow=True).content.decode()
    assert "没有年份（原文未写明日期）" in text and "年份应在" not in text
    record.refresh_from_db()
    assert record.status == "pending"


def test_a_date_given_on_the_review_screen_gives_its_year_to_the_figures_without_one(client, accounts, page):
    run_import(page)
    client.force_login(accounts["editor"])
    record = ImportRecord.objects.get(article__headline="职工之家焕新颜")
    url = reverse("curation:piece-update", args=[record.run_id, record.pk])
    form = _piece_form(client, record)
    funds = record.proposals.get(kind="figure", key__startswith="funds_invested")
    form[f"p{funds.pk}-year"] = ["2019"]  # one year the editor typed stays
    client.post(url, {**form, "published_on": "2022-07-04", "action": "accept"})
    record.refresh_from_db()
    assert record.status == "accepted"
    years = {p.pk: p.value["year"] for p in record.proposals.filter(kind="figure")}
    assert years.pop(funds.pk) == 2019 and years and set(years.values()) == {2022}
