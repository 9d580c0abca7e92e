"""The practices' vocabulary: the words by which a text names each practice of the taxonomy.

The importer and the editions' tagging tag a text with it (``practices_in`` below), and the statistics
look up the evidence of a practice with it (``pilots.statistics.practice_evidence``): one list of them.
"""

import logging
import re
from bisect import bisect_right
from functools import cache, lru_cache
from pathlib import Path

from django.conf import settings

from .plans import _ATTENDANCE, _COMMENT, _before_plan, own_sentences
from .senses import (
    OUTDOOR_WORKERS,
    REST,
    TRADES,
    attending,
    congress_held,
    in_topic_frame,
    names_a_topic,
    owned_by_union,
    public_service_team,
)

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
_NEEDY = "(?:职工|工人|外来工|农民工|务工者?|家庭|会员|群众|党员|劳模|户|人员|学子|学生)"
PRACTICE_PATTERNS: dict[str, str] = {
    "zjg_team": (
        r"专[、，,]?挂[、，,]?兼|专[+＋、]兼|专职[^。；]{0,8}兼职[^。；]{0,8}挂职|兼职[^。；]{0,8}挂职"
        r"|专职[^。；]{0,20}兼职|兼挂|挂兼|专兼并举|兼职化|轮值(?:主席|制度)"
    ),
    "parttime_vice_chairs": r"兼任[^。；]{0,8}副主席|副主席[^。；]{0,10}兼职|兼职[^。；]{0,6}副主席",
    "social_workers": (
        r"购买[^。；]{0,4}社工|职业(?:化)?(?:工会)?工作者|聘请专业[^。；]{0,6}人员"
        r"|购买社会组织服务|社工(?:机构|组织|队伍)|(?:服务|工会)队伍社会化|(?:招聘|聘用|聘请)[^。；，]{0,6}工会工作者"
    ),
    "frontline_representation": r"基层一线",
    # No verb, conjunction or particle between the place word and 工会 ("楼宇建立工会联合会").
    "sector_unions": (
        rf"行业性?(?:联合)?工会|(?<![企事产职就专作创毕])(?<={_CN})业(?:联合)?工会(?!工作)"
        # the joint union of one trade or its workers ("货运司机工会联合会", "危化品物流企业联合工会")
        rf"|(?:{TRADES})(?:企业|行业性?|从业人员|司机)?(?:工会联合会|联合工会)"
        rf"|(?:楼宇|商圈|市场|街区)(?:(?![建设成组和与及为的]){_CN}){{0,4}}工会(?!工作)"
    ),
    "three_level_network": r"三级工会|三级(?:组织)?(?:架构|组织网络|组织体系)",
    "shared_positions": (
        r"共办共享|(?:青年之家|妇女之家)[^。]{0,12}(?:整合|共享|共建)"
        r"|(?:整合|集约)[^。]{0,20}(?:青年之家|妇女之家)|依托[^。]{0,6}党群服务中心"
        r"|(?:群团|党群)(?:联动|综合|便民)?(?:服务|活动)(?:中心|站|点|窗口|室)|阵地[^。，；]{0,6}共[建享用]"
        r"|群团组织共建|(?:共青团|团委|妇联)[^。；]{0,16}(?:资源整合|资源共享|共建共享)"
    ),
    "online_offline": r"线上[^。；]{0,10}线下|网上[+＋]?[网线]下",
    "tiered_positions": (
        r"一中心[一多]?站|层级[^。，；]{0,6}阵地|[三四五]级[^。，；]{0,6}(?:阵地|站点)|阵地[^。，；]{0,4}层级化|分阵地"
        r"|\d[+＋](?:\d+|[XNYxny])(?:[+＋](?:\d+|[XNYxny]))*[”\"]?[^。，；]{0,4}(?:阵地|服务阵地)体系"
        r"|服务中心(?:[（(]站[）)]|[^。；]{0,24}服务站)[^。；]{0,24}服务点"
    ),
    # the nursing room by its other names ("哺乳室", "母婴关爱室", "妈妈小屋")
    "mommy_rooms": rf"妈咪{_CN}{{0,4}}小屋|(?:哺乳|母婴{_CN}{{0,2}})(?:室|间|点|区|小屋)|妈妈(?:小屋|之家)",
    # by its name ("户外劳动者服务驿站", "户外驿站") or by what it is for: a stop to rest, drink and charge
    "rest_stops": (
        r"爱心驿[站家]|工会(?:(?![与和及在的为到对向把将])[\u4e00-\u9fff]){0,4}(?<!心灵)驿站|户外劳动者服务驿?站"
        # a stop named for those it is for, the outdoor workers ("小哥驿站", "骑手港湾"; a 快递驿站 takes parcels)
        rf"|{OUTDOOR_WORKERS}[^，。；、]{{0,4}}(?:驿站|港湾|休息点|歇脚点)"
        rf"|(?:站点|驿站|服务站|服务点)[^。；]{{0,30}}{REST}"
        # a stop (not a parcel station or a counselling corner) in a sentence naming whom it serves or rest
        rf"|(?<!快递)(?<!菜鸟)(?<!心灵)驿站[^。；]*?(?:{OUTDOOR_WORKERS}|{REST})|{OUTDOOR_WORKERS}[^。；]*?(?<!快递)(?<!菜鸟)(?<!心灵)驿站"
    ),
    "craftsman_school": (
        r"(?:技能|技术|职业|产业)[^。，；]{0,4}培训|培训(?:班|学院|基地)|(?:职工|工匠|创业|技能)(?:学院|讲堂)|讲堂|学堂"
        r"|(?:工匠|名师|技能大师)[^。；，]{0,4}(?:工作室|之家)"
        r"|(?:名|导|技|以)?师带徒|师徒结对|结对带徒"  # masters training apprentices
    ),
    "party_leads_union": (
        r"党建带动?(?:[工群]建|群团)|党建[+＋]?[工群]建|党建统领工建|党建引领[，,]?[^。；、]{0,6}工会"
        r"|(?:工会|群团)工作[^。；]{0,6}纳入[^。；，]{0,8}党|党组织[^。；]{0,12}(?:引领|带动)[^。；]{0,6}工会"
    ),
    "on_demand_services": r"(?<!试)点单|菜单式|订单式",
    "staggered_hours": r"错时|延时服务|生物钟|24小时[^。；，]{0,12}(?:服务|开放)",
    "hardship_assistance": (
        r"困难帮扶|帮扶救助|困难援助|送温暖|金秋助学|(?:四季|精准|上门|心愿|困难群众)帮扶|帮扶品牌"
        # those in hardship given money ("向生活困难的外来工送上…慰问金")
        # (people, not firms in difficulty: "向困难企业发放稳岗补助金")
        rf"|困难的?{_NEEDY}[^。；]{{0,30}}(?:慰问金|救助金|补助金|帮扶金|助学金)"
        rf"|(?:慰问金|救助金|补助金|帮扶金)[^。；]{{0,20}}困难的?{_NEEDY}"
    ),
    # a union's reading corner given a name ("渔夫书吧", "职工书吧"); a bare 书吧 in a list of a place's
    # amenities (咖啡吧、书吧) is not
    "bookrooms": rf"职工(?:图书|阅览)室|{_CN}{{2}}书吧|(?<![^、，,])书屋",
    "collective_bargaining": r"工资(?:集体|专项)?(?:协议|合同)",
    "regular_meetings": (
        r"(?:每月|每季度?|每周|每半年|定期|月度|季度)[^。；，]{0,10}(?:例会|工作会议|议事会|碰头会|推进会|座谈会)"
    ),
    "mediation_centre": r"调处",
    "labour_competition": r"技能运动会|技术比武|技能比赛|技能大赛|立功竞赛|岗位练兵|安康杯|(?<![^、，,])比武",
    "legal_aid": r"法律服务|律师",
    # a sum set aside or passed down to the unions, not any money spent
    "dedicated_funds": (
        r"(?:经费|资金)[^。；]{0,8}倾斜|专项经费|(?:经费|资金)[^。；，]{0,4}(?:下移|下拨|回拨|返还)|投入[^。；，]{0,4}工会经费"
        # 资金 for 经费: the union's special fund ("设立新业态工会专项资金"), not any fund a project won
        r"|工会[^。；，、]{0,8}专项资金|专项资金[^。；，、]{0,12}工会"
        r"|(?:预拨|拨付|投入)[^。；，]{0,4}\d+(?:\.\d+)?万元"
        r"|下拨[^。；，、]{0,6}(?:资金|经费)|(?:资金|经费)[^。；，、]{0,4}下拨"
    ),
    "union_app": r"互联网[+＋﹢][”\"]?工会|工会[+＋﹢]互联网|网上(?:入会|帮扶|服务|职工之家)",
    "assessment": r"述职评议|评价(?:机制|办法)|满意(?:度)?测评|考核(?:机制|制度|办法|体系)",
}
# Practices whose words name a group, a tool or a topic rather than the practice: the word counts
# only in a sentence that also says the union organises it (新业态 workers being recruited into unions,
# a member database rather than any database, a chair's allowance, a third party that evaluates).
_SENTENCE_CONTEXT: dict[str, tuple[str, str]] = {
    "new_groups_coverage": (
        r"新领域|新群体|新业态|新就业形态|快递|外卖|两新|货车司机|网约车|外来(?:务工|人员|人口)"
        r"|骑手|八大群体|灵活就业|网约配送|平台(?:企业|从业|劳动者)|家政|货运司机",
        # unions founded or reaching the workers, not a service's reach: "覆盖职工近万人" counts those served,
        # "延伸拓展了……服务" extends services, "新建了两个工会驿站" builds rest stops
        # a joint union of the new groups or of an industry, not a community's federation holding an event for them
        r"建会|入会|覆盖(?!职工?[近约超逾\d一二三四五六七八九十百千万])|会员"
        r"|(?:新领域|新群体|新业态|新就业形态|快递|外卖|物流|货车|货运|网约|骑手|两新|行业|平台|外来|流动|务工)[^，。；、]{0,6}(?:工会联合会|联合工会)"
        r"|(?:组织|工会|建会)[^。；]{0,10}延伸|延伸[^。；]{0,6}(?:组织|工会)|延伸(?:到|至)"
        r"|(?:组建|新建|成立)[^。；]{0,12}工会(?!驿站|服务|阵地|之家|书屋)|工会(?:组织)?(?:组建|建设)",
    ),
    "member_database": (r"实名制|数据库", r"会员|实名制"),
    # An allowance is a chair's only in a sentence about chairs ("返乡补贴" is a worker's); an
    # assessment is a method only where the sentence names a system, a score or a yearly review.
    "chair_allowances": (r"补贴|津贴", r"主席"),
    "assessment": (r"考核|考评", r"制度|办法|机制|体系|年度|积分|绩效|纳入|满意度|测评|评价|挂钩"),
    # Frontline workers are a practice where they sit in the union's bodies, not as those it serves.
    "frontline_representation": (r"一线职工|一线人员|基层一线", r"代表|委员|常委|班子|比例|占|任职|充实|吸纳|队伍"),
    # A third party evaluating, not any company; big data used to find and found unions, not a forum.
    "third_party_evaluation": (r"第三方", r"评估|评价|测评|考核|考评|满意度|评审"),
    "data_driven_founding": (r"大数据", r"建会|组建|入会|摸底|排查|比对|筛查"),
    # An account or a group, not WeChat as a way of phoning ("微信联系").
    "wechat_platform": (r"微信|公众号", r"公众号|微信群|群|平台|号|推送|小程序|服务号|订阅|报名|签到|开发"),
    "mommy_rooms": (r"母婴", r"室|屋|间|小屋"),
    # A get-together is matchmaking only for young or single workers ("工会干部联谊活动" is not).
    "matchmaking": (r"相亲|交友|联谊|配对|姻缘|红娘|鹊桥", r"相亲|婚|单身|青年|交友|红娘|牵手|脱单"),
    # The party–mass joint meeting: a meeting with the party or the other mass organisations.
    "joint_meeting": (r"联席会议", r"党|群团|工青妇|妇联|团委|共青团"),
    # Mediation of labour disputes, not any dispute settled ("化解矛盾纠纷…调处成功率" of a patrol).
    "mediation_centre": (r"调解|调处", r"劳动|劳资|职工|员工|工会|争议|工资|欠薪|维权"),
    # One station is a tier only with another tier or a count of stations named (see ``_tiers_across``).
    "tiered_positions": (
        r"职工服务站|服务分站",
        r"中心|点|社区|村|企业|园区|\d|[一二两三四五六七八九十N]个|级|站所|分站",
    ),
}
# The union's own people ("工资集体协商指导员培训班", "调解员培训"): training them is no skills training of the workers.
_UNION_STAFF = r"干部|主席|骨干|指导员|协商员|调解员|工作者|专干|委员"
# Where these stand in a clause, the word names something else: a congress held or a workers'
# congress of firms (the practice is the member congress, standing delegates, direct elections),
# an exam at the end of training, a people's 枢纽 position, a three-tier network of positions.
_CLAUSE_VETO: dict[str, str] = {
    "assessment": r"培训考核|考核都|考核合格|考核优秀",
    # training for the union's cadres and chairs, not the workers' skills
    # or a lecture hall of culture (社区文化大讲堂), not of skills
    "craftsman_school": (
        rf"(?:{_UNION_STAFF})[^，。；、]{{0,4}}培训|培训[^，。；、]{{0,4}}(?:{_UNION_STAFF})|文化大?讲堂"
        r"|业务培训"  # the union's own staff learning its business (…职代会业务培训班), not workers' skills
    ),
    # a joint meeting with the government alone (工会与政府联席会议), not with the party or mass bodies
    "joint_meeting": r"^(?!.*(?:党|群团|工青妇|妇联|团委|共青团)).*政府.*联席会议",
    # a menu of projects that units claim (菜单式认领), not services that workers order
    "on_demand_services": r"认领",
    "three_level_network": r"三级[^。，；]{0,6}阵地|枢纽型?阵地|枢纽[^。，；]{0,4}(?:中心|站)",
    # frontline workers' representatives taking part in an event, not frontline workers in the union's bodies,
    # or frontline workers visited with gifts (慰问了…等一线职工), those the union serves
    # a WeChat group as the channel of a notice or a call ("在微信群通知后"), as "微信联系" is: no platform run
    "wechat_platform": r"微信群?(?:里|中|内)?(?:通知|联系|告知|呼叫)",
    "frontline_representation": (
        r"代表(?:们)?(?:参加|参与|出席|前往|来到|走进|观看)|(?:慰问|看望|走访)[^，。；,;]{0,200}(?:一线职工|一线人员)"
    ),
    # the new groups named as those a service is for ("为…新就业形态劳动者提供…服务"), no union reaching them
    "new_groups_coverage": r"^(?!.*(?:建会|入会|工会|会员|覆盖|组建|成立|加入)).*服务",
    # the party's or other departments' volunteers, an activity, a service in a list of a centre's functions
    "volunteer_organisation": (
        r"党(?:团)?员志愿者|团员志愿者|部门志愿者|志愿活动|志愿服务\d|、志愿服务(?!队)|志愿服务、"
        # other organisations' volunteers ("群团组织的志愿者们", "团市委…志愿者")
        r"|(?:群团组织|团[省市区县]?委|妇联|科协|残联|红十字会|学校|医院)[^，。；、]{0,4}志愿者"
        # couriers or drivers who volunteer (一群外卖小哥志愿者): workers helping, not a body the union runs
        r"|(?:外卖|快递|骑手|小哥|司机|网约车)[^，。；、]{0,4}志愿者(?!服务队|队|协会|联盟)"
        r"|(?:外卖|快递|骑手|小哥|司机|网约车)们?[^，。；]{0,80}志愿服务(?!队)"  # the couriers doing the service
        # one volunteer pictured in a caption ("志愿者（左）为…介绍…"), not a body
        r"|志愿者[（(][左右中前后][）)]"
        # volunteers the union visits or thanks, or others praised for their part: those served, not its body
        r"|(?:慰问|看望|感谢|致敬|点赞)[^，。；、]{0,30}志愿者|[对为向][^，。；]{0,20}志愿者们?的?(?:慰问|看望|致敬|感谢|点赞|喝彩)"
        r"|(?:公安|武警|民警|医护|各行各业)[^，。；]{0,6}志愿者|志愿者[^，。；]{0,4}(?:作出|做出)[^，。；]{0,8}贡献"
    ),
    # a worker's prize in a competition ("在…技能比武中获得个人第一名"), not the union running competitions
    "labour_competition": (
        r"中(?:获得|荣获|夺得|斩获)[^，。；,;]{0,10}(?:第[一二三]名|[一二三]等奖|冠军|金奖|银奖|铜奖)"
    ),
}
# Volunteers listed in a staffing formula ("专职+兼职+志愿者") are a source of staff, not a volunteer
# organisation; the party's or other departments' volunteers and one-off volunteer activities are not the
# union's (the clause veto above).
_VOLUNTEER = re.compile(r"志愿|义工")
_STAFFING_FORMULA = re.compile(r"[+＋]志愿者|志愿者[+＋]|(?:队伍|工作)力量")
# A cue followed in its clause by a need ("职工对矛盾调解…等方面的实际需求") names what workers need,
# unless the clause meets it ("…培训，满足企业的需求" is in another clause; "以满足…的需求" meets it).
_NEED_AFTER = re.compile(r"的(?:实际|迫切|多元|多样)?(?:需求|需要)")
_NEED_MET = re.compile(r"满足|适应|符合|回应|对接")
# Cue words that count only in a sentence that says more: "共建共享" alone is any partnership
# ("实现普惠合作的共建共享"), the practice shares places with the other mass organisations; workers in
# hardship named are not helped ("联系…1名农民工、1名困难职工").
_CUE_CONTEXT = {
    "shared_positions": (
        re.compile(r"共建共享|共享共用|共建共用"),
        re.compile(r"阵地|群团|党群|党建|场所|场地|活动室|工青妇|妇联|共青团|团委|之家|中心|站|平台|资源|设施"),
    ),
    # a smart union built is an aim; the practice is an app or an online union named with it
    "union_app": (
        re.compile(r"智慧工会"),
        re.compile(r"APP|小程序|平台|网上|线上|在线|掌上|e家|云|系统|数字化|互联网"),
    ),
    "hardship_assistance": (
        re.compile(r"困难职工"),
        re.compile(r"帮扶|救助|慰问|援助|补助|助学|解困|资助|送温暖|帮助|关爱|建档|申报|子女|解决"),
    ),
}
# Shared positions are places shared with the other mass organisations or the party's centres; firms
# opening their own places to other firms' workers ("企业…场地…对外开放…资源共享") are not.
_FIRMS_SHARING = re.compile(r"企业[^。；]{0,40}(?:开放|共享)")
_MASS_BODIES = re.compile(r"群团|党群|党建|工青妇|妇联|共青团|团委|青年之家|妇女之家")
# A cue naming what is shown or published, not what the union does: an account's column ("交友中心栏目"),
# information listed ("技能培训等资讯"), policies put up on a wall ("医疗互助等政策挂在墙上").
_CONTENT_AFTER = re.compile(
    r"^[^，。；：,;:]{0,6}?(?:栏目|专栏|版块|板块)|^[^，。；：,;:]*?等[^，。；：,;:]{0,16}(?:资讯|信息(?!化)|知识|学习教育|宣讲|宣传|话题|内容|专题)"
)
_POSTED = re.compile(r"^[^，。；：,;:]*?等[^，。；：,;:]{0,16}政策[^，。；：,;:]{0,4}(?:挂|贴|上墙|展示|公示)")
# A place named as where guests are invited for an event ("邀请…骑手来到某某党群服务中心", "邀请…团聚在
# 某社区爱心驿家"): a venue, not a place the union is said to have (its volunteers coming to its rest stop
# to serve still say it has one).
_VENUE_BEFORE = re.compile(r"邀请[^，。；,;]{0,40}(?:来到|团聚在|相聚在|欢聚在|齐聚|聚在)[^，。；,;]{0,12}$")
# A place named as where another facility is sited ("驿站选址在游客中心和职工书屋"): the host's, not the union's.
_SITED_IN = re.compile(r"(?:选址(?:在|于)|坐落(?:在|于))[^，。；,;]{0,12}$")
_INQUIRY_BEFORE = re.compile(r"(?:调研|了解|听取|询问|察看|查看|考察|督导)[^，。；,;]*$")
_SITUATION_AFTER = re.compile(r"^[^，。；：,;:]*?等[^，。；：,;:]{0,8}情况")
# an industry or a sector ("三产工会联合会")
_INDUSTRY_BEFORE = re.compile(r"(?:行业性?|产业|[一二三]产|第[一二三]产业)$")
# A joint union of one trade or of its workers is that trade's union, a sector union, not a joint union of the firms
# of an area ("货运司机工会联合会", "网约车司机联合工会", "危化品物流企业联合工会").
_TRADE_BEFORE = re.compile(rf"(?:{TRADES})(?:企业|行业性?|从业人员|司机)?$")
# A bare 工会联合会 opening its clause in a sentence naming an industry's federation refers back to it
# ("快递行业工会联合会主席介绍说，工会联合会首要任务…"): the sector union again, no joint union.
_INDUSTRY_FEDERATION = re.compile(r"行业性?工会联合会")
# What participants wrote or told ("用文字抒写了…关心关爱困难职工…等暖心故事"): the topics of their entries.
_TOLD_BEFORE = re.compile(r"(?:抒写|讲述|书写|描写|描绘|诉说)了?[^，。；,;]*$")
_PLACE_CODES = ("rest_stops", "shared_positions", "bookrooms", "mommy_rooms")
_PATTERNS = {code: re.compile(pattern) for code, pattern in PRACTICE_PATTERNS.items()}
_CONTEXT = {code: (re.compile(word), re.compile(context)) for code, (word, context) in _SENTENCE_CONTEXT.items()}
_VETO = {code: re.compile(pattern) for code, pattern in _CLAUSE_VETO.items()}
_CLAUSE = re.compile(r"[^。！？；，,：:\n]+")
# The congress practice names the member congress, standing delegates or direct elections; a
# congress held or an enterprise's workers' congress is not it.
_CONGRESS = re.compile(r"会员代表大会|代表常任制|常任制|直选|直接选举|公推直选")
# An association's congress ("劳模工匠协会第一次会员代表大会"), not the union's member congress.
_ASSOCIATION_BEFORE = re.compile(r"(?:协会|学会|研究会|商会|促进会|联谊会)\s*(?:第[\d一二三四五六七八九十]+[次届])?$")
_WORDS = {code: re.compile("|".join(map(re.escape, words))) for code, words in PRACTICE_WORDS.items()}

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


@cache
def _segmenter():
    """jieba with the practices' words in its dictionary, apart from the search index's: a cue word
    counts only where the segmenter reads it as (part of) a word, not across two ("协调解决" holds
    调解 but says nothing of mediation, "楼宇建立工会" no 楼宇工会)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    cache_dir = Path(settings.VAR_DIR) / "jieba"
    cache_dir.mkdir(parents=True, exist_ok=True)
    tokenizer.tmp_dir = str(cache_dir)
    tokenizer.initialize()
    for words in PRACTICE_WORDS.values():
        for word in words:
            for form in (word, word + "式", word + "化", word + "制"):
                tokenizer.add_word(form)
    return tokenizer


@lru_cache(maxsize=4096)
def _word_edges(sentence: str) -> frozenset[int]:
    """The offsets in ``sentence`` where the segmenter puts a word boundary."""
    edges, at = {0}, 0
    for token in _segmenter().cut(sentence, HMM=False):
        at += len(token)
        edges.add(at)
    return frozenset(edges)


def _at_word_edges(sentence: str, match: re.Match) -> bool:
    """Whether no word of the segmenter runs into the match from before it (a word holding it whole
    is fine: 网格 in 网格化)."""
    start, end = match.span()
    if end - start > 3:
        return True  # a longer cue is a word of its own (a compound the segmenter may cut: 商业街|区工会)
    # A three-character cue is met by chance too: "输送|温暖" holds 送温暖.
    edges = _word_edges(sentence)
    # A word running into the cue from before it reads the text otherwise (协调 | 解决); a word
    # running on after it mostly only extends it (点单式, 微信号), so the cue's start decides.
    return start in edges or not any(start < edge < end for edge in edges)


def _cued(code: str, sentence: str) -> bool:
    """Whether ``sentence`` holds one of the practice's cues, each read at the segmenter's word edges."""
    word = _CONTEXT[code][0] if code in _CONTEXT else None
    for pattern in (_WORDS[code], word, _PATTERNS.get(code)):
        if pattern is None:
            continue
        for match in _overlapping(pattern, sentence):
            if not _in_context(code, sentence, match):
                continue
            if _at_word_edges(sentence, match) and not _vetoed(code, sentence, match):
                return True
    return False


def _in_context(code: str, sentence: str, match: re.Match) -> bool:
    """Whether a cue word that needs more of its sentence (``_CUE_CONTEXT``) has it."""
    if code == "hardship_assistance" and match.group() == "送温暖" and not _HARDSHIP.search(sentence):
        return False  # a warmth campaign for outdoor workers or those staying over the holidays
    if not owned_by_union(code, match.group(), sentence):
        return False
    words, context = _CUE_CONTEXT.get(code, (None, None))
    return words is None or not words.fullmatch(match.group()) or bool(context.search(sentence))


_HARDSHIP = re.compile(r"困难|帮扶|救助|慰问金|补助|助学|解困|资助|大病|低保|特困|低收入|生活难")


def _overlapping(pattern: re.Pattern, sentence: str):
    """Each match of ``pattern``, also those starting inside an earlier one (街区 in 商业街区商圈工会)."""
    at = 0
    while (match := pattern.search(sentence, at)) is not None:
        yield match
        at = match.start() + 1


# How far before and after a cue, inside its clause, the vetoes look: bounded, so that a long clause full of
# cues costs time in proportion to its length.
_WINDOW = 80


@lru_cache(maxsize=1024)
def _clauses(sentence: str) -> tuple[tuple[int, ...], tuple[tuple[int, int], ...]]:
    spans = tuple(m.span() for m in _CLAUSE.finditer(sentence))
    return tuple(start for start, _ in spans), spans


@lru_cache(maxsize=4096)
def _clause_vetoed(code: str, sentence: str, start: int, end: int) -> bool:
    return bool(_VETO[code].search(sentence[start:end]))  # a slice: some vetoes are anchored at the clause's start


def _vetoed(code: str, sentence: str, match: re.Match) -> bool:
    starts, spans = _clauses(sentence)
    at = bisect_right(starts, match.start()) - 1
    if at < 0 or not spans[at][0] <= match.start() < spans[at][1]:
        return False
    start, end = spans[at]
    after = sentence[match.end() : min(end, match.end() + _WINDOW)]
    if _NEED_AFTER.search(after) and not _NEED_MET.search(after):
        return True
    if _CONTENT_AFTER.search(after) or _POSTED.search(after):
        return True
    before = sentence[max(start, match.start() - _WINDOW) : match.start()]
    if code in _PLACE_CODES and (_VENUE_BEFORE.search(before) or _SITED_IN.search(before)):
        return True
    if _INQUIRY_BEFORE.search(before) and _SITUATION_AFTER.search(after):
        return True  # the topics a visit inquired into ("调研…职工书屋建设…等具体情况")
    if code == "joint_unions" and match.group() == "工会联合会" and _INDUSTRY_BEFORE.search(before):
        return True  # an industry's federation (快递行业、物流行业工会联合会) is a sector union; its 联合工会 is both
    if code == "joint_unions" and _TRADE_BEFORE.search(before):
        return True
    if _TOLD_BEFORE.search(before):
        return True
    if names_a_topic(code, after) or in_topic_frame(sentence, match.start()) or attending(code, after):
        return True
    if (
        code == "joint_unions"
        and match.group() == "工会联合会"
        and re.fullmatch(r"(?:该|这个?|本)?", before)
        and _INDUSTRY_FEDERATION.search(sentence)
    ):
        return True
    if code == "joint_unions" and match.group() == "联合工会" and before.endswith("工会"):
        return True  # 联合 as the verb after a union ("市总工会联合工会公益伙伴…"): together with, no joint union
    return code in _VETO and _clause_vetoed(code, sentence, start, end)


def supports(code: str, sentence: str) -> bool:
    """Whether one sentence says its union does or has the practice ``code``."""
    if code == "on_demand_services" and not _PATTERNS[code].search(sentence):
        return False  # "点单" but not "试点单位"
    if code in _CONTEXT:
        _, context = _CONTEXT[code]
        if not context.search(sentence):
            return False
    if code == "volunteer_organisation":
        if public_service_team(sentence):
            return True
        if not _VOLUNTEER.search(sentence) or _STAFFING_FORMULA.search(sentence):
            return False
        return any(
            _at_word_edges(sentence, match) and not _vetoed(code, sentence, match)
            for match in _VOLUNTEER.finditer(sentence)
        )
    if code == "congress_system":
        return any(
            _at_word_edges(sentence, match)
            and not _ASSOCIATION_BEFORE.search(sentence[: match.start()])
            and not congress_held(sentence[: match.start()], sentence[match.end() :])
            for match in _CONGRESS.finditer(sentence)
        )
    if code == "shared_positions" and _FIRMS_SHARING.search(sentence) and not _MASS_BODIES.search(sentence):
        return False  # firms opening their places to other firms' workers, no other mass organisation
    if code == "tiered_positions" and positions_in(sentence):
        return True
    return _cued(code, sentence)


def reads(code: str, sentence: str) -> bool:
    """Whether the practice reader reads ``code`` in one sentence (not a plan, the practice said)."""
    reported = _before_plan(sentence)
    said = reported.strip() and not _COMMENT.search(sentence) and not _ATTENDANCE.search(sentence.strip())
    return bool(said) and supports(code, _normalised(reported))


def _normalised(text: str) -> str:
    return text.replace("Ｅ", "e").replace("E家", "e家").replace("app", "APP")


def practice_sentences(text: str, code: str) -> list[str]:
    """The sentences of ``text`` on which the practice ``code`` is read (the evidence of it)."""
    return [s.strip() for s in own_sentences(text) if supports(code, _normalised(s))]


# Places the union already has, named even in a sentence about what comes next ("接下来，我们下辖的各个
# 户外劳动者驿站也会开启…"): the plan is what the places will do, having them is said.
_HAD = re.compile(r"(?:下辖|现有|已建成?|已有|所辖)的?(?P<thing>[^，。；、,;将会也都要]{1,10})")
_NOT_YET = re.compile(r"新|建|设|拟|计划|筹")
_PLACES = ("rest_stops", "bookrooms", "mommy_rooms")


def _places_had(text: str) -> set[str]:
    things = [m["thing"] for m in _HAD.finditer(text) if not _NOT_YET.search(m["thing"])]
    return {code for code in _PLACES for thing in things if supports(code, thing)}


# A station named alone is a tier of a network only where the piece names another tier, in the same
# sentence (``_SENTENCE_CONTEXT``) or in another one ("新建街道职工服务站…" then "新建职工服务点").
_STATION = re.compile(r"职工服务站|服务分站")
_OTHER_TIER = re.compile(r"服务(?:中心|点)")


def _tiers_across(sentences: list[str]) -> set[str]:
    station = any(_STATION.search(s) for s in sentences)
    return {"tiered_positions"} if station and any(_OTHER_TIER.search(s) for s in sentences) else set()


def practices_in(text: str) -> list[str]:
    sentences = [_normalised(sentence) for sentence in own_sentences(text)]
    had = _places_had(_normalised(text)) | _tiers_across(sentences)
    return [code for code in PRACTICE_WORDS if code in had or any(supports(code, s) for s in sentences)]
