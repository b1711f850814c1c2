"""The scoring methods of the 评价指标体系 scorecards (DOMAIN.md §2.1 and the seed's project template).

Each method is a pure function ``(weight, params, inputs) -> ScoreResult``. ``params`` come from
the template (already validated and converted to ``Decimal`` by ``desktop.domain.templates``);
``inputs`` are the item's values, from the records or typed by the clerk, as text or ``Decimal``.
``METHODS`` names every method with the parameters and inputs it takes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from desktop.domain.money import NumberFormatError, format_percent, parse_percent, parse_quantity
from desktop.domain.scoring import (
    ONE,
    ZERO,
    ScoreResult,
    ScoringInputError,
    capped,
    points,
    score_indicator,
    score_qualitative,
)

Inputs = Mapping[str, str | Decimal | None]

DEFAULT_FACTORS = (Decimal(0), Decimal("0.3"), Decimal("0.6"), Decimal("0.8"), Decimal(1))


def _number(inputs: Inputs, name: str, label: str) -> Decimal:
    value = inputs.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ScoringInputError(f"缺少“{label}”，无法计算得分")
    if isinstance(value, Decimal):
        return value
    try:
        return parse_quantity(value)
    except NumberFormatError as error:
        raise ScoringInputError(f"“{label}”：{error}") from error


def _ratio(inputs: Inputs, name: str, label: str) -> Decimal:
    """A rate typed as 98.05% or 98.05, or handed over as a ratio (Decimal) from the records."""
    value = inputs.get(name)
    if isinstance(value, Decimal):
        return value
    if value is None or not value.strip():
        raise ScoringInputError(f"缺少“{label}”，无法计算得分")
    try:
        return parse_percent(value)
    except NumberFormatError as error:
        raise ScoringInputError(f"“{label}”：{error}") from error


def _shown(inputs: Inputs, name: str) -> str:
    """An input as the clerk or the records wrote it (377.47万元), for the working."""
    return str(inputs[name]).strip()


def score_ratio(weight: Decimal, params: Mapping, inputs: Inputs) -> ScoreResult:
    """比率分值法: 得分 = 比率 × 分值, the ratio capped at 100%."""
    if inputs.get("rate") not in (None, ""):
        rate = _ratio(inputs, "rate", "比率")
        basis = f"比率{format_percent(rate)}"
    else:
        numerator = _number(inputs, "numerator", "分子")
        denominator = _number(inputs, "denominator", "分母")
        if denominator <= 0:
            raise ScoringInputError("分母为0，无法计算比率")
        rate = numerator / denominator
        basis = f"比率={numerator}÷{denominator}={format_percent(rate)}"
    score = capped(weight * min(ONE, max(rate, ZERO)), weight)
    return ScoreResult(
        score, f"{basis}，得分={points(weight)}×{format_percent(min(ONE, rate))}={points(score)}分"
    )


def score_levels(weight: Decimal, params: Mapping, inputs: Inputs) -> ScoreResult:
    """分级评分法: the level chosen among the template's columns, worth 0 / 0.3 / 0.6 / 0.8 / 1 of the weight."""
    levels: list[str] = params["levels"]
    factors: list[Decimal] = params.get("factors") or list(DEFAULT_FACTORS)
    level = str(inputs.get("level") or "").strip()
    if level not in levels:
        raise ScoringInputError(f"等级“{level}”不在评分标准中（{'、'.join(levels)}）")
    factor = factors[levels.index(level)]
    score = capped(weight * factor, weight)
    return ScoreResult(score, f"评定为“{level}”，得分={points(weight)}×{factor}={points(score)}分")


def score_deduction(weight: Decimal, params: Mapping, inputs: Inputs) -> ScoreResult:
    """缺（错）项扣分法: a fixed deduction per finding until the weight is exhausted."""
    per_finding: Decimal = params.get("per_finding", Decimal("0.5"))
    findings = _number(inputs, "findings", "发现问题数")
    if findings < 0 or findings != findings.to_integral_value():
        raise ScoringInputError(f"发现问题数“{findings}”应为非负整数")
    if findings == 0:
        return ScoreResult(capped(weight, weight), f"未发现问题，得满分{points(weight)}分")
    score = capped(weight - per_finding * findings, weight)
    return ScoreResult(
        score,
        f"发现{findings}处问题，每处扣{per_finding}分，得分={points(weight)}−{per_finding}×{findings}={points(score)}分",
    )


def score_threshold_bands(weight: Decimal, params: Mapping, inputs: Inputs) -> ScoreResult:
    """Threshold bands (支出控制): 偏差程度 = |决算数 − 预算数| ÷ 决算数; each band's upper bound is inclusive."""
    budget = _number(inputs, "budget", "预算数")
    final = _number(inputs, "final", "决算数")
    if final <= 0:
        raise ScoringInputError("决算数为0，无法计算偏差程度")
    deviation = abs(final - budget) / final
    share = ZERO
    for band in params["bands"]:
        if deviation <= band["upto"]:
            share = band["share"]
            break
    score = capped(weight * share, weight)
    return ScoreResult(
        score,
        f"偏差程度=|{_shown(inputs, 'final')}−{_shown(inputs, 'budget')}|÷{_shown(inputs, 'final')}={format_percent(deviation)}，得{points(score)}分",
    )


def score_linear_cutoff(weight: Decimal, params: Mapping, inputs: Inputs) -> ScoreResult:
    """Linear with a cutoff (编制准确): r = 调剂金额 ÷ 年初预算数; 得分 = (1 − 10r) × 分值, 0 when r > 0.1."""
    factor: Decimal = params.get("factor", Decimal(10))
    cutoff: Decimal = params.get("cutoff", Decimal("0.1"))
    adjustment = abs(_number(inputs, "adjustment", "预算调剂金额"))
    initial = _number(inputs, "initial_budget", "年初预算数")
    if initial <= 0:
        raise ScoringInputError("年初预算数为0，无法计算调剂比例")
    ratio = adjustment / initial
    shown = f"{_shown(inputs, 'adjustment')}÷{_shown(inputs, 'initial_budget')}"
    if ratio > cutoff:
        return ScoreResult(
            ZERO,
            f"调剂比例={shown}={format_percent(ratio)}，超过{format_percent(cutoff)}，得0分",
        )
    score = capped((ONE - factor * ratio) * weight, weight)
    return ScoreResult(
        score,
        f"调剂比例={shown}={format_percent(ratio)}，得分=(1−{factor}×{format_percent(ratio)})×{points(weight)}={points(score)}分",
    )


def score_checkpoints(weight: Decimal, params: Mapping, inputs: Inputs) -> ScoreResult:
    """Checkpoint progress (执行进度): each month's points × min(1, 实际进度 ÷ 目标进度)."""
    total = ZERO
    parts = []
    for checkpoint in params["checkpoints"]:
        month, target, worth = checkpoint["month"], checkpoint["target"], checkpoint["points"]
        actual = _ratio(inputs, f"m{month}", f"{month}月执行进度")
        part = worth * min(ONE, actual / target)
        total += part
        if actual >= target:
            parts.append(
                f"{month}月进度{format_percent(actual)}达到{format_percent(target)}，得{points(worth)}分"
            )
        else:
            parts.append(
                f"{month}月进度{format_percent(actual)}未达到{format_percent(target)}，得{points(worth)}×{format_percent(actual)}÷{format_percent(target)}={points(part)}分"
            )
    score = capped(total, weight)
    return ScoreResult(score, "；".join(parts) + f"；合计{points(score)}分")


def score_completion(weight: Decimal, params: Mapping, inputs: Inputs) -> ScoreResult:
    """Proportional completion (预算完成): 分值 × min(1, 12月执行进度)."""
    progress = _ratio(inputs, "progress", "年末执行进度")
    score = capped(weight * min(ONE, max(progress, ZERO)), weight)
    return ScoreResult(
        score,
        f"年末执行进度{format_percent(progress)}，得分={points(weight)}×{format_percent(min(ONE, progress))}={points(score)}分",
    )


def score_checklist(weight: Decimal, params: Mapping, inputs: Inputs) -> ScoreResult:
    """Criteria worth fixed points each (目标公开: 按要求公开的得3分); each input is 是 or 否."""
    total = ZERO
    parts = []
    for criterion in params["criteria"]:
        name, worth = criterion["name"], criterion["points"]
        answer = str(inputs.get(name) or "").strip()
        if answer not in ("是", "否"):
            raise ScoringInputError(f"“{name}”应填“是”或“否”")
        gained = worth if answer == "是" else ZERO
        total += gained
        parts.append(f"{name}：{answer}，得{points(gained)}分")
    score = capped(total, weight)
    return ScoreResult(score, "；".join(parts) + f"；合计{points(score)}分")


def score_monitoring_adjustment(weight: Decimal, params: Mapping, inputs: Inputs) -> ScoreResult:
    """动态调整 as the seed defines it from 调整取消额, 结余注销额 and 年度预算总额."""
    cancelled = _number(inputs, "cancelled", "绩效监控调整取消额")
    written_off = _number(inputs, "written_off", "预算结余注销额")
    if cancelled == 0 and written_off == 0:
        return ScoreResult(capped(weight, weight), f"调整取消额与结余注销额均为0，得满分{points(weight)}分")
    if cancelled != 0:
        score = capped(weight * cancelled / (cancelled + written_off), weight)
        return ScoreResult(
            score, f"得分={cancelled}÷({cancelled}+{written_off})×{points(weight)}={points(score)}分"
        )
    total = _number(inputs, "total_budget", "年度预算总额")
    if total <= 0 or written_off / total > Decimal("0.1"):
        return ScoreResult(ZERO, "结余注销额超过年度预算总额的10%，得0分")
    score = capped((ONE - 10 * written_off / total) * weight, weight)
    return ScoreResult(score, f"得分=(1−10×{written_off}÷{total})×{points(weight)}={points(score)}分")


def score_qualitative_item(weight: Decimal, params: Mapping, inputs: Inputs) -> ScoreResult:
    """定性 three bands (DOMAIN.md §1.6) on the 完成情况 text."""
    return score_qualitative(str(inputs.get("actual") or ""), weight, target=str(params.get("target", "")))


def score_indicator_item(weight: Decimal, params: Mapping, inputs: Inputs) -> ScoreResult:
    """A project's own 三级 indicator inside a template heading: 指标性质, 目标值 and 完成值 as typed."""
    nature = str(inputs.get("nature") or params.get("nature", "≥"))
    return score_indicator(nature, str(inputs.get("target") or ""), str(inputs.get("actual") or ""), weight)


@dataclass(frozen=True)
class Method:
    label: str  # the name the templates print (评分方法)
    params: Mapping[str, str]  # parameter → kind: number, text, texts, numbers, bands, checkpoints, criteria
    required: tuple[str, ...]  # parameters a template must give
    inputs: tuple[str, ...]  # inputs it reads
    compute: Callable[[Decimal, Mapping, Inputs], ScoreResult]


METHODS: dict[str, Method] = {
    "ratio": Method("比率分值法", {}, (), ("rate", "numerator", "denominator"), score_ratio),
    "levels": Method(
        "分级评分法", {"levels": "texts", "factors": "numbers"}, ("levels",), ("level",), score_levels
    ),
    "deduction": Method("缺（错）项扣分法", {"per_finding": "number"}, (), ("findings",), score_deduction),
    "threshold_bands": Method(
        "偏差程度分档", {"bands": "bands"}, ("bands",), ("budget", "final"), score_threshold_bands
    ),
    "linear_cutoff": Method(
        "调剂比例线性扣分",
        {"factor": "number", "cutoff": "number"},
        (),
        ("adjustment", "initial_budget"),
        score_linear_cutoff,
    ),
    "checkpoints": Method(
        "序时进度", {"checkpoints": "checkpoints"}, ("checkpoints",), (), score_checkpoints
    ),
    "completion": Method("按实际进度计分", {}, (), ("progress",), score_completion),
    "checklist": Method("符合即得分", {"criteria": "criteria"}, ("criteria",), (), score_checklist),
    "monitoring_adjustment": Method(
        "监控调整计分", {}, (), ("cancelled", "written_off", "total_budget"), score_monitoring_adjustment
    ),
    "indicator": Method(
        "定量评价", {"nature": "text"}, (), ("label", "nature", "target", "actual"), score_indicator_item
    ),
    "qualitative": Method("定性分档", {"target": "text"}, (), ("actual",), score_qualitative_item),
}


def method_inputs(method: str, params: Mapping) -> tuple[str, ...]:
    """The input names an item of this method reads (checkpoints and criteria name theirs in the params)."""
    if method == "checkpoints":
        return tuple(f"m{checkpoint['month']}" for checkpoint in params["checkpoints"])
    if method == "checklist":
        return tuple(criterion["name"] for criterion in params["criteria"])
    return METHODS[method].inputs
