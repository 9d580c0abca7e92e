"""Each panel's table, declared once: the page's HTML table and the panel's CSV show these columns.

Rows come from the panel's data (``dashboards.selectors``); the CSV is rendered by the library's
export renderer (UTF-8 with BOM, formula-like cells kept as text).
"""

from django.utils.translation import gettext_lazy as _

from library.exports import Column, ExportTable


def _table(columns: list[Column], rows: list[dict], filename: str) -> ExportTable:
    return ExportTable(columns, [[column.value(row) for column in columns] for row in rows], filename)


class Share(str):
    """A share as the CSV and the page print it ("14%"), carrying the share itself (0.1432): the
    workbook writes that number with a percent format."""

    share: float

    def __new__(cls, share: float):
        text = super().__new__(cls, f"{share * 100:.0f}%")
        text.share = share
        return text


def _pct(value: float) -> str:
    return Share(value)


def _num(value):
    """A number as a number without a trailing ".0" (4200, not 4200.0)."""
    return int(value) if float(value).is_integer() else value


MAP_COLUMNS = [
    Column("city", _("地级市"), lambda row: row["city"]),
    Column("county", _("县（市、区）"), lambda row: row["name"]),
    Column("code", _("行政区划代码"), lambda row: row["code"]),
    Column("count", _("试点单位数"), lambda row: row["count"]),
]

PILOT_COLUMNS = [
    Column("dimension", _("分组"), lambda row: row["dimension"]),
    Column("label", _("取值"), lambda row: row["label"]),
    Column("count", _("试点单位数"), lambda row: row["count"]),
]

PRACTICE_COLUMNS = [
    Column("area", _("领域"), lambda row: row["area"]),
    Column("practice", _("做法"), lambda row: row["name"]),
    Column("count", _("采用单位数"), lambda row: row["count"]),
    Column("total", _("单位总数"), lambda row: row["total"]),
    Column("share", _("占比"), lambda row: _pct(row["share"])),
]

INDICATOR_COLUMNS = [
    Column("unit", _("单位"), lambda row: row["unit"]["name"]),
    Column("city", _("地级市"), lambda row: row["city"]),
    Column("year", _("年份"), lambda row: row["year"]),
    Column("value", _("数值"), lambda row: row["value"]),
    Column("qualifier", _("限定词"), lambda row: row["qualifier_display"]),
    Column("display", _("按原文"), lambda row: row["display"]),
    Column("source", _("来源"), lambda row: row["source"]["label"]),
    Column("kind", _("单位类型"), lambda row: row["kind_label"]),
]

INDICATOR_CITY_COLUMNS = [
    Column("city", _("地级市"), lambda row: row["city"]),
    Column("year", _("年份"), lambda row: row["year"]),
    Column("n", _("单位数"), lambda row: row["n"]),
    Column("sum", _("合计"), lambda row: _num(row["sum"])),
    Column("median", _("中位数"), lambda row: _num(row["median"])),
    Column("qualified", _("含限定词的数值"), lambda row: row["qualified"]),
    Column("kind", _("单位类型"), lambda row: row["kind_label"]),
]

REPORTING_COLUMNS = [
    Column("region", _("区域 / 单位"), lambda row: row["label"]),
    Column("expected", _("应报"), lambda row: row["expected"]),
    Column("submitted", _("已报送"), lambda row: row["submitted"]),
    Column("approved", _("已通过"), lambda row: row["approved"]),
    Column("overdue", _("逾期"), lambda row: row["overdue"]),
    Column("rate", _("报送率（%）"), lambda row: row["rate"]),
]


COMPARE_COLUMNS = [
    Column("part", _("对比项"), lambda row: row["part"]),
    Column("item", _("项目"), lambda row: row["item"]),
    Column("first", _("第一方"), lambda row: row["first"]),
    Column("second", _("第二方"), lambda row: row["second"]),
    Column("difference", _("差"), lambda row: row["difference"]),
    Column("kind", _("单位类型"), lambda row: row["kind_label"]),
]


def compare_rows(data: dict) -> list[dict]:
    """The comparison's rows as the page prints them: the sides' names first, then each row's strings."""
    indicator = data["indicator"]["name"]
    rows = [
        {
            "part": str(_("对比")),
            "item": "",
            "first": data["first"],
            "second": data["second"],
            "difference": "",
            "kind_label": "",
        }
    ]
    for row in data.get("practices", []):
        rows.append(
            {
                "part": str(_("做法采用比例（差为百分点）")),
                "item": row["name"],
                "first": row["first"]["display"],
                "second": row["second"]["display"],
                "difference": row["difference_display"],
                "kind_label": row["kind_label"],
            }
        )
    for row in data.get("indicator_years", data.get("indicator_cities", [])):
        rows.append(
            {
                "part": indicator,
                "item": row.get("year", row.get("city")),
                "first": row["first"]["display"] if row["first"] else "—",
                "second": row["second"]["display"] if row["second"] else "—",
                "difference": row["difference_display"],
                "kind_label": row["kind_label"],
            }
        )
    return rows


def compare_table(data: dict) -> ExportTable:
    return _table(COMPARE_COLUMNS, compare_rows(data), f"dashboard-compare-{data['mode']}")


def map_table(data: dict) -> ExportTable:
    rows = [{**county} for county in data["counties"]]
    return _table(MAP_COLUMNS, rows, "dashboard-map")


PILOT_DIMENSIONS = [
    ("by_city", _("地级市")),
    ("by_kind", _("类型")),
    ("by_pilot_level", _("试点层级")),
    ("by_year", _("确定为试点年份")),
]


def pilot_rows(data: dict) -> list[dict]:
    return [{"dimension": str(label), "key": key, **row} for key, label in PILOT_DIMENSIONS for row in data[key]]


def pilot_table(data: dict) -> ExportTable:
    return _table(PILOT_COLUMNS, pilot_rows(data), "dashboard-pilots")


def practice_rows(data: dict) -> list[dict]:
    return [
        {"area": area["name"], "total": data["total"], **practice}
        for area in data["areas"]
        for practice in area["practices"]
    ]


def practice_table(data: dict) -> ExportTable:
    return _table(PRACTICE_COLUMNS, practice_rows(data), "dashboard-practices")


def indicator_table(data: dict) -> ExportTable:
    return _table(INDICATOR_COLUMNS, data["values"], f"dashboard-indicator-{data['indicator']['code']}")


def indicator_city_table(data: dict) -> ExportTable:
    return _table(INDICATOR_CITY_COLUMNS, data["by_city"], f"dashboard-indicator-{data['indicator']['code']}-cities")


def reporting_table(data: dict) -> ExportTable:
    rows = [*data["rows"], {"label": str(_("合计")), **data["total"]}]
    return _table(REPORTING_COLUMNS, rows, f"dashboard-reporting-{data['year']}")
