"""指标性质 spellings, targets with their unit, 完成值, and the funding rows of each printed layout."""

from decimal import Decimal as D

import pytest

from desktop.domain.funding import FundingRow, national_rows, sichuan_rows
from desktop.domain.indicator_input import (
    IndicatorInputError,
    TargetEntry,
    completion_value,
    normalise_nature,
    normalise_target,
)


@pytest.mark.parametrize(
    ("typed", "nature"),
    [
        ("正向", "≥"), (">=", "≥"), ("＞＝", "≥"), ("≧", "≥"), ("大于等于", "≥"), ("不低于", "≥"), (" ≥ ", "≥"),
        ("反向", "≤"), ("<=", "≤"), ("≦", "≤"), ("不超过", "≤"), ("小于等于", "≤"),
        ("=", "＝"), ("＝", "＝"), ("等于", "＝"), ("定性", "定性"),
    ],
)  # fmt: skip
def test_every_spelling_is_one_of_four(typed, nature):
    assert normalise_nature(typed) == nature


def test_an_unknown_nature_is_refused_with_the_choices():
    with pytest.raises(IndicatorInputError, match="^“大于”不是 ≥ ≤ ＝ 定性 之一$"):
        normalise_nature("大于")


@pytest.mark.parametrize(
    ("nature", "target", "unit", "stored"),
    [
        ("≤", "≤90万元", "", TargetEntry("90", "万元")),
        ("≥", "≥50个", "", TargetEntry("50", "个")),
        ("≥", "≥95%", "", TargetEntry("95", "%")),
        ("≥", "30人次", "", TargetEntry("30", "人次")),
        ("≥", "100百分比", "%", TargetEntry("100", "%")),  # 百分比 is %
        ("≥", "１，２００份", "份", TargetEntry("1200", "份")),  # full-width digits and comma
        ("≥", "2", "次", TargetEntry("2", "次")),
        ("定性", "好坏", "", TargetEntry("好坏", "")),
    ],
)
def test_a_target_is_stored_as_its_number_and_unit(nature, target, unit, stored):
    assert normalise_target(nature, target, unit) == stored


def test_a_target_that_contradicts_the_indicator_names_both():
    with pytest.raises(IndicatorInputError, match="^指标值“90万元”的单位“万元”与度量单位“元”不一致$"):
        normalise_target("≤", "90万元", "元")
    with pytest.raises(IndicatorInputError, match="^指标值“≥50”的“≥”与指标性质“≤”不一致$"):
        normalise_target("≤", "≥50", "")
    with pytest.raises(IndicatorInputError, match="不是数值"):
        normalise_target("≥", "全覆盖", "")


def test_a_completion_is_a_number_in_the_indicators_unit():
    assert completion_value("95", "万元") == D("95")
    assert completion_value("95万元", "万元") == D("95")
    assert completion_value("99.5％", "%") == D("99.5")
    for typed, reason in (("约126", "不是数值"), ("", "未填完成值"), ("95元", "与度量单位“万元”不一致")):
        with pytest.raises(IndicatorInputError, match=reason):
            completion_value(typed, "万元")


def test_each_layout_has_its_own_rows_and_every_source_counts():
    rows = [
        FundingRow("财政资金", D("10"), D("10"), D("8")),
        FundingRow("上年结转资金", D("0"), D("5"), D("5")),
        FundingRow("单位资金", D("1"), D("1"), D("1")),
    ]
    assert [row.source for row in sichuan_rows(rows)] == [
        "财政资金",
        "财政专户管理资金",
        "单位资金",
        "其他资金",
        "上年结转资金",
    ]
    national = national_rows(rows)
    assert [(row.source, row.adjusted_budget, row.executed) for row in national] == [
        ("当年财政拨款", D("10"), D("8")),
        ("上年结转资金", D("5"), D("5")),
        ("其他资金", D("1"), D("1")),  # 单位资金 is among 其他资金 on the national form
    ]
