"""Table pieces shared by the forms: a paragraph in every cell, the ruled grid, the title block,
the signature lines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from desktop.errors import UserInputError
from desktop.printing.layouts import PrintLayout
from desktop.printing.styles import FormStyles

CELL_PADDING = 2.5
RIGHT_PADDING = 4  # a little more on the right: screen renderings at low resolution draw glyphs wider
GRID = (
    ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ("RIGHTPADDING", (0, 0), (-1, -1), RIGHT_PADDING),
    ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING),
)


def cell(text: str, style) -> Paragraph:
    """The text as a wrapping paragraph; the clerk's ``<`` and ``&`` print as written."""
    return Paragraph(escape(text or "").replace("\n", "<br/>"), style)


def ruled_table(
    rows: list[list], widths: Sequence[float], extra: Sequence[tuple] = (), repeat_rows: int = 0, *, font: str
) -> Table:
    """A fixed-width table with the full grid; ``extra`` adds spans. ``font`` is set on the empty
    cells too, so the PDF references no other font."""
    table = Table(rows, colWidths=list(widths), repeatRows=repeat_rows)
    table.setStyle(TableStyle([*GRID, ("FONTNAME", (0, 0), (-1, -1), font), *extra]))
    return table


def signature_lines(
    layout: PrintLayout, styles: FormStyles, width: float, names: Mapping[str, str]
) -> list[Flowable]:
    """The layout's signature and date lines side by side under the grid, over ``width`` points,
    ``{project_lead}`` and the like filled from ``names``; none when the layout has none."""
    if not layout.signatures:
        return []
    try:
        texts = [line.format_map(names) for line in layout.signatures]
    except KeyError as error:
        raise UserInputError(f"打印格式“{layout.id}.toml”的签字栏“{error.args[0]}”无从填写") from None
    widths = [width / len(texts)] * len(texts)
    table = Table([[cell(text, styles.signature) for text in texts]], colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles.signature.fontName),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), 4 * mm),
            ]
        )
    )
    return [table]


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
    """The height each row takes without merged cells, measured by wrapping its paragraphs."""
    heights = []
    for row in rows:
        tallest = 0.0
        for content, width in zip(row, widths, strict=True):
            parts = content if isinstance(content, list) else [content]
            inner = width - CELL_PADDING - RIGHT_PADDING
            height = sum(part.wrap(inner, 1e6)[1] for part in parts if isinstance(part, Flowable))
            tallest = max(tallest, height)
        heights.append(tallest + 2 * CELL_PADDING + 1)
    return heights
