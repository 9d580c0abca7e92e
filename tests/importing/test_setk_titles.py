"""E-paper title blocks (set K's kinds): a photo caption with its own photographer's credit between the titles
and the "本报讯" lead belongs to the story; a couplet over a longer line is the headline over its deck. Every
text here is written for these tests."""

import pytest

from tests.importing.conftest import page_pieces as _pieces

pytestmark = pytest.mark.django_db


def test_a_caption_with_its_photographer_between_title_and_lead_stays_in_the_story(gazetteer):
    lines = [
        "某某县总工会举办职工运动会",
        "",
        "昨日上午，职工拔河比赛现场。 记者李华 摄",
        "",
        "  本报讯 记者王明报道 5月3日，某某县总工会举办第五届职工运动会，20支代表队参赛。",
        "",
        "  运动会设拔河、跳绳等6个项目，吸引职工600余人参加。",
    ]
    (piece,) = _pieces(lines, gazetteer)
    assert piece.headline == "某某县总工会举办职工运动会"
    assert piece.reporters == ["王明"]
    assert piece.photographers == ["李华"]


def test_a_couplet_over_a_longer_line_is_the_headline_over_its_deck(gazetteer):
    lines = [
        "春风送暖意 关爱暖人心",
        "",
        "透过三件实事看杭州“娘家人”的暖心一年",
        "",
        "  本报讯 近日，某某市总工会在全市开展春送温暖活动，走访慰问困难职工300余户。",
    ]
    (piece,) = _pieces(lines, gazetteer)
    assert piece.headline == "春风送暖意 关爱暖人心"
    assert piece.subheadline == "透过三件实事看杭州“娘家人”的暖心一年"


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("某某日报记者 王明 李华 张 强 摄", ["王明", "李华", "张强"]),
        ("某某日报记者 王明 李 华 摄", ["王明", "李华"]),
        ("记者 欧 阳 明 王芳 摄", ["欧阳明", "王芳"]),
    ],
)
def test_one_name_spaced_out_among_others_in_a_photo_credit(line, names):
    from importing.bylines import byline_line

    found = byline_line(line)
    assert found is not None
    assert found.reporters == names
    assert found.photographers == names


def test_a_blogs_date_glued_to_its_column_and_a_count_dates_the_page(gazetteer):
    from importing.sources import meta_line

    assert meta_line("2021-04-12新闻27").date == "2021-04-12"
    assert meta_line("2019/3/8 资讯 256").date == "2019-03-08"
    lines = [
        "某某区总工会举办职工篮球赛",
        "",
        "2021-04-12新闻27",
        "",
        "4月10日，某某区总工会举办第五届职工篮球赛，16支代表队参赛。",
    ]
    (piece,) = _pieces(lines, gazetteer)
    assert piece.date == "2021-04-12"
    assert piece.headline == "某某区总工会举办职工篮球赛"


def test_a_line_naming_who_did_it_over_a_short_title_naming_no_place_is_the_lead_in(gazetteer):
    lines = [
        "某某县总工会慰问组走访各乡镇",
        "",
        "为环卫工人送去清凉",
        "",
        "  本报讯 (记者 王明 通讯员 李华) 7月15日，某某县总工会慰问组走访12个乡镇，慰问一线环卫工人300余名。",
    ]
    (piece,) = _pieces(lines, gazetteer)
    assert piece.headline == "为环卫工人送去清凉"
    assert piece.subheadline == "某某县总工会慰问组走访各乡镇"


def test_a_news_title_under_a_longer_phrase_naming_no_one_is_the_headline(gazetteer):
    lines = [
        "共同守护好每一位一线职工的健康与平安",
        "",
        "某某县总工会召开安全生产工作会议",
        "",
        "  本报讯 记者王明报道 6月3日，某某县总工会召开安全生产工作会议，50余家企业工会负责人参加。",
    ]
    (piece,) = _pieces(lines, gazetteer)
    assert piece.headline == "某某县总工会召开安全生产工作会议"
    assert piece.subheadline == "共同守护好每一位一线职工的健康与平安"


def test_a_date_printed_with_year_month_and_day_characters_dates_the_page_as_the_iso_one_does():
    from importing.sources import meta_line, page_source

    assert meta_line("2021年04月12日新闻27").date == "2021-04-12"
    # an e-paper's footer printing the day in characters
    footer = "某某日报 要闻 00003 职工书屋开放 2022年3月8日 星期二"
    assert (page_source([footer]).outlet, page_source([footer]).date) == ("某某日报", "2022-03-08")
