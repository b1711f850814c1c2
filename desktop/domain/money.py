"""Exact money and the numbers clerks type.

Money is a ``Decimal`` amount of 元 everywhere in the code, stored as integer 分 (see
``desktop.storage.types.Money``), shown in 万元 with two decimals, rounding half-up.
Rates are ``Decimal`` ratios (0.8937), shown as percentages (89.37%).

``parse_money`` and ``parse_percent`` accept what clerks type and paste from Word and Excel:
``250，000.00``, ``85万``, ``1.2万元``, ``99.22%``, full-width digits, thousands separators.
Anything else raises ``NumberFormatError`` with a message in Chinese that the caller prefixes
with the place (sheet, row, column or field).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from enum import Enum

FEN = Decimal("0.01")
TEN_THOUSAND = Decimal(10000)
HUNDRED = Decimal(100)


class NumberFormatError(ValueError):
    """A typed value that is not a number of the expected kind; the message is Chinese."""


class MoneyUnit(Enum):
    """The unit a bare number is read in when the text names none."""

    YUAN = "元"
    WAN = "万元"


_UNIT_FACTORS = {"元": Decimal(1), "万元": TEN_THOUSAND, "万": TEN_THOUSAND}
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")


def normalise(text: str) -> str:
    """Full-width digits and punctuation (２５０，０００．００) to ASCII, spaces removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _to_decimal(number: str, original: str) -> Decimal:
    if _GROUPED.match(number):
        number = number.replace(",", "")
    if not _NUMBER.match(number):
        raise NumberFormatError(f"“{original}”不是数字")
    try:
        return Decimal(number)
    except InvalidOperation as error:  # pragma: no cover - the regex admits only valid literals
        raise NumberFormatError(f"“{original}”不是数字") from error


def _split_unit(text: str, units: tuple[str, ...]) -> tuple[str, str | None]:
    for unit in units:
        if text.endswith(unit):
            return text[: -len(unit)], unit
    return text, None


def parse_money(text: str | int | Decimal, default_unit: MoneyUnit = MoneyUnit.YUAN) -> Decimal:
    """Parse an amount and return it in 元, exact to the 分.

    ``default_unit`` is the unit of a bare number: a cell under a “（万元）” heading passes
    ``MoneyUnit.WAN``. An amount finer than one 分 is refused rather than silently rounded.
    """
    if isinstance(text, bool):
        raise NumberFormatError(f"“{text}”不是金额")
    if isinstance(text, int | Decimal):
        number, unit = Decimal(text), None
        original = str(text)
    else:
        original = str(text)
        cleaned = normalise(original)
        if not cleaned:
            raise NumberFormatError("金额为空")
        cleaned = cleaned.lstrip("¥￥")
        body, unit = _split_unit(cleaned, ("万元", "万", "元"))
        if body.endswith("%"):
            raise NumberFormatError(f"“{original}”是百分数，不是金额")
        number = _to_decimal(body, original)
    factor = _UNIT_FACTORS[unit] if unit else _UNIT_FACTORS[default_unit.value]
    amount = number * factor
    if amount != amount.quantize(FEN, rounding=ROUND_DOWN):
        raise NumberFormatError(f"“{original}”精确到了分以下，金额最多到分")
    if abs(amount) >= Decimal("1e13"):
        raise NumberFormatError(f"“{original}”超出金额范围")
    return amount.quantize(FEN)


def parse_percent(text: str | int | Decimal) -> Decimal:
    """Parse a percentage and return the ratio: ``99.22%`` and ``99.22`` both give 0.9922."""
    if isinstance(text, bool):
        raise NumberFormatError(f"“{text}”不是百分数")
    if isinstance(text, int | Decimal):
        return Decimal(text) / HUNDRED
    original = str(text)
    cleaned = normalise(original)
    if not cleaned:
        raise NumberFormatError("百分数为空")
    body = cleaned[:-1] if cleaned.endswith("%") else cleaned
    return _to_decimal(body, original) / HUNDRED


def parse_quantity(text: str | int | Decimal) -> Decimal:
    """Parse a plain quantity (an indicator value such as ``50000`` or ``≥2`` without the sign)."""
    if isinstance(text, bool):
        raise NumberFormatError(f"“{text}”不是数字")
    if isinstance(text, int | Decimal):
        return Decimal(text)
    original = str(text)
    cleaned = normalise(original)
    if not cleaned:
        raise NumberFormatError("数值为空")
    if cleaned.endswith("%"):
        return parse_percent(cleaned) * HUNDRED
    body, unit = _split_unit(cleaned, ("万元", "万", "元"))
    value = _to_decimal(body, original)
    return value * TEN_THOUSAND if unit in ("万", "万元") else value


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """Round the way the printed forms do (0.005 → 0.01)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def yuan_to_fen(amount: Decimal) -> int:
    """元 → integer 分, refusing fractions of a 分."""
    fen = amount * HUNDRED
    if fen != fen.to_integral_value():
        raise NumberFormatError(f"{amount} 元精确到了分以下")
    return int(fen)


def fen_to_yuan(fen: int) -> Decimal:
    return (Decimal(fen) / HUNDRED).quantize(FEN)


def to_wan(amount: Decimal) -> Decimal:
    """元 → 万元, rounded half-up to two decimals as every form prints it."""
    return round_half_up(amount / TEN_THOUSAND, 2)


def format_wan(amount: Decimal | None) -> str:
    """``1316500`` 元 → ``"131.65"`` (万元); empty for a missing amount."""
    return "" if amount is None else f"{to_wan(amount):,.2f}".replace(",", "")


def format_yuan(amount: Decimal | None) -> str:
    """``250000`` → ``"250,000.00"`` as the 绩效目标表 prints 预算数 in 元."""
    return "" if amount is None else f"{round_half_up(amount, 2):,.2f}"


def format_percent(ratio: Decimal | None, places: int = 2) -> str:
    """``Decimal("0.893658")`` → ``"89.37%"``; empty when there is no ratio."""
    return "" if ratio is None else f"{round_half_up(ratio * HUNDRED, places)}%"


def percent_value(ratio: Decimal | None, places: int = 2) -> Decimal | None:
    """The printed percentage as a number: 0.893658 → Decimal('89.37')."""
    return None if ratio is None else round_half_up(ratio * HUNDRED, places)
