"""Table pieces shared by the forms: a paragraph in every cell, the ruled grid, merged runs."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from desktop.printing.document import frame_height
from desktop.printing.layouts import PrintLayout
from desktop.printing.styles import FormStyles

CELL_PADDING = 2.5
GRID = (
    ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING),
)


def cell(text: str, style) -> Paragraph:
    """The text as a wrapping paragraph; the clerk's ``<`` and ``&`` print as written."""
    return Paragraph(escape(text or "").replace("\n", "<br/>"), style)


OPEN_FIRST_COLUMN = (
    ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
    ("INNERGRID", (1, 0), (-1, -1), 0.6, colors.black),
    ("LINEAFTER", (0, 0), (0, -1), 0.6, colors.black),
    *GRID[1:],
    ("VALIGN", (0, 0), (0, -1), "TOP"),
)


def ruled_table(
    rows: list[list],
    widths: Sequence[float],
    extra: Sequence[tuple] = (),
    repeat_rows: int = 0,
    open_first_column: bool = False,
    *,
    font: str,
) -> Table:
    """A fixed-width table with the full grid; ``extra`` adds spans and shading.

    With ``open_first_column`` the first column has no rules across it, so the section label in
    its header cell reads as one tall cell on every page the table runs over. ``font`` is set on
    the empty cells too, so no other font is referenced by the PDF.
    """
    table = Table(rows, colWidths=list(widths), repeatRows=repeat_rows)
    grid = OPEN_FIRST_COLUMN if open_first_column else GRID
    table.setStyle(TableStyle([*grid, ("FONTNAME", (0, 0), (-1, -1), font), *extra]))
    return table


def merge_limit(orientation: str) -> float:
    """The tallest merged cell allowed: well under a page, so a long table can still break."""
    return 0.4 * frame_height(orientation)


def title_block(layout: PrintLayout, styles: FormStyles, year: int, heading: str = "") -> list[Flowable]:
    """The form's title, its (YYYY年度) line and an optional heading line above the grid."""
    flowables: list[Flowable] = [cell(layout.title, styles.title)]
    if layout.subtitle:
        flowables.append(cell(layout.subtitle.format(year=year), styles.subtitle))
    if heading:
        flowables.append(cell(heading, styles.text))
    flowables.append(Spacer(1, 2 * mm))
    return flowables


def row_heights(rows: Sequence[Sequence], widths: Sequence[float]) -> list[float]:
    """The height each row will take, measured by wrapping its paragraphs in their columns."""
    heights = []
    for row in rows:
        tallest = 0.0
        for content, width in zip(row, widths, strict=True):
            parts = content if isinstance(content, list) else [content]
            inner = width - 2 * CELL_PADDING
            height = sum(part.wrap(inner, 1e6)[1] for part in parts if isinstance(part, Flowable))
            tallest = max(tallest, height)
        heights.append(tallest + 2 * CELL_PADDING + 1)
    return heights


def merge_column(
    values: Sequence[str], heights: Sequence[float], limit: float, parents: Sequence[str] = ()
) -> tuple[list[str], list[tuple[int, int]], list[str]]:
    """Merge consecutive equal values (within the same parent) as the official forms do.

    A table cannot break inside a merged cell, so a run taller than ``limit`` is cut into pieces,
    each merged on its own and naming its value again. Returns the text to print in each row, the
    (first, last) rows of every merged piece, and each row's piece as the parent of the next level.
    """
    printed, runs, pieces = [], [], []
    start, height = 0, 0.0
    for index, value in enumerate(values):
        same = (
            index > 0
            and value == values[index - 1]
            and (not parents or parents[index] == parents[index - 1])
            and height + heights[index] <= limit
        )
        if same:
            height += heights[index]
            printed.append("")
        else:
            if index - start > 1:
                runs.append((start, index - 1))
            start, height = index, heights[index]
            printed.append(value)
        pieces.append(f"{parents[index] if parents else ''}/{start}")
    if len(values) - start > 1:
        runs.append((start, len(values) - 1))
    return printed, runs, pieces


def span_commands(runs: Sequence[tuple[int, int]], column: int, first_row: int) -> list[tuple]:
    return [("SPAN", (column, first_row + start), (column, first_row + end)) for start, end in runs]
