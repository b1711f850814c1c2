"""The money parser reads what clerks type; amounts stay exact."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.money import (
    MoneyUnit,
    NumberFormatError,
    format_percent,
    format_wan,
    format_yuan,
    parse_money,
    parse_percent,
    parse_quantity,
    round_half_up,
)

FULL_WIDTH = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")


@pytest.mark.parametrize(
    ("typed", "yuan"),
    [
        ("250，000.00", "250000.00"),  # the seed's 绩效目标表 writes 预算数 this way
        ("250,000.00", "250000.00"),
        ("85万", "850000.00"),
        ("1.2万元", "12000.00"),
        ("131.65万元", "1316500.00"),
        ("0.37万", "3700.00"),
        ("２０，０００．００", "20000.00"),
        (" 1 234.5 元", "1234.50"),
        ("￥99", "99.00"),
        ("-3.5", "-3.50"),
    ],
)
def test_parse_money_reads_what_clerks_type(typed, yuan):
    assert parse_money(typed) == Decimal(yuan)


def test_bare_numbers_take_the_column_unit():
    assert parse_money("131.65", MoneyUnit.WAN) == Decimal("1316500.00")
    assert parse_money("131.65万元", MoneyUnit.WAN) == Decimal("1316500.00")
    assert parse_money("500元", MoneyUnit.WAN) == Decimal("500.00")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "金额为空"),
        ("abc", "“abc”不是数字"),
        ("1,2", "“1,2”不是数字"),
        ("12.345", "“12.345”精确到了分以下，金额最多到分"),
        ("99.22%", "“99.22%”是百分数，不是金额"),
        ("1.2.3万", "“1.2.3万”不是数字"),
    ],
)
def test_parse_money_refuses_with_a_chinese_message(typed, message):
    with pytest.raises(NumberFormatError) as caught:
        parse_money(typed)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("typed", "ratio"),
    [("99.22%", "0.9922"), ("99.22", "0.9922"), ("１００％", "1"), ("0%", "0"), ("43.58 %", "0.4358")],
)
def test_parse_percent(typed, ratio):
    assert parse_percent(typed) == Decimal(ratio)


def test_parse_quantity_reads_indicator_values():
    assert parse_quantity("50000") == 50000
    assert parse_quantity("60,000") == 60000
    assert parse_quantity("2万") == 20000
    assert parse_quantity("99.02%") == Decimal("99.02")


def test_printed_forms_round_half_up():
    assert round_half_up(Decimal("8.935")) == Decimal("8.94")
    assert round_half_up(Decimal("0.125")) == Decimal("0.13")
    assert format_wan(Decimal("1316500.00")) == "131.65"
    assert format_wan(Decimal("50.00")) == "0.01"  # 0.005 万元 rounds up
    assert format_yuan(Decimal("250000")) == "250,000.00"
    assert format_percent(Decimal("117.65") / Decimal("131.65")) == "89.37%"
    assert format_percent(None) == ""


fen = st.integers(min_value=-(10**12), max_value=10**12)


@given(fen)
def test_any_amount_in_fen_survives_printing_and_parsing(amount_fen):
    yuan = Decimal(amount_fen) / 100
    assert parse_money(f"{yuan:.2f}") == yuan
    assert parse_money(f"{yuan:,.2f}") == yuan
    assert parse_money(f"{yuan:,.2f}".translate(FULL_WIDTH)) == yuan


@given(st.integers(min_value=0, max_value=10**9))
def test_wan_and_yuan_spellings_agree(amount_fen):
    yuan = Decimal(amount_fen) / 100
    if (yuan / 10000).as_tuple().exponent >= -6:
        assert parse_money(f"{yuan / 10000}万元") == yuan
        assert parse_money(f"{yuan / 10000}", MoneyUnit.WAN) == yuan


@given(st.text(max_size=20))
def test_the_parser_never_fails_with_anything_but_a_number_error(text):
    try:
        result = parse_money(text)
    except NumberFormatError as error:
        assert str(error)
    else:
        assert result == result.quantize(Decimal("0.01"))


@given(st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False))
def test_percent_text_round_trips(value):
    assert parse_percent(f"{value}%") * 100 == value
