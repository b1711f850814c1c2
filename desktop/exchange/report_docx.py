"""The 决算说明 as a Word file (python-docx): Word's own heading styles, so the clerk finishes it
in Word or WPS with the navigation pane and the table of contents working; every run carries
its East Asian font (w:eastAsia), or Word falls back to a Latin font for the Chinese text."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

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


def write_report_docx(path: Path, title: str, blocks: list[Block], charts: dict[int, Path]) -> None:
    """Write the blocks to ``path``; ``charts`` holds the PNG of each chart number (a chart
    without one is left as its title, for the clerk to insert)."""
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
    document.save(str(path))
