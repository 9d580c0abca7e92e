"""Sources are cited as people cite them (publication, issue, column, page, date), never by the line
of the file the importer read."""

import re

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
