"""Reading a workbook a clerk or another program filled: every cell checked, every problem placed.

``read_workbook`` never writes anything and never raises for a bad cell: it returns the rows it
could read and a list of ``Problem`` (sheet, row, column, reason), at most ``MAX_PROBLEMS`` of
them. A file that is not an .xlsx workbook at all (random bytes, an old .xls, a
password-protected workbook, a damaged zip, one that unpacks to more than ``MAX_UNPACKED``)
raises ``UnreadableWorkbook`` at once.

Time and memory stay bounded whatever the file holds: each known sheet's XML is first streamed
once (``survey``) for merged cells, formulas without a computed value and the last row that holds
a value; then the values are streamed with openpyxl's read-only reader, up to that row only and
without the sheet's declared dimension (styling to column XFD or row 1,048,576 is never
expanded). A value more than ``MAX_GAP`` empty rows below the data refuses the sheet, naming
that row.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.domain.money import MoneyUnit
from desktop.domain.plausible_money import line_budget
from desktop.exchange.cells import CellError, is_empty, read_cell, yuan_suspicion
from desktop.exchange.sheets import (
    ALL_SHEETS,
    PASSED_OVER,
    Column,
    Kind,
    SheetSpec,
    match_column,
    split_header,
)
from desktop.exchange.survey import MAX_GAP, SheetSurvey, SurveyError, survey

ZIP_SIGNATURE = b"PK\x03\x04"
CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: .xls, or an encrypted .xlsx
MAX_PROBLEMS = 1000
MAX_UNPACKED = 400 * 1024 * 1024  # bytes of XML once unzipped; a 50,000-matter workbook has ~60 MB
_SPECS = {spec.name: spec for spec in ALL_SHEETS}

Progress = Callable[[int, int], bool]  # (rows read, rows in all or 0 if unknown) → False to cancel


class UnreadableWorkbook(Exception):
    """A file that is no .xlsx workbook (random bytes, .xls, encrypted, damaged); the message is Chinese."""


class ReadCancelled(Exception):
    """The clerk cancelled the import while the workbook was being read."""


class TooManyProblems(Exception):
    """``MAX_PROBLEMS`` problems were found: the rest of the file is not checked."""


class ProblemList(list):
    """A list of ``Problem`` that raises ``TooManyProblems`` once it holds ``MAX_PROBLEMS``."""

    def append(self, problem: Problem) -> None:
        super().append(problem)
        if len(self) >= MAX_PROBLEMS:
            raise TooManyProblems


@dataclass(frozen=True)
class Problem:
    """Something in the file that stops the import, or (``warning``) that the import skips."""

    reason: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    letter: str = ""
    warning: bool = False

    def __str__(self) -> str:
        place = f"工作表“{self.sheet}”" if self.sheet else "工作簿"
        if self.row is not None:
            place += f"第 {self.row} 行"
        if self.column:
            place += f"“{self.column}”列"
        if self.letter and self.row is not None:
            place += f"（{self.letter}{self.row}）"
        return f"{place}：{self.reason}"


@dataclass
class SheetRows:
    """The rows of one known sheet: field → value for the columns present (``None`` for an empty cell)."""

    spec: SheetSpec
    fields: frozenset[str]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # a value's type is its column's


@dataclass
class WorkbookRows:
    sheets: dict[str, SheetRows] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=ProblemList)

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.warning]


def _check_signature(path: Path) -> None:
    if not path.is_file():
        raise UnreadableWorkbook(f"找不到文件：{path}")
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == CFB_SIGNATURE:
        raise UnreadableWorkbook(
            f"{path.name} 是加密（设有打开密码）的工作簿或旧版 .xls 文件，无法读取："
            "请在 Excel 中取消密码并另存为 .xlsx 后再导入"
        )
    if not head.startswith(ZIP_SIGNATURE):
        raise UnreadableWorkbook(f"{path.name} 不是 Excel 工作簿（.xlsx），无法读取")


def _check_archive(path: Path) -> None:
    """Refuse a damaged zip, or one whose XML would unpack to more than ``MAX_UNPACKED``, before parsing."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise UnreadableWorkbook(f"{path.name} 已损坏，不是可读取的 .xlsx 文件（{error}）") from error
    if unpacked > MAX_UNPACKED:
        raise UnreadableWorkbook(
            f"{path.name} 解压后有 {unpacked // 1024 // 1024} MB，超过可导入的 {MAX_UNPACKED // 1024 // 1024} MB："
            "请删除多余的工作表、行或格式后再导入"
        )


def _load(path: Path):
    try:
        from openpyxl import load_workbook  # loaded on the first import, not at start-up

        return load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file; all mean "unreadable"
        raise UnreadableWorkbook(
            f"{path.name} 已损坏或不是 Excel 工作簿，无法读取（{type(error).__name__}）"
        ) from error


def open_workbook(path: Path):
    """``path`` opened read-only (values, not formulas) after the checks that refuse a file that is
    no workbook or too big; raises ``UnreadableWorkbook``. The caller closes it."""
    path = Path(path)
    _check_signature(path)
    _check_archive(path)
    return _load(path)


def survey_sheet(workbook, sheet) -> SheetSurvey:
    """One streaming pass over ``sheet``'s XML (``survey``); raises ``SurveyError``."""
    # openpyxl's read-only sheet knows where its XML is in the archive it holds open
    with workbook._archive.open(sheet._worksheet_path) as source:
        return survey(source)


def _survey(workbook, sheet, name: str, problems: list[Problem]) -> SheetSurvey | None:
    """The sheet's merged cells, formulas and extent; ``None`` (with the problem) when it is refused."""
    try:
        found = survey_sheet(workbook, sheet)
    except SurveyError as error:
        problems.append(Problem(str(error), name))
        return None
    for ref, row in found.merged:
        where = "表头" if row == 1 else ""
        problems.append(
            Problem(f"{where}有合并单元格 {ref}，请取消合并（每列一个表头、每格一个值）", name, row)
        )
    if found.stray_row is not None:
        problems.append(stray_row_problem(name, found.last_row, found.stray_row))
        return None
    return found


def stray_row_problem(name: str, last_row: int, stray_row: int) -> Problem:
    """The problem of a value more than ``MAX_GAP`` empty rows below the data (the sheet is refused)."""
    reason = (
        f"第 {stray_row} 行有内容，但数据在第 {last_row} 行已结束（中间空了 "
        f"{stray_row - last_row - 1} 行，超过 {MAX_GAP} 行）：请删除第 {stray_row} 行的内容后再导入"
    )
    return Problem(reason, name, stray_row)


def _header(spec: SheetSpec, cells: tuple, problems: list[Problem]) -> dict[int, tuple[Column, MoneyUnit]]:
    found: dict[int, tuple[Column, MoneyUnit]] = {}
    seen: dict[str, int] = {}
    for index, value in enumerate(cells):
        if is_empty(value):
            continue
        letter = column_letter(index + 1)
        column = match_column(spec, str(value))
        if column is None:
            problems.append(
                Problem(f"未识别的列“{value}”，已跳过", spec.name, 1, letter=letter, warning=True)
            )
            continue
        if column.field in seen:
            problems.append(Problem(f"“{column.header}”列出现了两次", spec.name, 1, str(value), letter))
            continue
        seen[column.field] = index
        unit = split_header(str(value))[1]
        found[index] = (column, MoneyUnit.YUAN if unit == "元" else MoneyUnit.WAN)
    for column in spec.columns:
        if column.required and column.field not in seen:
            problems.append(Problem(f"缺少必填列“{column.header}”", spec.name, 1))
    return found


def _read_row(
    spec: SheetSpec,
    number: int,
    cells: tuple,
    columns: dict[int, tuple[Column, MoneyUnit]],
    formulas: frozenset[tuple[int, int]],
    problems: list[Problem],
) -> dict[str, object] | None:
    values: dict[str, object] = {}
    ok = True
    for index, (column, unit) in columns.items():
        raw = cells[index] if index < len(cells) else None
        letter = column_letter(index + 1)
        if raw is None and (number, index + 1) in formulas:
            reason = "公式没有计算结果，请在 Excel 中打开、重新计算并保存后再导入"
            problems.append(Problem(reason, spec.name, number, column.header, letter))
            ok = False
            continue
        if is_empty(raw):
            if column.required:
                problems.append(Problem("不能为空", spec.name, number, column.header, letter))
                ok = False
            values[column.field] = None
            continue
        try:
            values[column.field] = read_cell(column.kind, raw, unit)
        except CellError as error:
            problems.append(Problem(str(error), spec.name, number, column.header, letter))
            ok = False
    if ok:
        _warn_of_yuan(spec, number, cells, columns, values, problems)
    return values if ok else None


def _warn_of_yuan(
    spec: SheetSpec,
    number: int,
    cells: tuple,
    columns: dict[int, tuple[Column, MoneyUnit]],
    values: dict[str, object],
    problems: list[Problem],
) -> None:
    """A 万元 cell that reads as 元 is imported as written, with a warning naming its place."""
    budget = line_budget(values)
    for index, (column, unit) in columns.items():
        raw = cells[index] if index < len(cells) else None
        if column.kind is not Kind.WAN or is_empty(raw):
            continue
        suspicion = yuan_suspicion(raw, unit, budget)
        if suspicion is not None:
            letter = column_letter(index + 1)
            problems.append(
                Problem(suspicion.warning(), spec.name, number, column.header, letter, warning=True)
            )


def read_workbook(path: Path, progress: Progress | None = None) -> WorkbookRows:
    """Read every known sheet of ``path``; raises ``UnreadableWorkbook`` only for a file that is no workbook."""
    result = WorkbookRows()
    workbook = open_workbook(path)
    try:
        _read_sheets(workbook, result, progress)
    except TooManyProblems:
        list.append(result.problems, Problem(f"已发现 {MAX_PROBLEMS} 处问题，其余未再检查"))
    finally:
        workbook.close()
    if not result.errors and not any(sheet.rows for sheet in result.sheets.values()):
        names = "、".join(spec.name for spec in ALL_SHEETS)
        result.problems.append(Problem(f"没有可导入的数据：应至少有一张表（{names}）在表头下有数据行"))
    return result


def _read_sheets(workbook, result: WorkbookRows, progress: Progress | None) -> None:
    sheets = [sheet for sheet in workbook.worksheets if sheet.title.strip() in _SPECS]
    for sheet in workbook.worksheets:
        if sheet.title.strip() not in _SPECS and sheet.title.strip() not in PASSED_OVER:
            result.problems.append(Problem("不是 Ziping 的工作表，已跳过", sheet.title, warning=True))
    done = 0  # the total stays unknown (0): counting rows would parse each sheet twice
    for sheet in sheets:
        spec = _SPECS[sheet.title.strip()]
        found = _survey(workbook, sheet, spec.name, result.problems)
        if found is None or found.last_row == 0:
            continue
        sheet.reset_dimensions()  # a declared A1:XFD1048576 would pad every row to 16,384 cells
        rows = sheet.iter_rows(max_row=found.last_row, values_only=True)
        header = next(rows, None)
        if header is None or all(is_empty(value) for value in header):
            if found.last_row > 1:
                result.problems.append(Problem("第 1 行应为表头", spec.name, 1))
            continue
        columns = _header(spec, header, result.problems)
        if any(problem.sheet == spec.name and not problem.warning for problem in result.problems):
            continue
        sheet_rows = SheetRows(spec, frozenset(column.field for column, _unit in columns.values()))
        for number, cells in enumerate(rows, start=2):
            done += 1
            if progress is not None and done % 2000 == 0 and progress(done, 0) is False:
                raise ReadCancelled
            if all(is_empty(value) for value in cells):
                continue
            values = _read_row(spec, number, cells, columns, found.formulas, result.problems)
            if values is not None:
                sheet_rows.rows.append((number, values))
        result.sheets[spec.name] = sheet_rows


def column_letter(number: int) -> str:
    """1 → A, 28 → AB: the column names Excel shows (what ``openpyxl.utils.get_column_letter`` gives)."""
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
