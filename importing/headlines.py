"""The headline block of an article on a page: headline, lead-in (引题) or deck (副题), kicker, and whether a
run of short lines is a headline block at all or a paragraph that opens like a news item."""

import re

from .bylines import names_only
from .furniture import COLUMN_TAG_MAX, QUOTES, SITE_HEADER
from .gazetteer import Gazetteer
from .naming import units_named
from .repair import Line
from .split import display_text

ORIGINAL_TITLE = re.compile(r"^原标题\s*[:：]\s*(?P<title>\S.*)$")

# A title line marked with its part ("……——（引题）", "“……”（主题）", "（副题）"), as reposts print a paper's title.
_TITLE_PART = re.compile(r"\s*(?:——|--)?\s*[（(](?P<part>引题|主题|副题|肩题|眉题)[）)]$")

_DECK_VERBS = re.compile(
    r"开展|举办|举行|提高|探索|推出|启动|召开|出席|选举产生|发放|建立|成立|开通|签约|表彰|走访|慰问|部署|发布|"
    r"获评|入选|荣获|上榜"
)


def names_place(text: str, gazetteer: Gazetteer) -> bool:
    plain = text.replace(" ", "")
    return (
        gazetteer.starts_with_place(plain)
        or any(plain.startswith(short) for short in (*gazetteer.short_cities, *gazetteer.short_counties))
        or bool(re.match(r"^[\u4e00-\u9fff]{0,12}?(?:总工会|工会)", plain))
    )


def _is_deck(text: str, gazetteer: Gazetteer) -> bool:
    plain = text.replace(" ", "")
    if len(plain) <= 6:
        return True  # "江舟出席": a name and a verb under the headline
    return names_place(plain, gazetteer) and bool(_DECK_VERBS.search(plain))


def _is_lead_in(first: str, second: str, gazetteer: Gazetteer) -> bool:
    """Whether the first of two title lines is a lead-in (引题): a phrase without a subject over a
    headline that names its place or union, rather than a headline over a deck stating who did what."""
    if _COUPLET.match(second) and not _COUPLET.match(first) and names_place(first, gazetteer):
        return True  # "某县总工会为渔民排忧解难" over "渔船建工会 服务跟出海": the couplet is the main title
    if _COUPLET.match(first) and not _COUPLET.match(second) and not names_place(second, gazetteer):
        return False  # "春风送暖 情系职工" over "走近某某“娘家人”的一年": the couplet is the main title too
    if (
        names_place(first, gazetteer)
        and _DECK_VERBS.search(first)
        and 7 <= len(second) < len(first)
        and not _mentions_place(second, gazetteer)
    ):
        return True  # "某县总工会慰问团分赴各乡镇" over "为环卫工人送清凉": who did it over the title
    if _is_deck(second, gazetteer):
        # A deck is longer than its headline: a news title under a longer phrase naming no one is the title.
        return 10 <= len(second.replace(" ", "")) < len(first.replace(" ", "")) and not names_place(first, gazetteer)
    if names_place(first, gazetteer):
        return False
    # The news title names its place, if not first then inside ("新年第一份报纸 送进某某“爱心驿站”"), under a
    # lead-in that names none ("开启温暖的精神之旅").
    return names_place(second, gazetteer) or (len(second) > len(first) and _mentions_place(second, gazetteer))


def _mentions_place(text: str, gazetteer: Gazetteer) -> bool:
    plain = text.replace(" ", "")
    names = (*gazetteer.cities, *gazetteer.counties, *gazetteer.short_cities)
    return "工会" in plain or any(name in plain for name in names)


# A headline set as a couplet: two or three short phrases apart ("渔船建工会 服务跟出海").
_COUPLET = re.compile(r"^[\u4e00-\u9fff“”]{3,9}(?: [\u4e00-\u9fff“”]{3,9}){1,2}$")


_UNION_ONLY = re.compile(r"^[\u4e00-\u9fff]{0,10}(?:总工会|工会)$")


_COLUMN_BAR = re.compile(r"^(?P<tag>[\u4e00-\u9fff]{2,8})\s*[|｜]\s*(?P<rest>[^|｜]{6,})$")


def headline_fields(block: list[Line], furniture: list[str], gazetteer: Gazetteer, over_source: bool = False) -> dict:
    """Headline, subheadline (lead-in or subtitle) and kicker of a headline block."""
    lines = list(block)
    if len(lines) >= 2 and _UNION_ONLY.match(lines[0].text) and _DECK_VERBS.match(lines[1].text):
        # a headline broken after its subject ("街道总工会" / "开展……活动"): one title, not a banner over it
        first, second = lines[0], lines[1]
        lines = [Line(first.number, first.raw.strip() + second.raw.strip(), first.text + second.text), *lines[2:]]
    # Column tags and banners over the headline ("工运速递", "中工娱乐") and a site's name ("某某工会网上工作平台")
    # are furniture.
    while len(lines) > 1 and (len(lines[0].text) <= COLUMN_TAG_MAX or SITE_HEADER.match(lines[0].text)):
        if any(mark in lines[0].text for mark in QUOTES) or lines[0].text.endswith(("：", ":")):
            break
        lines.pop(0)
    kicker, subtitles, titles, kicked = None, [], [], None
    own_title = any(not ORIGINAL_TITLE.match(display_text(line)) for line in lines)
    for line in lines:
        text = display_text(line)
        original = ORIGINAL_TITLE.match(text)
        if original:
            text = line.text  # the title after its key, as read (clean)
            if own_title:  # a repost's "原标题：……" under the page's own title: the original's, a subtitle
                part = _TITLE_PART.search(text)
                subtitles.append(text[: part.start()] if part else text)
                continue
        colon = re.match(r"^(?P<unit>[^：:“”]{2,20})[：:]\s*(?P<rest>.*)$", text)
        names_place = colon is not None and (
            gazetteer.parse_unit(colon["unit"].replace(" ", "")) is not None
            or gazetteer.starts_with_place(gazetteer.expand_places(colon["unit"].replace(" ", "")))
        )
        # A column's tag before a bar ("文明城市面面观|工会送清凉"), as a site titles its series: a kicker.
        tagged = _COLUMN_BAR.match(text)
        if tagged and kicker is None and len(tagged["rest"]) > len(tagged["tag"]):
            kicker, kicked = tagged["tag"], tagged["rest"]
            titles.append(kicked)
            continue
        if colon and kicker is None and (names_place or not colon["rest"]):
            kicker = colon["unit"].strip()
            if colon["rest"]:
                titles.append(colon["rest"].strip())
                kicked = colon["rest"].strip()  # the title printed on the kicker's line is the main one
        elif text.startswith(("——", "--", "—")):
            subtitles.append(text.lstrip("—- "))
        elif _TITLE_PART.search(text):
            part = _TITLE_PART.search(text)
            (titles if part["part"] == "主题" else subtitles).append(text[: part.start()])
            kicked = text[: part.start()] if part["part"] == "主题" else kicked
        else:
            titles.append(text)
    main = None
    if titles:
        # A site's metadata line repeats the main title; else the main title sits just above the
        # byline or body, under any lead-in.
        quoted = [t for t in titles if len(t) >= 4 and any(t.replace(" ", "") in f for f in furniture)]
        if quoted:
            main = max(quoted, key=len)
            titles = titles[titles.index(main) :]  # lines above the page's own title are the site's
        elif kicked is not None:
            main = kicked
        elif len(titles) >= 2 and _is_lead_in(titles[-2], titles[-1], gazetteer):
            main = titles[-1]  # a lead-in (引题) over the headline
        elif len(titles) >= 2 and over_source and not _is_deck(titles[-1], gazetteer):
            main = titles[-1]  # a web copy prints its headline just above its source line (a slogan above it)
        else:
            main = titles[-2] if len(titles) >= 2 else titles[-1]  # a headline over its deck (副题)
    others = [t for t in titles if t != main] + subtitles
    return {
        "start": lines[0].number if lines else block[0].number,
        "headline": main,
        "subheadline": " ".join(others) or None,
        "kicker": kicker,
    }


def original_titles(block: list[Line]) -> str | None:
    found = [ORIGINAL_TITLE.match(display_text(line)) for line in block]
    return " ".join(line.text for line in block) if all(found) else None  # the titles as read (clean)


def is_headline_block(block: list[Line]) -> bool:
    """Whether a run of title lines can only be a headline: a subheading inside an article is one
    line, while a headline may carry a lead-in, a subtitle ("——……") or a kicker ("……：")."""
    texts = [line.text for line in block if len(line.text) > COLUMN_TAG_MAX]
    return len(texts) >= 2 or any(text.startswith(("——", "--")) or text.endswith(("：", ":")) for text in texts)


_NEWS_OPENING = re.compile(
    r"^(?:近日|日前|近来|连日来|昨日|昨天|今天|今日|当天|当日|日前|(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?|\d{1,2}日)"
)


def opens_like_a_lead(text: str, gazetteer: Gazetteer) -> bool:
    """A paragraph that opens a news item: it starts with a date or "近日", or its first sentence
    names a union with its place."""
    if _NEWS_OPENING.match(text):
        return True
    first_sentence = re.split(r"[。；;！？]", text, maxsplit=1)[0]
    return bool(units_named(first_sentence, gazetteer))


_HAN = re.compile(r"[\u4e00-\u9fff]")
# A site's, a channel's or a column's name ("某某新闻网", "今日某某", "工会要闻", "某某频道"), a date with its time
# ("2024-10-31 12:23"), a record number: furniture a page without a headline of its own leaves above its text.
_NOT_A_HEADLINE = re.compile(
    r"(?:网|频道|门户|要闻|头条|专栏|栏目|客户端)$|^[>＞»]|[备案]\d{6,}号|^[（(\[【].*[)）\]】]$"
)
_DATE_TIME = re.compile(r"\d{4}-\d{1,2}-\d{1,2}\s*\d{1,2}[:：]\d{2}")


def _bigrams(text: str) -> set[str]:
    han = "".join(_HAN.findall(text))
    return {han[i : i + 2] for i in range(len(han) - 1)}


def plausible_headline(headline: str, body: str) -> bool:
    """Whether a line read as an article's headline can be one: not a site's, channel's or column's name, a line with a
    posting time, people's names or a bracketed note, and, when it is as short as a channel's name (five Chinese
    characters or fewer), sharing more than one pair of characters with the text ("中工娱乐", "社会团体" over a text
    about something else)."""
    han = len(_HAN.findall(headline))
    if han < 2 or (han <= 8 and _NOT_A_HEADLINE.search(headline.strip())):
        return False
    names = names_only(headline)
    if _DATE_TIME.search(headline) or (names is not None and len(names.reporters) >= 2):
        return False  # a source line with its posting time, a byline's names without their roles
    return han > 5 or len(_bigrams(headline) & _bigrams(body)) > 1
