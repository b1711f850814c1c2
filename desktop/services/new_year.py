"""新建年度: a department's next fiscal year started from the last one (DESIGN.md “The clerk's year”).

Copied: each project with its 绩效目标 (indicators with 指标性质, 指标值, 度量单位, 权重, direction),
its funding sources (amounts 0) and the people who sign; each budget line (income, expenditure by
功能分类, 结转结余, 基本支出 by 经济分类, 三公 items) with last year's 决算 as 上年决算 and every
current figure 0. Not copied: 完成值, scores and the 自评 texts, 执行进度, published figures,
scorecards and 说明 — they belong to the year they were made in. One transaction: all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from desktop.errors import UserInputError
from desktop.storage.audit import track
from desktop.storage.models import (
    BalanceLine,
    BasicExpenditureLine,
    ExecutionCheckpoint,
    ExpenditureLine,
    FindingNote,
    IncomeLine,
    Indicator,
    Project,
    ProjectFunding,
    Scorecard,
    StatedFigure,
    ThreePublicItem,
    saved_id,
)

# what a year may already hold, in the words of the refusal
_YEARLY = (
    (IncomeLine, "收入 {} 行"),
    (ExpenditureLine, "支出 {} 行"),
    (BalanceLine, "结转结余 {} 行"),
    (BasicExpenditureLine, "基本支出 {} 行"),
    (ThreePublicItem, "三公经费 {} 项"),
    (ExecutionCheckpoint, "执行进度 {} 个月"),
    (StatedFigure, "公开数字 {} 个"),
    (Project, "项目 {} 个"),
    (Scorecard, "评价表 {} 张"),
    (FindingNote, "检查说明 {} 条"),
)
_PROJECT_FIELDS = (
    "code", "name", "competent_department", "implementing_unit", "function_code", "annual_goal",
    "project_lead", "finance_lead",
)  # fmt: skip
_INDICATOR_FIELDS = (
    "position",
    "level1",
    "level2",
    "level3",
    "nature",
    "target",
    "unit",
    "weight",
    "direction",
)


@dataclass(frozen=True)
class NewYear:
    """What 新建年度 made: the year and how many projects, indicators and budget lines it copied."""

    year: int
    projects: int
    indicators: int
    lines: int

    def describe(self, from_year: int) -> str:
        return (
            f"已新建 {self.year} 年：项目 {self.projects} 个（绩效指标 {self.indicators} 个），"
            f"预算决算 {self.lines} 行；上年决算取自 {from_year} 年决算，本年各数为 0，待录入"
        )


def _held(session: Session, department_id: int, year: int) -> list[str]:
    held = []
    for table, words in _YEARLY:
        count = session.exec(
            select(func.count())
            .select_from(table)
            .where(table.department_id == department_id, table.year == year)
        ).one()
        if count:
            held.append(words.format(count))
    return held


def _rows(session: Session, table, department_id: int, year: int) -> list:
    query = select(table).where(table.department_id == department_id, table.year == year)
    return list(session.exec(query.order_by(table.id)))


# Each line table with the fields that say which line it is (its key, and the name printed beside a
# code): copied to the new year, with last year's 决算 as 上年决算 and every current figure 0.
_LINE_FIELDS: dict[type, tuple[str, ...]] = {
    IncomeLine: ("source", "function_code", "funding"),
    ExpenditureLine: ("function_code", "name", "category", "funding"),
    BalanceLine: ("kind", "funding", "function_code"),
    BasicExpenditureLine: ("economic_code", "name", "funding"),
    ThreePublicItem: ("item",),
}


class NewYearService:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def last_year(self, department_id: int) -> int | None:
        """The newest year holding any of the department's yearly data (the one 新建年度 starts from)."""
        with Session(self._engine) as session:
            years = [
                session.exec(select(func.max(table.year)).where(table.department_id == department_id)).one()
                for table, _words in _YEARLY
            ]
        return max((year for year in years if year is not None), default=None)

    def start(self, department_id: int, from_year: int, to_year: int) -> NewYear:
        """Start ``to_year`` (= ``from_year`` + 1) from ``from_year``; refused, naming what is
        there, when ``to_year`` already holds data, and when ``from_year`` holds none."""
        if to_year != from_year + 1:
            raise UserInputError(f"新建年度：上年决算取自上一年，{from_year} 年之后应新建 {from_year + 1} 年")
        with track(Session(self._engine)) as session:
            held = _held(session, department_id, to_year)
            if held:
                raise UserInputError(
                    f"新建年度：{to_year} 年已有数据（{'、'.join(held)}），不能再从 {from_year} 年新建"
                )
            if not _held(session, department_id, from_year):
                raise UserInputError(f"新建年度：{from_year} 年没有任何数据，无从新建 {to_year} 年")
            lines = self._copy_lines(session, department_id, from_year, to_year)
            projects, indicators = self._copy_projects(session, department_id, from_year, to_year)
            session.commit()
        return NewYear(to_year, projects, indicators, lines)

    def _copy_lines(self, session: Session, department_id: int, from_year: int, to_year: int) -> int:
        copies = [
            model(
                department_id=department_id,
                year=to_year,
                previous_final=line.final_amount,
                **{field: getattr(line, field) for field in fields},
            )
            for model, fields in _LINE_FIELDS.items()
            for line in _rows(session, model, department_id, from_year)
        ]
        session.add_all(copies)
        return len(copies)

    def _copy_projects(
        self, session: Session, department_id: int, from_year: int, to_year: int
    ) -> tuple[int, int]:
        projects = _rows(session, Project, department_id, from_year)
        indicators = 0
        for project in projects:
            copy = Project(
                department_id=department_id,
                year=to_year,
                **{field: getattr(project, field) for field in _PROJECT_FIELDS},
            )
            session.add(copy)
            session.flush()
            project_id = saved_id(project)
            for funding in session.exec(
                select(ProjectFunding)
                .where(ProjectFunding.project_id == project_id)
                .order_by(col(ProjectFunding.id))
            ):
                session.add(ProjectFunding(project_id=saved_id(copy), source=funding.source))
            for indicator in session.exec(
                select(Indicator)
                .where(Indicator.project_id == project_id)
                .order_by(col(Indicator.position), col(Indicator.id))
            ):
                session.add(
                    Indicator(
                        project_id=saved_id(copy),
                        **{field: getattr(indicator, field) for field in _INDICATOR_FIELDS},
                    )
                )
                indicators += 1
        return len(projects), indicators
