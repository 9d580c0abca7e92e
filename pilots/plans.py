"""What a piece reports, sentence by sentence: the sentences the practice reader reads (``own_sentences``).

A plan (next steps, what the union will do, this year's projects), a comment on what ought to be and a list of
those attending a visit report nothing the union does or has; the clauses before a plan still report.
"""

import re

_SENTENCE = re.compile(r"[^。！？；\n]+")
_FULL_SENTENCE = re.compile(r"[^。！？\n]+")

# A sentence about what is yet to be done, not what the union does or has (plans, next steps).
# "计划" only as a verb of what is to come ("计划开展", "计划于"), not a plan the union has.
_PLAN = re.compile(
    r"下一步|下阶段|今后|接下来|明年|力争|即将|打算|筹划|决心|计划(?=[在于将到用年今明开建新投再举组])"
    r"|(?:策划|准备|拟)(?=在|于|建|开展|举办|推出|投入|增设|新建|打造|启动)"
    r"|建成(?:后|以后|之后)"  # what a centre will hold once it is built
    r"|表示[^。；]{0,16}将|未来将|后续将|将(?:继续|持续|进一步)"
    # what something is for or will help with ("联合会的成立将有助于…开展培训"): a purpose, not a report
    r"|有助于|有利于|旨在"
    # 将 before a preposition is the future ("将按照…模式配备", "将于下月启用"); 将 taking an object
    # ("将平台延伸到网上") reports what was done
    r"|将(?:按照|根据|围绕|依托|于|在)"
    # 将 before a verb of doing is the future too ("将联合…定期开展", "将陆续建成")
    r"|将(?:联合(?!工会)|携手|陆续|逐步|全面|着力|重点|定期|开展|举办|推出|建立|打造|组建|成立|新建|启动|实施|推进|加大|加强)"
    # a speaker's exhortation ("某某说，要坚持…建设智慧工会") and a programme a speaker proposed
    # ("提出的…四大工程"): what ought to be done, not what is done
    r"|(?:说|表示|指出|强调)[，,:：]\s*[“\"]?(?:要|必须|务必)(?![求是])"
    r"|提出(?:的|了)[^。；]{0,60}(?:工程|构想|思路|设想|倡议|目标任务)"
)
# "今年，街道总工会将实施……": this year's plan — a sentence's, not its paragraph's (the next sentence may report).
_THIS_YEARS_PLAN = re.compile(r"今年[^。；]{0,14}将")
# A sentence that comments rather than reports ("…是工会义不容辞的责任", "…固然重要，但更应该…",
# "实践再次证明", a visitor's "希望…"): what ought to be, is hoped for or was learnt, not what the union does.
_COMMENT = re.compile(
    r"应该|应当|义不容辞|固然|(?:实践|事实|再次)证明"
    r"|希望(?=各|全|广大|不断|进一步|继续|持续|能|大家|基层|社区|街道|企业|工会|驿站|我们|你们|他们)"  # not 希望之光
)
# A sentence listing who attended or accompanied a visit ("…园区工会联合会主席某某等陪同调研") names
# officials by their titles: a union named in a title says nothing of what it does.
_ATTENDANCE = re.compile(r"等[^，。；,;]{0,6}(?:陪同|出席|参加|参与)[^，。；,;]{0,4}$|陪同(?:调研|考察|参观|视察)")


_CLAUSE_END = re.compile(r"[，,：:]")


def _before_plan(sentence: str) -> str:
    """The clauses of ``sentence`` before the one naming a plan ("…实现师徒结对500对，今后每年将新增100对"
    reports the pairs); all of it when it names none, nothing when its first clause does."""
    found = [m.start() for m in (_PLAN.search(sentence), _THIS_YEARS_PLAN.search(sentence)) if m is not None]
    if not found:
        return sentence
    ends = [m.start() for m in _CLAUSE_END.finditer(sentence, 0, min(found))]
    reported = sentence[: ends[-1]] if ends else ""
    return "" if _ANNOUNCED.search(reported) else reported  # "负责人表示，…，将继续…": all of it is the plan


_ANNOUNCED = re.compile(r"表示|指出|强调|要求")


# A year's projects or a scheme announced ("市总工会公布了…实事项目，涵盖…"), and the list that follows it
# ("具体包括：新建…"), say what is to be done, not what the union has done.
_ANNOUNCED_SCHEME = re.compile(
    r"(?:公布|发布|确定|推出|部署|出台|印发)[^。；]{0,24}(?:实事项目|民生实事|目标任务|工作要点|实施方案|行动方案|工作计划)"
)
_ITS_LIST = re.compile(r"^(?:具体|主要)?(?:包括|内容(?:包括|为|是)|为|有)[:：]")
# The examples given after a plan ("今后…将…。如成立…；推出…") are the plan's too.
_ITS_EXAMPLES = re.compile(r"^(?:如|比如|例如|譬如)(?![今果此何])")


# A sentence whose subject is another organisation ("团市委提供…学堂；市红十字会开展…培训") and that names no
# union says what that organisation does.
# The subject is found after the clauses that only set the time ("近日，", "9月15日上午，", "此外，"), under a
# place's name ("嘉兴市…", "南湖区…"); a government department is any bureau (…局, not 格局/布局/大局), a court,
# a procuratorate or a hospital, besides the mass organisations other than the union.
_LEAD = (
    r"(?:(?:[^，,。；“”]{0,14}?(?:\d+日|[月年]|近日|日前|近期|昨天|昨日|今天|以来|期间|当天|当日|上午|下午|晚上)"
    r"|此外|同时|另外|据悉|据了解)[，,]\s*)*"
)
_OTHER_BODY = re.compile(
    rf"^{_LEAD}(?:[\u4e00-\u9fff]{{0,6}}?(?:[省市区县镇乡]|街道))?"
    r"(?:团[省市区县]?委|共青团|妇联|科协|残联|侨联|文联|工商联|红十字会|人社局|人力社保局|司法局|民政局"
    r"|文明办|卫健委|教育局|公安局|派出所|社区居委会|村委会|法院|检察院|医院"
    r"|[\u4e00-\u9fff]{1,6}?(?<![格全布结大当开])局(?=[在为向于对与和同还也已共]|联合|会同|携手|开展|组织|举办|设立|建立|牵头))"
)
_UNION = re.compile(r"工会|职工之家|工联")


def _others(sentence: str) -> bool:
    return bool(_OTHER_BODY.match(sentence.strip())) and not _UNION.search(sentence)


def own_sentences(text: str) -> list[str]:
    """The sentences of ``text`` that say what is done or had: a paragraph opening with the next step
    and a sentence naming a plan are left out."""
    sentences, scheme, planned = [], False, False
    for paragraph in text.splitlines():
        if _PLAN.match(paragraph.strip()):
            continue
        for whole in _FULL_SENTENCE.findall(paragraph):
            if _ANNOUNCED_SCHEME.search(whole) or (scheme and _ITS_LIST.match(whole.strip())):
                scheme = True
                continue
            scheme = False
            if planned and _ITS_EXAMPLES.match(whole.strip()):
                continue
            first = whole.split("；")[0].split(";")[0]
            parts = _SENTENCE.findall(whole)
            planned = bool(_PLAN.search(whole) or _THIS_YEARS_PLAN.search(whole))
            if _before_plan(first) != first:
                parts = [first]  # "今年将实施……；同时，深化……": the clauses after a plan's semicolon are the plan's
            sentences += [
                reported
                for s in parts
                if (reported := _before_plan(s)).strip()
                and not _COMMENT.search(s)
                and not _ATTENDANCE.search(s.strip())
                and not _others(s)
            ]
    return sentences
