"""The arithmetic of a project's 自评表: funding 总额, 预算执行 score, indicator scores, total, grade.

Each figure comes from one function of ``desktop.domain.scoring``; this module only feeds them
the project's rows and adds up the scores that count (a manual score when the clerk gave one).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from desktop.domain.scoring import execution_rate, grade, score_execution, score_indicator
from desktop.storage.models import Indicator

ZERO = Decimal("0.00")
NOT_EVALUATED = "未编制绩效目标表，不做自评"


@dataclass(frozen=True)
class FundingRow:
    """年初预算 / 调整后预算数 / 预算执行数 (元) of one source, or of the 总额, with its 执行率."""

    source: str
    initial_budget: Decimal
    adjusted_budget: Decimal
    executed: Decimal
    execution_rate: Decimal | None  # ratio, 0.8937; None when nothing was budgeted


@dataclass(frozen=True)
class IndicatorScore:
    formula_score: Decimal | None  # None until a 完成值 is typed
    score: Decimal | None  # the manual score when given, else the formula score
    working: str


@dataclass(frozen=True)
class ProjectScores:
    funding: tuple[FundingRow, ...]
    total_funding: FundingRow  # 总额
    execution_formula_score: Decimal
    execution_score: Decimal  # manual when given
    execution_working: str
    indicators: tuple[IndicatorScore, ...]
    indicator_score: Decimal
    weight_total: Decimal  # Σ 权重 of the indicators; 90 on a Sichuan 自评表
    total: Decimal | None  # None without 绩效指标: no 绩效目标表, no self-evaluation
    grade: str | None
    note: str  # NOT_EVALUATED for such a project, else empty

    @property
    def evaluated(self) -> bool:
        return self.total is not None


def _funding_row(source: str, initial: Decimal, adjusted: Decimal, executed: Decimal) -> FundingRow:
    return FundingRow(source, initial, adjusted, executed, execution_rate(executed, adjusted))


def indicator_score(indicator: Indicator) -> IndicatorScore:
    """The formula score of one indicator and the score that counts (manual when given)."""
    formula, working = None, "未填完成值"
    if indicator.actual.strip():
        try:
            result = score_indicator(indicator.nature, indicator.target, indicator.actual, indicator.weight)
        except ValueError as error:  # a 完成值 the rules cannot read: shown, not scored
            working = str(error)
        else:
            formula, working = result.score, result.working
    score = indicator.manual_score if indicator.manual_score is not None else formula
    return IndicatorScore(formula, score, working)


def score_project(
    amounts: Sequence[tuple[str, Decimal, Decimal, Decimal]],
    indicators: Sequence[Indicator],
    execution_manual_score: Decimal | None,
) -> ProjectScores:
    """``amounts`` are (source, 年初, 调整后, 执行) in 元, one per funding source.

    A project without indicators has no 绩效目标表 and is not self-evaluated: its execution rate
    and 预算执行 score are worked out, but it has no total and no grade (``NOT_EVALUATED``).
    """
    funding = tuple(_funding_row(*row) for row in amounts)
    total_funding = _funding_row(
        "总额",
        sum((row.initial_budget for row in funding), ZERO),
        sum((row.adjusted_budget for row in funding), ZERO),
        sum((row.executed for row in funding), ZERO),
    )
    execution = score_execution(total_funding.executed, total_funding.adjusted_budget)
    execution_score = execution.score if execution_manual_score is None else execution_manual_score
    indicator_scores = tuple(indicator_score(indicator) for indicator in indicators)
    indicator_total = sum((item.score for item in indicator_scores if item.score is not None), ZERO)
    evaluated = bool(indicators)
    total = execution_score + indicator_total if evaluated else None
    return ProjectScores(
        funding=funding,
        total_funding=total_funding,
        execution_formula_score=execution.score,
        execution_score=execution_score,
        execution_working=execution.working,
        indicators=indicator_scores,
        indicator_score=indicator_total,
        weight_total=sum((indicator.weight for indicator in indicators), Decimal(0)),
        total=total,
        grade=grade(total) if total is not None else None,
        note="" if evaluated else NOT_EVALUATED,
    )
