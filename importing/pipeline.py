"""From a file's bytes to the pieces it holds, with everything each piece states (no database writes)."""

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from pilots.models import UnitKind
from pilots.text import MASTHEAD
from pilots.vocabulary import positions_in, practices_in

from .decode import ImportInputError, decode_source
from .extract import figures_in
from .furniture import from_web_markdown, is_web_markdown
from .gazetteer import _NOT_A_NAME, Gazetteer
from .naming import facilities_last, firm_union, founding_place, union_site_street, units_named
from .newspaper import split_newspaper
from .repair import full_width_punctuation, join_body, read_lines
from .split import Piece, articles_marked, detect_format, join_title_blocks, split_articles, split_compilation

FORMATS = ("auto", "compilation", "article")
_ISSUE_YEAR = re.compile(r"^(?P<year>20\d\d)年第[\d\-—－]+期$")
_MENTION = re.compile(r"[\u4e00-\u9fff（）]{2,30}?(?:总工会|工会联合会|工会)")


@dataclass
class ParsedPiece:
    """One piece as the importer read it; ``as_json`` is the contract of ``import_cases --json``."""

    section: str
    unit_name: str | None
    city: str | None
    county: str | None
    street: str | None
    unit_kind: str | None
    headline: str | None
    subheadline: str | None
    reporter: str | None
    body: str
    start_line: int
    end_line: int
    indicators: list = field(default_factory=list)
    positions: list = field(default_factory=list)
    practices: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    photographers: list = field(default_factory=list)
    unit_names: list = field(default_factory=list)
    outlet: str | None = None
    page: str | None = None
    date: str | None = None  # ISO date the source states; None when it states none
    kicker: str | None = None

    @property
    def reporters(self) -> list[str]:
        return [name for name in (self.reporter or "").split("、") if name]

    def as_json(self) -> dict:
        return {
            "unit_name": self.unit_name,
            "unit_names": self.unit_names or ([self.unit_name] if self.unit_name else []),
            "city": self.city,
            "county": self.county,
            "street": self.street,
            "unit_kind": self.unit_kind,
            "section": self.section,
            "headline": self.headline,
            "subheadline": self.subheadline,
            "kicker": self.kicker,
            "reporter": self.reporter,
            "reporters": self.reporters,
            "photographers": self.photographers,
            "outlet": self.outlet,
            "page": self.page,
            "date": self.date,
            "body": self.body,
            "start_line": self.start_line,
            "end_line": self.end_line,
            "indicators": [figure.as_json() for figure in self.indicators],
            "positions": self.positions,
            "practices": self.practices,
        }


@dataclass
class ParsedFile:
    name: str
    sha256: str
    encoding: str
    format: str
    year: int | None
    pieces: list[ParsedPiece]
    warnings: list[str]
    volume: str = ""
    publication: str = ""
    text: str = ""  # the decoded text, kept with the import for the review screen


def parse_source(data: bytes, *, name: str, fmt: str = "auto", gazetteer: Gazetteer) -> ParsedFile:
    """Decode, repair, split and extract one file; raises ImportInputError when nothing can be read."""
    decoded = decode_source(data, name=name)
    lines = read_lines(decoded.text)
    if is_web_markdown(lines):
        lines = from_web_markdown(lines)  # a reader tool's Markdown of a web page: read as the page's text
    chosen = detect_format(lines, gazetteer) if fmt == "auto" else fmt
    if chosen == "compilation":
        splitter = split_compilation
    else:
        splitter = split_articles if articles_marked(lines, gazetteer) else split_newspaper
    pieces, warnings = splitter(lines, gazetteer)
    pieces = join_title_blocks(pieces)
    year = _publication_year(lines)
    parsed = [_extract(piece, gazetteer, year, decoded.text) for piece in pieces]
    if not any(piece.unit_name or piece.section == "overview" or _about_a_union(piece) for piece in parsed):
        raise ImportInputError(f"{name}：没有找到可识别的案例（既没有栏目、署名，也没有以单位名称标识的文章）。")
    return ParsedFile(
        name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=decoded.encoding,
        format=chosen,
        year=year,
        pieces=parsed,
        warnings=warnings + [w for piece in parsed for w in piece.warnings],
        volume=_volume(lines),
        publication=_masthead(lines),
        text=decoded.text,
    )


def _masthead(lines) -> str:
    """The publication a compilation's running head names ("浙江工运 Labour Movement of Zhejiang" → 浙江工运):
    the masthead printed most often, if it is printed on more than one page."""
    names = Counter(match["name"] for line in lines if (match := MASTHEAD.match(line.text)))
    name, count = names.most_common(1)[0] if names else ("", 0)
    return name if count >= 2 else ""


_VOLUMES = {"乡镇振兴篇": "townships", "街道活力篇": "streets", "新业态探索篇": "new_forms"}


def _volume(lines) -> str:
    """The volume of the special issue, from its running head (街道活力篇)."""
    heads = Counter(line.text for line in lines if line.text in _VOLUMES)
    return _VOLUMES[heads.most_common(1)[0][0]] if heads else ""


_ANY_YEAR = re.compile(r"(20[0-4]\d)年")


def _publication_year(lines) -> int | None:
    """The issue's year ("2018年第5-6期"), else the latest year the text mentions, else None."""
    for line in lines:
        match = _ISSUE_YEAR.match(line.text)
        if match:
            return int(match["year"])
    years = [int(year) for line in lines for year in _ANY_YEAR.findall(line.text)]
    return max(years) if years else None


_BARE_STREET_UNIT = re.compile(r"(?P<street>[\u4e00-\u9fff]{2,4}?(?:街道|镇|乡))(?:总工会|工会)")


def mentioned_unit(text: str, gazetteer: Gazetteer):
    """The first unit a text names with its place (温岭市城东街道总工会), or None.

    Failing that, a street's federation named without its place ("城东街道总工会") is placed in
    the first county the text names.
    """
    for match in _MENTION.finditer(text):
        candidate = match.group(0)
        for offset in range(len(candidate) - 3):
            if gazetteer.starts_with_place(candidate[offset:]):
                unit = gazetteer.parse_unit(candidate[offset:])
                if unit is not None:
                    return unit
                break
    county = gazetteer.first_county_in(text)
    bare = _BARE_STREET_UNIT.search(text)
    if county and bare:
        return gazetteer.parse_unit(f"{county}{bare['street']}总工会")
    return None


def _article_unit(text: str, gazetteer: Gazetteer):
    """The unit an article without a unit line is about.

    The first unit named with its place, unless the article names a street of that county (one
    the gazetteer knows) at least as often as the federation itself: then it is about that
    street's federation ("……与城东街道……" in a report of 温岭市总工会's pilot in 城东).
    """
    unit = mentioned_unit(text, gazetteer)
    if unit is None or unit.county is None or unit.street:
        return unit
    counts = Counter({street: text.count(street) for street in gazetteer.streets.get(unit.county, ())})
    if counts:
        street, count = counts.most_common(1)[0]
        if count and count >= text.count(unit.name):
            return gazetteer.parse_unit(f"{unit.county}{street}总工会") or unit
    return unit


_SENTENCE_MARKS = re.compile(r"[。！？；]")
# How specific a unit is: a community or enterprise union names less ground than a street's
# federation, which names less than a county's, which names less than a city's.
_SPECIFICITY = {"county_federation": 3, "city_federation": 4, "street_federation": 2, "township_federation": 2}


def _specificity(unit) -> int:
    if unit.name.startswith("浙江"):
        return 3  # named after the province, placed only by the article: not the ground it is about
    if unit.kind in _SPECIFICITY:
        return _SPECIFICITY[unit.kind]
    return 1 if unit.street or unit.county else 3


_BARE_FEDERATION = re.compile(
    r"(?P<level>[市县区])总工会|(?P<circle>[\u4e00-\u9fff]{2,8}?)(?P<kind>商圈|楼宇)"
    # a city's industry or enterprise union named without the city ("市建设工会", "市水务集团工会")
    r"|(?:^|(?<=[，。；：、\s“（(])|(?<=来自))市(?P<org>[\u4e00-\u9fff]{2,8}?)工会"
)


def _name_before(text: str) -> str | None:
    """The proper name ending a phrase ("来自丽园尚都" → 丽园尚都): verbs and particles before it dropped."""
    import jieba.posseg

    words = list(jieba.posseg.cut(text))
    while words and (words[0].flag[:1] in ("v", "p", "u", "d", "r", "c", "m", "q") or len(words[0].word) == 1):
        words.pop(0)
    name = "".join(w.word for w in words)
    return name if len(name) >= 2 else None


_CLUSTER_UNION = re.compile(r"(?:商圈|楼宇)(?:联合)?工会")


def _places_in(text: str, gazetteer: Gazetteer) -> tuple[list[str], list[str]]:
    """Cities and county-level divisions a text names, in order of first mention (short forms too)."""
    found_cities, found_counties = [], []
    for full in gazetteer.cities:
        short = full[:-1] if full.endswith("市") else full
        at = [i for i in (text.find(full), text.find(short) if len(short) >= 2 else -1) if i >= 0]
        if at:
            found_cities.append((min(at), full))
    for name, (_, county) in gazetteer.counties.items():
        short = name[:-1] if name.endswith(("市", "县", "区")) and len(name) >= 3 else name
        at = [i for i in (text.find(name), text.find(short)) if i >= 0]
        if at:
            found_counties.append((min(at), county))
    return [c for _, c in sorted(found_cities)], list(dict.fromkeys(c for _, c in sorted(found_counties)))


def _ends_a_word(text: str, index: int) -> bool:
    """Whether the character at ``index`` ends a longer word of the segmenter ("滁州市", "全市")."""
    import jieba  # loaded on first use

    line_start = text.rfind("\n", 0, index) + 1
    at = line_start
    for token in jieba.cut(text[line_start : index + 1], HMM=False):
        if at <= index < at + len(token):
            return len(token) > 1 and at < index
        at += len(token)
    return False


def bare_units(text: str, page_text: str, gazetteer: Gazetteer) -> list:
    """Unions an article names without their place ("市总工会", "县总工会", "商圈工会"), placed by
    the places the article and its page name (the dateline, the outlet: "松阳新闻网", "宁波晚报")."""
    cities, counties = _places_in(text + "\n" + page_text, gazetteer)
    cities = cities or [gazetteer.counties[c][0] for c in counties[:1] if c in gazetteer.counties]  # its city
    found = []
    for match in _BARE_FEDERATION.finditer(text):
        printed = None
        if match["level"] and _ends_a_word(text, match.start()):
            continue  # "滁州市总工会", "全市总工会": the level ends a place or a word, not a bare federation
        if match["org"]:
            org = match["org"]
            if not org.endswith(("总", "联合")) and not _NOT_A_NAME.search(org) and cities:
                printed = f"{cities[0]}{org}工会"
        elif match["level"] == "市":
            county_cities = [c for c in counties if c.endswith("市")]
            printed = f"{county_cities[0]}总工会" if county_cities else (f"{cities[0]}总工会" if cities else None)
        elif match["level"]:
            near = [c for c in counties if c.endswith(match["level"])]
            printed = f"{near[0]}总工会" if near else None
        elif (
            match["circle"]
            and _CLUSTER_UNION.search(text)
            and counties
            and not any(u.kind == "building_union" for u in found)
        ):
            circle = _name_before(match["circle"])
            printed = f"{counties[0]}{circle}{match['kind']}工会" if circle else None
        unit = gazetteer.parse_unit(printed) if printed else None
        if unit is not None:
            unit = gazetteer.canonical(unit)
            if unit.name not in {u.name for u in found}:
                found.append(unit)
    return found


def article_units(piece: Piece, body: str, gazetteer: Gazetteer, page_text: str = "") -> list:
    """The units an article is about, its main unit first.

    The most specific union organisation named in the kicker, headline and lead is the main unit;
    when those name none the body decides. The other units named follow.
    """
    lead = piece.lead_text or next((line.text for line in piece.lines if _SENTENCE_MARKS.search(line.text)), "")
    title = "\n".join(part for part in (piece.kicker, piece.headline, piece.subheadline) if part)
    head = "\n".join(part for part in (title, lead) if part)
    # The page's source line and dateline place a bare name last; the county its outlet is named
    # after ("江北人民政府网", "海曙客户端") after them.
    outlet = outlet_counties(piece.outlet, page_text, gazetteer)
    # A county printed short ("富阳迎来高温") where the page names its city too places a bare name last.
    cities, counties = _places_in(f"{piece.headline or ''}\n{body}\n{page_text}", gazetteer)
    short = "".join(f"\n{c}" for c in counties if gazetteer.counties.get(c, ("",))[0] in cities)
    context = f"{head}\n{body}\n{page_text}\n{outlet}{short}"  # a street's union only: not a community's
    article = f"{head}\n{body}"  # a community's union is placed by its own article first, the page after
    in_title = units_named(title, gazetteer, context=context, article=article, outlet=outlet) if title else []
    in_head = units_named(head, gazetteer, context=context, article=article, outlet=outlet)
    in_body = units_named(body, gazetteer, context=context, article=article, outlet=outlet)
    if not in_head and not in_body:
        # Unions named without their place are read in the article; its page only places them (a
        # site's footer naming its sponsor, "主办单位:杭州市总工会", is not the article's union).
        in_body = bare_units(article, page_text, gazetteer)
    if not in_head and not in_body:
        in_body = _centre_federation(article, gazetteer)
    if not in_head and not in_body:
        # Nothing places the article's unions: a well-formed street's, township's or community's
        # union is proposed as printed (新单位 without a place; the editor gives it on accepting).
        in_title = units_named(title, gazetteer, context=context, article=article, unplaced=True, outlet=outlet)
        in_head = units_named(head, gazetteer, context=context, article=article, unplaced=True, outlet=outlet)
        in_body = units_named(body, gazetteer, context=context, article=article, unplaced=True, outlet=outlet)
    if not in_head and not in_body:
        in_body = firm_union(article, gazetteer) or union_site_street(title, piece.outlet, outlet, gazetteer)
    in_body = in_body or ([] if in_head else founding_place(article, gazetteer))
    # The title's union leads ("浙江象山县总工会为渔民排忧解难" over a fishing union of the lead); a
    # title naming a street or township without its union ("西门街道各级工会…") is about its federation.
    first = sorted(in_title or in_head or in_body, key=_specificity)
    first = facilities_last(first, article, gazetteer, context=context, article=article, outlet=outlet)
    if not in_title and not in_head and first and first[0].kind in (UnitKind.COMMUNITY_UNION, UnitKind.VILLAGE_UNION):
        # A lead naming the street where it happened ("在小港街道便民服务中心门口…") is about that street's
        # federation, which the article names, over a community's union that joined in.
        street_fed = [u for u in in_body if u.kind in _STREET_KINDS and u.street and u.street in lead]
        if street_fed:
            first = street_fed[:1] + [u for u in first if u.name != street_fed[0].name]
    if not in_title and title:
        # Else a union the title names without its place ("市总工会领导考察…" on a county-level city's site).
        federation = (
            _title_federation(title, article, page_text, gazetteer, context, in_head + in_body)
            or _title_place_federation(title, in_head + in_body, gazetteer)
        ) or next(iter(bare_units(title, f"{body}\n{page_text}", gazetteer)), None)
        if federation is not None:
            first = [federation] + [u for u in first if u.name != federation.name]
    rest = [unit for unit in in_head + in_body if unit.name not in {u.name for u in first}]
    if not in_title:
        first = _hosts_first(first, article, gazetteer, context, outlet)
    # A city's industry unions named without the city beside its federation ("来自市金融工会、市教育工会的职工").
    rest += [u for u in bare_units(article, page_text, gazetteer) if u.kind in _CITY_BODY_KINDS]
    found = list({unit.name: unit for unit in first + rest}.values())
    return [unit for unit in found if not any(_short_form(unit, other) for other in found)]


# "由A、B主办，C、D承办": the unions that host an event lead those that only carry it out (承办, 协办).
_CARRIED_OUT = re.compile(r"承办|协办")
_CLAUSES = re.compile(r"[^。；！？\n]+")


def _hosts_first(units: list, article: str, gazetteer: Gazetteer, context: str, outlet: str) -> list:
    """The units in order with the hosts of an event the article names before the unions that carry it out."""

    def named(text: str) -> set[str]:
        return {u.name for u in units_named(text, gazetteer, context=context, article=article, outlet=outlet)}

    hosts, doers = set(), set()
    for sentence in _CLAUSES.findall(article):
        hosted = sentence.find("主办")
        carried = _CARRIED_OUT.search(sentence, hosted + 2) if hosted >= 0 else None
        if carried is not None:
            hosts |= named(sentence[:hosted])
            doers |= named(sentence[hosted + 2 : carried.start()])
    if not hosts & {u.name for u in units}:
        return units
    return sorted(units, key=lambda u: u.name in doers and u.name not in hosts)


_STREET_IN_TITLE = re.compile(r"(?P<head>[\u4e00-\u9fff]{2,3}?)(?P<level>街道|镇|乡)")


_STREET_KINDS = (UnitKind.STREET_FEDERATION, UnitKind.TOWNSHIP_FEDERATION)
_CITY_BODY_KINDS = (UnitKind.INDUSTRY_UNION,)  # "市金融工会" (a firm's "市…工会" may be a sentence: 市民卡作为工会)


def _title_place_federation(title: str, named: list, gazetteer: Gazetteer):
    """The federation of the city or county a title names without a union ("杭州165家‘爱心驿家’开门了"), when
    the article names it ("杭州市总工会启动了……"): a street's union given as an example does not lead it."""
    if _STREET_IN_TITLE.search(title) or "工会" in title or not named:
        return None  # a title naming a street or a union is read by the rules above
    cities, counties = _places_in(title, gazetteer)
    for unit in named[:1]:  # the union the article names first, its subject
        if unit.kind == UnitKind.CITY_FEDERATION and unit.city in cities and not counties:
            return unit
        if unit.kind == UnitKind.COUNTY_FEDERATION and unit.county in counties:
            return unit
    return None


# A city's or county's workers' service centre or workers' palace, run by its federation of unions.
_UNION_CENTRE = re.compile(r"职工服务中心|工人文化宫")


def _centre_federation(article: str, gazetteer: Gazetteer) -> list:
    """The federation whose service centre an article that names no union is about ("金华市职工服务中心…")."""
    places = sorted((*gazetteer.cities, *gazetteer.counties), key=len, reverse=True)
    for match in _UNION_CENTRE.finditer(article):
        before = article[max(0, match.start() - 8) : match.start()]
        place = next((name for name in places if before.endswith(name)), None)
        unit = gazetteer.parse_unit(f"{place}总工会") if place else None
        if unit is not None:
            return [gazetteer.canonical(unit)]
    return []


def _title_federation(title: str, article: str, page_text: str, gazetteer: Gazetteer, context: str, named=()):
    """The federation of the street or township a title names without its union ("西门街道各级工会开展…"),
    when the article or its page (a credit, the site's column) names that federation. A federation the
    article names with its place ("余姚阳明街道…" over "余姚阳明街道总工会") is that one, not a name cut short."""
    for match in _STREET_IN_TITLE.finditer(title):
        federation = f"{match['head']}{match['level']}总工会"
        placed = [u for u in named if u.street and u.kind in _SPECIFICITY and federation.endswith(u.street + "总工会")]
        if placed and (federation in article or federation in page_text):
            return placed[0]
        if federation in article or federation in page_text:
            found = units_named(federation, gazetteer, context=context, article=article, unplaced=True)
            if found:
                return found[0]
    return None


_SOURCE_FIELD = re.compile(r"(?:来源|稿源|出处)\s*[:：]\s*(?P<source>[\u4e00-\u9fff（）()]{2,20})")
_SITE_CRUMB = re.compile(
    r"(?:您的位置|当前位置|您当前的位置|现在的位置)\s*[:：]\s*(?:首页\s*[>＞]\s*)?(?P<source>[\u4e00-\u9fff]{2,8})\s*[>＞]"
)
_OUTLET_BEFORE_BAR = re.compile(r"^(?P<source>[\u4e00-\u9fff]{2,8}?(?:客户端|新闻网|发布|日报|晚报))\s*[|｜]", re.M)
_OUTLET_NAME = re.compile(r"^(?P<place>[\u4e00-\u9fff]{2,5}?)(?:新闻网|新闻|客户端|发布|日报|晚报|人民政府网?|融媒|网)")


def outlet_counties(outlet: str | None, page_text: str, gazetteer: Gazetteer) -> str:
    """The counties the article's outlet, and its page's source fields, are named after, in full
    ("江北人民政府网" → 江北区, "海曙客户端" → 海曙区): the outlet's county places a bare street's union."""
    sources = [outlet or "", *(m["source"] for m in _SOURCE_FIELD.finditer(page_text))]
    sources += [m["source"] for m in _OUTLET_BEFORE_BAR.finditer(page_text)]  # "海曙客户端 | 标题"
    sources += [m["source"] for m in _SITE_CRUMB.finditer(page_text)]  # "您的位置: 某某网 > 新闻中心 >"
    found = []
    for source in sources:
        match = _OUTLET_NAME.match(source)
        place = match["place"] if match else ""
        for name in (place, place[:2]):
            full = name if name in gazetteer.counties else gazetteer.short_counties.get(name)
            if full and full not in found:
                found.append(full)
                break
    return "\n".join(found)


def _short_form(unit, other) -> bool:
    """Whether ``unit`` is a short form of ``other`` named in the same article ("衢州市公路局工会" of
    "衢州市公路管理局工会"): the same places and kind, its characters all in the longer name, in order."""
    if (unit.city, unit.county, unit.street, unit.kind) != (other.city, other.county, other.street, other.kind):
        return False
    if len(unit.name) >= len(other.name):
        return False
    rest = iter(other.name)
    return all(char in rest for char in unit.name)


def _extract(piece: Piece, gazetteer: Gazetteer, year: int | None, page_text: str = "") -> ParsedPiece:
    body = join_body(piece.lines)
    unit = gazetteer.parse_unit(piece.unit_name) if piece.unit_name else None
    units = [unit] if unit else []
    if piece.section == "article":
        named = article_units(piece, body, gazetteer, page_text)
        if unit is None:
            units = named
            unit = named[0] if named else None
        else:
            units += [u for u in named if u.name != unit.name and gazetteer.canonical(unit).name != u.name]
    warnings = list(piece.warnings)
    if unit is None and piece.section != "overview":
        warnings.append(f"第{piece.start_line}–{piece.end_line}行：没有识别出所属单位。")
    figures = figures_in([(line.number, line.text) for line in piece.lines], default_year=year)
    return ParsedPiece(
        section=piece.section,
        unit_name=unit.name if unit else None,
        city=unit.city if unit else None,
        county=unit.county if unit else None,
        street=unit.street if unit else None,
        unit_kind=unit.kind if unit else None,
        headline=_typeset(piece.headline),
        subheadline=_typeset(piece.subheadline),
        reporter=piece.reporter,
        photographers=list(piece.photographers),
        unit_names=[u.name for u in units],
        outlet=piece.outlet,
        page=piece.page,
        date=piece.date,
        kicker=_typeset(piece.kicker),
        body=body,
        start_line=piece.start_line,
        end_line=piece.end_line,
        indicators=figures,
        positions=positions_in(body),
        practices=practices_in(body) if piece.section != "overview" else [],
        warnings=warnings,
    )


def _typeset(title: str | None) -> str | None:
    """A title with the punctuation a body gets: a web copy's "浙江湖州:为…" is "浙江湖州：为…"."""
    return full_width_punctuation(title) if title else title


def _about_a_union(piece: "ParsedPiece") -> bool:
    """An article with a headline or a byline about a union whose name the importer could not place: kept as a
    piece (the editor gives its unit on the review screen), not a reason to drop the whole page."""
    signed = bool(piece.headline) or bool(piece.reporter)  # a byline opening a copy whose headline was lost
    return piece.section == "article" and signed and ("工会" in piece.body or (piece.outlet or "").endswith("工会"))


def read_source(path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportInputError(f"{path}：无法读取文件（{exc.strerror}）。") from exc
