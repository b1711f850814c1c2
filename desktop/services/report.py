"""The 决算说明 of a department's year: its blocks, written from the catalogue and the clerk's texts.

The 名词解释 is the standard text shipped in resources/report/ until the department keeps its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from desktop.domain.report_figures import ReportCatalogue
from desktop.domain.report_text import GLOSSARY, Block, missing_texts, report_blocks
from desktop.paths import RESOURCES
from desktop.services.departments import list_departments
from desktop.services.report_data import ReportTexts, report_catalogue
from desktop.services.year_data import require_year_data

STANDARD_GLOSSARY = RESOURCES / "report" / "名词解释.txt"


@dataclass(frozen=True)
class Report:
    department: str
    year: int
    catalogue: ReportCatalogue
    blocks: list[Block]
    missing: list[str]  # clerk's texts still empty (主要原因 …), listed before export


def standard_glossary() -> str:
    return STANDARD_GLOSSARY.read_text(encoding="utf-8")


class ReportService:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self.texts = ReportTexts(engine)

    def report(self, department_id: int, year: int) -> Report:
        department = next(info for info in list_departments(self._engine) if info.id == department_id)
        require_year_data(self._engine, department, year)
        catalogue = report_catalogue(self._engine, department_id, year)
        texts = self.texts.texts(department_id, year)
        texts.setdefault(GLOSSARY, standard_glossary())
        return Report(
            department.name,
            year,
            catalogue,
            report_blocks(catalogue, texts, department.name),
            missing_texts(catalogue, texts),
        )
