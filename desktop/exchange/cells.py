"""One cell in and out: what a clerk or another program may have put in a cell, and what Ziping writes.

``read_cell`` turns an openpyxl value into the Python value of its column (``str``, ``int``,
``date``, ``bool``, ``Decimal`` 元) or raises ``CellError`` with the reason in Chinese; the
caller adds the sheet, row and column. ``write_cell`` gives the value written for a field.
Money is written in 万元 exactly (a ``0.00`` format shows two decimals, the cell keeps the 分).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from desktop.domain.dates import DateFormatError, parse_date
from desktop.domain.money import TEN_THOUSAND, MoneyUnit, NumberFormatError, parse_money, parse_quantity
from desktop.domain.plausible_money import YuanSuspicion, suspected_yuan
from desktop.exchange.sheets import Kind

MAX_COUNT = 1_000_000
MAX_TEXT = {Kind.TEXT: 500, Kind.LONG_TEXT: 10_000}  # characters: a name, a number, a summary
EXCEL_DAYS_END = 2958466  # the serial number of 10000-01-01
TRUE_WORDS = frozenset({"是", "y", "yes", "true", "1", "√", "✓", "有"})
FALSE_WORDS = frozenset({"否", "n", "no", "false", "0", "×", "无"})
_INT_TEXT = re.compile(r"^[+]?\d+$")


class CellError(ValueError):
    """A cell whose value does not fit its column; the message is the reason in Chinese."""


def _number(value: int | float) -> Decimal:
    """An Excel number as the exact decimal it shows (0.1 stays 0.1, not 0.1000000000000000055…)."""
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def _text(value) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(_number(value))
    raise CellError(f"无法识别的内容“{value}”")


def _integer(value) -> int:
    if isinstance(value, bool | datetime | date | time | timedelta):
        raise CellError(f"“{value}”不是整数")
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError(f"“{value}”不是整数")
        number = int(value)
    elif isinstance(value, int):
        number = value
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()
        if not _INT_TEXT.match(text):
            raise CellError(f"“{value}”不是整数")
        number = int(text)
    if not 0 <= number <= MAX_COUNT:
        raise CellError(f"“{value}”超出范围（应为 0 至 {MAX_COUNT}）")
    return number


_RANGES = {Kind.YEAR: (2000, 2100, "年度"), Kind.MONTH: (1, 12, "月份")}


def _in_range(number: int, low: int, high: int, what: str) -> int:
    if not low <= number <= high:
        raise CellError(f"{what} {number} 应在 {low} 至 {high} 之间")
    return number


def _date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool | time | timedelta):
        raise CellError(f"“{value}”不是日期")
    if isinstance(value, int) and value >= EXCEL_DAYS_END:  # 20240115 typed as a number
        value = str(value)
    elif isinstance(value, int | float):
        if not 1 <= value < EXCEL_DAYS_END:
            raise CellError(f"“{value}”不是日期")
        from openpyxl.utils.datetime import from_excel  # openpyxl is loaded once a workbook is read

        return from_excel(value).date()
    try:
        return parse_date(str(value))
    except DateFormatError as error:
        raise CellError(str(error)) from error


def _boolean(value) -> bool:
    if isinstance(value, bool):
        return value
    word = unicodedata.normalize("NFKC", _text(value)).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(f"“{value}”应为“是”或“否”")


def _decimal_or_text(value):
    if isinstance(value, bool | datetime | date | time | timedelta):
        raise CellError(f"“{value}”不是数字")
    return _number(value) if isinstance(value, int | float) else str(value)


def read_cell(kind: Kind, value, unit: MoneyUnit = MoneyUnit.WAN):
    """The value of a non-empty cell for a column of ``kind``; raises ``CellError``."""
    try:
        if kind in MAX_TEXT:
            text = _text(value)
            if len(text) > MAX_TEXT[kind]:
                raise CellError(f"内容过长：{len(text)} 个字，此列最多 {MAX_TEXT[kind]} 个字")
            return text
        if kind is Kind.INT:
            return _integer(value)
        if kind in _RANGES:
            return _in_range(_integer(value), *_RANGES[kind])
        if kind is Kind.DATE:
            return _date(value)
        if kind is Kind.BOOL:
            return _boolean(value)
        if kind is Kind.WAN:
            return parse_money(_decimal_or_text(value), unit)
        return parse_quantity(_decimal_or_text(value))
    except NumberFormatError as error:
        raise CellError(str(error)) from error
    except ArithmeticError as error:  # NaN, infinity or an exponent beyond any amount
        raise CellError(f"“{value}”不是数字或超出可处理的范围") from error


def yuan_suspicion(value, unit: MoneyUnit, budget: Decimal | None) -> YuanSuspicion | None:
    """Why a non-empty money cell of a 万元 column may hold 元 (``suspected_yuan``), or none."""
    if unit is not MoneyUnit.WAN or isinstance(value, bool | datetime | date | time | timedelta):
        return None
    return suspected_yuan(_number(value) if isinstance(value, int | float) else str(value), budget)


def is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def write_cell(kind: Kind, value):
    """The value Ziping writes for a field: 万元 for money, 是/否 for flags, ``None`` for nothing."""
    if value is None:
        return None
    if kind is Kind.WAN:
        return float(value / TEN_THOUSAND)
    if kind is Kind.BOOL:
        return "是" if value else "否"
    if kind is Kind.DECIMAL:
        return int(value) if value == value.to_integral_value() else float(value)
    if kind in (Kind.TEXT, Kind.LONG_TEXT) and value == "":
        return None
    return value
