"""Writing a workbook as a clerk would print it: the template (headers only) and the export.

Every sheet has its header row bold on grey, frozen and repeated on each printed page, money
in 万元 shown as ``0.00``, dates as ``yyyy-mm-dd``, long texts wrapped, widths set per column,
A4 fitted to the page width with the sheet name above and the page number below. The file is
written next to its target and renamed, so a failed export never leaves half a workbook.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from desktop.exchange.cells import write_cell
from desktop.exchange.sheets import ALL_SHEETS, GUIDE_SHEET, Column, Kind, SheetSpec
from desktop.exchange.workbook_temporaries import beside

PAPER_A4 = "9"  # the SpreadsheetML paper code of A4
_THIN = Side(style="thin", color="808080")
_HEADER_FONT = Font(name="宋体", bold=True, size=11)
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
_HEADER_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(vertical="top", wrap_text=True)
_FORMATS = {Kind.WAN: "0.00", Kind.DATE: "yyyy-mm-dd"}


def _header_cells(sheet, spec: SheetSpec) -> list[WriteOnlyCell]:
    cells = []
    for column in spec.columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _HEADER_ALIGNMENT
        cell.border = _HEADER_BORDER
        cells.append(cell)
    return cells


def _setup(sheet, spec: SheetSpec, title: str) -> None:
    for index, column in enumerate(spec.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.paperSize = PAPER_A4
    sheet.page_setup.orientation = "landscape" if spec.landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = True
    sheet.print_options.horizontalCentered = True
    money = any(column.kind is Kind.WAN for column in spec.columns)
    sheet.oddHeader.center.text = f"{title}{spec.name}" + ("（金额单位：万元）" if money else "")
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


def _row(sheet, columns: tuple[Column, ...], values: Sequence) -> list:
    row = []
    for column, value in zip(columns, values, strict=True):
        written = write_cell(column.kind, value)
        number_format = _FORMATS.get(column.kind)
        if written is not None and (number_format or column.kind is Kind.LONG_TEXT):
            cell = WriteOnlyCell(sheet, value=written)
            if number_format:
                cell.number_format = number_format
            else:
                cell.alignment = _WRAP
            written = cell
        row.append(written)
    return row


def _guide(workbook: Workbook) -> None:
    sheet = workbook.create_sheet(GUIDE_SHEET)
    for index, width in enumerate((12, 18, 14, 8, 40), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append(["工作表", "列", "内容", "必填", "也可写作"])
    for spec in ALL_SHEETS:
        for column in spec.columns:
            required = "是" if column.required else ""
            sheet.append([spec.name, column.header, column.kind.value, required, "、".join(column.variants)])


def write_workbook(
    path: Path,
    tables: Iterable[tuple[SheetSpec, Iterable[Sequence]]],
    *,
    title: str = "",
    guide: bool = False,
) -> None:
    """Write one sheet per ``(spec, rows)``; each row gives the field values in the order of ``spec.columns``."""
    path = Path(path)
    temporary = path.with_name(f".{path.stem}.{os.getpid()}.writing.xlsx")
    try:
        with beside(temporary):  # the sheets' XML is written while rows are appended
            workbook = Workbook(write_only=True)
            for spec, rows in tables:
                sheet = workbook.create_sheet(spec.name)
                _setup(sheet, spec, title)
                sheet.append(_header_cells(sheet, spec))
                for values in rows:
                    sheet.append(_row(sheet, spec.columns, values))
            if guide:
                _guide(workbook)
            workbook.save(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_template(path: Path) -> None:
    """The blank workbook: every sheet with its header row, and a 说明 sheet listing the columns."""
    write_workbook(path, ((spec, ()) for spec in ALL_SHEETS), guide=True)
