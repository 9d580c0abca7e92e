"""Which of an article's unions leads it, weighed on the evidence the article gives: where each is named (title,
lead, body; how often) and how its level stands against the places the title and lead name (a title naming a street
points at that street's federation, one naming a county at the county's, several counties of a city at the city's).
The subject rules' order is one piece of evidence among them; the union with the most evidence leads."""

import re
from dataclasses import dataclass

from pilots.models import UnitKind

from .gazetteer import Gazetteer, UnitName

_STREET_KINDS = (UnitKind.STREET_FEDERATION, UnitKind.TOWNSHIP_FEDERATION)
_LEVEL_OF = {
    UnitKind.STREET_FEDERATION: "street",
    UnitKind.TOWNSHIP_FEDERATION: "street",
    UnitKind.COUNTY_FEDERATION: "county",
    UnitKind.CITY_FEDERATION: "city",
}
_UNION_SUFFIXES = ("工会委员会", "工会联合会", "联合工会", "总工会", "联合会", "工会")
_SECTOR_WORDS = ("行业", "系统")
# A federation printed without its place ("区总工会举办…", "由市总工会、县总工会主办", "街道总工会为…"): its level after
# a mark or a joining word.
_BARE = re.compile(r"(?:^|(?<=[^\u4e00-\u9fff]|[、和与及由在向对是了]))(?P<level>[省市县区]|街道|镇|乡)总工会", re.M)
# The article speaks of a whole city or county ("我市召开…", "在全市将建成…"): its federation's ground.
# "全市首个", "在全市率先", "在全市推广" compare a lower place with the whole: no sign.
_WHOLE_PLACE = re.compile(r"(?:全|我|本)(?P<level>[市县区])(?!首|第一|唯一|率先|领先|推广|范围内首)")
# A title about the whole province ("省“华生”杯…大赛举行", "全省职工…", "浙江省…"; not 省级, 省内, 省外).
_PROVINCE_TITLE = re.compile(r"^(?:浙江省|全省|省(?![级内外]))", re.M)


def places_in(text: str, gazetteer: Gazetteer) -> tuple[list[str], list[str]]:
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


@dataclass(frozen=True)
class Ground:
    """The place a text is about: the most specific level it names ("street", "county", "city") and its places."""

    level: str
    places: frozenset
    strong: bool = True  # a city named alone is weak evidence: papers of the province print it before any county's news


def ground_of(text: str, units: list, gazetteer: Gazetteer) -> Ground | None:
    """The ground a title or lead names: the streets it names (of the article's unions, or of their counties in the
    gazetteer), else one county, else the city of several counties it names, else the city."""
    if not text:
        return None
    if _PROVINCE_TITLE.search(text):
        return Ground("province", frozenset({None}))
    streets = {u.street for u in units if u.street}
    streets |= {s for u in units if u.county for s in gazetteer.streets.get(u.county, ())}
    # A street printed short ("柯岩女职工…") where its short name is no county's ("余杭" is 余杭区 too).
    places = (*gazetteer.cities, *gazetteer.counties, *gazetteer.short_cities, *gazetteer.short_counties)
    short = {s for s in streets if s in {u.street for u in units} and _stem(s) not in places}
    named = {s for s in streets if s in text or (s in short and _stem(s) in text)} | streets_printed(text, gazetteer)
    if named:
        return Ground("street", frozenset(named))
    cities, counties = places_in(text, gazetteer)
    counties = _distinct_counties(text, gazetteer) if len(counties) > 1 else counties
    if len(counties) == 1:
        return Ground("county", frozenset(counties))
    of_cities = {gazetteer.counties[c][0] for c in counties if c in gazetteer.counties}
    if len(counties) > 1 and len(of_cities) == 1:
        return Ground("city", frozenset(of_cities))  # a city's digest of its counties
    if cities:
        return Ground("city", frozenset(cities[:1]), strong=False)
    return None


# Where a meeting or an event was held ("交流会在某某县召开", "…活动在某某市举行"): its venue, not the place it is
# about (a city's meeting held in one of its counties, a province's event in a city).
_VENUE = re.compile(r"在(?P<place>[\u4e00-\u9fff]{2,8}?)(?=(?:隆重|顺利|正式)?(?:举行|召开|举办|开幕|闭幕|落幕|启幕))")


def _venues_out(text: str) -> str:
    return _VENUE.sub(lambda m: "在" + "□" * len(m["place"]), text)


_LEVEL = re.compile(r"街道|镇|乡")


def streets_printed(text: str, gazetteer: Gazetteer) -> set[str]:
    """The streets and townships of the province a text names ("金清镇为骑手…" → 金清镇), the longest name the
    province's list has before each level (not 城镇, 乡镇, 小镇: no list has them)."""
    found = set()
    for level in _LEVEL.finditer(text):
        for size in (4, 3, 2):
            name = text[max(0, level.start() - size) : level.end()]
            if re.fullmatch(r"[\u4e00-\u9fff]+", name) and len(name) > size and gazetteer.is_township(name):
                found.add(name)
                break
    return found


def _distinct_counties(text: str, gazetteer: Gazetteer) -> list[str]:
    """The counties a text names, each printed name read once, longest first ("杭州钱塘新区" is one county, not
    钱塘新区 and 钱塘区)."""
    found = []
    names = [*gazetteer.counties, *gazetteer.short_counties]
    for name in sorted(names, key=len, reverse=True):
        if name in text:
            county = gazetteer.counties[gazetteer.short_counties.get(name, name)][1]
            found += [county] if county not in found else []
            text = text.replace(name, "\0" * len(name))
    return found


def _stem(street: str) -> str:
    stem = street.removesuffix("街道").removesuffix("镇").removesuffix("乡")
    return stem if len(stem) >= 2 else street


def _own_place(unit: UnitName) -> tuple[str | None, str | None, bool]:
    """A union's level, its place at that level and whether it stands below the place's federation (a community's,
    a sector's or a firm's union)."""
    if unit.kind in _LEVEL_OF:
        level = _LEVEL_OF[unit.kind]
        return level, {"street": unit.street, "county": unit.county, "city": unit.city}[level], False
    if unit.name.startswith("浙江省") and unit.kind is None:
        return "province", None, False
    for level, place in (("street", unit.street), ("county", unit.county), ("city", unit.city)):
        if place:
            return level, place, True
    return None, None, True


def _token(unit: UnitName) -> str:
    """What a union is called after its places ("快递行业工会联合会" → 快递, "花园社区工会" → 花园社区)."""
    rest = unit.name
    for place in (unit.street,):
        if place and place in rest:
            rest = rest[rest.find(place) + len(place) :]
    for place in (unit.city, unit.county):
        if place and rest.startswith(place):
            rest = rest[len(place) :]
    for suffix in _UNION_SUFFIXES:
        if rest.endswith(suffix):
            rest = rest[: -len(suffix)]
            break
    for word in _SECTOR_WORDS:
        rest = rest.removesuffix(word)
    return rest if len(rest) >= 2 else ""


def _forms(unit: UnitName) -> set[str]:
    """The ways copy prints a union's name: in full, without its city, its county, from its street on."""
    name, forms = unit.name, {unit.name}
    for place in (unit.city, unit.county):
        if place and name.startswith(place):
            name = name[len(place) :]
            forms.add(name)
    if unit.street and unit.street in name:
        forms.add(name[name.find(unit.street) :])
    level, place, below = _own_place(unit)
    if level in ("city", "county") and place and not below:
        # the federation's own service centre and workers' palace ("杭州市职工服务中心…") print it by another name
        forms |= {f"{where}{organ}" for where in {place, place[:-1]} for organ in ("职工服务中心", "工人文化宫")}
    return {form for form in forms if len(form) >= 5}


def first_mention(unit: UnitName, text: str) -> int:
    """Where a text first prints a union in any of its forms (past its end where it never does)."""
    found = [text.find(form) for form in _forms(unit) | {unit.name} if form in text]
    return min(found, default=len(text))


def _bare_level(unit: UnitName) -> str | None:
    """The level a federation is printed by without its place ("区总工会", "市总工会", "省总工会")."""
    if unit.kind == UnitKind.COUNTY_FEDERATION and unit.county:
        return unit.county[-1]
    if unit.kind in _STREET_KINDS and unit.street:
        return next(level for level in ("街道", "镇", "乡") if unit.street.endswith(level))
    return {UnitKind.CITY_FEDERATION: "市"}.get(unit.kind) or ("省" if _own_place(unit)[0] == "province" else None)


def _times(unit: UnitName, text: str, bare: bool = False) -> int:
    """How often a text prints a union (its longest form at each place; with ``bare``, by its level alone too)."""
    level = _bare_level(unit) if bare else None
    at = {m.start() for m in _BARE.finditer(text) if m["level"] == level}
    for form in sorted(_forms(unit), key=len, reverse=True):
        start = text.find(form)
        while start >= 0:
            if not any(start <= other < start + len(form) for other in at):
                at.add(start)
            start = text.find(form, start + 1)
    return len(at)


_ORDER = {"street": 0, "county": 1, "city": 2, "province": 3}


def _above(unit: UnitName, ground: Ground, gazetteer: Gazetteer, counties: dict) -> bool:
    """Whether a federation stands above the places a text is about (a county's where the title names one of its
    streets, a city's where it names one of its counties)."""
    level, _, below = _own_place(unit)
    if below or level not in _ORDER or not ground.strong or _ORDER[level] <= _ORDER[ground.level]:
        return False
    if ground.level == "street":
        return level == "county" and unit.county in {counties.get(street) for street in ground.places}
    return ground.level == "county" and any(gazetteer.counties.get(c, (None,))[0] == unit.city for c in ground.places)


# Where the events of a lead happen ("在青石街道便民服务中心门口", "走进北仑区青石街道…").
_AT_PLACE = r"(?:在|于|来到|走进|深入|赴)[\u4e00-\u9fff]{0,6}?"


def _whole_levels(text: str) -> set[str]:
    return {match["level"] for match in _WHOLE_PLACE.finditer(text)}


def _refines(lead: Ground | None, title: Ground | None, text: str) -> bool:
    """Whether the lead's ground says more than the title's: the title names no place or a city alone, or the lead's
    events happen in a lower place than the title names (a county's report of what its street did there)."""
    if lead is None or title is None or not title.strong:
        return lead is not None
    if lead.level not in _ORDER or title.level not in _ORDER or _ORDER[lead.level] >= _ORDER[title.level]:
        return False
    return any(re.search(_AT_PLACE + re.escape(place), text) for place in lead.places if place)


def _score(unit: UnitName, texts: tuple, grounds: tuple, gazetteer: Gazetteer, counties: dict, whole: set):
    title, lead, body = texts
    level, place, below = _own_place(unit)
    token = _token(unit)
    # The federation of the place the title names, where the article speaks of that place as a whole (全区, 我市).
    score = 2.0 if grounds[0] and place in grounds[0].places and not below and _bare_level(unit) in whole else 0.0
    for text, named, called, at_ground, beneath, ground in (
        (title, 4, 2, 3, 1, grounds[0]),
        (lead, 2, 1, 1.5, 0.5, grounds[1] if _refines(grounds[1], grounds[0], lead) else None),
    ):
        score += named if _times(unit, text, bare=True) else (called if token and token in text else 0)
        if ground is not None and level == ground.level and place in ground.places:
            score += beneath if below or not ground.strong else at_ground
        elif ground is not None and _above(unit, ground, gazetteer, counties):
            score -= at_ground * 2 / 3
    return score + 0.5 * min(_times(unit, body), 4)


def _counties_of(streets, units: list, gazetteer: Gazetteer, text: str) -> dict:
    """The county each street lies in: that of a union the article places in it, else the province's list's (a name
    several counties share placed by the text), else the article's only county."""
    counties = {u.county for u in units if u.county}
    found = {}
    for street in streets:
        county = next((u.county for u in units if u.street == street and u.county), None)
        county = county or gazetteer.street_county(street, text)
        found[street] = county or (next(iter(counties)) if len(counties) == 1 else None)
    return found


def _ground_federations(units: list, title: str, grounds: tuple, gazetteer: Gazetteer, counties: dict, whole) -> list:
    """The federations of the places the title (or lead) is about that the article never names as unions: the street
    a title naming no union names ("金清镇为骑手送清凉" in a county's report), the city of a digest of its counties or
    one the article speaks of as a whole ("温州将建…" / "全市"), the county a title names where the article speaks of
    the whole county ("南湖区将建…" / "全区")."""
    found = []
    title_ground, lead_ground = grounds
    if title_ground is not None and title_ground.level == "county":
        found += [gazetteer.parse_unit(f"{c}总工会") for c in sorted(title_ground.places) if c[-1] in whole]
    if title_ground is not None and title_ground.level == "street" and not any(_times(u, title, True) for u in units):
        for street, county in sorted((street, counties.get(street)) for street in title_ground.places):
            found.append(gazetteer.parse_unit(f"{county}{street}总工会") if county else None)
    for ground in (title_ground, lead_ground):
        if ground is not None and ground.level == "city" and ground.strong:
            found += [gazetteer.parse_unit(f"{city}总工会") for city in sorted(ground.places)]
            break
    names = {u.name for u in units}
    return [gazetteer.canonical(u) for u in found if u is not None and gazetteer.canonical(u).name not in names]


def _digest(units: list, cities) -> bool:
    """Whether an article's unions lie in several counties of the title's city (a digest of its counties' news)."""
    return len({u.county for u in units if u.county and u.city in cities}) > 1


# The union an article credits as its writer ("作者:某某镇总工会王明", "（某某街道总工会）") is the one it is about:
# on the labelled union-site items it always was, over a county the title names (a town's item on its county's site).
CREDIT = 8.0


def weigh(
    units: list, title: str, lead: str, body: str, gazetteer: Gazetteer, prior: float = 1.5, credit: str | None = None
) -> list:
    """The units with the one the evidence weighs most first (the rules' first unit given ``prior``, the credited one
    ``CREDIT``), the others in their order."""
    if not units:
        return units
    grounds = (ground_of(_venues_out(title), units, gazetteer), ground_of(_venues_out(lead), units, gazetteer))
    if not title.strip():
        # Printed without a title, an article's lead names where things happened (the street visited, the venue),
        # not the ground a title names: it places no union above another.
        grounds = (None, None)
    whole = _whole_levels(f"{lead}\n{body}")
    if grounds[0] is not None and not grounds[0].strong and ("市" in whole or _digest(units, grounds[0].places)):
        # A title's city the article speaks of as a whole, or whose counties' unions it reports on: the city's.
        grounds = (Ground("city", grounds[0].places), grounds[1])
    streets = {s for g in grounds if g is not None and g.level == "street" for s in g.places}
    counties = _counties_of(streets, units, gazetteer, f"{title}\n{lead}\n{body}")
    units = units + _ground_federations(units, title, grounds, gazetteer, counties, whole)
    scores = [_score(u, (title, lead, body), grounds, gazetteer, counties, whole) for u in units]
    scores[0] += prior
    scores = [score + (CREDIT if unit.name == credit else 0.0) for score, unit in zip(scores, units, strict=True)]
    best = max(range(len(units)), key=lambda i: (scores[i], -i))
    return [units[best]] + [u for i, u in enumerate(units) if i != best]
