"""Senses of a practice's word read from the words around it, in the taxonomy's own terms.

A practice's name standing before the name of an event or a piece of teaching ("集体协商竞赛", "法律援助知识讲座")
is the event's topic: the union held a contest or a talk about the practice, it did not do the practice.
"""

import re

# The outdoor workers a rest stop is for (爱心驿站: "rest stops for outdoor workers"), as pieces name them.
OUTDOOR_WORKERS = r"(?:劳动者|户外|小哥|骑手|(?<!快递)司机|环卫工?|新就业形态|新业态)"
# Trades whose workers a union joins across firms: the drivers, riders and couriers of the new forms of employment,
# freight and logistics, household services, security guards, sanitation. Their joint union is the trade's union (a
# sector union, of kind 行业工会), not the joint union of an area's firms.
TRADES = r"货运|货车|物流|运输|快递|外卖|送餐|配送|网约车?|网约送餐员?|出租车|代驾|骑手|小哥|家政|保安|环卫|危化品"
# What a rest stop is for, in the words pieces use ("歇脚", "热饭", "休憩", "纳凉").
REST = r"(?:歇脚|喝水|饮水|热饭|充电|休憩|纳凉|避暑|落脚|避雨|取暖)"

# An event or a piece of teaching the cue is the topic of, with the words that may stand between
# (技能, 知识, 专题…): "集体协商技能竞赛", "医疗互助政策宣讲".
_EVENT_AFTER = re.compile(
    r"^(?:技能|知识|业务|专题|主题|政策|能力|实务|模拟)?"
    r"(?:竞赛|比赛|大赛|比武|擂台赛|讲座|培训|宣讲|课堂|公开课|知识竞答|征文|演讲|论坛|研讨|沙龙|展览|图片展)"
    r"|^的?(?:能力|水平|技巧|本领|意识)"  # a skill raised ("提升工会干部集体协商的能力"): the practice learnt
)
# A list of topics framed across its commas ("围绕提高工资待遇，为女职工建立哺乳室…等议题展开"): what a contest,
# a talk or a bargaining session was about.
_TOPIC_FRAME = re.compile(
    r"(?:围绕|聚焦|就|关于)[^。；！？]{2,160}?等?(?:议题|话题|主题)[^。；！？，]{0,4}(?:展开|进行|开展|讨论|交流|协商|研讨)"
)
# Practices that are themselves such events: a skills contest is the labour competition, a training the school.
_EVENTS_OF_THEIR_OWN = frozenset({"labour_competition", "craftsman_school"})


def names_a_topic(code: str, after: str) -> bool:
    """Whether the cue of ``code``, followed by ``after`` in its clause, names the topic of an event."""
    return code not in _EVENTS_OF_THEIR_OWN and bool(_EVENT_AFTER.match(after))


def in_topic_frame(sentence: str, at: int) -> bool:
    """Whether offset ``at`` of ``sentence`` lies inside a framed list of topics (``_TOPIC_FRAME``)."""
    return any(m.start() <= at < m.end() for m in _TOPIC_FRAME.finditer(sentence))


# An app is the union's practice only where its sentence names the union, its members or the workers it serves
# ("杭工e家APP"); an app alone is anyone's ("通过某某APP申领补贴"). (A WeChat account is not held to this: a street's
# mass-organisation account counts, as both readers of the compilation tag it.)
_OWNED_TOOLS = {"union_app": re.compile(r"APP|小程序")}
_UNION_SIDE = re.compile(r"工会|职工|会员|入会|e家|劳模|工匠|娘家|群团")


def owned_by_union(code: str, cue: str, sentence: str) -> bool:
    """Whether a tool named by ``cue`` is the union's in ``sentence`` (other cues: always)."""
    tool = _OWNED_TOOLS.get(code)
    return tool is None or not tool.fullmatch(cue) or bool(_UNION_SIDE.search(sentence))


# A congress held ("…成立暨第一次会员代表大会召开") is an event; the practice is the congress as a standing system
# (会员代表大会制度, 代表常任制, 直选), as the labels' rules have it.
_HELD_BEFORE = re.compile(r"(?:第[\d一二三四五六七八九十]+[次届]|首次|首届|暨|召开了?|举行了?)\s*$")
_HELD_AFTER = re.compile(r"^[^，。；,;]{0,12}?(?:召开|举行|开幕|闭幕|胜利)")
_STANDING = re.compile(r"^[^，。；,;]{0,4}(?:制度|常任制|制)")


def congress_held(before: str, after: str) -> bool:
    """Whether the member congress between ``before`` and ``after`` is a meeting held, not the standing system."""
    return not _STANDING.search(after) and bool(_HELD_BEFORE.search(before) or _HELD_AFTER.search(after))


# A union named as whose representatives attend ("社区联合工会和企业工会代表正在认真聆听…授课"): the audience of an
# event, which says nothing of the union's kind being set up or run.
_ATTENDING_AFTER = re.compile(
    r"^[^，。；,;]{0,14}?代表们?[^，。；,;]{0,6}(?:聆听|参加|参与|出席|观看|列席|前往|来到|走进|观摩)"
)
_ORGANISATION_CODES = frozenset({"joint_unions", "sector_unions"})


def attending(code: str, after: str) -> bool:
    """Whether a union's kind (``code``) is named, with ``after`` following it, as whose representatives attend."""
    return code in _ORGANISATION_CODES and bool(_ATTENDING_AFTER.search(after))


# A volunteer body by its other names: a team (…队, …团: not 集团, 共青团, 群团, 团委) doing public or unpaid service
# ("10个帮帮团现场开展…等公益服务", "益剪队开展…公益行"); 公益 and 义务 stand for 志愿 here.
_PUBLIC_SERVICE_TEAM = re.compile(
    r"(?:队|(?<![集青群])团(?![委市省区县]))[^。；]{0,30}?(?:公益|义务)(?:服务|活动|行)"
    r"|(?:公益|义务|益剪|义剪)(?:服务)?(?:队|(?<![集青群])团(?![委市省区县]))"
)


def public_service_team(sentence: str) -> bool:
    """Whether ``sentence`` names a team doing public or unpaid service (a volunteer body by another name)."""
    return bool(_PUBLIC_SERVICE_TEAM.search(sentence))
