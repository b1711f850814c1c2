"""Scoring a project's 自评表: 预算执行率, 定量 and 定性 indicators, the grade (DOMAIN.md §1.3–1.7).

Each rule is a small pure function returning a ``ScoreResult``: the score, rounded half-up to
two decimals, and the working in words (the 评价过程 text printed beside the score).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from desktop.domain.indicator_input import (
    IndicatorInputError,
    completion_value,
    normalise_nature,
    parse_quantity_text,
    same_unit,
)
from desktop.domain.money import format_percent, round_half_up

ZERO = Decimal(0)
ONE = Decimal(1)
CENT = Decimal("0.01")
HUNDRED = Decimal(100)
MANUAL_GAP = Decimal("0.5")  # a manual score further than this from the formula is reported
OVER_ACHIEVEMENT = Decimal("1.3")  # 完成值 ≥ 130% of 指标值: the 偏差原因 must be given (S10)

REVERSE_METHODS = ("linear", "ratio")  # 反向: linear deduction to 0 at 2T (default), or w × T/A

GRADES = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"))


class ScoringInputError(ValueError):
    """An indicator that cannot be scored by formula; the Chinese message says why."""


@dataclass(frozen=True)
class ScoreResult:
    score: Decimal
    working: str


def points(value: Decimal) -> str:
    """A score as printed: two decimals."""
    return f"{round_half_up(value, 2)}"


def capped(value: Decimal, weight: Decimal) -> Decimal:
    """Round half-up to 0.01 and keep within [0, weight]."""
    return min(max(round_half_up(value, 2), ZERO), round_half_up(weight, 2))


def percentage_score(total: Decimal, full_marks: Decimal) -> Decimal | None:
    """``total`` as a score out of 100 (百分制), half-up to 0.01; none when nothing is scored."""
    if full_marks <= 0:
        return None
    return round_half_up(total * HUNDRED / full_marks, 2)


def grade(total: Decimal, full_marks: Decimal = HUNDRED) -> str:
    """优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below (财预〔2020〕10号), on the 百分制 score.

    A scorecard whose full marks are not 100 is graded on its percentage, rounded half-up to
    0.01 as printed: “用适用指标得分汇总后按百分制对该项目折算计分” (DOMAIN.md, source S9).
    The department scorecard counts 90 points (自评质量 is the reviewer's), so 84.60 of 90 is
    94.00 → 优; the project scorecard's items add to 103. No full marks at all grades nothing (""),
    and neither does a total over the full marks: such a form is not final.
    """
    score = percentage_score(total, full_marks)
    if score is None or total > full_marks:
        return ""
    for floor, name in GRADES:
        if score >= floor:
            return name
    return "差"


def total_text(total: Decimal, full_marks: Decimal) -> str:
    """The total as the tab, the CLI and the PDF show it, with the 百分制 score when the full marks
    are not 100: “84.60 分（满分 90 分，折合百分制 94.00 分）等级：优”."""
    marks = f"{full_marks.normalize():f}"
    score = percentage_score(total, full_marks)
    if score is None or full_marks == HUNDRED:
        return f"{points(total)} 分（满分 {marks} 分）等级：{grade(total, full_marks) or '—'}"
    return f"{points(total)} 分（满分 {marks} 分，折合百分制 {score} 分）等级：{grade(total, full_marks)}"


# 预算执行率 ------------------------------------------------------------------------------------


def execution_rate(executed: Decimal, adjusted_budget: Decimal) -> Decimal | None:
    """预算执行数 / 调整后预算数; none when there is no adjusted budget.

    The denominator is the adjusted budget, so 年初预算 0 with funds added mid-year gives 100%.
    """
    if adjusted_budget <= 0:
        return None
    return executed / adjusted_budget


def score_execution(
    executed: Decimal, adjusted_budget: Decimal, weight: Decimal = Decimal(10)
) -> ScoreResult:
    """得分 = 权重 × min(1, 执行数 / 调整后预算数)."""
    rate = execution_rate(executed, adjusted_budget)
    if rate is None:
        return ScoreResult(ZERO, "调整后预算数为0，无法计算预算执行率，得0分")
    score = capped(weight * min(ONE, rate), weight)
    working = f"预算执行率={format_percent(rate)}，得分={points(weight)}×{format_percent(min(ONE, rate))}={points(score)}分"
    if rate > ONE:
        working += "；执行率超过100%，按满分计，需说明原因"
    return ScoreResult(score, working)


# 定量指标 --------------------------------------------------------------------------------------


def score_indicator(
    nature: str,
    target: str,
    actual: str,
    weight: Decimal,
    *,
    unit: str = "",
    reverse_method: str = "linear",
) -> ScoreResult:
    """Score one 三级 indicator by its 指标性质 (DOMAIN.md §1.5–1.6); never above its weight.

    指标值 and 完成值 are read in the 度量单位 ``unit`` (“≤90万元” is 90 when the unit is 万元); a
    value that cannot be read, or in another unit, raises ``ScoringInputError``.
    """
    try:
        kind = normalise_nature(nature)
    except IndicatorInputError as error:
        raise ScoringInputError(f"指标性质{error}") from error
    try:
        if kind == "定性":
            return score_qualitative(actual, weight, target=target)
        quantity = parse_quantity_text(target, "指标值")
        if quantity.unit and unit and not same_unit(quantity.unit, unit):
            raise ScoringInputError(
                f"指标值“{target.strip()}”的单位“{quantity.unit}”与度量单位“{unit}”不一致"
            )
        goal = quantity.value
        done = completion_value(actual, unit or quantity.unit)
    except IndicatorInputError as error:
        raise ScoringInputError(str(error)) from error
    if kind == "≤":
        result = _score_reverse(goal, done, weight, reverse_method)
    elif kind == "＝" and goal == 0:
        score = weight if done <= 0 else ZERO
        result = ScoreResult(
            capped(score, weight),
            f"指标值为0，完成值{done}，{'达到' if done <= 0 else '未达到'}指标值，得{points(score)}分",
        )
    else:
        result = _score_forward(goal, done, weight)
    if kind != "≤" and goal > 0 and done >= goal * OVER_ACHIEVEMENT:
        result = ScoreResult(result.score, result.working + "；完成值超过指标值的130%，需分析偏差原因")
    return result


def _score_forward(goal: Decimal, done: Decimal, weight: Decimal) -> ScoreResult:
    if done >= goal or goal <= 0:
        return ScoreResult(capped(weight, weight), f"完成值{done}达到指标值{goal}，得满分{points(weight)}分")
    score = capped(weight * done / goal, weight)
    return ScoreResult(
        score, f"完成值{done}未达到指标值{goal}，得分={points(weight)}×{done}÷{goal}={points(score)}分"
    )


def _score_reverse(goal: Decimal, done: Decimal, weight: Decimal, method: str) -> ScoreResult:
    if method not in REVERSE_METHODS:
        raise ScoringInputError(f"反向指标计分方法“{method}”无法识别，应为 linear 或 ratio")
    if done <= goal:
        return ScoreResult(
            capped(weight, weight), f"完成值{done}不高于指标值{goal}，得满分{points(weight)}分"
        )
    if method == "ratio":
        score = capped(weight * goal / done, weight)
        return ScoreResult(
            score, f"完成值{done}高于指标值{goal}，得分={points(weight)}×{goal}÷{done}={points(score)}分"
        )
    if goal <= 0 or done >= 2 * goal:
        return ScoreResult(ZERO, f"完成值{done}达到或超过指标值{goal}的2倍，得0分")
    score = capped(weight * (1 - (done - goal) / goal), weight)
    return ScoreResult(
        score,
        f"完成值{done}高于指标值{goal}，得分={points(weight)}×(1−({done}−{goal})÷{goal})={points(score)}分",
    )


# 定性指标 --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Band:
    """A completion grade of a qualitative indicator and its share of the weight."""

    name: str
    low: Decimal
    high: Decimal
    high_inclusive: bool

    def range_text(self, weight: Decimal) -> str:
        close = "]" if self.high_inclusive else ")"
        return f"[{points(weight * self.low)}, {points(weight * self.high)}{close}"

    def contains(self, score: Decimal, weight: Decimal) -> bool:
        top = weight * self.high
        return weight * self.low <= score and (score <= top if self.high_inclusive else score < top)

    def default_score(self, weight: Decimal) -> Decimal:
        """The top of the band: its upper bound, or one cent below it when the bound is excluded."""
        top = round_half_up(weight * self.high, 2)
        if not self.high_inclusive:
            top -= CENT
        return max(top, ZERO)


ACHIEVED = Band("达成年度指标", Decimal("0.8"), ONE, True)
PARTLY = Band("部分达成年度指标并具有一定效果", Decimal("0.6"), Decimal("0.8"), False)
NOT_ACHIEVED = Band("未达成年度指标且效果较差", ZERO, Decimal("0.6"), False)
BANDS = (ACHIEVED, PARTLY, NOT_ACHIEVED)

_WORDS = {
    ACHIEVED: (
        "达成年度指标 达成预期指标 达成预期目标 达成 已达成 达到 达到预期 完成 已完成 全部完成 好 较好 "
        "优 优秀 良好 符合 符合要求 健全 有效 合格 是 满意 严密 合理 规范 及时"
    ),
    PARTLY: (
        "部分达成年度指标并具有一定效果 部分达成 基本达成 基本完成 部分完成 一般 中 基本符合 基本健全 "
        "基本满意 基本有效 基本合理 基本及时"
    ),
    NOT_ACHIEVED: "未达成年度指标且效果较差 未达成 未完成 未达到 差 较差 坏 不符合 不健全 无效 否 不合格 不满意",
}
QUALITATIVE_WORDS = {word: band for band, words in _WORDS.items() for word in words.split()}


def _clean_text(text: str) -> str:
    return re.sub(r"[\s。.，,；;！!]", "", unicodedata.normalize("NFKC", text))


def qualitative_band(actual: str, target: str = "") -> Band | None:
    """The completion grade a clerk's 完成值 text means; none when the dictionary does not know it."""
    text = _clean_text(actual)
    if not text:
        return None
    if text in QUALITATIVE_WORDS:
        return QUALITATIVE_WORDS[text]
    if target and text == _clean_text(target):
        return ACHIEVED
    return None


def score_qualitative(actual: str, weight: Decimal, *, target: str = "") -> ScoreResult:
    """定性: the band's default score (the top of the band); any score inside it may be given by hand."""
    band = qualitative_band(actual, target)
    if band is None:
        raise ScoringInputError(f"定性完成值“{actual}”无法对应到达成档次，请手工评分并说明理由")
    score = band.default_score(weight)
    return ScoreResult(
        score,
        f"完成值“{actual.strip()}”属“{band.name}”，得分区间{band.range_text(weight)}，默认取{points(score)}分",
    )


def check_manual_score(
    score: Decimal, weight: Decimal, *, nature: str = "", actual: str = "", target: str = ""
) -> str | None:
    """Why a manual score is refused (outside [0, weight] or outside the qualitative band), else none."""
    if score < 0 or score > weight:
        return f"手工得分{points(score)}不在0到权重{points(weight)}之间"
    if score != round_half_up(score, 2):
        return f"手工得分{score}最多保留两位小数"
    if nature.strip() == "定性":
        band = qualitative_band(actual, target)
        if band is not None and not band.contains(score, weight):
            return f"手工得分{points(score)}不在“{band.name}”的得分区间{band.range_text(weight)}内"
    return None


def manual_gap_flagged(formula: Decimal | None, manual: Decimal | None) -> bool:
    """A manual score more than 0.5 point away from the formula score is reported (DOMAIN.md §1.3)."""
    return formula is not None and manual is not None and abs(manual - formula) > MANUAL_GAP
