"""The union organisations a text names, found with the gazetteer (the pipeline and the newspaper reader)."""

import re

from pilots.models import UnitKind
from pilots.text import normalise_name

from .gazetteer import _NOT_A_NAME, _POLICY_VERBS, Gazetteer, UnitName, _kind

_UNION_MENTION = re.compile(r"[\u4e00-\u9fff（）()]{2,30}?(?:总工会|工会联合会|联合工会|工会)(?:委员会)?")
_MODIFIED_NOUNS = {
    *("系统", "平台", "管理", "驿站", "服务", "工作", "经费"),
    *("会员", "干部", "组织", "阵地", "改革", "小组", "网络"),
}


# A rest stop or room printed after a community's (or village's) union word ("某某社区工会驿站") is a facility.
_FACILITY_UNION = re.compile(r"(社区|村)工会(驿站|服务站|小屋|书屋)")
_LOCAL_KINDS = (UnitKind.COMMUNITY_UNION, UnitKind.VILLAGE_UNION)

_ISSUER_AFTER = re.compile(r"关于|《|印发|下发|出台的")
_ISSUER_BEFORE = re.compile(r"(?:落实|贯彻|根据|按照|依据)$")


def _inside_quotes(text: str, index: int) -> bool:
    before = text[:index]
    return before.count("“") > before.count("”")


_STREET_UNION = re.compile(r"(?:街道|镇|乡)(?:总工会|工会)$")


def _bare_street(candidate: str, gazetteer: Gazetteer) -> str | None:
    """The street or township a union named without its place stands in ("……由罗星街道总工会").

    A street the gazetteer knows wins; else the two characters before 街道/镇/乡, the usual length
    of a street's name.
    """
    match = _STREET_UNION.search(candidate)
    if match is None:
        return None
    end = match.start() + (2 if candidate[match.start()] == "街" else 1)
    for size in (4, 3, 2):
        name = candidate[max(0, end - size - (end - match.start())) : end]
        if gazetteer.is_township(name):
            return name
    # A name only where the province has a street, town or township by it: "前一阶段镇总工会" and "并对下半年镇
    # 工会" are a sentence's words before the township's own union, not 阶段镇 or 下半年镇.
    head = proper_name_before(candidate[: match.start()])
    if head is not None:
        name = head + candidate[match.start() : end]  # "由集士港镇总工会", "新市镇工会": the name as the words give it
        return name if gazetteer.is_township(name) else None
    name = candidate[max(0, match.start() - 2) : end]
    words = r"[县市区由在和与及的为把将从据是了纷着已有共均都还也又仍]"  # a sentence's words, not a name's ("已有街道")
    return name if len(name) >= 3 and not re.search(words, name) and gazetteer.is_township(name) else None


_COMMUNITY_UNION = re.compile(
    r"(?P<street>[\u4e00-\u9fff]{2}(?:街道|镇|乡))?(?P<community>[\u4e00-\u9fff]{2,6}?(?:社区|村))"
    r"(?P<suffix>工会联合会|联合工会|工会)$"
)
_UNION_SUFFIXES = ("工会联合会", "联合工会", "工会")


def _first_city(text: str, gazetteer: Gazetteer) -> str | None:
    """The city a text names first, in full or short ("杭州秋涛支行" names 杭州市)."""
    found = [(text.find(name), full) for full in gazetteer.cities for name in (full, full.removesuffix("市")) if name]
    found = [(at, full) for at, full in found if at >= 0 and len(full) >= 3]
    return min(found)[1] if found else None


def _community_union(candidate: str, gazetteer: Gazetteer, article: str, context: str, outlet: str = ""):
    """A community's or village's union named without its city or county ("翠苑街道花园社区工会",
    "红菱社区工会联合会"), placed by what the article says: its street where the article names the
    community with one, the county the gazetteer knows the street in or the article names, else the
    city the article — or its page, its outlet — names."""
    match = _COMMUNITY_UNION.search(candidate)
    if match is None or (match.start() > 0 and gazetteer.starts_with_place(candidate[: match.start()])):
        return None
    community, street = match["community"], match["street"]
    verbs = list(re.finditer(_POLICY_VERBS, community))
    if verbs and street is None:
        community = community[verbs[-1].end() :]  # "之家依托中港社区": the name starts after the sentence's verb
    level = "社区" if community.endswith("社区") else "村"
    proper = proper_name_before(community[: -len(level)]) if street is None else None
    dropped = community[: len(community) - len(level) - len(proper)] if proper is not None else ""
    if dropped and not re.search(r"[的在和与及等各个为对]", dropped):
        community = proper + level  # "近日红菱社区", "记者从红菱社区": the words before the name dropped
    village = level == "村" and len(community) == 3 and not _GENERIC_HEAD.search(community[:2])
    village = village and not re.match(r"行政|自然|新农|美丽|乡|城", community)  # "东湖村", not "行政村"
    if (len(community) < 4 and not village) or re.search(r"[的在和与及等各个为对]", community):
        return None  # "各社区", "的社区": not a community's name
    if street is None:
        named = re.search(rf"(?P<street>[\u4e00-\u9fff]{{2}}(?:街道|镇|乡)){re.escape(community)}", article + context)
        street = named["street"] if named else None
    printed = f"{street or ''}{community}"
    suffix = next((end for end in _UNION_SUFFIXES if printed + end in article + context), match["suffix"])
    county = gazetteer.own_street_county(street, article + context) if street else None
    # The county the article prints before the province's list: a street keeps the county of its day (采荷街道 was
    # 江干区's until 2021).
    county = county or gazetteer.first_county_in(article)
    county = county or (gazetteer.street_county(street, article + context) if street else None)
    county = county or gazetteer.first_county_in(outlet)
    city = None if county else _first_city(article, gazetteer) or _first_city(context, gazetteer)
    if county is None and city is None:
        return None
    return gazetteer.parse_unit(f"{city or ''}{county or ''}{printed}{suffix}")


# A park's union named without its place ("某某生活园区工会联合会", "某某产业园工会"): a name of two to six characters
# before the park word, after a mark or a line's start (never a sentence's words run into it).
_PARK_UNION = re.compile(r"^(?P<park>[\u4e00-\u9fff]{2,6}(?:园区|产业园))(?P<suffix>工会联合会|联合工会|总工会|工会)$")


def _park_union(candidate: str, gazetteer: Gazetteer, text: str, start: int, article: str):
    """A park's union printed whole after a mark ("……主席，某某园区工会联合会主席……"), placed in the county the
    article names (a park lies in its county); None where the article names none or the name is a sentence's."""
    match = _PARK_UNION.match(candidate)
    if match is None or (start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff") or _NOT_A_NAME.search(match["park"]):
        return None
    county = gazetteer.first_county_in(article)
    return gazetteer.parse_unit(f"{county}{candidate}") if county else None


_STREET_ORG_UNION = re.compile(
    r"(?P<street>街道|镇|乡)(?P<org>[\u4e00-\u9fff]{0,8}?)(?P<suffix>总工会|工会联合会|联合工会|工会)$"
)


def _street_union_in_city(candidate: str, gazetteer: Gazetteer, article: str, context: str):
    """A street's or township's union named without its county ("湖滨街道新就业形态联合工会",
    "西溪街道总工会") where neither the gazetteer nor the article gives the county: placed in the city
    the article — or its page, its outlet — names, as a community's union is."""
    match = _STREET_ORG_UNION.search(candidate)
    if match is None or _NOT_A_NAME.search(match["org"]) or re.search(r"[街镇乡社村]", match["org"]):
        return None
    head = candidate[: match.start()]
    named = (head[-size:] + match["street"] for size in (4, 3))
    street = next((name for name in named if gazetteer.is_township(name)), None)
    proper = proper_name_before(head) if street is None else None
    if proper is not None and len(proper) == 3:
        street = proper + match["street"]  # "米市巷街道总工会" after a mark: a three-character name, 市 inside it
    street = street or head[-2:] + match["street"]
    if not gazetteer.is_township(street):
        return None  # no street or township of the province is named so ("并对下半年镇工会")
    if len(street) < 3 or (
        proper != street[: -len(match["street"])]
        and re.search(r"[县市区由在和与及的是为各个该]", street[: -len(match["street"])])
    ):
        return None
    if any(gazetteer.starts_with_place(gazetteer.expand_places(head[i:])) for i in range(len(head))):
        return None  # a place is printed before the street: the rules above read the name or refuse it
    county = gazetteer.first_county_in(article + context, street)
    city = _first_city(article, gazetteer) or _first_city(context, gazetteer)
    if city and gazetteer.listed_cities(street) and city not in gazetteer.listed_cities(street):
        city = None  # the page's city has no street or township of that name: another city's (天目山镇 is 杭州's)
    placed = gazetteer.street_county(street, article + context) if county is None else None
    if placed and city in (None, gazetteer.counties[placed][0]):  # "天目山镇总工会": 临安区's
        generic = match["org"] and _GENERIC_HEAD.search(match["org"])
        return None if generic else gazetteer.parse_unit(f"{placed}{street}{match['org']}{match['suffix']}")
    if county and match["org"] and not _GENERIC_HEAD.search(match["org"]):
        return gazetteer.parse_unit(f"{county}{street}{match['org']}{match['suffix']}")  # "集士港镇机关工会"
    if county:
        return None  # a county is known: the street's federation is placed there by the rules above
    if city is None:
        return None
    rest = match["org"] + match["suffix"]
    return UnitName(
        name=normalise_name(f"{city}{street}{rest}"),
        city=city,
        county=None,
        street=street,
        kind=_kind(rest, street, None),
    )


# An organisation named after the province ("浙江正北物流市场工会联合会"): the province, a proper name
# of at least four characters (no place of the gazetteer, no verb, no level such as 县级), a union word.
_PROVINCE_UNION = re.compile(r"浙江省?(?P<proper>[\u4e00-\u9fff]{4,14}?)(?P<suffix>工会联合会|联合工会|总工会|工会)$")


def _province_union(candidate: str, gazetteer: Gazetteer, article: str, context: str):
    """A union whose name starts with the province rather than a city, named as printed from 浙江 on,
    placed in the county (else the city) the article, then its page, names."""
    start = candidate.find("浙江")
    match = _PROVINCE_UNION.fullmatch(candidate[start:]) if start >= 0 else None
    if match is None or gazetteer.starts_with_place(gazetteer.expand_places(match["proper"])):
        return None  # "浙江省湖州市……": a city's union, read as such
    if match["proper"].startswith((*gazetteer.short_cities, *gazetteer.short_counties)):
        return None  # "浙江东阳按下基层工会…": a county printed short, then a sentence's words, not an organisation
    if _NOT_A_NAME.search(match["proper"]) or re.search(r"级|[省市县区]$|街道|[镇乡]$", match["proper"]):
        return None  # "浙江省县级工会", "浙江省……组建工会": a description, not a name
    if not _at_word_start(candidate, start):
        return None  # the segmenter reads 浙江 as part of a longer word here
    county = gazetteer.first_county_in(article) or gazetteer.first_county_in(context)
    city = gazetteer.counties[county][0] if county in gazetteer.counties else None
    city = city or _first_city(article, gazetteer) or _first_city(context, gazetteer)
    if city is None:
        return None
    return UnitName(
        name=normalise_name(match.group(0)),
        city=city,
        county=county,
        street=None,
        kind=_kind(match["proper"] + match["suffix"], None, None),
    )


# A street's level after its proper name.
_STREET_LEVEL = re.compile(r"(?:街道|社区|镇|乡)$")
# Words after which a verb follows ("将获得", "可获得", "还将受到"): 将 is a preposition before a name
# ("将集士港镇……") but an auxiliary before a verb.
_MODAL_BEFORE = re.compile(r"(?:将|可|会|能|还|也|都|均|已|曾|要|应|被|并|就|又|再|得以|可以|能够|予以)$")


def _verb_read_as_a_street(text: str, start: int, end: int, street: str, gazetteer: Gazetteer) -> bool:
    """Whether a street the gazetteer does not know is a verb after an auxiliary, read as a street's
    name ("获奖职工将获得街道总工会颁发的证书"). A verb alone is no sign: streets are named 前进 or
    解放; after 将, 可 or 还 the segmenter's verb is a verb."""
    if gazetteer.is_township(street):
        return False
    proper = _STREET_LEVEL.sub("", street)
    at = text.find(proper, start, end) if len(proper) >= 2 else -1
    if at <= 0 or not _MODAL_BEFORE.search(text[max(0, at - 2) : at]):
        return False
    import jieba.posseg  # loaded on first use

    words = list(jieba.posseg.cut(proper))
    return len(words) == 1 and words[0].flag.startswith("v") and words[0].flag != "vn"


def _at_word_start(text: str, index: int) -> bool:
    import jieba  # loaded on first use

    at = 0
    for token in jieba.cut(text, HMM=False):
        if at == index:
            return True
        if at > index:
            return False
        at += len(token)
    return False


# A street's, township's or community's union named without any place ("百丈镇总工会", "西门街道机关工会",
# "钱东社区联合工会"): the proper name (two or three characters), its level, an optional body, a union word.
_UNPLACED_UNION = re.compile(
    r"(?P<head>[\u4e00-\u9fff]{2,12}?)(?P<level>街道|镇|乡|社区)(?P<org>[\u4e00-\u9fff]{0,6}?)"
    r"(?P<suffix>总工会|工会联合会|联合工会|工会)$"
)
# Words that end a phrase before the name ("由集士港镇总工会", "近日江口街道总工会"): the name starts after them.
_BEFORE_NAME = re.compile(
    r"^.*(?:[由在和与及同向对为把将从经据是了就让给使叫请]|近日|日前|今年|去年|近期|当天|今天|昨天|昨日|目前|此前|随后|同时|此外|其中|另外|据悉)"
)
# Not a proper name: a place level, a determiner or a generic word ("该镇", "辖区社区", "相关社区", "基层社区").
_GENERIC_HEAD = re.compile(
    r"^[省市县区]|[省县区]$|[该本各每全其这那此我某个等的首多着]|相关|基层|所属|周边|附近|当地|本地|部分|其他|城市|农村|城乡|乡镇|镇街|"
    r"试点|示范|新建|重点|村级|社区|街道|联合|工会|职工|企业|行业|园区|所在|驻地|辖内|区域|属地|全体|广大|有关|下属|上级|直属|"
    r"各类|多家|一些|若干|成立|两新|非公|现有|专职|兼职|[一二三四五六七八九十使需到兼]|"
    # verbs of the sentences that describe unions ("实现街道工会全覆盖", "依托街道总工会")
    r"(?:实现|推动|推进|建立|依托|结合|注重|配齐|配强|明确|推荐|充实|覆盖|健全|完善|加强|指导|通过|鼓励|支持|帮助|"
    r"带动|督促|要求|引导|发挥|整合|优化|设立|设置|成为|作为|形成|构建|打造|培育|纳入|吸纳|依靠|联系|服务|参加|参与)"
)


def proper_name_before(text: str) -> str | None:
    """The proper name of a street, township or community that ends ``text`` (what precedes 街道/镇/社区):
    the words before it dropped ("本次活动由集士港" → 集士港); two or three characters; None when what is
    left is no name ("该", "辖区", "相关") or a longer run whose start is not known."""
    before = _BEFORE_NAME.match(text)
    head = text[before.end() :] if before else text
    if len(head) < 2:
        if not before or before.end() != 1:
            return None  # "所在街道": no name is left
        head = text  # "和平街道": 和 begins the name here
    if len(head) > 3:
        head = _after_words(text) or _after_words(head)  # "联合集士港": the verbs, time or adverb words dropped
    if head is None or len(head) > 3:
        return None  # a run of words ("要求配强"): where the name starts is not known
    if len(head) == 3 and (head[0] in "让向对给使叫请" or _function_word_first(head)):
        head = head[1:]  # "让湖滨": a verb before a two-character name
    return None if _GENERIC_HEAD.search(head) else head


def _after_words(text: str) -> str | None:
    """What is left of a run when the words the segmenter knows as verbs, adverbs, time words or idioms before it are
    dropped ("今年以来米市巷" → 米市巷, "携手湖滨" → 湖滨), or None when no such word starts it."""
    import jieba.posseg  # loaded on first use

    words = list(jieba.posseg.cut(text, HMM=False))
    dropped = False
    while (
        len(words) > 1
        and len(words[0].word) > 1
        and (words[0].flag[:1] in ("v", "d", "p", "t", "c", "i", "l") or re.fullmatch(_POLICY_VERBS, words[0].word))
    ):
        if sum(len(w.word) for w in words[1:]) < 2:
            break
        words.pop(0)
        dropped = True
    return "".join(w.word for w in words) if dropped else None


def _function_word_first(head: str) -> bool:
    """Whether the segmenter reads a three-character run as a verb, preposition or adverb of one character
    before a word of two ("让湖滨", "向湖滨"), not as one name ("米市巷", "集士港")."""
    import jieba.posseg  # loaded on first use

    words = list(jieba.posseg.cut(head))
    return len(words) == 2 and len(words[0].word) == 1 and words[0].flag[:1] in ("v", "p", "c", "d", "u", "r")


def _broken_before(text: str, index: int) -> bool:
    """Whether the mention starts a line that continues a sentence broken at a column's end (the
    line before ends in a character, not a mark): where its name starts is not known."""
    return index >= 2 and text[index - 1] == "\n" and "\u4e00" <= text[index - 2] <= "\u9fff"


# A business district, building or market a street names after a place of its own ("新街商圈", "老街市场").
_NAMED_CLUSTER = re.compile(r"[\u4e00-\u9fff]{1,4}(?:商圈|楼宇|市场)")


def _unplaced_union(candidate: str, gazetteer: Gazetteer):
    """A well-formed street's, township's or community's union that neither its page nor the gazetteer
    places: proposed as printed, without a city or county (新单位; the editor gives its place)."""
    match = _UNPLACED_UNION.search(candidate)
    if match is None:
        return None
    org = match["org"]
    placey = re.search(r"[街镇乡社村区县市]", org) and not _NAMED_CLUSTER.fullmatch(org)  # "新街商圈" is a name
    if _NOT_A_NAME.search(org) or _GENERIC_HEAD.search(org) or placey:
        return None  # "南明街道现有工会", "城东街道共新建基层工会": a sentence, not a body's name
    head = proper_name_before(match["head"])
    if head is None or gazetteer.starts_with_place(head):
        return None
    if match["level"] == "社区" and match["org"]:
        return None  # "某某社区党群服务中心工会": not a community's union
    if match["level"] != "社区" and match["org"] and match["suffix"] == "总工会":
        return None  # a street's body has a union, not a federation
    street = head + match["level"] if match["level"] != "社区" else None
    if street and not gazetteer.is_township(street):
        return None  # no street or township of the province is named so ("并对下半年镇工会")
    rest = match["org"] + match["suffix"]
    name = head + match["level"] + rest
    if _NOT_A_NAME.search(name):
        return None
    kind = UnitKind.COMMUNITY_UNION if match["level"] == "社区" else _kind(rest, street, None)
    return UnitName(name=normalise_name(name), city=None, county=None, street=street, kind=kind)


# A development zone or new area printed with the street it is one body with ("南湖新区（东栅街道）总工会",
# "某某经济开发区（某某镇）总工会"): the street's or township's federation, placed as a street's union is.
_ZONE_STREET = re.compile(
    r"[\u4e00-\u9fff]{2,12}?(?:新区|开发区|园区|度假区|产业园|高新区)（(?P<street>[\u4e00-\u9fff]{2,4}?(?:街道|(?<!小)镇|乡))）"
    r"(?P<suffix>总工会|工会)$"
)


def _suffixes(candidate: str):
    return (candidate[offset:] for offset in range(len(candidate) - 4))


class _Mention:
    """A union named in a text: where it stands and its name as printed (or as a list's item spells it)."""

    def __init__(self, start: int, end: int, name: str):
        self._start, self._end, self._name = start, end, name

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, _index: int = 0) -> str:
        return self._name


# Places listed before one union word they share ("高塘岛乡、石浦镇东门渔村等渔业联合工会").
_SHARED_SUFFIX = re.compile(
    r"(?P<items>(?:[\u4e00-\u9fff]{2,10}?(?:街道|镇|乡|村|社区)、)+[\u4e00-\u9fff]{2,10}?(?:街道|镇|乡|村|社区))"
    r"等(?P<org>[\u4e00-\u9fff]{0,8}?)(?P<suffix>工会联合会|联合工会|总工会|工会)"
)


def _mentions(text: str, gazetteer: Gazetteer, context: str) -> list:
    """The unions a text names in order, a list sharing one union word read as one union per place, each
    placed in the county the text (or its context) names where the item prints no place."""
    mentions = [_Mention(m.start(), m.end(), m.group(0)) for m in _UNION_MENTION.finditer(text)]
    for listed in _SHARED_SUFFIX.finditer(text):
        county = gazetteer.first_county_in(context + text) or ""
        items = []
        for item in listed["items"].split("、"):
            placed = gazetteer.starts_with_place(gazetteer.expand_places(item))
            name = f"{'' if placed else county}{item}{listed['org']}{listed['suffix']}"
            items.append(_Mention(listed.start(), listed.end(), name))
        mentions = [m for m in mentions if m.end() <= listed.start() or m.start() >= listed.end()] + items
    for listed in _SHARED_SECTOR.finditer(text):
        items = _sector_items(text, listed)
        place = _place_before(text, listed.start(), gazetteer) or _first_city(text + context, gazetteer)
        if not items or place is None:
            continue
        named = [_Mention(listed.start(), listed.end(), f"{place}{item}{listed['suffix']}") for item in items]
        mentions = [m for m in mentions if m.end() <= listed.start() or m.start() >= listed.end()] + named
    return sorted(mentions, key=lambda m: m.start())


# Industries listed before one union word they share ("快递行业、物流行业工会联合会"): one union each.
_SHARED_SECTOR = re.compile(
    r"(?P<items>[\u4e00-\u9fff]{2,4}行业(?:、[\u4e00-\u9fff]{2,4}?行业)+)(?P<suffix>工会联合会|联合工会|工会)"
)


def _sector_items(text: str, listed) -> list[str]:
    """The industries of a list, the first one's name the segmenter's last word before 行业 (not "陆续成立快递")."""
    import jieba  # loaded on first use

    first, *rest = listed["items"].split("、")
    words = list(jieba.cut(text[max(0, listed.start() - 6) : listed.start()] + first.removesuffix("行业"), HMM=False))
    run = ""
    while words and len(words[-1]) == 1 and len(run) < 4:
        run = words.pop() + run  # "网", "约", "车": a word the dictionary lacks, read whole
    head = run if len(run) >= 2 or not words else words[-1] + run  # "出租" + "车"
    if len(head) < 2 or _NOT_A_NAME.search(head) or any(_NOT_A_NAME.search(item) for item in rest):
        return []
    return [head + "行业", *rest]


def _place_before(text: str, index: int, gazetteer: Gazetteer) -> str | None:
    """The city or county printed last before ``index`` in its sentence ("为此，湖州陆续成立…" → 湖州市)."""
    start = max(text.rfind(mark, 0, index) for mark in "。！？；\n") + 1
    clause = text[start:index]
    found = [(clause.rfind(name), full) for full in gazetteer.cities for name in (full, full.removesuffix("市"))]
    found += [(clause.rfind(name), name) for name in gazetteer.counties if len(name) >= 3]
    found = [(at, name) for at, name in found if at >= 0]
    if not found:
        return None
    name = max(found)[1]
    return name if name in gazetteer.cities else gazetteer.counties[name][1]


# What a sentence says of a union between its place and its industry ("首个", "新成立的"): not part of its name.
_DESCRIPTOR = re.compile(r"(?:全[省市县区国])?(?:首个|首家|第一个|第一家)|(?:新)?(?:成立|组建|建立)的")


def _county_in_sentence(text: str, index: int, gazetteer: Gazetteer) -> str | None:
    """The county printed last before ``index`` in its sentence ("在江干区，彭埠街道总工会…" → 江干区)."""
    start = max(text.rfind(mark, 0, index) for mark in "。！？；\n") + 1
    clause = text[start:index]
    found = [(clause.rfind(name), len(name), name) for name in gazetteer.counties if name in clause]
    return gazetteer.counties[max(found)[2]][1] if found else None


def units_named(
    text: str,
    gazetteer: Gazetteer,
    *,
    context: str = "",
    article: str | None = None,
    unplaced: bool = False,
    outlet: str = "",
) -> list:
    """Every union organisation a text names, in order of first mention, canonically named.

    Names may drop their city ("萧山区靖江街道……联合工会委员会" → 杭州市萧山区……) or print it
    short ("杭州萧山区"); a street's union named without any place ("城东街道总工会") is placed in
    the county the gazetteer knows the street in, else the first county the text (or
    ``context``) names; a community's union named without a place is placed by the ``article``
    (default: the text), then the county its ``outlet`` is named after, and for its city only, the
    page in ``context``. With ``unplaced``, a well-formed street's, township's or community's union
    that nothing places is named as printed, without a city or county (a proposal the editor places).
    """
    article = text if article is None else article
    found, seen = [], set()
    for match in _mentions(text, gazetteer, context):
        if _inside_quotes(text, match.start()):
            continue  # “杭工e家”, “大溪镇工会管理系统”: a brand or a system, not an organisation
        if _ISSUER_AFTER.match(text, match.end()) or _ISSUER_BEFORE.search(
            text[max(0, match.start() - 4) : match.start()]
        ):
            continue  # "落实宁波市总工会关于……的意见": the author of a document, not a union the article is about
        candidate = re.sub(r"(工会)委员会$", r"\1", match.group(0)).replace("(", "（").replace(")", "）")
        zoned = _ZONE_STREET.search(candidate)
        if zoned:
            candidate = candidate[: zoned.start()] + zoned["street"] + zoned["suffix"]
        unit = None
        for offset in range(len(candidate) - 3):
            expanded = gazetteer.expand_places(candidate[offset:])
            if gazetteer.starts_with_place(expanded):
                unit = gazetteer.parse_unit(expanded)
                if unit is not None:
                    break
                said = _DESCRIPTOR.search(expanded)
                described = gazetteer.parse_unit(_DESCRIPTOR.sub("", expanded, count=1)) if said else None
                generic = said and _GENERIC_HEAD.search(expanded[said.end() : said.end() + 2])  # 首个镇街…
                if described is not None and described.kind == UnitKind.INDUSTRY_UNION and not generic:
                    unit = described  # "宁波市首个快递行业工会联合会": the industry's union of the place
                    break
        if unit is None:
            street = _bare_street(candidate, gazetteer)
            if street:
                county = (
                    gazetteer.own_street_county(street, context + text)
                    or _county_in_sentence(text, match.start(), gazetteer)
                    or gazetteer.first_county_in(context + text, street)  # of a city with such a street
                    # last the province's list: the page's county keeps a street's county of its day (采荷 was 江干区's)
                    or gazetteer.street_county(street, context + text)
                )
                if county:
                    unit = gazetteer.parse_unit(f"{county}{candidate[candidate.rindex(street) :]}")
        if unit is None:
            unit = _community_union(candidate, gazetteer, article, context, outlet)
        if unit is None:
            unit = _street_union_in_city(candidate, gazetteer, article, context)
        if unit is None:
            unit = _province_union(candidate, gazetteer, article, context)
        if unit is None:
            unit = _park_union(candidate, gazetteer, text, match.start(), article)
        if unit is None:  # a development zone's union after its place's short form ("舟山高新技术产业园区总工会")
            unit = next(filter(None, map(gazetteer.parse_zone_unit, _suffixes(candidate))), None)
        if unit is None and unplaced and not _broken_before(text, match.start()):
            unit = _unplaced_union(candidate, gazetteer)
        if unit is None:
            continue
        if unit.kind == "enterprise_union" and text[match.end() : match.end() + 2] in _MODIFIED_NOUNS:
            continue  # "智慧工会系统": the words name a thing the union has, not the union
        unit = gazetteer.canonical(unit)
        if unit.street and _verb_read_as_a_street(text, match.start(), match.end(), unit.street, gazetteer):
            continue  # "将获得街道总工会颁发的证书": a verb read as a street's name
        if unit.name not in seen:
            seen.add(unit.name)
            found.append(unit)
    return found


def facilities_last(units: list, text: str, gazetteer: Gazetteer, **kwargs) -> list:
    """The units in order with a community's or village's union the text names only by a facility it has
    ("河盘桥社区工会驿站") after the others: a union rest stop does not make its community's union the subject."""
    if not _FACILITY_UNION.search(text):
        return units
    named = {unit.name for unit in units_named(_FACILITY_UNION.sub(r"\1\2", text), gazetteer, **kwargs)}
    return sorted(units, key=lambda unit: unit.kind in _LOCAL_KINDS and unit.name not in named)
