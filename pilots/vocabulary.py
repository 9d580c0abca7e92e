"""The practices' vocabulary: the words by which a text names each practice of the taxonomy.

The importer and the editions' tagging tag a text with it (``practices_in`` below), and the statistics
look up the evidence of a practice with it (``pilots.statistics.practice_evidence``): one list of them.
"""

import re

# Practices of the taxonomy (fixtures/practices.yaml) and words that evidence each one.
PRACTICE_WORDS: dict[str, tuple[str, ...]] = {
    "zjg_team": ("专兼挂", "专职+兼职", "专兼职", "专职、兼职", "挂职"),
    "volunteer_organisation": ("志愿者", "志愿服务队"),
    "parttime_vice_chairs": ("兼职副主席", "兼职工会副主席"),
    "social_workers": ("社会化工会工作者", "职业化工会工作者", "购买服务"),
    "frontline_representation": ("一线职工", "一线人员"),
    "grid_management": ("网格",),
    "joint_unions": ("联合工会", "工会联合会"),
    "sector_unions": ("行业工会", "楼宇工会", "商圈工会", "市场工会"),
    "new_groups_coverage": ("新领域", "新群体", "新业态", "快递", "外卖"),
    "three_level_network": ("小三级", "枢纽"),
    "data_driven_founding": ("大数据",),
    "shared_positions": ("共建共享", "共享共用", "共建共用", "群团阵地"),
    "online_offline": ("线上线下", "线上+线下"),
    "tiered_positions": ("职工服务站", "服务分站"),
    "mommy_rooms": ("妈咪小屋", "爱心妈妈小屋", "母婴"),
    "rest_stops": ("爱心驿站",),
    "bookrooms": ("职工书屋",),
    "craftsman_school": ("工匠学堂", "技能培训", "职工学堂", "职工学校"),
    "joint_meeting": ("联席会议",),
    "regular_meetings": ("例会",),
    "assessment": ("考核", "考评"),
    "third_party_evaluation": ("第三方",),
    "congress_system": ("会员代表大会", "直选", "代表大会"),
    "party_leads_union": ("党建带工建",),
    "on_demand_services": ("点单",),
    "staggered_hours": ("错时",),
    "matchmaking": ("相亲", "交友", "联谊", "配对"),
    "mediation_centre": ("调解",),
    "legal_aid": ("法律援助",),
    "hardship_assistance": ("困难职工",),
    "medical_mutual_aid": ("医疗互助", "住院互助", "互助保障"),
    "collective_bargaining": ("集体协商", "集体合同"),
    "befriending_workers": ("交朋友",),
    "labour_competition": ("劳动竞赛", "技能比武", "技能竞赛"),
    "dedicated_funds": ("工作经费", "经费保障", "纳入财政预算"),
    "chair_allowances": ("补贴", "津贴"),
    "union_app": ("杭工e家", "APP", "网上工会", "智慧工会"),
    "wechat_platform": ("微信", "公众号"),
    "member_database": ("实名制", "数据库"),
}

# Phrasings the literal words above miss, as patterns over how a piece words a practice rather than
# over any one piece: a practice's name with a word between ("妈咪暖心小屋", "行业联合工会"), a
# formula of the party building leading ("党建带群建", "党建+工建"), a staffing split printed in
# brackets ("副主席3名（其中兼职1名）").
_CN = "[\u4e00-\u9fff]"
PRACTICE_PATTERNS: dict[str, str] = {
    "zjg_team": r"专[、，,]?挂[、，,]?兼|专[+＋、]兼|专职[^。；]{0,8}兼职[^。；]{0,8}挂职|兼职[^。；]{0,8}挂职",
    "parttime_vice_chairs": r"兼任[^。；]{0,8}副主席|副主席[^。；]{0,10}兼职|兼职[^。；]{0,6}副主席",
    "social_workers": r"购买[^。；]{0,4}社工|职业(?:化)?工会工作者|聘请专业[^。；]{0,6}人员",
    "frontline_representation": r"基层一线",
    "sector_unions": rf"行业性?(?:联合)?工会|(?:楼宇|商圈|市场|街区){_CN}{{0,4}}工会(?!工作)",
    "three_level_network": r"三级工会",
    "shared_positions": (
        r"共办共享|(?:青年之家|妇女之家)[^。]{0,12}(?:整合|共享|共建)"
        r"|(?:整合|集约)[^。]{0,20}(?:青年之家|妇女之家)|依托[^。]{0,6}党群服务中心"
    ),
    "online_offline": r"线上[^。；]{0,10}线下|网上网下|网上[+＋]网下",
    "tiered_positions": r"一中心[一多]?站|层级[^。，；]{0,6}阵地|三级[^。，；]{0,6}阵地",
    "mommy_rooms": rf"妈咪{_CN}{{0,4}}小屋",
    "rest_stops": r"爱心驿[站家]|工会驿站|劳动者驿站|户外劳动者服务站",
    "craftsman_school": r"(?:技能|技术|职业|产业)[^。，；]{0,4}培训",
    "party_leads_union": r"党建[带+＋]?[工群]建|党建统领工建|党建引领[，,]?[^。；]{0,6}工会|党工共建",
    "on_demand_services": r"(?<!试)点单|菜单式|订单式",
    "staggered_hours": r"错时|延时服务|生物钟",
    "hardship_assistance": r"困难帮扶|帮扶救助|困难援助|送温暖|金秋助学",
    "labour_competition": r"技术比武|技能比赛|立功竞赛|岗位练兵|安康杯",
    "legal_aid": r"法律咨询|法律服务|律师",
    "dedicated_funds": r"经费[^。；]{0,8}倾斜|专项经费",
    "union_app": r"互联网[+＋﹢][”\"]?工会|工会[+＋﹢]互联网|网上(?:入会|帮扶|服务)",
}
# Practices whose literal words name a group or a tool rather than the practice: the word counts
# only in a sentence that also says the union organises it (新业态 workers being recruited, a
# member database rather than any database).
_SENTENCE_CONTEXT: dict[str, tuple[str, str]] = {
    "new_groups_coverage": (
        r"新领域|新群体|新业态|新就业形态|快递|外卖|两新|货车司机|网约车",
        r"建会|入会|组建|覆盖|新建|工会联合会|联合工会|会员",
    ),
    "member_database": (r"实名制|数据库", r"会员|实名制"),
    # An allowance is a chair's only in a sentence about chairs ("返乡补贴" is a worker's); an
    # assessment is a method only where the sentence names a system, a score or a yearly review.
    "chair_allowances": (r"补贴|津贴", r"主席"),
    "assessment": (r"考核|考评", r"制度|办法|机制|体系|年度|积分|绩效|纳入|满意度|测评|评价"),
}
# Volunteers listed in a staffing formula ("专职+兼职+志愿者", "招募志愿者等多种方式充实工会工作力量")
# are a source of staff, not a volunteer organisation; a named team or a count of volunteers is one.
_VOLUNTEER = re.compile(r"志愿|义工")
_STAFFING_FORMULA = re.compile(r"[+＋]志愿者|志愿者[+＋]|(?:队伍|工作)力量")
_PATTERNS = {code: re.compile(pattern) for code, pattern in PRACTICE_PATTERNS.items()}
_CONTEXT = {code: (re.compile(word), re.compile(context)) for code, (word, context) in _SENTENCE_CONTEXT.items()}
_SENTENCE = re.compile(r"[^。！？；\n]+")

POSITION_MODEL = re.compile(
    r"(?<![\d+])(?P<centre>\d+)\s*\+\s*(?P<stations>\d+)(?:\s*\+\s*(?P<points>N|n|X|\d+))?(?![\d+])"
)


def positions_in(text: str) -> list[dict]:
    """Centre–station–point structures printed like “1+14+N” (or “1+11” 职工服务阵地)."""
    seen, found = set(), []
    for match in POSITION_MODEL.finditer(text):
        points = (match["points"] or "").upper()
        if not any(word in text[match.end() : match.end() + 10] for word in ("服务", "阵地", "站")):
            continue  # "2+4+X”党群工作班子", "1+3”结对帮扶": a model of something other than positions
        label = "+".join(part for part in (match["centre"], match["stations"], points) if part)
        if label in seen or int(match["centre"]) > 9:
            continue
        seen.add(label)
        found.append(
            {
                "label": label,
                "centre": int(match["centre"]),
                "stations": int(match["stations"]),
                "points": int(points) if points.isdigit() else None,
            }
        )
    return found


def practices_in(text: str) -> list[str]:
    lowered = text.replace("Ｅ", "e").replace("E家", "e家").replace("app", "APP")
    sentences = _SENTENCE.findall(lowered)
    codes = []
    for code, words in PRACTICE_WORDS.items():
        if code in _CONTEXT:
            word, context = _CONTEXT[code]
            found = any(word.search(sentence) and context.search(sentence) for sentence in sentences)
        elif code == "volunteer_organisation":
            found = any(_VOLUNTEER.search(s) and not _STAFFING_FORMULA.search(s) for s in sentences)
        elif code == "on_demand_services":
            found = bool(_PATTERNS[code].search(lowered))  # "点单" but not "试点单位"
        else:
            found = any(word in lowered for word in words) or (code in _PATTERNS and _PATTERNS[code].search(lowered))
        if found:
            codes.append(code)
    if positions_in(text) and "tiered_positions" not in codes:
        codes.append("tiered_positions")
    return codes
