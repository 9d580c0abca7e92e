import json
from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from importing.decode import ImportInputError, decode_source
from importing.evaluation import FIELDS, HELD_OUT_MARK, Evaluation, evaluate
from importing.gazetteer import Gazetteer
from importing.management.commands._gazetteer import command_gazetteer
from importing.outlet_check import rule_runs, rules_without, runs
from importing.pipeline import ParsedFile, parse_source, read_source
from importing.variants import PAGE_VARIANTS, two_to_a_page
from pilots.models import UnitKind

EXPECTED_DIR = Path(settings.BASE_DIR) / "tests" / "importing" / "expected"
# Texts written for the tests and labelled before the importer read them: the unseen-page check.
HELDOUT_DIR = Path(settings.BASE_DIR) / "tests" / "importing" / "heldout"
FIELD_NAMES = {
    "unit": "单位",
    "city": "地级市",
    "county": "县（市、区）",
    "street": "街道",
    "kind": "单位类型",
    "column": "栏目",
    "headline": "标题",
    "reporter": "记者",
    "photographers": "摄影",
    "outlet": "来源媒体",
    "page": "版面",
    "date": "日期",
    "start_line": "起始行（±3）",
    "end_line": "结束行（±3）",
}


class Command(BaseCommand):
    help = "用人工标注的期望结果评估导入器：逐字段准确率、数字召回率与准确率（不写数据库）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--expected",
            type=Path,
            nargs="*",
            default=None,
            help="标注文件（YAML，默认为 tests/importing/expected/ 下全部）",
        )
        parser.add_argument(
            "--held-out",
            action="store_true",
            help="只评估标注中 held_out: true 的文件（留出的真实网页，调整导入器时不看）",
        )
        parser.add_argument(
            "--development",
            action="store_true",
            help="只评估没有留出的标注文件",
        )
        parser.add_argument(
            "--leave-one-outlet-out",
            action="store_true",
            help="逐个来源媒体评估：断开规则中只有该媒体的页面才有的词，再读它的文件（对没见过的页面的诚实估计）",
        )
        parser.add_argument(
            "--variants",
            action="store_true",
            help="把标注的页面换一种印法再读（全角标点、中文日期、去掉标题、两篇一页），看准确率还剩多少",
        )
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")
        parser.add_argument("--details", action="store_true", help="列出每个错误")

    def handle(self, *args, expected: list[Path] | None, json: bool, details: bool, **options):
        gazetteer = command_gazetteer()
        results, rows = {}, []
        paths = expected or [*sorted(EXPECTED_DIR.glob("*.yaml")), *sorted(HELDOUT_DIR.glob("*.yaml"))]
        if options["held_out"] or options["development"]:
            paths = [path for path in paths if _held_out(path) == options["held_out"]]
        if options["leave_one_outlet_out"]:
            self._leave_one_outlet_out(paths, gazetteer)
            return
        if options["variants"]:
            self._variants(paths, gazetteer)
            return
        for path in paths:
            results[path.name], evaluation = self._evaluate(
                path, gazetteer, json=json, details=details, hide_held_out=options["development"]
            )
            rows.append((path.stem if path.parent != HELDOUT_DIR else f"heldout/{path.stem}", evaluation))
        overall = Evaluation()
        for _, evaluation in rows:
            overall.add(evaluation)
        if json:
            results["overall"] = overall.as_dict()
            self.stdout.write(_json(results))
        else:
            self._table([*rows, ("合计", overall)])
            self._place_federations(overall, gazetteer)

    def _variants(self, paths: list[Path], gazetteer: Gazetteer) -> None:
        """One row per way of printing the labelled pages: as printed, then each variant of ``importing.variants``."""
        pages = []
        for path in paths:
            labels = _labels(path)
            source = _source(path, labels)
            try:
                text = decode_source(read_source(source), name=source.name).text
            except ImportInputError as exc:
                raise CommandError(str(exc)) from exc
            pages.append((text.split("\n"), labels))
        rows = [("原样", self._read_all(pages, gazetteer))]
        for name, vary in PAGE_VARIANTS.items():
            rows.append((name, self._read_all([vary(lines, labels) for lines, labels in pages], gazetteer)))
        singles = [page for page in pages if len(page[1]["pieces"]) == 1 and page[1].get("format") != "compilation"]
        pairs = [two_to_a_page(first, second) for first, second in zip(singles[0::2], singles[1::2], strict=False)]
        rows.append(("两篇一页", self._read_all(pairs, gazetteer)))
        self._table(rows)

    @staticmethod
    def _read_all(pages: list[tuple[list[str], dict]], gazetteer: Gazetteer) -> Evaluation:
        overall = Evaluation()
        for lines, labels in pages:
            data = "\n".join(lines).encode("utf-8")
            try:
                parsed = parse_source(data, name="variant.txt", fmt=labels.get("format", "auto"), gazetteer=gazetteer)
            except ImportInputError as exc:
                parsed = ParsedFile("variant.txt", "", "", "", None, [], [str(exc)])  # read as nothing found
            overall.add(evaluate(parsed, labels))
        return overall

    def _place_federations(self, overall: Evaluation, gazetteer: Gazetteer) -> None:
        """Of the proposed names no label lists, those that are the federation of a place that exists (a city, a
        county, or a street or township of the province's list): real unions, if not the ones the labels chose."""
        kinds = {UnitKind.CITY_FEDERATION, UnitKind.COUNTY_FEDERATION}
        kinds |= {UnitKind.STREET_FEDERATION, UnitKind.TOWNSHIP_FEDERATION}
        places = []
        for name in overall.wrong_unit_names:
            unit = gazetteer.parse_unit(name)
            if unit is not None and unit.kind in kinds and (unit.street is None or gazetteer.is_township(unit.street)):
                places.append(name)
        real = overall.unit_names_real + len(places)
        proposed = overall.unit_names_proposed
        self.stdout.write(
            f"单位名：标注里有的 {overall.unit_names_real}/{proposed}；标注外另有 {len(places)} 个是实有地方的总工会"
            f"（市、县、街道、乡镇）；两者合计 {real}/{proposed}（{real / proposed if proposed else 0:.1%}）"
        )

    def _table(self, rows) -> None:
        """Per file and overall: articles found with their headline, unit, places, bylines, figures."""
        out = self.stdout.write
        heads = (
            *("文件", "篇目", "找到(标题对)", "单位", "单位全列"),
            *("单位名真实", "地级市", "县(市、区)", "记者", "摄影", "日期"),
            *("数字召回", "数字准确", "做法准确", "做法召回"),
        )
        out("")
        out(" | ".join(heads))
        out(" | ".join("---" for _ in heads))
        for name, r in rows:
            units = r.units_right / r.units_labelled if r.units_labelled else None
            cells = (
                name,
                str(r.expected_pieces),
                f"{r.articles_found} ({r.articles_share:.1%})",
                f"{r.accuracy('unit'):.1%}",
                f"{units:.1%}" if units is not None else "—",
                f"{r.unit_name_precision:.1%} ({r.unit_names_real}/{r.unit_names_proposed})",
                f"{r.accuracy('city'):.1%}",
                f"{r.accuracy('county'):.1%}",
                f"{r.accuracy('reporter'):.1%}",
                f"{r.accuracy('photographers'):.1%}" if r.labelled["photographers"] else "—",
                f"{r.accuracy('date'):.1%}" if r.labelled["date"] else "—",
                f"{r.recall:.1%} ({r.facts_recalled}/{r.facts_expected})",
                f"{r.precision:.1%} ({r.facts_correct_in_complete}/{r.facts_extracted_in_complete})"
                if r.facts_extracted_in_complete
                else "—",
                *_practice_cells(r.practice_figures()),
            )
            out(" | ".join(cells))
        overall = rows[-1][1]
        out("")
        chinese = overall.as_dict()["facts"]["chinese_numerals"]
        out(
            f"中文数字写的数字：召回 {overall.chinese_recalled}/{overall.chinese_expected}（{chinese['recall']:.1%}），"
            f"全标注篇目中读出 {overall.chinese_extracted_in_complete} 个，对 {overall.chinese_correct_in_complete} 个"
            f"（{chinese['precision']:.1%}）"
        )
        for which, label in (("held_out", "留出篇目"), ("development", "其余篇目"), ("all", "全部")):
            tagged, *_ = figures = overall.practice_figures(which)
            if tagged:
                precision, recall = _practice_cells(figures)
                out(f"做法（{label}，{tagged} 篇人工标注）：准确率 {precision}，召回率 {recall}")

    def _leave_one_outlet_out(self, paths: list[Path], gazetteer: Gazetteer) -> None:
        """Per outlet: its files read as they are, then with the rules that mention only it broken."""
        labels = {path: _labels(path) for path in paths}
        texts = {path: _source(path, labels[path]).read_text(encoding="utf-8", errors="replace") for path in paths}
        groups: dict[str, list[Path]] = {}
        for path in paths:
            groups.setdefault(_outlet_group(path, labels[path]), []).append(path)
        known = rule_runs()
        out = self.stdout.write
        heads = (
            *("来源媒体", "文件", "断开的规则词", "篇目", "找到(标题对)", "单位", "记者"),
            *("数字召回", "数字准确", "做法准确", "做法召回"),
        )
        out(" | ".join(heads))
        out(" | ".join("---" for _ in heads))
        for outlet, members in groups.items():
            elsewhere = set().union(*(runs(texts[p]) for p in paths if p not in members))
            words = {word for p in members for word in runs(texts[p]) & known} - elsewhere
            rows = []
            for broken in (False, True):
                overall = Evaluation()
                with rules_without(words if broken else set()):
                    for path in members:
                        overall.add(self._evaluate(path, gazetteer, json=True, details=False)[1])
                rows.append(overall)
            cells = [
                outlet,
                "、".join(p.stem for p in members),
                f"{len(words)}（{'、'.join(sorted(words)[:6])}{'…' if len(words) > 6 else ''}）" if words else "0",
                str(rows[0].expected_pieces),
            ]
            for measure in (
                lambda r: f"{r.articles_share:.0%}",
                lambda r: f"{r.accuracy('unit'):.0%}",
                lambda r: f"{r.accuracy('reporter'):.0%}",
                lambda r: f"{r.recall:.0%}" if r.facts_expected else "—",
                lambda r: f"{r.precision:.0%}" if r.facts_extracted_in_complete else "—",
                lambda r: _practice_cells(r.practice_figures())[0],
                lambda r: _practice_cells(r.practice_figures())[1],
            ):
                before, after = measure(rows[0]), measure(rows[1])
                cells.append(before if before == after else f"{before} → {after}")
            out(" | ".join(cells))

    def _evaluate(
        self, expected: Path, gazetteer: Gazetteer, *, json: bool, details: bool, hide_held_out: bool = False
    ) -> dict:
        try:
            labels = yaml.safe_load(expected.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise CommandError(f"无法读取标注文件 {expected}：{exc}") from exc
        # Labels of the seed texts name a file in SEEDS_DIR; held-out texts lie beside their labels.
        folder = expected.parent if labels.get("source_dir") == "labels" else Path(settings.SEEDS_DIR)
        source = folder / labels["source"]
        try:
            parsed = parse_source(
                read_source(source), name=source.name, fmt=labels.get("format", "auto"), gazetteer=gazetteer
            )
        except ImportInputError as exc:
            if not source.exists():
                raise CommandError(str(exc)) from exc
            parsed = ParsedFile(source.name, "", "", "", None, [], [str(exc)])  # read as nothing found
        result = evaluate(parsed, labels)
        if json:
            return result.as_dict(), result
        out = self.stdout.write
        r = result
        out(
            f"来源 {source.name}：期望 {r.expected_pieces} 篇，找到 {r.found_pieces} 篇，对上 {r.matched_pieces} 篇"
            f"（标题也对 {r.articles_found} 篇）"
        )
        for name in FIELDS:
            if r.labelled[name]:
                out(f"  {FIELD_NAMES[name]:<12} {r.accuracy(name):7.1%}  ({r.correct[name]}/{r.labelled[name]})")
        names = f"{r.unit_names_real}/{r.unit_names_proposed}"
        out(f"  单位名真实     {r.unit_name_precision:7.1%}  ({names}，提出的单位名中标注里有的)")
        qualifiers = r.as_dict()["facts"]["qualifier_accuracy"]
        out(f"  数字召回率     {r.recall:7.1%}  ({r.facts_recalled}/{r.facts_expected}，值、单位、篇目均正确)")
        complete = f"{r.facts_correct_in_complete}/{r.facts_extracted_in_complete}"
        if r.facts_extracted_in_complete:
            out(f"  数字准确率     {r.precision:7.1%}  ({complete}，在全标注篇目中)")
        else:
            out("  数字准确率         —    （本文件没有全标注篇目）")
        out(f"  限定词正确率   {qualifiers:7.1%}")
        if r.practices_tagged:
            precision, recall = _practice_cells(r.practice_figures())
            out(f"  做法准确率     {precision}，召回率 {recall}（{r.practices_tagged} 篇人工标注）")
        codes = r.as_dict()["facts"]["indicator_accuracy"]
        out(f"  指标归类正确率 {codes:7.1%}  ({r.codes_right}/{r.codes_labelled}，写入数据库的标准指标)")
        if details:
            for label, rows in (
                ("未找到的篇目", result.unmatched_expected),
                ("多出的篇目", result.unmatched_found),
                ("不实的单位名", result.wrong_unit_names),
                *((f"{FIELD_NAMES[name]}错误", result.errors[name]) for name in FIELDS),
                ("漏掉的数字", result.missed_facts),
                ("错误的数字", result.wrong_facts),
                ("多出的做法", result.wrong_practices),
                ("漏掉的做法", result.missed_practices),
            ):
                for row in rows:
                    # --development lists no error of a held-out piece kept inside a development file
                    # (the compilation's practices_held_out pieces): only their aggregate is printed.
                    if not (hide_held_out and HELD_OUT_MARK in row):
                        out(f"  {label}：{row}")
        return result.as_dict(), result


def _practice_cells(figures: tuple[int, int, int, int]) -> tuple[str, str]:
    """Practice precision and recall as table cells: share (right/proposed), share (right/tagged)."""
    tagged, expected, proposed, right = figures
    if not tagged:
        return "—", "—"
    precision = f"{right / proposed:.1%} ({right}/{proposed})" if proposed else "— (0/0)"
    recall = f"{right / expected:.1%} ({right}/{expected})" if expected else "— (0/0)"
    return precision, recall


def _labels(path: Path) -> dict:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CommandError(f"无法读取标注文件 {path}：{exc}") from exc


def _source(path: Path, labels: dict) -> Path:
    folder = path.parent if labels.get("source_dir") == "labels" else Path(settings.SEEDS_DIR)
    return folder / labels["source"]


def _outlet_group(path: Path, labels: dict) -> str:
    """The outlet a labelled file comes from: ``outlet_group``, else the outlet its pieces state, else the file."""
    outlets = [piece.get("outlet") for piece in labels["pieces"] if piece.get("outlet")]
    return labels.get("outlet_group") or (outlets[0] if outlets else path.stem)


def _held_out(path: Path) -> bool:
    try:
        return bool(yaml.safe_load(path.read_text(encoding="utf-8")).get("held_out"))
    except (OSError, yaml.YAMLError, AttributeError):
        return False


def _json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
