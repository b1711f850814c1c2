"""项目绩效: the year's projects, their funding by source, 绩效指标 and 自评 texts.

Every setter takes what the clerk typed, checks it, saves it in its own session and returns
the fresh state as frozen dataclasses. A bad value raises ``UserInputError`` naming the
field (and the indicator) and nothing is written. Amounts typed without a unit are 万元, the
unit of every project form. Rates and scores come from ``desktop.domain.scoring``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from desktop.errors import UserInputError
from desktop.services.project_input import (
    EXECUTION_WEIGHT,
    FUNDING_FIELDS,
    FUNDING_SOURCES,
    INDICATOR_FIELDS,
    apply_indicator_field,
    money_value,
    parse_manual_score,
    text_label,
    text_value,
)
from desktop.services.project_scores import (
    FundingRow,
    IndicatorScore,
    ProjectScores,
    indicator_score,
    score_project,
)
from desktop.storage.audit import track
from desktop.storage.models import Department, Indicator, Project, ProjectFunding, saved_id


@dataclass(frozen=True)
class ProjectRow:
    """One line of the year's project list."""

    id: int
    code: str
    name: str
    adjusted_budget: Decimal  # 元
    executed: Decimal  # 元
    execution_rate: Decimal | None  # ratio, 0.8937
    score: Decimal | None  # None for a project without 绩效指标
    grade: str


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
    score: Decimal | None
    working: str


@dataclass(frozen=True)
class ProjectDetail:
    """Everything the 项目绩效 tab and the 自评表 show for one project."""

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
    funding: tuple[FundingRow, ...]  # the four sources in form order
    total: FundingRow  # 总额, the sum of the sources
    indicators: tuple[IndicatorRow, ...]
    scores: ProjectScores


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
    )


class ProjectService:
    """Reads and edits the projects of one database; one session per call."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # 读取 -----------------------------------------------------------------------------------

    def list(self, department_id: int, year: int) -> list[ProjectRow]:
        with Session(self._engine) as session:
            projects = session.exec(
                select(Project)
                .where(Project.department_id == department_id, Project.year == year)
                .order_by(Project.code)
            ).all()
            details = [_detail(session, project) for project in projects]
        return [project_row(detail) for detail in details]

    def get(self, project_id: int) -> ProjectDetail:
        with Session(self._engine) as session:
            return _detail(session, _project(session, project_id))

    def find(self, department_id: int, year: int, code: str) -> ProjectDetail | None:
        """The project with 项目编码 ``code`` in that year, if there is one."""
        with Session(self._engine) as session:
            project = session.exec(
                select(Project).where(
                    Project.department_id == department_id, Project.year == year, Project.code == code
                )
            ).first()
            return None if project is None else _detail(session, project)

    # 修改 -----------------------------------------------------------------------------------

    def create_project(
        self,
        department_id: int,
        year: int,
        code: str,
        name: str,
        *,
        project_id: int | None = None,
        **texts: str,
    ) -> ProjectDetail:
        """新建项目 with its 项目编码 and 名称; ``texts`` are any of ``PROJECT_TEXT_FIELDS``.

        主管部门 and 实施单位 default to the department's. ``project_id`` re-creates a project
        under the id it had (重做 after 撤销).
        """
        code, name = code.strip(), name.strip()
        if not code:
            raise UserInputError("项目编码：不能为空")
        if not name:
            raise UserInputError("项目名称：不能为空")
        for field in texts:
            text_label(field)
        with track(Session(self._engine)) as session:
            department = session.get(Department, department_id)
            if department is None:
                raise UserInputError(f"单位（编号 {department_id}）不存在")
            clash = session.exec(
                select(Project).where(
                    Project.department_id == department_id, Project.year == year, Project.code == code
                )
            ).first()
            if clash is not None:
                raise UserInputError(f"项目编码：{year}年度已有项目“{code}”")
            texts.setdefault("competent_department", department.competent_department)
            texts.setdefault("implementing_unit", department.implementing_unit)
            project = Project(
                id=project_id,
                department_id=department_id,
                year=year,
                code=code,
                name=name,
                **cast(dict[str, Any], texts),
            )
            session.add(project)
            session.commit()
            return _detail(session, project)

    def delete_project(self, project_id: int) -> None:
        """删除项目 with its funding and indicators."""
        with track(Session(self._engine)) as session:
            session.delete(_project(session, project_id))
            session.commit()

    def update_project(self, project_id: int, field: str, value: str | Decimal | None) -> ProjectDetail:
        """Change one text of the project, or ``execution_manual_score`` (needs a reason)."""
        with track(Session(self._engine)) as session:
            project = _project(session, project_id)
            if field == "execution_manual_score":
                score = parse_manual_score(value, "预算执行得分", EXECUTION_WEIGHT)
                if score is not None and not project.execution_manual_reason.strip():
                    raise UserInputError("预算执行得分：手工得分须先填写调整理由")
                project.execution_manual_score = score
            else:
                label = text_label(field)
                text = text_value(value)
                if field == "name" and not text:
                    raise UserInputError(f"{label}：不能为空")
                if (
                    field == "execution_manual_reason"
                    and not text
                    and project.execution_manual_score is not None
                ):
                    raise UserInputError(f"{label}：已有手工得分，理由不能为空")
                setattr(project, field, text)
            session.add(project)
            session.commit()
            return _detail(session, project)

    def update_funding(
        self, project_id: int, source: str, field: str, value: str | Decimal | None
    ) -> ProjectDetail:
        """Change 年初预算 / 调整后预算数 / 预算执行数 of one source (see ``parse_amount``)."""
        if source not in FUNDING_SOURCES:
            raise UserInputError(f"资金来源“{source}”不是{'、'.join(FUNDING_SOURCES)}之一")
        if field not in FUNDING_FIELDS:
            raise UserInputError(f"预算执行情况：没有“{field}”这一栏")
        amount = money_value(value, f"{source}{FUNDING_FIELDS[field]}")
        with track(Session(self._engine)) as session:
            project = _project(session, project_id)
            row = session.exec(
                select(ProjectFunding).where(
                    ProjectFunding.project_id == project_id, ProjectFunding.source == source
                )
            ).first()
            if row is None:
                row = ProjectFunding(project_id=project_id, source=source)
            setattr(row, field, amount)
            session.add(row)
            session.commit()
            return _detail(session, project)

    def update_indicator(self, indicator_id: int, field: str, value: str | Decimal | None) -> ProjectDetail:
        """Change one cell of an indicator (指标性质, 权重, 完成值 …)."""
        with track(Session(self._engine)) as session:
            indicator = session.get(Indicator, indicator_id)
            if indicator is None:
                raise UserInputError(f"指标（编号 {indicator_id}）不存在，可能已被删除")
            apply_indicator_field(indicator, field, value)
            session.add(indicator)
            session.commit()
            return _detail(session, _project(session, indicator.project_id))

    def preview_indicator(self, indicator_id: int, field: str, value: str) -> IndicatorScore:
        """The score the indicator would get with ``value`` typed in ``field``; nothing is saved."""
        with Session(self._engine) as session:
            indicator = session.get(Indicator, indicator_id)
            if indicator is None:
                raise UserInputError(f"指标（编号 {indicator_id}）不存在，可能已被删除")
            session.expunge(indicator)
        try:
            apply_indicator_field(indicator, field, value)
        except UserInputError as error:
            return IndicatorScore(None, None, str(error))
        return indicator_score(indicator)

    def add_indicator(
        self, project_id: int, level3: str, *, position: int | None = None, **fields: str | Decimal | None
    ) -> IndicatorRow:
        """新增指标 (三级指标 ``level3``) at ``position`` (the end when not given).

        ``fields`` are any of ``INDICATOR_FIELDS``; 指标性质 defaults to ≥.
        """
        with track(Session(self._engine)) as session:
            _project(session, project_id)
            indicators = _indicators(session, project_id)
            if position is None or position > len(indicators):
                position = len(indicators)
            indicator = Indicator(project_id=project_id, level1="", level2="", level3="", nature="≥")
            apply_indicator_field(indicator, "level3", level3)
            manual_score = fields.pop("manual_score", None)
            for field, value in fields.items():
                apply_indicator_field(indicator, field, value)
            if manual_score is not None:
                apply_indicator_field(indicator, "manual_score", manual_score)
            for index, other in enumerate(indicators):
                other.position = index if index < position else index + 1
                session.add(other)
            indicator.position = position
            session.add(indicator)
            session.commit()
            return _indicator_row(indicator)

    def restore_indicator(self, row: IndicatorRow) -> None:
        """Put back a deleted indicator with its id and position (撤销删除)."""
        with track(Session(self._engine)) as session:
            _project(session, row.project_id)
            if session.get(Indicator, row.id) is not None:
                raise UserInputError(f"指标“{row.level3}”已存在，无需恢复")
            indicators = _indicators(session, row.project_id)
            for index, other in enumerate(indicators):
                other.position = index if index < row.position else index + 1
                session.add(other)
            fields = {name: getattr(row, name) for name in INDICATOR_FIELDS}
            session.add(Indicator(id=row.id, project_id=row.project_id, position=row.position, **fields))
            session.commit()

    def delete_indicator(self, indicator_id: int) -> IndicatorRow:
        """删除指标; returns what was deleted, so that it can be added back (撤销)."""
        with track(Session(self._engine)) as session:
            indicator = session.get(Indicator, indicator_id)
            if indicator is None:
                raise UserInputError(f"指标（编号 {indicator_id}）不存在，可能已被删除")
            deleted = _indicator_row(indicator)
            session.delete(indicator)
            session.flush()
            for index, other in enumerate(_indicators(session, deleted.project_id)):
                other.position = index
                session.add(other)
            session.commit()
            return deleted


# 读取的细节 -----------------------------------------------------------------------------------


def _project(session: Session, project_id: int) -> Project:
    project = session.get(Project, project_id)
    if project is None:
        raise UserInputError(f"项目（编号 {project_id}）不存在，可能已被删除")
    return project


def _indicators(session: Session, project_id: int) -> list[Indicator]:
    return list(
        session.exec(
            select(Indicator)
            .where(Indicator.project_id == project_id)
            .order_by(col(Indicator.position), col(Indicator.id))
        )
    )


def _indicator_row(indicator: Indicator, formula_score=None, score=None, working="") -> IndicatorRow:
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


def _detail(session: Session, project: Project) -> ProjectDetail:
    stored = {
        row.source: row
        for row in session.exec(select(ProjectFunding).where(ProjectFunding.project_id == project.id))
    }
    amounts = [
        (
            source,
            stored[source].initial_budget if source in stored else Decimal("0.00"),
            stored[source].adjusted_budget if source in stored else Decimal("0.00"),
            stored[source].executed if source in stored else Decimal("0.00"),
        )
        for source in FUNDING_SOURCES
    ]
    indicators = _indicators(session, saved_id(project))
    scores = score_project(amounts, indicators, project.execution_manual_score)
    indicator_rows = tuple(
        _indicator_row(indicator, result.formula_score, result.score, result.working)
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
        indicators=indicator_rows,
        scores=scores,
    )
