"""The one rule that says a figure typed into a 万元 cell reads as 元 (issue 11, Build 5)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.domain.plausible_money import line_budget, suspected_yuan


def test_text_ending_in_yuan_is_questioned_with_both_readings():
    found = suspected_yuan("12000元")
    # 12000 元 = 1.20 万元; taken as 万元 it would be 12000 万元 = 120,000,000 元
    assert (found.as_yuan, found.as_wan) == (Decimal("12000.00"), Decimal("120000000.00"))
    assert found.question() == "“12000元”写明了元，而此处金额单位为万元，是否按元填写？"


def test_a_bare_number_above_ten_thousand_wan_is_questioned():
    found = suspected_yuan("250,000.00")
    assert (found.as_yuan, found.as_wan) == (Decimal("250000.00"), Decimal("2500000000.00"))
    assert found.reason == "“250,000.00”超过 10000 万元"
    assert suspected_yuan("10000") is None  # exactly 10,000 万元 is a possible (large) figure


def test_over_a_thousand_times_the_budget_is_questioned_but_a_zero_budget_compares_nothing():
    budget = Decimal("35000.00")  # 3.50 万元: 1000 × = 3500 万元
    assert suspected_yuan("3500", budget) is None
    found = suspected_yuan("3500.01", budget)
    assert found.reason == "“3500.01”超过本行预算（3.50万元）的 1000 倍"
    assert suspected_yuan("3500.01", Decimal("0.00")) is None
    assert suspected_yuan("3500.01") is None


@pytest.mark.parametrize("entry", ["250000万元", "250000万", "12.5", "abc", "", "1.234"])
def test_what_names_its_unit_or_is_no_amount_of_yuan_is_left_alone(entry):
    assert suspected_yuan(entry) is None


def test_a_cell_number_from_excel_is_read_like_its_text():
    found = suspected_yuan(Decimal("500000"))
    assert found.as_yuan == Decimal("500000.00")
    assert (
        found.warning() == "“500000”超过 10000 万元：已按500000.00万元读取，如按元填写应为50.00万元，请核对"
    )


def test_line_budget_takes_the_adjusted_budget_first_and_skips_zero():
    assert line_budget({"initial_budget": Decimal("5"), "adjusted_budget": Decimal("0.00")}) == Decimal("5")
    assert line_budget({"adjusted_budget": Decimal("7"), "budget_base": Decimal("9")}) == Decimal("7")
    assert line_budget({"final_amount": Decimal("3")}) is None
