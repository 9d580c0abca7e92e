"""Clean text everywhere (issue 21): every public article reads as text, not as the scan or the
markup it was taken from — no ■ bylines or issue labels in sentences, no "##", the title once and
the subtitle apart, subheadings on their own lines."""

import re

import pytest
from django.urls import reverse

from pilots.models import Article

pytestmark = pytest.mark.django_db

_FURNITURE = re.compile(r"■|(?:19|20)\d\d年第\d+(?:[-—]\d+)?期|#{2,}")


def test_no_public_article_body_keeps_the_scan_furniture_or_markup():
    bodies = Article.objects.published().values_list("headline", "body")
    assert bodies.count() > 90
    left = [(headline, match) for headline, body in bodies for match in _FURNITURE.findall(body)]
    assert left == []
    spaced = [h for h, body in bodies if re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff] [\u4e00-\u9fff]", body)]
    assert spaced == []


def test_a_news_article_shows_its_title_once_its_subtitle_apart_and_its_subheadings(client):
    articles = Article.objects.published().filter(column="news").exclude(subheadline="")
    article = next(a for a in articles if a.headline)
    page = client.get(reverse("library-article", args=[article.pk])).content.decode()
    body = page.split('<div class="body" lang="zh">', 1)[1].split("</div>", 1)[0]
    assert "#" not in body and article.headline not in body and article.subheadline not in body
    assert page.count(f"<h1>{article.headline}</h1>") == 1
    with_subheads = [a for a in Article.objects.published() if '<h2 class="subhead">' in _body(client, a)]
    assert with_subheads  # the features' subheadings are set apart, not glued to paragraphs


def _body(client, article) -> str:
    page = client.get(reverse("library-article", args=[article.pk])).content.decode()
    return page.split('<div class="body" lang="zh">', 1)[1].split("</div>", 1)[0]
