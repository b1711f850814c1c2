"""Whether a department has anything recorded for a year, so a command can say so instead of
printing an empty report."""

from __future__ import annotations

from sqlalchemy import Engine, exists, select
from sqlmodel import Session, col

from desktop.errors import UserInputError
from desktop.services.departments import DepartmentInfo
from desktop.storage.models import (
    BalanceLine,
    BasicExpenditureLine,
    ExecutionCheckpoint,
    ExpenditureLine,
    IncomeLine,
    Project,
    Scorecard,
    StatedFigure,
    ThreePublicItem,
)

YEAR_TABLES = (
    Project,
    Scorecard,
    IncomeLine,
    ExpenditureLine,
    BalanceLine,
    BasicExpenditureLine,
    ThreePublicItem,
    ExecutionCheckpoint,
    StatedFigure,
)


def has_year_data(engine: Engine, department_id: int, year: int) -> bool:
    """Any project, scorecard or budget line (收入, 支出, 结转, 基本支出, 三公, 执行进度, 公开数)."""
    with Session(engine) as session:
        return any(
            session.scalar(
                select(exists().where(col(table.department_id) == department_id, col(table.year) == year))
            )
            for table in YEAR_TABLES
        )


def require_year_data(engine: Engine, department: DepartmentInfo, year: int) -> None:
    """UserInputError naming the department and year when nothing is recorded for them."""
    if not has_year_data(engine, department.id, year):
        raise UserInputError(
            f"{department.name} {year} 年没有数据（无项目、无预算决算数据、无评价表），请先录入或导入该年度数据"
        )
