"""部门决算公开表 as an Excel workbook in the published layout: a sheet per table, named by its
number and title, with the number and the title over the table, the 编制单位 / 年度 / 金额单位
line, the merged multi-row header, 科目编码 in 类 | 款 | 项 columns, 行次, the two sides of the 总表
and the notes below — the layout the finance bureau's 决算 system gives the clerk, which
``import-tables`` reads. Amounts are numbers in 万元, shown with two decimals and held to the 分, so
that the workbook reads back to the same lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from desktop.domain.final_table_grid import Grid, table_grid
from desktop.domain.final_tables import ComputedTable
from desktop.exchange.workbook_temporaries import beside

PAPER_A4 = "9"
MM_PER_WIDTH = 2.0  # an Excel column width unit is about 2 mm of printed A4 at 100%
FIRST_GRID_ROW = 4  # rows 1–3: number, title, 编制单位 line
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TITLE = Font(name="宋体", size=16, bold=True)
_BODY = Font(name="宋体", size=10)
_HEADER = Font(name="宋体", size=10, bold=True)
_CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_RIGHT = Alignment(horizontal="right", vertical="center")


def sheet_name(table: ComputedTable) -> str:
    """公开01表 收入支出决算总表 (at most 31 characters, as Excel allows)."""
    return f"{table.definition.number} {table.definition.title}"[:31]


def _merge(sheet, first_row: int, first_column: int, last_row: int, last_column: int) -> None:
    if (first_row, first_column) != (last_row, last_column):
        sheet.merge_cells(
            start_row=first_row, start_column=first_column, end_row=last_row, end_column=last_column
        )


def _heading(sheet, table: ComputedTable, width: int, department: str, year: int, unit: str) -> None:
    number = sheet.cell(1, width, table.definition.number)
    number.alignment, number.font = _RIGHT, _BODY
    title = sheet.cell(2, 1, table.definition.title)
    title.alignment, title.font = _CENTRED, _TITLE
    _merge(sheet, 2, 1, 2, width)
    left = max(1, width // 2 - 1)
    sheet.cell(3, 1, f"编制单位：{department}").font = _BODY
    _merge(sheet, 3, 1, 3, left)
    if width - left > 1:
        year_cell = sheet.cell(3, left + 1, f"{year}年度")
        year_cell.alignment, year_cell.font = _CENTRED, _BODY
    unit_cell = sheet.cell(3, width, f"金额单位：{unit}")
    unit_cell.alignment, unit_cell.font = _RIGHT, _BODY


def _grid(sheet, grid: Grid) -> None:
    for index, values in enumerate(grid.rows):
        header = index < grid.header_rows
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(FIRST_GRID_ROW + index, column, value if value != "" else None)
            cell.border = _BORDER
            cell.font = _HEADER if header else _BODY
            if isinstance(value, Decimal):
                cell.number_format = "0.00"
                cell.alignment = _RIGHT
            else:
                cell.alignment = _CENTRED if header or column - 1 in grid.centred else _LEFT
    for merge in grid.merges:
        _merge(
            sheet,
            FIRST_GRID_ROW + merge.first_row,
            merge.first_column + 1,
            FIRST_GRID_ROW + merge.last_row,
            merge.last_column + 1,
        )


def _notes(sheet, table: ComputedTable, width: int, start: int, year: int) -> None:
    definition = table.definition
    notes = [definition.empty_note] if table.empty else []
    for offset, note in enumerate([*notes, *definition.notes]):
        cell = sheet.cell(start + offset, 1, note.format(year=year))
        cell.alignment, cell.font = _LEFT, _BODY
        _merge(sheet, start + offset, 1, start + offset, width)


def _setup(sheet, table: ComputedTable, grid: Grid) -> None:
    for index, width in enumerate(grid.widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = round(width / MM_PER_WIDTH, 1)
    sheet.print_title_rows = f"{FIRST_GRID_ROW}:{FIRST_GRID_ROW + grid.header_rows - 1}"
    sheet.page_setup.paperSize = PAPER_A4
    sheet.page_setup.orientation = table.definition.orientation
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


def write_published_tables(
    path: Path, tables: Sequence[ComputedTable], *, department: str, year: int, unit: str
) -> None:
    """One sheet per table, in the set's order."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        grid = table_grid(table, exact=True)
        sheet = workbook.create_sheet(sheet_name(table))
        width = len(grid.widths)
        _heading(sheet, table, width, department, year, unit)
        _grid(sheet, grid)
        _notes(sheet, table, width, FIRST_GRID_ROW + len(grid.rows), year)
        _setup(sheet, table, grid)
    with beside(path):
        workbook.save(path)
