"""Defects found using the library as a person: empty results, figures and sources as printed,
search quality for stray markup and numbers, a city's own units first."""

import pytest
from django.urls import reverse
from django.utils import translation

from pilots.models import IndicatorValue, PilotUnit, Region
from search.query import QueryError, parse_query

pytestmark = pytest.mark.django_db

CASES = reverse("library-cases")


# (an unknown city is answered with 400 naming it: tests/library/test_words.py)
@pytest.mark.parametrize(
    "params", [{"q": "qzxwv"}, {"q": "qzxwv", "city": "台州"}, {"q": "qzxwv", "kind": "street_federation"}]
)
def test_empty_results_say_so_and_suggest_what_to_try(client, params):
    response = client.get(CASES, params)
    html = response.content.decode()
    assert "没有找到" in html
    box = html[html.index("empty-results") :]
    assert f'href="{CASES}"' in box  # browse everything
    if len(params) > 1 or "city" in params:
        assert "去掉一个筛选条件" in box
    if "q" in params:
        assert "错别字" in box


def _figure_row(html: str, name: str) -> str:
    start = html.index(f"<td>{name}</td>")
    return html[start : html.index("</tr>", start)]


def test_figures_show_value_measure_word_and_qualifier_as_printed(client):
    value = IndicatorValue.objects.get(phrase="十余项活动")
    html = client.get(reverse("library-case", args=[value.unit_id])).content.decode()
    assert "10余项" in _figure_row(html, "活动场次")
    assert "10个" not in html and "（余）" not in html
    twenty_eight = IndicatorValue.objects.filter(unit=value.unit, phrase__contains="28家").first()
    assert twenty_eight is not None and "28家" in html
    percent = IndicatorValue.objects.filter(qualifier="at_least", definition__value_type="percent").first()
    page = client.get(reverse("library-case", args=[percent.unit_id])).content.decode()
    assert f"{int(percent.value)}%以上" in page


def test_figures_read_naturally_in_english(client):
    value = IndicatorValue.objects.get(phrase="十余项活动")
    with translation.override("en"):
        assert value.display_value == "more than 10"
    html = client.get(reverse("library-case", args=[value.unit_id]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "more than 10" in html and "个" not in _figure_row(html, value.definition.name_en)


def test_sources_are_cited_as_people_cite_them_not_as_file_names(client):
    value = IndicatorValue.objects.get(phrase="十余项活动")
    html = client.get(reverse("library-case", args=[value.unit_id])).content.decode()
    assert "《浙江工运》2018年第5-6期 · 街道活力篇 · 速写" in html
    assert ".txt" not in html and "000_ac4ce678d924a366" not in html
    article = value.source_article
    page = client.get(reverse("library-article", args=[article.pk])).content.decode()
    assert "《浙江工运》2018年第5-6期" in page and ".txt" not in page


def test_the_source_column_does_not_crush_the_table_on_a_phone(client):
    value = IndicatorValue.objects.get(phrase="十余项活动")
    html = client.get(reverse("library-case", args=[value.unit_id])).content.decode()
    assert '<div class="table-scroll"><table class="figures">' in html


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "1", "<b></b>", "!!! ???", "&nbsp;"])
def test_markup_punctuation_and_a_stray_digit_do_not_match_the_library(client, text):
    try:
        query = parse_query(text)
    except QueryError:
        query = None
    if query is not None:
        assert all(group.word not in ("1", "script", "b", "nbsp") for group in query.groups)
    html = client.get(CASES, {"q": text}).content.decode()
    assert "没有找到" in html or "请输入" in html
    assert 'class="case"' not in html


def test_numbers_that_mean_something_still_search():
    assert [g.word for g in parse_query("14个服务站").groups] == ["14个服务站"]
    assert [g.word for g in parse_query("2018 帮扶").groups] == ["2018", "帮扶"]


def test_a_city_ranks_its_own_units_above_units_that_mention_it(client):
    from search.query import parse_query as parse
    from search.selectors import search_units

    hangzhou = Region.objects.get(name="杭州市")
    results = search_units(PilotUnit.objects.published(), parse("杭州"), ordering="relevance", filtered=False)
    units = [match.unit for match in results[: len(results)]]
    inside = [i for i, unit in enumerate(units) if unit.region.city_id == hangzhou.pk or unit.region_id == hangzhou.pk]
    outside = [i for i in range(len(units)) if i not in inside]
    assert inside and outside, "the seed library has both"
    assert max(inside) < min(outside)


def _today() -> str:
    from django.utils import timezone

    return f"{timezone.localdate():%Y-%m-%d}"


@pytest.mark.parametrize("export_format", ["csv", "xlsx", "json"])
def test_exports_are_named_for_what_they_hold_and_the_day(client, export_format):
    from urllib.parse import quote

    response = client.get(reverse("case-list"), {"format": export_format})
    assert response.status_code == 200
    assert f"filename*=UTF-8''{quote(f'试点案例-{_today()}.{export_format}')}" in response["Content-Disposition"]


def test_exports_carry_key_figures_and_the_page_link_and_a_score_only_when_asked(client):
    import csv
    import io

    def table(**params):
        response = client.get(reverse("case-list"), {"format": "csv", **params})
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    rows = table()
    header = rows[0]
    assert "会员人数（人）" in header and "建会率（%）" in header and "案例页面" in header and "相关度" not in header
    value = IndicatorValue.objects.get(phrase="十余项活动")
    unit_row = next(row for row in rows if row[0] == str(value.unit_id))
    assert unit_row[header.index("案例页面")] == f"http://testserver{reverse('library-case', args=[value.unit_id])}"
    members = IndicatorValue.objects.filter(definition__code="members", unit=value.unit).order_by("-year").first()
    if members:
        assert unit_row[header.index("会员人数（原文）")] == members.display_value
    assert "相关度" not in table(q="帮扶")[0]  # a ranking's inner figure: only when asked
    assert "相关度" in table(q="帮扶", relevance="1")[0]


def test_a_model_name_keeps_its_numbers():
    assert [g.word for g in parse_query("1+14+N").groups] == ["1", "14", "n"]
    assert parse_query('"1+14+N"').phrases


def test_the_workbook_opens_with_its_header_frozen_and_columns_wide_enough(client):
    import io

    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    from pilots.spreadsheets import display_width

    response = client.get(reverse("case-list"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.freeze_panes == "A2"  # the header stays in view while scrolling
    header = [cell.value for cell in sheet[1]]
    names = [row[header.index("全称")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    width = sheet.column_dimensions[get_column_letter(header.index("全称") + 1)].width
    assert width >= min(max(display_width(name) for name in names), 60)  # the longest name is not cut off
