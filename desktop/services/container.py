"""All the services of one open database, built once by a composition root (app.py, cli.py)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from desktop.services.audit_log import AuditLogService
from desktop.services.budget import BudgetService
from desktop.services.checks import CheckService
from desktop.services.excel import ExcelService
from desktop.services.pdf_export import PdfExportService
from desktop.services.projects import ProjectService
from desktop.services.register import RegisterService
from desktop.services.scoring import ScoringService


@dataclass(frozen=True)
class Services:
    engine: Engine
    audit: AuditLogService
    budget: BudgetService
    checks: CheckService
    excel: ExcelService
    pdf: PdfExportService
    projects: ProjectService
    register: RegisterService
    scoring: ScoringService


def build_services(engine: Engine) -> Services:
    scoring = ScoringService(engine)
    return Services(
        engine=engine,
        audit=AuditLogService(engine),
        budget=BudgetService(engine),
        checks=CheckService(engine, scoring),
        excel=ExcelService(engine),
        pdf=PdfExportService(engine),
        projects=ProjectService(engine),
        register=RegisterService(engine),
        scoring=scoring,
    )
