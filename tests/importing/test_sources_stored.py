"""Dated, named sources: an article keeps the outlet, page and date its page states (or the import
options give), and cites them as "浙江工人日报 2022-07-04 第2版"; no date stated means none."""

import shutil

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from pilots.models import Article

pytestmark = pytest.mark.django_db


def _import(tmp_path, seed, *options):
    path = tmp_path / seed
    shutil.copy(f"{settings.SEEDS_DIR}/{seed}", path)
    call_command("import_cases", str(path), *options, verbosity=0)
    return Article.objects.filter(source_file=seed)


def test_the_page_states_outlet_page_and_date(tmp_path):
    article = _import(tmp_path, "021_web_article_ningbo.txt").get()
    assert (article.publication, article.page, str(article.published_on)) == ("宁波晚报", "第A13版", "2016-12-16")
    assert article.citation == "宁波晚报 2016-12-16 第A13版"


def test_no_date_stated_is_no_date_and_the_options_fill_what_the_page_leaves_out(tmp_path):
    article = _import(tmp_path, "014_web_article_dinghai.txt").get()
    assert article.published_on is None and "20" not in article.citation
    article = _import(tmp_path, "014_web_article_dinghai.txt", "--outlet", "今日定海", "--date", "2025-04-29").get()
    assert article.citation == "今日定海 2025-04-29"


def test_a_bad_date_option_is_refused_with_a_message(tmp_path):
    with pytest.raises(CommandError, match="--date"):
        _import(tmp_path, "014_web_article_dinghai.txt", "--date", "2025-13-01")
    assert not Article.objects.filter(source_file="014_web_article_dinghai.txt").exists()


def test_a_kicker_is_kept_as_the_kicker_shown_above_the_headline_not_dropped(tmp_path, client):
    """'嵊州市总工会：改革创新搭桥梁 竭诚服务心贴心': the unit before the colon is the kicker (引题)."""
    from django.urls import reverse

    from pilots.models import PublicationStatus

    article = _import(tmp_path, "018_web_article_shengzhou.txt").get()
    assert (article.kicker, article.headline) == ("嵊州市总工会", "改革创新搭桥梁 竭诚服务心贴心")
    assert article.subheadline == "真情服务描绘幸福全景图"
    Article.objects.filter(pk=article.pk).update(status=PublicationStatus.PUBLISHED)
    page = client.get(reverse("library-article", args=[article.pk])).content.decode()
    kicker = page.index('<p class="kicker" lang="zh">嵊州市总工会</p>')
    heading = page.index("<h1")
    assert kicker < heading < page.index("改革创新搭桥梁 竭诚服务心贴心", heading) < page.index("</h1>")
