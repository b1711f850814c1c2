"""The 决算公开 tables of a department's year: the province's table set (forms/final-accounts-*.toml)
computed from the year's lines, with the figures stated for their cells.

The lines become ``Fact`` rows here and nowhere else; every cell is added up by
``desktop.domain.final_tables``. ``reported_figures`` gives the 说明's 第十部分 amounts and counts
with last year's from last year's data where Ziping holds it. Names of 类 / 款 / 项 come from the year's 科目 edition, the lines'
own names before them (a 项 the clerk named).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from desktop.domain.budget import (
    BASIC,
    CARRIED_IN,
    NOT_CURRENT_INCOME,
    PROJECT,
    REPORTED_AMOUNTS,
    REPORTED_COUNTS,
)
from desktop.domain.final_tables import (
    ComputedTable,
    Fact,
    FinalTablesError,
    TableSet,
    compute_table,
    expenditure_facts,
    income_fact,
)
from desktop.errors import UserInputError
from desktop.services.atomic_file import write_atomically
from desktop.services.catalogue import FormCatalogue
from desktop.services.classification import classification_for_year
from desktop.services.departments import DepartmentInfo, department_info
from desktop.storage.database import engine_path
from desktop.storage.models import (
    BalanceLine,
    BasicExpenditureLine,
    ExpenditureLine,
    IncomeLine,
    ProjectEconomicLine,
    ReportedAmount,
    ReportedCount,
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
    tables: tuple[ComputedTable, ...]  # the ones that could be computed, in the set's order
    stated: dict[str, Decimal]  # StatedFigure.key (domain.final_tables.cell_key) → amount
    has_lines: bool  # any 收入, 支出, 结转 … line: a year without one has no tables to print
    problems: dict[str, str]  # table number → why its lines cannot fill it (a 收入 without its 科目)

    def table(self, key_or_number: str) -> ComputedTable:
        """The computed table; a ``FinalTablesError`` saying why when the lines cannot fill it."""
        definition = self.table_set.table(key_or_number)
        if definition.number in self.problems:
            raise FinalTablesError(self.problems[definition.number])
        return next(table for table in self.tables if table.definition is definition)

    def complete(self) -> tuple[ComputedTable, ...]:
        """Every table, for printing or export; a ``FinalTablesError`` listing the ones that cannot be."""
        if self.problems:
            raise FinalTablesError("；".join(self.problems.values()))
        return self.tables


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
            # a 年初结转和结余 without its fund (typed so, or from before 0004) is 非财政拨款
            funding = (income.funding or OTHER_FUNDING) if income.source == CARRIED_IN else OTHER_FUNDING
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
        tables, problems = [], {}
        for definition in table_set.tables:
            try:
                tables.append(compute_table(definition, facts, names))
            except FinalTablesError as error:
                problems[definition.number] = str(error)
        return YearTables(department, year, table_set, tuple(tables), stated, bool(facts), problems)

    def export_workbook(self, department_id: int, year: int, out: Path) -> str:
        """Write the year's tables to ``out`` as published (a sheet per table); the report line."""
        from desktop.exchange.published_tables import write_published_tables  # openpyxl on first use

        tables = self.year_tables(department_id, year)
        if not tables.has_lines:
            raise UserInputError(f"{year} 年没有收入、支出等决算数据，没有决算公开表可导出")
        write_atomically(
            out,
            lambda path: write_published_tables(
                path,
                tables.complete(),
                department=tables.department.name,
                year=year,
                unit=tables.table_set.unit,
            ),
            database=engine_path(self.engine),
        )
        return f"已导出 {out}（{tables.table_set.title}，共 {len(tables.tables)} 张表）"


@dataclass(frozen=True)
class ReportedFigure:
    """An item of the 说明's 第十部分 with last year's figure: from last year's data when Ziping holds
    that year, else as typed (``previous_typed``)."""

    topic: str  # 机关运行经费, 政府采购, 国有资产, 人员, 机构
    item: str
    current: Decimal | int
    previous: Decimal | int
    previous_typed: bool


def reported_figures(engine: Engine, department_id: int, year: int) -> list[ReportedFigure]:
    """The year's reported amounts and counts, in the order of ``REPORTED_AMOUNTS`` / ``REPORTED_COUNTS``."""
    with Session(engine) as session:

        def rows(model, of_year):
            return {
                row.item: row
                for row in session.exec(
                    select(model).where(model.department_id == department_id, model.year == of_year)
                )
            }

        amounts, counts = rows(ReportedAmount, year), rows(ReportedCount, year)
        last_amounts, last_counts = rows(ReportedAmount, year - 1), rows(ReportedCount, year - 1)
    figures = []
    for reported, current, last, value, typed in (
        (REPORTED_AMOUNTS, amounts, last_amounts, "final_amount", "previous_final"),
        (REPORTED_COUNTS, counts, last_counts, "count", "previous_count"),
    ):
        for topic, items in reported.items():
            for item in items:
                if item not in current:
                    continue
                row = current[item]
                held = last.get(item) if last else None
                previous = getattr(held, value) if held is not None else getattr(row, typed)
                figures.append(ReportedFigure(topic, item, getattr(row, value), previous, held is None))
    return figures
