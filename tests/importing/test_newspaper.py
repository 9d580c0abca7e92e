"""Newspaper pages and web copies: every labelled article of the seed texts and of texts written
for these tests (``heldout/``, labelled before the importer read them)."""

import json
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

from importing.bylines import byline_line, lead, trailing_credit
from importing.evaluation import evaluate
from importing.pipeline import parse_source

from .conftest import EXPECTED_DIR

pytestmark = pytest.mark.django_db

HELDOUT_DIR = Path(__file__).parent / "heldout"
# The pages the importer was built on; the issue-21 set (seeds 009–025, labels with held_out) is
# measured as a whole in test_real_pages.py.
NEWS_LABELS = [
    *(EXPECTED_DIR / name for name in ("wenling.yaml", "reading-session.yaml")),
    *(path for path in sorted(EXPECTED_DIR.glob("*-web.yaml")) if "held_out:" not in path.read_text(encoding="utf-8")),
    EXPECTED_DIR / "union-page.yaml",
    *sorted(HELDOUT_DIR.glob("*.yaml")),
]


def _source(labels_path: Path, labels: dict) -> Path:
    folder = labels_path.parent if labels.get("source_dir") == "labels" else Path(settings.SEEDS_DIR)
    return folder / labels["source"]


def _evaluate(path: Path, gazetteer, *, encoding: str = "utf-8", newline: str = "\n"):
    labels = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = _source(path, labels).read_text(encoding="utf-8").replace("\n", newline)
    parsed = parse_source(text.encode(encoding), name=labels["source"], gazetteer=gazetteer)
    return evaluate(parsed, labels), labels


@pytest.mark.parametrize("path", NEWS_LABELS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_each_labelled_article_is_found_with_its_headline_unit_places_and_bylines(path, gazetteer):
    result, labels = _evaluate(path, gazetteer)
    assert result.found_pieces == len(labels["pieces"]), result.unmatched_found
    assert result.articles_share >= 0.95, result.errors["headline"]
    for name in ("unit", "city", "county", "reporter"):
        assert result.accuracy(name) >= 0.95, result.errors[name]
    assert result.units_right == result.units_labelled


@pytest.mark.parametrize("path", NEWS_LABELS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_figures_are_read_with_value_unit_and_qualifier(path, gazetteer):
    result, _ = _evaluate(path, gazetteer)
    assert result.recall >= 0.9, result.missed_facts
    assert result.facts_recalled == 0 or result.qualifiers_right / result.facts_recalled >= 0.9
    if result.facts_extracted_in_complete:
        assert result.precision >= 0.9, result.wrong_facts


def test_a_gb18030_page_with_crlf_lines_reads_like_its_utf8_twin(gazetteer):
    result, labels = _evaluate(HELDOUT_DIR / "union_page.yaml", gazetteer, encoding="gb18030", newline="\r\n")
    assert result.articles_found == len(labels["pieces"]) == 4
    assert result.accuracy("unit") == 1 and result.recall == 1


@pytest.mark.parametrize(
    ("text", "reporters", "photographers"),
    [
        ("记者洪蕾婷 通讯员钟迪良报道", ["洪蕾婷", "钟迪良"], []),
        ("通讯员张三、李四报道", ["张三", "李四"], []),
        ("■通讯员 陈可欣 记者 周一鸣", ["陈可欣", "周一鸣"], []),
        ("(记者 王明)", ["王明"], []),
        ("浙江工人日报记者 孙立 通讯员 钱程", ["孙立", "钱程"], []),
        ("李明、王芳 摄", [], ["李明", "王芳"]),
        ("通讯员柳庭和 记者孟万成 摄", ["柳庭和", "孟万成"], ["柳庭和", "孟万成"]),
    ],
)
def test_bylines_in_every_shape(text, reporters, photographers):
    byline = byline_line(text)
    assert (byline.reporters, byline.photographers) == (reporters, photographers)


@pytest.mark.parametrize("text", ["工运速递", "温岭工会 送消防知识进校园", "记者从市总工会获悉", "通讯员"])
def test_lines_that_are_not_bylines(text):
    assert byline_line(text) is None


def test_leads_and_closing_credits():
    opening = lead("本报讯 见习记者任杰 通讯员邱萌翘报道 近日,台州市路桥区总工会携手")
    assert opening.byline.reporters == ["任杰", "邱萌翘"] and opening.rest.startswith("近日")
    assert lead("本报讯（记者 王明）近日，城东街道").byline.reporters == ["王明"]
    assert lead("中工网讯 最近，杭州").rest == "最近，杭州"
    assert lead("(记者 王明 通讯员 李华) 近日，龙洲街道").byline.reporters == ["王明", "李华"]
    assert lead("（图片由街道工会提供）") is None
    assert lead("通讯员张三报道") is None and lead("喜讯传来，大家都很高兴。") is None
    body, credit = trailing_credit("……分别荣获前八名。通讯员柳庭和 记者孟万成 摄")
    assert body.endswith("前八名。") and credit.photographers == ["柳庭和", "孟万成"]


def test_json_lists_every_unit_and_the_bylines(tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes((HELDOUT_DIR / "union_page.txt").read_bytes())
    out, err = StringIO(), StringIO()
    call_command("import_cases", str(path), "--dry-run", "--json", stdout=out, stderr=err)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [row["unit_names"][0] for row in rows] == [
        "杭州市下城区武林商圈工会",
        "温岭市总工会",
        "龙游县龙洲街道总工会",
        "嘉善县罗星街道总工会",
    ]
    assert rows[0]["reporters"] == ["陈可欣", "周一鸣"] and rows[3]["photographers"] == ["王磊"]
    assert rows[2]["subheadline"] == "龙游县龙洲街道探索会员积分制"


def test_the_evaluation_table_reports_every_file_and_the_total():
    out = StringIO()
    call_command("evaluate_import", stdout=out)
    text = out.getvalue()
    for row in ("wenling", "union-page", "xiaoshan-web", "heldout/union_page", "合计"):
        assert f"\n{row} |" in text
    assert "数字召回" in text and "数字准确" in text


def test_a_page_of_short_items_in_other_byline_shapes(gazetteer):
    """Written for this test: bylines in brackets at the lead, on their own line before the body,
    and a photo credit closing a photo story, on one page."""
    page = "\n".join(
        [
            "基层动态",
            "",
            "龙游县龙洲街道：",
            "职工技能比武决出十佳",
            "",
            "（记者 赵亮 通讯员 钱多）近日，龙洲街道总工会举办技能比武，120名职工参赛。",
            "",
            "海宁马桥街道开出“工会夜校”",
            "记者 孙晴",
            "马桥街道总工会在园区开设夜校，首期招收学员60名。",
            "",
            "一线职工喝上“清凉茶”",
            "瑞安市安阳街道总工会为户外职工送去清凉饮品300箱。",
            "陈晓 摄",
        ]
    )
    parsed = parse_source(page.encode("gb18030"), name="items.txt", gazetteer=gazetteer)
    assert [(p.headline, p.unit_name, p.reporter, p.photographers) for p in parsed.pieces] == [
        ("职工技能比武决出十佳", "龙游县龙洲街道总工会", "赵亮、钱多", []),
        ("海宁马桥街道开出“工会夜校”", "海宁市马桥街道总工会", "孙晴", []),
        ("一线职工喝上“清凉茶”", "瑞安市安阳街道总工会", "陈晓", ["陈晓"]),  # its only credit: reporter too
    ]
    assert [[(int(f.value), f.unit) for f in p.indicators] for p in parsed.pieces] == [
        [(120, "名")],
        [(60, "名")],
        [(300, "箱")],
    ]
