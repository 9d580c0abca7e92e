"""Benchmark of the dashboards' panels on a synthetic province; prints one JSON object.

N published units over the real gazetteer's streets (with a few drafts that must not count), each
with measures tagged with practices (about six measure–practice links per unit), Y years of
indicator figures (2 or 3 of the forty definitions per unit and year, a tenth of them qualified
"以上"), and annual records of the last two years. Every panel's API is timed without filters
and with the library's filters (the indicator panel on 会员人数), cold (``panels``: a new data
version before each request, so nothing comes from the panels' cache) and warm (``panels_warm``:
the same request again, answered from the cache); beside it, for each filter, a bare ``COUNT(*)``
over the same rows (``count_baseline`` says which) gives the ratios ``panel_vs_count`` (cold) and
``panel_vs_count_warm`` that hold on a busy machine.

By default it runs in a scratch database (Django's test-database machinery: a file under var/ on
SQLite, ``test_<name>`` on PostgreSQL) loaded with the real records and dropped afterwards;
``--in-place`` uses the current database in one transaction that is rolled back (for tests).
"""

import json
import random
import statistics
import time
from collections.abc import Callable
from contextlib import contextmanager
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from tqdm import tqdm

from accounts.models import Role
from accounts.services import account_setup
from dashboards.cache import bump
from dashboards.indicators import indicator_values
from dashboards.selectors import PRACTICE_DEFAULT_KINDS
from dashboards.unit_sets import unit_filter
from pilots.benchmarking import scratch_database
from pilots.benchmarking import stats as _stats
from pilots.benchmarking import timed as _timed
from pilots.models import (
    IndicatorDefinition,
    IndicatorValue,
    PilotLevel,
    PilotUnit,
    Practice,
    PublicationStatus,
    Qualifier,
    ReformMeasure,
    Region,
    RegionLevel,
    UnitKind,
)
from reports.models import AnnualRecord, RecordStatus

BATCH = 2000
LAST_YEAR = 2024
# The library's filters the panels are timed with (besides none at all).
FILTERS = [
    {},
    {"city": "杭州市"},
    {"kind": "street_federation", "pilot_level": "city_county"},
    {"practice": "zjg_team"},
    {"city": "台州市", "area": "staff", "designated_year": "2018"},
]
PANELS = ["map", "pilots", "practices", "indicators", "reporting"]
# What each panel's time is compared with: a bare COUNT(*) over the same rows, with the same filters.
COUNT_BASELINE = {
    "map": "COUNT(*) of the filtered public units",
    "pilots": "COUNT(*) of the filtered public units",
    "practices": "COUNT(*) of the measure–practice links of the filtered units (street pilots by default)",
    "indicators": "COUNT(*) of the public values of 会员人数 of the filtered units",
    "reporting": "COUNT(*) of the filtered units expected to report for the year",
}


class Command(BaseCommand):
    help = "统计概览性能基准：生成合成全省数据，测量各面板 API（有无筛选）与 COUNT(*) 的耗时，输出 JSON。"

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=40_000, help="合成单位数（默认 40000）")
        parser.add_argument("--years", type=int, default=10, help="指标数据年数（默认 10）")
        parser.add_argument("--repeat", type=int, default=5, help="每种请求重复次数（默认 5）")
        parser.add_argument("--seed", type=int, default=2018)
        parser.add_argument("--in-place", action="store_true", help="在当前数据库的事务中运行并回滚（不建临时库）")
        parser.add_argument("--keep", action="store_true", help="保留临时数据库（供分析查询计划）")
        parser.add_argument(
            "--existing", action="store_true", help="不生成数据，直接测量当前数据库（例如保留下来的合成库，迁移之后）"
        )

    def handle(self, *args, units: int, years: int, repeat: int, seed: int, in_place: bool, **options):
        if units < 1 or years < 1 or repeat < 1:
            raise CommandError("--units、--years、--repeat 应为正整数")
        random.seed(seed)
        if options.get("existing"):
            result = self.run(0, years, repeat)
        elif in_place:
            with transaction.atomic():
                result = self.run(units, years, repeat)
                transaction.set_rollback(True)
        else:
            with self.scratch_database(keep=options.get("keep", False)):
                result = self.run(units, years, repeat)
        self.stdout.write(json.dumps(result, ensure_ascii=False))

    @contextmanager
    def scratch_database(self, keep: bool = False):
        with scratch_database("bench_dashboards", keep=keep, log=self.stderr.write):
            yield

    def run(self, units: int, years: int, repeat: int) -> dict:
        build_start = time.perf_counter()
        if units:  # --existing measures the database as it is
            self.build(units, years)
        connection = connections[DEFAULT_DB_ALIAS]
        with connection.cursor() as cursor:
            # Fresh statistics for the planner and, on PostgreSQL, the visibility map (index-only scans), as
            # a maintained database has them (autovacuum runs after bulk inserts); VACUUM cannot run inside
            # the rolled-back transaction of --in-place.
            vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        build_s = time.perf_counter() - build_start
        staff = account_setup(username="bench_dashboards_staff", role=Role.STAFF)[0]
        cold, warm, counts = {}, {}, {}
        with override_settings(ALLOWED_HOSTS=["testserver"]):
            client = Client()
            client.force_login(staff)
            for panel in tqdm(PANELS, desc="计时", unit="面板", file=self.stderr):
                cold[panel], warm[panel], counts[panel] = self.panel_samples(client, panel, repeat)
            trends = self.trends(client, years, units or PilotUnit.objects.count())

        def ratios(samples: dict) -> dict:
            return {
                panel: round(statistics.median(samples[panel]) / max(statistics.median(counts[panel]), 0.01), 2)
                for panel in PANELS
            }

        all_counts = [sample for samples in counts.values() for sample in samples]
        return {
            "engine": connection.vendor,
            "units": PilotUnit.objects.count(),
            "values": IndicatorValue.objects.count(),
            "measure_practice_links": ReformMeasure.practices.through.objects.count(),
            "records": AnnualRecord.objects.count(),
            "build_s": round(build_s, 1),
            # Cold: every request after a new data version (nothing cached); warm: the same request again.
            "panels": {panel: _stats(samples) for panel, samples in cold.items()},
            "panels_warm": {panel: _stats(samples) for panel, samples in warm.items()},
            "count_ms": _stats(all_counts),
            "count_ms_by_panel": {panel: _stats(samples) for panel, samples in counts.items()},
            "panel_vs_count": ratios(cold),
            "panel_vs_count_warm": ratios(warm),
            "count_baseline": COUNT_BASELINE,
            "filters": FILTERS,
            "trends": trends,
        }

    def trends(self, client: Client, years: int, units: int) -> dict:
        """The multi-year province's series as the panels answer them: every year of the indicator with its
        year-on-year change, adoption by year designated and by reporting year (from 1,000 units on, where
        every year surely has figures, a CommandError if one is missing)."""
        indicator = client.get(reverse("dashboards-api-indicators"), {"indicator": "members"}).json()
        practices = client.get(reverse("dashboards-api-practices")).json()
        by_year = indicator["by_year"]
        found = {
            "indicator_kind": indicator["kind"]["code"],
            "indicator_years": [row["year"] for row in by_year],
            "indicator_years_with_change": sum(1 for row in by_year if row["change"]),
            "practice_designated_years": [row["year"] for row in practices["by_designated_year"]],
            "practice_reporting_years": [row["year"] for row in practices["by_reporting_year"]],
        }
        built = set(range(LAST_YEAR - years + 1, LAST_YEAR + 1))
        complete = built <= set(found["indicator_years"]) and found["indicator_years_with_change"] >= years - 1
        if units >= 1000 and not complete:
            raise CommandError(f"指标年度序列不完整：{found}")
        return found

    # --- the synthetic province ---------------------------------------------------------------

    def build(self, count: int, years: int) -> None:
        streets = list(
            Region.objects.filter(level__in=[RegionLevel.STREET, RegionLevel.TOWNSHIP]).values_list("pk", flat=True)
        )
        counties = list(Region.objects.counties().values_list("pk", flat=True))
        places = streets * 3 + counties  # most units at a street, some at a county
        kinds = [k for k, _label in UnitKind.choices]
        weights = [10 if k in (UnitKind.STREET_FEDERATION, UnitKind.COMMUNITY_UNION) else 2 for k in kinds]
        levels = [PilotLevel.CITY_COUNTY, PilotLevel.CITY, PilotLevel.COUNTY, PilotLevel.PROVINCIAL, PilotLevel.NONE]
        practices = list(Practice.objects.values_list("pk", flat=True))
        definitions = dict(IndicatorDefinition.objects.values_list("pk", "value_type"))
        definition_ids = sorted(definitions)
        Through = ReformMeasure.practices.through
        first_year = LAST_YEAR - years + 1
        with tqdm(total=count, desc="合成单位", unit="家", file=self.stderr) as bar:
            for start in range(0, count, BATCH):
                batch = []
                for number in range(start, min(count, start + BATCH)):
                    level = random.choices(levels, weights=[40, 20, 20, 1, 19])[0]
                    batch.append(
                        PilotUnit(
                            name=f"合成看板{number:06d}号工会",
                            kind=random.choices(kinds, weights=weights)[0],
                            region_id=random.choice(places),
                            pilot_level=level,
                            designated_year=None
                            if level == PilotLevel.NONE
                            else random.choice([2017, 2018, 2018, 2019]),
                            status=PublicationStatus.DRAFT if random.random() < 0.03 else PublicationStatus.PUBLISHED,
                        )
                    )
                with transaction.atomic():
                    created = PilotUnit.objects.bulk_create(batch)
                    measures = [
                        ReformMeasure(unit_id=unit.pk, title=f"做法{n}")
                        for unit in created
                        for n in range(random.randint(1, 5))
                    ]
                    measures = ReformMeasure.objects.bulk_create(measures)
                    links = [
                        Through(reformmeasure_id=measure.pk, practice_id=practice)
                        for measure in measures
                        for practice in random.sample(practices, random.randint(1, 3))
                    ]
                    Through.objects.bulk_create(links, batch_size=BATCH * 2)
                    values = []
                    for unit in created:
                        for year in range(first_year, LAST_YEAR + 1):
                            # 2 or 3 of the forty definitions: about 2.5 figures per unit and year.
                            for definition_id in random.sample(definition_ids, random.choice((2, 3))):
                                percent = definitions[definition_id] == "percent"
                                value = random.randint(60, 100) if percent else random.randint(0, 50_000)
                                values.append(
                                    IndicatorValue(
                                        unit_id=unit.pk,
                                        definition_id=definition_id,
                                        year=year,
                                        value=Decimal(value),
                                        qualifier=Qualifier.AT_LEAST if random.random() < 0.1 else Qualifier.EXACT,
                                        phrase=f"合成{year}",
                                    )
                                )
                    IndicatorValue.objects.bulk_create(values, batch_size=BATCH * 2)
                    records = [
                        AnnualRecord(
                            unit_id=unit.pk,
                            year=year,
                            status=random.choice([RecordStatus.APPROVED, RecordStatus.SUBMITTED, RecordStatus.DRAFT]),
                        )
                        for unit in created
                        if unit.pilot_level != PilotLevel.NONE
                        for year in (LAST_YEAR - 1, LAST_YEAR)
                        if random.random() < 0.8
                    ]
                    AnnualRecord.objects.bulk_create(records, batch_size=BATCH * 2)
                bar.update(len(batch))

    # --- timings ------------------------------------------------------------------------------

    def panel_samples(self, client: Client, panel: str, repeat: int) -> tuple[list, list, list]:
        """Cold and warm timings of the panel's API for each filter, and the bare COUNT(*) of its rows."""
        url = reverse(f"dashboards-api-{panel}")
        cold, warm, counts = [], [], []
        # The reporting panel obeys the library's filters too (scoped by the account first, then filtered).
        variants = [{**filters, "year": str(LAST_YEAR)} for filters in FILTERS] if panel == "reporting" else FILTERS
        for filters in variants:
            params = {**filters, "indicator": "members"} if panel == "indicators" else filters

            def call(params=params):
                response = client.get(url, params)
                if response.status_code != 200:
                    raise CommandError(f"{panel} 面板出错：{response.status_code} {response.content[:200]!r}")

            call()  # warm-up: plans, the interpreter's caches
            for _ in range(repeat):
                bump()  # a new data version: the next answer is computed, not read from the cache
                cold += _timed(call, 1, warm_up=False)
            warm += _timed(call, repeat)
            counts += _timed(self.count_query(panel, filters), repeat)
        return cold, warm, counts

    def count_query(self, panel: str, filters: dict) -> Callable[[], int]:
        """A bare COUNT(*) over the rows the panel reads for ``filters`` (see COUNT_BASELINE)."""
        default_kinds = PRACTICE_DEFAULT_KINDS if panel == "practices" else None
        units = unit_filter(filters, default_kinds=default_kinds).qs
        if panel == "practices":
            Through = ReformMeasure.practices.through
            rows = Through.objects.filter(reformmeasure__unit__in=units.order_by().values("pk"))
        elif panel == "indicators":
            rows = indicator_values(units, IndicatorDefinition.objects.get(code="members"))
        elif panel == "reporting":
            # The units the panel reads: those expected to report for the year (reports.selectors.reporting_rate).
            year = int(filters["year"])
            rows = PilotUnit.objects.exclude(pilot_level=PilotLevel.NONE).exclude(designated_year__gt=year)
            if any(key != "year" for key in filters):
                rows = rows.filter(pk__in=units.order_by().values("pk"))
        else:
            rows = units
        return rows.count
