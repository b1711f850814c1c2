"""导入决算报表: a workbook of published 决算 tables into the year's lines, all or nothing.

The workbook is read first (``exchange.published_tables_read``), without any lock; then, in ONE
``writing`` transaction, the department is found (or, in a new database, created from the
编制单位 line with the province the clerk names), each table is matched to the definition of the
department's table set, the cells become facts and stated figures
(``exchange.published_tables_facts``) and the facts the year's lines (the inverse of
``services.final_tables.year_facts``). Lines and stated figures are added or updated by key,
each with its audit entry (``import_rows.TableChanges``); anything wrong rolls the whole
workbook back, with the same report as the Excel import (sheet, row, column, reason).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Connection, Engine, insert, select

from desktop.domain.budget import BASIC, CARRIED_IN, NOT_CURRENT_INCOME
from desktop.domain.check_tables import source_text
from desktop.domain.final_tables import FINAL, Fact, TableDefinition, TableSet, load_table_set
from desktop.domain.money import to_wan
from desktop.errors import UserInputError
from desktop.exchange import published_layout as layout
from desktop.exchange.published_tables_facts import table_facts
from desktop.exchange.published_tables_read import PublishedWorkbook, read_published_tables
from desktop.exchange.reader import Problem, ReadCancelled, UnreadableWorkbook
from desktop.services.catalogue import TABLE_SETS, FormCatalogue
from desktop.services.classification import classification_for_year
from desktop.services.departments import province_value
from desktop.services.excel import ImportRejected, ImportReport, SheetCount
from desktop.services.excel_import import ImportCancelled
from desktop.services.import_rows import TableChanges
from desktop.services.problem_report import entry_of
from desktop.storage import audit
from desktop.storage import models as M
from desktop.storage.transactions import writing

Progress = Callable[[int, int], bool]
ECONOMIC, THREE_PUBLIC = "经济分类支出", "三公经费"
BALANCE_KINDS = ("结余分配", "年末结转和结余")
# the money column of a line each figure of a fact goes to
_FIGURE_COLUMNS = {FINAL: "final_amount", "年初预算": "initial_budget", "调整后预算": "adjusted_budget"}
_THREE_PUBLIC_COLUMNS = {FINAL: "final_amount", "预算": "budget"}
# line table → (what the report calls it, its key fields)
_LINES: dict[type[M.TableModel], tuple[str, tuple[str, ...]]] = {
    M.IncomeLine: ("收入", ("source", "function_code", "funding")),
    M.ExpenditureLine: ("支出", ("function_code", "category", "funding")),
    M.BalanceLine: ("结转结余", ("kind", "funding", "function_code")),
    M.BasicExpenditureLine: ("基本支出（经济分类）", ("economic_code", "funding")),
    M.ProjectEconomicLine: ("项目支出（经济分类）", ("project_code", "economic_code", "funding")),
    M.ThreePublicItem: ("三公经费", ("item",)),
}


def _line(fact: Fact, names: dict[str, str]) -> tuple[type[M.TableModel], tuple[str, ...], str, dict] | None:
    """(line table, key, money column, other fields) of the line a fact adds to; None for none."""
    if fact.measure in NOT_CURRENT_INCOME:
        funding = fact.funding if fact.measure == CARRIED_IN else ""
        return M.IncomeLine, (fact.measure, fact.function_code, funding), "final_amount", {}
    if fact.measure == "收入":
        column = _FIGURE_COLUMNS.get(fact.figure)
        return None if column is None else (M.IncomeLine, (fact.source, fact.function_code, ""), column, {})
    if fact.measure == "支出":
        column = _FIGURE_COLUMNS.get(fact.figure)
        key = (fact.function_code, fact.category, fact.funding)
        return (
            None
            if column is None
            else (M.ExpenditureLine, key, column, {"name": names.get(fact.function_code, "")})
        )
    if fact.measure in BALANCE_KINDS:
        return M.BalanceLine, (fact.measure, fact.funding, fact.function_code), "final_amount", {}
    if fact.measure == ECONOMIC and fact.category == BASIC:
        column = "final_amount" if fact.figure == FINAL else "budget"
        pair: tuple[str, ...] = (fact.economic_code, fact.funding)
        return M.BasicExpenditureLine, pair, column, {"name": names.get(fact.economic_code, "")}
    if fact.measure == ECONOMIC and fact.figure == FINAL:
        # 项目支出 by 经济分类: a published table does not say which project, so none is named
        key = (fact.project, fact.economic_code, fact.funding)
        return M.ProjectEconomicLine, key, "final_amount", {"name": names.get(fact.economic_code, "")}
    if fact.measure == THREE_PUBLIC and fact.figure in _THREE_PUBLIC_COLUMNS:
        return M.ThreePublicItem, (fact.item,), _THREE_PUBLIC_COLUMNS[fact.figure], {}
    return None


class TableImportService:
    """Reads published 决算 tables into one database."""

    def __init__(self, engine: Engine, catalogue: FormCatalogue) -> None:
        self._engine = engine
        self._catalogue = catalogue

    def _all_titles(self) -> list[str]:
        sets = [load_table_set(path) for path in sorted(self._catalogue.folder.glob(f"{TABLE_SETS}*.toml"))]
        return sorted({table.title for table_set in sets for table in table_set.tables})

    def import_tables(
        self,
        path: Path,
        year: int,
        *,
        province: str = "",
        dry_run: bool = False,
        progress: Progress | None = None,
    ) -> ImportReport:
        """Read, check and (unless ``dry_run``) import ``path`` as the tables of ``year``.

        Raises ``ImportRejected`` with the full report when anything is wrong, ``UserInputError``
        for a file that is no workbook, ``ImportCancelled`` when ``progress`` returned False."""
        path = Path(path)
        edition = classification_for_year(year)
        classes = {name: code for code, name in edition.function.items() if len(code) == 3}
        try:
            workbook = read_published_tables(path, self._all_titles(), classes, progress)
        except UnreadableWorkbook as error:
            raise UserInputError(str(error)) from error
        except ReadCancelled as error:
            raise ImportCancelled from error
        names = {**edition.function, **edition.economic, **_printed_names(workbook)}
        problems = list(workbook.errors)
        problems += [
            Problem(f"这是 {table.year} 年度的报表，不能导入为 {year} 年度", table.sheet)
            for table in workbook.tables
            if table.year is not None and table.year != year
        ]
        with writing(self._engine) as connection:
            department_id: int | None = None
            department, found = "", list[Problem]()
            if workbook.tables:
                department_id, department, found = _department(connection, workbook, province)
            problems += found
            counts: dict[str, tuple[int, int, int]] = {}
            if department_id is not None and not problems:
                table_set = self._catalogue.table_set(self._province(connection, department_id), year)
                counts = _apply(
                    connection, department_id, year, path.name, workbook, table_set, names, problems
                )
            if not problems:
                audit.record(connection, "导入", "决算报表", after={"file": path.name, "year": year})
            warnings = [problem for problem in workbook.problems if problem.warning]
            report = ImportReport(
                file=path.name,
                department=department,
                counts=tuple(SheetCount(name, *numbers) for name, numbers in counts.items() if any(numbers)),
                problems=tuple(str(problem) for problem in problems),
                warnings=tuple(str(problem) for problem in warnings),
                dry_run=dry_run,
                entries=tuple(entry_of(problem) for problem in (*problems, *warnings)),
            )
            if problems or dry_run:
                connection.rollback()
        if problems:
            raise ImportRejected(report)
        return report

    @staticmethod
    def _province(connection: Connection, department_id: int) -> str:
        table = M.Department.__table__
        return connection.execute(select(table.c.province).where(table.c.id == department_id)).scalar_one()


def _printed_names(workbook: PublishedWorkbook) -> dict[str, str]:
    """The names the tables print beside their codes (kept for the lines, before the edition's)."""
    return {
        row.code: layout.strip_ordinal(row.label)
        for table in workbook.tables
        for row in table.rows
        if row.code and row.label
    }


def _department(
    connection: Connection, workbook: PublishedWorkbook, province: str
) -> tuple[int | None, str, list[Problem]]:
    """The department of the 编制单位 lines: found by name, or created in a database that has none."""
    named = {table.department for table in workbook.tables if table.department}
    table = M.Department.__table__
    if len(named) > 1:
        return None, "", [Problem(f"各表的编制单位不一致：{'、'.join(sorted(named))}")]
    stored = connection.execute(select(table.c.id, table.c.name)).all()
    if not named:
        if len(stored) == 1:
            return stored[0].id, stored[0].name, []
        return None, "", [Problem("各表都没有“编制单位：…”一行，无法确定单位")]
    (name,) = named
    match = next((row for row in stored if row.name == name), None)
    if match is not None:
        return match.id, name, []
    if stored:
        have = "、".join(row.name for row in stored)
        return None, name, [Problem(f"编制单位“{name}”不是本数据库中的单位（{have}）")]
    try:
        full = province_value(province)
    except UserInputError:
        return None, name, [Problem(f"新单位“{name}”须写明所在省份（它决定报表格式），如“四川”")]
    department_id = M.inserted_id(
        connection.execute(insert(table).values(name=name, province=full)).inserted_primary_key
    )
    audit.record(connection, "新增", table.name, department_id, after={"name": name, "province": full})
    return department_id, name, []


def _matched(workbook: PublishedWorkbook, table_set: TableSet, problems: list[Problem]) -> list:
    definitions: dict[str, TableDefinition] = {layout.plain(table.title): table for table in table_set.tables}
    pairs = []
    for table in workbook.tables:
        definition = definitions.get(layout.plain(table.title))
        if definition is None:
            problems.append(Problem(f"“{table.title}”不是{table_set.title}中的表", table.sheet))
        else:
            pairs.append((table, definition))
    return pairs


def _apply(
    connection: Connection,
    department_id: int,
    year: int,
    file_name: str,
    workbook: PublishedWorkbook,
    table_set: TableSet,
    names: dict[str, str],
    problems: list[Problem],
) -> dict[str, tuple[int, int, int]]:
    read = table_facts(_matched(workbook, table_set, problems), file_name)
    problems += read.problems
    lines: dict[type[M.TableModel], dict[tuple, dict]] = {model: {} for model in _LINES}
    for fact in read.facts:
        target = _line(fact, names)
        if target is None:
            problems.append(
                Problem(f"{fact.measure}“{fact.item or fact.project or fact.category}”无法存为明细行")
            )
            continue
        model, key, column, fields = target
        record = lines[model].setdefault(key, dict(zip(_LINES[model][1], key, strict=True)) | fields)
        record[column] = record.get(column, Decimal(0)) + fact.amount
    lines[M.ProjectEconomicLine] = _beyond_named_projects(
        connection, department_id, year, lines[M.ProjectEconomicLine], problems
    )
    if problems:
        return {}
    counts = {}
    for model, records in lines.items():
        label, key_fields = _LINES[model]
        counts[label] = _upsert(connection, model, department_id, year, key_fields, list(records.values()))
    stated = [
        {"key": cell.key, "amount": cell.amount, "source": source_text(cell.place, cell.unit)}
        for cell in read.stated
    ]
    counts["公开数字"] = _upsert(connection, M.StatedFigure, department_id, year, ("key",), stated)
    return counts


def _beyond_named_projects(
    connection: Connection, department_id: int, year: int, records: dict[tuple, dict], problems: list[Problem]
) -> dict[tuple, dict]:
    """项目支出 by 经济分类 as the tables give it (no project named), less what the year's lines of
    named projects already hold for that code and fund: only the rest is a line of no project, so
    tables read back into the database they came from add nothing."""
    table = M.ProjectEconomicLine.__table__
    named: dict[tuple[str, str], Decimal] = {}
    for row in connection.execute(
        select(table.c.economic_code, table.c.funding, table.c.final_amount).where(
            table.c.department_id == department_id, table.c.year == year, table.c.project_code != ""
        )
    ):
        key = (row.economic_code, row.funding)
        named[key] = named.get(key, Decimal(0)) + row.final_amount
    kept = {}
    for key, record in records.items():
        code, funding = record["economic_code"], record["funding"]
        amount = record.get("final_amount", Decimal(0))
        rest = amount - named.get((code, funding), Decimal(0))
        if rest < 0:
            problems.append(
                Problem(
                    f"项目支出（经济分类）{code}（{funding}）：表中为 {to_wan(amount)} 万元，"
                    f"少于本年度各项目已有的 {to_wan(named[(code, funding)])} 万元"
                )
            )
        elif rest != 0 or (code, funding) not in named:
            kept[key] = record | {"final_amount": rest}
    return kept


def _upsert(connection: Connection, model, department_id: int, year: int, key_fields, records: list[dict]):
    """Add or update ``records`` by their key; (added, changed, unchanged)."""
    table = model.__table__
    scope = (table.c.department_id == department_id, table.c.year == year)
    stored = {
        tuple(row._mapping[name] for name in key_fields): dict(row._mapping)
        for row in connection.execute(select(table).where(*scope))
    }
    changes = TableChanges(table)
    for record in records:
        key = tuple(record[name] for name in key_fields)
        old = stored.get(key)
        if old is None:
            changes.add({"department_id": department_id, "year": year, **record})
        else:
            changes.change(old["id"], old, record)
    changes.flush(connection)
    return len(changes.inserts), len(changes.updates), changes.unchanged
