"""Benchmark: the year pack of the sample department as one PDF, and a larger year made of copies
of the sample's projects with many indicators.

    python bench/pdf_pack.py [--projects 30] [--indicators 20]

Prints the seconds, pages and pages per second of each pack (the pack is laid out twice: the
first pass finds the page numbers of the contents page), and the same figures for a BASELINE
measured in the same run: reportlab alone setting the very cell texts of that pack (same font,
same size, CJK wrapping) in plain ruled tables of four columns, one per page of the pack, laid
out once. The ratio pack ÷ baseline is what the forms' layout (merged cells, two passes, page
numbers) costs; it moves far less with the speed or the load of the machine than seconds do.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from desktop.printing.fonts import register_font
from desktop.printing.styles import form_styles
from desktop.services.departments import resolve_department
from desktop.services.pdf_export import PdfExportService
from desktop.services.projects import ProjectService
from desktop.services.sample import build_sample_database
from desktop.storage.database import open_database

COLUMNS = 4


def _enlarge(engine, department_id: int, projects: int, indicators: int) -> None:
    """Add ``projects`` projects of ``indicators`` indicators each, with paragraph-long texts."""
    service = ProjectService(engine)
    text = "开展防范和处置非法集资宣传，推进风险企业处置，按时高质量完成上级下达的各项工作任务。" * 3
    for number in range(projects):
        project = service.create_project(
            department_id, 2023, f"51090322T9{number:011d}", f"测试项目{number + 1}"
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


class _CellTexts:
    """Every paragraph made while the pack is written (the texts of its cells and titles)."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self._original = Paragraph.__init__

    def __enter__(self) -> _CellTexts:
        original, texts = self._original, self.texts

        def recording(paragraph, text, *args, **kwargs):
            if isinstance(text, str):  # not the pieces reportlab makes when it splits a paragraph
                texts.append(text)
            original(paragraph, text, *args, **kwargs)

        Paragraph.__init__ = recording
        return self

    def __exit__(self, *exc) -> None:
        Paragraph.__init__ = self._original


def _baseline(texts: list[str], pages: int, out: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds and pages of ``texts`` in plain four-column tables, one layout pass.
    The rows are cut into as many tables as the pack has pages (the pack's forms are separate
    tables too), so reportlab never re-splits one huge table over and over."""
    start, cpu = time.perf_counter(), time.process_time()
    style = form_styles(register_font(), 8.5).text
    cells = [Paragraph(text, style) for text in texts]
    rows = [cells[index : index + COLUMNS] for index in range(0, len(cells), COLUMNS)]
    rows[-1] += [""] * (COLUMNS - len(rows[-1]))
    width = (A4[0] - 30 * mm) / COLUMNS
    grid = TableStyle(
        [("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("FONTNAME", (0, 0), (-1, -1), style.fontName)]
    )
    size = -(-len(rows) // pages)
    tables = [
        Table(rows[index : index + size], colWidths=[width] * COLUMNS) for index in range(0, len(rows), size)
    ]
    for table in tables:
        table.setStyle(grid)
    document = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm)
    document.build(tables)
    return time.perf_counter() - start, time.process_time() - cpu, document.page


def _time_pack(engine, department_id: int, out: Path) -> None:
    with _CellTexts() as recorded:
        start, cpu = time.perf_counter(), time.process_time()
        result = PdfExportService(engine).export(department_id, 2023, "pack", out)
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    texts = recorded.texts[len(recorded.texts) // 2 :]  # the second of the two identical passes
    base_seconds, base_cpu, base_pages = _baseline(texts, result.pages, out.with_suffix(".baseline.pdf"))
    print(
        f"{out.name}: {seconds:.2f} s（CPU {cpu_seconds:.2f} s）, {result.pages} 页, "
        f"{result.pages / seconds:.1f} 页/秒, {len(texts)} 格"
    )
    print(
        f"  基准（同一批 {len(texts)} 格的普通表格，一次排版）: {base_seconds:.2f} s（CPU {base_cpu:.2f} s）, "
        f"{base_pages} 页, {base_pages / base_seconds:.1f} 页/秒"
    )
    print(
        f"  比值 资料汇编÷基准: 时间 {seconds / base_seconds:.2f}, CPU {cpu_seconds / base_cpu:.2f}, "
        f"每页时间 {(seconds / result.pages) / (base_seconds / base_pages):.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=30)
    parser.add_argument("--indicators", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sample.sqlite3"
        build_sample_database(path)
        engine = open_database(path)
        department = resolve_department(engine)
        _time_pack(engine, department.id, Path(folder) / "sample-pack.pdf")
        _enlarge(engine, department.id, args.projects, args.indicators)
        _time_pack(engine, department.id, Path(folder) / f"pack-{args.projects}x{args.indicators}.pdf")
        engine.dispose()


if __name__ == "__main__":
    main()
