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
    codes = [code for code, words in PRACTICE_WORDS.items() if any(word in lowered for word in words)]
    if positions_in(text) and "tiered_positions" not in codes:
        codes.append("tiered_positions")
    return codes
