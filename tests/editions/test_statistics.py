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
