"""Newspaper pages and web copies of articles: headline blocks, bylines, leads and page furniture.

A page holds one article or several one after another with no markup between them. What marks
an article is how newspapers print one:

- a **headline block**: one to four short lines without sentence punctuation — the main title,
  perhaps a lead-in (引题) above it or a subtitle (副题, often after "——") below it, perhaps a
  kicker naming the unit and ending in "：";
- then a **byline** on its own line ("记者X 通讯员Y", "■通讯员X", "（记者 X）") or a **lead**
  opening the first paragraph ("本报讯 记者X报道 近日……", "中工网讯 ……");
- the body, perhaps closed by a credit ("……。通讯员X 记者Y 摄", "X、Y 摄", "浙江工人日报记者X").

A headline block starts a new article when a byline or lead follows it, when it opens the page,
or when the article above was closed by a credit; anywhere else it is a subheading of the
article it stands in. Page and site furniture (banners, page labels, column tags, captions, image
lines, source and time lines, editor lines, menus, footers, ICP numbers, the metadata line) is
never part of a piece.
"""

import re
from dataclasses import dataclass, field

from .bylines import Byline, byline_line, glued_credit, lead, names_only, org_credit, trailing_credit
from .furniture import (
    BOLD_LINE,
    BREADCRUMB,
    COLUMN_TAG_MAX,
    JAMMER_LINE,
    JAMMER_TAIL,
    JUMP,
    MAX_HEADLINE_LINES,
    ORG_CREDIT,
    RELATED,
    SIGN_OFF,
    browser_titles,
    is_site_furniture,
    is_title,
    site_title,
    unflatten,
)
from .gazetteer import Gazetteer
from .headlines import (
    ORIGINAL_TITLE,
    headline_fields,
    is_headline_block,
    names_place,
    opens_like_a_lead,
    original_titles,
)
from .repair import Line, clean_text, is_furniture
from .sources import (
    Source,
    dateline_outlet,
    join_split_dates,
    meta_line,
    names_the_issue,
    page_source,
    posted_in_region,
)
from .split import Piece


@dataclass
class _Item:
    line: Line
    kind: str  # title, byline, lead, body, meta
    byline: Byline | None = None
    closes: bool = False  # a body line that ends with a credit closes its article
    source: Source | None = None  # a metadata line's outlet and date, a lead's dateline


@dataclass
class _Article:
    piece: Piece
    reporters: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    closed: bool = False
    signed_off: bool = False  # its editor's line was read: what follows belongs to the site
    opened: bool = False  # by a byline or a lead: a news item
    source: Source = field(default_factory=Source)
    photo_only: list[str] = field(default_factory=list)  # credited only for the photographs
    last_credit: list[str] | None = None  # the names of a credit just read, while no text follows it
    credited_outlet: str | None = None  # the outlet a byline prints before its roles ("某某晚报记者")

    @property
    def has_body(self) -> bool:
        return bool(self.piece.lines)

    def credit(self, byline: Byline, line: Line) -> None:
        # "摄影报道": the names reported and took the photographs; a two-line byline closed by it
        # ("记者X、Y" over "通讯员Z 摄影报道") credits the photographs to every name of both lines.
        self.credited_outlet = self.credited_outlet or byline.outlet
        reported = line.raw.rstrip().endswith("报道")
        if reported and byline.photographers and self.last_credit is not None:
            self.photographers += [name for name in self.last_credit if name not in self.photographers]
        self.last_credit = None if reported else list(byline.reporters) or None
        if byline.photographers and set(byline.reporters) <= set(byline.photographers) and not reported:
            self.photo_only += [name for name in byline.reporters if name not in self.reporters]
        else:
            self.photo_only = [name for name in self.photo_only if name not in byline.reporters]
        self.reporters += [name for name in byline.reporters if name not in self.reporters]
        self.photographers += [name for name in byline.photographers if name not in self.photographers]
        self.piece.end_line = max(self.piece.end_line, line.number)

    def add(self, line: Line) -> None:
        self.last_credit = None
        self.piece.lines.append(line)
        self.piece.end_line = max(self.piece.end_line, line.number)


_LONG_HEADLINE = 60


def _headline_over_source(items: list[_Item]) -> bool:
    """Whether the last line read, a line of text at the head of the page, is the headline its source line
    follows: no sentence in it, no byline, nothing but the site's header above it."""
    last = items[-1]
    text = last.line.text
    if last.kind != "body" or last.byline or "。" in text or len(text) > _LONG_HEADLINE:
        return False
    return all(map(_is_header, items[:-1]))


def _is_header(item: _Item) -> bool:
    """A site header's line: a short line, a date, or a run of menu words without a sentence."""
    return item.kind in ("title", "meta") or (item.kind == "body" and not _PROSE.search(item.line.text))


_PROSE = re.compile(r"[。！？；，]")
_COLUMN_TAG = re.compile(r"^[【\[](?P<tag>[^】\]]{2,8})[】\]]\s*(?P<rest>\S.*)$")


def _page_end(raw: str) -> bool:
    """A line that closes a page's article rather than starting one: the desk's line, a source or time line."""
    return bool(SIGN_OFF.match(raw)) or meta_line(raw) is not None


def _classify(lines: list[Line]) -> tuple[list[_Item], list[str]]:
    items, furniture = [], []
    titles = browser_titles(lines)
    jumped = None  # the line whose text jumps to another page ("（下转第4版）"): it closes its article
    lines = unflatten(lines)
    after, below = {}, ()  # each line's next two lines with text, read once from the bottom up
    for line in reversed(lines):
        after[line.number] = below
        below = (line.raw.strip(), *below[:1]) if line.text else below
    for line in lines:
        if jumped is not None and items and items[-1].line.number == jumped:
            items[-1].closes = True
        jumped = None
        if not line.text:
            continue
        bold = BOLD_LINE.match(line.raw)
        if bold:
            line = Line(line.number, bold["text"], clean_text(bold["text"]))  # "**标题**"
        if JAMMER_TAIL.search(line.raw):
            raw = JAMMER_TAIL.sub("", line.raw)
            line = Line(line.number, raw, clean_text(raw))
        jump = JUMP.search(line.raw)
        if jump:
            raw = (line.raw[: jump.start()] + line.raw[jump.end() :]).strip()
            if not raw:
                furniture.append(line.text)
                continue
            jumped = line.number if jump["way"] in ("下转", "转") else None
            line = Line(line.number, raw, clean_text(raw))
        raw = line.raw.strip()
        if line.number in titles:
            furniture.append(line.text)
            continue
        if RELATED.match(line.text):
            break
        if BREADCRUMB.search(raw) and not _PROSE.search(raw):
            # The page's own content starts below its breadcrumb: a site header above it (slogans, menus,
            # today's date) is furniture; above an article already read, only the short lines after it.
            header = all(map(_is_header, items))
            while items and (header or (items[-1].kind != "meta" and _is_header(items[-1]))):
                furniture.append(items.pop().line.text)
            furniture.append(line.text)
            continue
        titled = site_title(raw) if line.number not in titles else None
        if titled is not None and not meta_line(raw) and not is_site_furniture(titled[0]):
            headline, site = titled
            if raw.startswith(site):
                items.append(_Item(line, "meta", source=Source(outlet=site)))  # a repost's prefix names its outlet
            furniture.append(line.text)
            items.append(_Item(Line(line.number, headline, clean_text(headline)), "title"))
            continue
        byline = byline_line(raw)
        if byline:
            items.append(_Item(line, "byline", byline))
            continue
        names = names_only(raw)
        after_title = bool(items) and items[-1].kind in ("title", "meta")
        # Names under an article's last paragraph with nothing of the page's own below them (or only its desk's
        # and source lines) sign the article ("……精神。\n钟伟 徐晔"): a headline has a body under it.
        signs_off = bool(items) and items[-1].kind == "body" and all(map(_page_end, after[line.number]))
        if names and (
            after_title or signs_off or raw.startswith(("■", "●", "□", "◆", "（", "(")) or not is_title(line.text)
        ):
            items.append(_Item(line, "byline", names))
            continue
        if ORG_CREDIT.match(line.text):
            items.append(_Item(line, "byline", Byline()))  # "（X街道X社区工会）": a credit that closes the item
            continue
        credited = org_credit(raw)
        if credited is not None:
            items.append(_Item(line, "byline", credited))  # "（区总工会 X街道总工会）", "（X街道总工会 王明）"
            continue
        if SIGN_OFF.match(raw):
            items.append(_Item(line, "signoff"))  # the desk's line closes a web copy: below it is the site's
            furniture.append(line.text)
            continue
        source = meta_line(raw)
        if source is not None:
            if posted_in_region(raw) and items and all(map(_is_header, items)) and len(items[-1].line.text) <= 16:
                account = items.pop()  # a WeChat account's name over its time line: the outlet, not a headline
                furniture.append(account.line.text)
                source.outlet = source.outlet or account.line.text
            if items and _headline_over_source(items):
                items[-1].kind = "title"  # a long headline or one with two commas, over its source line
            items.append(_Item(line, "meta", source.byline or None, source=source))
            continue
        if is_site_furniture(raw) or is_furniture(line.text) or names_the_issue(raw):
            furniture.append(line.text)
            continue
        if JAMMER_LINE.match(raw):
            continue
        original = ORIGINAL_TITLE.match(line.text)
        if original:  # "原标题：……": a repost prints the article's own title (perhaps one of several lines)
            # the raw line keeps its key: under the page's own title it is the original's, not the headline
            items.append(_Item(Line(line.number, line.raw, clean_text(original["title"])), "title"))
            continue
        tagged = _COLUMN_TAG.match(line.text)
        if tagged and is_title(tagged["rest"]) and len(tagged["rest"]) >= 5:
            furniture.append(tagged["tag"])  # "【工会动态】标题": the column's tag before the headline
            items.append(_Item(Line(line.number, tagged["rest"], clean_text(tagged["rest"])), "title"))
            continue
        opening = lead(raw)
        if opening is not None:
            rest = Line(line.number, opening.rest, clean_text(opening.rest))
            items.append(_Item(rest, "lead", opening.byline, source=Source(outlet=dateline_outlet(opening.dateline))))
            continue
        closing = trailing_credit(raw) or glued_credit(raw)
        if closing is not None:
            body, byline = closing
            items.append(_Item(Line(line.number, body, clean_text(body)), "body", byline, closes=True))
            continue
        items.append(_Item(line, "title" if is_title(line.text) else "body"))
    if jumped is not None and items and items[-1].line.number == jumped:
        items[-1].closes = True
    return items, furniture


# A deck (副题) states who did what: it opens with a place or a union and carries a news verb.
_REPEAT_MIN = 20  # a paragraph, not a short line a page may well print twice ("活动现场。", a caption)


def _without_repeats(lines: list[Line]) -> list[Line]:
    """The page's lines with a paragraph it prints a second time read as blank: e-paper and reposted copies print
    an article's text twice ("本报讯…" / "近年来…" again under it), which is one article, not two."""
    seen: set[str] = set()
    kept = []
    for line in lines:
        text = line.text.strip()
        if len(text) >= _REPEAT_MIN and text in seen:
            line = Line(line.number, "", "")
        seen.add(text)
        kept.append(line)
    return kept


def split_newspaper(lines: list[Line], gazetteer: Gazetteer) -> tuple[list[Piece], list[str]]:
    lines = _without_repeats(join_split_dates(lines))
    items, furniture = _classify(lines)
    page = page_source([line.raw for line in lines])
    pending: Source | None = None  # a source line met before its article's headline
    pending_credit: tuple | None = None  # and the byline it carries ("来源：某某日报 记者 王明")
    furniture_text = [text.replace(" ", "") for text in furniture]
    articles: list[_Article] = []
    current: _Article | None = None

    def start(first: Line, block: list[Line] | None = None, over_source: bool = False) -> _Article:
        head = headline_fields(block, furniture_text, gazetteer, over_source) if block else {"start": first.number}
        nonlocal pending, pending_credit
        piece = Piece("article", head["start"], first.number, [])
        piece.headline, piece.subheadline, piece.kicker = head.get("headline"), head.get("subheadline"), None
        piece.kicker = head.get("kicker")
        article = _Article(piece)
        if pending is not None:
            article.source.fill(pending)
            pending = None
        if pending_credit is not None:
            article.credit(*pending_credit)  # a page printed without a headline opens on its source line's byline
            pending_credit = None
        if current is not None and not current.has_body:
            # a header read as a headline with no text under it (a forum's post bar, a site's menu over
            # the source line): what its source line states is the next article's
            article.source.fill(current.source)
        articles.append(article)
        return article

    i = 0
    while i < len(items):
        item = items[i]
        if item.kind == "signoff":
            if current is not None and current.has_body:
                current.signed_off = current.closed = True
            i += 1
            continue
        if current is not None and current.signed_off and item.kind in ("title", "body"):
            # Below an editor's line only a new article (a headline over a byline or lead) is read.
            j = i
            while j < len(items) and items[j].kind == "title":
                j += 1
            if j < len(items) and j > i and items[j].kind in ("byline", "lead", "meta"):
                current = None  # fall through: the headline block opens the next article
            else:
                i = max(j, i + 1)
                continue
        if item.kind == "title":
            j = i
            while j < len(items) and items[j].kind == "title":
                j += 1
            # A longer run of short lines is a menu or a list over the headline: its last lines are
            # the headline block; the lines above it are furniture before any article, else text.
            if j - i > MAX_HEADLINE_LINES:
                if current is not None and not current.closed:
                    for extra in items[i : j - MAX_HEADLINE_LINES]:
                        current.add(extra.line)
                i = j - MAX_HEADLINE_LINES
            block = [it.line for it in items[i:j]]
            following = items[j] if j < len(items) else None
            originals = original_titles(block) if current is not None and not current.has_body else None
            if originals and current.piece.headline:  # "原标题：……" under the page's title and source: a subtitle
                current.piece.subheadline = " ".join(filter(None, [current.piece.subheadline, originals]))
                i = j
                continue
            if following is None:
                break  # titles after the last article ("媒体矩阵", "相关新闻") are site furniture
            opens = following.kind in ("byline", "lead", "meta")
            if following.kind == "body" and current is not None and current.has_body:
                # Inside an article, short lines over a paragraph are its subheadings unless the
                # paragraph opens like the next news item (a date, "近日", a union with its place).
                news = opens_like_a_lead(following.line.text, gazetteer)
                headed = is_headline_block(block) or names_place(block[-1].text, gazetteer)
                opens = opens or (news and (current.opened or headed))
            elif following.kind == "body":
                # a column's name read as the headline over the date line: the real headline follows it
                column = current.piece.headline if current is not None else None
                tagged = bool(column) and len(column) <= COLUMN_TAG_MAX < len(block[-1].text)
                opens = opens or is_headline_block(block) or tagged
            if following.kind != "title" and (current is None or current.closed or opens):
                current = start(block[-1], block, over_source=following.kind == "meta")
                current.piece.end_line = block[-1].number
            else:
                for line in block:
                    current.add(line)  # subheadings inside the article
            i = j
            continue
        if item.kind == "meta":
            if current is None:
                pending = item.source if pending is None else _merged(pending, item.source)
                if item.byline and pending_credit is None:
                    pending_credit = (item.byline, item.line)
            elif not current.has_body:
                current.source.fill(item.source)
                if item.byline:
                    current.credit(item.byline, item.line)
            elif current.signed_off:
                current.source.fill(item.source)  # "责任编辑：X" over "来源：Y": the copy's own source
            elif current.closed:
                pending = item.source  # the next article's
            else:
                current.source.fill(item.source)  # a source line closing the article ("来源:X")
                if item.byline and not current.reporters:
                    current.credit(item.byline, item.line)  # "来源:X 作者:Y 编辑:Z" closing a site's item
            i += 1
            continue
        if item.kind == "byline":
            following = items[i + 1] if i + 1 < len(items) else None
            reports = item.line.raw.rstrip().endswith("报道")
            if current is None or (current.has_body and reports and following and following.kind == "body"):
                current = start(item.line)  # a byline opening an article whose headline was lost
            repeated = bool(item.byline.reporters) and set(item.byline.reporters) <= set(current.reporters)
            current.credit(item.byline, item.line)
            if current.has_body and not repeated:
                current.closed = True  # a byline after the body closes the article (a repeat does not)
            elif not current.has_body:
                current.opened = True
            i += 1
            continue
        if item.kind == "lead":
            if current is None or current.has_body:
                current = start(item.line)
            current.source.fill(item.source)
            current.credit(item.byline, item.line)
            current.opened = True
            if item.line.text:
                current.add(item.line)
            i += 1
            continue
        if current is None:
            current = start(item.line)
        current.add(item.line)
        if item.byline:
            current.credit(item.byline, item.line)
        current.closed = item.closes
        i += 1

    pieces = []
    for article in articles:
        if not article.has_body or _menu_only(article):
            continue
        piece = article.piece
        # A photo credit is a byline only of a photo story: beside a text byline its names are photographers; an
        # item whose only credit is a photo credit without a role ("王磊 摄") was reported by them too.
        writers = [name for name in article.reporters if name not in article.photo_only]
        piece.reporter = "、".join(writers or article.reporters or article.photographers) or None
        piece.photographers = article.photographers
        piece.lead_text = next((line.text for line in piece.lines if not is_title(line.text)), None)
        article.source.fill(page)
        article.source.fill(Source(outlet=article.credited_outlet))
        piece.outlet, piece.page, piece.date = article.source.outlet, article.source.page, article.source.date
        pieces.append(piece)
    return pieces, []


def _merged(first: Source, second: Source) -> Source:
    merged = Source(first.outlet, first.page, first.date)
    merged.fill(second)
    return merged


def _menu_only(article: _Article) -> bool:
    """A run of menu words with no headline, byline or sentence: a site's header, not an article."""
    if article.piece.headline or article.reporters or article.photographers or article.opened:
        return False
    return not any(_PROSE.search(line.text) for line in article.piece.lines)
