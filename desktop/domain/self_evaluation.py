"""A project's 自评 as one calculation: 总额 and 执行率, the 预算执行 score, each indicator's score
(or 待评), the total, the grade and whether the 自评表 is final (DOMAIN.md §1.2–1.7).

``evaluate`` is the only place these figures are worked out; the tab, the PDF, the Excel export,
the CLI, the scorecards and the checks all read its result. The template's figures come in as
``SelfEvaluationRules`` (Sichuan: 预算执行 10 + 绩效指标 90; national: 10 + 产出 50 / 效益 30 / 满意度 10).

An indicator whose 完成值 cannot be scored, and that has no manual score, is 待评: the project has
no total and no grade until it is resolved. A 合计 of the weights over the full marks is not final
either, and is never graded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from desktop.domain.funding import FUNDING_TOTAL, FundingRow, by_source, summed
from desktop.domain.scoring import (
    ScoringInputError,
    grade,
    score_execution,
    score_indicator,
)
from desktop.domain.templates import Template

PENDING = "待评"
NOT_EVALUATED = "未编制绩效目标表，不做自评"
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class SelfEvaluationRules:
    """The template's figures: the 预算执行 weight, the full marks, the indicator headings."""

    execution_weight: Decimal = Decimal(10)
    full_marks: Decimal = Decimal(100)
    sections: tuple[tuple[str, Decimal], ...] = (("绩效指标", Decimal(90)),)

    @classmethod
    def from_template(cls, template: Template) -> SelfEvaluationRules:
        execution = next(node.weight for node in template.nodes if node.method == "execution")
        sections = tuple((node.name, node.weight) for node in template.nodes if node.method == "indicators")
        return cls(execution, template.total, sections)


@dataclass(frozen=True)
class IndicatorEntry:
    """What the clerk entered for one 三级 indicator, as stored."""

    level1: str
    level2: str
    level3: str
    nature: str
    target: str
    unit: str
    weight: Decimal
    actual: str
    manual_score: Decimal | None = None


@dataclass(frozen=True)
class IndicatorResult:
    formula_score: Decimal | None  # None when the 完成值 cannot be scored
    score: Decimal | None  # the manual score when given, else the formula score; None: 待评
    working: str  # 评价过程, or why the 完成值 cannot be scored

    @property
    def pending(self) -> bool:
        return self.score is None


class Weighted(Protocol):
    @property
    def level1(self) -> str: ...

    @property
    def weight(self) -> Decimal: ...


@dataclass(frozen=True)
class WeightProblem:
    """A heading (or the 合计) whose weights do not add up to the template's."""

    heading: str  # 绩效指标, 产出指标 …, or 合计
    expected: Decimal
    actual: Decimal
    text: str


@dataclass(frozen=True)
class WeightCheck:
    weight_total: Decimal  # Σ 权重 of the indicators
    total_weight: Decimal  # 合计: 预算执行 + Σ 权重
    problems: tuple[WeightProblem, ...]  # warn; the 合计 over the full marks also blocks a final form
    over_full_marks: bool

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(problem.text for problem in self.problems)


def check_weights(name: str, indicators: Sequence[Weighted], rules: SelfEvaluationRules) -> WeightCheck:
    """Where the weights do not add up to the template's headings, and whether the 合计 is over the
    full marks. The tab, the checks (P1), the CLI and the export all ask this function."""
    added = sum((indicator.weight for indicator in indicators), Decimal(0))
    total = rules.execution_weight + added
    over = bool(indicators) and total > rules.full_marks
    if not indicators:  # no 绩效目标表, nothing to add up
        return WeightCheck(added, total, (), False)
    if len(rules.sections) == 1:
        parts = [(rules.sections[0][0], rules.sections[0][1], added)]
    else:
        parts = [
            (heading, weight, sum((i.weight for i in indicators if i.level1 == heading), Decimal(0)))
            for heading, weight in rules.sections
        ]
    problems = [
        WeightProblem(
            heading,
            weight,
            part,
            f"项目“{name}”的{heading}权重合计{_figure(part)}分，应为{_figure(weight)}分",
        )
        for heading, weight, part in parts
        if part != weight
    ]
    if over:
        text = f"项目“{name}”的合计{_figure(total)}分超过满分{_figure(rules.full_marks)}分，自评表不能定稿"
        problems.append(WeightProblem("合计", rules.full_marks, total, text))
    return WeightCheck(added, total, tuple(problems), over)


def _figure(value: Decimal) -> str:
    return f"{value.normalize():f}"


@dataclass(frozen=True)
class SelfEvaluation:
    funding: tuple[FundingRow, ...]  # every source of FUNDING_SOURCES, in that order
    total_funding: FundingRow  # 总额
    execution_weight: Decimal
    execution_formula_score: Decimal
    execution_score: Decimal  # manual when given
    execution_working: str
    indicators: tuple[IndicatorResult, ...]
    indicator_score: Decimal  # Σ of the indicator scores there are
    weights: WeightCheck
    full_marks: Decimal
    total: Decimal | None  # None without 绩效指标 or while an indicator is 待评
    grade: str | None  # None whenever the 自评表 is not final
    note: str  # NOT_EVALUATED, “待评 2 项”, the 合计 over the full marks, or empty

    @property
    def evaluated(self) -> bool:
        """Has a 绩效目标表 (indicators), hence a 自评表."""
        return bool(self.indicators)

    @property
    def pending(self) -> int:
        return sum(1 for indicator in self.indicators if indicator.pending)

    @property
    def weight_total(self) -> Decimal:
        return self.weights.weight_total

    @property
    def draft_reasons(self) -> tuple[str, ...]:
        """Why the 自评表 cannot be exported as final; empty when it can."""
        reasons = []
        if self.pending:
            reasons.append(f"有{self.pending}项指标待评（完成值无法计分）")
        if self.weights.over_full_marks:
            reasons.append(f"合计{_figure(self.weights.total_weight)}分超过满分{_figure(self.full_marks)}分")
        return tuple(reasons)


def score_entry(entry: IndicatorEntry) -> IndicatorResult:
    """One indicator: its formula score (or why it cannot be scored) and the score that counts."""
    formula, working = None, ""
    try:
        result = score_indicator(entry.nature, entry.target, entry.actual, entry.weight, unit=entry.unit)
    except ScoringInputError as error:  # shown as 待评 with the reason, never guessed
        working = str(error)
    else:
        formula, working = result.score, result.working
    score = entry.manual_score if entry.manual_score is not None else formula
    return IndicatorResult(formula, score, working)


def evaluate(
    name: str,
    funding: Sequence[FundingRow],
    indicators: Sequence[IndicatorEntry],
    execution_manual_score: Decimal | None,
    rules: SelfEvaluationRules,
) -> SelfEvaluation:
    """The 自评 of one project. Without indicators there is no 绩效目标表: the execution rate and
    its score are worked out, but there is no total and no grade (``NOT_EVALUATED``)."""
    rows = by_source(funding)
    total_funding = summed(FUNDING_TOTAL, rows)
    execution = score_execution(total_funding.executed, total_funding.adjusted_budget, rules.execution_weight)
    execution_score = execution.score if execution_manual_score is None else execution_manual_score
    results = tuple(score_entry(entry) for entry in indicators)
    indicator_total = sum((item.score for item in results if item.score is not None), ZERO)
    weights = check_weights(name, indicators, rules)
    pending = sum(1 for item in results if item.pending)
    total = execution_score + indicator_total if results and not pending else None
    final = total is not None and not weights.over_full_marks and total <= rules.full_marks
    if not results:
        note = NOT_EVALUATED
    elif pending:
        note = f"{PENDING} {pending} 项"
    elif weights.over_full_marks:
        note = f"合计{_figure(weights.total_weight)}分超过满分{_figure(rules.full_marks)}分，未定稿"
    else:
        note = ""
    return SelfEvaluation(
        funding=rows,
        total_funding=total_funding,
        execution_weight=rules.execution_weight,
        execution_formula_score=execution.score,
        execution_score=execution_score,
        execution_working=execution.working,
        indicators=results,
        indicator_score=indicator_total,
        weights=weights,
        full_marks=rules.full_marks,
        total=total,
        grade=grade(total, rules.full_marks) if final and total is not None else None,
        note=note,
    )
