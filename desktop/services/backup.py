"""备份与恢复: checked copies of the database file, kept for a year, and putting one back.

A backup is made with SQLite's online backup API (consistent while the window has the database
open) into a temporary file beside its target, checked like a restore would check it
(``integrity_check``, Ziping's ``application_id``, a schema this Ziping knows) and only then
given its name, so a failed or damaged backup never counts. By default it goes to a ``backups``
folder beside the database, named with the time it was made (``ziping-20240131-174500.sqlite3``).
The window makes one at start-up (before any migration) and one at exit; the folder keeps the
10 newest plus the newest of each of the last 12 months. Restoring checks the backup the same
way before touching anything, keeps the current file in the backups folder as
``…-恢复前-<time>.sqlite3`` (a checked copy, or the file itself moved with its ``-wal``/``-journal``
when it cannot be read), and removes the target's stale ``-wal``/``-journal`` files before the
backup takes its place, so no stale journal can undo the restore.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.errors import UserInputError
from desktop.services.atomic_file import BACKUP_FOLDER, file_error
from desktop.storage import audit
from desktop.storage.database import (
    APPLICATION_ID,
    DatabaseError,
    check_file,
    companion_files,
    open_database,
)
from desktop.storage.sqlite_errors import translated

KEEP_NEWEST = 10
KEEP_MONTHS = 12
_STAMP = "%Y%m%d-%H%M%S"
_SAFETY_MARK = "恢复前"
_DAMAGED_MARK = "损坏"
_STAMPED = re.compile(r"-(\d{8}-\d{6})(?:-\d+)?$")


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    restored_from: Path
    safety_copy: Path | None  # the file as it was before, None when there was none


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made: datetime
    size: int  # bytes
    safety_copy: bool  # kept by a restore (恢复前), not made by 备份


def backup_folder(database: Path) -> Path:
    return Path(database).parent / BACKUP_FOLDER


def _free_name(folder: Path, stem: str) -> Path:
    candidate, counter = folder / f"{stem}.sqlite3", 2
    while candidate.exists():
        candidate, counter = folder / f"{stem}-{counter}.sqlite3", counter + 1
    return candidate


def _check_backup(path: Path) -> None:
    """A file that may count as a Ziping backup: whole, Ziping's, of a schema this Ziping knows."""
    try:
        check_file(path, thorough=True)
    except DatabaseError as error:
        raise UserInputError(f"{error}；不能作为备份使用") from error


def _copy(source: Path, target: Path) -> None:
    """A checked copy of ``source`` at ``target`` (which must not exist), or no file at all."""
    partial = target.with_name(f".{target.name}.partial")
    try:
        with translated(source):
            reader = sqlite3.connect(source)
        try:
            with translated(target):
                writer = sqlite3.connect(partial)
                try:
                    reader.backup(writer)
                    writer.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
                    if writer.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                        writer.execute(f"PRAGMA application_id={APPLICATION_ID}")
                finally:
                    writer.close()
        finally:
            reader.close()
        _check_backup(partial)
        os.replace(partial, target)
    except OSError as error:
        raise file_error(target, error) from error
    finally:
        partial.unlink(missing_ok=True)


def backup_database(
    database: Path, to: Path | None = None, *, now: Callable[[], datetime] = datetime.now
) -> Path:
    """Copy ``database`` to ``to`` (a new file, or a folder to put a timestamped file in), by default
    to the ``backups`` folder beside it; returns the path of the checked copy."""
    database = Path(database)
    if not database.is_file():
        raise UserInputError(f"找不到数据库文件：{database}")
    check_file(database)  # a damaged database is not backed up over good backups
    stem = f"{database.stem}-{now().strftime(_STAMP)}"
    if to is None or Path(to).is_dir():
        folder = backup_folder(database) if to is None else Path(to)
        try:
            folder.mkdir(exist_ok=True)
        except OSError as error:
            raise file_error(folder, error) from error
        target = _free_name(folder, stem)
    else:
        target = Path(to)
        if target.exists():
            raise UserInputError(f"备份文件已存在：{target}，请换一个文件名")
        if not target.parent.is_dir():
            raise UserInputError(f"文件夹不存在：{target.parent}")
        if target.resolve() in {database.resolve(), *(p.resolve() for p in companion_files(database))}:
            raise UserInputError(f"不能把备份写到数据库文件本身：{target}")
    _copy(database, target)
    return target


def list_backups(database: Path) -> list[BackupFile]:
    """The backups in the folder beside ``database``, newest first (time from the file name)."""
    folder = backup_folder(Path(database))
    found = []
    for path in folder.glob(f"{Path(database).stem}-*.sqlite3") if folder.is_dir() else []:
        match = _STAMPED.search(path.stem)
        if match is None:
            continue  # a file the user put there
        made = datetime.strptime(match.group(1), _STAMP)
        found.append(BackupFile(path, made, path.stat().st_size, f"-{_SAFETY_MARK}-" in path.name))
    return sorted(found, key=lambda backup: (backup.made, backup.path.name), reverse=True)


def last_backup_time(database: Path) -> datetime | None:
    """When the newest backup made by 备份 (not a restore's safety copy) was made."""
    return next((b.made for b in list_backups(database) if not b.safety_copy), None)


def newest_good_backup(database: Path) -> BackupFile | None:
    """The newest backup beside ``database`` that passes the backup check."""
    for backup in list_backups(database):
        try:
            _check_backup(backup.path)
        except (UserInputError, DatabaseError):
            continue
        return backup
    return None


def prune_backups(database: Path, *, now: Callable[[], datetime] = datetime.now) -> list[Path]:
    """Keep the 10 newest backups and the newest of each of the last 12 months; returns the removed."""
    backups = [backup for backup in list_backups(database) if not backup.safety_copy]
    today = now()
    keep = {backup.path for backup in backups[:KEEP_NEWEST]}
    months: set[tuple[int, int]] = set()
    for backup in backups:  # newest first, so the first of a month is its newest
        age = (today.year - backup.made.year) * 12 + today.month - backup.made.month
        month = (backup.made.year, backup.made.month)
        if age < KEEP_MONTHS and month not in months:
            months.add(month)
            keep.add(backup.path)
    removed = [backup.path for backup in backups if backup.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def automatic_backup(database: Path, *, now: Callable[[], datetime] = datetime.now) -> Path:
    """The start-up and exit backup: a checked copy in the backups folder, then the old ones pruned."""
    target = backup_database(database, now=now)
    prune_backups(database, now=now)
    return target


def _move_aside(database: Path, target: Path) -> None:
    """Rename ``database`` and its journal/WAL files together, so they stay one database."""
    for source, moved in zip(
        [database, *companion_files(database)], [target, *companion_files(target)], strict=True
    ):
        if source.exists():
            os.replace(source, moved)


def set_aside(database: Path, *, now: Callable[[], datetime] = datetime.now) -> Path:
    """Rename a damaged ``database`` (bytes unchanged) to ``<name>-损坏-<time>.sqlite3`` beside it."""
    database = Path(database)
    target = _free_name(database.parent, f"{database.stem}-{_DAMAGED_MARK}-{now().strftime(_STAMP)}")
    try:
        _move_aside(database, target)
    except OSError as error:
        raise file_error(database, error) from error
    return target


def restore_database(
    database: Path, backup: Path, *, now: Callable[[], datetime] = datetime.now
) -> RestoreResult:
    """Replace ``database`` with the Ziping database in ``backup``.

    The backup is checked (whole, Ziping's, not from a newer Ziping) and brought up to date on
    a copy before anything is touched; the current file is moved, with its journal and WAL, to
    ``…-恢复前-<time>.sqlite3`` in the backups folder. The caller must have closed its engine.
    """
    database, backup = Path(database), Path(backup)
    if not backup.is_file():
        raise UserInputError(f"找不到备份文件：{backup}")
    _check_backup(backup)
    if not database.parent.is_dir():
        raise UserInputError(f"文件夹不存在：{database.parent}")
    # Refused before anything is copied or removed: a restore stopped by a read-only file or
    # folder after the target's -wal was removed would leave the file without its last changes.
    if not os.access(database.parent, os.W_OK | os.X_OK) or (
        database.exists() and not os.access(database, os.W_OK)
    ):
        raise file_error(database, PermissionError(errno.EACCES, "read-only"))
    incoming = database.with_name(f".{database.name}.restoring")
    for leftover in [incoming, *companion_files(incoming)]:
        leftover.unlink(missing_ok=True)
    try:
        _copy(backup, incoming)
        restored = open_database(incoming)  # brings an older schema up to date
        try:
            with restored.begin() as connection:
                audit.record(connection, "恢复", after={"备份": str(backup)})
        finally:
            restored.dispose()
        safety = None
        if database.exists():
            folder = backup_folder(database)
            folder.mkdir(exist_ok=True)
            safety = _free_name(folder, f"{database.stem}-{_SAFETY_MARK}-{now().strftime(_STAMP)}")
            try:
                _copy(database, safety)  # one consistent file, with what the WAL held
            except (UserInputError, DatabaseError):
                _move_aside(database, safety)  # unreadable: kept exactly as it was, journal and all
        for stale in companion_files(database):
            stale.unlink(missing_ok=True)
        os.replace(incoming, database)
    except OSError as error:
        raise file_error(database, error) from error
    finally:
        for leftover in [incoming, *companion_files(incoming)]:
            leftover.unlink(missing_ok=True)
    return RestoreResult(database=database, restored_from=backup, safety_copy=safety)
