import re

import pytest

from editions import selectors, services
from pilots.statistics import practice_adoption

pytestmark = pytest.mark.django_db


def test_the_volume_counts_its_street_pilots_only(small_issue):
    volume = small_issue["volume"]
    a, b, c, d, _community = small_issue["units"]
    assert set(selectors.volume_units(volume)) == {a, b, c, d}
    adoption = selectors.volume_adoption(volume)
    assert adoption.total == 4
    assert (adoption.practice("zjg_team").count, adoption.practice("zjg_team").percent) == (3, 75)
    assert (adoption.practice("grid_management").count, adoption.practice("grid_management").percent) == (1, 25)
    assert adoption.practice("on_demand_services").count == 0


def test_the_figures_are_the_shared_selector_over_the_volume_units(small_issue):
    volume = small_issue["volume"]
    assert selectors.volume_adoption(volume) == practice_adoption(selectors.volume_units(volume))


def test_figures_recompute_when_entries_or_tags_change(small_issue):
    volume, sketches = small_issue["volume"], small_issue["sketches"]
    a = small_issue["units"][0]
    services.entry_remove(entry=sketches.entries.get(article__units=a))
    assert selectors.volume_adoption(volume).practice("zjg_team").count == 2
    d = small_issue["units"][3]
    d.measures.create(title="丁街道的网格").practices.set(
        __import__("pilots.models", fromlist=["Practice"]).Practice.objects.filter(code="grid_management")
    )
    assert selectors.volume_adoption(volume).practice("grid_management").count == 1  # d now, a removed


def test_evidence_names_the_measure_and_the_article_lines(small_issue):
    evidence = selectors.volume_evidence(small_issue["volume"], "grid_management")
    assert [item.unit.name for item in evidence] == ["温岭市甲街道总工会"]
    assert evidence[0].measures[0].title == "温岭市甲街道总工会的举措"
    assert "网格化管理" in evidence[0].lines[0][1]


def test_placeholders_insert_the_computed_figures(small_issue):
    adoption = selectors.volume_adoption(small_issue["volume"])
    text = "{share:zjg_team}的街道（{count:zjg_team} 家，共 {total} 家）组建队伍；{share:nonsense}。"
    segments = selectors.overview_segments(text, adoption)
    assert selectors.overview_plain(segments) == "75%的街道（3 家，共 4 家）组建队伍；{share:nonsense}。"
    assert [s.text for s in segments if s.computed] == ["75%", "3", "4"]
    assert selectors.overview_errors(segments) == ["未知的做法“nonsense”"]
    html = selectors.overview_html(selectors.overview_segments("<b>{total}</b>", adoption))
    assert html == '&lt;b&gt;<span class="computed" title="计入统计的单位数">4</span>&lt;/b&gt;'


def test_a_frozen_version_keeps_the_overview_figures(small_issue):
    volume = small_issue["volume"]
    services.volume_update(volume=volume, overview_text="专兼挂 {share:zjg_team}")
    version = services.edition_freeze(edition=small_issue["edition"], accept_warnings=True)
    stored = version.content["volumes"][0]
    assert "".join(s["text"] for s in stored["overview"]["segments"]) == "专兼挂 75%"
    assert stored["statistics"]["total"] == 4


def test_placeholders_in_chinese_and_full_width_braces_resolve_and_nothing_unresolved_is_printed(small_issue):
    adoption = selectors.volume_adoption(small_issue["volume"])
    text = (
        "｛占比：专兼挂队伍｝的街道；{单位数：专兼挂（轮）队伍} 家；"
        "{占比：zjg_team}；共 {总数} 家；{占比：没有这个做法}"
    )
    segments = selectors.overview_segments(text, adoption)
    assert [s.text for s in segments if s.computed] == ["75%", "3", "75%", "4"]
    assert segments[0].full_width and not segments[2].full_width
    assert selectors.overview_errors(segments) == ["未知的做法“没有这个做法”"]
    assert selectors.placeholder_name("share", "专兼挂（轮）队伍") == "{占比：专兼挂队伍}"
    services.volume_update(volume=small_issue["volume"], overview_text="甲{占比：没有这个做法}乙\n丙{总数}")
    content = services.edition_content(small_issue["edition"])
    from editions.exporters import print_html

    html = print_html(content, for_pdf=True)
    assert "甲乙" in html.replace("\n", "") and "没有这个做法" not in html  # never printed


def test_the_overview_page_offers_a_picker_of_practices_by_chinese_name(client, people, small_issue):
    from django.urls import reverse

    client.force_login(people["editor"])
    page = client.get(reverse("editions:overview", args=[small_issue["edition"].pk, small_issue["volume"].pk]))
    html = page.content.decode()
    assert 'data-insert="{占比：专兼挂队伍}"' in html and 'data-insert="{单位数：网格化管理}"' in html
    assert "印出做法采用表" in html


def test_computed_figures_reach_print_only_in_the_table_the_editor_ticks_captioned_with_what_it_counts(small_issue):
    from editions.exporters import print_html

    volume = small_issue["volume"]
    services.volume_update(volume=volume, overview_text="编辑写的综述：七成左右的街道组建了队伍。")
    html = print_html(services.edition_content(small_issue["edition"]), for_pdf=True)
    assert "七成左右" in html and "做法采用情况" not in html and "75%" not in html
    services.volume_update(volume=volume, figures_table=True)
    html = print_html(services.edition_content(small_issue["edition"]), for_pdf=True)
    # Four street pilots counted, four pieces about them (the community union's piece is not counted).
    assert "据本刊 4 篇稿件统计" in html and "75%" in html


def test_evidence_cites_the_printed_issue_and_credits_no_unit_with_the_overview(client, people, small_issue):
    from django.urls import reverse

    from pilots.models import Article
    from tests.factories import an_article

    a = small_issue["units"][0]
    Article.objects.filter(pk=small_issue["articles"][a].pk).update(
        publication="浙江工运", issue="2018年第5-6期", page="33", source_file="x.txt", start_line=120
    )
    an_article(*small_issue["units"][:3], headline="综述", column="overview", body="全省街道普遍建立网格化管理。")
    client.force_login(people["editor"])
    url = reverse("editions:evidence", args=[small_issue["edition"].pk, small_issue["volume"].pk, "grid_management"])
    page = client.get(url).content.decode()
    assert "《浙江工运》2018年第5-6期 · 速写 · 第 33 页" in page
    assert "x.txt" not in page and "行起" not in page
    assert "全省街道普遍建立网格化管理" not in page  # the overview credits no unit


def test_a_piece_naming_several_units_credits_each_only_with_the_sentences_naming_it():
    """The compilation's overview (loaded from the seeds) names the street pilots it reports on: a
    sentence naming one is evidence for that one; a province-wide sentence ("70%左右的街道…") for none."""
    from pilots.models import Article, PilotUnit
    from pilots.statistics import EVIDENCE_WORDS, practice_evidence
    from pilots.vocabulary import PRACTICE_WORDS
    from tests.conftest import COMPILATION

    overview = Article.objects.get(source_file=COMPILATION, column="overview")
    named = list(overview.units.select_related("region"))
    assert len(named) >= 5
    names = {unit.pk: {unit.region.name, unit.name, unit.short_name} - {""} for unit in named}
    evidence = practice_evidence(PilotUnit.objects.filter(pk__in=names), "zjg_team", per_unit=50)
    from_overview = {item.unit.name: [s for a, s in item.lines if a.pk == overview.pk] for item in evidence}
    for item in evidence:
        for sentence in from_overview[item.unit.name]:
            assert any(name in sentence for name in names[item.unit.pk]), (item.unit.name, sentence)
    # 云峰街道's staffing system is one sentence of the overview: it is 云峰's evidence, and no one else's.
    yunfeng = next(unit for unit in named if unit.region.name == "云峰街道")
    assert any("云峰街道" in s for s in from_overview[yunfeng.name]), from_overview[yunfeng.name]
    assert not any("云峰街道" in s for unit, lines in from_overview.items() if unit != yunfeng.name for s in lines)
    # The overview's province-wide sentences about the practice name no unit and credit none.
    words = PRACTICE_WORDS["zjg_team"] + EVIDENCE_WORDS["zjg_team"]
    province_wide = [
        s
        for s in re.split(r"(?<=[。！？；])", overview.body)
        if any(w in s for w in words) and not any(n in s for ns in names.values() for n in ns)
    ]
    assert any("%" in s for s in province_wide), province_wide
    credited = {s.strip() for item in evidence for _a, s in item.lines}
    assert not credited & {s.strip() for s in province_wide}
    # A unit's own piece comes before the overview's sentence about it.
    own = next(item for item in evidence if item.unit == yunfeng)
    assert own.lines[0][0].pk != overview.pk and own.lines[0][0].column != "overview"


def test_in_a_piece_about_several_units_a_sentence_naming_none_is_its_subjects(small_issue):
    """The piece's subject is the unit its headline names; a village union's name holding its street's
    (甲街道东村) names the village union only."""
    from pilots.statistics import practice_evidence
    from tests.editions.conftest import tagged_unit
    from tests.factories import an_article

    a, b = small_issue["units"][:2]
    village = tagged_unit("温岭市甲街道东村联合工会", "甲街道", ["zjg_team"], kind="village_union")
    piece = an_article(
        a,
        b,
        village,
        headline="甲街道：队伍活起来",
        column="feature",
        body="甲街道组建专兼挂队伍。\n\n乙街道也有兼职干部。\n\n干部实行轮值。\n\n甲街道东村联合工会设挂职主席。",
    )
    units = small_issue["units"][0].__class__.objects.filter(pk__in=[a.pk, b.pk, village.pk])
    lines = {
        item.unit.name: [s for article, s in item.lines if article.pk == piece.pk]
        for item in practice_evidence(units, "zjg_team", per_unit=10)
    }
    assert lines[a.name] == ["甲街道组建专兼挂队伍。", "干部实行轮值。"]
    assert lines[b.name] == ["乙街道也有兼职干部。"]
    assert lines[village.name] == ["甲街道东村联合工会设挂职主席。"]


def test_evidence_lines_are_the_sentences_the_practice_reader_reads_before_the_cue_words_only():
    """雉城 (the compilation, loaded from the seeds) is counted for help to workers in difficulty; its
    piece words that help as "四季帮扶", no literal cue word: the reader's sentence is its evidence
    (there was none). For every unit and every practice, sentences the reader reads come first."""
    from pilots.models import PilotUnit, Practice
    from pilots.statistics import practice_evidence
    from pilots.vocabulary import reads

    zhicheng = PilotUnit.objects.filter(name="长兴县雉城街道总工会")
    lines = [sentence for item in practice_evidence(zhicheng, "hardship_assistance") for _a, sentence in item.lines]
    assert any("四季帮扶" in sentence for sentence in lines), lines
    assert all(reads("hardship_assistance", sentence) for sentence in lines[:1])
    units = PilotUnit.objects.filter(articles__source_file__startswith="000_").distinct()
    empty = 0
    for code in Practice.objects.values_list("code", flat=True):
        for item in practice_evidence(units, code):
            empty += not item.lines
            strengths = [
                not reads(code, sentence)
                for article, sentence in item.lines
                if article.units.filter(pk=item.unit.pk).exists()
            ]
            assert strengths == sorted(strengths), (item.unit.name, code, item.lines)
    assert empty < 140  # counted pairs an editor gets no line for (cue words only: 227 over all units)
