"""The 决算说明 of a department's year: its blocks, written from the catalogue and the clerk's texts.

The 名词解释 is the standard text shipped in resources/report/ until the department keeps its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from desktop.domain.final_tables import ComputedTable
from desktop.domain.report_figures import ReportCatalogue
from desktop.domain.report_performance import PERFORMANCE_SECTIONS, PerformanceFacts, performance_blocks
from desktop.domain.report_text import (
    CLERK_SECTIONS,
    COMPARED,
    DUTIES,
    GLOSSARY,
    ORGANISATION,
    REASON,
    Block,
    missing_texts,
    report_blocks,
)
from desktop.paths import RESOURCES
from desktop.services.budget import BudgetService
from desktop.services.catalogue import FormCatalogue
from desktop.services.departments import list_departments
from desktop.services.final_tables import FinalTablesService
from desktop.services.report_data import DEPARTMENT_WIDE, ReportTexts, report_catalogue
from desktop.services.scoring import ScoringService
from desktop.services.year_data import require_year_data

STANDARD_GLOSSARY = RESOURCES / "report" / "glossary.txt"  # 名词解释; shipped names are ASCII (see test_packaging)


@dataclass(frozen=True)
class ReportSection:
    """A text the clerk writes, as the 决算说明文字 dialog lists it."""

    section: str
    label: str
    text: str
    department_wide: bool  # kept for every year (职责, 机构)


@dataclass(frozen=True)
class Report:
    department: str
    year: int
    catalogue: ReportCatalogue
    blocks: list[Block]
    missing: list[str]  # clerk's texts still empty (主要原因 …), listed before export
    tables: tuple[ComputedTable, ...] = ()  # the 附表: the province's 决算公开 table set
    table_unit: str = "万元"
    province: str = ""


def standard_glossary() -> str:
    return STANDARD_GLOSSARY.read_text(encoding="utf-8")


class ReportService:
    def __init__(self, engine: Engine, catalogue: FormCatalogue | None = None) -> None:
        self._engine = engine
        self._catalogue = catalogue or FormCatalogue()
        self.texts = ReportTexts(engine)

    def report(self, department_id: int, year: int) -> Report:
        department = next(info for info in list_departments(self._engine) if info.id == department_id)
        require_year_data(self._engine, department, year)
        catalogue = report_catalogue(self._engine, department_id, year)
        texts = self.texts.texts(department_id, year)
        texts.setdefault(GLOSSARY, standard_glossary())
        tables = FinalTablesService(self._engine, self._catalogue).year_tables(department_id, year)
        printable = tables.has_lines and not tables.problems
        unprintable = [f"附表未能生成：{problem}" for problem in tables.problems.values()]
        return Report(
            department.name,
            year,
            catalogue,
            [
                *report_blocks(catalogue, texts, department.name),
                *performance_blocks(catalogue, texts, department.name, self._facts(department_id, year)),
            ],
            [
                *missing_texts(catalogue, texts),
                *[section for section in PERFORMANCE_SECTIONS if not texts.get(section, "").strip()],
                *unprintable,
            ],
            tables.tables if printable else (),
            tables.table_set.unit,
            department.province,
        )

    def sections(self, department_id: int, year: int) -> list[ReportSection]:
        """Every text of the report with what the clerk has written (名词解释: the standard text until edited)."""
        texts = self.texts.texts(department_id, year)
        texts.setdefault(GLOSSARY, standard_glossary())
        listed = [(REASON + name, f"{name}变动的主要原因") for name in COMPARED]
        listed += [(section, section) for section in (*CLERK_SECTIONS, GLOSSARY)]
        listed += [(section, section.replace("绩效·", "绩效报告·")) for section in PERFORMANCE_SECTIONS]
        return [
            ReportSection(section, label, texts.get(section, ""), section in (DUTIES, ORGANISATION))
            for section, label in listed
        ]

    def save_text(self, department_id: int, year: int, section: ReportSection, text: str) -> None:
        """Keep the clerk's text: 职责 and 机构 for every year, the others for ``year``."""
        self.texts.save(
            department_id, DEPARTMENT_WIDE if section.department_wide else year, section.section, text
        )

    def _facts(self, department_id: int, year: int) -> PerformanceFacts:
        """The 附件's figures that are not the 决算's: 执行进度 and the scorecard's result."""
        progress = tuple(
            (row.month, row.progress)
            for row in BudgetService(self._engine, self._catalogue).checkpoints(department_id, year)
            if row.progress is not None
        )
        card = ScoringService(self._engine, self._catalogue).department_scorecard(department_id, year)
        if card is None:
            return PerformanceFacts(progress)
        return PerformanceFacts(progress, card.total, card.grade)
