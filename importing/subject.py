"""Which unions an article is about, its main unit first: the title's subject, the lead, the body, the
places its page and outlet name (the pipeline reads an article's units here)."""

import re

from pilots.models import UnitKind

from .credits import credited_union
from .evidence import first_mention, places_in, streets_printed, weigh
from .gazetteer import _NOT_A_NAME, Gazetteer, UnitName
from .implied import firm_union, founding_place, union_site_street
from .naming import (
    _first_city,
    facilities_last,
    proper_name_before,
    units_named,
)
from .split import _CAPTION, Piece

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


def _township_counties(text: str, page_text: str, gazetteer: Gazetteer) -> list[str]:
    """The county of the streets and townships a text names, where they all lie in one county."""
    context = f"{text}\n{page_text}"
    counties = {gazetteer.street_county(street, context) for street in streets_printed(text, gazetteer)}
    return list(counties) if len(counties) == 1 and None not in counties else []


_BUILDING_OR_ROAD = r"(?=大厦|大酒店|酒店|饭店|宾馆|商场|广场|大道|路|街(?!道))"


def _buildings_out(text: str, gazetteer: Gazetteer) -> str:
    """The text with the cities' names that name a building or a road ("杭州大厦", "温州路") blanked."""
    shorts = "|".join(city.removesuffix("市") for city in gazetteer.cities)
    return re.sub(rf"(?:{shorts}){_BUILDING_OR_ROAD}", lambda m: "□" * len(m[0]), text)


def _without_place(name: str | None, county: str) -> str | None:
    """A phrase's name without the county printed before it, whole or cut by the segmenter ("曙区江厦街道天一" after
    海曙区 → 江厦街道天一)."""
    if name is None:
        return None
    for at in range(len(county) - 1):
        if len(county) - at >= 2 and name.startswith(county[at:]):
            return name[len(county) - at :] or None
    return name


def bare_units(text: str, page_text: str, gazetteer: Gazetteer) -> list:
    """Unions an article names without their place ("市总工会", "县总工会", "商圈工会"), placed by
    the places the article and its page name (the dateline, the outlet: "松阳新闻网", "宁波晚报")."""
    # A city's name in a building's or a road's ("杭州大厦", "温州路") places nothing.
    cities, counties = places_in(_buildings_out(text, gazetteer) + "\n" + page_text, gazetteer)
    # No county printed: the one the towns and streets it names lie in ("新市镇" → 德清县), by the province's list.
    counties = counties or _township_counties(text, page_text, gazetteer)
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
            # A county-level city only the page names (another article's) gives way to the city the article names.
            own_cities, own_counties = places_in(text, gazetteer)
            county_cities = [c for c in (own_counties if own_cities else counties) if c.endswith("市")]
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
            circle = _without_place(_name_before(match["circle"]), counties[0])
            after = text[match.end() : match.end() + 5]  # "商圈工会", "商圈联合工会", "商圈工会联合会" as printed
            suffix = next((form for form in ("联合工会", "工会联合会") if after.startswith(form)), "工会")
            printed = f"{counties[0]}{circle}{match['kind']}{suffix}" if circle else None
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
    cities, counties = places_in(f"{piece.headline or ''}\n{body}\n{page_text}", gazetteer)
    short = "".join(f"\n{c}" for c in counties if gazetteer.counties.get(c, ("",))[0] in cities)
    # The outlet's county before the body's: a county the body names for another example places no bare street.
    context = f"{head}\n{outlet}\n{body}\n{page_text}\n{short}"  # a street's union only: not a community's
    article = f"{head}\n{body}"  # a community's union is placed by its own article first, the page after
    in_title = units_named(title, gazetteer, context=context, article=article, outlet=outlet) if title else []
    in_head = units_named(head, gazetteer, context=context, article=article, outlet=outlet)
    in_body = units_named(body, gazetteer, context=context, article=article, outlet=outlet)
    if not in_head and not in_body:
        in_body = _caption_units(piece, article, gazetteer, context, outlet, page_text)
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
    if not in_head and not in_body:
        in_body = implied_federation(title, lead, article, gazetteer, f"{page_text}\n{outlet}")
    # The title's union leads ("浙江象山县总工会为渔民排忧解难" over a fishing union of the lead); a
    # title naming a street or township without its union ("西门街道各级工会…") is about its federation.
    first = sorted(in_title or in_head or in_body, key=_specificity)
    if not in_title and in_head:
        # No title names a union: the lead's subject, the union it names first, leads over a more specific one it
        # names after ("某某街道总工会联合街道新就业形态联合工会…": the street's federation acts).
        first = sorted(in_head, key=lambda u: (first_mention(u, head), _specificity(u)))
    if not in_title and not in_head and len(first) > 1:
        # Only the body names unions: of the most specific, the one it prints most often leads (an example cited once
        # before the article's own union does not).
        first = sorted(first, key=lambda u: (_specificity(u), -_times_printed(u, article)))
    first = facilities_last(first, article, gazetteer, context=context, article=article, outlet=outlet)
    federation = None
    if not in_title and title:
        # Else a union the title names without its place ("市总工会领导考察…" on a county-level city's site).
        federation = (_title_federation(title, article, page_text, gazetteer, context, in_head + in_body)) or next(
            iter(bare_units(title, f"{body}\n{page_text}", gazetteer)), None
        )
        federation = province_federation(title, lead, article, gazetteer) or federation
        if federation is not None:
            first = [federation] + [u for u in first if u.name != federation.name]
    rest = [unit for unit in in_head + in_body if unit.name not in {u.name for u in first}]
    if in_head or in_body:
        # A firm's union by the firm's short name beside the federations named ("……走进建华…建华工会主席"): listed,
        # and first where the title names the firm and no union.
        firms = [u for u in firm_union(article, gazetteer, proper_only=True) if not _named_within(u, first + rest)]
        if firms and not in_title and firms[0].name.removesuffix("工会") in title:
            first = firms + first
        else:
            rest += firms
    if not in_title and not (federation is not None and federation.street):
        # A title naming the street it happened in keeps that street's union first, whoever hosted the event.
        first = _hosts_first(first, article, gazetteer, context, outlet)
    # A city's industry unions named without the city beside its federation ("来自市金融工会、市教育工会的职工").
    rest += [u for u in bare_units(article, page_text, gazetteer) if u.kind in _CITY_BODY_KINDS]
    found = list({unit.name: unit for unit in first + rest}.values())
    found = [unit for unit in found if not any(_short_form(unit, other) for other in found)]
    # The union that signs the article (a union site's item credits the union that wrote it).
    credit = _credited(piece, page_text, gazetteer, context, article, outlet)
    if credit is not None and credit.name not in {unit.name for unit in found}:
        found.append(credit)
    # The rules' order is one piece of evidence: where each union is named, the places the title and lead name and the
    # credit weigh too.
    return weigh(found, title, lead, body, gazetteer, credit=credit.name if credit else None)


def _credited(piece: Piece, page_text: str, gazetteer: Gazetteer, context: str, article: str, outlet: str):
    page = page_text.splitlines()
    # the page's author field near the article (a union site prints it just above or under its one item), not another
    # article's on a page of several: above it no further than the text of the article before
    top = piece.start_line - 1
    while top > max(0, piece.start_line - 9) and "。" not in page[top - 1]:
        top -= 1
    near = page[top : piece.end_line + 5]
    printed = credited_union([line.text for line in piece.lines], near)
    if printed is None:
        return None
    named = units_named(printed, gazetteer, context=context, article=article, outlet=outlet)
    return next(iter(named or bare_units(printed, f"{article}\n{page_text}", gazetteer)), None)


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
_LEVEL_IN_TITLE = re.compile(r"街道|镇|乡")
# A preposition or conjunction before a street's name in a title ("职工运动会在湖滨街道开幕"): not its first character.
_WORD_BEFORE_STREET = re.compile(r"^[在由和与及同向对为把将从经据是了就到赴走进]")


def _title_streets(title: str):
    """The federations of the streets and townships a title may name, each street's name read three, then two
    characters long before its level ("在湖滨街道" → 湖滨街道总工会, "米市巷街道" → 米市巷街道总工会)."""
    for level in _LEVEL_IN_TITLE.finditer(title):
        for size in (3, 2):
            head = title[max(0, level.start() - size) : level.start()]
            plain = len(head) == size and re.fullmatch(r"[\u4e00-\u9fff]+", head)
            if plain and (size == 2 or not _WORD_BEFORE_STREET.match(head)):
                yield f"{head}{level.group(0)}总工会"


_STREET_KINDS = (UnitKind.STREET_FEDERATION, UnitKind.TOWNSHIP_FEDERATION)
# "市金融工会", "市总工会主席X说" (a firm's "市…工会" may be a sentence: 市民卡作为工会)
_CITY_BODY_KINDS = (UnitKind.INDUSTRY_UNION, UnitKind.CITY_FEDERATION)


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
    for federation in _title_streets(title):
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


_PLACE_LEVEL = re.compile(r"街道|镇|乡")
# What the union an article is about does: its workers, their union words (an article naming no union at all).
_WORKERS = re.compile(r"职工|工会|劳模|工匠|劳动者|农民工|快递小哥|外卖骑手|一线员工")


def implied_federation(title: str, lead: str, article: str, gazetteer: Gazetteer, context: str = "") -> list:
    """The federation of the street or township an article about its workers is about though it never names a
    union ("米市巷街道举办首届职工技能比武"): the first the title, else the lead, names, placed by the county printed
    before it, the county the gazetteer knows it in or the article, its page or outlet names, else the city they
    name; with no place at all it is proposed as printed (新单位). With no street, the federation of the county, else
    the city, the title names. Nothing where the article is not about workers."""
    if not _WORKERS.search(f"{title}\n{article}"):
        return []
    context = f"{article}\n{context}"
    for text in (title, lead):
        for level in _PLACE_LEVEL.finditer(text or ""):
            before = text[: level.start()]
            if not before or before.endswith(("城", "村", "小", "乡", "集")):
                continue  # 城镇, 村镇, 乡镇, a characteristic town (小镇), 集镇: no street's name
            unit = _placed_street(before, level.group(0), gazetteer, context)
            if unit is not None:
                return [gazetteer.canonical(unit)]
    # No street: the county the title prints in full ("安吉县举办…"), else the city it names ("杭州职工…").
    county = gazetteer.first_county_in(title)
    place = county or (None if places_in(title, gazetteer)[1] else _first_city(title, gazetteer))
    unit = gazetteer.parse_unit(f"{place}总工会") if place else None
    return [gazetteer.canonical(unit)] if unit is not None else []


def _placed_street(before: str, level: str, gazetteer: Gazetteer, context: str):
    line = re.split(r"[^\u4e00-\u9fff]", before)[-1]
    for start in range(len(line)):
        expanded = gazetteer.expand_places(line[start:])
        if gazetteer.starts_with_place(expanded):
            unit = gazetteer.parse_unit(f"{expanded}{level}总工会")
            if unit is not None and unit.street:
                return unit  # "江北区洪塘街道": the county printed before the street
            break
    proper = proper_name_before(line)
    if proper is None or gazetteer.starts_with_place(proper):
        return None
    street = proper + level
    county = gazetteer.own_street_county(street, context)
    county = county or gazetteer.first_county_in(context)
    if county is not None:
        return gazetteer.parse_unit(f"{county}{street}总工会")
    city = _first_city(context, gazetteer)
    kind = UnitKind.STREET_FEDERATION if level == "街道" else UnitKind.TOWNSHIP_FEDERATION
    return UnitName(name=f"{city or ''}{street}总工会", city=city, county=None, street=street, kind=kind)


def _captions(piece: Piece, page_text: str) -> list[str]:
    """The photo captions the splitter left out of a piece: the page's lines over its span and those right after it."""
    if not piece.lines or not page_text:
        return []
    lines = page_text.split("\n")
    first, last = piece.lines[0].number - 1, piece.lines[-1].number
    while last < len(lines) and (not lines[last].strip() or _CAPTION.match(lines[last].strip())):
        last += 1
    return [line.strip() for line in lines[first:last] if _CAPTION.match(line.strip())]


def _caption_units(piece: Piece, article: str, gazetteer: Gazetteer, context: str, outlet: str, page_text: str):
    """The unions a photo story names only in its captions ("▲某某街道新就业形态联合工会为…", left out of the body),
    in the order the article first prints each, its street's level left out or not ("湖滨新就业形态联合工会")."""
    captions = "\n".join(_captions(piece, page_text))
    if not captions:
        return []
    text = f"{article}\n{captions}"
    named = units_named(captions, gazetteer, context=context, article=text, outlet=outlet)
    return sorted(named, key=lambda unit: _first_printed(unit, text))


def _first_printed(unit, text: str) -> int:
    """Where a text first prints a union placed by its page: its name from its street on, or without the level."""
    printed = unit.name[unit.name.find(unit.street) :] if unit.street and unit.street in unit.name else unit.name
    forms = [printed]
    if unit.street and printed.startswith(unit.street):
        forms.append(unit.street.removesuffix("街道").removesuffix("镇") + printed[len(unit.street) :])
    found = [at for at in (text.find(form) for form in forms) if at >= 0]
    return min(found) if found else len(text)


def _named_within(firm, units: list) -> bool:
    """Whether a firm's union printed short is part of a union already named ("公路局工会" of "……公路管理局工会")."""
    short = firm.name.removesuffix("工会")
    return any(short in unit.name or _short_form(firm, unit) for unit in units)


def _times_printed(unit, text: str) -> int:
    """How often a text prints a union placed by its page: its name from its street on, or from after its places."""
    name = unit.name
    for place in (unit.city, unit.county):
        if place and name.startswith(place):
            name = name[len(place) :]
    if unit.street and unit.street in name:
        name = name[name.find(unit.street) :]
    return text.count(name) if len(name) >= 4 else 0


# The provincial federation, printed in full or as "省总工会" where no other province's or place's name precedes it.
_PROVINCE_FEDERATION = re.compile(r"浙江省总工会|(?:^|(?<=[^\u4e00-\u9fff]|[、和与及]))省总工会", re.M)
# A title about the whole province: "省“…”杯…大赛", "全省职工…", "浙江省…" (not 省级, 省内, 省外).
_PROVINCE_TITLE = re.compile(r"^(?:浙江省|全省|省(?![级内外]))", re.M)


def province_federation(title: str, lead: str, article: str, gazetteer: Gazetteer):
    """The provincial federation (no city, county or kind: it stands above them) where the title names it
    ("省总工会召开…") and names no other union, or the title is about the whole province and the article names it
    among the hosts ("省“金桥”杯…技能大赛举行" … "由省总工会、某市总工会主办"), or its lead speaks of the whole
    province ("全省各级工会…") and the article names it, the title naming no city or county ("省…名单公布 / 某县3家
    站点获评" is the county's)."""
    whole = (_PROVINCE_TITLE.search(title) or "全省" in lead) and not any(places_in(title, gazetteer))
    whole = whole and not _first_city(title, gazetteer) and not gazetteer.first_county_in(title)
    if _PROVINCE_FEDERATION.search(title) or (whole and _PROVINCE_FEDERATION.search(article)):
        return UnitName(name="浙江省总工会", city=None, county=None, street=None, kind=None)
    return None
