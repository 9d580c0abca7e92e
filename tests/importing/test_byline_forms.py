"""Byline forms of news copy (requirement 3): names before what each did, the desk's credits after a byline,
"文图/X", writers without a role beside a photo credit, "供图" never a name. Every credit here is invented."""

import pytest

from importing.bylines import byline_line


def _people(text):
    found = byline_line(text)
    return None if found is None else (found.reporters, found.photographers)


@pytest.mark.parametrize(
    "text, people",
    [
        ("王明 李华/文 张强/图", (["王明", "李华"], ["张强"])),  # two writers before "/文"
        ("撰稿：王明 摄影：李华 编辑：赵六", (["王明"], ["李华"])),  # the desk's editor is no byline
        ("记者 王明 通讯员 李华 责任编辑：赵六", (["王明", "李华"], [])),
        ("文图/王明", (["王明"], ["王明"])),
        ("王明 文 李华 摄", (["王明"], ["李华"])),  # writers without a role beside a photo credit
        ("通讯员 王明 李华 供图", ([], [])),  # pictures supplied: 供图 is no name
        ("王明 文/李华 图", (["王明"], ["李华"])),  # single-character keys after the names
        ("文 王明 图 李华", (["王明"], ["李华"])),  # or before them, set apart by spaces
    ],
)
def test_byline_forms(text, people):
    assert _people(text) == people


def test_an_editors_line_alone_is_no_byline():
    assert byline_line("责任编辑：赵六") is None
    assert byline_line("编辑：赵六") is None


@pytest.mark.parametrize(
    "text, people",
    [
        ("本报讯（通讯员 王明 文/图）近日，某某街道总工会举办活动。", (["王明"], ["王明"])),
        ("本报讯（记者 王明 摄）近日，某某街道总工会举办活动。", (["王明"], ["王明"])),
        ("本报讯（记者 王明）近日，某某街道总工会举办活动。", (["王明"], [])),
    ],
)
def test_a_bracketed_credit_after_the_dateline_keeps_what_its_names_did(text, people):
    from importing.bylines import lead

    opening = lead(text)
    assert (opening.byline.reporters, opening.byline.photographers) == people
    assert opening.rest.startswith("近日")


def test_the_body_a_correspondent_writes_for_is_no_name():
    assert _people("（通讯员 城西街道 王明）") == (["王明"], [])
    assert byline_line("记者 城西街道") is None


@pytest.mark.parametrize(
    "text",
    [
        "某某在线-台州频道4月9日讯(某某在线记者 王明 通讯员 李华)近日,某某街道总工会举办活动。",
        "某某网·浙江频道4月9日讯（记者 王明 通讯员 李华）近日,某某街道总工会举办活动。",
        "某某在线4月9日讯（记者 王明 通讯员 李华）近日,某某街道总工会举办活动。",
    ],
)
def test_a_dateline_naming_the_outlets_channel_opens_the_lead(text):
    from importing.bylines import lead
    from importing.repair import clean_text

    opening = lead(clean_text(text))
    assert opening.byline.reporters == ["王明", "李华"]
    assert opening.rest.startswith("近日")


def test_names_in_brackets_closed_by_what_they_did_credit_the_text_and_photographs():
    assert _people("（王明 李华 文/摄）") == (["王明", "李华"], ["王明", "李华"])
    assert _people("(王明 摄)") == ([], ["王明"])


def test_the_news_apps_county_correspondents_after_its_name_in_the_source_field():
    from importing.sources import meta_line

    source = meta_line("2023年07月06日 来源: 某某新闻 共享联盟·温岭某某镇 王明 李华")
    assert (source.outlet, source.byline.reporters, source.date) == ("某某新闻", ["王明", "李华"], "2023-07-06")


def test_a_broadcasters_dateline_and_names_bracketed_with_their_report_are_read():
    from importing.bylines import lead

    found = lead("某某之声杭州3月5日消息（记者王小明 通讯员李华）近日，某某区总工会举办职工运动会。")
    assert (found.byline.reporters, found.rest[:2]) == (["王小明", "李华"], "近日")
    found = lead("某某报道讯（张伟报道）又是一年新春到，区总工会开展送温暖活动。")
    assert found.byline.reporters == ["张伟"]
    assert lead("新闻报道讯息很多") is None or lead("新闻报道讯息很多").dateline is None


def test_two_authors_names_glued_to_the_last_sentence_are_its_byline():
    from importing.bylines import glued_credit

    body, byline = glued_credit("比赛评选出一批技术能手，其中两人获评市级能手称号。王小明 李华")
    assert (body[-3:], byline.reporters) == ("称号。", ["王小明", "李华"])
    assert glued_credit("活动温暖了职工的心。进一步 加强") is None  # words, not names
