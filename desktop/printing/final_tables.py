"""部门决算公开表 on paper: each table of the province's set on its own pages, in its published
layout (``desktop.domain.final_table_grid``): the table number and title, the 编制单位 / 年度 /
金额单位 line, the ruled grid with its merged header repeated on every page, and the notes (or the
province's “本表无数据” wording for a table with no data)."""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from desktop.domain.final_table_grid import Grid, table_grid
from desktop.printing.cells import CELL_PADDING, cell, ruled_table
from desktop.printing.layouts import PrintLayout
from desktop.printing.sheets import FinalTableSheet
from desktop.printing.styles import FormStyles


def _heading(sheet: FinalTableSheet, layout: PrintLayout, styles: FormStyles, width: float) -> list[Flowable]:
    fields = {"department": sheet.department, "year": sheet.year, "unit": sheet.unit}
    line = Table(
        [
            [
                cell(layout.label("department").format(**fields), styles.text),
                cell(layout.label("year").format(**fields), styles.centred),
                cell(layout.label("unit").format(**fields), styles.number),
            ]
        ],
        colWidths=[width * 0.45, width * 0.2, width * 0.35],
    )
    line.setStyle(
        TableStyle(
            [("FONTNAME", (0, 0), (-1, -1), styles.text.fontName), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
        )
    )
    return [
        cell(sheet.table.definition.number, styles.number),
        cell(sheet.table.definition.title, styles.title),
        Spacer(1, 2 * mm),
        line,
    ]


def _text(value: str | Decimal) -> str:
    return f"{value:.2f}" if isinstance(value, Decimal) else value


def _style(value: str | Decimal, column: int, grid: Grid, styles: FormStyles):
    if isinstance(value, Decimal):
        return styles.number
    return styles.centred if column in grid.centred else styles.text


def final_table_flowables(sheet: FinalTableSheet, layout: PrintLayout, styles: FormStyles) -> list[Flowable]:
    grid = table_grid(sheet.table)
    widths = [width * mm for width in grid.widths]
    rows = []
    for index, values in enumerate(grid.rows):
        if index < grid.header_rows:
            rows.append([cell(_text(value), styles.label) for value in values])
        else:
            rows.append(
                [
                    cell(_text(value), _style(value, column, grid, styles))
                    for column, value in enumerate(values)
                ]
            )
    spans = [
        ("SPAN", (merge.first_column, merge.first_row), (merge.last_column, merge.last_row))
        for merge in grid.merges
    ]
    shading = [("BACKGROUND", (0, 0), (-1, grid.header_rows - 1), "#EEEEEE")]
    table = ruled_table(rows, widths, [*spans, *shading], grid.header_rows, font=styles.text.fontName)
    definition = sheet.table.definition
    notes = [definition.empty_note] if sheet.table.empty else []
    notes += list(definition.notes)
    return [
        *_heading(sheet, layout, styles, sum(widths)),
        table,
        Spacer(1, CELL_PADDING),
        *[cell(note.format(year=sheet.year), styles.note) for note in notes],
    ]
