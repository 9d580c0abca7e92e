"""Practices read by what the taxonomy means, not by a word alone (issue 21, seventh pass): a culture
lecture hall is no skills school, a patrol's dispute settled no labour mediation, one station no network
of tiers, topics listed for study no training given; and wordings of a practice its words missed.

The sentences are invented for these tests; each pair shows the rule leaving the practice out and still
reading it where it is said.
"""

from pilots.vocabulary import practices_in


def test_a_culture_lecture_hall_is_no_skills_school():
    assert "craftsman_school" not in practices_in("社区每月举办一期“邻里文化大讲堂”，请老师讲诗词。")
    assert "craftsman_school" not in practices_in("建成职工之家、社区文化讲堂等活动场所。")
    assert "craftsman_school" in practices_in("街道工会开办“匠心讲堂”，请技师为职工授课。")


def test_topics_listed_for_study_are_no_training_given():
    text = "机关加强理想信念、法治观念、技能培训等学习教育，提升干部素质。"
    assert "craftsman_school" not in practices_in(text)
    assert "craftsman_school" in practices_in("街道工会开展技能培训等服务，全年培训职工500人次。")


def test_a_dispute_settled_by_a_patrol_is_no_labour_mediation():
    text = "志愿巡逻队累计开展巡防80余次，化解邻里矛盾纠纷12起，调处成功率100%。"
    assert "mediation_centre" not in practices_in(text)
    assert "mediation_centre" not in practices_in("社区设立人民调解室，调解家庭纠纷。")
    assert "mediation_centre" in practices_in("街道工会设立劳动争议调解室，调处欠薪纠纷15起。")
    assert "mediation_centre" in practices_in("联合工会成立调解委员会，调解职工与企业的矛盾。")


def test_one_station_is_a_tier_only_beside_another_tier():
    assert "tiered_positions" not in practices_in("职工服务站推行错时服务、一站式办理。")
    assert "tiered_positions" not in practices_in("依托职工服务站、文体广场打造工会主题公园。")
    # another tier in the same sentence, or in another sentence of the piece
    assert "tiered_positions" in practices_in("建成1个街道职工服务站和12个社区职工服务站。")
    text = "新建街道职工服务站，开设帮扶窗口。在企业新建职工服务点，职工不出厂就能办事。"
    assert "tiered_positions" in practices_in(text)


def test_matchmaking_by_its_other_names():
    assert "matchmaking" in practices_in("街道工会创办“好姻缘”工作室，为单身青年职工牵线。")
    assert "matchmaking" in practices_in("工会为青年职工搭建“鹊桥”，举办七夕活动。")
    assert "matchmaking" not in practices_in("这段姻缘让老两口相守五十年。")


def test_new_groups_reached_by_a_union_founded_worded_with_the_noun_first():
    text = "做好辖区两新组织工会组建工作的排摸，推动货车司机入会。"
    assert "new_groups_coverage" in practices_in("做好辖区两新组织企业工会组建工作的摸排。")
    assert "new_groups_coverage" in practices_in(text)
    assert "new_groups_coverage" not in practices_in("做好辖区两新组织的走访调研。")


def test_a_service_team_made_professional_is_contracted_staff():
    assert "social_workers" in practices_in("与社区专业机构合作，推进服务队伍社会化。")
    assert "social_workers" not in practices_in("推进工会服务社会化，让职工少跑腿。")


def test_an_industrys_union_federation_is_a_sector_union_not_a_joint_one():
    text = "市里先后成立快递行业、网约车行业工会联合会，为快递员和司机维权。"
    assert "joint_unions" not in practices_in(text)
    assert "sector_unions" in practices_in(text)
    # an industry's joint union (行业联合工会) joins its firms: both; a street's federation is joint
    assert "joint_unions" in practices_in("区总工会组建餐饮行业联合工会，覆盖门店40家。")
    assert "joint_unions" in practices_in("街道成立商贸企业工会联合会，覆盖企业40家。")


def test_a_workers_haven_is_a_rest_stop_by_another_name():
    assert "rest_stops" in practices_in("社区联合工会建成“劳动者港湾”，环卫工人累了能歇脚。")
    assert "rest_stops" not in practices_in("把企业打造成职工温馨的港湾。")


def test_new_groups_by_the_names_the_new_employment_campaign_uses():
    assert "new_groups_coverage" in practices_in("区总工会推动骑手、家政服务员等八大群体入会，新发展会员900人。")
    assert "new_groups_coverage" in practices_in("街道为平台企业组建联合工会，灵活就业人员入会。")
    assert "new_groups_coverage" not in practices_in("驿站为骑手提供爱心餐和充电服务。")


def test_topics_of_a_talk_are_no_practice_done():
    text = "社区邀请律师开展法律援助、医疗互助等政策宣讲，发放资料200份。"
    assert "medical_mutual_aid" not in practices_in(text)
    talk = "几位工会主席就推进工资集体协商的作用、谈判技巧等专题作了演讲。"
    assert "collective_bargaining" not in practices_in(talk)
    assert "collective_bargaining" in practices_in("镇总工会推进工资集体协商，签订行业工资协议3份。")
    assert "medical_mutual_aid" in practices_in("街道工会组织职工参加医疗互助，参保率达九成。")


def test_will_before_a_verb_of_doing_is_a_plan():
    text = "在服务开展过程中，市总工会将联合爱心企业定期开展法律服务、心理咨询等活动。"
    assert "legal_aid" not in practices_in(text)
    assert "legal_aid" in practices_in("市总工会联合爱心企业定期开展法律服务、心理咨询等活动。")
    # 将 taking 联合工会 as its object reports what was done
    assert "joint_unions" in practices_in("街道将联合工会、沿街商铺纳入社区工会联合会。")


def test_money_a_union_is_getting_ready_to_spend_is_a_plan():
    assert "dedicated_funds" not in practices_in("“今年我们准备投入100万元专项资金，升级驿站设施。”")
    assert "dedicated_funds" in practices_in("区总工会投入100万元专项资金，升级驿站设施。")


def test_together_with_after_a_union_is_no_joint_union():
    text = "市总工会联合工会公益伙伴某某集团举行驿站揭牌仪式。"
    assert "joint_unions" not in practices_in(text)
    assert "joint_unions" in practices_in("街道总工会成立楼宇联合工会，覆盖企业30家。")


def test_a_years_projects_announced_and_their_list_are_plans():
    text = (
        "市总工会公布了2024年服务职工的10件实事项目，涵盖技能提升、困难帮扶等六大类。\n"
        "具体包括：新建100家“职工学堂”、新增200家“爱心妈咪小屋”、组织单身青年职工交友等。"
    )
    for code in ("hardship_assistance", "craftsman_school", "mommy_rooms", "matchmaking"):
        assert code not in practices_in(text)
    # the projects reported done
    done = "市总工会去年完成10件实事项目：新建100家“职工学堂”、新增200家“爱心妈咪小屋”。"
    assert "mommy_rooms" in practices_in(done)
    assert "mommy_rooms" in practices_in("街道总工会新增“爱心妈咪小屋”5家，具体包括：…")


def test_what_another_organisation_does_is_not_the_unions():
    text = "市总工会为骑手发放礼包；团市委开设“寒假学堂”托管班；市红十字会开展应急救护技能培训。"
    assert "craftsman_school" not in practices_in(text)
    assert "craftsman_school" in practices_in("市总工会为骑手发放礼包；区总工会开展电工技能培训。")
    # another organisation doing it with the union is still the union's
    assert "craftsman_school" in practices_in("团市委联合市总工会开展青年职工技能培训。")


def test_other_organisations_volunteers_are_not_the_unions_body():
    assert "volunteer_organisation" not in practices_in("群团组织的志愿者们齐聚社区工会驿站。")
    assert "volunteer_organisation" in practices_in("街道工会志愿者们齐聚社区工会驿站。")


def test_workers_resolving_to_volunteer_is_no_volunteer_body():
    text = "大家纷纷表示感谢，决心在新的一年积极参与志愿服务，为社区治理出力。"
    assert "volunteer_organisation" not in practices_in(text)


def test_a_community_federation_holding_an_event_for_new_groups_covers_none():
    text = "镇总工会联合社区工会联合会举办新就业形态劳动者送温暖活动。"
    assert "new_groups_coverage" not in practices_in(text)
    assert "joint_unions" in practices_in(text)
    assert "new_groups_coverage" in practices_in("街道成立新就业形态联合工会，为骑手提供服务。")
    assert "new_groups_coverage" in practices_in("街道建立了外来人员流动联合工会。")


def test_a_unions_rest_stop_with_a_name_between():
    assert "rest_stops" in practices_in("活动在某某公司工会幸福驿站举行，快递小哥欢聚一堂。")
    assert "rest_stops" not in practices_in("区总工会与驿站所在社区座谈。")


def test_funds_passed_down_by_another_word():
    assert "dedicated_funds" in practices_in("县总工会下拨规范化资金，指导基层创建职工书屋200家。")
    assert "dedicated_funds" not in practices_in("县总工会指导基层创建职工书屋200家。")


def test_a_visitors_hope_is_no_practice_done():
    text = "调研中，他希望社区工会不断拓宽驿站服务，开设职工书屋。"
    assert "bookrooms" not in practices_in(text)
    assert "hardship_assistance" in practices_in("区总工会联合团区委开展希望工程助学，帮扶困难职工子女30名。")
    assert "hardship_assistance" in practices_in("县总工会持续推动金秋助学，传递希望之光，帮扶困难职工子女。")


def test_the_examples_given_after_a_plan_are_the_plans():
    text = (
        "主席介绍，今后，司机之家将为会员提供系列服务。"
        "如成立法律援助中心，定期提供法律服务；开展驾驶技能培训、行业技能比武。"
    )
    for code in ("legal_aid", "craftsman_school", "labour_competition"):
        assert code not in practices_in(text)
    done = "司机之家为会员提供系列服务。如成立法律援助中心，定期提供法律服务。"
    assert "legal_aid" in practices_in(done)


def test_truck_drivers_federation_covers_a_new_group():
    assert "new_groups_coverage" in practices_in("区里召开货运司机工会联合会成立大会，1800名货运司机有了娘家。")


def test_the_topics_a_visit_inquired_into_are_no_practice_had():
    text = "区总工会领导带队走进企业，全面调研工会组建、职工书屋建设、职工之家建设等具体情况。"
    assert "bookrooms" not in practices_in(text)
    assert "bookrooms" in practices_in("企业工会建成职工书屋、职工之家等阵地，运行情况良好。")


def test_the_unions_own_business_training_is_no_skills_school():
    assert "craftsman_school" not in practices_in("镇工会举办了关于如何开展职代会的业务培训班。")
    assert "craftsman_school" in practices_in("镇工会举办电工技能培训班，培训职工80人。")


def test_a_party_mass_activity_room_is_a_shared_position():
    assert "shared_positions" in practices_in("按照党群工作一体化思路，在镇里试点建设党群活动室。")
