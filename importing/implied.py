"""Unions an article never names in full: a firm's by the firm's short name ("绍兴港工会", "建华工会", proposed as
printed), a street's a union outlet reports on, a township's that founds unions."""

import re

from pilots.models import UnitKind

from .gazetteer import _NOT_A_NAME, Gazetteer, UnitName
from .naming import _GENERIC_HEAD

# A firm's union named by the firm's short name ("某某港工会" in the firm's own post): two to four characters
# after a mark or a line's start, the union word, nothing of a union's body or office after it.
_FIRM_UNION = re.compile(
    r"(?:^|(?<=[\s，。；：、“”（）,;:！？]))(?P<firm>[\u4e00-\u9fff]{2,4}?)工会(?!联合会|委员|主席|干部|工作者)", re.M
)


# A firm's legal form before its union word.
_COMPANY = r"(?:股份有限公司|有限责任公司|有限公司|集团公司|集团|公司)"


def firm_union(article: str, gazetteer: Gazetteer, *, proper_only: bool = False) -> list:
    """The union of the firm an article that names no other union is about ("绍兴港工会持续深化职工书屋建设",
    the firm named on its own elsewhere: "绍兴港打造的……"), proposed as printed with the city the article names.
    With ``proper_only`` (beside other unions), a firm the segmenter reads as a common word (公司, 物业) is none."""
    for match in _FIRM_UNION.finditer(article):
        firm = match["firm"]
        if _GENERIC_HEAD.search(firm) or _NOT_A_NAME.search(firm) or (proper_only and _common_word(firm, article)):
            continue
        if re.search(r"(?:街道|社区|[镇乡村区县市省总])$", firm):
            continue
        if firm in gazetteer.cities or firm in gazetteer.counties or article.count(firm) < 2:
            continue  # a place's union is read by the rules above; a firm is named on its own too
        if re.search(rf"{re.escape(firm)}(?:街道|社区|[镇乡村区县市])", article):
            continue  # "百丈工会" of "百丈镇": a place's union printed short, not a firm's
        city = next((full for full in gazetteer.cities if firm.startswith((full, full.removesuffix("市")))), None)
        # The firm's union printed in full too ("来自某某有限公司工会的…"): that name, not the short one.
        full = re.search(rf"{re.escape(firm)}[\u4e00-\u9fff]{{0,6}}?{_COMPANY}工会(?!联合会)", article)
        return [
            UnitName(
                name=full.group(0) if full else f"{firm}工会",
                city=city,
                county=None,
                street=None,
                kind=UnitKind.ENTERPRISE_UNION,
            )
        ]
    return []


# Union work online or by a manner (智慧工会, 网上工会, 指尖工会): no firm's name.
_UNION_MANNER = re.compile(r"智慧|网上|掌上|数字|云上|指尖|线上|智能|移动|阳光|温暖|幸福|爱心")


def _common_word(text: str, article: str = "") -> bool:
    """Whether a firm's name read before 工会 is a common word or a phrase (公司, 物业, 切实履行, 智慧), or a name the
    article never prints on its own (a firm's name stands alone too: "走进建华", "建华集团")."""
    import jieba.posseg  # loaded on first use

    words = list(jieba.posseg.cut(text))
    if _UNION_MANNER.search(text) or any(w.flag[:1] in ("v", "a", "d", "r", "p", "c", "u") for w in words):
        return True
    if article and article.count(text) <= article.count(f"{text}工会"):
        return True
    return len(words) == 1 and words[0].flag not in ("nz", "nr", "ns", "nt", "nrt", "nrfg", "j")


# A union's own site or column ("来源:萧山工会") reporting what a street or township did ("北干街道开展……"): the
# article is about that place's federation, though the copy never names it.
_TITLE_STREET = re.compile(r"^(?P<street>[\u4e00-\u9fff]{2,4}?(?:街道|镇|乡))(?!总工会|工会)")


def union_site_street(title: str, outlet: str | None, counties: str, gazetteer: Gazetteer) -> list:
    """The federation of the street or township a union outlet's article title opens with, placed in the county
    the outlet is named after ("萧山工会" → 萧山区); nothing where the outlet is no union's or names no county."""
    match = _TITLE_STREET.match(title or "")
    if match is None or not (outlet or "").endswith("工会"):
        return []
    county = gazetteer.first_county_in(counties) or gazetteer.first_county_in(gazetteer.expand_places(outlet))
    if county is None:
        return []
    unit = gazetteer.parse_unit(f"{county}{match['street']}总工会")
    return [gazetteer.canonical(unit)] if unit is not None else []


# A street or township printed with its county founding unions ("某某县某某镇通过建立20个村级联合工会"): the
# article, naming no union, is about that place's federation, which founds them.
_FOUNDING_PLACE = re.compile(
    r"(?P<place>[\u4e00-\u9fff]{2,12}?(?:街道|镇|乡))(?:通过|先后|已|共|陆续)?(?:建立|组建|成立|新建)了?[^。；！？]{0,12}工会"
)


def founding_place(article: str, gazetteer: Gazetteer) -> list:
    """The federation of the first street or township, printed with its county, that the article says founds unions."""
    for match in _FOUNDING_PLACE.finditer(article):
        place = gazetteer.expand_places(match["place"])
        for start in range(len(place) - 3):
            unit = (
                gazetteer.parse_unit(f"{place[start:]}总工会") if gazetteer.starts_with_place(place[start:]) else None
            )
            if unit is not None and unit.street:
                return [gazetteer.canonical(unit)]
    return []
