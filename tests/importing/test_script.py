"""Pages in traditional characters and pages with pinyin glosses are read as the simplified text an editor
would type; the page as printed is what the review screen shows. Every text here is written for these tests."""

import pytest

from importing.evaluation import evaluate
from importing.pipeline import parse_source
from importing.script import read_script

pytestmark = pytest.mark.django_db

# A news portal's Big5 copy: the town is placed by the province's list of streets (临安区).
TRADITIONAL_ITEM = "\n".join(
    [
        "天目山鎮總工會開展戶外勞動者關愛活動",
        "",
        "2024年05月30日11:17 | 來源:人民網-浙江頻道",
        "",
        "近日,天目山鎮總工會在鎮工會驛站舉辦關愛活動,為80餘名快遞員、環衛工人送上清涼物品。",
        "驛站還開設職工書屋,全年服務戶外勞動者3000人次。",
        "(記者 王小明 通訊員 李華)",
    ]
)

# An aggregator's copy with the pinyin of each word glossed after it.
GLOSSED_ITEM = "\n".join(
    [
        "天目山镇总工会开展户外劳动者关爱活动",
        "",
        "近日,天目山镇总工会(zǒnggōnghuì)在镇工会驿站(yìzhàn)举办关爱(guānài)活动,为80余名快递员送上清凉物品。",
        "(记者 王小明)",
    ]
)


def _parsed(text: str, gazetteer):
    return parse_source(text.encode("utf-8"), name="page.txt", gazetteer=gazetteer)


def test_a_page_in_traditional_characters_is_read_as_simplified_and_kept_as_printed(gazetteer):
    parsed = _parsed(TRADITIONAL_ITEM, gazetteer)
    (piece,) = parsed.pieces
    assert piece.headline == "天目山镇总工会开展户外劳动者关爱活动"
    assert piece.unit_name == "杭州市临安区天目山镇总工会"
    assert piece.reporters == ["王小明", "李华"]
    assert (piece.outlet, piece.date) == ("人民网-浙江频道", "2024-05-30")
    assert [(f.value, f.unit, f.qualifier) for f in piece.indicators][:1] == [(80, "名", "余")]
    assert "驿站还开设职工书屋" in piece.body
    assert parsed.traditional and parsed.text == TRADITIONAL_ITEM  # the review screen shows the page as printed
    assert any("原文是繁体字，已转为简体字后读取" in warning for warning in parsed.warnings)


def test_a_simplified_page_keeps_a_stray_traditional_character_as_printed():
    text = "近日,某街道总工会举办职工技能比赛,赢得好评。" * 5 + "参赛者说“這次比賽很有收穫”。"
    script = read_script(text)
    assert script.text == text and not script.traditional and script.notes == []


def test_pinyin_glosses_are_dropped_and_a_writers_own_brackets_kept(gazetteer):
    (piece,) = _parsed(GLOSSED_ITEM, gazetteer).pieces
    assert "近日,天目山镇总工会在镇工会驿站举办关爱活动" in piece.body.replace("，", ",")
    assert piece.unit_name == "杭州市临安区天目山镇总工会"
    one = "职工在“浙工之家”(app)上预约,驿站(yìzhàn)全天开放。"
    assert read_script(one).text == one  # one gloss alone is not a glossed page, and (app) is the writer's
    assert read_script(GLOSSED_ITEM).glosses == 3
    spaced = "经济(jīng jì)开发(kāi fā)区(qū)总工会成立。"
    assert read_script(spaced).text == "经济开发区总工会成立。"


def test_labels_written_in_traditional_characters_are_scored_against_the_simplified_reading(gazetteer):
    labels = {
        "figures": "all",
        "pieces": [
            {
                "unit": "杭州市臨安區天目山鎮總工會",
                "headline": "天目山鎮總工會開展戶外勞動者關愛活動",
                "reporters": ["王小明", "李華"],
                "start_line": 1,
                "end_line": 7,
                "column": "news",
                "facts": [],
            }
        ],
    }
    result = evaluate(_parsed(TRADITIONAL_ITEM, gazetteer), labels)
    assert result.articles_found == 1
    assert result.correct["unit"] == result.correct["reporter"] == 1


def test_labels_written_with_pinyin_glosses_are_scored_as_the_importer_reads_them(gazetteer):
    labels = {
        "figures": "all",
        "pieces": [
            {
                "unit": "杭州市临安区天目山镇总工会",
                "headline": "天目山镇总工会开（kāi）展户外劳动（dòng）者关爱活动",
                "start_line": 1,
                "end_line": 4,
                "column": "news",
                "facts": [],
            }
        ],
    }
    assert evaluate(_parsed(GLOSSED_ITEM, gazetteer), labels).articles_found == 1


def test_full_width_digits_and_a_times_full_width_colon_are_read_as_ascii(gazetteer):
    page = "\n".join(
        [
            "桐庐县总工会为环卫工人送清凉",
            "来源：桐庐新闻网",
            "2024年07月15日　09：30",
            "",
            "记者　王小明",
            "近日，桐庐县总工会走访慰问高温下坚守岗位的环卫工人，送去防暑降温用品１２０份，价值约３．５万元。",
        ]
    )
    (piece,) = _parsed(page, gazetteer).pieces
    # the date line is furniture, never the headline, whatever the width of its colon
    assert (piece.headline, piece.date, piece.outlet) == ("桐庐县总工会为环卫工人送清凉", "2024-07-15", "桐庐新闻网")
    figures = [(str(f.value), f.unit, f.qualifier) for f in piece.indicators]
    assert figures == [("120", "份", None), ("3.5", "万元", "左右")]
    assert read_script("ＡＰＰ上线，２０２１／０６／１０").text == "APP上线，2021/06/10"
