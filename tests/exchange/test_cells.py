"""Reading one cell: what clerks and other programs put in cells, and the reasons given for the rest."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from desktop.domain.money import MoneyUnit
from desktop.exchange.cells import CellError, read_cell, write_cell
from desktop.exchange.sheets import PROJECTS, Kind, match_column, split_header


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        (Kind.WAN, 21.53, Decimal("215300.00")),
        (Kind.WAN, "1,316.5", Decimal("13165000.00")),
        (Kind.WAN, "85万", Decimal("850000.00")),
        (Kind.WAN, 0.1, Decimal("1000.00")),
        (Kind.DATE, datetime(2023, 1, 5), date(2023, 1, 5)),
        (Kind.DATE, "2023/1/5", date(2023, 1, 5)),
        (Kind.DATE, "2023年1月5日", date(2023, 1, 5)),
        (Kind.DATE, "2023.1.5", date(2023, 1, 5)),
        (Kind.DATE, "20230105", date(2023, 1, 5)),
        (Kind.DATE, 20230105, date(2023, 1, 5)),  # typed as a number: not a serial day of Excel
        (Kind.DATE, 44931, date(2023, 1, 5)),
        (Kind.INT, 7.0, 7),
        (Kind.INT, "１２", 12),
        (Kind.BOOL, "是", True),
        (Kind.BOOL, "否", False),
        (Kind.TEXT, 2023002.0, "2023002"),
        (Kind.TEXT, "  来信 ", "来信"),
        (Kind.DECIMAL, 22.5, Decimal("22.5")),
    ],
)
def test_values_clerks_type_are_read(kind, value, expected):
    assert read_cell(kind, value) == expected


def test_a_header_in_yuan_reads_yuan():
    assert read_cell(Kind.WAN, 1234.5, MoneyUnit.YUAN) == Decimal("1234.50")


@pytest.mark.parametrize(
    ("kind", "value", "reason"),
    [
        (Kind.WAN, "abc", "“abc”不是数字"),
        (Kind.WAN, True, "“True”不是数字"),
        (Kind.WAN, 1e300, "“1e+300”不是数字或超出可处理的范围"),
        (Kind.WAN, 2e12, "超出金额范围"),
        (Kind.DATE, "2023-02-30", "日期“2023-02-30”不存在"),
        (Kind.DATE, "下周一", "“下周一”不是日期，请写成 2023-01-31"),
        (Kind.INT, 2.5, "“2.5”不是整数"),
        (Kind.INT, -1, "“-1”超出范围（应为 0 至 1000000）"),
        (Kind.BOOL, "也许", "“也许”应为“是”或“否”"),
    ],
)
def test_bad_values_give_the_reason(kind, value, reason):
    with pytest.raises(CellError) as caught:
        read_cell(kind, value)
    assert reason in str(caught.value)


def test_money_is_written_in_wan_with_every_fen():
    assert write_cell(Kind.WAN, Decimal("12345.67")) == pytest.approx(1.234567)
    assert read_cell(Kind.WAN, write_cell(Kind.WAN, Decimal("12345.67"))) == Decimal("12345.67")


def test_headers_match_with_units_and_variants():
    assert split_header("执行数 (万元)") == ("执行数", "万元")
    assert match_column(PROJECTS, "项目代码").field == "code"
    assert match_column(PROJECTS, "调整后预算数（万元）").field == "adjusted_budget"
    assert match_column(PROJECTS, "备注") is None


def test_year_and_month_are_checked():
    assert read_cell(Kind.YEAR, 2023.0) == 2023
    with pytest.raises(CellError, match="年度 23 应在 2000 至 2100 之间"):
        read_cell(Kind.YEAR, 23)
    with pytest.raises(CellError, match="月份 13 应在 1 至 12 之间"):
        read_cell(Kind.MONTH, "13")
