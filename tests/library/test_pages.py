import re

import pytest
from django.conf import settings
from django.urls import reverse

from pilots.models import Article, PilotUnit

pytestmark = pytest.mark.django_db

CASES = reverse("library-cases")


def html(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_home_offers_search_and_entry_points_by_city_practice_and_column(client):
    page = html(client, reverse("home"))
    assert 'name="q"' in page and f'action="{CASES}"' in page
    assert f"收录 {PilotUnit.objects.published().count()} 家试点单位" in page
    assert f"{Article.objects.published().count()} 篇报道" in page
    assert "?city=%E5%8F%B0%E5%B7%9E%E5%B8%82" in page  # 台州市
    assert "?practice=shared_positions" in page and "?area=positions" in page and "?column=sketch" in page


def test_results_show_facets_chips_sorting_paging_and_exports(client):
    page = html(client, CASES, q="帮扶", city="台州市")
    assert "地级市：台州市" in page  # the chip
    chip = re.search(r'<a href="([^"]*)" title="移除">地级市：台州市', page)
    assert chip and "city=" not in chip.group(1) and "q=%E5%B8%AE%E6%89%B6" in chip.group(1)
    assert 'data-facet="kind"' in page and 'data-facet="practice"' in page and 'data-facet="designated_year"' in page
    assert "<mark>帮扶</mark>" in page
    assert "ordering=name" in page and "ordering=city" in page
    assert "format=csv" in page and "format=xlsx" in page


def test_results_are_paginated_and_a_page_out_of_range_shows_the_last(client):
    first = html(client, CASES)
    assert "第 1 / 5 页" in first and 'rel="next"' in first
    assert "第 5 / 5 页" in html(client, CASES, page="999")


def test_a_bad_facet_value_is_named_in_a_chinese_message(client):
    response = client.get(CASES, {"kind": "bogus"})
    assert response.status_code == 400 and "类型：" in response.content.decode()


def test_the_case_page_shows_the_whole_record_with_the_search_terms_highlighted(client):
    unit = (
        PilotUnit.objects.published()
        .filter(measures__isnull=False, positions__isnull=False, articles__body__contains="职工")
        .distinct()
        .first()
    )
    page = html(client, reverse("library-case", args=[unit.pk]), q="职工")
    assert unit.name in page and "改革举措" in page and "服务阵地" in page and "相关报道" in page
    assert all(measure.title in page for measure in unit.measures.all())
    assert "<mark>职工</mark>" in page
    assert "相似试点" in page and "来源" in page


def test_similar_pilots_share_practices(client):
    from search.similar import similar_units

    unit = PilotUnit.objects.published().filter(measures__practices__isnull=False).first()
    similar = similar_units(unit)
    assert similar and unit not in similar and similar[0].shared_practices
    assert [s.similarity for s in similar] == sorted((s.similarity for s in similar), reverse=True)


def test_draft_units_and_articles_have_no_page(client):
    from tests.factories import a_unit, an_article

    draft = a_unit("温岭市草稿测试街道总工会", status="draft")
    assert client.get(reverse("library-case", args=[draft.pk])).status_code == 404
    article = an_article(draft, status="draft")
    assert client.get(reverse("library-article", args=[article.pk])).status_code == 404


def test_the_article_page_shows_headline_column_reporter_body_and_units(client):
    article = Article.objects.published().exclude(reporters="").filter(units__isnull=False).first()
    page = html(client, reverse("library-article", args=[article.pk]), q="工会")
    assert article.title in page and article.get_column_display() in page and article.reporters in page
    assert "<mark>工会</mark>" in page
    # The byline's names are reporters and correspondents alike (通讯员 are not 记者): the page says 作者.
    meta = re.search(r'<p class="meta">(.*?)</p>', page, re.S)[1]
    assert f"作者 {article.reporters}" in meta and "记者" not in meta
    assert all(reverse("library-case", args=[unit.pk]) in page for unit in article.units.all())


def test_pages_are_light_and_use_no_outside_assets(client):
    page = html(client, CASES, q="帮扶")
    assert not re.search(r'(src|href)="(https?:)?//', page)
    # No inline script (the Content-Security-Policy forbids it): only the portal's own static files.
    assert not re.search(r'<script(?![^>]*\bsrc="/static/)', page)
    css = sum((settings.BASE_DIR / "static" / name).stat().st_size for name in ("css/portal.css", "css/library.css"))
    css += (settings.BASE_DIR / "static" / "js" / "portal.js").stat().st_size
    assert len(page.encode()) + css < 120_000
