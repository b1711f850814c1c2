"""The 决算说明 as an A4 PDF: headings, paragraphs indented two characters, the charts drawn by
``printing.charts`` where the text places them, 第 X 页 共 Y 页 on every page."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from desktop.domain.report_charts import Chart
from desktop.domain.report_text import Block
from desktop.printing.charts import chart_drawing
from desktop.printing.document import RenderResult, Section, render
from desktop.printing.fonts import CJK_FONT, register_font
from desktop.printing.forms import form_section
from desktop.printing.layouts import PrintLayout
from desktop.printing.sheets import FinalTableSheet


@cache
def _styles(font: str) -> dict[str, ParagraphStyle]:
    def style(name: str, size: float, **more) -> ParagraphStyle:
        return ParagraphStyle(
            f"report-{font}-{name}", fontName=font, fontSize=size, leading=size * 1.6, wordWrap="CJK", **more
        )

    return {
        "title": style("title", 18, alignment=TA_CENTER, spaceAfter=12),
        "1": style("h1", 15, alignment=TA_CENTER, spaceBefore=12, spaceAfter=6),
        "2": style("h2", 13, spaceBefore=8, spaceAfter=4),
        "3": style("h3", 12, spaceBefore=4, spaceAfter=2),
        "body": style("body", 11, firstLineIndent=22),
        "caption": style("caption", 9, alignment=TA_CENTER, spaceAfter=6),
    }


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def report_flowables(title: str, blocks: list[Block], charts: dict[int, Chart], font: str) -> list[Flowable]:
    styles = _styles(font)
    story: list[Flowable] = [Paragraph(_escape(title), styles["title"])]
    for block in blocks:
        if block.kind == "heading":
            story.append(Paragraph(_escape(block.text), styles[str(min(block.level, 3))]))
        elif block.kind == "chart":
            story.append(KeepTogether([chart_drawing(charts[block.number], font), Spacer(1, 4)]))
        elif block.text:
            story.append(Paragraph(_escape(block.text), styles["body"]))
    return story


def write_report_pdf(
    path: Path,
    title: str,
    blocks: list[Block],
    charts: list[Chart],
    table_layout: PrintLayout,
    tables: list[FinalTableSheet],
    *,
    font_file: Path | None = None,
) -> RenderResult:
    """The text with its charts, then each 附表 from a new page, printed as ``export-pdf --form
    tables`` prints it (``table_layout``)."""
    font = register_font(font_file or CJK_FONT)
    by_number = {chart.number: chart for chart in charts}
    sections = [Section("portrait", report_flowables(title, blocks, by_number, font))]
    sections += [form_section(table_layout, sheet, font) for sheet in tables]
    return render(path, sections, title=title, font=font)
