"""The year's lines and the clerk's texts of the 决算说明, read in one session.

The figures themselves are computed in ``desktop.domain.report_figures``; the texts (主要原因,
职责, 机构, 名词解释 …) are kept in ``report_text`` by ``ReportTexts``.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Engine
from sqlalchemy.dialects.sqlite import insert
from sqlmodel import Session, select

from desktop.domain.budget import CARRIED_OUT, REPORTED_AMOUNTS, REPORTED_COUNTS
from desktop.domain.report_figures import ZERO as NOTHING
from desktop.domain.report_figures import (
    BasicAmount,
    IncomeAmount,
    ReportCatalogue,
    ReportLines,
    SpendingAmount,
    ThreePublicAmount,
    build_catalogue,
)
from desktop.services.classification import classification_for_year
from desktop.services.final_tables import reported_figures
from desktop.services.projects import ProjectService
from desktop.storage.models import (
    BalanceLine,
    BasicExpenditureLine,
    ExecutionCheckpoint,
    ExpenditureLine,
    IncomeLine,
    ReportText,
    ThreePublicItem,
)
from desktop.storage.transactions import writing

FISCAL_FUNDS = "财政资金"
DEPARTMENT_WIDE = 0  # the year of a text kept for every year (职责, 机构)


def _rows(session: Session, table, department_id: int, year: int) -> list:
    return list(session.exec(select(table).where(table.department_id == department_id, table.year == year)))


def _project_spending(engine: Engine, department_id: int, year: int) -> tuple[tuple[str, Decimal], ...]:
    """Each project's 财政资金 spent (the 附件 lists the 财政拨款 项目支出 by project)."""
    projects = ProjectService(engine).details(department_id, year)
    return tuple(
        (project.name, sum((row.executed for row in project.funding if row.source == FISCAL_FUNDS), NOTHING))
        for project in projects
    )


def report_lines(engine: Engine, department_id: int, year: int) -> ReportLines:
    with Session(engine) as session:
        income = _rows(session, IncomeLine, department_id, year)
        spending = _rows(session, ExpenditureLine, department_id, year)
        balances = _rows(session, BalanceLine, department_id, year)
        basic = _rows(session, BasicExpenditureLine, department_id, year)
        three_public = _rows(session, ThreePublicItem, department_id, year)
        checkpoints = _rows(session, ExecutionCheckpoint, department_id, year)
    # 上年 from last year's own data where Ziping holds it, else as typed (services/final_tables)
    reported = reported_figures(engine, department_id, year)
    carried = [row for row in balances if row.kind == CARRIED_OUT]
    names = dict(classification_for_year(year).function)
    names.update({line.function_code: line.name for line in spending if line.function_code not in names})
    previous = [
        row.previous_final for rows in (income, spending, balances, basic, three_public) for row in rows
    ]
    return ReportLines(
        year=year,
        income=[
            IncomeAmount(row.source, row.final_amount, row.previous_final, row.funding) for row in income
        ],
        spending=[
            SpendingAmount(
                row.function_code,
                row.category,
                row.funding,
                row.adjusted_budget,
                row.final_amount,
                row.previous_final,
            )
            for row in spending
        ],
        basic=[
            BasicAmount(row.economic_code, row.name, row.funding, row.final_amount, row.previous_final)
            for row in basic
        ],
        three_public=[
            ThreePublicAmount(
                row.item,
                row.budget,
                row.final_amount,
                row.previous_final,
                row.batches,
                row.persons,
                row.vehicles,
            )
            for row in three_public
        ],
        carried_out=[
            IncomeAmount(CARRIED_OUT, row.final_amount, row.previous_final, row.funding) for row in carried
        ],
        names=names,
        has_previous=any(amount != 0 for amount in previous),
        projects=_project_spending(engine, department_id, year),
        checkpoints=[(row.month, row.cumulative_spending, row.budget_base) for row in checkpoints],
        reported={
            figure.item: (Decimal(figure.current), Decimal(figure.previous))
            for figure in reported
            if figure.topic in REPORTED_AMOUNTS
        },
        counts={figure.item: int(figure.current) for figure in reported if figure.topic in REPORTED_COUNTS},
    )


def report_catalogue(engine: Engine, department_id: int, year: int) -> ReportCatalogue:
    """Every figure the 决算说明 states, computed from the year's lines."""
    return build_catalogue(report_lines(engine, department_id, year))


class ReportTexts:
    """The clerk's texts of a department's report, by section (``year`` 0: for every year)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def texts(self, department_id: int, year: int) -> dict[str, str]:
        """The year's texts, over the department-wide ones of the same section."""
        with Session(self._engine) as session:
            rows = session.exec(
                select(ReportText).where(
                    ReportText.department_id == department_id,
                    ReportText.year.in_((DEPARTMENT_WIDE, year)),  # type: ignore[attr-defined]
                )
            ).all()
        ordered = sorted(rows, key=lambda row: row.year)
        return {row.section: row.text for row in ordered}

    def save(self, department_id: int, year: int, section: str, text: str) -> None:
        """Keep ``text`` for the section (replacing what was there)."""
        values = {"department_id": department_id, "year": year, "section": section, "text": text.strip()}
        statement = insert(ReportText.__table__).values(**values)
        statement = statement.on_conflict_do_update(
            index_elements=["department_id", "year", "section"], set_={"text": statement.excluded.text}
        )
        with writing(self._engine) as connection:
            connection.execute(statement)
