"""Scoring rules of the 自评表, expected values worked by hand (DOMAIN.md §1.3–1.7)."""

from decimal import Decimal as D

import pytest

from desktop.domain.scoring import (
    ScoringInputError,
    check_manual_score,
    execution_rate,
    grade,
    manual_gap_flagged,
    percentage_score,
    qualitative_band,
    score_execution,
    score_indicator,
    total_text,
)


def test_execution_score_is_weight_times_rate():
    # 处非专项 117.65 / 131.65 = 0.893657... -> 10 × 0.893657 = 8.94
    result = score_execution(D("1176500"), D("1316500"))
    assert result.score == D("8.94")
    assert "89.37%" in result.working
    # 维稳专项 16.71 / 20.62 = 0.810378... -> 8.10
    assert score_execution(D("167100"), D("206200")).score == D("8.10")


def test_execution_over_budget_is_capped_and_asks_for_a_reason():
    result = score_execution(D("120"), D("100"))
    assert result.score == D("10.00")
    assert "需说明原因" in result.working


def test_zero_initial_budget_with_mid_year_funds_is_full():
    # S2: 年初 0, 调整后 3.36, 执行 3.36 -> 100%
    assert execution_rate(D("33600"), D("33600")) == 1
    assert score_execution(D("33600"), D("33600")).score == D("10.00")


def test_no_adjusted_budget_has_no_rate():
    assert execution_rate(D("0"), D("0")) is None
    assert score_execution(D("0"), D("0")).score == 0


def test_other_weights():
    assert score_execution(D("50"), D("100"), weight=D(6)).score == D("3.00")


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (D("100"), "优"),
        (D("90"), "优"),
        (D("89.99"), "良"),
        (D("80"), "良"),
        (D("60"), "中"),
        (D("59.99"), "差"),
        (D(0), "差"),
    ],
)
def test_grade_bands(total, expected):
    assert grade(total) == expected


def test_forward_indicator():
    assert score_indicator("≥", "100", "120", D(10)).score == D("10.00")
    # 80 of 100 -> 10 × 0.8 = 8
    assert score_indicator("≥", "100", "80", D(10)).score == D("8.00")
    # 95% target, 99.02% actual -> full
    assert score_indicator("≥", "95%", "99.02%", D(10)).score == D("10.00")
    # 90% of 100% with weight 20 -> 18
    assert score_indicator("≥", "100%", "90%", D(20)).score == D("18.00")


def test_over_achievement_is_noted_but_never_above_the_weight():
    result = score_indicator("≥", "100", "200", D(5))
    assert result.score == D("5.00")
    assert "130%" in result.working


def test_reverse_indicator_linear_and_ratio():
    assert score_indicator("≤", "10", "8", D(10)).score == D("10.00")
    # A = 12, T = 10: 10 × (1 − 2/10) = 8
    assert score_indicator("≤", "10", "12", D(10)).score == D("8.00")
    assert score_indicator("≤", "10", "20", D(10)).score == D("0")
    # ratio variant: 10 × 10/12 = 8.33
    assert score_indicator("≤", "10", "12", D(10), reverse_method="ratio").score == D("8.33")


def test_equal_indicator_with_target_zero():
    assert score_indicator("＝", "0", "0", D(5)).score == D("5.00")
    assert score_indicator("=", "0", "1", D(5)).score == D("0")
    assert score_indicator("=", "12", "6", D(5)).score == D("2.50")


def test_signs_and_doubled_percent_in_the_text():
    assert score_indicator("≥", "≥95%", "100%%", D(10)).score == D("10.00")


def test_qualitative_bands_default_to_the_top():
    assert score_indicator("定性", "好", "达成预期指标", D(10)).score == D("10.00")
    # 部分达成 [6, 8): top of the band 7.99
    assert score_indicator("定性", "好坏", "基本完成", D(10)).score == D("7.99")
    assert score_indicator("定性", "好坏", "未完成", D(10)).score == D("5.99")
    assert qualitative_band("健全") is not None
    assert qualitative_band("合理", "合理").name == "达成年度指标"


def test_unknown_qualitative_text_asks_for_a_manual_score():
    with pytest.raises(ScoringInputError, match="手工评分"):
        score_indicator("定性", "好", "还行吧", D(10))


def test_unknown_nature_and_bad_numbers_are_refused():
    with pytest.raises(ScoringInputError, match="指标性质"):
        score_indicator("大约", "1", "1", D(1))
    with pytest.raises(ScoringInputError, match="完成值"):
        score_indicator("≥", "1", "很多", D(1))


def test_manual_score_inside_the_band_is_accepted_outside_refused():
    assert check_manual_score(D("8.5"), D(10), nature="定性", actual="达成") is None
    assert check_manual_score(D("7.99"), D(10), nature="定性", actual="部分达成") is None
    message = check_manual_score(D("8.00"), D(10), nature="定性", actual="部分达成")
    assert message == "手工得分8.00不在“部分达成年度指标并具有一定效果”的得分区间[6.00, 8.00)内"
    assert check_manual_score(D("11"), D(10)) == "手工得分11.00不在0到权重10.00之间"


def test_manual_gap_over_half_a_point_is_flagged():
    assert manual_gap_flagged(D("9.75"), D("9")) is True
    assert manual_gap_flagged(D("9.59"), D("9.6")) is False
    assert manual_gap_flagged(None, D("9")) is False


@pytest.mark.parametrize(
    ("total", "full_marks", "percentage", "expected"),
    [
        (D("84.60"), D(90), D("94.00"), "优"),  # the seed's department card: 84.60 ÷ 90 × 100
        (D("81"), D(90), D("90.00"), "优"),
        (D("80.99"), D(90), D("89.99"), "良"),  # 89.988… rounds half-up to 89.99
        (D("72"), D(90), D("80.00"), "良"),
        (D("96.50"), D(103), D("93.69"), "优"),  # 93.689…
        (D("61.80"), D(103), D("60.00"), "中"),
        (D("59.99"), D(100), D("59.99"), "差"),
    ],
)
def test_grade_on_the_percentage_of_the_full_marks(total, full_marks, percentage, expected):
    assert percentage_score(total, full_marks) == percentage
    assert grade(total, full_marks) == expected


def test_no_full_marks_no_grade():
    assert (percentage_score(D(0), D(0)), grade(D(0), D(0))) == (None, "")


def test_total_text_shows_the_score_and_its_percentage():
    assert total_text(D("84.6"), D(90)) == "84.60 分（满分 90 分，折合百分制 94.00 分）等级：优"
    assert total_text(D("88.1"), D(100)) == "88.10 分（满分 100 分）等级：良"
