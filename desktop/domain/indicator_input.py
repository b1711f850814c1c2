"""What a clerk types into an indicator: 指标性质, 指标值 with its unit, 度量单位, 完成值 (DOMAIN.md §1.2, §1.5).

Every entry (the tab's drop-down, the Excel import, a paste) goes through these functions, so an
indicator is stored, scored and printed one way: 指标性质 one of ≥ ≤ ＝ 定性, 指标值 a number
without its sign or unit, the unit in 度量单位. A text that cannot be read raises
``IndicatorInputError`` with a Chinese message that names what was typed (the caller names the place).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from desktop.errors import UserInputError

NATURES = ("≥", "≤", "＝", "定性")
_SPELLINGS = {
    "≥": ("≥", "≧", ">=", "=>", "≥=", "正向", "大于等于", "大于或等于", "不低于", "不少于", "不小于", "至少"),
    "≤": (
        "≤",
        "≦",
        "<=",
        "=<",
        "≤=",
        "反向",
        "小于等于",
        "小于或等于",
        "不高于",
        "不多于",
        "不大于",
        "不超过",
        "至多",
    ),
    "＝": ("＝", "=", "==", "等于", "等于型"),
    "定性": ("定性",),
}
_NATURE_OF = {
    unicodedata.normalize("NFKC", word): nature for nature, words in _SPELLINGS.items() for word in words
}
# signs written in front of a target, longest first so “>=” is not read as “>”
_SIGNS = sorted(_NATURE_OF, key=len, reverse=True)
_UNIT_ALIASES = {"百分比": "%", "百分之": "%", "％": "%"}
_NUMBER = re.compile(r"([+-]?(?:\d[\d,]*)(?:\.\d+)?)\s*(.*)")


class IndicatorInputError(UserInputError):
    """An indicator entry that cannot be read; the message names what was typed."""


def _clean(text: str) -> str:
    return re.sub(r"%+", "%", re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")))


def normalise_nature(text: str) -> str:
    """指标性质 as one of ≥ ≤ ＝ 定性: accepts 正向, 反向, 大于等于, 不低于, >=, ≦ and the like."""
    nature = _NATURE_OF.get(_clean(text))
    if nature is None:
        raise IndicatorInputError(f"“{text.strip()}”不是 {' '.join(NATURES)} 之一")
    return nature


def same_unit(first: str, second: str) -> bool:
    def key(unit: str) -> str:
        unit = _clean(unit)
        return _UNIT_ALIASES.get(unit, unit)

    return key(first) == key(second)


@dataclass(frozen=True)
class Quantity:
    """A number with the comparison sign and the unit typed around it: “≤90万元” → ≤, 90, 万元."""

    sign: str  # one of NATURES but 定性, or "" when none was typed
    value: Decimal
    unit: str


def parse_quantity_text(text: str, what: str) -> Quantity:
    """“≤90万元”, “≥50个”, “≥95%”, “30人次”, “100百分比”, “1,200” → sign, value, unit."""
    cleaned = _clean(text)
    sign = ""
    for spelling in _SIGNS:
        if cleaned.startswith(spelling) and _NATURE_OF[spelling] != "定性":
            sign, cleaned = _NATURE_OF[spelling], cleaned[len(spelling) :]
            break
    match = _NUMBER.fullmatch(cleaned)
    if match is None:
        raise IndicatorInputError(f"{what}“{text.strip()}”不是数值，无法计分")
    try:
        value = Decimal(match.group(1).replace(",", ""))
    except InvalidOperation as error:
        raise IndicatorInputError(f"{what}“{text.strip()}”不是数值，无法计分") from error
    unit = match.group(2)
    if re.search(r"\d", unit):
        raise IndicatorInputError(f"{what}“{text.strip()}”不是数值，无法计分")
    return Quantity(sign, value, unit)


def _number_text(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class TargetEntry:
    """The 指标值 and 度量单位 to store."""

    target: str
    unit: str


def normalise_target(nature: str, target: str, unit: str) -> TargetEntry:
    """Split a quantitative 指标值 into its number and unit: “≤90万元” → 90 / 万元.

    A blank 度量单位 is filled from the target; a different one is an error naming both, as is a
    sign that contradicts the 指标性质. A 定性 target, or a blank one, is kept as typed.
    """
    unit = unit.strip()
    if nature == "定性" or not target.strip():
        return TargetEntry(target.strip(), unit)
    quantity = parse_quantity_text(target, "指标值")
    if quantity.sign and quantity.sign != nature:
        raise IndicatorInputError(f"指标值“{target.strip()}”的“{quantity.sign}”与指标性质“{nature}”不一致")
    if quantity.unit and unit and not same_unit(quantity.unit, unit):
        raise IndicatorInputError(f"指标值“{target.strip()}”的单位“{quantity.unit}”与度量单位“{unit}”不一致")
    return TargetEntry(_number_text(quantity.value), unit or quantity.unit)


def completion_value(actual: str, unit: str) -> Decimal:
    """The number of a 完成值: “95”, “95万元” when the unit is 万元; “约126” cannot be scored."""
    if not actual.strip():
        raise IndicatorInputError("未填完成值")
    quantity = parse_quantity_text(actual, "完成值")
    if quantity.sign:
        raise IndicatorInputError(f"完成值“{actual.strip()}”应为实际数值，不带“{quantity.sign}”")
    if quantity.unit and not same_unit(quantity.unit, unit):
        raise IndicatorInputError(
            f"完成值“{actual.strip()}”的单位“{quantity.unit}”与度量单位“{unit or '（空）'}”不一致"
        )
    return quantity.value
