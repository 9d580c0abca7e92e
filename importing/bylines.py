"""Newspaper bylines and photo credits in every shape and place a page prints them.

A byline is a run of roles and names: "记者李国峰", "见习记者任杰 通讯员邱萌翘", "通讯员张三、李四",
optionally in brackets, after a dateline ("本报讯", "中工网讯"), after the paper's name
("浙江工人日报记者吴晓静"), behind a "■", and closed by "报道" (reporting) or "摄" (photographs).
It stands on a line of its own, opens the first paragraph (the lead) or closes the last one.
The rules read these shapes, never a list of known people.
"""

import re
from dataclasses import dataclass, field

# Roles, longer first so 见习记者 wins over 记者.
ROLES = (
    "首席记者",
    "特约记者",
    "见习记者",
    "实习记者",
    "摄影记者",
    "全媒体记者",
    "融媒体记者",
    "本报记者",
    "特约通讯员",
    "通讯员",
    "实习生",
    "记者",
    "摄影",
    "摄像",
    "视频",
    "航拍",
    "作者",
)
# Roles whose names took the photographs (or the video: pictures, not text).
PHOTO_ROLES = ("摄影记者", "摄影", "摄像", "视频", "航拍")
# Any other title before 记者 or 通讯员 ("驻站记者", "视频记者", "特派记者") where a byline starts or after
# a space or bracket: the list above is what the seeds print, not what a paper may print.
_ANY_TITLE = r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,3}(?:记者|通讯员)"
_ROLE = "(?:" + "|".join(ROLES) + "|" + _ANY_TITLE + ")"
_NAME = r"[\u4e00-\u9fff·]{2,4}"
# At most six names to a role, four roles to a byline (MAX_CREDITS): a name may be a role's word
# ("记者 王明 记者 李华" read as one role's three names, or two roles'), so unbounded runs of names and
# roles can be split in exponentially many ways; one byline never holds more.
MAX_NAMES = 6
_NAMES = (
    rf"{_NAME}(?:\s*[、，,]\s*{_NAME}|\s(?!报道|摄|供图|近日|日前)(?={_NAME}(?:$|[\s、，,）)/／]|报道)){_NAME})"
    rf"{{0,{MAX_NAMES - 1}}}"
)
# One role with its names; a colon or a single space may separate role and names ("记者 王明",
# "记者:王明"); names may be set apart by spaces ("通讯员 姚舒婷 孔晶").
_CREDIT = rf"{_ROLE}\s?[：:]?\s?(?!报道){_NAMES}"
MAX_CREDITS = 4
_CREDITS = rf"(?:{_CREDIT})(?:\s*[、，,]?\s*{_CREDIT}){{0,{MAX_CREDITS - 1}}}"
# The paper or site printed before the first role ("浙江工人日报记者…", "本报记者…").
# A county's media centre may stand before the role too ("县融媒体中心记者", "区融媒体中心 记者").
_MEDIA = (
    r"(?:(?P<media>(?:[\u4e00-\u9fff]{2,10}?(?:报|网|社|台|客户端|在线|频道)|[\u4e00-\u9fff]{1,6}?新闻)"
    r"(?:·[\u4e00-\u9fff]{2,6}?)?)"
    r"|[\u4e00-\u9fff]{1,8}?(?:融媒体中心|传媒中心|新闻中心|融媒)\s?)?"
)
_OPEN, _CLOSE = r"[（(【]", r"[）)】]"
# "摄影报道": the names wrote the story and took its photographs ("通讯员张锦清 记者羊荣江 摄影报道").
_TAIL = r"(?:摄影\s?报道|报道|摄影|摄|文[/／]图|文[/／]摄|图[/／]文|文图|图文|供图)"

# A line that is a byline and nothing else.
# Marks a page sets before a byline ("■记者 X", "□通讯员 X").
_BULLETS = "■●▲□◆"
_LINE = re.compile(
    rf"^[{_BULLETS}\s]*(?:{_OPEN}\s*)?{_MEDIA}(?P<credits>{_CREDITS})\s*(?P<tail>{_TAIL})?\s*(?:{_CLOSE})?$"
)
# A photo credit without roles: "李明 摄", "李明、王芳 摄".
_PLAIN_CREDIT = re.compile(
    rf"^[{_BULLETS}\s]*(?P<open>{_OPEN}\s*)?(?P<credits>{_NAMES})\s+(?P<tail>摄影\s?报道|摄|供图|文[/／][图摄]|图[/／]文)"
    rf"\s*(?(open){_CLOSE})$"  # "（王明 李华 文/摄）" in brackets too
)
# A dateline opening the lead: "本报讯", "中工网讯", "新华社杭州5月6日电".
_DATELINE = (
    r"(?:本报讯|本刊讯|[\u4e00-\u9fff]{1,8}?(?:报|网|社|台|端|\s?报道)讯(?!息)"
    # the outlet, perhaps a place or its channel, and the day: "浙江在线1月24日讯", "本报杭州7月20日讯",
    # "某某网-台州频道4月9日讯"
    # "某某网宁波8月24日消息": a broadcaster's dateline
    r"|[\u4e00-\u9fff]{2,10}?(?:[-－—·][\u4e00-\u9fff]{2,8}?)?\d{1,2}月\d{1,2}日(?:讯|电|消息)"
    r"|[\u4e00-\u9fff]{1,4}社[\u4e00-\u9fff\d]{2,12}电)"
)
_LEAD = re.compile(
    rf"^[{_BULLETS}\s]*【?(?P<dateline>{_DATELINE})】?\s*(?:{_OPEN}\s*{_MEDIA}(?P<bracketed>{_CREDITS})\s*(?P<btail>{_TAIL})?\s*{_CLOSE}"
    rf"|(?P<credits>{_CREDITS})\s*(?P<tail>报道|摄)?|(?P<plain>{_NAMES})\s+报道(?=\s)"
    rf"|{_OPEN}\s*(?P<bplain>{_NAMES})\s*报道\s*{_CLOSE})?[\s：:]*(?P<rest>.*)$"
)
# A lead without a dateline but with "报道": "记者赵亮报道 近日，……".
_LEAD_NO_DATELINE = re.compile(rf"^(?P<credits>{_CREDITS})\s*报道\s+(?P<rest>\S.*)$")
# A bracketed byline opening the first paragraph: "（记者 王明）近日，……".
_LEAD_BRACKETED = re.compile(
    rf"^{_OPEN}\s*{_MEDIA}(?P<credits>{_CREDITS})\s*(?P<tail>{_TAIL})?\s*{_CLOSE}\s*(?P<rest>\S.*)$"
)
# A credit closing a paragraph: "……前八名。通讯员柳庭和 记者孟万成 摄", "……。（记者 王明）".
_TRAILING = re.compile(
    rf"^(?P<body>.*[。！？”）)])\s*(?:{_OPEN}\s*)?{_MEDIA}(?P<credits>{_CREDITS}|{_NAMES}(?=\s+摄))"
    rf"\s*(?P<tail>{_TAIL})?\s*(?:{_CLOSE})?$"
)
_ROLE_SPLIT = re.compile(_ROLE)
# A credit closing a paragraph may stand without "报道" when a role opens it ("……节目。记者周金友、洪菡婷").
_ROLE_OPENS = re.compile(rf"^(?:{'|'.join(ROLES)})")
# Words that look like names after a role but are not ("记者从……获悉").
_NOT_NAMES = ("获悉", "了解", "采访", "近日", "日前", "从", "在", "报道", "视频", "摄像", "文图", "图文", "编辑")
_NOT_NAMES += ("佚名", "匿名", "管理员", "本站", "本网")  # a site's placeholder for an unknown author


@dataclass
class Byline:
    """People credited by one byline: reporters and correspondents, and photographers."""

    reporters: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    outlet: str | None = None  # the paper or site printed before the first role ("某某晚报·频道记者 X")

    def __bool__(self) -> bool:
        return bool(self.reporters or self.photographers)


def _role_names(credits: str) -> list[tuple[str, str]] | None:
    """(role, name) of a run of credits, in order; None when a "name" is not one."""
    found: list[tuple[str, str]] = []
    roles = ["", *_ROLE_SPLIT.findall(credits)]
    for role, part in zip(roles, _ROLE_SPLIT.split(credits), strict=False):
        for name in re.split(r"[、，,：:\s]+", part):
            if not name or _ORG_WORD.match(name):
                continue  # the body a correspondent writes for ("通讯员 城西街道 王明"): not a name
            if not re.fullmatch(_NAME, name) or name.startswith(_NOT_NAMES) or name.endswith(("报道", "摄")):
                return None
            found.append((role, name))
    return found or None


def _names(credits: str) -> list[str] | None:
    found = _role_names(credits)
    return [name for _, name in found] if found else None


def _credit(credits: str, tail: str | None) -> Byline | None:
    found = _role_names(credits)
    if found is None:
        return None
    names = [name for _, name in found]
    has_role = bool(_ROLE_SPLIT.search(credits))
    if tail is not None and re.fullmatch(r"摄影\s?报道|文[/／][图摄]|图[/／]文|文图|图文", tail):
        return Byline(reporters=names, photographers=names)
    if tail in ("摄", "摄影"):
        # Reporters and correspondents who took the photographs are bylines of the story too.
        return Byline(reporters=names if has_role else [], photographers=names)
    if tail == "供图":
        return Byline()  # pictures supplied by someone: a courtesy, not a byline
    photographers = [name for role, name in found if role in PHOTO_ROLES]
    return Byline(reporters=[name for role, name in found if role not in PHOTO_ROLES], photographers=photographers)


def _with_outlet(byline: Byline | None, media: str | None) -> Byline | None:
    """The byline with the outlet its credit names ("某某晚报·小时新闻记者" → 某某晚报; "本报" names none)."""
    if byline is not None and media and not media.startswith(("本报", "本刊", "本网", "本台", "本社")):
        byline.outlet = media.split("·")[0]
    return byline


def _prep(text: str) -> str:
    """Set "报道" and a closing "摄" apart from the name before them: no name holds them."""
    text = re.sub(r"(?<=[\u4e00-\u9fff])报道", " 报道", text.strip())
    text = re.sub(r"(?<=[\u4e00-\u9fff])(?<!文)\s*[/／]\s*摄(影)?(?=[）)]?$)", r" 摄\1", text)  # "王明/摄"
    return re.sub(r"(?<=[\u4e00-\u9fff])摄$", " 摄", text)


def byline_line(text: str) -> Byline | None:
    """The people of a line that is a byline or photo credit and nothing else, else None.

    A byline set with a space between every character ("记 者 房 伟") is read with them closed up.
    """
    for variant in (text, _close_up_lone(text), _close_up(text)):
        found = _byline_line(variant)
        if found is not None:
            return found
    return None


def _close_up(text: str) -> str:
    return re.sub(r"(?<=[\u4e00-\u9fff])[ \u3000](?=[\u4e00-\u9fff])", "", text.strip())


# One name of several set with a space between its characters ("记者 王明 李 华 摄"): single characters
# standing alone between spaces are closed up, the other names left apart.
_LONE_RUN = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?:[ \u3000][\u4e00-\u9fff]){1,2}(?![\u4e00-\u9fff])")


def _close_up_lone(text: str) -> str:
    return _LONE_RUN.sub(lambda match: re.sub(r"[ \u3000]", "", match.group()), text.strip())


# Credits keyed by what each name did ("文/王明 图/李华", "文 | 记者 王明", "撰稿：王明", "记者|王明").
_KEYED_ROLES = {"文": "text", "文字": "text", "撰稿": "text", "撰文": "text", "记者": "text", "通讯员": "text"}
_KEYED_ROLES |= {"作者": "text"}
_KEYED_ROLES |= {"图": "photo", "图片": "photo", "摄影": "photo", "摄": "photo", "文/图": "both", "文／图": "both"}
_KEYED_ROLES |= {"图/文": "both", "图文": "both", "文图": "both"}
_KEYED_ROLE = "|".join(sorted(map(re.escape, _KEYED_ROLES), key=len, reverse=True))
_KEYED = rf"(?P<role>{_KEYED_ROLE})(?:\s*[/／|｜：:]\s*|(?<=\S\S)\s+)(?:记者\s*)?(?P<names>{_NAMES})"
_KEYED_LINE = re.compile(rf"^[{_BULLETS}\s]*[（(【]?\s*(?:{_KEYED}\s*[/／|｜]?\s*)+[）)】]?$")
# Names before what they did: "王明/文 李华/图", "王明、李华/摄".
_NAMED_ROLE = rf"(?P<names>{_NAMES})\s*[/／]\s*(?P<role>文字?|图片?|摄影?|文/图|图文)(?![\u4e00-\u9fff])"
_NAMED_LINE = re.compile(rf"^[{_BULLETS}\s]*[（(【]?\s*(?:{_NAMED_ROLE}\s*)+[）)】]?$")


# Single-character keys set apart by spaces or a slash: "王明 文/李华 图", "文 王明 图 李华".
_SPACED_KEYS = re.compile(
    rf"^(?:(?P<a>{_NAMES})\s+文\s*[/／|｜]\s*(?P<b>{_NAMES})\s+[图摄]|文\s+(?P<c>{_NAMES})\s+[图摄]\s+(?P<d>{_NAMES}))$"
)


def _keyed_credit(text: str) -> Byline | None:
    spaced = _SPACED_KEYS.match(text.strip())
    if spaced:
        writers, photographers = _names(spaced["a"] or spaced["c"]), _names(spaced["b"] or spaced["d"])
        people = [*(writers or []), *(photographers or [])]
        if writers and photographers and all(looks_like_person(n) or _surname_first(n) for n in people):
            return Byline(reporters=writers, photographers=photographers)
    if _KEYED_LINE.match(text):
        pattern = _KEYED
    elif _NAMED_LINE.match(text):
        pattern = _NAMED_ROLE
    else:
        return None
    found = Byline()
    for match in re.finditer(pattern, text):
        named = _role_names(match["names"]) or []
        if not named or not all(looks_like_person(name) or _surname_first(name) for _, name in named):
            return None  # "图：职工比赛": a caption, not a credit
        keyed = _KEYED_ROLES.get(match["role"], "photo" if match["role"].startswith(("图", "摄")) else "text")
        for inner, name in named:  # a role inside the names ("通讯员 李华 视频 张明") decides for the names after it
            role = ("photo" if inner in PHOTO_ROLES else "text") if inner else keyed
            if role in ("text", "both") and name not in found.reporters:
                found.reporters.append(name)
            if role in ("photo", "both") and name not in found.photographers:
                found.photographers.append(name)
    return found or None


# The author's organisation in brackets after the name ("作者：王明（某某区总工会）").
_ORG_AFTER = re.compile(
    r"(?<=[\u4e00-\u9fff])\s*[（(][\u4e00-\u9fff]{2,20}(?:工会|公司|局|委|办|街道|社区|中心|学校|医院)[）)]$"
)


# The author's organisation printed before the name, without a space ("作者:某某镇总工会王明").
_ORG_BEFORE = re.compile(
    r"^[\u4e00-\u9fff]{2,20}?(?:工会|公司|局|委|办|街道|社区|中心|学校|医院)(?P<name>[\u4e00-\u9fff]{2,3})$"
)


def org_then_name(text: str) -> Byline | None:
    """The person of an author field that names their organisation first ("某某镇总工会王明"), else None."""
    match = _ORG_BEFORE.match(text.strip())
    return Byline(reporters=[match["name"]]) if match and looks_like_person(match["name"]) else None


# A text credit closed by "文" beside a photo credit closed by "摄" ("通讯员 王明 李华 文 某某日报记者 张强 摄"): the
# first names wrote the story, the last took its photographs (a photo credit beside a text byline is no reporter).
_TEXT_THEN_PHOTO = re.compile(r"^(?P<text>\S.*?)\s+文\s+(?P<photo>\S.*\s摄)$")


# The desk's credits after a byline ("撰稿：X 摄影：Y 编辑：Z"): not people of the story.
_DESK_AFTER = re.compile(r"\s+(?:责任编辑|编辑|责编|审核|审校|校对)\s*[：:]\s*[\u4e00-\u9fff、\s]{2,12}$")


def _plain_writers(text: str) -> Byline | None:
    """Names without a role that wrote the story ("王明 李华" of "王明 李华 文 张强 摄")."""
    names = [n for n in _NAME_PARTS.split(text.strip()) if n]
    if names and all(looks_like_person(n) or _surname_first(n) for n in names):
        return Byline(reporters=names)
    return None


def _byline_line(text: str) -> Byline | None:
    text = _ORG_AFTER.sub("", _prep(text))
    if _DESK_AFTER.search(text) and not _DESK_AFTER.match(text):
        text = _DESK_AFTER.sub("", text)
    if len(text) > 60:
        return None
    split = _TEXT_THEN_PHOTO.match(text)
    if split:
        wrote, shot = _LINE.match(split["text"]), _LINE.match(split["photo"]) or _PLAIN_CREDIT.match(split["photo"])
        writers = _credit(wrote["credits"], None) if wrote and not wrote["tail"] else None
        writers = writers or (_plain_writers(split["text"]) if wrote is None else None)
        photographers = _credit(shot["credits"], shot["tail"]) if shot else None
        if writers and photographers and not writers.photographers:
            found = Byline(reporters=writers.reporters, photographers=photographers.photographers)
            return _with_outlet(found, (wrote["media"] if wrote else None) or shot.groupdict().get("media"))
    keyed = _keyed_credit(text)
    if keyed is not None:
        return keyed
    match = _LINE.match(text)
    if match:
        return _with_outlet(_credit(match["credits"], match["tail"]), match["media"])
    match = _PLAIN_CREDIT.match(text)
    if match:
        return _credit(match["credits"], match["tail"])
    return None


_BRACKETED_NAMES = re.compile(rf"^[（(]\s*(?P<names>{_NAMES})\s*[）)]$")
_NAME_PARTS = re.compile(r"[\s、，,]+")


def looks_like_person(name: str) -> bool:
    """Whether the segmenter reads a two- to four-character word as a person's name (not a phrase)."""
    import jieba.posseg  # loaded on first use: its dictionary takes a second

    if not re.fullmatch(r"[\u4e00-\u9fff·]{2,4}", name):
        return False
    words = [(w.word, w.flag) for w in jieba.posseg.cut(name)]
    if any(flag.startswith("nr") for _, flag in words):
        return all(flag.startswith("nr") or len(word) == 1 for word, flag in words)
    return False


def names_only(text: str) -> Byline | None:
    """A line of people's names and nothing else ("阮帅 祝森群", "■ 阮帅", "（章海涛）"), else None.

    Whether it is a byline depends on where it stands; the caller decides.
    """
    text = text.strip().lstrip(_BULLETS).strip()
    bracketed = _BRACKETED_NAMES.match(text)
    if bracketed:
        text = bracketed["names"]
    parts = [part for part in _NAME_PARTS.split(text) if part]
    if not 1 <= len(parts) <= 4:
        return None
    if all(looks_like_person(part) for part in parts):
        return Byline(reporters=parts)
    if bracketed and all(_surname_first(part) for part in parts):
        return Byline(reporters=parts)  # "（许哲程）": a bracketed credit the segmenter does not know
    return None


# The commonest family names: a bracketed two- or three-character word opening with one is read as a
# person's name where the segmenter has no entry for it.
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤楼应俞项祝章鲍倪屠虞裘柴翁胡诸葛"
)


def _surname_first(part: str) -> bool:
    return 2 <= len(part) <= 3 and part[0] in _SURNAMES and not re.search(r"[的了在是和与及等区市县镇村]", part)


_GLUED_NAME = re.compile(
    r"^(?P<body>.{8,}[。！？”])\s*(?P<names>[\u4e00-\u9fff]{2,3}(?:\s+[\u4e00-\u9fff]{2,3}){0,3})$"
)


def glued_credit(text: str) -> tuple[str, Byline] | None:
    """Authors' names glued to the last sentence ("……的温暖。汪诚", "……称号。王明 李华"), else None."""
    match = _GLUED_NAME.match(text.strip())
    names = match["names"].split() if match else []
    if names and (looks_like_person(names[0]) if len(names) == 1 else all(map(_surname_first, names))):
        return match["body"], Byline(reporters=names)
    return None


@dataclass
class Lead:
    """A paragraph opening an article with a dateline and/or byline, and the text after it."""

    byline: Byline
    rest: str
    dateline: str | None


def lead(text: str) -> Lead | None:
    """A lead ("本报讯 记者X报道 近日……", "本报讯（记者 X）……", "中工网讯 最近……"), else None."""
    text = _prep(text)
    match = _LEAD.match(text)
    if match and match["dateline"] and (match["plain"] or match["bplain"]):
        # "本报讯 徐金星报道 近日……", "某某讯（徐金星报道）……": names without a role, closed by 报道
        plain = match["plain"] or match["bplain"]
        names = [n for n in _NAME_PARTS.split(plain) if n]
        if all(looks_like_person(n) or _surname_first(n) for n in names) and not plain.startswith(_NOT_NAMES):
            return Lead(byline=Byline(reporters=names), rest=match["rest"].strip(), dateline=match["dateline"])
        rest = text[match.end("dateline") :].strip(" ：:")  # words before 报道 that are no names: all text
        return Lead(byline=Byline(), rest=rest, dateline=match["dateline"])
    if match and match["dateline"]:
        credits = match["bracketed"] or match["credits"]
        byline = _credit(credits, match["tail"] if match["credits"] else match["btail"]) if credits else Byline()
        byline = _with_outlet(byline, match["media"])
        if byline is None:
            return None
        rest = match["rest"].strip()
        if not rest and not byline:
            return None
        return Lead(byline=byline, rest=rest, dateline=match["dateline"])
    match = _LEAD_BRACKETED.match(text)
    if match:
        byline = _with_outlet(_credit(match["credits"], match["tail"]), match["media"])
        if byline:
            return Lead(byline=byline, rest=match["rest"].strip(), dateline=None)
    match = _LEAD_NO_DATELINE.match(text)
    if match:
        byline = _credit(match["credits"], "报道")
        if byline:
            return Lead(byline=byline, rest=match["rest"].strip(), dateline=None)
    return None


# A union site's credit in brackets: the bodies that sent the item and perhaps who wrote it, apart by spaces
# ("（区总工会 某某街道总工会）", "（某某街道总工会 王明）", "（某某街道 王明 李华 文/图）").
_ORG_WORD = re.compile(
    r"^[\u4e00-\u9fff]{2,24}(?:总工会|工会|联合会|委员会|街道|社区|村|镇|乡|局|办|中心|公司|集团|学校|医院)$"
)
_ORG_CREDIT = re.compile(rf"^[（(]\s*(?P<inside>[^（()）]{{4,60}}?)\s*(?P<tail>{_TAIL})?\s*[）)]$")


def org_credit(text: str) -> Byline | None:
    """The people of a bracketed credit that opens with the bodies sending the item (an empty Byline when it
    names bodies only), else None: a credit of names alone or of roles is another shape."""
    match = _ORG_CREDIT.match(text.strip())
    if match is None:
        return None
    inside = re.sub(r"(?<=[\u4e00-\u9fff])\s*供稿$", "", match["inside"])  # "（X街道总工会供稿）"
    parts = [part for part in re.split(r"[\s\u3000]+", inside) if part]
    orgs = 0
    while orgs < len(parts) and _ORG_WORD.match(parts[orgs]):
        orgs += 1
    names = parts[orgs:]
    if not orgs or len(names) > MAX_NAMES:
        return None
    if not all(re.fullmatch(_NAME, n) and (looks_like_person(n) or _surname_first(n)) for n in names):
        return None
    if not names:
        return Byline() if match["tail"] in (None, "供图") else None
    return _credit(" ".join(names), match["tail"])


# Names alone in brackets closing a paragraph: "……风采。（王明 李华）".
_TRAILING_KEYED = re.compile(r"^(?P<body>.*[。！？”])\s*(?P<credit>[（(【][^（(【）)】]{4,40}[）)】])$")
_TRAILING_NAMES = re.compile(rf"^(?P<body>.*[。！？”])\s*{_OPEN}\s*(?P<names>{_NAMES})\s*{_CLOSE}$")


def trailing_credit(text: str) -> tuple[str, Byline] | None:
    """A credit closing a paragraph: (the paragraph without it, the people), else None."""
    text = _prep(text)
    if len(text) < 8:
        return None
    match = _TRAILING.match(text)
    keyed = _TRAILING_KEYED.match(text) if not match else None
    if keyed and (credit := _keyed_credit(keyed["credit"]) or org_credit(keyed["credit"])):
        return keyed["body"].rstrip(), credit  # "……风采。（王明/文 李华/图）", "……。（某某街道总工会 王明）"
    if not match and (bracketed := _TRAILING_NAMES.match(text)):
        names = _names(bracketed["names"])
        if names and all(looks_like_person(name) or _surname_first(name) for name in names):
            return bracketed["body"].rstrip(), Byline(reporters=names)
        return None
    if not match or not match["body"].strip():
        return None
    tail = match["tail"]
    if tail is None and not text.endswith(("）", ")")) and not _ROLE_OPENS.match(match["credits"]):
        return None  # names glued to a sentence without a role, "报道" or "摄": not a byline
    byline = _with_outlet(_credit(match["credits"], tail), match["media"])
    if byline is None:
        return None
    if tail is None and not text.endswith(("）", ")")) and not all(map(looks_like_person, byline.reporters)):
        return None  # "……。通讯员们表示": a role word in a sentence, not a byline
    return match["body"].rstrip(), byline
