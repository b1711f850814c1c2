"""Fill the printing view models from the services' results, written as the forms print them:
amounts in 万元 with two decimals, rates as 89.37%, scores with two decimals, weights as typed."""

from __future__ import annotations

from decimal import Decimal

from desktop.domain.funding import FundingRow, national_rows, sichuan_rows
from desktop.domain.money import format_percent, format_wan, round_half_up
from desktop.domain.templates import SelfEvaluationFigures
from desktop.printing.sheets import FundingLine, IndicatorLine, ManualAdjustment, SelfEvaluationSheet
from desktop.services.project_read import IndicatorRow, ProjectDetail


def format_score(score: Decimal | None) -> str:
    """``Decimal("8.9366")`` → ``"8.94"``; empty until there is a score."""
    return "" if score is None else f"{round_half_up(score, 2):.2f}"


def format_weight(weight: Decimal) -> str:
    """Weights print as typed: 10, 22.5, 2.25."""
    return f"{weight.normalize():f}"


def layout_figures(form: SelfEvaluationFigures) -> dict[str, str]:
    """What a print layout's labels may name (“{execution_title}\n（{execution_weight}分）”)."""
    return {
        "execution_title": form.execution_title,
        "execution_weight": format_weight(form.execution_weight),
        "indicator_title": form.indicator_title,
        "indicator_weight": format_weight(form.indicator_weight),
        "full_marks": format_weight(form.full_marks),
    }


BLANK_WHEN_UNUSED = "其他资金"  # the seed leaves this row empty (not 0.00) when a project has none


def _rate(row: FundingRow) -> str:
    """预算执行率 as the seed prints it: nothing budgeted and nothing spent is “0.00%”."""
    if row.execution_rate is None and row.executed == 0:
        return format_percent(Decimal(0))
    return format_percent(row.execution_rate)


def _funding_line(row: FundingRow, weight: str = "", score: str = "") -> FundingLine:
    unused = row.source == BLANK_WHEN_UNUSED and not (
        row.initial_budget or row.adjusted_budget or row.executed
    )
    if unused:
        return FundingLine(row.source, "", "", "", "", weight, score)
    return FundingLine(
        label=row.source,
        initial=format_wan(row.initial_budget),
        adjusted=format_wan(row.adjusted_budget),
        executed=format_wan(row.executed),
        rate=_rate(row),
        weight=weight,
        score=score,
    )


def _indicator_line(row: IndicatorRow) -> IndicatorLine:
    return IndicatorLine(
        level1=row.level1,
        level2=row.level2,
        level3=row.level3,
        nature=row.nature,
        target=row.target,
        unit=row.unit,
        actual=row.actual,
        weight=format_weight(row.weight),
        score=row.score_text,
        reason=row.shortfall_reason,
    )


def _adjustments(project: ProjectDetail) -> tuple[ManualAdjustment, ...]:
    """Every 手工得分 of the project with its 理由: 预算执行 first, then the indicators in order."""
    adjustments = []
    if project.execution_manual_score is not None:
        adjustments.append(
            ManualAdjustment(
                "预算执行", format_score(project.execution_manual_score), project.execution_manual_reason
            )
        )
    adjustments += [
        ManualAdjustment(row.level3, format_score(row.manual_score), row.manual_reason)
        for row in project.indicators
        if row.manual_score is not None
    ]
    return tuple(adjustments)


def self_evaluation_sheet(project: ProjectDetail, *, draft: bool = False) -> SelfEvaluationSheet:
    """One project's 自评表 (and 绩效目标表) from ``ProjectService.get``; ``draft`` prints 草稿 on every page."""
    scores = project.scores
    return SelfEvaluationSheet(
        year=project.year,
        code=project.code,
        name=project.name,
        competent_department=project.competent_department,
        implementing_unit=project.implementing_unit,
        annual_goal=project.annual_goal,
        goal_completion=project.goal_completion,
        implementation_summary=project.implementation_summary,
        total=_funding_line(
            project.total, format_weight(scores.execution_weight), format_score(scores.execution_score)
        ),
        funding=tuple(_funding_line(row) for row in sichuan_rows(project.funding)),
        national_funding=tuple(_funding_line(row) for row in national_rows(project.funding)),
        execution_reason="\n".join(
            text for text in (project.execution_reason, project.adjustment_reason) if text
        ),
        indicators=tuple(_indicator_line(row) for row in project.indicators),
        total_weight=format_weight(scores.weights.total_weight),
        total_score=format_score(scores.total) if scores.total is not None else scores.note,
        conclusion=project.conclusion,
        problems=project.problems,
        improvements=project.improvements,
        project_lead=project.project_lead,
        finance_lead=project.finance_lead,
        draft=draft,
        adjustments=_adjustments(project),
    )
