"""The 决算公开 tables of a department's year: the province's table set (forms/final-accounts-*.toml)
computed from the year's lines, with the figures stated for their cells.

The lines become ``Fact`` rows here and nowhere else; every cell is added up by
``desktop.domain.final_tables``. Names of 类 / 款 / 项 come from the year's 科目 edition, the lines'
own names before them (a 项 the clerk named).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from desktop.domain.budget import BASIC, CARRIED_IN, NOT_CURRENT_INCOME, PROJECT
from desktop.domain.final_tables import (
    ComputedTable,
    Fact,
    TableSet,
    compute_table,
    expenditure_facts,
    income_fact,
)
from desktop.services.catalogue import FormCatalogue
from desktop.services.classification import classification_for_year
from desktop.services.departments import DepartmentInfo, department_info
from desktop.storage.models import (
    BalanceLine,
    BasicExpenditureLine,
    ExpenditureLine,
    IncomeLine,
    ProjectEconomicLine,
    StatedFigure,
    ThreePublicItem,
)

THREE_PUBLIC = "三公经费"
ECONOMIC = "经济分类支出"
OTHER_FUNDING = "其他资金"


@dataclass(frozen=True)
class YearTables:
    """What every view of the year's tables needs: who, which set, the computed tables, the stated figures."""

    department: DepartmentInfo
    year: int
    table_set: TableSet
    tables: tuple[ComputedTable, ...]
    stated: dict[str, Decimal]  # StatedFigure.key (domain.final_tables.cell_key) → amount

    def table(self, key_or_number: str) -> ComputedTable:
        definition = self.table_set.table(key_or_number)
        return next(table for table in self.tables if table.definition is definition)


def year_facts(session: Session, department_id: int, year: int) -> tuple[list[Fact], dict[str, str]]:
    """The year's lines as facts, and the names the lines give their codes."""

    def rows(model):
        return session.exec(
            select(model)
            .where(model.department_id == department_id, model.year == year)
            .order_by(col(model.id))
        ).all()

    facts: list[Fact] = []
    names: dict[str, str] = {}
    for income in rows(IncomeLine):
        if income.source in NOT_CURRENT_INCOME:
            funding = income.funding if income.source == CARRIED_IN else OTHER_FUNDING
            facts.append(
                Fact(income.source, income.final_amount, funding, function_code=income.function_code)
            )
        else:
            facts.append(income_fact(income.source, income.function_code, income.final_amount))
    for line in rows(ExpenditureLine):
        names[line.function_code] = line.name
        facts += expenditure_facts(
            line.function_code,
            line.category,
            line.funding,
            line.final_amount,
            line.initial_budget,
            line.adjusted_budget,
        )
    for balance in rows(BalanceLine):
        facts.append(
            Fact(balance.kind, balance.final_amount, balance.funding, function_code=balance.function_code)
        )
    for basic in rows(BasicExpenditureLine):
        names[basic.economic_code] = basic.name
        facts.append(
            Fact(
                ECONOMIC, basic.final_amount, basic.funding, category=BASIC, economic_code=basic.economic_code
            )
        )
    for spent in rows(ProjectEconomicLine):
        names[spent.economic_code] = spent.name
        facts.append(
            Fact(
                ECONOMIC,
                spent.final_amount,
                spent.funding,
                category=PROJECT,
                economic_code=spent.economic_code,
                project=spent.project_code,
            )
        )
    for item in rows(ThreePublicItem):
        facts.append(Fact(THREE_PUBLIC, item.budget, item=item.item, figure="预算"))
        facts.append(Fact(THREE_PUBLIC, item.final_amount, item=item.item))
    return facts, names


class FinalTablesService:
    """The year's 决算公开 tables, computed on every call (the lines may have changed)."""

    def __init__(self, engine: Engine, catalogue: FormCatalogue) -> None:
        self.engine = engine
        self.catalogue = catalogue

    def year_tables(self, department_id: int, year: int) -> YearTables:
        department = department_info(self.engine, department_id)
        table_set = self.catalogue.table_set(department.province, year)
        with Session(self.engine) as session:
            facts, line_names = year_facts(session, department_id, year)
            stated = {
                row.key: row.amount
                for row in session.exec(
                    select(StatedFigure).where(
                        StatedFigure.department_id == department_id, StatedFigure.year == year
                    )
                )
                if row.amount is not None
            }
        edition = classification_for_year(year)
        names = {**edition.function, **edition.economic, **line_names}
        tables = tuple(compute_table(table, facts, names) for table in table_set.tables)
        return YearTables(department, year, table_set, tables, stated)
