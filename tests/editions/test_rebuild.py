"""The printed 街道活力篇 rebuilt from the published articles of its source file, and exported whole."""

import io
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from docx import Document

from editions.models import Edition
from pilots.models import Article
from tests.conftest import COMPILATION, seed_path

pytestmark = pytest.mark.django_db
OUTPUT = Path(settings.BASE_DIR) / "test-output" / "editions"
COLUMN_ORDER = ["overview", "special", "feature", "sketch"]


def rebuild() -> tuple[Edition, str]:
    out = io.StringIO()
    call_command("edition_from_import", str(seed_path(COMPILATION)), stdout=out)
    text = out.getvalue()
    return Edition.objects.get(pk=int(text.strip().splitlines()[-1])), text


def test_the_printed_volume_is_rebuilt_with_92_entries_in_printed_order():
    edition, output = rebuild()
    assert edition.title == "浙江省基层工会改革试点实践实录 · 街道活力篇"
    assert edition.issue_label == "2018年第5-6期" and edition.magazine == "浙江工运"
    volume = edition.volumes.get()
    assert volume.name == "街道活力篇" and volume.kind == "streets"
    assert list(volume.sections.values_list("title", flat=True)) == [
        "综述",
        "特别报道：省级试点",
        "重点报道：市、县（市、区）级试点",
        "速写：市、县（市、区）级试点",
    ]
    entries = list(edition.entries.select_related("article", "section").order_by("section__order", "position"))
    assert len(entries) == 92
    printed = list(Article.objects.published().filter(source_file=COMPILATION).order_by("start_line"))
    assert [entry.article for entry in entries] == printed
    assert [entry.article.column for entry in entries][:3] == ["overview", "special", "feature"]
    version = edition.versions.get()
    assert version.number == 1 and edition.status == "frozen"
    # The computed-versus-printed table: every practice the printed overview counts.
    for name in (
        "专兼挂（轮）队伍",
        "志愿者组织",
        "网格化管理",
        "群团阵地共建共享",
        "线上线下服务",
        "党群联席会议",
        "点单式服务",
    ):
        row = next(line for line in output.splitlines() if line.startswith(name))
        assert re.search(r"\d+%(左右|以上)\s+\d+% \(\d+/\d+\)", row), row
    assert edition.foreword and edition.afterword


def test_a_file_without_published_articles_is_refused_with_a_message(tmp_path):
    other = tmp_path / "没有文章.txt"
    other.write_text("空", encoding="utf-8")
    with pytest.raises(CommandError, match=r"没有找到来源文件“没有文章\.txt”的已发布文章"):
        call_command("edition_from_import", str(other), stdout=io.StringIO())
    assert not Edition.objects.exists()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_the_whole_volume_exports_to_docx_and_pdf(tmp_path):
    edition, _output = rebuild()
    version = edition.versions.get()
    headlines = [e["headline"] for s in version.content["volumes"][0]["sections"] for e in s["entries"]]
    assert len(headlines) == 92

    docx_path, pdf_path = tmp_path / "volume.docx", tmp_path / "volume.pdf"
    started = time.perf_counter()
    call_command("edition_export", str(edition.pk), "--format", "docx", "-o", str(docx_path), "--no-progress")
    document = Document(str(docx_path))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 3"] == headlines

    call_command("edition_export", str(edition.pk), "--format", "pdf", "-o", str(pdf_path), "--no-progress")
    elapsed = time.perf_counter() - started
    text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    position = flat.index(re.sub(r"\s+", "", edition.foreword)[:12])
    for headline in headlines:
        found = flat.find(re.sub(r"\s+", "", headline), position)
        assert found > position, headline
        position = found
    assert_a_printable_issue(pdf_path, version, headlines)

    OUTPUT.mkdir(parents=True, exist_ok=True)
    pages = {"cover": 1, "toc": 2, "overview": 5, "piece": 8, "sketches": 40}
    for name, page in pages.items():
        subprocess.run(
            [
                "pdftoppm",
                "-f",
                str(page),
                "-l",
                str(page),
                "-r",
                "70",
                "-png",
                "-singlefile",
                str(pdf_path),
                str(OUTPUT / f"volume-{name}"),
            ],
            check=True,
        )
        assert (OUTPUT / f"volume-{name}.png").stat().st_size > 10_000
    print(f"exports of the whole volume (DOCX + PDF): {elapsed:.1f} s")


def pdf_pages(path: Path) -> list[str]:
    """The text of each page (pdftotext -layout), page 1 first."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def assert_a_printable_issue(pdf_path: Path, version, headlines: list[str]) -> None:
    """What a printer would check: length, fonts, no page furniture, no internal labels, contents right."""
    pages = pdf_pages(pdf_path)
    # Short pieces run on, features start a page: the printed volume fits in 70 pages (111 before), with a
    # page to spare (67 today: a headline-less sketch's name is not repeated under it, the run-on rules
    # are tighter and the contents hold on one page).
    assert len(pages) <= 68, len(pages)
    fonts = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert names and all("CJK-SC" in name for name in names), names  # no Japanese forms, no DejaVu fallback
    flat_pages = [re.sub(r"\s+", "", page) for page in pages]
    # No "■" of the layout's own (bylines): any left come from the pieces' text, which proofing reports
    # (tests/editions/test_proofing.py) and the importer cleans.
    in_text = sum(
        p.count("■")
        for v in version.content["volumes"]
        for s in v["sections"]
        for e in s["entries"]
        for p in e["paragraphs"] + [e["headline"], e["subheadline"]]
    )
    assert sum(page.count("■") for page in flat_pages) == in_text
    assert not any(version.content_hash[:8] in page for page in flat_pages)
    assert not any(re.search(r"第\d+版", page) for page in flat_pages[:-1])  # only the colophon names the version
    assert not any("据本刊" in page or "做法采用情况" in page for page in flat_pages)  # as printed: no computed table
    cover = flat_pages[0]
    assert "浙江工运" in cover and "2018年第5-6期" in cover and "街道活力篇" in cover
    # The contents: each headline followed by its page number, and the headline is on that page.
    contents = "".join(flat_pages[1:4])
    checked = 0
    for headline in dict.fromkeys(headlines):
        match = re.search(re.escape(re.sub(r"\s+", "", headline)) + r"(\d{1,2})(?!\d)", contents)
        if match is None or re.search(r"\d$", headline):
            continue
        page = int(match[1])
        assert re.sub(r"\s+", "", headline) in flat_pages[page - 1], (headline, page)
        checked += 1
    assert checked >= 80, checked
