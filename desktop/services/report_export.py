"""Exporting the 决算说明: the report's blocks written to Word (and PDF) through ``atomic_file``.

Before writing, the year's cross-table checks run; their findings and the clerk's texts still
empty travel back with the result, so the window and the command line can list them (the
clerk may go on: the report is written all the same).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from desktop.domain.report_charts import report_charts
from desktop.domain.report_tables import report_tables
from desktop.exchange.report_docx import write_report_docx
from desktop.services.atomic_file import write_atomically
from desktop.services.catalogue import FormCatalogue
from desktop.services.checks import CheckService
from desktop.services.report import ReportService


@dataclass(frozen=True)
class ReportExport:
    path: Path
    notes: list[str]  # check findings and missing texts, one line each
    pages: int = 0  # of a PDF


def report_title(department: str, year: int) -> str:
    return f"{department}{year}年度部门决算"


def _notes(engine: Engine, department_id: int, year: int, missing: list[str]) -> list[str]:
    findings = CheckService(engine).run(department_id, year)
    lines = [f"勾稽检查 {finding.rule}：{finding.message}" for finding in findings]
    return lines + [f"尚未填写：{text}" for text in missing]


def export_notes(engine: Engine, department_id: int, year: int) -> list[str]:
    """What the export dialog lists before writing: the check findings and the texts still empty."""
    report = ReportService(engine).report(department_id, year)
    return _notes(engine, department_id, year, report.missing)


def export_report_docx(engine: Engine, department_id: int, year: int, out: Path) -> ReportExport:
    """The report in Word, its charts as PNG pictures."""
    from desktop.printing.chart_images import write_chart_png

    report = ReportService(engine).report(department_id, year)
    notes = _notes(engine, department_id, year, report.missing)
    title = report_title(report.department, year)
    tables = report_tables(report.tables, year)
    with tempfile.TemporaryDirectory(prefix="ziping-charts-") as folder:
        images = {}
        for chart in report_charts(report.catalogue):
            images[chart.number] = Path(folder) / f"chart{chart.number}.png"
            write_chart_png(chart, images[chart.number])
        write_atomically(
            out, lambda temporary: write_report_docx(temporary, title, report.blocks, images, tables)
        )
    return ReportExport(out, notes)


def export_report_pdf(
    engine: Engine, department_id: int, year: int, out: Path, *, font_file: Path | None = None
) -> ReportExport:
    """The report as an A4 PDF, its charts drawn by reportlab."""
    from desktop.printing.report_pdf import write_report_pdf
    from desktop.printing.sheets import FinalTableSheet

    report = ReportService(engine).report(department_id, year)
    notes = _notes(engine, department_id, year, report.missing)
    title = report_title(report.department, year)
    charts = report_charts(report.catalogue)
    layout = FormCatalogue().layout("tables", report.province, year)
    sheets = [FinalTableSheet(report.department, year, report.table_unit, table) for table in report.tables]
    result = write_atomically(
        out,
        lambda temporary: write_report_pdf(
            temporary, title, report.blocks, charts, layout, sheets, font_file=font_file
        ),
    )
    return ReportExport(out, notes, result.pages)
