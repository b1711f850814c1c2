"""The 决算说明 as a Word file (python-docx): Word's own heading styles, so the clerk finishes it
in Word or WPS with the navigation pane and the table of contents working; every run carries
its East Asian font (w:eastAsia), or Word falls back to a Latin font for the Chinese text."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from desktop.domain.report_tables import APPENDIX, ReportTable, cell_text
from desktop.domain.report_text import Block

EAST_ASIAN_FONT = "宋体"
HEADING_FONT = "黑体"


def _east_asian(run, font: str) -> None:
    run.font.name = font
    properties = run._element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = properties.makeelement(qn("w:rFonts"), {})
        properties.append(fonts)
    fonts.set(qn("w:eastAsia"), font)


def write_report_docx(
    path: Path, title: str, blocks: list[Block], charts: dict[int, Path], tables: list[ReportTable]
) -> None:
    """Write the blocks to ``path``, then the 附表 as Word tables; ``charts`` holds the PNG of each
    chart number (a chart without one is left as its title, for the clerk to insert)."""
    document = Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr()
    heading = document.add_heading(level=0)
    _east_asian(heading.add_run(title), HEADING_FONT)
    for block in blocks:
        if block.kind == "heading":
            paragraph = document.add_heading(level=min(block.level, 3))
            _east_asian(paragraph.add_run(block.text), HEADING_FONT)
        elif block.kind == "chart":
            image = charts.get(block.number)
            if image is not None:
                document.add_picture(str(image), width=Pt(400))
            caption = document.add_paragraph(style="Caption")
            _east_asian(caption.add_run(block.text), EAST_ASIAN_FONT)
        elif block.text:
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(24)
            _east_asian(paragraph.add_run(block.text), EAST_ASIAN_FONT)
    if tables:
        _east_asian(document.add_heading(level=1).add_run(APPENDIX), HEADING_FONT)
    for table in tables:
        _add_table(document, table)
    document.save(str(path))


def _add_table(document, table: ReportTable) -> None:
    """One table on pages of its own orientation: its title as a heading, the grid with its merged
    header cells, the notes below."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    landscape = table.orientation == "landscape"
    width, height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = width, height
    _east_asian(document.add_heading(level=2).add_run(f"{table.number} {table.title}"), HEADING_FONT)
    if table.grid is not None:
        grid = table.grid
        word = document.add_table(rows=len(grid.rows), cols=len(grid.widths))
        word.style = "Table Grid"
        for row_index, row in enumerate(grid.rows):
            for column, value in enumerate(row):
                cell = word.cell(row_index, column)
                run = cell.paragraphs[0].add_run(cell_text(value))
                run.font.size = Pt(8)
                run.bold = row_index < grid.header_rows or row_index in grid.totals
                _east_asian(run, EAST_ASIAN_FONT)
        for merge in grid.merges:
            first = word.cell(merge.first_row, merge.first_column)
            first.merge(word.cell(merge.last_row, merge.last_column))
    for note in table.notes:
        _east_asian(document.add_paragraph().add_run(note), EAST_ASIAN_FONT)
