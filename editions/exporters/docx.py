"""The issue as a Word document (python-docx), built from the same ordered content as the print HTML.

Ready in Word and WPS when opened: the styles name their East-Asian font (w:rFonts/@w:eastAsia)
and the template's theme fonts are cleared (a theme font wins over a named one), body 宋体,
headings 黑体; the document language is zh-CN; paragraphs have 0 pt after and 1.5 line spacing.
The cover is the print design's (magazine, issue, title broken at "·", publisher); the contents
are written out with their entries (TOC 1-3 paragraphs inside the TOC field) and the file asks
Word to update its fields when opened, which fills in the page numbers. Features start a new
page; short pieces (速写) run on, separated by a rule. The version and content hash are in the
file's properties only.
"""

from io import BytesIO

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .html import title_lines
from .layout import closing_line

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
LANGUAGE = "zh-CN"
RED = RGBColor(0xA8, 0x14, 0x1B)
RUN_ON_COLUMNS = ("sketch", "news")
THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _fonts_element(properties):
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.insert(0, fonts)
    return fonts


def set_east_asian_font(style_or_run, name: str, latin: str = LATIN_FONT) -> None:
    """Set the font of a style or run for Latin and East-Asian text alike, theme fonts cleared."""
    style_or_run.font.name = latin
    fonts = _fonts_element(style_or_run.element.get_or_add_rPr())
    for attribute in THEME_ATTRIBUTES:
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)


def _set_language(properties) -> None:
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), LANGUAGE)
    language.set(qn("w:eastAsia"), LANGUAGE)
    language.set(qn("w:bidi"), "ar-SA")


def _document_defaults(document) -> None:
    """zh-CN and 宋体 in the document defaults (what any unstyled run falls back to)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    if run_defaults is None:
        return
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    fonts = _fonts_element(properties)
    for attribute in THEME_ATTRIBUTES:
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:eastAsia"), BODY_FONT)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    _set_language(properties)


def _update_fields_on_open(document) -> None:
    settings = document.settings.element
    update = settings.find(qn("w:updateFields"))
    if update is None:
        update = OxmlElement("w:updateFields")
        settings.append(update)
    update.set(qn("w:val"), "true")


def _field_begin(paragraph, instruction: str) -> None:
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


def _field_end(paragraph) -> None:
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def _field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A complex field (TOC, PAGE) in ``paragraph``: begin, instruction, separate, result, end."""
    _field_begin(paragraph, instruction)
    paragraph.add_run(placeholder)
    _field_end(paragraph)


def _rule_below(paragraph) -> None:
    """A thin rule under a paragraph (between two run-on pieces)."""
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "6"), ("w:color", "888888")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    properties.append(borders)


def _styles(document) -> None:
    _document_defaults(document)
    styles = document.styles
    normal = styles["Normal"]
    set_east_asian_font(normal, BODY_FONT)
    _set_language(normal.element.get_or_add_rPr())
    normal.font.size = Pt(10.5)
    normal.paragraph_format.line_spacing = 1.5
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    for name, size in (("Title", 26), ("Heading 1", 18), ("Heading 2", 14), ("Heading 3", 13)):
        style = styles[name]
        set_east_asian_font(style, HEADING_FONT)
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.line_spacing = 1.25
    title = styles["Title"]
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    borders = title.element.get_or_add_pPr().find(qn("w:pBdr"))
    if borders is not None:  # the template's blue rule under the title
        borders.getparent().remove(borders)
    for name in ("Subtitle",):
        set_east_asian_font(styles[name], HEADING_FONT)
        styles[name].font.color.rgb = RGBColor(0x33, 0x33, 0x33)
    for level in (1, 2, 3):
        toc = styles.add_style(f"TOC {level}", 1) if f"TOC {level}" not in styles else styles[f"TOC {level}"]
        toc.base_style = normal
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        toc.paragraph_format.line_spacing = 1.2
        set_east_asian_font(toc, HEADING_FONT if level < 3 else BODY_FONT)
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
    cover = styles.add_style("Cover", 1)
    cover.base_style = normal
    cover.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_east_asian_font(cover, HEADING_FONT)


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


def _cover(document, edition: dict) -> None:
    """The print design's cover: magazine, issue label, title broken at "·", publisher."""
    magazine = document.add_paragraph(style="Cover")
    magazine.paragraph_format.space_before = Pt(60)
    run = magazine.add_run(edition["magazine"])
    run.font.size, run.font.bold, run.font.color.rgb = Pt(40), True, RED
    if edition.get("issue_label"):
        issue = document.add_paragraph(style="Cover")
        issue.add_run(edition["issue_label"]).font.size = Pt(14)
    band = document.add_paragraph(style="Cover")
    band.paragraph_format.space_after = Pt(60)
    _rule_below(band)
    title = document.add_paragraph(style="Title")
    for index, line in enumerate(title_lines(edition["title"])):
        if index:
            title.add_run().add_break()
        run = title.add_run(line)
        if index:
            run.font.color.rgb, run.font.size = RED, Pt(34)
    if edition.get("publisher"):
        publisher = document.add_paragraph(style="Cover")
        publisher.paragraph_format.space_before = Pt(90)
        publisher.add_run(edition["publisher"]).font.size = Pt(13)


def _contents(document, content: dict) -> None:
    """The TOC field with its entries written out (Word updates the page numbers on opening)."""
    document.add_paragraph("目录", style="Heading 1")
    entries: list[tuple[int, str]] = []
    if content["edition"]["foreword"]:
        entries.append((1, "卷首语"))
    for volume in content["volumes"]:
        entries.append((1, volume["name"]))
        if volume["overview"].get("paragraphs") or volume["overview"]["text"]:
            entries.append((2, volume["overview"].get("heading", "综述")))
        for section in volume["sections"]:
            entries.append((2, section["title"]))
            entries += [(3, entry["headline"]) for entry in section["entries"]]
    if content["edition"]["afterword"]:
        entries.append((1, "后记"))
    first = document.add_paragraph(style="TOC 1")
    _field_begin(first, 'TOC \\o "1-3" \\h \\z \\u')
    paragraph = first
    for index, (level, text) in enumerate(entries):
        if index:
            paragraph = document.add_paragraph(style=f"TOC {level}")
        else:
            paragraph.style = document.styles[f"TOC {level}"]
        paragraph.add_run(text)
    _field_end(paragraph)


def export_docx(content: dict, *, version: int | None = None, progress=None, meta: dict | None = None) -> bytes:
    document = Document()
    _styles(document)
    _update_fields_on_open(document)
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
    document.core_properties.language = LANGUAGE
    if meta:  # the version and its hash in the file's properties, never on a page
        document.core_properties.keywords = f"第{meta['number']}版; {meta['content_hash']}"
        document.core_properties.comments = f"定稿第{meta['number']}版 · 内容哈希 {meta['content_hash']}"
    _cover(document, edition)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _contents(document, content)

    if edition["foreword"]:
        _new_section(document, "卷首语")
        document.add_paragraph("卷首语", style="Heading 1")
        _paragraphs(document, edition["foreword"])

    for volume in content["volumes"]:
        overview = volume["overview"]
        if overview.get("paragraphs") or overview["text"]:
            heading = overview.get("heading", "综述")
            _new_section(document, f"{volume['name']} · {heading}")
            document.add_paragraph(volume["name"], style="Heading 1")
            document.add_paragraph(heading, style="Heading 2")
            if "paragraphs" in overview:
                lines = ["".join(s["text"] for s in p if not s.get("error")) for p in overview["paragraphs"]]
            else:
                lines = "".join(s["text"] for s in overview["segments"]).splitlines()
            _paragraphs(document, [line for line in lines if line.strip()])
            if volume.get("figures_table", True):
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
                if index and entry["column"] not in RUN_ON_COLUMNS:
                    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
                _piece(document, entry, rule=index + 1 < len(section["entries"]) and entry["column"] in RUN_ON_COLUMNS)
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


def _piece(document, entry: dict, *, rule: bool = False) -> None:
    document.add_paragraph(entry["headline"], style="Heading 3")
    if entry["subheadline"]:
        document.add_paragraph(entry["subheadline"], style="Subtitle")
    if entry["reporters"]:
        prefix = "特约记者 " if entry["column"] in ("special", "feature") else ""
        document.add_paragraph(prefix + "、".join(entry["reporters"]), style="Byline")
    if entry["note"]:
        document.add_paragraph("编者按：" + entry["note"], style="Byline")
    _paragraphs(document, entry["paragraphs"])
    closing = closing_line(entry)
    last = document.add_paragraph(closing, style="Unit Line") if closing else None
    if rule:  # a rule before the next short piece
        _rule_below(last if last is not None else document.paragraphs[-1])


def _figures_table(document, statistics: dict) -> None:
    rows = [
        (area["name"], practice["name"], practice["count"], practice["percent"])
        for area in statistics["areas"]
        for practice in area["practices"]
        if practice["count"]
    ]
    pieces = statistics.get("pieces") or statistics["total"]
    caption = f"做法采用情况（据本刊 {pieces} 篇稿件统计，计入 {statistics['total']} 家试点）"
    document.add_paragraph(caption, style="Byline")
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("领域", "做法", "单位数", "占比"), strict=True):
        cell.text = text
    for area, practice, count, percent in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text, cells[3].text = area, practice, str(count), f"{percent}%"
