"""Loading the reference data and the seed pilots from ``fixtures/``.

The files are YAML in the format described by ``fixtures/README.md``. Every record is matched on
its natural key and written only when something changed, so loading twice changes nothing. The
whole load runs in one transaction: one invalid record and nothing is written.
"""

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction

from pilots.db_statistics import analyse
from pilots.models import (
    Article,
    ArticleColumn,
    IndicatorDefinition,
    IndicatorValue,
    PilotLevel,
    PilotUnit,
    PositionKind,
    PositionTier,
    Practice,
    PracticeArea,
    PublicationStatus,
    Qualifier,
    ReformMeasure,
    Region,
    RegionLevel,
    ServicePosition,
    UnitKind,
)
from pilots.text import clean_line, is_column_head, join_column_lines, normalise_name, printed_pages, undouble

from .case import case_row, case_row_save, figure_key, measure_key, position_key, region_by_names, unit_key

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


class PortalDataError(Exception):
    """The fixtures hold invalid records; ``errors`` names each one (file, record, field)."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


OUTCOMES = ("created", "updated", "unchanged")


@dataclass
class LoadReport:
    """What a load did, one outcome per record however often the files name it: a record created
    in this load is 新建 (not also 更新 when a second file adds to it or its links are set); one
    that existed is 更新 if anything of it changed, else 未变."""

    outcomes: dict = field(default_factory=dict)  # (model name, pk) -> outcome
    warnings: list[str] = field(default_factory=list)

    def count(self, model: type[models.Model], outcome: str, pk=None) -> None:
        key = (str(model._meta.verbose_name), pk if pk is not None else object())
        before = self.outcomes.get(key)
        if before is None or (before == "unchanged" and outcome == "updated"):
            self.outcomes[key] = outcome

    def _counter(self, outcome: str) -> Counter:
        return Counter(name for (name, _pk), seen in self.outcomes.items() if seen == outcome)

    @property
    def created(self) -> Counter:
        return self._counter("created")

    @property
    def updated(self) -> Counter:
        return self._counter("updated")

    @property
    def unchanged(self) -> Counter:
        return self._counter("unchanged")

    @property
    def changed(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())


# libyaml's loader where PyYAML was built with it: about eight times faster on the case files.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        raise PortalDataError([f"{path.name}: YAML 格式错误：{exc}"]) from exc


def _upsert(report: LoadReport, model: type[models.Model], lookup: dict, values: dict) -> models.Model:
    """Create or update one record by its natural key; save only when a field changed.

    An empty value means "not stated" and never blanks a stored one: a record that two sources
    describe (a street in the compilation and in a newspaper file) then gets what each states,
    whichever file is read last. Written through the public case's front door (``case_row_save``).
    """
    instance = case_row(model, lookup)
    outcome = case_row_save(instance, values, keep_stated=True)
    report.count(model, outcome, instance.pk)
    return instance


def _set_m2m(report: LoadReport, instance: models.Model, name: str, targets: Iterable[models.Model]) -> None:
    manager = getattr(instance, name)
    wanted = {obj.pk for obj in targets}
    if set(manager.values_list("pk", flat=True)) != wanted:
        manager.set(wanted)
        report.count(type(instance), "updated", instance.pk)  # new links change the record


def _decimal(value: Any, where: str) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({"value": f"{where}：不是数字：{value!r}"}) from exc


# --- regions -----------------------------------------------------------------------------------


def load_regions(report: LoadReport, data: dict) -> None:
    province = _upsert(
        report,
        Region,
        {"parent": None, "name": data["province"]["name"]},
        {"level": RegionLevel.PROVINCE, "code": str(data["province"].get("code", ""))},
    )
    later: list[tuple[Region, dict]] = []
    for city_data in data["cities"]:
        city = _upsert(
            report,
            Region,
            {"parent": province, "name": city_data["name"]},
            {"level": RegionLevel.CITY, "code": str(city_data.get("code") or "")},
        )
        for county_data in city_data.get("counties", []):
            county = _upsert(
                report,
                Region,
                {"parent": city, "name": county_data["name"]},
                {
                    "level": county_data["level"],
                    "code": str(county_data.get("code") or ""),
                    "full_name": county_data.get("full_name") or "",
                    "established_year": county_data.get("established"),
                    "abolished_year": county_data.get("abolished"),
                },
            )
            later.append((county, county_data))
    # Successors and host counties refer to siblings that may come later in the file.
    for county, county_data in later:
        values = {}
        for key, attr in (("successor", "successor"), ("within", "within")):
            name = county_data.get(key)
            target = Region.objects.filter(parent=county.parent, name=name).first() if name else None
            if name and target is None:
                raise PortalDataError([f"regions.yaml: {county.name} 的 {key} “{name}” 不在同一地级市下"])
            values[attr] = target
        _upsert(report, Region, {"pk": county.pk}, values)


def resolve_region(
    city_name: str | None, county_name: str | None, street_name: str | None, report: LoadReport
) -> Region:
    """The most precise region the names give; a street is added to the gazetteer when new."""
    region, added = region_by_names(city_name, county_name, street_name, strict=True, add_street=True)
    if street_name:
        report.count(Region, "created" if added else "unchanged", region.pk)
    return region


# --- taxonomy and indicators -------------------------------------------------------------------


def load_practices(report: LoadReport, data: dict) -> None:
    for area_data in data["areas"]:
        area = _upsert(
            report,
            PracticeArea,
            {"code": area_data["code"]},
            {"name": area_data["name"], "name_en": area_data.get("name_en", ""), "order": area_data["order"]},
        )
        for order, practice in enumerate(area_data["practices"], 1):
            _upsert(
                report,
                Practice,
                {"code": practice["code"]},
                {"name": practice["name"], "name_en": practice.get("name_en", ""), "area": area, "order": order},
            )


def load_indicators(report: LoadReport, data: dict) -> None:
    areas = {area.code: area for area in PracticeArea.objects.all()}
    for order, item in enumerate(data["indicators"], 1):
        _upsert(
            report,
            IndicatorDefinition,
            {"code": item["code"]},
            {
                "name": item["name"],
                "name_en": item.get("name_en", ""),
                "value_type": item["value_type"],
                "area": areas.get(item.get("area")),
                "min_value": item.get("min"),
                "max_value": item.get("max"),
                "description": item.get("description", ""),
                "allows_qualifier": item.get("qualifier", True),
                "order": order,
            },
        )


# --- cases -------------------------------------------------------------------------------------


def _source_lines(source_file: str) -> tuple[list[str] | None, str]:
    path = Path(settings.SEEDS_DIR) / source_file
    if not path.is_file():
        return None, ""
    raw = path.read_bytes()
    return raw.decode("utf-8-sig").splitlines(), hashlib.sha256(raw).hexdigest()


def article_body(lines: list[str], start: int, end: int, *, doubled: bool, skip: set[str]) -> str:
    """The piece's text from its line span: page furniture removed, columns joined, OCR undoubled."""
    kept = []
    skip = {clean_line(text) for text in skip if text} | {"——" + clean_line(text) for text in skip if text}
    for line in lines[start - 1 : end]:
        text = clean_line(line)
        if not text or text in skip or text.isdigit() or is_column_head(text):
            continue
        kept.append(undouble(text) if doubled else text)
    return join_column_lines(kept)


class CaseLoader:
    """Loads one ``cases/*.yaml`` file: units, their articles, measures, positions and figures."""

    def __init__(self, report: LoadReport, path: Path):
        self.report = report
        self.path = path
        self.data = _read_yaml(path) or {}
        self.source_file = self.data.get("source", "")
        self.lines, self.sha256 = _source_lines(self.source_file)
        self.pages = printed_pages(self.lines) if self.lines else []  # the printed page of each line
        if self.source_file and self.lines is None:
            report.warnings.append(f"{path.name}: 找不到来源文件 {self.source_file}，文章正文留空")
        self.mentions: list[tuple[Article, PilotUnit | None, list[dict]]] = []
        self.practices = {p.code: p for p in Practice.objects.all()}
        self.definitions = {d.code: d for d in IndicatorDefinition.objects.all()}

    def load(self, errors: list[str], on_piece: Callable[[], None] | None = None) -> list[tuple[PilotUnit, str]]:
        parents: list[tuple[PilotUnit, str]] = []
        for number, piece in enumerate(self.data.get("pieces", []), 1):
            where = f"{self.path.name} 第{number}篇"
            try:
                with transaction.atomic():
                    unit = self.load_piece(piece)
                if unit is not None and (piece.get("unit") or {}).get("parent"):
                    parents.append((unit, piece["unit"]["parent"]))
            except ValidationError as exc:
                name = (piece.get("unit") or {}).get("name") or (piece.get("article") or {}).get("headline", "")
                for field_name, messages in exc.message_dict.items():
                    for message in messages:
                        errors.append(f"{where}（{name}）字段 {field_name}：{message}")
            except (KeyError, TypeError) as exc:
                errors.append(f"{where}：缺少或格式错误的字段 {exc}")
            if on_piece:
                on_piece()
        return parents

    def load_piece(self, piece: dict) -> PilotUnit | None:
        unit_data = piece.get("unit")
        unit = self.load_unit(unit_data) if unit_data else None
        article = self.load_article(piece["article"], unit) if piece.get("article") else None
        if unit is None:
            return None
        for order, measure in enumerate(piece.get("measures") or [], 1):
            self.load_measure(unit, measure, order)
        for position in piece.get("positions") or []:
            self.load_position(unit, position)
        for value in piece.get("indicators") or []:
            self.load_value(unit, value, article)
        return unit

    def load_unit(self, data: dict) -> PilotUnit:
        if data.get("kind") not in UnitKind.values:
            raise ValidationError({"kind": f"未知的单位类型：{data.get('kind')}"})
        region = resolve_region(data.get("city"), data.get("county"), data.get("street"), self.report)
        level = data.get("pilot_level") or PilotLevel.NONE
        return _upsert(
            self.report,
            PilotUnit,
            unit_key(data["name"]),
            {
                "short_name": normalise_name(data.get("short_name") or ""),
                "kind": data["kind"],
                "region": region,
                "pilot_level": level,
                "designated_year": data.get("designated") if level != PilotLevel.NONE else None,
                "profile": (data.get("profile") or "").strip(),
                "status": PublicationStatus.PUBLISHED,
            },
        )

    def load_article(self, data: dict, unit: PilotUnit | None) -> Article:
        column = data["column"]
        if column not in ArticleColumn.values:
            raise ValidationError({"column": f"未知的栏目：{column}"})
        start, end = data.get("start_line"), data.get("end_line")
        body = ""
        if self.lines is not None and start and end:
            # The title once (on the page's heading) and the subtitle apart: neither repeats in the body.
            skip = {data.get("headline") or "", data.get("subheadline") or "", unit.name if unit else ""}
            body = article_body(self.lines, start, end, doubled=column == ArticleColumn.OVERVIEW, skip=skip)
        figures = {}
        if data.get("statistics"):
            figures["statistics"] = data["statistics"]
        if data.get("facts"):
            figures["facts"] = data["facts"]
        article = _upsert(
            self.report,
            Article,
            {"source_file": self.source_file, "start_line": start},
            {
                "headline": (data.get("headline") or "").strip(),
                "subheadline": (data.get("subheadline") or "").strip(),
                "column": column,
                "volume": self.data.get("volume") or "",
                "reporters": "、".join(data.get("reporters") or []),
                "publication": self.data.get("publication") or "",
                "issue": self.data.get("issue") or "",
                "page": self._page(start),
                "body": body,
                "summary": (data.get("summary") or "").strip(),
                "figures": figures,
                "source_sha256": self.sha256,
                "end_line": end,
                "status": PublicationStatus.PUBLISHED,
            },
        )
        if data.get("mentions"):
            # The units an overview names are linked once every file is loaded.
            self.mentions.append((article, unit, data["mentions"]))
        else:
            _set_m2m(self.report, article, "units", [unit] if unit else [])
        return article

    def _page(self, start: int | None) -> str:
        """The printed page the piece starts on ("" where the source file does not say)."""
        page = self.pages[start - 1] if start and 0 < start <= len(self.pages) else None
        return str(page) if page else ""

    def link_mentions(self) -> None:
        for article, unit, mentions in self.mentions:
            units = [unit] if unit else []
            for mention in mentions:
                found = mentioned_unit(mention)
                if found is None:
                    self.report.warnings.append(f"{self.path.name}: “{article.title}”提到的 {mention} 尚无对应单位")
                else:
                    units.append(found)
            _set_m2m(self.report, article, "units", units)

    def load_measure(self, unit: PilotUnit, data: dict, order: int) -> None:
        codes = data.get("practices") or []
        unknown = [code for code in codes if code not in self.practices]
        if unknown:
            raise ValidationError({"practices": f"未知的做法代码：{'、'.join(unknown)}"})
        measure = _upsert(
            self.report,
            ReformMeasure,
            measure_key(unit, data["title"]),
            {
                "label": data.get("label") or "",
                "summary": (data.get("summary") or "").strip(),
                "year_started": data.get("year"),
                "order": order,
            },
        )
        _set_m2m(self.report, measure, "practices", [self.practices[code] for code in codes])

    def load_position(self, unit: PilotUnit, data: dict) -> None:
        if data.get("tier") not in PositionTier.values:
            raise ValidationError({"tier": f"未知的阵地层级：{data.get('tier')}"})
        if data.get("kind") not in PositionKind.values:
            raise ValidationError({"kind": f"未知的阵地类型：{data.get('kind')}"})
        area = data.get("area_m2")
        _upsert(
            self.report,
            ServicePosition,
            position_key(unit, data["tier"], data["name"]),
            {
                "kind": data["kind"],
                "count": data.get("count") or 1,
                "area_m2": _decimal(area, "面积") if area is not None else None,
                "opening_hours": data.get("hours") or "",
                "facilities": data.get("facilities") or "",
                "shared_with": list(data.get("shared_with") or []),
            },
        )

    def load_value(self, unit: PilotUnit, data: dict, article: Article | None) -> None:
        definition = self.definitions.get(data.get("code"))
        if definition is None:
            raise ValidationError({"code": f"未知的指标代码：{data.get('code')}"})
        qualifier = data.get("qualifier") or "exact"
        if qualifier not in Qualifier.values:
            raise ValidationError({"qualifier": f"未知的限定词：{qualifier}"})
        _upsert(
            self.report,
            IndicatorValue,
            figure_key(unit, definition, data.get("year") or 2018, data.get("phrase") or ""),
            {
                "value": _decimal(data["value"], definition.name),
                "qualifier": qualifier,
                "source_article": article,
                "source_file": self.source_file,
                "source_line": data.get("line"),
            },
        )


def mentioned_unit(mention: dict) -> PilotUnit | None:
    """The street (or township) federation an overview names by county and street."""
    street = normalise_name(mention.get("street", ""))
    counties = Region.objects.counties().printed_as(mention.get("county", ""))
    return (
        PilotUnit.objects.filter(region__name=street, region__county__in=counties)
        .exclude(kind__in=[UnitKind.COMMUNITY_UNION, UnitKind.VILLAGE_UNION])
        .first()
    )


def case_files(directory: Path | None = None) -> list[Path]:
    return sorted(((directory or FIXTURES_DIR) / "cases").glob("*.yaml"))


def portal_reference_load(*, directory: Path | None = None, report: LoadReport | None = None) -> LoadReport:
    """The reference data alone: the gazetteer, the practices and the indicators (no cases)."""
    directory = directory or FIXTURES_DIR
    report = report or LoadReport()
    with transaction.atomic():
        try:
            load_regions(report, _read_yaml(directory / "regions.yaml"))
            load_practices(report, _read_yaml(directory / "practices.yaml"))
            load_indicators(report, _read_yaml(directory / "indicators.yaml"))
        except ValidationError as exc:
            raise PortalDataError([f"参考数据：{message}" for message in exc.messages]) from exc
    return report


def portal_data_load(
    *,
    directory: Path | None = None,
    on_piece: Callable[[], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> LoadReport:
    """Load every fixture file under ``directory`` (default ``fixtures/``) in one transaction."""
    directory = directory or FIXTURES_DIR
    report = LoadReport()
    errors: list[str] = []
    with transaction.atomic():
        portal_reference_load(directory=directory, report=report)
        pending_parents: list[tuple[PilotUnit, str]] = []
        loaders = [CaseLoader(report, path) for path in case_files(directory)]
        if on_total:
            on_total(sum(len(loader.data.get("pieces") or []) for loader in loaders))
        for loader in loaders:
            pending_parents += loader.load(errors, on_piece)
        for loader in loaders:
            loader.link_mentions()
        for unit, parent_name in pending_parents:
            parent = PilotUnit.objects.by_name(parent_name).first()
            if parent is None:
                errors.append(f"{unit.name}：上级工会“{parent_name}”不在数据中")
            elif unit.parent_id != parent.pk:
                unit.parent = parent
                unit.save(update_fields=["parent"])
                report.count(PilotUnit, "updated", unit.pk)
        if errors:
            raise PortalDataError(errors)  # leaving the block rolls the whole load back
    analyse()  # the planner's statistics for the tables just written (SQLite; nothing on PostgreSQL)
    return report
