"""The 附表 of the 决算说明 in the PDF: each table's grid as a reportlab ``Table`` with its merged
header cells and fixed column widths, header rows repeated on every page, notes below."""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from desktop.domain.report_tables import ReportTable, cell_text


@cache
def _styles(font: str) -> dict[str, ParagraphStyle]:
    def style(name: str, size: float, **more) -> ParagraphStyle:
        return ParagraphStyle(
            f"report-table-{font}-{name}",
            fontName=font,
            fontSize=size,
            leading=size * 1.3,
            wordWrap="CJK",
            **more,
        )

    return {
        "title": style("title", 13, alignment=TA_CENTER, spaceAfter=6),
        "text": style("text", 7),
        "number": style("number", 7, alignment=TA_RIGHT),
        "note": style("note", 8),
    }


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def table_flowables(table: ReportTable, font: str) -> list[Flowable]:
    styles = _styles(font)
    story: list[Flowable] = [Paragraph(_escape(f"{table.number} {table.title}"), styles["title"])]
    grid = table.grid
    if grid is not None:
        cells = [
            [
                Paragraph(_escape(cell_text(value)), styles["text" if isinstance(value, str) else "number"])
                for value in row
            ]
            for row in grid.rows
        ]
        commands = [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (-1, grid.header_rows - 1), colors.HexColor("#EEEEEE")),
        ]
        commands += [
            ("SPAN", (merge.first_column, merge.first_row), (merge.last_column, merge.last_row))
            for merge in grid.merges
        ]
        flowable = Table(cells, colWidths=[width * mm for width in grid.widths], repeatRows=grid.header_rows)
        flowable.setStyle(TableStyle(commands))
        story.append(flowable)
    story += [Spacer(1, 4), *(Paragraph(_escape(note), styles["note"]) for note in table.notes)]
    return story
