"""The one way a project is read: its stored rows, scored by ``desktop.domain.self_evaluation``
against the department's 自评表 template, as one frozen ``ProjectDetail``.

The 项目绩效 tab, the PDF forms, the Excel export, ``ziping-cli score``, the scorecards and the
checks all read a project through ``read_project``, so they cannot disagree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session, col, select

from desktop.domain.funding import FundingRow
from desktop.domain.scoring import points
from desktop.domain.self_evaluation import (
    PENDING,
    IndicatorEntry,
    SelfEvaluation,
    SelfEvaluationRules,
    evaluate,
)
from desktop.domain.templates import SelfEvaluationFigures, Template, self_evaluation_figures
from desktop.services.catalogue import FormCatalogue
from desktop.storage.models import Department, Indicator, Project, ProjectFunding, saved_id


class SelfEvaluationTemplates:
    """The 自评表 of a department's province for a year, from the form catalogue."""

    def __init__(self, catalogue: FormCatalogue) -> None:
        self._catalogue = catalogue

    def template(self, session: Session, department_id: int, year: int) -> Template:
        department = session.get(Department, department_id)
        return self._catalogue.self_evaluation_template(department.province if department else "", year)

    def rules(self, session: Session, department_id: int, year: int) -> SelfEvaluationRules:
        return SelfEvaluationRules.from_template(self.template(session, department_id, year))


@dataclass(frozen=True)
class IndicatorRow:
    """A 三级 indicator with its formula score and the score that counts (manual when given)."""

    id: int
    project_id: int
    position: int
    level1: str
    level2: str
    level3: str
    nature: str
    target: str
    unit: str
    weight: Decimal
    direction: str
    actual: str
    manual_score: Decimal | None
    manual_reason: str
    shortfall_reason: str
    formula_score: Decimal | None
    score: Decimal | None  # None: 待评
    working: str

    @property
    def score_text(self) -> str:
        """得分 as shown and printed: two decimals, or 待评."""
        return PENDING if self.score is None else points(self.score)


@dataclass(frozen=True)
class ProjectDetail:
    """Everything the 项目绩效 tab, the 自评表, the CLI and the checks show for one project."""

    id: int
    department_id: int
    year: int
    code: str
    name: str
    competent_department: str
    implementing_unit: str
    function_code: str
    annual_goal: str
    goal_completion: str
    implementation_summary: str
    execution_reason: str
    adjustment_reason: str
    conclusion: str
    problems: str
    improvements: str
    project_lead: str
    finance_lead: str
    execution_manual_score: Decimal | None
    execution_manual_reason: str
    funding: tuple[FundingRow, ...]  # every source of FUNDING_SOURCES, in that order
    total: FundingRow  # 总额, the sum of the sources
    indicators: tuple[IndicatorRow, ...]
    scores: SelfEvaluation
    form: SelfEvaluationFigures  # the 自评表 of the department's province and the year: weights, titles


@dataclass(frozen=True)
class ProjectRow:
    """One line of the year's project list."""

    id: int
    code: str
    name: str
    adjusted_budget: Decimal  # 元
    executed: Decimal  # 元
    execution_rate: Decimal | None  # ratio, 0.8937
    score: Decimal | None  # None without 绩效指标, or while an indicator is 待评
    grade: str  # empty unless final
    note: str = ""  # “待评 2 项”, the 合计 over the full marks, or 未编制绩效目标表


def project_row(detail: ProjectDetail) -> ProjectRow:
    """The project-list line of a project; no score or grade until it has 绩效指标 (not self-evaluated)."""
    return ProjectRow(
        id=detail.id,
        code=detail.code,
        name=detail.name,
        adjusted_budget=detail.total.adjusted_budget,
        executed=detail.total.executed,
        execution_rate=detail.total.execution_rate,
        score=detail.scores.total,
        grade=detail.scores.grade or "",
        note=detail.scores.note,
    )


def stored_indicators(session: Session, project_id: int) -> list[Indicator]:
    return list(
        session.exec(
            select(Indicator)
            .where(Indicator.project_id == project_id)
            .order_by(col(Indicator.position), col(Indicator.id))
        )
    )


def indicator_entry(indicator: Indicator) -> IndicatorEntry:
    return IndicatorEntry(
        level1=indicator.level1,
        level2=indicator.level2,
        level3=indicator.level3,
        nature=indicator.nature,
        target=indicator.target,
        unit=indicator.unit,
        weight=indicator.weight,
        actual=indicator.actual,
        manual_score=indicator.manual_score,
    )


def indicator_row(indicator: Indicator, formula_score=None, score=None, working="") -> IndicatorRow:
    return IndicatorRow(
        id=saved_id(indicator),
        project_id=indicator.project_id,
        position=indicator.position,
        level1=indicator.level1,
        level2=indicator.level2,
        level3=indicator.level3,
        nature=indicator.nature,
        target=indicator.target,
        unit=indicator.unit,
        weight=indicator.weight,
        direction=indicator.direction,
        actual=indicator.actual,
        manual_score=indicator.manual_score,
        manual_reason=indicator.manual_reason,
        shortfall_reason=indicator.shortfall_reason,
        formula_score=formula_score,
        score=score,
        working=working,
    )


def read_project(session: Session, project: Project, template: Template) -> ProjectDetail:
    """The project as stored, every funding source read, scored once against its 自评表 template."""
    funding = session.exec(select(ProjectFunding).where(ProjectFunding.project_id == project.id)).all()
    indicators = stored_indicators(session, saved_id(project))
    rules, form = SelfEvaluationRules.from_template(template), self_evaluation_figures(template)
    return _detail(project, funding, indicators, rules, form)


def read_projects(session: Session, department_id: int, year: int, template: Template) -> list[ProjectDetail]:
    """Every project of the department-year, by 项目编码: the projects, their funding and their
    indicators in three queries (not three per project), the template's rules worked out once."""
    in_year = (Project.department_id == department_id, Project.year == year)
    projects = session.exec(select(Project).where(*in_year).order_by(Project.code)).all()
    year_ids = select(Project.id).where(*in_year)
    funding: dict[int, list[ProjectFunding]] = defaultdict(list)
    for row in session.exec(select(ProjectFunding).where(col(ProjectFunding.project_id).in_(year_ids))):
        funding[row.project_id].append(row)
    indicators: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in session.exec(
        select(Indicator)
        .where(col(Indicator.project_id).in_(year_ids))
        .order_by(col(Indicator.project_id), col(Indicator.position), col(Indicator.id))
    ):
        indicators[indicator.project_id].append(indicator)
    rules, form = SelfEvaluationRules.from_template(template), self_evaluation_figures(template)
    return [
        _detail(project, funding[saved_id(project)], indicators[saved_id(project)], rules, form)
        for project in projects
    ]


def _detail(
    project: Project,
    funding_rows: Sequence[ProjectFunding],
    indicators: Sequence[Indicator],
    rules: SelfEvaluationRules,
    form: SelfEvaluationFigures,
) -> ProjectDetail:
    funding = [FundingRow(r.source, r.initial_budget, r.adjusted_budget, r.executed) for r in funding_rows]
    scores = evaluate(
        project.name, funding, [indicator_entry(i) for i in indicators], project.execution_manual_score, rules
    )
    rows = tuple(
        indicator_row(indicator, result.formula_score, result.score, result.working)
        for indicator, result in zip(indicators, scores.indicators, strict=True)
    )
    return ProjectDetail(
        id=saved_id(project),
        department_id=project.department_id,
        year=project.year,
        code=project.code,
        name=project.name,
        competent_department=project.competent_department,
        implementing_unit=project.implementing_unit,
        function_code=project.function_code,
        annual_goal=project.annual_goal,
        goal_completion=project.goal_completion,
        implementation_summary=project.implementation_summary,
        execution_reason=project.execution_reason,
        adjustment_reason=project.adjustment_reason,
        conclusion=project.conclusion,
        problems=project.problems,
        improvements=project.improvements,
        project_lead=project.project_lead,
        finance_lead=project.finance_lead,
        execution_manual_score=project.execution_manual_score,
        execution_manual_reason=project.execution_manual_reason,
        funding=scores.funding,
        total=scores.total_funding,
        indicators=rows,
        scores=scores,
        form=form,
    )
