"""Practices read by general mechanisms rather than one wording at a time (issue 21, sets J and K read):
a practice's name standing before an event or a skill is the topic of a contest, a talk or a training, not the
practice done; party–union co-building is no party leading; a rest stop named for the outdoor workers it serves
(小哥驿站), a union's special fund (资金 for 经费), a nursing room by its other names (哺乳室) and a list of topics
framed across its commas (围绕…等议题展开); another body as the sentence's subject once the time is set
(近日，团市委…; any bureau …局) says what that body does; an app is the union's only beside the union or
its members; a congress held is no congress system; a sector's federation (三产工会联合会) is no joint union;
a stop serving outdoor workers or rest, named anywhere in its sentence, is a rest stop; unions named as whose
representatives attend are an audience; couriers doing volunteer service are not the union's volunteer body;
a team doing public or unpaid service (帮帮团…公益服务, 益剪队) is a volunteer body by another name;
a 24-hour service station named at length (24小时工会户外劳动者服务站点) is service outside working hours.

The sentences are invented for these tests; each pair shows the rule leaving the practice out and still
reading it where it is said.
"""

from pilots.vocabulary import practices_in


def test_a_practice_named_as_the_topic_of_an_event_is_not_done():
    assert "collective_bargaining" not in practices_in("市总工会在某地举办首届工会集体协商竞赛，选手们同台较量。")
    assert "collective_bargaining" not in practices_in("此次集体协商技能竞赛围绕工资待遇等议题展开。")
    assert "medical_mutual_aid" not in practices_in("街道工会组织医疗互助政策宣讲，职工踊跃参加。")
    assert "collective_bargaining" in practices_in("街道工会指导企业开展工资集体协商，签订集体合同12份。")
    # a contest or a training that is itself the practice still counts
    assert "labour_competition" in practices_in("区总工会举办技能竞赛，200名职工参赛。")


def test_a_skill_in_a_practice_raised_is_not_the_practice_done():
    text = "选手们模拟劳资双方代表谈判，提升了工会干部集体协商的能力和实效。"
    assert "collective_bargaining" not in practices_in(text)
    assert "collective_bargaining" in practices_in("工会代表与企业开展集体协商，职工工资增长5%。")


def test_party_and_union_building_together_is_no_party_leading():
    assert "party_leads_union" not in practices_in("街道突出党工共建，抓机制创新，在组织网络上补短板。")
    assert "party_leads_union" in practices_in("街道坚持党建带工建，把工会工作纳入党建考核。")


def test_a_rest_stop_named_for_the_outdoor_workers_it_serves():
    assert "rest_stops" in practices_in("目前，全区已建成小哥驿站60个。")
    assert "rest_stops" in practices_in("街道工会在商圈设立骑手港湾，配备桌椅和药箱。")
    # a parcel station and a counselling corner are no rest stops
    assert "rest_stops" not in practices_in("小区门口新开了一家快递驿站，取件很方便。")
    assert "rest_stops" not in practices_in("街道工会完善职工心灵驿站，开展心理疏导服务。")


def test_a_unions_special_fund_is_dedicated_funds():
    assert "dedicated_funds" in practices_in("区总工会设立新业态工会专项资金20万元，用于建会补助。")
    assert "dedicated_funds" in practices_in("街道工会每年安排专项资金，纳入职工服务中心预算。")
    # money raised for one event is no dedicated fund
    assert "dedicated_funds" not in practices_in("此次活动筹备资金30余万元，走访慰问职工。")
    assert "dedicated_funds" not in practices_in("该村争取省级专项资金500万元建设文化礼堂。")


def test_a_nursing_room_by_its_other_names():
    assert "mommy_rooms" in practices_in("园区工会在企业设立哺乳室5间，方便哺乳期女职工。")
    assert "mommy_rooms" in practices_in("社区工会开设母婴关爱室，配备冰箱和沙发。")
    assert "mommy_rooms" not in practices_in("女职工在哺乳期内享受每天一小时的哺乳时间。")


def test_a_list_of_topics_framed_across_its_commas_is_not_done():
    text = "此次协商竞赛围绕提高工资待遇，为女职工建立哺乳室，保障带薪年休假等议题展开。"
    assert "mommy_rooms" not in practices_in(text)
    assert "mommy_rooms" in practices_in("企业工会为女职工建立哺乳室，保障带薪年休假。")


def test_another_body_as_the_subject_after_the_time_is_not_the_union():
    assert "volunteer_organisation" not in practices_in("近日，团市委在广场组织青年志愿者为市民提供咨询。")
    assert "legal_aid" not in practices_in("9月15日上午，嘉兴市司法局在园区设立法律援助工作站。")
    assert "craftsman_school" not in practices_in("此外，某某区人力社保局举办电工技能培训班。")
    assert "craftsman_school" not in practices_in("县市场监管局为商户开展食品安全技能培训。")
    # the union as the subject, or named beside the other body, still counts
    assert "craftsman_school" in practices_in("近日，区总工会举办电工技能培训班。")
    assert "legal_aid" in practices_in("9月15日，区司法局与区总工会在园区设立法律援助工作站。")


def test_an_app_is_the_unions_only_where_the_union_or_its_members_are_named():
    assert "union_app" not in practices_in("市民可通过某某办APP在线预约挂号。")
    assert "union_app" in practices_in("会员可通过某工e家APP在线预约疗休养。")


def test_a_congress_held_is_no_congress_system():
    text = "某区物流行业工会联合会成立暨第一次会员代表大会日前召开，选举产生第一届委员会。"
    assert "congress_system" not in practices_in(text)
    assert "congress_system" not in practices_in("街道总工会会员代表大会昨天在文化中心举行。")
    assert "congress_system" in practices_in("街道总工会完善会员代表大会制度，推行代表常任制。")


def test_a_sectors_federation_is_no_joint_union():
    assert "joint_unions" not in practices_in("2012年，该区组建成立了首家三产工会联合会。")
    assert "joint_unions" in practices_in("2012年，该街道组建成立了首家村级工会联合会。")


def test_a_stop_serving_outdoor_workers_or_rest_anywhere_in_its_sentence():
    assert "rest_stops" in practices_in("为让来驿站休憩的人们有更好的体验，驿站添置了理发椅。")
    assert "rest_stops" in practices_in("在新业态群体党群服务中心（某某驿站）开业现场，外卖小哥纷纷点赞。")
    assert "rest_stops" not in practices_in("小区的快递驿站里，外卖小哥也来取件。")
    assert "rest_stops" not in practices_in("街道工会开设心灵驿站，为户外劳动者提供心理疏导。")


def test_unions_named_as_whose_representatives_attend_are_an_audience():
    text = "报告厅内，街道机关工会、社区联合工会和企业工会代表正在认真聆听劳模授课。"
    assert "joint_unions" not in practices_in(text)
    assert "joint_unions" in practices_in("街道组建社区联合工会，吸纳小微企业职工入会。")


def test_couriers_doing_volunteer_service_are_no_volunteer_body_of_the_union():
    text = "镇总工会发动小哥们积极开展隐患“随手拍”、垃圾“随手检”、小事“随手帮”等志愿服务。"
    assert "volunteer_organisation" not in practices_in(text)
    assert "volunteer_organisation" in practices_in("镇总工会组建职工志愿服务队，为小哥们开展志愿服务。")


def test_a_team_doing_public_service_is_a_volunteer_body_by_another_name():
    assert "volunteer_organisation" in practices_in("当天，获授牌的8个帮帮团现场开展义诊、法律咨询等公益服务。")
    assert "volunteer_organisation" in practices_in("行业联合工会益剪队开展“进村入户公益行”活动。")
    assert "volunteer_organisation" not in practices_in("某某集团举行公益文化活动，赠送图书。")
    assert "volunteer_organisation" not in practices_in("驿站为骑手们提供饮水补给、热餐等公益服务。")
    assert "volunteer_organisation" not in practices_in("招募更多的社会力量参与群团公益服务，与专业机构合作。")


def test_a_24_hour_service_station_named_at_length_is_service_outside_working_hours():
    assert "staggered_hours" in practices_in("湖城首家24小时工会户外劳动者服务站点近日启用。")
    assert "staggered_hours" not in practices_in("外卖骑手在24小时便利店门口等单，随后送往服务中心。")
