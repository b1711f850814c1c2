"""A project's 自评 scores against its 自评表 template (Sichuan: 预算执行 10 + 指标 90; national:
产出 50 / 效益 30 / 满意度 10), with the places where the weights do not add up.

The arithmetic is ``project_scores.score_project`` (the same the 项目 tab shows).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session, col, select

from desktop.domain.scoring import manual_gap_flagged
from desktop.domain.templates import Template
from desktop.services.project_scores import FundingRow, score_project
from desktop.storage.models import Indicator, Project, ProjectFunding, saved_id


@dataclass(frozen=True)
class IndicatorEvaluation:
    id: int
    level1: str
    level2: str
    level3: str
    nature: str
    target: str
    unit: str
    actual: str
    weight: Decimal
    formula_score: Decimal | None
    manual_score: Decimal | None
    manual_reason: str
    score: Decimal | None
    working: str
    flagged: bool  # manual score more than 0.5 point from the formula


@dataclass(frozen=True)
class ProjectEvaluation:
    project_id: int
    code: str
    name: str
    funding: tuple[FundingRow, ...]
    total_funding: FundingRow
    execution_rate: Decimal | None
    execution_weight: Decimal
    execution_formula_score: Decimal
    execution_manual_score: Decimal | None
    execution_manual_reason: str
    execution_score: Decimal
    execution_working: str
    execution_flagged: bool
    indicators: tuple[IndicatorEvaluation, ...]
    indicator_score: Decimal
    indicator_weight: Decimal
    total: Decimal | None  # None for a project without 绩效目标表 (no indicators): not self-evaluated
    grade: str | None
    note: str  # “未编制绩效目标表，不做自评” for such a project, else empty
    warnings: tuple[str, ...]


def weight_warnings(
    project_name: str, indicators: Sequence[Indicator], template: Template
) -> tuple[str, ...]:
    """Where the indicator weights do not add up to the template's headings (warn, never block).

    A project without any indicator is not self-evaluated, so its weights are not checked.
    """
    if not indicators:
        return ()
    headings = [node for node in template.nodes if node.method == "indicators"]
    warnings = []
    if len(headings) == 1:
        added = sum((indicator.weight for indicator in indicators), Decimal(0))
        if added != headings[0].weight:
            warnings.append(f"项目“{project_name}”的绩效指标权重合计{added}分，应为{headings[0].weight}分")
        return tuple(warnings)
    for heading in headings:
        added = sum((i.weight for i in indicators if i.level1 == heading.name), Decimal(0))
        if added != heading.weight:
            warnings.append(f"项目“{project_name}”的{heading.name}权重合计{added}分，应为{heading.weight}分")
    return tuple(warnings)


def evaluate_project(session: Session, project: Project, template: Template) -> ProjectEvaluation:
    funding = session.exec(
        select(ProjectFunding).where(ProjectFunding.project_id == project.id).order_by(col(ProjectFunding.id))
    ).all()
    indicators = session.exec(
        select(Indicator)
        .where(Indicator.project_id == project.id)
        .order_by(col(Indicator.position), col(Indicator.id))
    ).all()
    scores = score_project(
        [(row.source, row.initial_budget, row.adjusted_budget, row.executed) for row in funding],
        indicators,
        project.execution_manual_score,
    )
    execution_weight = next(node.weight for node in template.nodes if node.method == "execution")
    evaluated = tuple(
        IndicatorEvaluation(
            id=saved_id(indicator),
            level1=indicator.level1,
            level2=indicator.level2,
            level3=indicator.level3,
            nature=indicator.nature,
            target=indicator.target,
            unit=indicator.unit,
            actual=indicator.actual,
            weight=indicator.weight,
            formula_score=score.formula_score,
            manual_score=indicator.manual_score,
            manual_reason=indicator.manual_reason,
            score=score.score,
            working=score.working,
            flagged=manual_gap_flagged(score.formula_score, indicator.manual_score),
        )
        for indicator, score in zip(indicators, scores.indicators, strict=True)
    )
    return ProjectEvaluation(
        project_id=saved_id(project),
        code=project.code,
        name=project.name,
        funding=scores.funding,
        total_funding=scores.total_funding,
        execution_rate=scores.total_funding.execution_rate,
        execution_weight=execution_weight,
        execution_formula_score=scores.execution_formula_score,
        execution_manual_score=project.execution_manual_score,
        execution_manual_reason=project.execution_manual_reason,
        execution_score=scores.execution_score,
        execution_working=scores.execution_working,
        execution_flagged=manual_gap_flagged(scores.execution_formula_score, project.execution_manual_score),
        indicators=evaluated,
        indicator_score=scores.indicator_score,
        indicator_weight=scores.weight_total,
        total=scores.total,
        grade=scores.grade,
        note=scores.note,
        warnings=weight_warnings(project.name, indicators, template),
    )
