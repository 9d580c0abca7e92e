"""The exports read back: the DOCX with python-docx, the PDF with pdftotext and pdffonts."""

import io
import re
import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from docx import Document
from docx.oxml.ns import qn

from editions import services
from editions.exporters import export

pytestmark = pytest.mark.django_db

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


@pytest.fixture
def frozen(small_issue):
    edition = small_issue["edition"]
    services.edition_update(edition=edition, foreword="编辑部的卷首语：本期收录四个街道。", afterword="编辑部的后记。")
    services.volume_update(volume=small_issue["volume"], overview_text="专兼挂队伍占 {share:zjg_team}，共 {total} 家。")
    version = services.edition_freeze(edition=edition, accept_warnings=True)
    headlines = [e["headline"] for s in version.content["volumes"][0]["sections"] for e in s["entries"]]
    return version, headlines


def east_asian(style) -> str | None:
    fonts = style.element.rPr.find(qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def test_the_docx_has_headings_the_pieces_in_order_chinese_text_and_chinese_fonts(frozen):
    version, headlines = frozen
    document = Document(io.BytesIO(export(version.content, "docx", version=version.number)))
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert by_style["Title"] == ["测试专刊\n街道活力篇"]  # broken at "·", as on the printed cover
    assert by_style["Heading 1"] == ["目录", "卷首语", "街道活力篇", "后记"]
    assert by_style["Heading 2"] == ["综述", "速写：市、县（市、区）级试点", "重点报道：市、县（市、区）级试点"]
    assert by_style["Heading 3"] == headlines
    assert "街道建立专兼挂队伍，实行网格化管理。" in by_style["Piece Body"]
    assert "专兼挂队伍占 75%，共 4 家。" in by_style["Piece Body"]
    assert by_style["Unit Line"][0] == "温岭市甲街道总工会"
    assert east_asian(document.styles["Normal"]) == "宋体"
    assert east_asian(document.styles["Heading 1"]) == "黑体"
    assert east_asian(document.styles["Heading 3"]) == "黑体"
    body = document.element.body.xml
    assert 'TOC \\o "1-3"' in body
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer
    headers = [section.header.paragraphs[0].text for section in document.sections[1:]]
    assert "街道活力篇 · 速写：市、县（市、区）级试点" in headers


def test_the_docx_opens_ready_in_word_and_wps(frozen):
    version, headlines = frozen
    meta = {"number": version.number, "content_hash": version.content_hash, "frozen_at": ""}
    document = Document(io.BytesIO(export(version.content, "docx", version=version.number, meta=meta)))
    for name in ("Heading 1", "Heading 2", "Heading 3", "Title"):
        fonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == "黑体"
        assert not [key for key in fonts.attrib if key.endswith("Theme") or key.endswith("theme")], name
    normal = document.styles["Normal"]
    assert normal.element.rPr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "zh-CN"
    assert normal.paragraph_format.space_after == 0 and normal.paragraph_format.line_spacing == 1.5
    # The contents are there before any update: every headline, then Word refreshes the page numbers.
    assert [p.text for p in document.paragraphs if p.style.name == "TOC 3"] == headlines
    assert document.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    # The cover: magazine, issue, title, publisher; no version, hash or ■ on any page.
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == ["浙江工运", "2026年第1期"]
    assert not any("■" in t or version.content_hash[:8] in t or "第1版" in t for t in texts)
    assert version.content_hash in document.core_properties.comments
    # Short pieces run on: no page break between two 速写.
    breaks = document.element.body.xml.count('w:type="page"')
    assert breaks == 1  # only after the cover (columns start sections of their own)


@needs_poppler
def test_the_pdf_has_every_headline_in_order_in_a_cjk_font(frozen, tmp_path):
    version, headlines = frozen
    pdf = tmp_path / "issue.pdf"
    pdf.write_bytes(export(version.content, "pdf", version=version.number))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    position = flat.index("编辑部的卷首语")  # past the table of contents
    for headline in headlines:
        found = flat.find(re.sub(r"\s+", "", headline), position)
        assert found > position, headline
        position = found
    assert "专兼挂队伍占75%，共4家。" in flat
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "CJK" in fonts
    pages = text.split("\f")
    assert any("街道活力篇" in page.splitlines()[0] for page in pages if page.strip())  # running header


def test_html_export_and_a_version_is_required(small_issue, tmp_path):
    edition = small_issue["edition"]
    with pytest.raises(ValidationError):
        services.edition_export(edition=edition, fmt="html")
    with pytest.raises(CommandError, match="还没有定稿版本"):
        call_command(
            "edition_export", str(edition.pk), "--format", "html", "-o", str(tmp_path / "x.html"), "--no-progress"
        )
    services.edition_freeze(edition=edition, accept_warnings=True)
    out = tmp_path / "x.html"
    call_command("edition_export", str(edition.pk), "--format", "html", "-o", str(out), "--no-progress")
    html = out.read_text(encoding="utf-8")
    assert "测试专刊 · 街道活力篇" in html and "第1版" in html
    with pytest.raises(CommandError, match="没有编号为"):
        call_command("edition_export", "999999", "--format", "html", "-o", str(out), "--no-progress")


@needs_poppler
def test_an_uploaded_cover_picture_is_printed_on_the_cover(editor_client, small_issue, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse
    from PIL import Image

    edition = small_issue["edition"]
    picture = io.BytesIO()
    Image.new("RGB", (300, 200), (180, 20, 30)).save(picture, "PNG")
    data = {"title": edition.title, "magazine": "浙江工运", "issue_label": "2026年第1期", "publisher": "浙江省总工会"}
    upload = SimpleUploadedFile("cover.png", picture.getvalue(), content_type="image/png")
    response = editor_client.post(reverse("editions:detail", args=[edition.pk]), {**data, "cover_image": upload})
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.cover_image.name.startswith("editions/covers/")
    version = services.edition_freeze(edition=edition, accept_warnings=True)
    pdf = tmp_path / "cover.pdf"
    pdf.write_bytes(export(version.content, "pdf"))
    images = subprocess.run(["pdfimages", "-f", "1", "-l", "1", "-list", str(pdf)], capture_output=True, text=True)
    assert len(images.stdout.strip().splitlines()) >= 3  # header, rule, the picture
    cover = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True).stdout
    cover = re.sub(r"\s+", "", cover)
    assert "浙江省总工会" in cover and "2026年第1期" in cover


@needs_poppler
def test_a_sketch_without_a_headline_prints_its_unit_name_once(small_issue):
    """Its unit's name stands as its headline; the closing unit line would only repeat it (PDF and DOCX alike)."""
    from pilots.models import Article

    b = small_issue["units"][1]
    Article.objects.filter(pk=small_issue["articles"][b].pk).update(headline="")
    version = services.edition_freeze(edition=small_issue["edition"], accept_warnings=True)
    document = Document(io.BytesIO(export(version.content, "docx", version=version.number)))
    lines = [p.text for p in document.paragraphs if p.style.name == "Unit Line"]
    assert b.name not in lines and "温岭市甲街道总工会" in lines  # a piece with a headline keeps its unit line
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 3"].count(b.name) == 1
    pdf = export(version.content, "pdf", version=version.number)
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    pages = text.split("\f")
    contents = next(i for i, page in enumerate(pages) if "目" in page and "录" in page)
    assert sum(re.sub(r"\s+", "", page).count(b.name) for page in pages[contents + 1 :]) == 1
