"""All the services of one open database, built once by a composition root (app.py, cli.py)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from desktop.services.audit_log import AuditLogService
from desktop.services.budget import BudgetService
from desktop.services.catalogue import FormCatalogue
from desktop.services.changes import ChangeFeed
from desktop.services.checks import CheckService
from desktop.services.excel import ExcelService
from desktop.services.final_tables import FinalTablesService
from desktop.services.pdf_export import PdfExportService
from desktop.services.projects import ProjectService
from desktop.services.register import RegisterService
from desktop.services.scoring import ScoringService


@dataclass(frozen=True)
class Services:
    engine: Engine
    changes: ChangeFeed  # what each committed write changed, for the window to pass to its tabs
    audit: AuditLogService
    budget: BudgetService
    checks: CheckService
    excel: ExcelService
    final_tables: FinalTablesService  # the 决算公开 tables of a year, computed
    pdf: PdfExportService
    projects: ProjectService
    register: RegisterService
    scoring: ScoringService
    catalogue: FormCatalogue


def build_services(engine: Engine, catalogue: FormCatalogue | None = None) -> Services:
    """The services of one database; ``catalogue`` is where the forms are (the shipped forms/ unless told)."""
    catalogue = catalogue or FormCatalogue()
    scoring = ScoringService(engine, catalogue)
    return Services(
        engine=engine,
        changes=ChangeFeed(engine),
        budget=BudgetService(engine, catalogue),
        audit=AuditLogService(engine),
        checks=CheckService(engine, scoring),
        excel=ExcelService(engine),
        final_tables=FinalTablesService(engine, catalogue),
        pdf=PdfExportService(engine, catalogue=catalogue),
        projects=ProjectService(engine, catalogue),
        register=RegisterService(engine),
        scoring=scoring,
        catalogue=catalogue,
    )
