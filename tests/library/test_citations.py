"""Sources are cited as people cite them (publication, issue, column, page, date), never by the line
of the file the importer read."""

import re
from datetime import date

import pytest

from pilots.models import IndicatorValue

pytestmark = pytest.mark.django_db


def test_case_and_article_pages_cite_sources_without_line_numbers(client):
    value = IndicatorValue.objects.filter(source_article__isnull=False, source_line__isnull=False).first()
    assert value is not None
    page = client.get(f"/cases/{value.unit_id}/").content.decode()
    assert value.source_article.citation in page
    assert not re.search(r"第\s*\d+\s*(–\s*\d+\s*)?行", page)
    article = client.get(f"/articles/{value.source_article_id}/").content.decode()
    assert value.source_article.citation in article and not re.search(r"第\s*\d+\s*(–\s*\d+\s*)?行", article)


def test_a_page_that_states_no_source_is_not_cited_by_its_column(client):
    """An imported web page with no outlet, date or page: its column (新闻) is no source, so the article page
    says the source is not stated instead of "来源：新闻", and the unit's page lists it without one."""
    from pilots.models import Article, PilotUnit

    unit = PilotUnit.objects.published().first()
    article = Article.objects.create(
        headline="某街道总工会举办技能比武", column="news", body="正文。", status="published", source_file="x.txt"
    )
    article.units.add(unit)
    assert article.citation == ""
    page = client.get(f"/articles/{article.pk}/").content.decode()
    assert "原文未写明来源媒体和日期。" in page and "来源：新闻" not in page
    case = client.get(f"/cases/{unit.pk}/").content.decode()
    assert re.search(r"某街道总工会举办技能比武</a>\s*</li>", case)
    article.publication, article.published_on = "浙江工人日报", date(2022, 7, 4)
    article.page = "第2版"
    article.save()
    assert "来源：浙江工人日报 2022-07-04 第2版" in re.sub(
        r"<[^>]+>", "", client.get(f"/articles/{article.pk}/").content.decode()
    )
