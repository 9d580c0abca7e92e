"""Consistency warnings: figures that look wrong but may be right. They inform; they never block.

A reviewer sees them beside the record; the submitter sees them before submitting and can explain
them in ``warning_notes``. Kinds: a value far from last year's, a rate that contradicts the counts it
is made of or comes without them, a part larger than its whole (new members above members), unions
by kind adding up to more than all unions, a narrative naming another number of stations than the
positions list.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

import cn2an
from django.utils.translation import gettext as _

from pilots.models import IndicatorDefinition, PositionTier, ValueType
from pilots.templatetags.proper_names import list_separator

from .models import NARRATIVE_FIELDS, AnnualRecord
from .selectors import previous_year_values
from .values import display_number

# Beyond these ratios to last year's value a figure is worth a second look (membership halved ...).
FAR_LOW, FAR_HIGH = Decimal("0.5"), Decimal("2")
# Small counts jump easily (2 → 5 stations): only figures of at least this size are compared.
FAR_MIN_SIZE = Decimal(10)
PERCENT_FAR_POINTS = Decimal(20)
# (rate, numerator, denominator): the rate should be numerator / denominator × 100, within 5 points.
RATE_CHECKS = [
    ("union_founding_rate", "enterprises_covered", "enterprises_in_area"),
    ("membership_rate", "members", "workers_covered"),
]
RATE_TOLERANCE = Decimal(5)
# A number is read from the start of its run of numerals only (the look-behind): from inside a long run
# (a narrative of 10,000 numerals) each start would rescan the rest of the run, quadratic in its length.
_NUMERALS = "0-9零〇一二两三四五六七八九十百"
_STATIONS = re.compile(rf"(?<![{_NUMERALS}])([{_NUMERALS}]+)\s*个(?:职工|工会)?服务站")
_MODEL = re.compile(r"1\s*[+＋]\s*(\d+)\s*[+＋]\s*[NnＮ]")


@dataclass(frozen=True)
class ConsistencyWarning:
    field: str  # the form field it concerns, as in FieldComment.field
    message: str


def _number(text: str) -> int | None:
    try:
        return int(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def stations_named(text: str) -> set[int]:
    """The numbers of stations a narrative names ("14个服务站", "十四个职工服务站", "1+14+N")."""
    found = {_number(match) for match in _STATIONS.findall(text)}
    found |= {int(match) for match in _MODEL.findall(text)}
    return {number for number in found if number is not None}


# (part, whole): the part cannot be larger than the whole it belongs to.
PART_OF = [
    ("new_members", "members"),
    ("members", "workers_covered"),
    ("enterprises_covered", "enterprises_in_area"),
    ("workers_covered", "workers_in_area"),
    ("new_unions", "grassroots_unions"),
]
# The unions counted by kind add up to at most the total of grassroots unions.
UNION_KINDS = ("enterprise_unions", "joint_unions", "union_federations")


def plausibility_warnings(values: dict) -> list[ConsistencyWarning]:
    """Figures that cannot all be right together: a part above its whole, a rate without its counts."""
    warnings = []
    for part_code, whole_code in PART_OF:
        part, whole = values.get(part_code), values.get(whole_code)
        if part and whole and Decimal(part.value) > Decimal(whole.value):
            warnings.append(
                ConsistencyWarning(
                    f"value:{part_code}",
                    _("%(part)s（%(p)s）大于%(whole)s（%(w)s），请核实。")
                    % {
                        "part": part.definition.local_name,
                        "p": display_number(part.value),
                        "whole": whole.definition.local_name,
                        "w": display_number(whole.value),
                    },
                )
            )
    total = values.get("grassroots_unions")
    kinds = [values[code] for code in UNION_KINDS if code in values]
    if total and kinds and sum(Decimal(v.value) for v in kinds) > Decimal(total.value):
        warnings.append(
            ConsistencyWarning(
                "value:grassroots_unions",
                _("%(kinds)s合计 %(sum)s 个，多于%(total)s %(n)s 个，请核实。")
                % {
                    "kinds": list_separator().join(v.definition.local_name for v in kinds),
                    "sum": display_number(sum(Decimal(v.value) for v in kinds)),
                    "total": total.definition.local_name,
                    "n": display_number(total.value),
                },
            )
        )
    for rate_code, numerator_code, denominator_code in RATE_CHECKS:
        rate = values.get(rate_code)
        if rate is None:
            continue
        missing = [code for code in (numerator_code, denominator_code) if code not in values]
        if missing:
            names = {d.code: d.local_name for d in IndicatorDefinition.objects.filter(code__in=missing)}
            warnings.append(
                ConsistencyWarning(
                    f"value:{rate_code}",
                    _("填写了%(rate)s，但没有填写计算它的%(missing)s，审核人无法核对，请补填。")
                    % {"rate": rate.definition.local_name, "missing": _("和").join(names.get(c, c) for c in missing)},
                )
            )
    return warnings


def record_warnings(record: AnnualRecord, previous: dict[str, Decimal] | None = None) -> list[ConsistencyWarning]:
    values = {v.definition.code: v for v in record.values.all()}  # prefetched with their definitions
    previous = previous_year_values(record) if previous is None else previous
    warnings = []
    for code, value in values.items():
        before = previous.get(code)
        if before is None:
            continue
        current, definition = Decimal(value.value), value.definition
        if definition.value_type == ValueType.PERCENT:
            far = abs(current - before) > PERCENT_FAR_POINTS
        elif max(current, before) < FAR_MIN_SIZE:
            far = False
        else:
            far = before == 0 or not (FAR_LOW <= current / before <= FAR_HIGH)
        if far:
            warnings.append(
                ConsistencyWarning(
                    f"value:{code}",
                    _("%(name)s为 %(now)s%(unit)s，上一年为 %(before)s%(unit)s，变化较大，请核实或说明。")
                    % {
                        "name": definition.local_name,
                        "now": display_number(current),
                        "before": display_number(before),
                        "unit": definition.local_unit_label,
                    },
                )
            )
    for rate_code, numerator_code, denominator_code in RATE_CHECKS:
        rate, numerator, denominator = (values.get(c) for c in (rate_code, numerator_code, denominator_code))
        if not (rate and numerator and denominator) or not denominator.value:
            continue
        computed = Decimal(numerator.value) / Decimal(denominator.value) * 100
        if abs(computed - Decimal(rate.value)) > RATE_TOLERANCE:
            warnings.append(
                ConsistencyWarning(
                    f"value:{rate_code}",
                    _("%(rate)s填写为 %(stated)s%%，按%(num)s和%(den)s计算约为 %(computed)s%%，请核实。")
                    % {
                        "rate": rate.definition.local_name,
                        "stated": display_number(rate.value),
                        "num": numerator.definition.local_name,
                        "den": denominator.definition.local_name,
                        "computed": f"{computed:.1f}",
                    },
                )
            )
    warnings.extend(plausibility_warnings(values))
    listed = sum(p.count for p in record.positions.all() if p.tier == PositionTier.STATION)
    known = {listed} if listed else set()
    if "service_stations" in values:
        known.add(int(values["service_stations"].value))
    for field in NARRATIVE_FIELDS:
        named = stations_named(getattr(record, field))
        if known and named and not named & known:
            warnings.append(
                ConsistencyWarning(
                    field,
                    _("文字中提到 %(named)s 个服务站，阵地清单或指标中为 %(known)s 个，请核实。")
                    % {
                        "named": list_separator().join(str(n) for n in sorted(named)),
                        "known": list_separator().join(str(n) for n in sorted(known)),
                    },
                )
            )
    return warnings
