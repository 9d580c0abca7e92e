"""``import_cases``: drafts, provenance, re-imports that respect editors, bad input, JSON output."""

import json
from io import StringIO
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from pilots.models import (
    Article,
    ImportRecord,
    IndicatorValue,
    PilotUnit,
    Proposal,
    PublicationStatus,
    Region,
)
from tests.conftest import COMPILATION, seed_path

pytestmark = pytest.mark.django_db

PAGE = """工运速递

## 温岭市城东街道总工会：大数据精准建会

记者洪蕾婷 通讯员钟迪良报道

城东街道总工会今年新建工会28家，发展会员4710人，建会率达95%以上。

街道建成“1+9+N”职工服务阵地，开展活动十余场。

## 余姚市凤山街道总工会：职工之家焕新颜

通讯员张三、李四报道

凤山街道总工会投入经费60万余元，新建职工书屋3个。
"""


def run(*args, **kwargs):
    out, err = StringIO(), StringIO()
    call_command("import_cases", *map(str, args), stdout=out, stderr=err, **kwargs)
    return out.getvalue(), err.getvalue()


def counts():
    return (PilotUnit.objects.count(), Article.objects.count(), IndicatorValue.objects.count(), Region.objects.count())


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_importing_the_compilation_over_the_fixtures_matches_every_unit_and_article():
    before = counts()
    out, _ = run(seed_path(COMPILATION))
    assert "92 篇" in out and "新建单位 0 个" in out and "新建文章 0 篇" in out and "其中 92 篇非导入所建" in out
    # nothing duplicated, and no unreviewed figure is added to the hand-checked, published articles
    assert counts() == before
    # the fixtures' published records stay published, their hand-written headlines untouched
    assert Article.objects.get(source_file=COMPILATION, start_line=630).headline == "“三个点”深化改革"
    assert not PilotUnit.objects.filter(status=PublicationStatus.DRAFT).exists()


def test_a_new_file_becomes_drafts_linked_to_its_source(page):
    out, _ = run(page)
    unit = PilotUnit.objects.get(name="余姚市凤山街道总工会")  # a fixture unit: matched, not duplicated
    assert unit.status == PublicationStatus.PUBLISHED
    article = Article.objects.get(source_file="page.txt", units=unit)
    assert article.status == PublicationStatus.DRAFT
    assert (article.headline, article.reporters, article.column) == ("职工之家焕新颜", "张三、李四", "news")
    assert len(article.source_sha256) == 64 and article.start_line < article.end_line
    # What was read waits as proposals on the draft: nothing is written onto the published unit.
    assert not IndicatorValue.objects.filter(source_file="page.txt").exists()
    proposal = Proposal.objects.get(record__article=article, kind="figure", key__startswith="funds_invested")
    assert (proposal.value["value"], proposal.value["qualifier"], proposal.line) == (
        "60",
        "more_than",
        article.start_line + 4,
    )
    assert proposal.status == "pending"
    chengdong = Article.objects.get(source_file="page.txt", headline="大数据精准建会")
    assert chengdong.reporters == "洪蕾婷、钟迪良"
    assert not chengdong.units.get().positions.filter(name="“1+9+N”职工服务站").exists()
    assert Proposal.objects.filter(record__article=chengdong, kind="position", value__count=9).exists()
    assert "新建文章 2 篇" in out


def test_publish_writes_what_was_read_onto_the_units(page):
    run(page, "--publish", "--date", "2024-05-01")  # the page states no date: the option gives it
    article = Article.objects.get(source_file="page.txt", headline="职工之家焕新颜")
    value = IndicatorValue.objects.get(source_article=article, definition__code="funds_invested")
    assert (value.value, value.qualifier, value.source_line) == (60, "more_than", article.start_line + 4)
    assert value.year == 2024
    chengdong = Article.objects.get(source_file="page.txt", headline="大数据精准建会")
    assert chengdong.units.get().positions.filter(name="“1+9+N”职工服务站", count=9).exists()
    assert not Proposal.objects.filter(record__article=article).exclude(status="published").exists()


def test_a_page_without_a_date_gives_its_figures_no_year_never_todays(page):
    run(page, "--publish")
    article = Article.objects.get(source_file="page.txt", headline="职工之家焕新颜")
    assert article.published_on is None
    assert not IndicatorValue.objects.filter(source_article=article).exists()  # waiting for an editor's year


def test_publish_publishes_at_once(page):
    run(page, "--publish", "--date", "2024-05-01")
    assert set(Article.objects.filter(source_file="page.txt").values_list("status", flat=True)) == {"published"}


def test_reimporting_the_same_file_duplicates_nothing(page):
    run(page)
    before = counts()
    out, _ = run(page)
    assert counts() == before
    assert "新建文章 0 篇，更新文章 2 篇" in out


def test_a_corrected_file_keeps_editor_edits_to_fields_it_does_not_change(page):
    run(page)
    article = Article.objects.get(source_file="page.txt", headline="职工之家焕新颜")
    article.headline = "凤山：职工之家焕然一新"  # the editor's better headline
    article.save()
    page.write_text(PAGE.replace("新建职工书屋3个", "新建职工书屋4个"), encoding="utf-8")
    out, _ = run(page)
    article.refresh_from_db()
    assert article.headline == "凤山：职工之家焕然一新"
    assert "新建职工书屋4个" in article.body
    assert "覆盖编辑修改" not in out


def test_a_corrected_file_says_which_editor_edit_it_overwrote(page):
    run(page)
    article = Article.objects.get(source_file="page.txt", headline="职工之家焕新颜")
    article.headline = "编辑改过的标题"
    article.save()
    page.write_text(PAGE.replace("职工之家焕新颜", "职工书屋焕新颜"), encoding="utf-8")
    out, _ = run(page)
    article.refresh_from_db()
    assert article.headline == "职工书屋焕新颜"
    assert "覆盖编辑修改" in out and "标题" in out


def test_a_figure_the_corrected_text_no_longer_states_is_removed(page):
    run(page, "--publish", "--date", "2024-05-01")
    assert IndicatorValue.objects.filter(source_file="page.txt", definition__code="new_unions").exists()
    page.write_text(PAGE.replace("今年新建工会28家，", ""), encoding="utf-8")
    run(page, "--publish", "--date", "2024-05-01")
    assert not IndicatorValue.objects.filter(source_file="page.txt", definition__code="new_unions").exists()
    assert ImportRecord.objects.filter(article__source_file="page.txt").count() == 2


def test_dry_run_writes_nothing(page):
    before = counts()
    out, _ = run(page, "--dry-run")
    assert counts() == before
    assert "试运行" in out and "新建文章 2 篇" in out


def test_json_prints_one_object_per_piece_in_document_order(page):
    out, err = run(page, "--json", "--dry-run")
    pieces = [json.loads(line) for line in out.splitlines()]
    assert [p["unit_name"] for p in pieces] == ["温岭市城东街道总工会", "余姚市凤山街道总工会"]
    first = pieces[0]
    assert (first["city"], first["county"], first["street"], first["unit_kind"], first["section"]) == (
        "台州市",
        "温岭市",
        "城东街道",
        "street_federation",
        "article",
    )
    assert {"phrase", "value", "unit", "qualifier", "year", "raw"} <= set(first["indicators"][0])
    assert [(i["value"], i["unit"], i["qualifier"]) for i in first["indicators"]] == [
        (28, "家", None),
        (4710, "人", None),
        (95, "%", "以上"),
        (10, "场", "余"),
    ]
    assert first["positions"] == [{"label": "1+9+N", "centre": 1, "stations": 9, "points": None}]
    assert "试运行" in err  # the summary stays off standard output


def test_the_compilation_json_carries_the_contract_fields():
    out, _ = run(seed_path(COMPILATION), "--json", "--dry-run")
    pieces = [json.loads(line) for line in out.splitlines()]
    assert len(pieces) == 92
    xinbi = next(p for p in pieces if p["street"] == "新碧街道")
    assert xinbi["unit_name"] == "缙云经济开发区（新碧街道）总工会" and xinbi["section"] == "sketch"
    assert [p["start_line"] for p in pieces] == sorted(p["start_line"] for p in pieces)


def test_bad_files_fail_with_a_clear_message_while_the_others_import(tmp_path, page):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF-1.4\x00\x01\x02" * 20)
    odd = tmp_path / "odd.txt"
    odd.write_bytes("工会".encode() + b"\xff\xff")
    nothing = tmp_path / "nothing.txt"
    nothing.write_text("今天天气很好。\n我们去公园散步。\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    before = counts()
    with pytest.raises(CommandError, match="5 个文件导入失败"):
        run(empty, binary, odd, page, nothing, missing)
    assert PilotUnit.objects.count() == before[0]  # the good page's units exist already: matched
    assert Article.objects.filter(source_file="page.txt").count() == 2


def test_bad_file_messages_name_the_file_and_the_problem(tmp_path):
    odd = tmp_path / "odd.txt"
    odd.write_bytes("工会".encode() + b"\xff\xff")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_cases", str(odd), stdout=StringIO(), stderr=err)
    assert "odd.txt" in err.getvalue() and "第 6 字节" in err.getvalue()


def test_a_gbk_file_imports_like_its_utf8_twin(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(PAGE.encode("gbk"))
    out, _ = run(path, "--json", "--dry-run")
    assert [json.loads(line)["headline"] for line in out.splitlines()] == ["大数据精准建会", "职工之家焕新颜"]


def test_a_failing_file_writes_nothing_of_itself(tmp_path, monkeypatch, page):
    from importing import store

    original = store._FileWriter.proposals
    calls = []

    def fail_on_second(self, piece, record):
        calls.append(piece)
        if len(calls) == 2:
            raise ValidationError({"value": "测试用的错误"})
        return original(self, piece, record)

    monkeypatch.setattr(store._FileWriter, "proposals", fail_on_second)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_cases", str(page), stdout=out, stderr=StringIO())
    assert not Article.objects.filter(source_file="page.txt").exists()
    assert "0 个文件，0 篇" in out.getvalue() and "测试用的错误" in out.getvalue()


def test_the_article_admin_shows_what_the_importer_wrote(page, client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    run(page)
    article = Article.objects.get(source_file="page.txt", headline="职工之家焕新颜")
    client.force_login(get_user_model().objects.create_superuser("editor", password="pw-for-tests"))
    response = client.get(reverse("admin:pilots_article_change", args=[article.pk]))
    assert response.status_code == 200
    assert "导入记录" in response.content.decode()


def test_a_corrected_headline_renames_the_imported_measure_instead_of_adding_one(page):
    run(page, "--publish", "--date", "2024-05-01")
    unit = PilotUnit.objects.get(name="余姚市凤山街道总工会")
    titles = set(unit.measures.values_list("title", flat=True))
    assert "职工之家焕新颜" in titles
    page.write_text(PAGE.replace("职工之家焕新颜", "职工书屋焕新颜"), encoding="utf-8")
    run(page, "--publish", "--date", "2024-05-01")
    assert set(unit.measures.values_list("title", flat=True)) == titles - {"职工之家焕新颜"} | {"职工书屋焕新颜"}
    assert list(unit.measures.get(title="职工书屋焕新颜").practices.values_list("code", flat=True)) == ["bookrooms"]


def test_a_new_unit_is_a_proposal_until_its_piece_is_accepted_and_published(tmp_path):
    path = tmp_path / "zeguo.txt"
    path.write_text("## 温岭市泽国镇总工会：小镇工会办实事\n\n泽国镇总工会今年新建工会12家。\n", encoding="utf-8")
    out, _ = run(path)
    # 新单位: proposed on the review screen; no unit, not even a draft, and nothing in the gazetteer.
    assert not PilotUnit.objects.filter(name="温岭市泽国镇总工会").exists()
    assert not Region.objects.filter(name="泽国镇").exists()
    assert "新建单位 0 个，提出新单位 1 个" in out
    record = ImportRecord.objects.get(article__source_file="zeguo.txt")
    assert record.values["unit"]["name"] == "温岭市泽国镇总工会"
    run(path, "--publish", "--date", "2024-05-01")
    unit = PilotUnit.objects.get(name="温岭市泽国镇总工会")
    assert (unit.kind, unit.short_name) == ("township_federation", "泽国镇总工会")
    assert (unit.region.name, unit.region.level, unit.region.parent.name) == ("泽国镇", "township", "温岭市")
    assert unit.status == "published" and unit.city.name == "台州市"


def test_several_articles_about_one_unit_stay_separate_articles(tmp_path):
    path = tmp_path / "wenling.txt"
    path.write_bytes(seed_path("001_e2de244b57a95646.txt").read_bytes())
    out, _ = run(path)
    assert "新建文章 6 篇" in out
    articles = Article.objects.filter(source_file="wenling.txt")
    assert articles.count() == 6 and articles.filter(units__name="温岭市总工会").count() == 6
    path.write_text("\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")  # every line moves down by two
    out, _ = run(path)
    assert "新建文章 0 篇，更新文章 6 篇" in out
    assert sorted(articles.values_list("start_line", flat=True)) == [7, 39, 57, 79, 91, 111]


@pytest.mark.parametrize("command", ["import_cases", "evaluate_import", "bench_import"])
@pytest.mark.parametrize("missing", ["no regions", "not migrated"])
def test_the_import_commands_stop_with_a_clear_message_before_the_places_are_loaded(command, missing, tmp_path):
    """Without the regions every union would read as unplaced: the commands say to run make data, write nothing."""
    from django.db import OperationalError

    from importing.gazetteer import Gazetteer

    source = tmp_path / "page.txt"
    source.write_text(PAGE, encoding="utf-8")
    empty = {"return_value": Gazetteer(set(), {}, {})}
    failing = {"side_effect": OperationalError("no such table: pilots_region")}
    args = {"import_cases": [str(source)], "evaluate_import": [], "bench_import": []}[command]
    patched = mock.patch.object(Gazetteer, "from_db", **(empty if missing == "no regions" else failing))
    with patched, pytest.raises(CommandError, match="make data"):
        call_command(command, *args, stdout=StringIO(), stderr=StringIO())
    assert not Article.objects.filter(source_file="page.txt").exists()
