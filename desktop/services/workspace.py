"""One open database: its file, its engine and the services built on it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import Engine

from desktop.services.container import Services, build_services
from desktop.services.pdf_export import PdfExportService
from desktop.storage.database import open_database


@dataclass(frozen=True)
class Workspace:
    path: Path
    engine: Engine
    services: Services

    def close(self) -> None:
        self.engine.dispose()

    def with_print_font(self, font_file: Path | None) -> Workspace:
        """The same database, its PDFs set in ``font_file`` (None: the shipped font)."""
        pdf = PdfExportService(self.engine, catalogue=self.services.pdf.catalogue, font_file=font_file)
        return replace(self, services=replace(self.services, pdf=pdf))


def open_workspace(path: Path, create: bool = False) -> Workspace:
    """Open (with ``create``, make) the database at ``path``; raises DatabaseError naming the file."""
    engine = open_database(path, create=create)
    return Workspace(path=Path(path), engine=engine, services=build_services(engine))
