"""Exporting the 决算说明: the report's blocks written to Word (and PDF) through ``atomic_file``.

Before writing, the year's cross-table checks run; their findings and the clerk's texts still
empty travel back with the result, so the window and the command line can list them (the
clerk may go on: the report is written all the same).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from desktop.exchange.report_docx import write_report_docx
from desktop.services.atomic_file import write_atomically
from desktop.services.checks import CheckService
from desktop.services.report import ReportService


@dataclass(frozen=True)
class ReportExport:
    path: Path
    notes: list[str]  # check findings and missing texts, one line each


def report_title(department: str, year: int) -> str:
    return f"{department}{year}年度部门决算"


def _notes(engine: Engine, department_id: int, year: int, missing: list[str]) -> list[str]:
    findings = CheckService(engine).run(department_id, year)
    lines = [f"勾稽检查 {finding.rule}：{finding.message}" for finding in findings]
    return lines + [f"尚未填写：{text}" for text in missing]


def export_report_docx(engine: Engine, department_id: int, year: int, out: Path) -> ReportExport:
    report = ReportService(engine).report(department_id, year)
    notes = _notes(engine, department_id, year, report.missing)
    title = report_title(report.department, year)
    write_atomically(out, lambda temporary: write_report_docx(temporary, title, report.blocks, {}))
    return ReportExport(out, notes)
