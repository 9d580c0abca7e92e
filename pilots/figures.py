"""A figure as a reader writes it: value, measure word and qualifier ("10余项", "28家", "95%以上", "近2万人").

The stored value is normalised (16.65万名 is 166500) and the qualifier is a code; the phrase the figure
was read from keeps the measure word the source used. This module puts them back together the way the
source printed them, or, without a phrase (a figure from an annual record), with the indicator's unit.
"""

import re
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

CN_DIGITS = "零〇一二两三四五六七八九十百千"
# The measure words the sources count with (the importer reads the same ones).
MEASURE_WORDS = (
    "平方米", "万元", "元", "%", "％", "个", "家", "名", "人次", "人", "场", "次", "处", "对", "起", "件",
    "支", "项", "位", "户", "所", "份", "条", "批", "期", "间", "座", "户",
)  # fmt: skip
# A number is read from the start of its run of digits (the look-behinds): a match tried from inside a
# long run would rescan the rest of it, quadratic in its length (32,000 digits: minutes).
_FIGURE = re.compile(
    r"(?P<pre>近|约|超过|超|逾)?"
    rf"(?P<num>(?<!\d)\d+(?:\.\d+)?|(?<![{CN_DIGITS}])[{CN_DIGITS}]+)"
    r"(?P<mult>万|亿)?"
    r"(?P<more>余|多)?"
    rf"(?P<unit>{'|'.join(re.escape(m) for m in sorted(set(MEASURE_WORDS), key=len, reverse=True))})"
    r"(?P<post>以上|左右)?"
)
# Without a phrase: the measure word of each value type.
TYPE_WORDS = {"count": "个", "persons": "人", "percent": "%", "money": "万元", "area": "平方米"}
EN_UNITS = {"percent": "%", "money": " × 10,000 yuan", "area": " m²"}


def _number_text(value: Decimal) -> str:
    return f"{Decimal(value).normalize():f}"


def _phrase_number(num: str) -> Decimal | None:
    if num[0].isdigit():
        return Decimal(num)
    try:
        import cn2an

        return Decimal(cn2an.cn2an(num, "smart"))
    except (ValueError, KeyError):
        return None


def _scaled(num: Decimal, mult: str | None, unit: str) -> Decimal:
    if unit == "元":  # money is stored in 万元: "60万余元" is 60, "5000元" is 0.5
        return num if mult == "万" else num / 10000
    if mult == "万" and unit != "万元":
        return num * 10000
    if mult == "亿":
        return num * 100000000
    return num


def _from_phrase(value: Decimal, phrase: str) -> str | None:
    """The figure in ``phrase`` whose value is ``value``, rewritten with Arabic digits; None if none is."""
    for match in _FIGURE.finditer(phrase or ""):
        num = _phrase_number(match["num"])
        if num is None or _scaled(num, match["mult"], match["unit"]) != value:
            continue
        unit = "%" if match["unit"] == "％" else match["unit"]
        pre = match["pre"] or ""
        if pre in ("超", "超过", "逾"):  # "超过1000人" is written "1000余人" by a reader
            return f"{_number_text(num)}{match['mult'] or ''}余{unit}{match['post'] or ''}"
        return f"{pre}{_number_text(num)}{match['mult'] or ''}{match['more'] or ''}{unit}{match['post'] or ''}"
    return None


def printed_figure(value, qualifier: str, value_type: str, phrase: str = "") -> str:
    """How a reader writes the figure, in the UI's language."""
    value = Decimal(value)
    if (get_language() or "").startswith("en"):
        return _english(value, qualifier, value_type)
    found = _from_phrase(value, phrase)
    if found:
        return found
    word = TYPE_WORDS.get(value_type, "")
    number, mult = value, ""
    if value_type in ("count", "persons") and value >= 100000 and value % 100 == 0:
        number, mult = value / 10000, "万"
    text = _number_text(number)
    if qualifier == "nearly":
        return f"近{text}{mult}{word}"
    if qualifier == "more_than":
        return f"{text}{mult}余{word}"
    if qualifier == "at_least":
        return f"{text}{mult}{word}以上"
    if qualifier == "about":
        return f"{text}{mult}{word}左右"
    return f"{text}{mult}{word}"


def _english(value: Decimal, qualifier: str, value_type: str) -> str:
    number = f"{value.normalize():,f}"
    return english_qualified(f"{number}{EN_UNITS.get(value_type, '')}", qualifier)


def english_qualified(text: str, qualifier: str) -> str:
    """A figure with its qualifier in English words: "at least 95%", "more than 19,000"."""
    words = {
        "nearly": _("nearly %(n)s"),
        "more_than": _("more than %(n)s"),
        "at_least": _("at least %(n)s"),
        "about": _("about %(n)s"),
    }
    return words[qualifier] % {"n": text} if qualifier in words else text
