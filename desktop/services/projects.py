"""项目绩效: the year's projects, their funding by source, 绩效指标 and 自评 texts.

Every setter takes what the clerk typed, checks it, saves it in its own session and returns
the fresh state as frozen dataclasses. A bad value raises ``UserInputError`` naming the
field (and the indicator) and nothing is written. Amounts typed without a unit are 万元, the
unit of every project form. Rates and scores come from ``desktop.domain.scoring``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Engine
from sqlmodel import Session, select

from desktop.domain.funding import unknown_source
from desktop.domain.self_evaluation import IndicatorResult, score_entry
from desktop.errors import UserInputError
from desktop.services.catalogue import FormCatalogue
from desktop.services.project_input import (
    FUNDING_FIELDS,
    INDICATOR_FIELDS,
    apply_indicator_field,
    money_value,
    parse_manual_score,
    text_label,
    text_value,
)
from desktop.services.project_read import (
    IndicatorRow,
    ProjectDetail,
    SelfEvaluationTemplates,
    indicator_entry,
    indicator_row,
    project_row,
    read_project,
    read_projects,
    stored_indicators,
)
from desktop.services.project_read import ProjectRow as ProjectRow
from desktop.storage.audit import track
from desktop.storage.models import Department, Indicator, Project, ProjectFunding

ProjectDetails = list[ProjectDetail]  # ``list`` inside the class is the method


class ProjectService:
    """Reads and edits the projects of one database; one session per call."""

    def __init__(self, engine: Engine, catalogue: FormCatalogue | None = None) -> None:
        self._engine = engine
        self._templates = SelfEvaluationTemplates(catalogue or FormCatalogue())

    def _detail(self, session: Session, project: Project) -> ProjectDetail:
        return read_project(
            session, project, self._templates.template(session, project.department_id, project.year)
        )

    # 读取 -----------------------------------------------------------------------------------

    def list(self, department_id: int, year: int) -> list[ProjectRow]:
        with Session(self._engine) as session:
            details = read_projects(
                session, department_id, year, self._templates.template(session, department_id, year)
            )
        return [project_row(detail) for detail in details]

    def details(self, department_id: int, year: int) -> ProjectDetails:
        """Every project of the year, read and scored (the CLI, the checks, the exports)."""
        with Session(self._engine) as session:
            template = self._templates.template(session, department_id, year)
            return read_projects(session, department_id, year, template)

    def get(self, project_id: int) -> ProjectDetail:
        with Session(self._engine) as session:
            return self._detail(session, _project(session, project_id))

    def find(self, department_id: int, year: int, code: str) -> ProjectDetail | None:
        """The project with 项目编码 ``code`` in that year, if there is one."""
        with Session(self._engine) as session:
            project = session.exec(
                select(Project).where(
                    Project.department_id == department_id, Project.year == year, Project.code == code
                )
            ).first()
            return None if project is None else self._detail(session, project)

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
            return self._detail(session, project)

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
                self._set_execution_score(session, project, value)
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
            return self._detail(session, project)

    def _set_execution_score(self, session: Session, project: Project, value: str | Decimal | None) -> None:
        weight = self._templates.rules(session, project.department_id, project.year).execution_weight
        score = parse_manual_score(value, "预算执行得分", weight)
        if score is not None and not project.execution_manual_reason.strip():
            raise UserInputError("预算执行得分：手工得分须先填写调整理由")
        project.execution_manual_score = score

    def update_execution_manual_score(
        self, project_id: int, score: str | Decimal | None, reason: str
    ) -> ProjectDetail:
        """预算执行 手工得分 and its 理由 together: a score needs a reason; a blank score clears
        it and keeps the reason as typed."""
        with track(Session(self._engine)) as session:
            project = _project(session, project_id)
            project.execution_manual_reason = text_value(reason)
            self._set_execution_score(session, project, score)
            session.add(project)
            session.commit()
            return self._detail(session, project)

    def update_indicator_manual_score(
        self, indicator_id: int, score: str | Decimal | None, reason: str
    ) -> ProjectDetail:
        """An indicator's 手工得分 and its 理由 together, checked as each is alone."""
        with track(Session(self._engine)) as session:
            indicator = session.get(Indicator, indicator_id)
            if indicator is None:
                raise UserInputError(f"指标（编号 {indicator_id}）不存在，可能已被删除")
            indicator.manual_score = None  # the reason is set first, then the score checked against it
            apply_indicator_field(indicator, "manual_reason", reason)
            apply_indicator_field(indicator, "manual_score", score)
            session.add(indicator)
            session.commit()
            return self._detail(session, _project(session, indicator.project_id))

    def update_funding(
        self, project_id: int, source: str, field: str, value: str | Decimal | None
    ) -> ProjectDetail:
        """Change 年初预算 / 调整后预算数 / 预算执行数 of one source (see ``parse_amount``)."""
        refused = unknown_source(source)
        if refused:
            raise UserInputError(refused)
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
            return self._detail(session, project)

    def update_indicator(self, indicator_id: int, field: str, value: str | Decimal | None) -> ProjectDetail:
        """Change one cell of an indicator (指标性质, 权重, 完成值 …)."""
        with track(Session(self._engine)) as session:
            indicator = session.get(Indicator, indicator_id)
            if indicator is None:
                raise UserInputError(f"指标（编号 {indicator_id}）不存在，可能已被删除")
            apply_indicator_field(indicator, field, value)
            session.add(indicator)
            session.commit()
            return self._detail(session, _project(session, indicator.project_id))

    def update_target(self, indicator_id: int, target: str, unit: str) -> ProjectDetail:
        """Change 指标值 and 度量单位 together: a target typed with its unit, and the undo of it."""
        with track(Session(self._engine)) as session:
            indicator = session.get(Indicator, indicator_id)
            if indicator is None:
                raise UserInputError(f"指标（编号 {indicator_id}）不存在，可能已被删除")
            indicator.unit = text_value(unit)
            apply_indicator_field(indicator, "target", target)
            session.add(indicator)
            session.commit()
            return self._detail(session, _project(session, indicator.project_id))

    def preview_indicator(self, indicator_id: int, field: str, value: str) -> IndicatorResult:
        """The score the indicator would get with ``value`` typed in ``field``; nothing is saved."""
        with Session(self._engine) as session:
            indicator = session.get(Indicator, indicator_id)
            if indicator is None:
                raise UserInputError(f"指标（编号 {indicator_id}）不存在，可能已被删除")
            session.expunge(indicator)
        try:
            apply_indicator_field(indicator, field, value)
        except UserInputError as error:
            return IndicatorResult(None, None, str(error))
        return score_entry(indicator_entry(indicator))

    def add_indicator(
        self, project_id: int, level3: str, *, position: int | None = None, **fields: str | Decimal | None
    ) -> IndicatorRow:
        """新增指标 (三级指标 ``level3``) at ``position`` (the end when not given).

        ``fields`` are any of ``INDICATOR_FIELDS``; 指标性质 defaults to ≥.
        """
        with track(Session(self._engine)) as session:
            _project(session, project_id)
            indicators = stored_indicators(session, project_id)
            if position is None or position > len(indicators):
                position = len(indicators)
            indicator = Indicator(project_id=project_id, level1="", level2="", level3="", nature="≥")
            apply_indicator_field(indicator, "level3", level3)
            manual_score = fields.pop("manual_score", None)
            for first in ("nature", "unit"):  # so that the target is read by its 指标性质, in its unit
                if first in fields:
                    apply_indicator_field(indicator, first, fields.pop(first))
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
            return indicator_row(indicator)

    def restore_indicator(self, row: IndicatorRow) -> None:
        """Put back a deleted indicator with its id and position (撤销删除)."""
        with track(Session(self._engine)) as session:
            _project(session, row.project_id)
            if session.get(Indicator, row.id) is not None:
                raise UserInputError(f"指标“{row.level3}”已存在，无需恢复")
            indicators = stored_indicators(session, row.project_id)
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
            deleted = indicator_row(indicator)
            session.delete(indicator)
            session.flush()
            for index, other in enumerate(stored_indicators(session, deleted.project_id)):
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
