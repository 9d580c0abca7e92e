"""Place names the importer recognises, read once from the gazetteer in the database."""

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from pilots.models import Region, RegionLevel, UnitKind
from pilots.senses import TRADES
from pilots.text import normalise_name


@dataclass(frozen=True)
class UnitName:
    """A unit's name as printed, split into the places it names and the kind of union it is."""

    name: str
    city: str | None
    county: str | None
    street: str | None
    kind: str


_STREET = re.compile(r"^（?(?P<street>[\u4e00-\u9fff]{1,6}?(?:街道|镇|乡))）?")
_COMMUNITY_AFTER_STREET = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:社区|村)(?:工会联合会|联合工会|工会)$")
_UNIT_END = re.compile(r"(?:总工会|工会联合会|联合工会|工会|工会）|联合会）)$")
_NOT_IN_NAME = set('，。；：、“”？！,;:"《》…—')
_SHORT_COUNTY_NEXT = re.compile(r"^(?:总工会|工会|[\u4e00-\u9fff]{1,6}?(?:街道|镇|乡))")
# A development zone's or new area's name after its place: nothing or a proper name of up to four characters, the
# zone's word ("舟山高新技术产业园区", "宁波杭州湾新区", "嘉兴港区"), an optional bracketed alias, the union's suffix.
_ZONE_UNION = re.compile(
    r"(?P<proper>[\u4e00-\u9fff]{0,4}?)(?P<zone>经济技术开发区|经济开发区|高新技术产业(?:开发区|园区)|高新区|开发区"
    r"|新区|港区|产业园区|工业园区|度假区|保税区)(?:（[\u4e00-\u9fff]{2,6}）)?(?:总工会|工会)$"
)
# The verbs and adverbs of the sentences news copy writes about unions: never inside a union's name, so a
# run that holds one is a sentence ("余姚阳明街道深化区域工会建设", "共享职工之家依托中港社区联合工会").
_POLICY_VERBS = (
    r"推进|建立|组建|成立|举行|推出|打造|携手|牵头|指导|发起|实施|探索|落实|提升|部署|加强|做好|"
    r"深化|推动|完善|健全|强化|构建|依托|实现|启动|聚焦|助力|搭建|延伸|拓展|深入|持续|不断|着力|大力|扎实|"
    r"全力|致力|发挥|整合|推广|建成|筹建"
)
# What follows the places in a name never counts or describes ("首个镇街……联合工会", "各工会").
_NOT_A_NAME = re.compile(
    r"[个的各该等这此其在将把由向对]|首(?:家|批|届|位|支|次)|以上|所有|全[区市县]|召开|组织|开展|举办|选举|全面|积极|"
    rf"{_POLICY_VERBS}|"
    r"今年|去年|明年|近年|当年|目前|今后|同时|此外|据悉|了解"  # time and reporting words before "街道工会"
    # a verb, preposition or party organ swallowed into the name ("……区推行街道工会", "……区委总工会")
    r"|^(?:推行|作为|成为|为|使|破|立|对|以|从|与|和)|两级|各级|委(?!员会|会)"
    r"|(?:[局委办厅处署站所院]|部门)(?:和|与|及|、)"  # another body joined to the union ("住建局和市总工会")
    r"|^[\u4e00-\u9fff]{0,3}(?:企业|基层|职工)工会$"  # a kind of union, not one's name ("柯桥企业工会志愿者")
    # a count of people or firms ("年有两名得到村工会…"): a sentence; a village may be named by one ("三家村")
    r"|(?:\d|[一二两三四五六七八九十百千]{1,3})[余多]?[名位人家](?!村|社区|里|巷|弄)"
)


_TOWNSHIPS = Path(__file__).resolve().parent / "data" / "townships.csv"
_LEVEL = re.compile(r"(?:街道|镇|乡)$")


@functools.cache
def _township_rows() -> tuple[tuple[str, str, str], ...]:
    """(city, county, name) of every street, town and township of Zhejiang (NBS 2023 codes)."""
    with _TOWNSHIPS.open(encoding="utf-8") as rows:
        reader = csv.DictReader(line for line in rows if not line.startswith("#"))
        return tuple((row["city"], row["county"], row["name"]) for row in reader)


@functools.cache
def _townships() -> dict[str, tuple[tuple[str, str], ...]]:
    """Every street, town and township of Zhejiang, by its name without its level (清波 for 清波街道: a town made a
    street keeps its name), with the (city, county) of each.

    The stem keys the table because a town that became a street (镇 → 街道) or merged into a county's
    other divisions is still printed by its old level in older news copy."""
    table: dict[str, list[tuple[str, str]]] = {}
    for city, county, name in _township_rows():
        table.setdefault(_LEVEL.sub("", name), []).append((city, county))
    return {stem: tuple(places) for stem, places in table.items()}


@functools.cache
def _township_names() -> dict[tuple[str, str], tuple[str, ...]]:
    """The names the province's list gives a county's street or township, by (county, name without its level)."""
    table: dict[tuple[str, str], list[str]] = {}
    for _, county, name in _township_rows():
        table.setdefault((county, _LEVEL.sub("", name)), []).append(name)
    return {key: tuple(names) for key, names in table.items()}


@functools.cache
def _listed_places(street: str) -> tuple[tuple[str, str], ...]:
    """The (city, county) of every street or township the province's list has under this very name, level included
    (青石街道 is no 青石镇)."""
    return tuple((city, county) for city, county, name in _township_rows() if name == street)


def todays_level(street: str, county: str | None) -> str:
    """A town printed by the level it had before it became a street ("新街镇" of 萧山区, a street since) read by its
    name today, where the county has it under one name only; else as printed."""
    names = _township_names().get((county or "", _LEVEL.sub("", street)), ())
    return names[0] if len(names) == 1 and street not in names else street


class Gazetteer:
    """City and county-level names, with the city each county lies in.

    Loading it once per run keeps name recognition to dictionary look-ups: a 240 KB compilation
    has ten thousand lines and each is tested as a possible unit-name line.
    """

    def __init__(
        self, cities: set[str], counties: dict[str, tuple[str, str]], streets: dict[str, set[str]] | None = None
    ):
        self.cities = cities
        self.streets = streets or {}  # county name -> streets and townships already in the gazetteer
        self.counties = counties  # printed name or full name -> (city, county name as printed)
        self.townships = _townships()  # every street and township of the province, by name without its level
        self._county_names = sorted(counties, key=len, reverse=True)
        self._prefixes = tuple(sorted(cities | set(counties), key=len, reverse=True))
        # Places as news copy prints them: "杭州萧山区" (the city without 市), "温岭工会" (the county
        # without 市/县/区, only right before a union or a street).
        self.short_cities = {name[:-1]: name for name in cities if name.endswith("市") and len(name) >= 3}
        self.short_counties = {
            name[:-1]: name
            for name in counties
            if name.endswith(("市", "县", "区")) and len(name) >= 3 and not name.endswith(("开发区", "新区"))
        }
        places = {*cities, *counties, *self.short_cities, *self.short_counties}
        self._zone_places = sorted(places, key=len, reverse=True)

    @classmethod
    def from_db(cls) -> "Gazetteer":
        cities = set(Region.objects.cities().values_list("name", flat=True))
        counties: dict[str, tuple[str, str]] = {}
        for name, full_name, city in Region.objects.counties().values_list("name", "full_name", "parent__name"):
            counties[name] = (city, name)
            if full_name:
                counties.setdefault(full_name, (city, name))
        streets: dict[str, set[str]] = {}
        for name, county in Region.objects.filter(level__in=[RegionLevel.STREET, RegionLevel.TOWNSHIP]).values_list(
            "name", "parent__name"
        ):
            streets.setdefault(county, set()).add(name)
        return cls(cities, counties, streets)

    def expand_places(self, text: str) -> str:
        """The same name with the short place forms of news copy spelled out in full."""
        for short, full in self.short_cities.items():
            # A short city is a whole name only before a county, a street or a union: 杭州湾 is
            # not 杭州 + 湾.
            if text.startswith(short) and not text.startswith(full) and self._place_follows(text[len(short) :]):
                text = full + text[len(short) :]
                break
        for start in {0, *(len(full) for full in self.cities if text.startswith(full))}:
            rest = text[start:]
            if rest.startswith(tuple(self._county_names)):
                continue  # a county printed in full ("钱塘新区…" is not 钱塘区 + 新区)
            for short, full in self.short_counties.items():
                after = rest[len(short) :]
                if rest.startswith(short) and after[:1] in ("市", "县", "区") and after[:1] != full[-1]:
                    after = after[
                        1:
                    ]  # the county by the level it had when the page was written (临安市, 奉化市, 玉环县)
                if rest.startswith(short) and not rest.startswith(full) and _SHORT_COUNTY_NEXT.match(after):
                    return text[:start] + full + after
        return text

    def _place_follows(self, rest: str) -> bool:
        if rest.startswith((*self._county_names, "总工会", "工会")):
            return True
        return any(rest.startswith(short) for short in self.short_counties)

    def canonical(self, unit: "UnitName") -> "UnitName":
        """A unit named the way the portal names it: 杭州市萧山区…, 温岭市…, "委员会" dropped.

        Districts keep their city in front; county-level cities and counties stand alone.
        """
        if unit.name.startswith("浙江"):
            return unit  # a union named after the province keeps its name as printed
        if unit.kind == UnitKind.PARK_FEDERATION and not unit.name.startswith(self._prefixes):
            return unit  # a zone named after its place's short form ("舟山高新技术产业园区") is named so
        rest = unit.name
        if unit.city and rest.startswith(unit.city):
            rest = rest[len(unit.city) :]
        printed = sorted((n for n, (_, c) in self.counties.items() if c == unit.county), key=len, reverse=True)
        for place in printed:
            if rest.startswith(place):
                rest = rest[len(place) :]
                break
        rest = re.sub(r"(工会)委员会$", r"\1", rest)
        if rest == "工会" and not unit.street:
            rest = "总工会"  # "温岭工会" is the county's federation
        county = unit.county or ""
        prefix = (unit.city or "") + county if county.endswith("区") and "开发区" not in county else county or unit.city
        prefix = prefix or ""  # a union no place is known for (a proposal the editor places) keeps its name
        return UnitName(
            name=normalise_name(prefix + rest),
            city=unit.city,
            county=unit.county,
            street=unit.street,
            kind=unit.kind,
        )

    def is_township(self, street: str) -> bool:
        """Whether a street, town or township of this name is in the gazetteer or among the province's."""
        return any(street in names for names in self.streets.values()) or _LEVEL.sub("", street) in self.townships

    def own_street_county(self, street: str, context: str = "") -> str | None:
        """The county of a street among the gazetteer's own streets, unless the page names other cities only (the
        portal's 城东街道 is 温岭市's; a 金华 page's 城东街道 is not) or, naming none, the name is several counties'."""
        county = next((c for c, names in self.streets.items() if street in names), None)
        if county is None or not context:
            return county
        named = {city for city in self.cities if city.removesuffix("市") in context}
        named |= {self.counties[name][0] for name in self._county_names if name in context}
        named |= {self.counties[full][0] for short, full in self.short_counties.items() if short in context}
        if not named:
            # a page naming no city places a name several counties of the province share nowhere (白云街道: five)
            return None if len(self.townships.get(_LEVEL.sub("", street), ())) > 1 else county
        return county if self.counties.get(county, (None,))[0] in named else None

    def street_county(self, street: str, context: str = "") -> str | None:
        """The county a street or township lies in: the gazetteer's own streets first, then the province's
        townships; a name several counties share ("城关镇") is placed by the county, else the city, that the
        context names, or not at all."""
        county = self.own_street_county(street, context)
        if county is not None:
            return county
        places = [
            (city, county) for city, county in self.townships.get(_LEVEL.sub("", street), ()) if county in self.counties
        ]
        for named in (lambda place: place[1] in context, lambda place: place[0].removesuffix("市") in context):
            if len(places) > 1:
                places = [place for place in places if named(place)] or places
        if len(places) != 1:
            return None
        cities = [city for city in self.cities if city.removesuffix("市") in context]
        return places[0][1] if not cities or places[0][0] in cities else None  # not in another city the page names

    def starts_with_place(self, text: str) -> bool:
        return text.startswith(self._prefixes)

    def first_county_in(self, text: str, street: str | None = None) -> str | None:
        """The county-level division a text names first (as printed in the gazetteer), or None; with ``street``, only
        a county of a city the province's list has that street or township in (where the list has it at all)."""
        cities = {city for city, _ in _listed_places(street)} if street else set()
        found = [
            (text.find(name), -len(name), name)
            for name in self._county_names
            if name in text and (not cities or self.counties[name][0] in cities)
        ]
        return self.counties[min(found)[2]][1] if found else None

    def listed_cities(self, street: str) -> set[str]:
        """The cities the province's list has a street or township of this very name in (none where it has none)."""
        return {city for city, _ in _listed_places(street)}

    def parse_unit(self, printed: str) -> UnitName | None:
        """Read city, county, street and kind from a unit's full name, or None if it is not one."""
        name = normalise_name(printed)
        if not _UNIT_END.search(name) or len(name) > 40 or _NOT_IN_NAME & set(name):
            return None
        rest, city, county = name, None, None
        for candidate in self.cities:
            if rest.startswith(candidate):
                city, rest = candidate, rest[len(candidate) :]
                break
        for candidate in self._county_names:
            in_city, county_name = self.counties[candidate]
            if rest.startswith(candidate) and (city is None or in_city == city):
                county, city, rest = county_name, in_city, rest[len(candidate) :]
                break
        if city is None:
            return None
        if _NOT_A_NAME.search(rest):
            return None  # a sentence or a description, not a name
        street = None
        match = _STREET.match(rest)
        # A street after a county, or after the city alone where the page names no county
        # ("杭州市翠苑街道花园社区工会": a community's union placed by its outlet's city).
        if match and match["street"].endswith("小镇"):
            match = None  # a characteristic town (梦想小镇) is no township: its union is a town's federation
        if match and (county or _COMMUNITY_AFTER_STREET.match(rest[match.end() :])):
            street, rest = match["street"], rest[match.end() :]
            today = todays_level(street, county)
            name, street = name.replace(street, today, 1), today
        if "街道" in rest or len(rest) > 16:
            return None  # a sentence that runs on past the name ("……街道开展技能比武……街道总工会")
        if street and rest == "工会":
            # A street's or township's federation is its 总工会, however a sentence shortens it ("该镇工会",
            # "天目山镇工会召开…"): the one name the portal keeps for it, as every label and fixture writes it.
            name, rest = f"{name}总工会".replace("工会总工会", "总工会"), "总工会"
        return UnitName(name=name, city=city, county=county, street=street, kind=_kind(rest, street, county))

    def parse_zone_unit(self, printed: str) -> UnitName | None:
        """A development zone's or new area's union printed after its city or county ("舟山高新技术产业园区总工会",
        "平湖经济技术开发区总工会"), named as printed: a zone's name carries its place's short form. None for anything
        else, and where a single character sits between the place and the zone (杭州湾新区 is no 杭州 zone)."""
        name = normalise_name(printed)
        if len(name) > 30:
            return None
        for place in self._zone_places:
            match = _ZONE_UNION.fullmatch(name, len(place)) if name.startswith(place) else None
            if match is None or _NOT_A_NAME.search(match["proper"]):
                continue
            full = self.short_cities.get(place) or self.short_counties.get(place) or place
            city, county = (full, None) if full in self.cities else self.counties[full]
            return UnitName(name=name, city=city, county=county, street=None, kind=UnitKind.PARK_FEDERATION)
        return None
        head = name[: match.start()]
        for place in sorted((*self.cities, *self.counties, *self.short_cities, *self.short_counties), key=len)[::-1]:
            if not head.endswith(place):
                continue
            proper = head[: -len(place)]
            if proper or _NOT_A_NAME.search(match["proper"] or ""):
                return None  # words before the place, or a sentence between the place and the zone
            full = self.short_cities.get(place) or self.short_counties.get(place) or place
            if full in self.cities:
                return UnitName(name=name, city=full, county=None, street=None, kind=UnitKind.PARK_FEDERATION)
            city, county = self.counties[full]
            return UnitName(name=name, city=city, county=county, street=None, kind=UnitKind.PARK_FEDERATION)
        return None


# The sectors a city's or county's industry unions are named after (中国工会章程's industrial unions).
_SECTORS = "|".join(
    [
        *("建设", "教育", "教科文卫", "卫生", "卫健", "交通", "交通运输", "财贸", "金融", "农林", "农林水"),
        *("机械", "冶金", "化工", "纺织", "邮电", "能源", "电力", "水利", "旅游", "商贸", "机关"),
        # the other sectors unions are organised by ("市旅贸工会", "县科教文卫工会", "区农业农村工会")
        *("旅贸", "科教文卫", "文教", "医务", "建筑", "建材", "城建", "轻工", "石化", "邮政", "通信", "国防", "海员"),
        *("铁路", "民航", "烟草", "供销", "粮食", "文化", "体育", "广电", "传媒", "国资", "农业", "林业", "商业"),
    ]
)


def _kind(rest: str, street: str | None, county: str | None) -> str:
    """The union's kind from what follows the places in its name (总工会, 社区工会, 行业工会 ...)."""
    if re.fullmatch(r"[\u4e00-\u9fff]{2,6}新区(?:总工会|工会)", rest):
        return UnitKind.COUNTY_FEDERATION  # a new area's federation ("钱塘新区总工会") stands at the county's level
    if re.fullmatch(rf"(?:{_SECTORS})(?:系统)?工会", rest) and not (street and rest.startswith("机关")):
        return (
            UnitKind.INDUSTRY_UNION
        )  # "杭州市建设工会": a city's union of one sector (a street's 机关工会 is its office's)
    if re.search(rf"(?:{TRADES})[\u4e00-\u9fff]{{0,4}}(?:工会联合会|联合工会)$", rest):
        return UnitKind.INDUSTRY_UNION  # a trade's joint union ("货运司机工会联合会", "危化品物流企业联合工会")
    for words, kind in (
        # a sector's union, and the joint unions of an occupation ("新就业形态联合工会", "网约送餐员联合工会")
        (("行业", "新就业形态", "新业态", "网约", "快递", "外卖", "送餐", "货车司机"), UnitKind.INDUSTRY_UNION),
        (("社区",), UnitKind.COMMUNITY_UNION),
        (("村",), UnitKind.VILLAGE_UNION),
        (("楼宇", "商圈"), UnitKind.BUILDING_UNION),
        (("小镇",), UnitKind.TOWN_FEDERATION),
        (("园区", "开发区", "产业园"), UnitKind.PARK_FEDERATION),
    ):
        if any(word in rest for word in words):
            return kind
    plain = rest in ("总工会", "工会", "工会联合会")
    if street and plain:
        return UnitKind.STREET_FEDERATION if street.endswith("街道") else UnitKind.TOWNSHIP_FEDERATION
    if plain and county:
        return UnitKind.PARK_FEDERATION if "开发区" in county else UnitKind.COUNTY_FEDERATION
    if plain:
        return UnitKind.CITY_FEDERATION
    return UnitKind.ENTERPRISE_UNION
