"""Practices not read where a piece reports speech, praise or others (issue 21, set K): a speaker's exhortation
and a programme proposed, volunteers the union visits or others praised, a smart union as an aim, an association's
congress, the topics of stories entries told, an industry federation named again; and two wordings.

The sentences are invented for these tests; each pair shows the rule leaving the practice out and still
reading it where it is said.
"""

from pilots.vocabulary import practices_in


def test_a_speakers_exhortation_is_no_practice_done():
    text = "主席李某说，要发挥网络作用，开展技能比武，建设智慧平台。"
    assert "labour_competition" not in practices_in(text)
    assert "labour_competition" not in practices_in("他强调：“要多开展技能比武，练就过硬本领。”")
    assert "labour_competition" in practices_in("区总工会开展技能比武，职工踊跃参加。")


def test_a_programme_a_speaker_proposed_is_a_plan():
    text = "会上，副主席王某提出的“职工素质提升、技能比武竞赛”两大工程引起热议。"
    assert "labour_competition" not in practices_in(text)
    assert "labour_competition" in practices_in("会上，副主席王某介绍了今年开展的技能比武竞赛。")


def test_volunteers_the_union_visits_or_others_praised_are_no_volunteer_body():
    assert "volunteer_organisation" not in practices_in("市总工会组织了对运动会志愿者的慰问活动。")
    assert "volunteer_organisation" not in practices_in("工会干部看望坚守岗位的防疫志愿者。")
    assert "volunteer_organisation" not in practices_in("区总工会为奋战在一线的抗疫志愿者点赞。")
    assert "volunteer_organisation" not in practices_in("民警、医护和各行各业志愿者作出了重要贡献。")
    assert "volunteer_organisation" in practices_in("区总工会组建职工志愿者服务队，现有志愿者80名。")


def test_a_smart_union_built_is_an_aim_not_an_app():
    text = "考察团肯定了园区工会的阵地建设、智慧工会打造等特色亮点。"
    assert "union_app" not in practices_in(text)
    assert "union_app" in practices_in("区总工会打造智慧工会平台，职工在手机上即可办理入会。")


def test_an_associations_congress_is_no_member_congress():
    assert "congress_system" not in practices_in("市劳模协会第一次会员代表大会召开，选举产生理事会。")
    assert "congress_system" not in practices_in("市书法家协会 第二届会员代表大会举行。")
    assert "congress_system" in practices_in("街道联合工会召开会员代表大会，推行代表常任制。")


def test_topics_of_stories_told_are_no_practice_done():
    text = "职工们用文字讲述了工会关心关爱困难职工、组织技能竞赛等的暖心故事。"
    assert "hardship_assistance" not in practices_in(text)
    assert "labour_competition" not in practices_in(text)
    assert "hardship_assistance" in practices_in("工会关心关爱困难职工，全年走访慰问60户。")


def test_an_industry_federation_named_again_is_no_joint_union():
    text = "物流行业工会联合会主席介绍说，工会联合会要为货车司机维权。"
    assert "joint_unions" not in practices_in(text)
    assert "sector_unions" in practices_in(text)
    assert "joint_unions" in practices_in("街道成立工会联合会，吸纳小微企业职工入会。")


def test_money_given_to_those_in_hardship_is_hardship_assistance():
    assert "hardship_assistance" in practices_in("区总工会向生活困难的外来工送上慰问金3万元。")
    assert "hardship_assistance" not in practices_in("区总工会向一线职工送上清凉饮品。")
    assert "hardship_assistance" not in practices_in("人社部门向经营困难的企业发放稳岗补助金。")


def test_an_online_workers_home_is_an_online_union():
    assert "union_app" in practices_in("职工在网上职工之家即可申请法律援助。")
    assert "union_app" not in practices_in("职工之家配有图书和健身器材。")
