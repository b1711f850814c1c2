"""Reading a workbook a clerk or another program filled: every cell checked, every problem placed.

``read_workbook`` never writes anything and never raises for a bad cell: it returns the rows it
could read and a list of ``Problem`` (sheet, row, column, reason). A file that is not an .xlsx
workbook at all (random bytes, an old .xls, a password-protected workbook) raises
``UnreadableWorkbook`` at once. Formulas and merged cells are looked for in the sheet XML first, so
the common file without them is read in one fast read-only pass.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.domain.money import MoneyUnit
from desktop.exchange.cells import CellError, is_empty, read_cell
from desktop.exchange.sheets import ALL_SHEETS, PASSED_OVER, Column, SheetSpec, match_column, split_header

ZIP_SIGNATURE = b"PK\x03\x04"
CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: .xls, or an encrypted .xlsx
_WORKSHEET_XML = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_SPECS = {spec.name: spec for spec in ALL_SHEETS}

Progress = Callable[[int, int], bool]  # (rows read, rows in all or 0 if unknown) → False to cancel


class UnreadableWorkbook(Exception):
    """A file that is no .xlsx workbook (random bytes, .xls, encrypted, damaged); the message is Chinese."""


class ReadCancelled(Exception):
    """The clerk cancelled the import while the workbook was being read."""


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
    problems: list[Problem] = field(default_factory=list)

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


def _scan(path: Path) -> bool:
    """Whether any sheet holds a formula or a merged cell (then the slow, full load is needed)."""
    try:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if not _WORKSHEET_XML.match(name):
                    continue
                with archive.open(name) as member:
                    tail = b""
                    while chunk := member.read(1 << 20):
                        window = tail + chunk
                        if b"<f>" in window or b"<f " in window or b"<mergeCell " in window:
                            return True
                        tail = chunk[-16:]
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise UnreadableWorkbook(f"{path.name} 已损坏，不是可读取的 .xlsx 文件（{error}）") from error
    return False


def _load(path: Path, **options):
    try:
        from openpyxl import load_workbook  # loaded on the first import, not at start-up

        return load_workbook(path, **options)
    except Exception as error:  # openpyxl raises many kinds for a damaged file; all mean "unreadable"
        raise UnreadableWorkbook(
            f"{path.name} 已损坏或不是 Excel 工作簿，无法读取（{type(error).__name__}）"
        ) from error


def _inspect(path: Path, problems: list[Problem]) -> set[tuple[str, int, int]]:
    """Report merged cells in known sheets; return where the formulas are (sheet, row, column)."""
    formulas: set[tuple[str, int, int]] = set()
    workbook = _load(path, data_only=False)
    try:
        for sheet in workbook.worksheets:
            name = sheet.title.strip()
            if name not in _SPECS:
                continue
            for merged in sheet.merged_cells.ranges:
                where = "表头" if merged.min_row == 1 else ""
                problems.append(
                    Problem(
                        f"{where}有合并单元格 {merged.coord}，请取消合并（每列一个表头、每格一个值）",
                        name,
                        merged.min_row,
                    )
                )
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        formulas.add((name, cell.row, cell.column))
    finally:
        workbook.close()
    return formulas


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
    formulas: set[tuple[str, int, int]],
    problems: list[Problem],
) -> dict[str, object] | None:
    values: dict[str, object] = {}
    ok = True
    for index, (column, unit) in columns.items():
        raw = cells[index] if index < len(cells) else None
        letter = column_letter(index + 1)
        if raw is None and (spec.name, number, index + 1) in formulas:
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
    return values if ok else None


def read_workbook(path: Path, progress: Progress | None = None) -> WorkbookRows:
    """Read every known sheet of ``path``; raises ``UnreadableWorkbook`` only for a file that is no workbook."""
    path = Path(path)
    _check_signature(path)
    result = WorkbookRows()
    formulas = _inspect(path, result.problems) if _scan(path) else set()
    workbook = _load(path, read_only=True, data_only=True)
    try:
        sheets = [sheet for sheet in workbook.worksheets if sheet.title.strip() in _SPECS]
        for sheet in workbook.worksheets:
            if sheet.title.strip() not in _SPECS and sheet.title.strip() not in PASSED_OVER:
                result.problems.append(Problem("不是 Ziping 的工作表，已跳过", sheet.title, warning=True))
        done = 0  # the total stays unknown (0): counting rows would parse each sheet twice
        for sheet in sheets:
            spec = _SPECS[sheet.title.strip()]
            rows = sheet.iter_rows(values_only=True)
            header = next(rows, None)
            if header is None or all(is_empty(value) for value in header):
                if header is not None and any(any(not is_empty(v) for v in row) for row in rows):
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
                values = _read_row(spec, number, cells, columns, formulas, result.problems)
                if values is not None:
                    sheet_rows.rows.append((number, values))
            result.sheets[spec.name] = sheet_rows
    finally:
        workbook.close()
    if not result.errors and not any(sheet.rows for sheet in result.sheets.values()):
        names = "、".join(spec.name for spec in ALL_SHEETS)
        result.problems.append(Problem(f"没有可导入的数据：应至少有一张表（{names}）在表头下有数据行"))
    return result


def column_letter(number: int) -> str:
    """1 → A, 28 → AB: the column names Excel shows (what ``openpyxl.utils.get_column_letter`` gives)."""
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
