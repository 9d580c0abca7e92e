"""The printed page each piece of the compilation starts on, counted from the scan's page starts and
checked against the folios the scan kept (read from the source file at test time)."""

import re

import pytest

from tests.conftest import COMPILATION, seed_lines

pytestmark = pytest.mark.django_db


def kept_folios() -> list[tuple[int, int]]:
    """(line number, page number) of each folio the scan kept: a line holding only the number."""
    return [(n, int(text)) for n, text in enumerate(seed_lines(COMPILATION), 1) if re.fullmatch(r"\d{1,3}", text)]


def test_each_piece_carries_the_printed_page_it_starts_on(compilation):
    pieces = compilation.pieces
    assert all(piece.page and piece.page.isdigit() for piece in pieces)
    pages = [int(piece.page) for piece in pieces]
    assert pages == sorted(pages)  # in printed order
    assert pages[0] == 3 and pages[-1] <= 78  # the overview after the two-page foreword; 78 pages in all
    # Each feature opens a spread: it starts on its own right-hand (odd) page.
    features = [int(piece.page) for piece in pieces if piece.section in ("special", "feature")]
    assert len(features) == 11 and all(page % 2 for page in features) and len(set(features)) == len(features)
    # Where the scan kept a folio, the piece starting just below it carries that number.
    folios = kept_folios()
    assert len(folios) == 5
    checked = 0
    for line, folio in folios:
        below = [piece for piece in pieces if 0 < piece.start_line - line <= 12]
        for piece in below:
            assert int(piece.page) == folio, (piece.unit_name, piece.page, folio)
            checked += 1
    assert checked >= 3


def test_the_fixture_articles_and_the_evidence_cite_the_printed_page(client):
    """The loaded articles of the compilation carry the same pages; the editors' evidence and the
    public citation name them: 《浙江工运》2018年第5-6期 · 重点报道 · 第 19 页."""
    from django.urls import reverse

    from editions.selectors import citation
    from pilots.models import Article

    line, folio = next((line, folio) for line, folio in kept_folios() if folio == 19)
    article = Article.objects.filter(source_file=COMPILATION, start_line__gt=line).order_by("start_line").first()
    assert article.start_line - line <= 12 and article.column == "feature"
    assert article.page == str(folio)
    assert article.citation == f"《浙江工运》2018年第5-6期 · 街道活力篇 · 重点报道 · 第 {folio} 页"
    assert citation(article) == f"《浙江工运》2018年第5-6期 · 重点报道 · 第 {folio} 页"
    assert f"第 {folio} 页" in client.get(reverse("library-article", args=[article.pk])).content.decode()
    pages = list(Article.objects.filter(source_file=COMPILATION).order_by("start_line").values_list("page", flat=True))
    assert len(pages) == 92 and all(page.isdigit() for page in pages)
    # The other sources' scans kept no folio: they give no page (where their first page sits is unknown).
    assert not Article.objects.exclude(source_file=COMPILATION).exclude(source_file="").exclude(page="").exists()
