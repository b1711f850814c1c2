"""Excel in and out: the template, the export of one year, the all-or-nothing import.

The import reads the whole workbook (before it takes any lock), then checks every record against
what is stored and writes in ONE ``BEGIN IMMEDIATE`` transaction that is rolled back when
anything is wrong (or for a dry run), so a database is never half-imported and a save made by
another window meanwhile either waits for the import or is refused as busy — never overwritten. ``import_into_path`` also creates the database file when it does not
exist yet, as a new Ziping database holding the department named on the 单位 sheet.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Connection, Engine, insert, select, update

from desktop.errors import UserInputError
from desktop.exchange import sheets as S
from desktop.exchange.reader import Problem, ReadCancelled, UnreadableWorkbook, WorkbookRows, read_workbook
from desktop.services import excel_export as export_rows
from desktop.services.atomic_file import write_atomically
from desktop.services.departments import credit_code_value, matter_number_pattern_value, province_value
from desktop.services.excel_entries import masked_warnings
from desktop.services.excel_entries_export import entry_tables
from desktop.services.excel_import import ImportCancelled, Progress, apply_workbook
from desktop.services.excel_scores import score_rows
from desktop.services.import_rows import changed_columns
from desktop.services.problem_report import ReportEntry, entry_of, note, save_report
from desktop.services.projects import ProjectService
from desktop.storage import audit
from desktop.storage import models as M
from desktop.storage.database import engine_path
from desktop.storage.transactions import writing

__all__ = [
    "ExcelService",
    "ImportCancelled",
    "ImportRejected",
    "ImportReport",
    "SheetCount",
    "import_into_path",
    "write_blank_template",
]


@dataclass(frozen=True)
class SheetCount:
    sheet: str
    added: int
    updated: int  # records of which at least one column changed
    unchanged: int = 0


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, for a dry run or a refused file, would do) and every problem found."""

    file: str
    department: str
    counts: tuple[SheetCount, ...]
    problems: tuple[str, ...]
    warnings: tuple[str, ...]
    dry_run: bool
    entries: tuple[ReportEntry, ...] = ()  # the problems, then the warnings, each with its place

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        if self.problems:
            head = f"{self.file}：发现 {len(self.problems)} 处问题，未导入任何数据"
        elif self.dry_run:
            head = f"{self.file}：检查通过（试导入，未写入数据库），单位：{self.department}"
        else:
            head = f"{self.file}：已导入，单位：{self.department}"
        lines = [head]
        if not self.problems:
            lines += [
                f"  {count.sheet}：新增 {count.added} 条，更新 {count.updated} 条，未变 {count.unchanged} 条"
                for count in self.counts
            ]
        lines += [f"  问题：{problem}" for problem in self.problems]
        lines += [f"  提示：{warning}" for warning in self.warnings]
        return lines


class ImportRejected(UserInputError):
    """The workbook has problems; ``report`` lists all of them, the message names the first."""

    def __init__(self, report: ImportReport) -> None:
        more = f"（共 {len(report.problems)} 处问题，见上方报告）" if len(report.problems) > 1 else ""
        super().__init__(f"{report.file} 未导入：{report.problems[0]}{more}")
        self.report = report


def _department(connection: Connection, workbook: WorkbookRows) -> tuple[int | None, str, list[Problem]]:
    """The department the workbook is for: the one on its 单位 sheet, or the only one in the database."""
    table = M.Department.__table__
    rows = workbook.sheets.get(S.DEPARTMENT.name)
    if rows is None or not rows.rows:
        departments = connection.execute(select(table.c.id, table.c.name)).all()
        if len(departments) == 1:
            return departments[0].id, departments[0].name, []
        reason = "缺少“单位”表：新数据库或有多个单位的数据库须在“单位”表写明单位名称"
        return None, "", [Problem(reason, S.DEPARTMENT.name)]
    if len(rows.rows) > 1:
        return None, "", [Problem("“单位”表只能有一行", S.DEPARTMENT.name, rows.rows[1][0])]
    row_number, fields = rows.rows[0]
    values = {field: value for field, value in fields.items() if value is not None}
    name = values.pop("name")
    stored = connection.execute(select(table).where(table.c.name == name)).first()
    problem = _province_problem(values, new=stored is None)
    if problem:
        return None, "", [Problem(problem, S.DEPARTMENT.name, row_number, "省份")]
    try:
        if "credit_code" in values:  # a workbook without the column leaves the stored code alone
            values["credit_code"] = credit_code_value(str(values["credit_code"]))
    except UserInputError as error:
        reason = str(error).removeprefix("统一社会信用代码：")
        return None, "", [Problem(reason, S.DEPARTMENT.name, row_number, "统一社会信用代码")]
    try:
        if "matter_number_pattern" in values:
            values["matter_number_pattern"] = matter_number_pattern_value(
                str(values["matter_number_pattern"])
            )
    except UserInputError as error:
        reason = str(error).removeprefix("信访编号格式：")
        return None, "", [Problem(reason, S.DEPARTMENT.name, row_number, "信访编号格式")]
    if stored is None:
        department_id = M.inserted_id(
            connection.execute(insert(table).values(name=name, **values)).inserted_primary_key
        )
        audit.record(connection, "新增", table.name, department_id, after={"name": name} | values)
        return department_id, name, []
    before, after = changed_columns(table, dict(stored._mapping), values)
    if after:
        connection.execute(update(table).where(table.c.id == stored.id).values(after))
        audit.record(connection, "修改", table.name, stored.id, before, after)
    return stored.id, name, []


def _province_problem(values: dict, *, new: bool) -> str:
    """The 省份 of the 单位 sheet, stored under its full name; a new 单位 must name it (it decides the forms)."""
    if "province" not in values and not new:
        return ""
    try:
        values["province"] = province_value(str(values.get("province", "")))
    except UserInputError as error:
        return str(error).removeprefix("省份：")  # the report names the column
    return ""


_SHEET_ORDER = {spec.name: index for index, spec in enumerate(S.ALL_SHEETS, start=1)}


def _place(problem: Problem) -> tuple[int, int]:
    """Problems in the order of the sheets and rows, those of the whole workbook first."""
    return _SHEET_ORDER.get(
        problem.sheet, 0 if not problem.sheet else len(_SHEET_ORDER) + 1
    ), problem.row or 0


class ExcelService:
    """Export and import for one open database."""

    def __init__(self, engine: Engine, today: Callable[[], date] = date.today) -> None:
        self._engine = engine
        self._projects = ProjectService(engine)
        self._today = today

    def export(self, department_id: int, year: int, path: Path, *, unmasked: bool = False) -> str:
        """Write every sheet of ``year``; returns a one-line Chinese summary."""
        path = Path(path)
        details = self._projects.details(department_id, year)  # read and scored as the tab shows them
        with self._engine.connect() as connection:
            department = export_rows.department_rows(connection, department_id)
            tables = [
                (S.DEPARTMENT, department),
                (S.PETITIONS, export_rows.petition_rows(connection, department_id, year, unmasked)),
                (S.VISITS, export_rows.visit_rows(connection, department_id, year)),
                *export_rows.keyed_rows(connection, department_id, year),
                (S.PROJECTS, export_rows.project_rows(connection, department_id, year)),
                (S.INDICATORS, export_rows.indicator_rows(connection, department_id, year)),
                *entry_tables(connection, department_id, year),
                (S.SCORES, score_rows(year, details)),
            ]
            from desktop.exchange.writer import write_workbook

            title = f"{department[0][0]} {year} 年度 "
            write_atomically(
                path,
                lambda temporary: write_workbook(temporary, tables, title=title),
                database=engine_path(self._engine),
            )
        masked = "" if unmasked else "（身份证号、电话已打码）"
        return f"已导出 {year} 年度数据到 {path}{masked}"

    def save_report(self, report: ImportReport, path: Path) -> str:
        """保存为 Excel: the report's rows in a workbook at ``path``."""
        return save_report(path, report.entries, f"{report.file} ", database=engine_path(self._engine))

    def import_workbook(
        self, path: Path, *, dry_run: bool = False, progress: Progress | None = None
    ) -> ImportReport:
        """Read, check and (unless ``dry_run``) import ``path`` in one transaction.

        Raises ``ImportRejected`` (a ``UserInputError`` carrying the full report) when anything
        is wrong, ``UserInputError`` for a file that is no workbook, ``ImportCancelled`` when
        ``progress`` returned False, ``DatabaseBusy`` when another program holds the database
        past the busy timeout; the database is unchanged in all these cases.
        """
        path = Path(path)
        try:
            workbook = read_workbook(path, progress)
        except UnreadableWorkbook as error:
            raise UserInputError(str(error)) from error
        except ReadCancelled as error:
            raise ImportCancelled from error
        with writing(self._engine) as connection:
            department_id, name, problems = _department(connection, workbook)
            counts: dict[str, tuple[int, int, int]] = {}
            if department_id is not None:
                counts, problems = apply_workbook(
                    connection, department_id, workbook, self._today(), progress
                )
            else:
                problems = workbook.errors + problems
            problems = sorted(problems, key=_place)
            warnings = [problem for problem in workbook.problems if problem.warning]
            masked = masked_warnings(workbook)
            report = ImportReport(
                file=path.name,
                department=name,
                counts=tuple(SheetCount(sheet, *counts[sheet]) for sheet in counts),
                problems=tuple(str(problem) for problem in problems),
                warnings=(*(str(problem) for problem in warnings), *masked),
                dry_run=dry_run,
                entries=(
                    *(entry_of(problem) for problem in (*problems, *warnings)),
                    *(note(text, S.PETITIONS.name) for text in masked),
                ),
            )
            if problems or dry_run:
                connection.rollback()
        if problems:
            raise ImportRejected(report)
        return report


def import_into_path(db_path: Path, workbook: Path, *, dry_run: bool = False) -> ImportReport:
    """Import into the database at ``db_path``, creating it (all or nothing) when it does not exist."""
    return into_path(
        db_path, lambda engine: ExcelService(engine).import_workbook(workbook, dry_run=dry_run), dry_run
    )


def into_path(db_path: Path, run: Callable[[Engine], ImportReport], dry_run: bool) -> ImportReport:
    """``run`` an import on the database at ``db_path``; a database that does not exist yet is built
    beside it and put in its place only when the import succeeded (and was not a dry run)."""
    from desktop.storage.database import open_database

    db_path = Path(db_path)
    if db_path.exists():
        engine = open_database(db_path)
        try:
            return run(engine)
        finally:
            engine.dispose()
    if not db_path.parent.is_dir():
        raise UserInputError(f"文件夹不存在：{db_path.parent}")
    temporary = db_path.with_name(f".{db_path.name}.importing")
    temporary.unlink(missing_ok=True)
    engine = open_database(temporary, create=True)
    try:
        report = run(engine)
    except BaseException:
        engine.dispose()
        temporary.unlink(missing_ok=True)
        raise
    engine.dispose()
    if dry_run:
        temporary.unlink()
    else:
        os.replace(temporary, db_path)
    return report


def write_blank_template(path: Path) -> str:
    path = Path(path)
    from desktop.exchange.writer import write_template  # openpyxl loads when first used

    write_atomically(path, write_template)
    return f"已生成空白模板：{path}（共 {len(S.ALL_SHEETS)} 张表，说明见“{S.GUIDE_SHEET}”表）"
