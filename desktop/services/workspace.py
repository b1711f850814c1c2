"""One open database: its file, its engine and the services built on it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from desktop.services.container import Services, build_services
from desktop.storage.database import open_database


@dataclass(frozen=True)
class Workspace:
    path: Path
    engine: Engine
    services: Services

    def close(self) -> None:
        self.engine.dispose()


def open_workspace(path: Path, create: bool = False) -> Workspace:
    """Open (with ``create``, make) the database at ``path``; raises DatabaseError naming the file."""
    engine = open_database(path, create=create)
    return Workspace(path=Path(path), engine=engine, services=build_services(engine))
