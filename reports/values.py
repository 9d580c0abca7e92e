"""Reading an indicator value as people type it, shared by the form, the API and the spreadsheets.

"1.5万", "16,650", "95%", 0.95 typed as a percentage of 1 is *not* guessed: a value is a number
in the indicator's unit, optionally with the multipliers 万 (10^4) and 亿 (10^8) and the unit
itself. Every error names the indicator and says what was wrong, in Chinese.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from pilots.models import QUALIFIER_BY_TEXT, IndicatorDefinition, Qualifier

MULTIPLIERS = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
# ASCII digits only, as pilots.validation reads integers: "３" or "٣" is not quietly read as 3.
_NUMBER = re.compile(r"^(?P<number>[+-]?[0-9]+(?:\.[0-9]+)?)(?P<multiplier>[万亿]?)$")
_UNIT_WORDS = ("万元", "平方米", "㎡", "%", "％", "个", "家", "人次", "人", "名", "场", "对", "元")


def parse_value(definition: IndicatorDefinition, raw) -> Decimal | None:
    """The value as a number in the indicator's unit, None when left blank; ValidationError if invalid."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise ValidationError(_("%(name)s应为数字。") % {"name": definition.local_name})
    if isinstance(raw, int | float | Decimal):
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            raise ValidationError(_("%(name)s应为数字。") % {"name": definition.local_name}) from None
    else:
        text = str(raw).strip().replace(",", "").replace("，", "").replace(" ", "")
        if definition.value_type == "money" and text.endswith("万元"):
            text = text[: -len("万元")]
        else:
            for word in _UNIT_WORDS:
                if text.endswith(word) and len(text) > len(word):
                    text = text[: -len(word)]
                    break
        match = _NUMBER.match(text)
        if not match:
            raise ValidationError(
                _("%(name)s应为数字（可带“万”“亿”），收到“%(raw)s”。") % {"name": definition.local_name, "raw": raw}
            )
        value = Decimal(match["number"]) * MULTIPLIERS.get(match["multiplier"], Decimal(1))
    if not value.is_finite():
        raise ValidationError(_("%(name)s应为数字。") % {"name": definition.local_name})
    if value.normalize().as_tuple().exponent < -4 or abs(value) >= Decimal(10) ** 12:
        raise ValidationError(
            _("%(name)s的数值超出可记录的范围或小数位过多：%(raw)s。") % {"name": definition.local_name, "raw": raw}
        )
    message = definition.validation_error(value)
    if message:
        raise ValidationError(str(message))
    return value


def parse_qualifier(definition: IndicatorDefinition, raw) -> str:
    """A qualifier given by code (at_least) or as printed (以上); only "exact" (or nothing) where the
    indicator takes none (``IndicatorDefinition.allows_qualifier``)."""
    text = "" if raw is None else str(raw).strip()
    if text in Qualifier.values:
        qualifier = text
    elif text in QUALIFIER_BY_TEXT:
        qualifier = QUALIFIER_BY_TEXT[text]
    else:
        choices = "、".join(str(label) for label in Qualifier.labels)
        raise ValidationError(
            _("%(name)s的限定词“%(raw)s”无效，可选：%(choices)s。")
            % {"name": definition.local_name, "raw": text, "choices": choices}
        )
    if qualifier != Qualifier.EXACT and not definition.allows_qualifier:
        raise ValidationError(
            _("%(name)s不带限定词（“%(raw)s”）：请填写确切的数。") % {"name": definition.local_name, "raw": text}
        )
    return qualifier


def display_number(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{Decimal(value).normalize():f}"
