"""Practices read by general mechanisms rather than one wording at a time (issue 21, sets J and K read):
a practice's name standing before an event or a skill is the topic of a contest, a talk or a training, not the
practice done; party–union co-building is no party leading.

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
