"""Table pieces shared by the forms: a paragraph in every cell, the ruled grid, the title block,
the signature lines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle
from reportlab.rl_config import _FUZZ

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


class CellParagraph(Paragraph):
    """A cell's paragraph whose parse and lines are made once per text, style and width: a table
    wraps every cell when it measures its rows and again when it draws them, a merged table once
    more to find its page break, and a form repeats the same short texts (0.00, /, its labels)
    hundreds of times. The lines of a paragraph depend on its text, style and width alone, and
    the styles never change (``styles.form_styles``), so the parsed fragments and the lines are
    shared; reportlab only reads them when it draws. ``document.render`` forgets them once the
    document is written."""

    def __init__(self, markup: str, style: ParagraphStyle):
        super().__init__(markup, style, frags=_fragments(markup, style))
        self._markup = markup

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if available_width < _FUZZ:  # reportlab's answer for “no room”
            return super().wrap(available_width, available_height)
        self.width = available_width
        self._wrapWidths, self.blPara, self.height = _lines(self._markup, self.style, available_width)
        return self.width, self.height


def forget_cell_layouts() -> None:
    """Let go of the fragments and lines kept for the document just written."""
    _fragments.cache_clear()
    _lines.cache_clear()


@lru_cache(maxsize=4096)
def _fragments(markup: str, style: ParagraphStyle) -> list:
    return Paragraph(markup, style).frags


@lru_cache(maxsize=16384)
def _lines(markup: str, style: ParagraphStyle, width: float) -> tuple[list[float], object, float]:
    paragraph = Paragraph(markup, style, frags=_fragments(markup, style))
    paragraph.wrap(width, 0)  # a paragraph's lines do not depend on the height it is offered
    return paragraph._wrapWidths, paragraph.blPara, paragraph.height


def cell(text: str, style) -> Paragraph:
    """The text as a wrapping paragraph; the clerk's ``<`` and ``&`` print as written."""
    return CellParagraph(escape(text or "").replace("\n", "<br/>"), style)


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
