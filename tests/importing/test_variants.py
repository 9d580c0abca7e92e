"""``evaluate_import --variants``: the labelled pages printed other ways, their labels moving with the text. Every
page here is written for these tests."""

from io import StringIO

import pytest
import yaml
from django.core.management import call_command

from importing.variants import dates_in_characters, full_width, two_to_a_page, without_headlines

pytestmark = pytest.mark.django_db

PAGE = [
    "桐庐县总工会为环卫工人送清凉 - 某某网",
    "",
    "桐庐县总工会为环卫工人送清凉",
    "发布时间:2024-07-15 09:30",
    "  近日,桐庐县总工会走访慰问环卫工人,送去防暑降温用品120份。",
]
LABELS = {
    "source_dir": "labels",
    "source": "page.txt",
    "figures": "all",
    "pieces": [
        {
            "unit": "桐庐县总工会",
            "units": ["桐庐县总工会"],
            "city": "杭州市",
            "county": "桐庐县",
            "column": "news",
            "headline": "桐庐县总工会为环卫工人送清凉",
            "date": "2024-07-15",
            "start_line": 3,
            "end_line": 5,
            "facts": [{"line": 5, "value": 120, "unit": "份", "qualifier": None}],
        }
    ],
}


def test_each_variant_changes_one_thing_and_moves_the_labels_with_the_text():
    lines, labels = full_width(PAGE, LABELS)
    assert lines[3] == "发布时间：2024-07-15 09：30" and labels == LABELS
    lines, _ = dates_in_characters(PAGE, LABELS)
    assert lines[3] == "发布时间:2024年07月15日 09:30"
    # the page's headline and the browser title repeating it go; the labels expect no headline, lines renumbered
    lines, labels = without_headlines(PAGE, LABELS)
    assert lines == ["", "发布时间:2024-07-15 09:30", PAGE[4]]
    (piece,) = labels["pieces"]
    assert (piece["headline"], piece["start_line"], piece["end_line"], piece["facts"][0]["line"]) == (None, 2, 3, 3)
    assert LABELS["pieces"][0]["start_line"] == 3  # the labels read from the file are left as they were
    lines, labels = two_to_a_page((PAGE, LABELS), (PAGE, LABELS))
    assert len(lines) == 7 and lines[3] == "" and lines[4] == PAGE[2]
    assert [(p["start_line"], p["end_line"], p["facts"][0]["line"]) for p in labels["pieces"]] == [(1, 3, 3), (5, 7, 7)]
    assert "date" not in labels["pieces"][1]  # the page stating it is not printed with the second


def test_the_command_prints_one_row_per_variant(tmp_path):
    (tmp_path / "page.txt").write_text("\n".join(PAGE) + "\n", encoding="utf-8")
    (tmp_path / "page.yaml").write_text(yaml.safe_dump(LABELS, allow_unicode=True), encoding="utf-8")
    out = StringIO()
    call_command("evaluate_import", "--variants", "--expected", str(tmp_path / "page.yaml"), stdout=out)
    rows = {line.split(" | ")[0]: line for line in out.getvalue().splitlines() if " | " in line}
    assert {"原样", "全角标点", "中文日期", "去掉标题", "两篇一页"} <= set(rows)
    assert rows["原样"].split(" | ")[2] == "1 (100.0%)"
    assert rows["全角标点"].split(" | ")[10] == "100.0%"  # the date read whatever the width of the time's colon
