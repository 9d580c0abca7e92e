"""What a piece states: its figures (with unit and qualifier as printed), position structures and practices.

Rules follow how the sources print facts — a number, an optional 万/亿 multiplier, 余/多, a measure
word, then 以上/左右 — rather than any list of known pieces.
"""

import re
from dataclasses import asdict, dataclass
from decimal import Decimal

import cn2an

CN_DIGITS = "零〇一二两三四五六七八九十百千"
# Measure words that make a number a countable fact; longer ones first so 人次 wins over 人.
MEASURES = (
    "平方公里",
    "平方米",
    "平米",
    "㎡",
    "公里",
    "米",  # a length ("长达2000多米"), after the areas
    "批次",
    "辆次",
    "人次",
    "场次",
    "%",
    "％",
    "名",
    "人",
    "家",
    "个",
    "元",
    "场",
    "次",
    "对",
    "起",
    "件",
    "支",
    "项",
    "位",
    "户",
    "所",
    "份",
    "宗",
    "箱",
    "篇",
    "册",
    "台",
    "幢",
    "期",
    "亩",
    "组",
    # vehicles, buildings and places, rounds ("1341辆", "13座", "4栋", "2轮"); not 条 ("两条腿", "一条龙")
    "辆",
    "座",
    "栋",
    "轮",
    "万",
)
# Measure words printed in a short or symbol form, read as the portal's unit.
UNIT_FORMS = {"平米": "平方米", "㎡": "平方米", "％": "%"}
# A number is read from the start of its run of digits (the look-behinds): a match tried from inside a
# long run would rescan the rest of it, quadratic in its length (32,000 digits: minutes).
_FIGURE = re.compile(
    r"(?P<pre>近|约|超过|超|逾)?"
    rf"(?P<num>(?<!\d)\d+(?:\.\d+)?|(?<![{CN_DIGITS}])[{CN_DIGITS}]+)?"
    r"(?P<small>(?<=\d)[千百])?"  # "2千余人", "3百多名": an Arabic number of thousands or hundreds
    r"(?P<more_before>余|多)?"
    r"(?P<mult>万|亿)?"
    r"(?P<more>余|多)?"
    rf"(?P<unit>{'|'.join(re.escape(m) for m in MEASURES if m != '万')})"
    r"(?P<post>以上|左右)?"
)
# "期" counts issues or sessions only where the clause says of what: a course, a lecture series, a
# bulletin ("举办培训班3期", "出黑板报1601期", "已推送70期内容"), never a phase ("二期工程") or an issue number.
_ISSUES_OF = re.compile(r"培训|班|讲座|讲堂|课堂|沙龙|板报|简报|刊|报|推送|专栏|节目|举办|开办|开设|编印|编发|刊发|出")
_PHASE_AFTER = ("工程", "项目", "建设", "改造")
_SIZE_THRESHOLD = re.compile(r"职工(?:数|人数)?(?:已?达到?|在)?$")
_REQUIREMENT = ("至少", "不少于", "不低于", "不超过", "最多")
# A sentence that sets a goal or forecasts ("力争到2025年…", "预计…", "通过5年的努力，培养…", "全市将实现…"): from
# its marker on, its figures are targets, not what was done.
_PLAN = re.compile(
    r"力争|争取|预计|目标(?:是|为)|(?:到|(?<!截)至)20[0-3]\d年(?:底|末)?[，,]?|通过[\d一二三四五六七八九十]+年(?:左右)?的?(?:努力|时间)"
    r"|计划(?:到|在|于|今年|年内|明年|用|通过|新建|建成|开展|举办|培育|培养|投入|完成|新增)"
    r"|将(?:实现|达到|建成|新建|培育|培养|覆盖|新增|完成|力争|投入)"
)
_SENTENCE_END = re.compile(r"[。！？；!?;]")


def _planned(text: str, start: int) -> bool:
    """Whether a figure stands in a goal's or forecast's sentence after its marker."""
    opening = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 160), start)), default=0)
    return _PLAN.search(text, max(opening, start - 160), start) is not None


# Measure words after which "一" names one thing rather than counts it ("一个平台", "一支队伍").
_ONE_THING = ("个", "家", "支", "项", "位", "次", "场", "起", "件", "对", "户", "组")
_YEAR = re.compile(r"(?P<year>20[0-3]\d|19[5-9]\d)年")
_CLAUSE_BREAK = re.compile(r"[，。；：！？、（）,;:()“”]")
# A Chinese numeral that names something rather than counts it: 一是, 第三, “三个点”.
_NAMING_AFTER = ("是", "方面", "层面", "一体", "大", "化", "项制度", "步", "级", "条", "种")
# A numeral summing up what the sentence lists or divides rather than counting work done:
# "建设、管理、服务三项工作", "由……等四个层级构成", "分三个片区开展".
_SUMMARY_AFTER = ("工作", "任务", "层级", "层次", "环节", "阶段", "维度")
# "一名", "一份" counts one person or thing only where a verb of appointing or adding puts it there
# ("配备了一名专职工会协管员"); elsewhere it is an article ("是一名外卖员", "献一份爱心", "每一名").
_APPOINTING = re.compile(r"(?:配备|配|设|设置|增设|选配|聘请|聘用|吸收|新增|增选|增加|安排|招聘|选派|派驻)了?$")
# Two neighbouring numerals in words ("两三", "四五", "七八", "三五"): a rough range, never a printed figure.
_ROUGH_RANGE = re.compile(r"[一二两三四五六七八九]{2}")
QUALIFIER_WORDS = {
    "以上": "以上",
    "左右": "左右",
    "约": "左右",
    "近": "近",
    "余": "余",
    "多": "余",
    "超": "余",
    "超过": "余",
    "逾": "余",
}


@dataclass
class Figure:
    """One numeric fact as printed: ``value`` 1500 with ``unit`` 家 and ``qualifier`` 余 for “1500余家”."""

    phrase: str
    value: Decimal
    unit: str
    qualifier: str | None
    year: int | None
    raw: str
    line: int
    planned: bool = False  # a goal's or forecast's figure ("力争到2025年建成…100家"): never an indicator's value

    @property
    def normalised(self) -> Decimal:
        """The value in the portal's base units: 万 and 亿 multiplied out, money in 万元."""
        if self.unit == "万元":
            return self.value
        if self.unit == "元":
            return self.value / 10000
        if self.unit.startswith("万"):
            return self.value * 10000
        if self.unit.startswith("亿"):
            return self.value * 100000000
        return self.value

    def as_json(self) -> dict:
        data = asdict(self)
        data["value"] = float(self.value) if self.value != self.value.to_integral_value() else int(self.value)
        return data


def _number(text: str) -> Decimal | None:
    if text[0].isdigit():
        return Decimal(text)
    if text[0] in "百千":
        text = "一" + text  # "近百个": cn2an reads 一百, not a bare 百
    try:
        return Decimal(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError):
        return None


def _inside_quotes(text: str, index: int) -> bool:
    before = text[:index]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def figures_in(lines: list[tuple[int, str]], *, default_year: int | None) -> list[Figure]:
    """Every figure in a piece. ``lines`` are (line number, repaired text) pairs in order.

    The text is read as one string so a figure broken over a column line ("16.65万" / "名") is
    found, and each figure keeps the number of the line where its number starts.
    """
    text, starts = "", []
    for number, line in lines:
        starts.append((len(text), number))
        text += line
    found: list[Figure] = []
    for match in _FIGURE.finditer(text):
        num, mult = match["num"], match["mult"]
        start = match.start("num") if num else match.start("mult")
        qualified = match["pre"] or match["more"] or match["post"] or match["more_before"]
        if num is None and not (mult == "万" and (qualified or _round_count(text, match))):
            continue  # a bare 万 counts when qualified ("近万人", "万余名", "万人以上") or of people (not 千家万户)
        if num is None and re.search(rf"[{_VAGUE_BEFORE}{CN_DIGITS}\d] ?$", text[max(0, start - 2) : start]):
            continue  # "上万名", "数万人": no number is printed
        if num is None and _inside_quotes(text, start):
            continue  # "“万名职工安康行”": a campaign's name
        if _in_range(text, start, match.end()) or _session(text, start, match):
            continue
        if num and not num[0].isdigit():
            if _vague(text, start):
                continue  # "数十家", "上百名", "几千人": an order of magnitude, not a figure
            if match["more_before"] and mult:
                continue  # "十多万元": a rough sum in words, not a printed figure
            rough = match["pre"] or match["more_before"] or (num == "千" and _round_count(text, match))
            if num[0] in "百千零〇" and not (num[0] in "百千" and rough):
                continue  # 百家示范, 千家万户: idioms, not counts ("近百个项目", "百余人次", "千名职工" count)
            if num == "一" and not mult and not _APPOINTING.search(text[max(0, start - 4) : start]):
                continue  # "是一名外卖员", "一份力量": an article, not a count
            if text[match.end() : match.end() + 2].startswith(_SUMMARY_AFTER) or text[
                max(0, start - 2) : start
            ].endswith(("分", "分为", "每")):
                continue
            if num == "一" and not mult and match["unit"] in _ONE_THING:
                continue  # "一个平台", "一支队伍" name one thing rather than count it
            if _inside_quotes(text, start) or text[match.end() : match.end() + 2].startswith(_NAMING_AFTER):
                continue
            if text[max(0, start - 1) : start] in ("第", "十", "周", "前"):
                continue
            if _sums_a_list(text, start, match.end()):
                continue  # "A、B等八项设施", "设A和B两项比赛", "两台“大个子”——A和B": the list's size, not a count
            if _ROUGH_RANGE.fullmatch(num):
                continue  # "四五次", "两三样": two neighbouring numerals are a rough range, not a figure
        elif num:
            before = text[max(0, start - 1) : start]
            after = text[match.end("num") : match.end("num") + 1]
            if before in ("+", "第", ".") or after == "+" or before.isdigit():
                continue  # part of a model name ("1+14+N") or an ordinal
            if match["post"] == "以上" and text[match.end() : match.end() + 4].startswith(("非公", "企业", "的企业")):
                continue  # "25人以上企业": the legal threshold for a union of its own, not a figure
            staff = match["unit"] in ("人", "名") and _SIZE_THRESHOLD.search(text[max(0, start - 8) : start])
            if match["post"] == "以上" and staff:
                continue  # "职工25人以上", "职工数100人以上": the size of the enterprises a rule is about
            if match["unit"] in ("%", "％") and Decimal(num) > 100:
                continue
            if text[match.end() : match.end() + 2] in ("方面", "层面"):
                continue  # "围绕4个方面": how a plan is divided, not a count of things done
            if text[max(0, start - 3) : start].endswith(_REQUIREMENT) or text[max(0, start - 1) : start] == "前":
                continue  # a requirement ("至少1名", "不少于2次") or a rank ("前8名"), not a fact
        if num and num[0].isdigit() and re.match(rf"{re.escape(num)}(?![\d.])", text[match.end() : match.end() + 8]):
            continue  # "1对1帮扶", "1人1档", "1户1策": a way of working, not a count
        if match["unit"] == "米" and (_RACE.match(text, match.end()) or text[start - 1 : start] in "×xX*"):
            continue  # "100米跑", "4×100米接力", "50米自由泳": a race, not a length
        if match["unit"] == "期" and not _issues(text, start, match.end()):
            continue
        if match["unit"] == "个" and re.match(r"[多余半]?(?:月|小时|工作日)", text[match.end() : match.end() + 4]):
            continue  # "6个月以上", "两个多月": a duration, not a count
        value = _number(num) if num else Decimal(1)
        if value is not None and match["small"]:
            value *= 1000 if match["small"] == "千" else 100
        if value is None or (num and not num[0].isdigit() and value == 0):
            continue
        unit = (mult or "") + UNIT_FORMS.get(match["unit"], match["unit"])
        qualifier = None
        for word in (match["post"], match["more"], match["more_before"], match["pre"]):
            if word:
                qualifier = QUALIFIER_WORDS[word]
                break
        line = next(number for offset, number in reversed(starts) if offset <= start)
        found.append(
            Figure(
                phrase=_phrase(text, match.start(), match.end()),
                value=value,
                unit=unit,
                qualifier=qualifier,
                year=_year(text, match.start()) or default_year,
                raw=match.group(0),
                line=line,
                planned=_planned(text, start),
            )
        )
    in_words = []
    for match in _PERCENT_IN_WORDS.finditer(text):
        value = _number(match["num"])
        if value is None or not 0 < value <= 100 or _inside_quotes(text, match.start()):
            continue
        start = match.start("num")
        in_words.append(
            Figure(
                phrase=_phrase(text, match.start(), match.end()),
                value=value,
                unit="%",
                qualifier=next((QUALIFIER_WORDS[w] for w in (match["post"], match["pre"]) if w), None),
                year=_year(text, match.start()) or default_year,
                raw=match.group(0),
                line=next(number for offset, number in reversed(starts) if offset <= start),
                planned=_planned(text, start),
            )
        )
    return sorted(found + in_words, key=lambda figure: figure.line) if in_words else found


# A percentage in words: "百分之九十五", "百分之十二点五", "百分之百".
_PERCENT_IN_WORDS = re.compile(
    r"(?P<pre>近|约|超过|超|逾)?百分之(?P<num>[零〇一二两三四五六七八九十百点]+)(?P<post>以上|左右)?"
)


# A race's distance: "100米跑", "4×100米接力", "50米自由泳".
_RACE = re.compile(r"(?:赛跑|短跑|长跑|跑|接力|自由泳|蛙泳|仰泳|蝶泳|游泳|障碍|冲刺|往返|定点投篮)")
# A range's bounds ("500~700元", "3—5个", "10至15家", "三至五个", "500元至800元"): neither is a figure the
# page states. A change ("由3000元提高至3800元") is no range: a verb stands between the two.
_RANGE_MARKS = "至到~～—–-－−"
_NUMERAL = rf"[\d{CN_DIGITS}]"
# Words before a numeral that make it an order of magnitude rather than a count: 数十, 上百, 几千, 好几百.
_VAGUE_BEFORE = "数几上"
# Nouns before 数 that make it "the number of" ("人数三千余名"), not "several" (数十家).
_COUNT_NOUNS = "人次户总件个名家位场"
# A campaign's name after a round number ("百名工匠“传帮带”活动", "千人计划"): a name, not a count.
_CAMPAIGN_AFTER = re.compile(r"[^，。；！？,;]{0,12}?(?:活动|工程|计划|项目)")


def _vague(text: str, start: int) -> bool:
    """Whether the numeral at ``start`` is an order of magnitude: 数十家, 几千人, 上百名 (not 人数三千余名)."""
    before = text[max(0, start - 2) : start]
    if before[-1:] == "数":
        return before[:1] not in _COUNT_NOUNS or len(before) < 2
    return before[-1:] == "几" or (before[-1:] == "上" and text[start : start + 1] in "百千万")


def _round_count(text: str, match: re.Match) -> bool:
    """A bare 千 or 万 counting people ("千名“名师”结对", "万名工会干部和志愿者"), not naming a campaign."""
    return match["unit"] in ("名", "人") and not _CAMPAIGN_AFTER.match(text, match.end())


# An ordinal of sessions: "十四届三次全委会", "一届七次", "三次会员代表大会" — which meeting, not how many.
_SESSION_AFTER = re.compile(r"(?:会员)?代表大会|会员大会")


def _in_range(text: str, start: int, end: int) -> bool:
    """Whether the figure at text[start:end] is a bound of a range: a number and a range mark before it, or
    a range mark and a number right after it (its own unit printed again: "500元至800元")."""
    if start >= 2 and text[start - 1] in _RANGE_MARKS:
        previous = text[start - 2]
        if re.match(_NUMERAL, previous):
            return True
        unit_start = start - 1
        while unit_start > 0 and not re.match(_NUMERAL, text[unit_start - 1]) and start - unit_start < 4:
            unit_start -= 1
        if unit_start > 0 and re.match(_NUMERAL, text[unit_start - 1]):
            first = unit_start - 1
            while first > 0 and re.match(r"[\d.]", text[first - 1]) and unit_start - first < 12:
                first -= 1
            between = text[unit_start : start - 1]
            repeated = bool(between) and text[end - len(between) : end] == between  # "500元至800元"
            changed = _FROM.match(text[max(0, first - 1) : first]) and not _UNEVEN.match(text, end)
            return repeated and not changed
        return False
    if _FROM.match(text[max(0, start - 1) : start]) and not _UNEVEN.search(text[end : end + 12]):
        return False  # "从2家到30家": a change from one figure to another ("从500元至800元不等" is a range)
    return text[end : end + 1] in _RANGE_MARKS and bool(re.match(_NUMERAL, text[end + 1 : end + 2]))


_FROM = re.compile(r"[从由]")
_UNEVEN = re.compile(r"\s*不等")


def _session(text: str, start: int, match: re.Match) -> bool:
    if match["unit"] != "次":
        return False
    return "届" in text[max(0, start - 4) : start] or bool(_SESSION_AFTER.match(text, match.end()))


_LIST_JOINERS = re.compile(r"[、和与及]")
# Verbs that say what a thing is made of ("设A和B两项比赛", "包括A、B三个部分"): the numeral after the items sums them.
_COMPOSED_OF = re.compile(r"设有?|包括|包含|含|分为|由")


def _sums_a_list(text: str, start: int, end: int) -> bool:
    """Whether a numeral in words gives the size of a list its own clause prints: items joined by 和/与/及/、
    after a verb of composition ("设铅笔包装和工艺品创意两项比赛"), or a dash or colon that lists them after
    it ("两台“大个子”——心理服务机和法援一体机"). "…等十项活动" counts what was done and stays a figure."""
    left = start
    while left > 0 and text[left - 1] not in "，。；：！？,;:" and start - left < 30:
        left -= 1
    before = text[left:start]
    composed = _COMPOSED_OF.search(before)
    if composed and before[-1:] not in "和与及、" and _LIST_JOINERS.search(before[composed.end() :]):
        return True
    return bool(re.match(r"[^，。；！？]{0,10}?(?:——|：)", text[end : end + 16]))


def _issues(text: str, start: int, end: int) -> bool:
    """Whether "N期" counts issues or sessions: the clause before it names what, and no 第/每 or phase."""
    left = start
    while left > 0 and text[left - 1] not in "，。；：！？,;:" and start - left < 16:
        left -= 1
    before = text[left:start]
    if before.endswith(("第", "每")) or "每" in before[-4:] or text[end : end + 2] in _PHASE_AFTER:
        return False
    return bool(_ISSUES_OF.search(before))


def _phrase(text: str, start: int, end: int) -> str:
    """The clause around a figure, at most 30 characters: what the number counts, as printed."""
    left = start
    while left > 0 and not _CLAUSE_BREAK.match(text[left - 1]) and start - left < 14:
        left -= 1
    right = end
    while right < len(text) and not _CLAUSE_BREAK.match(text[right]) and right - end < 12:
        right += 1
    return text[left:right][:30]


def _year(text: str, index: int) -> int | None:
    sentence_start = max(text.rfind(mark, 0, index) for mark in "。；！？")
    years = [int(match["year"]) for match in _YEAR.finditer(text, sentence_start + 1, index)]
    return years[-1] if years else None


# Which standard indicator a figure is, from the words printed around it: (code, words, units).
# "新建+工会" means both words. The first rule that applies wins, so specific words come first.
INDICATOR_RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("union_founding_rate", ("建会率",), ("%",)),
    ("membership_rate", ("入会率",), ("%",)),
    ("mediation_success_rate", ("成功率",), ("%",)),
    ("frontline_share_standing", ("常委",), ("%",)),
    ("frontline_share_committee", ("委员",), ("%",)),
    ("frontline_share_delegates", ("代表",), ("%",)),
    ("position_area", ("",), ("平方米",)),
    ("mediation_amount", ("涉及", "涉案", "标的"), ("万元", "元")),
    ("chair_allowance", ("补贴", "津贴"), ("万元", "元")),
    ("funds_invested", ("",), ("万元", "元", "亿元")),
    ("parttime_vice_chairs", ("兼职副主席", "兼职工会副主席"), ("名", "人", "位")),
    ("assistants", ("协理员",), ("名", "人", "位")),
    ("fulltime_staff", ("专职工会工作者",), ("名", "人", "位")),
    ("social_workers", ("社会化工会工作者", "职业化工会工作者", "工会工作者"), ("名", "人", "位")),
    ("union_cadres", ("工会干部",), ("名", "人")),
    ("volunteer_teams", ("志愿", "服务队", "小分队", "队"), ("支",)),
    ("volunteers", ("志愿",), ("名", "人", "万名", "万人")),
    ("medical_aid_participants", ("参保",), ("名", "人", "万名", "万人")),
    ("online_members", ("注册",), ("名", "人", "万名", "万人")),
    ("new_members", ("发展会员", "新会员", "发展新会员", "入会"), ("名", "人", "万名", "万人")),
    ("members", ("会员",), ("名", "人", "万名", "万人")),
    ("workers_covered", ("覆盖职工",), ("名", "人", "万名", "万人")),
    ("workers_in_area", ("职工总数", "员工"), ("名", "人", "万名", "万人")),
    ("workers_helped", ("救助", "帮扶", "慰问"), ("人", "人次", "名")),
    ("matchmaking_pairs", ("配对",), ("对",)),
    ("hardship_files", ("档案", "建档"), ("人", "户", "名")),
    ("collective_contracts", ("集体合同", "集体协商"), ("家",)),
    ("mediation_cases", ("调解", "调处", "纠纷", "劳动争议", "投诉", "化解", "案件"), ("起", "件")),
    ("service_stations", ("服务站", "服务点", "服务分站", "服务中心"), ("个", "家")),
    ("new_unions", ("新建+工会", "新组建+工会"), ("家", "个")),
    ("enterprises_covered", ("覆盖企业", "涵盖", "建会企业", "组织企业"), ("家",)),
    ("joint_unions", ("联合工会",), ("家", "个")),
    ("union_federations", ("工会联合会",), ("家", "个")),
    ("enterprise_unions", ("单建", "独立工会", "单独", "企业工会"), ("家", "个")),
    ("grassroots_unions", ("工会组织", "基层工会", "工会"), ("家", "个")),
    ("enterprises_covered", ("覆盖",), ("家",)),
    ("enterprises_in_area", ("企业",), ("家",)),
    ("trainings", ("培训", "参训"), ("人次", "人", "万人次", "万人")),
    ("event_participants", ("参与", "参加", "人次"), ("人次", "万人次", "名", "人", "万名")),
    ("events", ("活动", "巡防", "教育", "培训班", "讲座", "讲堂"), ("场", "次", "场次", "项", "期")),
)
_BOTH_RATES = re.compile(r"建会率[和及与、]入会率|入会率[和及与、]建会率")


def indicator_codes(figure: Figure) -> list[str]:
    """The standard indicators a figure states (usually one; "建会率和入会率95%" states two); a target states none."""
    if figure.planned:
        return []
    if figure.unit == "%" and _BOTH_RATES.search(figure.phrase):
        return ["union_founding_rate", "membership_rate"]
    code = indicator_code(figure)
    return [code] if code else []


# Teams of a contest ("16支代表队参加了比赛") are not teams that serve: such a figure stays 未归类.
_CONTEST = re.compile(r"代表队|参赛|球队|比赛|竞赛|对抗")


def indicator_code(figure: Figure) -> str | None:
    for code, words, units in INDICATOR_RULES:
        if figure.unit in units and any(all(part in figure.phrase for part in word.split("+")) for word in words):
            if code == "volunteer_teams" and _CONTEST.search(figure.phrase):
                return None
            return code
    return None
