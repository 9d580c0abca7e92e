"""The issue as a Word document (python-docx), built from the same ordered content as the print HTML.

Chinese fonts need the East-Asian font attribute (w:rFonts/@w:eastAsia): without it Word renders
Chinese text in its default Latin font's fallback. Body text is 宋体, headings 黑体. A table of
contents field (Word fills it when the file is opened and fields are updated) follows the cover;
every column starts a section whose header names the volume and the column, as printed; the
footer carries the page number.
"""

from io import BytesIO

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"


def set_east_asian_font(style_or_run, name: str, latin: str = LATIN_FONT) -> None:
    """Set the font of a style or run for Latin and East-Asian text alike."""
    font = style_or_run.font
    font.name = latin
    properties = style_or_run.element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.append(fonts)
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)


def _field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A complex field (TOC, PAGE) in ``paragraph``: begin, instruction, separate, result, end."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")  # ask Word to update the field when the file is opened
    run._r.append(begin)
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    run._r.append(text)
    run = paragraph.add_run()
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    paragraph.add_run(placeholder)
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def _styles(document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    set_east_asian_font(normal, BODY_FONT)
    normal.font.size = Pt(10.5)
    normal.paragraph_format.line_spacing = 1.5
    for name, size in (("Title", 24), ("Heading 1", 18), ("Heading 2", 14), ("Heading 3", 13)):
        style = styles[name]
        set_east_asian_font(style, HEADING_FONT)
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)
    for name in ("Subtitle",):
        set_east_asian_font(styles[name], HEADING_FONT)
    body = styles.add_style("Piece Body", 1)  # 1: paragraph style
    body.base_style = normal
    body.paragraph_format.first_line_indent = Pt(21)  # two characters of 10.5 pt
    set_east_asian_font(body, BODY_FONT)
    byline = styles.add_style("Byline", 1)
    byline.base_style = normal
    set_east_asian_font(byline, HEADING_FONT)
    unit_line = styles.add_style("Unit Line", 1)
    unit_line.base_style = normal
    unit_line.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    unit_line.font.bold = True
    set_east_asian_font(unit_line, HEADING_FONT)


def _new_section(document, header: str):
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    paragraph.text = header
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return section


def _paragraphs(document, paragraphs: list[str], style: str = "Piece Body") -> None:
    for text in paragraphs:
        document.add_paragraph(text, style=style)


def export_docx(content: dict, *, version: int | None = None, progress=None, meta: dict | None = None) -> bytes:
    document = Document()
    _styles(document)
    first = document.sections[0]
    first.page_height, first.page_width = Cm(29.7), Cm(21.0)
    first.top_margin = first.bottom_margin = Cm(2.2)
    first.left_margin = first.right_margin = Cm(1.8)
    footer = first.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(footer, "PAGE", "1")

    edition = content["edition"]
    document.core_properties.title = edition["title"]
    document.core_properties.subject = " ".join(filter(None, [edition["magazine"], edition["issue_label"]]))
    document.add_paragraph(edition["title"], style="Title")
    subtitle = " · ".join(filter(None, [edition["magazine"], edition["issue_label"]]))
    document.add_paragraph(subtitle, style="Subtitle")
    if meta:  # the version and its hash in the file's properties, never on a page
        document.core_properties.keywords = f"第{meta['number']}版; {meta['content_hash']}"
        document.core_properties.comments = f"定稿第{meta['number']}版 · 内容哈希 {meta['content_hash']}"
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("目录", style="Heading 1")
    _field(document.add_paragraph(), 'TOC \\o "1-3" \\h \\z \\u', "（打开文件后更新域以生成目录）")

    if edition["foreword"]:
        _new_section(document, "卷首语")
        document.add_paragraph("卷首语", style="Heading 1")
        _paragraphs(document, edition["foreword"])

    for volume in content["volumes"]:
        if volume["overview"]["text"]:
            heading = volume["overview"].get("heading", "综述")
            _new_section(document, f"{volume['name']} · {heading}")
            document.add_paragraph(volume["name"], style="Heading 1")
            document.add_paragraph(heading, style="Heading 2")
            text = "".join(segment["text"] for segment in volume["overview"]["segments"])
            _paragraphs(document, [line for line in text.splitlines() if line.strip()])
            _figures_table(document, volume["statistics"])
            volume_heading_done = True
        else:
            volume_heading_done = False
        for section in volume["sections"]:
            _new_section(document, f"{volume['name']} · {section['title']}")
            if not volume_heading_done:
                document.add_paragraph(volume["name"], style="Heading 1")
                volume_heading_done = True
            document.add_paragraph(section["title"], style="Heading 2")
            for index, entry in enumerate(section["entries"]):
                if index:
                    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
                _piece(document, entry)
                if progress:
                    progress(1)

    if edition["afterword"]:
        _new_section(document, "后记")
        document.add_paragraph("后记", style="Heading 1")
        _paragraphs(document, edition["afterword"])

    out = BytesIO()
    document.save(out)
    if progress:
        progress(1)
    return out.getvalue()


def _piece(document, entry: dict) -> None:
    document.add_paragraph(entry["headline"], style="Heading 3")
    if entry["subheadline"]:
        document.add_paragraph(entry["subheadline"], style="Subtitle")
    if entry["reporters"]:
        prefix = "■特约记者 " if entry["column"] in ("special", "feature") else "■"
        document.add_paragraph(prefix + "、".join(entry["reporters"]), style="Byline")
    if entry["note"]:
        document.add_paragraph("编者按：" + entry["note"], style="Byline")
    _paragraphs(document, entry["paragraphs"])
    if entry["unit_line"]:
        document.add_paragraph(entry["unit_line"], style="Unit Line")


def _figures_table(document, statistics: dict) -> None:
    rows = [
        (area["name"], practice["name"], practice["count"], practice["percent"])
        for area in statistics["areas"]
        for practice in area["practices"]
        if practice["count"]
    ]
    document.add_paragraph(f"做法采用情况（共 {statistics['total']} 家试点）", style="Byline")
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("领域", "做法", "单位数", "占比"), strict=True):
        cell.text = text
    for area, practice, count, percent in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text, cells[3].text = area, practice, str(count), f"{percent}%"
