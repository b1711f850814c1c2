"""Scoring a whole scorecard: each leaf by its template method, headings and the total added up.

The inputs of a leaf arrive already resolved (from the records or typed by the clerk) as
``InputValue``s; a manual score, when given, counts instead of the formula score and is kept
beside it, and a gap over 0.5 point is flagged (DOMAIN.md §1.3).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from desktop.domain.scorecard_methods import METHODS, method_inputs
from desktop.domain.scoring import ScoringInputError, grade, manual_gap_flagged, percentage_score
from desktop.domain.templates import Template, TemplateNode

ZERO = Decimal("0.00")

INPUT_LABELS = {
    "rate": "比率",
    "numerator": "分子",
    "denominator": "分母",
    "level": "评定等级",
    "findings": "发现问题数",
    "budget": "预算数",
    "final": "决算数",
    "adjustment": "预算调剂金额",
    "initial_budget": "年初预算数",
    "progress": "年末执行进度",
    "cancelled": "绩效监控调整取消额",
    "written_off": "预算结余注销额",
    "total_budget": "年度预算总额",
    "actual": "完成值",
    "label": "指标名称",
    "nature": "指标性质",
    "target": "目标值",
}


def input_label(name: str) -> str:
    if name.startswith("m") and name[1:].isdigit():
        return f"{name[1:]}月执行进度"
    return INPUT_LABELS.get(name, name)


@dataclass(frozen=True)
class InputValue:
    name: str
    label: str
    value: str  # as shown and as the method reads it
    origin: str  # 录入, or the record it comes from (执行进度表 6月 …)


@dataclass(frozen=True)
class LeafEntry:
    """What is known of one leaf: its resolved inputs and the clerk's manual score."""

    inputs: Mapping[str, InputValue]
    manual_score: Decimal | None = None
    manual_reason: str = ""


@dataclass(frozen=True)
class ScorecardLine:
    key: str
    name: str
    level: int
    parent: str | None
    is_leaf: bool
    weight: Decimal
    method: str  # method key, empty for a heading
    method_label: str  # 评分方法 as printed
    rule: str
    explanation: str
    inputs: tuple[InputValue, ...]  # the inputs that have a value
    input_names: tuple[str, ...]  # every input the method reads, filled or not
    formula_score: Decimal | None
    manual_score: Decimal | None
    manual_reason: str
    score: Decimal | None  # what counts: manual when given, else the formula; headings: their sum
    working: str
    flagged: bool  # manual score more than 0.5 point from the formula
    self_scored: bool


@dataclass(frozen=True)
class ScoredCard:
    lines: tuple[ScorecardLine, ...]
    total: Decimal
    full_marks: Decimal  # the weights that count in the self-evaluation (90 on the seed's department card)
    percentage: Decimal | None  # total out of 100 (百分制), what the grade is given on
    grade: str


def _leaf(node: TemplateNode, entry: LeafEntry) -> ScorecardLine:
    assert node.method is not None, "every leaf names its method (checked when the template is read)"
    method = METHODS[node.method]
    names = method_inputs(node.method, node.params)
    inputs = tuple(entry.inputs[name] for name in names if name in entry.inputs)
    formula, working = None, ""
    if not node.self_scored:
        working = "部门自评时此项无需打分"
    else:
        try:
            result = method.compute(node.weight, node.params, {item.name: item.value for item in inputs})
        except ScoringInputError as error:
            working = str(error)
        else:
            formula, working = result.score, result.working
    manual = entry.manual_score if node.self_scored else None
    score = manual if manual is not None else formula
    if manual is not None:
        working += f"；手工评分{manual}分，理由：{entry.manual_reason}"
    return ScorecardLine(
        key=node.key,
        name=node.name,
        level=node.level,
        parent=node.parent,
        is_leaf=True,
        weight=node.weight,
        method=node.method,
        method_label=method.label,
        rule=node.rule,
        explanation=node.explanation,
        inputs=inputs,
        input_names=names,
        formula_score=formula,
        manual_score=manual,
        manual_reason=entry.manual_reason,
        score=score,
        working=working,
        flagged=manual_gap_flagged(formula, manual),
        self_scored=node.self_scored,
    )


def _heading(node: TemplateNode, score: Decimal, self_scored: bool) -> ScorecardLine:
    return ScorecardLine(
        key=node.key,
        name=node.name,
        level=node.level,
        parent=node.parent,
        is_leaf=False,
        weight=node.weight,
        method="",
        method_label="",
        rule=node.rule,
        explanation=node.explanation,
        inputs=(),
        input_names=(),
        formula_score=None,
        manual_score=None,
        manual_reason="",
        score=score if self_scored else None,
        working="",
        flagged=False,
        self_scored=self_scored,
    )


def score_scorecard(template: Template, entries: Mapping[str, LeafEntry]) -> ScoredCard:
    """Every line of the scorecard in template order; a heading's score is the sum of its leaves."""
    leaves = {node.key: _leaf(node, entries.get(node.key, LeafEntry({}))) for node in template.leaves()}

    def below(key: str) -> list[ScorecardLine]:
        found = []
        for child in template.children(key):
            found.extend([leaves[child.key]] if child.key in leaves else below(child.key))
        return found

    lines = []
    for node in template.nodes:
        if node.key in leaves:
            lines.append(leaves[node.key])
        else:
            counted = [line for line in below(node.key) if line.self_scored]
            lines.append(_heading(node, sum((line.score or ZERO for line in counted), ZERO), bool(counted)))
    counted = [line for line in leaves.values() if line.self_scored]
    total = sum((line.score or ZERO for line in counted), ZERO)
    full_marks = sum((line.weight for line in counted), Decimal(0))
    return ScoredCard(
        tuple(lines), total, full_marks, percentage_score(total, full_marks), grade(total, full_marks)
    )
