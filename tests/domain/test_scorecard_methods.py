"""Scorecard methods from hand calculations, and their bounds as properties."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.scorecard_methods import (
    DEFAULT_FACTORS,
    METHODS,
    score_checklist,
    score_checkpoints,
    score_completion,
    score_deduction,
    score_levels,
    score_linear_cutoff,
    score_monitoring_adjustment,
    score_ratio,
    score_threshold_bands,
)
from desktop.domain.scoring import ScoringInputError, score_indicator

SEED_CHECKPOINTS = {
    "checkpoints": [
        {"month": 6, "target": D("0.40"), "points": D(3)},
        {"month": 9, "target": D("0.675"), "points": D(4)},
        {"month": 11, "target": D("0.825"), "points": D(3)},
    ]
}
BANDS = {"bands": [{"upto": D("0.10"), "share": D(1)}, {"upto": D("0.20"), "share": D("0.5")}]}
LEVELS = {"levels": ["不严密", "3处及以上不严密", "2处不严密", "1处不严密", "严密"]}


def test_checkpoint_progress_of_the_seed():
    # 3 + 4 × 66.03/67.5 + 3 × 78.03/82.5 = 3 + 3.9129 + 2.8375 = 9.7503 -> 9.75
    result = score_checkpoints(D(10), SEED_CHECKPOINTS, {"m6": "43.58%", "m9": "66.03%", "m11": "78.03%"})
    assert result.score == D("9.75")
    assert "9月进度66.03%未达到67.50%，得4.00×66.03%÷67.50%=3.91分" in result.working


def test_completion_of_the_seed():
    # 10 × 95.87% = 9.587 -> 9.59
    assert score_completion(D(10), {}, {"progress": "95.87%"}).score == D("9.59")
    assert score_completion(D(10), {}, {"progress": D("1.02")}).score == D("10.00")


def test_linear_with_cutoff():
    # r = 20 / 400 = 0.05: (1 − 0.5) × 10 = 5
    assert score_linear_cutoff(D(10), {}, {"adjustment": "20", "initial_budget": "400"}).score == D("5.00")
    # r = 0.11 > 0.1 -> 0
    assert score_linear_cutoff(D(10), {}, {"adjustment": "-44", "initial_budget": "400"}).score == 0


def test_threshold_bands_with_inclusive_bounds():
    # |110 − 100| / 110 = 9.09% -> 10
    assert score_threshold_bands(D(10), BANDS, {"budget": "100", "final": "110"}).score == D("10.00")
    # |100 − 90| / 100 = 10% exactly -> still 10
    assert score_threshold_bands(D(10), BANDS, {"budget": "90", "final": "100"}).score == D("10.00")
    # |100 − 85| / 100 = 15% -> 5
    assert score_threshold_bands(D(10), BANDS, {"budget": "85", "final": "100"}).score == D("5.00")
    # 30% -> 0
    assert score_threshold_bands(D(10), BANDS, {"budget": "70", "final": "100"}).score == 0


def test_deduction_per_finding_until_exhausted():
    assert score_deduction(D(10), {}, {"findings": "0"}).score == D("10.00")
    assert score_deduction(D(10), {}, {"findings": "3"}).score == D("8.50")
    assert score_deduction(D(2), {"per_finding": D(1)}, {"findings": "5"}).score == 0
    with pytest.raises(ScoringInputError, match="非负整数"):
        score_deduction(D(4), {}, {"findings": "1.5"})


def test_levels_and_ratio():
    assert score_levels(D(2), LEVELS, {"level": "严密"}).score == D("2.00")
    assert score_levels(D(2), LEVELS, {"level": "1处不严密"}).score == D("1.60")
    assert score_levels(D(10), LEVELS, {"level": "3处及以上不严密"}).score == D("3.00")
    with pytest.raises(ScoringInputError, match="不在评分标准中"):
        score_levels(D(2), LEVELS, {"level": "还行"})
    # 98.05% of 6 = 5.883 -> 5.88
    assert score_ratio(D(6), {}, {"rate": "98.05%"}).score == D("5.88")
    assert score_ratio(D(2), {}, {"numerator": "3", "denominator": "4"}).score == D("1.50")


def test_checklist_and_monitoring_adjustment():
    criteria = {"criteria": [{"name": "要素完整", "points": D(5)}, {"name": "细化量化", "points": D(5)}]}
    assert score_checklist(D(10), criteria, {"要素完整": "是", "细化量化": "否"}).score == D("5.00")
    zero = {"cancelled": "0", "written_off": "0"}
    assert score_monitoring_adjustment(D(10), {}, zero).score == D("10.00")
    # 取消额 3, 注销额 1: 3 / 4 × 10 = 7.5
    assert score_monitoring_adjustment(D(10), {}, {"cancelled": "3", "written_off": "1"}).score == D("7.50")
    # 注销额 2 of 100: (1 − 10 × 0.02) × 10 = 8
    only = {"cancelled": "0", "written_off": "2", "total_budget": "100"}
    assert score_monitoring_adjustment(D(10), {}, only).score == D("8.00")


def test_missing_input_is_named():
    with pytest.raises(ScoringInputError, match="缺少“年末执行进度”"):
        score_completion(D(10), {}, {})


weights = st.decimals(min_value=D("0.5"), max_value=D(100), places=1)
amounts = st.decimals(min_value=D(0), max_value=D(10_000_000), places=2)
rates = st.decimals(min_value=D(0), max_value=D(3), places=4)


@given(weights, amounts, amounts)
def test_ratio_never_negative_nor_above_the_weight(weight, numerator, denominator):
    if denominator == 0:
        return
    score = score_ratio(weight, {}, {"numerator": numerator, "denominator": denominator}).score
    assert 0 <= score <= weight


@given(weights, rates, rates, rates)
def test_checkpoints_within_weight(weight, m6, m9, m11):
    score = score_checkpoints(D(10), SEED_CHECKPOINTS, {"m6": m6, "m9": m9, "m11": m11}).score
    assert 0 <= score <= 10


@given(weights, st.integers(min_value=0, max_value=100))
def test_deduction_within_weight(weight, findings):
    assert 0 <= score_deduction(weight, {}, {"findings": D(findings)}).score <= weight


@given(weights, amounts, amounts)
def test_bands_and_cutoff_within_weight(weight, first, second):
    if second > 0:
        assert 0 <= score_threshold_bands(weight, BANDS, {"budget": first, "final": second}).score <= weight
        assert (
            0
            <= score_linear_cutoff(weight, {}, {"adjustment": first, "initial_budget": second}).score
            <= weight
        )


@given(weights, st.sampled_from(["≥", "≤", "＝"]), amounts, amounts, st.sampled_from(["linear", "ratio"]))
def test_indicators_within_weight(weight, nature, target, actual, reverse):
    result = score_indicator(nature, str(target), str(actual), weight, reverse_method=reverse)
    assert 0 <= result.score <= weight


@given(weights, st.sampled_from(LEVELS["levels"]))
def test_levels_within_weight(weight, level):
    assert 0 <= score_levels(weight, LEVELS, {"level": level}).score <= weight


def test_every_method_is_named_and_the_levels_are_the_seed_columns():
    assert METHODS["ratio"].label == "比率分值法"
    assert METHODS["levels"].label == "分级评分法"
    assert METHODS["deduction"].label == "缺（错）项扣分法"
    assert (D(0), D("0.3"), D("0.6"), D("0.8"), D(1)) == DEFAULT_FACTORS
