"""Benchmark: the printed forms of the sample department against bare reportlab drawing the same
content in the same run.

    python -m bench.pdf

Five documents: one 自评表 (the sample project with the most indicators), the year pack, the
决算公开表, the 决算说明 report, and the pack of a larger year (the sample plus 30 projects × 20
indicators). Each is timed from the prepared sheets to the saved file (``write_form``,
``write_pack``, ``write_report_pdf`` called with the very arguments the export services pass) and,
in the note, as the whole export from the database; the 自评表's figure is its whole export (its
target is seconds), the others' the printing (their target is a ratio to the floor).

THE FLOOR of each document is reportlab alone drawing what that document drew, page by page. The
document is printed once with every flowable its frames draw recorded; from the record the floor
keeps plain values only: each paragraph's text and ParagraphStyle (the same font, size, leading,
CJK wrapping), each table's cell texts with their styles, column widths, spans and the forms'
cell paddings (a plain grid, no other table style), each spacer's size and each chart's
``Drawing``. The timed floor makes the Paragraphs and Tables from those values and lays them out
with a ``BaseDocTemplate`` of the same A4 frames, a page break after each recorded page, the
page orientation of each page, and 第 X 页 共 Y 页 in the footer. So it draws the same characters,
in the same cells, on the same number of pages (the note says so when the counts differ); what
it leaves out is the forms' own work: merged headings rebuilt on every page, finding the page
breaks of merged tables, keeping the closing rows together, the page marks and numbers.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import ActionFlowable

from bench.figures import Figure, best_of
from desktop.paths import CJK_FONT
from desktop.printing import document, forms, pack, report_pdf
from desktop.printing.cells import CELL_PADDING, RIGHT_PADDING
from desktop.printing.fonts import register_font
from desktop.printing.merged_table import MergedTable
from desktop.services.departments import resolve_department
from desktop.services.pdf_export import PdfExportService
from desktop.services.projects import ProjectService
from desktop.services.report_export import export_report_pdf
from desktop.services.sample import build_sample_database
from desktop.storage.database import open_database

GROUP = "打印"
FLOOR_NAME = "裸 reportlab 画同样的段落和表格（同一字体、同样的页数）"
REPEATS = 5
LARGER_PROJECTS, LARGER_INDICATORS = 30, 20  # a larger year: every project's forms over pages
YEAR = 2023


# 记录：文件每一页画了什么 ---------------------------------------------------------------------


@dataclass
class _Page:
    orientation: str
    items: list[tuple]  # ("p", markup, style) | ("t", rows, widths, spans) | ("s", w, h) | ("d", drawing)


def _markup(paragraph: Flowable) -> str:
    return escape(paragraph.getPlainText())


def _cell_values(value, first_pages: dict[str, int]) -> list[tuple[str, object]]:
    """A table cell as (markup, style) pairs: a paragraph, a list of them, a page number or ''."""
    parts = value if isinstance(value, list | tuple) else [value]
    values = []
    for part in parts:
        if isinstance(part, Paragraph):
            values.append((_markup(part), part.style))
        elif isinstance(part, document.PageNumber):
            values.append((str(first_pages[part.key]), part.style))
        elif part not in ("", None):
            raise TypeError(f"a table cell of {type(part).__name__} is not recorded")
    return values


class _Recorder:
    """Notes every flowable a frame draws, with the page; afterwards the plain values of each page."""

    def __init__(self) -> None:
        self.drawn: list[tuple[int, str, Flowable]] = []
        self._original = Frame.add

    @contextlib.contextmanager
    def recording(self) -> Iterator[_Recorder]:
        original, drawn = self._original, self.drawn

        def add(frame, flowable, canv, trySplit=0):  # noqa: N803 - reportlab's name
            done = original(frame, flowable, canv, trySplit)
            if done:
                drawn.append((canv.getPageNumber(), frame.id, flowable))
            return done

        Frame.add = add
        try:
            yield self
        finally:
            Frame.add = self._original

    def pages(self, first_pages: dict[str, int]) -> list[_Page]:
        pages: dict[int, _Page] = {}
        for number, orientation, flowable in self.drawn:
            page = pages.setdefault(number, _Page(orientation, []))
            if isinstance(flowable, MergedTable):
                flowable = flowable._table
            if isinstance(flowable, Paragraph):
                page.items.append(("p", _markup(flowable), flowable.style))
            elif isinstance(flowable, Table):
                rows = [[_cell_values(value, first_pages) for value in row] for row in flowable._cellvalues]
                spans = [command for command in flowable._spanCmds if command[0] == "SPAN"]
                page.items.append(("t", rows, list(flowable._colWidths), spans))
            elif isinstance(flowable, Spacer):
                page.items.append(("s", flowable.width, flowable.height))
            elif isinstance(flowable, Drawing):
                page.items.append(("d", flowable))
            elif not isinstance(flowable, ActionFlowable | document._PageMark):
                raise TypeError(f"a drawn {type(flowable).__name__} is not recorded")
        return [pages[number] for number in sorted(pages)]


# 基准：裸 reportlab -------------------------------------------------------------------------------


def _floor_flowables(item: tuple, font: str) -> Flowable:
    kind = item[0]
    if kind == "p":
        return Paragraph(item[1], item[2])
    if kind == "s":
        return Spacer(item[1], item[2])
    if kind == "d":
        return item[1]
    rows, widths, spans = item[1], item[2], item[3]
    cells = [
        [[Paragraph(markup, style) for markup, style in value] if value else "" for value in row]
        for row in rows
    ]
    table = Table(cells, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), RIGHT_PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING),
                *spans,
            ]
        )
    )
    return table


def _floor(pages: list[_Page], font: str, out: Path) -> int:
    """Lay ``pages`` out with bare reportlab; the number of pages it made."""
    total = len(pages)

    def footer(canvas, doc) -> None:
        canvas.setFont(font, 9)
        canvas.drawCentredString(
            canvas._pagesize[0] / 2, document.FOOTER_Y, f"第 {doc.page} 页 共 {total} 页"
        )

    story: list[Flowable] = []
    for index, page in enumerate(pages):
        if index:
            story += [NextPageTemplate(page.orientation), PageBreak()]
        story += [_floor_flowables(item, font) for item in page.items]
    templates = []
    for orientation, size in document.PAGE_SIZES.items():
        width, height = size[0] - 2 * document.MARGIN, size[1] - 2 * document.MARGIN
        frame = Frame(document.MARGIN, document.MARGIN, width, height, 0, 0, 0, 0, id=orientation)
        templates.append(PageTemplate(id=orientation, frames=[frame], pagesize=size, onPage=footer))
    templates.sort(key=lambda template: template.id != pages[0].orientation)
    doc = BaseDocTemplate(
        str(out), pagesize=document.PAGE_SIZES[pages[0].orientation], invariant=1, initialFontName=font
    )
    doc.addPageTemplates(templates)
    doc.build(story)
    return doc.page


# 被测：导出服务传给打印模块的参数 ---------------------------------------------------------------


@dataclass
class _Call:
    function: Callable
    args: tuple
    kwargs: dict

    def __call__(self, path: Path):
        return self.function(path, *self.args[1:], **self.kwargs)


@contextlib.contextmanager
def _capturing(module, name: str) -> Iterator[list[_Call]]:
    """Record the arguments of ``module.name`` (the services import it when they export)."""
    calls: list[_Call] = []
    original = getattr(module, name)

    def capture(*args, **kwargs):
        calls.append(_Call(original, args, kwargs))
        return original(*args, **kwargs)

    setattr(module, name, capture)
    try:
        yield calls
    finally:
        setattr(module, name, original)


def _largest_project(engine, department_id: int) -> str:
    projects = ProjectService(engine)
    details = [projects.get(row.id) for row in projects.list(department_id, YEAR)]
    evaluated = [detail for detail in details if detail.scores.evaluated]
    return max(evaluated, key=lambda detail: len(detail.indicators)).code


def _best_in_turns(actions: list[Callable[[], object]], repeats: int) -> list[float]:
    """The best of ``repeats`` runs of each action, the actions taking turns so all see the same load."""
    timings = [[best_of(action, 1) for action in actions] for _ in range(repeats)]
    return [min(column) for column in zip(*timings, strict=True)]


def _figure(
    name: str,
    call: _Call,
    work: Path,
    export: Callable[[], object],
    *,
    max_ratio: float | None = None,
    max_seconds: float | None = None,
    repeats: int = REPEATS,
) -> Figure:
    """``call`` prints the prepared sheets, ``export`` does the whole export from the database. The
    figure is the printing against the floor, or with ``max_seconds`` the whole export."""
    out = work / f"{name}.pdf"
    recorder = _Recorder()
    with recorder.recording():
        result = call(out)
    pages = recorder.pages(result.first_pages)
    font_file = call.kwargs.get("font_file")
    font = register_font(font_file) if font_file else register_font()
    floor_out = work / f"{name}.floor.pdf"
    floor_pages = _floor(pages, font, floor_out)
    printing, floor_seconds, exported = _best_in_turns(
        [lambda: call(out), lambda: _floor(pages, font, floor_out), export], repeats
    )
    same = "同样页数" if floor_pages == result.pages else f"基准排成 {floor_pages} 页"
    note = (
        f"{result.pages} 页；排版 {printing * 1000:.0f} ms，{result.pages / printing:.0f} 页/秒，"
        f"为基准的 {printing / floor_seconds:.2f} 倍；基准 {floor_pages / floor_seconds:.0f} 页/秒，{same}；"
        f"连同读数据库导出 {exported * 1000:.0f} ms"
    )
    seconds = exported if max_seconds is not None else printing
    return Figure(GROUP, name, seconds, FLOOR_NAME, floor_seconds, max_ratio, max_seconds, note)


def _enlarge(engine, department_id: int, projects: int, indicators: int) -> None:
    """Add ``projects`` projects of ``indicators`` indicators each, with paragraph-long texts."""
    service = ProjectService(engine)
    text = "开展防范和处置非法集资宣传，推进风险企业处置，按时高质量完成上级下达的各项工作任务。" * 3
    for number in range(projects):
        project = service.create_project(
            department_id, YEAR, f"51090322T9{number:011d}", f"测试项目{number + 1}"
        )
        for field in ("annual_goal", "goal_completion", "implementation_summary", "conclusion", "problems"):
            service.update_project(project.id, field, text)
        service.update_funding(project.id, "财政资金", "adjusted_budget", "100")
        service.update_funding(project.id, "财政资金", "executed", "95")
        for index in range(indicators):
            service.add_indicator(
                project.id,
                f"指标{index + 1}",
                level1=("产出指标", "效益指标", "满意度指标")[index * 3 // indicators],
                level2="数量指标",
                nature="≥",
                target="100",
                unit="%",
                weight=str(round(90 / indicators, 2)),
                actual="95",
            )


def measure(work: Path) -> list[Figure]:
    work.mkdir(parents=True, exist_ok=True)
    database = work / "pdf-sample.sqlite3"
    database.unlink(missing_ok=True)
    build_sample_database(database)
    engine = open_database(database)
    department = resolve_department(engine).id
    service = PdfExportService(engine)
    code = _largest_project(engine, department)
    figures = []

    def one() -> None:
        service.export(department, YEAR, "self-eval", work / "one.pdf", code)

    with _capturing(forms, "write_form") as calls:
        one()
    figure = _figure(f"一张自评表（{code}，从数据库导出）", calls[0], work, one, max_seconds=0.15)
    font_parse = best_of(lambda: TTFont("probe", str(CJK_FONT), subfontIndex=0), 3)
    note = (
        f"{figure.note}；每个进程第一次导出另需解析字体 {font_parse * 1000:.0f} ms（register_font 只做一次）"
    )
    figures.append(replace(figure, note=note))

    def year_pack() -> None:
        service.export(department, YEAR, "pack", work / "pack.pdf")

    with _capturing(pack, "write_pack") as calls:
        year_pack()
    figures.append(_figure("资料汇编", calls[0], work, year_pack, max_ratio=1.3))

    def tables() -> None:
        service.export(department, YEAR, "tables", work / "tables.pdf")

    with _capturing(forms, "write_form") as calls:
        tables()
    figures.append(_figure("部门决算公开表", calls[0], work, tables, max_ratio=1.3))

    def report() -> None:
        export_report_pdf(engine, department, YEAR, work / "report.pdf")

    with _capturing(report_pdf, "write_report_pdf") as calls:
        report()
    figures.append(_figure("决算说明（含附表）", calls[0], work, report, max_ratio=1.3))

    _enlarge(engine, department, LARGER_PROJECTS, LARGER_INDICATORS)
    with _capturing(pack, "write_pack") as calls:
        year_pack()
    name = f"资料汇编（另加 {LARGER_PROJECTS} 个项目 × {LARGER_INDICATORS} 项指标）"
    figures.append(_figure(name, calls[0], work, year_pack, max_ratio=1.3, repeats=3))
    engine.dispose()
    return figures


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for figure in measure(Path(folder)):
            ratio = f"{figure.ratio:.2f}×" if figure.ratio else "-"
            print(
                f"{figure.name}: {figure.seconds * 1000:.0f} ms, 基准 {figure.floor_seconds * 1000:.0f} ms, "
                f"比值 {ratio}, {'达标' if figure.met else '未达标' if figure.met is False else ''}\n  {figure.note}"
            )


if __name__ == "__main__":
    main()
