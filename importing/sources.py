"""Where a page comes from: the outlet, the page label and the date its furniture states.

Web copies and e-paper pages print them in many shapes: "发布日期:2025-03-27 09:57:05 作者:X 来源:Y",
"来源:新华网" over a time line, "温州发布 2021-02-22", "2022-02-09 17:54:57 杭州市余杭区人民政府",
"00003版:人文", "第A13版:播 报", "2016年12月16日 星期五", the e-paper's metadata line
("浙江工人日报 人文 00003 标题 2016-10-29 …"), a browser title ("标题_栏目_网站") or the paper's
name alone on a line. No date stated means no date: the importer never puts today's in.
"""

import re
from dataclasses import dataclass, field

from .bylines import Byline, byline_line, looks_like_person, org_then_name
from .repair import Line

_DATE = re.compile(r"(?P<y>(?:19|20)\d\d)\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})日?")
_TIME = r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
# A date's key in any of the usual wordings ("发布日期", "发表时间", "更新日期", "日期"), a source's
# ("信息来源", "稿件来源", "来源"), a counter's ("浏览次数", "阅读量", "点击数").
_DATE_KEY = r"(?:发布|发表|更新|上传|录入)?(?:时间|日期)|(?:发布|发表)于"
_SOURCE_KEY = r"(?:本文|信息|稿件|文章|新闻)?来源|稿源|出处"
_COUNT_KEY = r"(?:浏览|点击|阅读|阅览|访问)(?:次数|量|数)?"
# Who reposted the copy, or from where ("转载：区总工会", "转载自：某某日报", "转自：某某网"): the original's
# outlet when no source field names one.
_REPOST_KEY = r"(?:本文)?(?:转载|转发|转)自|转载|转发"
# Who posted or typed the item in ("发布者：管理员", "录入：X"): the site's staff, not a byline.
_POSTER_KEY = r"发布(?:者|人)|录入(?:者|人)?|上传(?:者|人)|供稿(?:单位)?|审核"
# The site's column the item is filed under ("所属栏目：工会动态"): read past, never an outlet.
# ("类别：社会 发布时间：…", a news site's category)
_COLUMN_KEY = r"(?:所属)?栏目|所属频道|所属分类|(?:新闻)?类别"
_KEYS = rf"{_DATE_KEY}|{_SOURCE_KEY}|{_REPOST_KEY}|作者|编辑|责任编辑|{_COUNT_KEY}|{_POSTER_KEY}|{_COLUMN_KEY}"
# a key and its colon; a forum's "发表于" before its date needs none ("楼主 发表于 2024-7-5 09:32")
_FIELD = re.compile(rf"(?P<key>{_KEYS})(?:\s*[：:]|(?<=于)(?=\s*\d))\s*")
_BREADCRUMB_SITE = re.compile(
    r"^(?:您|你)?(?:当前)?(?:的)?(?:所在)?位置\s*[:：]\s*(?P<site>[\u4e00-\u9fff]{2,10}(?:新闻网|在线|日报|晚报|网))\s*[>＞»›]"
)
_NAME_ONLY_OUTLET = re.compile(r"^[\u4e00-\u9fff]{2,10}(?:日报|晚报|早报|商报|报|新闻网|网|在线|发布|客户端)$")
_DATE_THEN_SOURCE = re.compile(
    rf"^{_DATE.pattern}{_TIME}(?:\s*星期[一二三四五六日天])?(?:\s+|\s*[|｜·•]\s*)(?P<source>[\u4e00-\u9fff]{{2,20}})$"
)
# "某某日报 2023-07-12 10:20", with the region an aggregator adds ("… 发布于浙江").
_SOURCE_THEN_DATE = re.compile(
    rf"^(?P<source>[\u4e00-\u9fff]{{2,12}})\s+{_DATE.pattern}{_TIME}(?:\s*(?:发布|发表)于\s*[\u4e00-\u9fff]{{1,8}})?$"
)
_DATE_THEN_BYLINE = re.compile(rf"^{_DATE.pattern}{_TIME}\s+(?P<rest>\S.*)$")
# A copy's own web address printed before its time ("//www.workercn.cn", "http://www.某某.com/…").
_SITE_ADDRESS = re.compile(
    r"^(?:https?:)?/{0,2}(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:cn|com|net|org|gov)(?:/\S*?)?(?=\d|\s|$)"
)
_DATE_LINE = re.compile(rf"^{_DATE.pattern}{_TIME}(?:\s*星期[一二三四五六日天])?$")
# A blog's date glued to its column's name and a count ("2020-11-05新闻13", "2021/3/8 资讯 256").
_DATE_THEN_COLUMN = re.compile(r"^(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*[\u4e00-\u9fff]{2,6}\s*\d{0,6}$")
_PAGE = re.compile(r"^(?:第\s*)?(?P<page>[A-Za-z]?\d{1,5})\s*版\s*(?:[：:]|$)")
_EPAPER_META = re.compile(
    r"^(?P<outlet>[\u4e00-\u9fff]{2,10}报)\s+\S+\s+\d{3,5}\s+.*?(?P<date>\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日)"
)
# The article properties an e-paper system hides in the page ("<!--enpproperty <date>2021-10-09</date>…"), left in the
# text by a copy that dropped the tags: "2021-10-09 1 1 某某日报 content_100001.html 1 3 标题 /enpproperty-->".
_ENP_PROPERTY = re.compile(
    r"^(?:<!--\s*enpproperty\s*)?(?P<date>(?:19|20)\d\d-\d{2}-\d{2})(?:\s+\d+){1,3}\s+(?P<outlet>[\u4e00-\u9fff]{2,10}报)"
    r"\s+content_\d+\.html?\b.*?(?:/enpproperty\s*-->)?$"
)
_EPAPER_BANNER = re.compile(r"^(?P<outlet>[\u4e00-\u9fff]{2,10}报)\s*(?:数字报纸|数字报|电子版)$")
# A paper's name with the day and page of the issue: "《工人日报》（2023年09月22日 02版）",
# "工人日报 2023年09月22日 星期五".
_PAPER_DAY = re.compile(
    r"^《?(?P<outlet>[\u4e00-\u9fff]{2,10}报)》?\s*[（(]?\s*(?P<date>(?:19|20)\d\d年\d{1,2}月\d{1,2}日)"
    r"\s*(?:(?P<page>[A-Za-z]?\d{1,3})\s*版|星期[一二三四五六日天])?\s*[）)]?$"
)
# The issue's day and the page on one line, either way round: "2023年5月6日 第3版", "第03版：要闻 2023-05-06 星期六".
_PAGE_WORDS = r"第?\s*(?P<page>[A-Za-z]?\d{1,3})\s*版(?:\s*[：:]\s*[\u4e00-\u9fff]{0,8})?"
_WEEKDAY_WORD = r"(?:\s*(?:星期|周)[一二三四五六日天])?"
_DAY_THEN_PAGE = re.compile(rf"^{_DATE.pattern}{_WEEKDAY_WORD}\s*[|｜]?\s*{_PAGE_WORDS}$")
_PAGE_THEN_DAY = re.compile(rf"^{_PAGE_WORDS}\s*[|｜]?\s*{_DATE.pattern}{_WEEKDAY_WORD}$")


def _day_and_page(text: str) -> re.Match | None:
    return _DAY_THEN_PAGE.match(text) or _PAGE_THEN_DAY.match(text)


# A site's name printed beside a bar on a line of its own, the copy's header ("| 某某新闻网", "某某客户端 |").
_BARRED_SITE = re.compile(
    r"^(?:[|｜]\s*(?P<site>[\u4e00-\u9fff]{2,10}(?:新闻网|在线|客户端|融媒))|(?P<before>[\u4e00-\u9fff]{2,10}(?:新闻网|在线|客户端|融媒))\s*[|｜])$"
)
_BROWSER_TITLE = re.compile(r"^[^_]{4,60}_(?:[^_]{2,12}_)*(?P<site>[\u4e00-\u9fff]{2,12})$")
_BRACKETED_FIELDS = re.compile(rf"^[（(【\[]\s*(?P<inside>(?:{_KEYS})\s*[：:].*?)\s*[）)】\]]$")
# A site's buttons in brackets beside the date ("【字体：大 中 小】 2023-05-12", "【打印】【关闭】").
_BUTTONS = re.compile(
    r"[【\[][^】\]]{0,12}(?:字体|字号|打印|关闭|收藏|分享)[^】\]]{0,12}[】\]]"
    r"|\s(?:[AＡ][+＋]\s*[AＡ][-－]|[AＡ][-－]\s*[AＡ][+＋]|[大中小](?:\s+[大中小]){2})\s*$"  # the font size's buttons
)
_BRACKETED_DATE = re.compile(r"^[【\[（(]\s*(?P<inside>[^】\]）)]+?)\s*[】\]）)]$")
_WEEKDAY = re.compile(r"^(?:星期|周|礼拜)[一二三四五六日天]$")  # "2016年12月16日 星期五": a day, not a source
_FLOOR = re.compile(r"^(?:楼主|沙发|板凳|地板|\d{1,4}\s*(?:楼|#|＃))$")
# A WeChat copy's account line: "原创 作者 公众号 2023-07-20 08:00 发表于浙江" (the account stands before the date).
_ACCOUNT_LINE = re.compile(
    rf"^(?:(?P<original>原创)\s+)?(?:\S{{1,16}}\s+){{0,2}}(?P<account>[^\s\d]{{2,16}})\s+{_DATE.pattern}{_TIME}"
    r"(?P<region>\s*发表于\s*[\u4e00-\u9fff]{1,8})?$"
)
# "本文转载自某某日报", "转自某某网": a repost's source printed as a sentence without a colon.
_REPOSTED_FROM = re.compile(r"^(?:本文|本文系|文章)?(?:转载|转发|转)自\s*(?P<source>[\u4e00-\u9fff]{2,20})[。.]?$")
# A WeChat copy's time with the region it was posted in ("2023-05-12 09:30 发表于浙江"), under the account's line.
_POSTED_IN = re.compile(rf"^{_DATE.pattern}{_TIME}\s*发表于\s*[\u4e00-\u9fff]{{1,8}}$")


def posted_in_region(text: str) -> bool:
    return bool(_POSTED_IN.match(text.strip()))


# A source that is a union without a place ("市总工会") names no outlet.
_BARE_UNION = re.compile(r"^[市县区镇乡]?(?:总工会|工会)$")


@dataclass
class Source:
    outlet: str | None = None
    page: str | None = None
    date: str | None = None  # ISO, "2022-07-04"
    byline: Byline = field(default_factory=Byline)

    def fill(self, other: "Source") -> None:
        """Take what this source lacks from a wider one (the page's for an article's)."""
        self.outlet = self.outlet or other.outlet
        self.page = self.page or other.page
        self.date = self.date or other.date


def iso_date(text: str) -> str | None:
    match = _DATE.search(text)
    if not match:
        return None
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def page_label(text: str) -> str | None:
    match = _PAGE.match(text.strip())
    if not match:
        return None
    page = match["page"].lstrip("0") or "0"
    letter = re.match(r"^[A-Za-z]", page)
    return f"第{page.upper() if letter else page}版"


# A feed's or a site's own label in the source field, not an outlet ("来源:滚动播报", "来源:原创").
# A field left empty in words ("来源：无", "暂无", "未知") names no outlet either.
_NOT_AN_OUTLET = re.compile(
    r"^(?:滚动播报|滚动新闻|(?:本站)?原创|网络|综合|转载|本站|本网|网站|佚名|管理员|无|暂无|未知|不详|其他|其它)$"
)


def _outlet(text: str) -> str | None:
    text = text.strip()
    text = text[1:-1] if text.startswith("《") and text.endswith("》") else text  # "《工人日报》": the paper's name
    bare = not text or _BARE_UNION.match(text) or _WEEKDAY.match(text) or _NOT_AN_OUTLET.match(text)
    return None if bare else text


# A byline printed after the outlet in the same source field ("来源:浙江在线 通讯员 倪佳 苏军").
_ROLE_AFTER = re.compile(r"\s+(?=(?:[\u4e00-\u9fff]{0,3}(?:记者|通讯员)|作者|摄影)\s?[：:]?\s?[\u4e00-\u9fff])")


# A county's correspondents of the province's news app, after its name in the source field
# ("来源: 潮新闻 共享联盟·某某镇 王明 李华"): the alliance of county media the app credits, then their names.
_ALLIANCE = re.compile(
    r"\s*共享联盟[·・][\u4e00-\u9fff]{2,12}\s+(?P<names>[\u4e00-\u9fff]{2,3}(?:\s+[\u4e00-\u9fff]{2,3}){0,3})$"
)


def _credit_after(value: str) -> tuple[str, Byline | None]:
    """A source field's outlet and the byline printed after it, if any."""
    alliance = _ALLIANCE.search(value)
    if alliance:
        names = alliance["names"].split()
        if all(looks_like_person(name) for name in names):
            return value[: alliance.start()], Byline(reporters=names)
    match = _ROLE_AFTER.search(value)
    if match is None:
        return value, None
    credit = byline_line(value[match.end() :])
    return (value[: match.start()], credit) if credit else (value, None)


def meta_line(text: str) -> Source | None:
    """The source an article's metadata line states, else None (a line of text, a title)."""
    text = text.strip()
    unbuttoned = _BUTTONS.sub(" ", text).strip()
    text = unbuttoned or text
    bracketed = _BRACKETED_FIELDS.match(text)
    if bracketed:
        text = bracketed["inside"]  # "（来源：某某日报）" closing a copy
    dated_only = _BRACKETED_DATE.match(text)
    if dated_only and _DATE_LINE.match(dated_only["inside"]):
        text = dated_only["inside"]  # "[ 2023-05-12 ]"
    fields = list(_FIELD.finditer(text))
    # The time the page was posted may stand before a single key ("2019-01-24 11:25  来源:浙江在线",
    # "2025年07月03日13:42 | 来源:人民网").
    prefix = text[: fields[0].start()].strip(" |｜\u3000[]【】") if fields else ""
    prefix = _SITE_ADDRESS.sub("", prefix).strip()  # "//www.某某.cn2014-08-20 11:09:58来源:": the copy's address
    # A forum post's floor ("楼主 发表于: 2020-09-10") stands before its time as a date would.
    dated = bool(prefix) and bool(_DATE_LINE.match(prefix) or _FLOOR.match(prefix))
    # the poster's name before a forum's "发表于 <date>" ("某某爱好者 发表于 2023-6-2 15:49:05")
    dated = dated or (bool(fields) and fields[0]["key"].endswith("于") and bool(re.fullmatch(r"\S{1,16}", prefix)))
    if fields and (fields[0].start() == 0 or len(fields) >= 2 or dated):
        source = Source()
        for index, match in enumerate(fields):
            end = fields[index + 1].start() if index + 1 < len(fields) else len(text)
            value = text[match.end() : end].strip()
            key = match["key"]
            if re.fullmatch(_DATE_KEY, key):
                source.date = iso_date(value) or source.date
            elif re.fullmatch(_SOURCE_KEY, key):
                value, credit = _credit_after(value)
                source.byline = credit or source.byline
                # the outlet ends where the line's bars, buttons or counts begin ("某某日报 | 【大 中 小】")
                outlet = re.split(r"\s{2,}|\s(?=\d)|\s*[|｜【\[]|\s*(?:字号|字体)\s*[：:]", value)[0] if value else ""
                source.outlet = _outlet(outlet) or source.outlet
            elif re.fullmatch(_REPOST_KEY, key):
                source.outlet = source.outlet or _outlet(re.split(r"\s", value)[0] if value else "")
            elif key == "作者":
                value = re.split(r"\s{2,}|\s*[|｜【\[]", value)[0] if value else ""  # "作者：X 【大 中 小】"
                source.byline = (
                    byline_line(value) or byline_line(f"作者 {value}") or org_then_name(value) or source.byline
                )
        if fields[0].start() > 0 and not dated:
            return None
        if source.date is None and dated:
            source.date = iso_date(prefix)
        if source.date is None:
            # A date printed in the line without a key of its own ("编辑: 朱少珍 2013-08-14").
            source.date = iso_date(" ".join(text[match.end() :] for match in fields))
        return source
    if _POSTED_IN.match(text):
        return Source(date=iso_date(text))  # "发表于浙江" is the region, not a source
    addressed = _SITE_ADDRESS.sub("", text).strip()  # "某某.hangzhou.com.cn  2018年08月03日 …  某某快报"
    for pattern in (_DATE_THEN_SOURCE, _SOURCE_THEN_DATE):
        match = pattern.match(text) or (pattern.match(addressed) if addressed != text else None)
        if match:
            return Source(outlet=_outlet(match["source"]), date=iso_date(match.group(0)))
    if _DATE_LINE.match(text) or _DATE_THEN_COLUMN.match(text):
        return Source(date=iso_date(text))
    dated = _DATE_THEN_BYLINE.match(text)
    if dated:
        credit = byline_line(dated["rest"])  # "2022-12-01 09:45    通讯员 X Y 记者 Z": the time, then the byline
        if credit:
            return Source(date=iso_date(text), byline=credit)
    match = _REPOSTED_FROM.match(text)
    if match:
        return Source(outlet=_outlet(match["source"]))
    match = _ACCOUNT_LINE.match(text)
    if match and (match["original"] or match["region"]):
        return Source(outlet=match["account"], date=iso_date(text))
    return None


_VALUE = re.compile(r"\S+?(?=[，。]|\s|$)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_DATE_AT_END = re.compile(rf"{_DATE.pattern}{_TIME}\s*$")
_PROSE_MARKS = re.compile(r"[。！？，；]")


def split_flattened(text: str) -> tuple[str, str, str] | None:
    """A page a tool flattened onto one line, as (head, source fields, text): "标题 发布时间：2023-05-06
    来源：某某日报 　　5月5日，……" → ("标题", "发布时间：2023-05-06 来源：某某日报", "5月5日，……"); else None.

    The text starts after the last field's value (its first word; a date's time too); the head before the
    first field holds no sentence, and a date printed just before the first key is a field of its own.
    """
    text = text.strip()
    fields = list(_FIELD.finditer(text))
    if not fields or len(text) < 30:
        return None
    last = fields[-1]
    value = _VALUE.match(text, last.end())
    if value is None:
        return None
    rest = text[value.end() :].strip(" ，,|｜\u3000")
    head = text[: fields[0].start()]
    fields_text = text[fields[0].start() : value.end()]
    if not re.search(r"[。！？]", rest) or _PROSE_MARKS.search(head) or _PROSE_MARKS.search(fields_text):
        return None
    dated = _DATE_AT_END.search(head)
    meta_start = dated.start() if dated else fields[0].start()
    meta = text[meta_start : value.end()].strip()
    if meta_line(meta) is None:
        return None
    return text[:meta_start].strip(" |｜\u3000"), meta, rest


def names_the_issue(text: str) -> bool:
    """Whether a line is the paper's own furniture naming the issue ("《工人日报》（2023年09月22日 02版）")."""
    text = " ".join(text.split())
    return bool(
        _PAPER_DAY.match(text)
        or _EPAPER_BANNER.match(text)
        or _EPAPER_META.match(text)
        or _ENP_PROPERTY.match(text)
        or _day_and_page(text)
    )


def page_source(raw_lines: list[str]) -> Source:
    """What the page's furniture states for every article on it."""
    source = Source()
    for raw in raw_lines:
        text = " ".join(raw.split())
        if not text:
            continue
        match = _EPAPER_META.match(text) or _ENP_PROPERTY.match(text)
        if match:
            source.outlet = source.outlet or match["outlet"]
            source.date = source.date or iso_date(match["date"])
            continue
        match = _PAPER_DAY.match(text)
        if match:
            source.outlet = source.outlet or match["outlet"]
            source.date = source.date or iso_date(match["date"])
            if match["page"]:
                source.page = source.page or page_label(f"{match['page']}版")
            continue
        match = _EPAPER_BANNER.match(text) or _BROWSER_TITLE.match(text) or _BARRED_SITE.match(text)
        if match:
            named = match.groupdict()
            source.outlet = source.outlet or named.get("outlet") or named.get("site") or named.get("before")
            continue
        match = _day_and_page(text)
        if match:
            source.date = source.date or iso_date(text)
            source.page = source.page or page_label(f"{match['page']}版")
            continue
        page = page_label(text)
        if page:
            source.page = source.page or page
            continue
        if re.search(r"星期[一二三四五六日天]", text) and _DATE_LINE.match(text):
            source.date = source.date or iso_date(text)
    # The paper's name alone on a line opening or closing the page ("宁波晚报").
    printed = [raw.strip() for raw in raw_lines if raw.strip()]
    for text in printed[:1] + printed[-1:]:
        if _NAME_ONLY_OUTLET.match(text) and text.endswith("报"):  # a site's name alone may be a menu's link
            source.outlet = source.outlet or text
    # The news site a copy's breadcrumb starts from ("您当前的位置 : 某某在线 > 某某新闻网 > …").
    for text in printed[:8]:
        crumb = _BREADCRUMB_SITE.match(text)
        if crumb:
            source.outlet = source.outlet or crumb["site"]
    return source


_GENERIC_OUTLET = re.compile(r"[\u4e00-\u9fff]?(?:报|网|台|刊)|新闻网|客户端")


def dateline_outlet(dateline: str | None) -> str | None:
    """ "海曙新闻网讯" names the outlet 海曙新闻网; "本报讯" names none."""
    if not dateline or dateline.startswith(("本报", "本刊", "本网", "本台", "本站")) or not dateline.endswith("讯"):
        return None
    # "浙江在线1月24日讯", "某某在线-台州频道4月9日讯": the outlet before its channel and the day
    name = re.sub(r"(?:[-－—·][\u4e00-\u9fff]{2,8}?)?\d{1,2}月\d{1,2}日$", "", dateline[:-1])
    # "导报讯", "晚报讯", "网讯": the paper's own short word for itself names no outlet.
    return None if _GENERIC_OUTLET.fullmatch(name) else name


_YEAR_ONLY = re.compile(r"^(?:19|20)\d\d$")
_MONTH_DAY = re.compile(r"^\d{1,2}[-/.]\d{1,2}$")
_CLOCK = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")


def join_split_dates(lines: list[Line]) -> list[Line]:
    """A date a site's layout prints over lines ("2022" / "09-05" / "17:13") read as one line."""
    joined, i = [], 0
    while i < len(lines):
        line = lines[i]
        if i + 1 < len(lines) and _YEAR_ONLY.match(line.raw.strip()) and _MONTH_DAY.match(lines[i + 1].raw.strip()):
            text = f"{line.raw.strip()}-{lines[i + 1].raw.strip()}"
            i += 2
            if i < len(lines) and _CLOCK.match(lines[i].raw.strip()):
                text, i = f"{text} {lines[i].raw.strip()}", i + 1
            joined.append(Line(line.number, text, text))
            continue
        joined.append(line)
        i += 1
    return joined
