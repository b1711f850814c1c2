"""The rows of an exported workbook, read from the database for one department and year.

Each function yields the field values of one sheet in the order of its columns (see
``desktop.exchange.sheets``), oldest record first, so an import followed by an export gives
back the same rows. ID numbers and phone numbers are masked unless ``unmasked``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from sqlalchemy import Connection, select

from desktop.domain.petition_input import mask_id_number, mask_phone
from desktop.exchange import sheets as S
from desktop.exchange.sheets import SheetSpec
from desktop.storage import models as M

_KEYED_MODELS = (
    (S.INCOME, M.IncomeLine),
    (S.EXPENDITURE, M.ExpenditureLine),
    (S.BALANCES, M.BalanceLine),
    (S.BASIC, M.BasicExpenditureLine),
    (S.THREE_PUBLIC, M.ThreePublicItem),
    (S.CHECKPOINTS, M.ExecutionCheckpoint),
    (S.STATED_FIGURES, M.StatedFigure),
    (S.PROJECT_ECONOMIC, M.ProjectEconomicLine),
    (S.REPORTED_AMOUNTS, M.ReportedAmount),
    (S.REPORTED_COUNTS, M.ReportedCount),
)


_MONEY = ("initial_budget", "adjusted_budget", "executed")


def _fields(spec: SheetSpec) -> list[str]:
    return [column.field for column in spec.columns]


def department_rows(connection: Connection, department_id: int) -> list[Sequence]:
    table = M.Department.__table__
    row = connection.execute(select(table).where(table.c.id == department_id)).one()
    return [[row._mapping[field] for field in _fields(S.DEPARTMENT)]]


def petition_rows(
    connection: Connection, department_id: int, year: int, unmasked: bool
) -> Iterator[Sequence]:
    table = M.Petition.__table__
    query = (
        select(table)
        .where(
            table.c.department_id == department_id,
            table.c.registered_on >= date(year, 1, 1),
            table.c.registered_on <= date(year, 12, 31),
        )
        .order_by(table.c.registered_on, table.c.id)
    )
    fields = _fields(S.PETITIONS)
    for row in connection.execute(query):
        values = dict(row._mapping)
        if not unmasked:
            values["id_number"] = mask_id_number(values["id_number"]) if values["id_number"] else ""
            values["phone"] = mask_phone(values["phone"])
        yield [values[field] for field in fields]


def visit_rows(connection: Connection, department_id: int, year: int) -> Iterator[Sequence]:
    visits, petitions = M.Visit.__table__, M.Petition.__table__
    query = (
        select(visits, petitions.c.number.label("petition_number"))
        .select_from(visits.outerjoin(petitions, visits.c.petition_id == petitions.c.id))
        .where(
            visits.c.department_id == department_id,
            visits.c.visited_on >= date(year, 1, 1),
            visits.c.visited_on <= date(year, 12, 31),
        )
        .order_by(visits.c.visited_on, visits.c.id)
    )
    fields = _fields(S.VISITS)
    for row in connection.execute(query):
        yield [row._mapping[field] for field in fields]


def keyed_rows(connection: Connection, department_id: int, year: int) -> Iterator[tuple[SheetSpec, list]]:
    """收入, 支出, 结转结余, 基本支出, 三公经费, 执行进度, 公开数: one row per stored line, in the order entered."""
    for spec, model in _KEYED_MODELS:
        table = model.__table__
        query = (
            select(table)
            .where(table.c.department_id == department_id, table.c.year == year)
            .order_by(table.c.id)
        )
        fields = _fields(spec)
        yield spec, [[row._mapping[field] for field in fields] for row in connection.execute(query)]


def _projects(connection: Connection, department_id: int, year: int):
    table = M.Project.__table__
    query = select(table).where(table.c.department_id == department_id, table.c.year == year)
    return connection.execute(query.order_by(table.c.id)).all()


def project_rows(connection: Connection, department_id: int, year: int) -> list[Sequence]:
    """A 总额 row per project, then one row per funding source (none when it has no funding yet)."""
    funding = M.ProjectFunding.__table__
    rows: list[Sequence] = []
    for project in _projects(connection, department_id, year):
        head = [year, project.code, project.name, project.competent_department, project.implementing_unit]
        texts = [project.annual_goal, project.goal_completion]
        sources = connection.execute(
            select(funding).where(funding.c.project_id == project.id).order_by(funding.c.id)
        ).all()
        if not sources:
            rows.append([*head, S.FUNDING_TOTAL, None, None, None, *texts])
            continue
        totals = [sum((getattr(source, field) for source in sources), M.ZERO) for field in _MONEY]
        rows.append([*head, S.FUNDING_TOTAL, *totals, *texts])
        for source in sources:  # the texts once per project, on its 总额 row
            rows.append([*head, source.source, *(getattr(source, field) for field in _MONEY), "", ""])
    return rows


def indicator_rows(connection: Connection, department_id: int, year: int) -> list[Sequence]:
    table = M.Indicator.__table__
    fields = _fields(S.INDICATORS)[2:]
    rows: list[Sequence] = []
    for project in _projects(connection, department_id, year):
        query = select(table).where(table.c.project_id == project.id).order_by(table.c.position, table.c.id)
        for row in connection.execute(query):
            rows.append([year, project.code, *(row._mapping[field] for field in fields)])
    return rows
