"""One open database: its file, its engine and the services built on it.

The window's workspaces make automatic backups (``automatic_backups``): one when the file is
opened, after it has passed the checks and before any migration, and one when it is closed.
Opening also removes the temporary files an export killed half-way left behind.

A window's workspace holds the file's instance lock (``locked``) until it is closed, so a second
window on the same file learns so before anything is opened; it may then open the file
``read_only``: no lock, no backups, no migration, and every write refused by SQLite itself.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import Engine

from desktop.services.atomic_file import remove_leftovers
from desktop.services.backup import automatic_backup
from desktop.services.container import Services, build_services
from desktop.services.instance_lock import InstanceLock, acquire
from desktop.services.pdf_export import PdfExportService
from desktop.storage.database import open_database


@dataclass(frozen=True)
class Workspace:
    path: Path
    engine: Engine
    services: Services
    automatic_backups: bool = False
    read_only: bool = False
    lock: InstanceLock | None = None

    def close(self) -> None:
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()

    def back_up_at_exit(self) -> Path | None:
        """The exit backup (window workspaces only); returns its path."""
        return automatic_backup(self.path) if self.automatic_backups else None

    def with_print_font(self, font_file: Path | None) -> Workspace:
        """The same database, its PDFs set in ``font_file`` (None: the shipped font)."""
        pdf = PdfExportService(self.engine, catalogue=self.services.pdf.catalogue, font_file=font_file)
        return replace(self, services=replace(self.services, pdf=pdf))


def open_workspace(
    path: Path,
    create: bool = False,
    *,
    automatic_backups: bool = False,
    locked: bool = False,
    read_only: bool = False,
) -> Workspace:
    """Open (with ``create``, make) the database at ``path``; raises DatabaseError naming the file,
    and, with ``locked``, ``DatabaseInUse`` when another window holds it."""
    path = Path(path)
    if read_only:
        engine = open_database(path, read_only=True)
        return Workspace(path=path, engine=engine, services=build_services(engine), read_only=True)
    lock = acquire(path) if locked else None
    try:
        engine = open_database(
            path, create=create, before_migration=automatic_backup if automatic_backups else None
        )
        remove_leftovers(path)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return Workspace(
        path=path,
        engine=engine,
        services=build_services(engine),
        automatic_backups=automatic_backups,
        lock=lock,
    )
