"""备份与恢复: consistent copies of the database file, and putting one back.

A backup is made with SQLite's online backup API, so it is consistent even while the window
has the database open. By default it goes to a ``backups`` folder beside the database, named
with the time it was made (``ziping-20240131-174500.sqlite3``); the newest such file is the
“last backup” the window shows. Restoring first checks that the file is a Ziping database,
then keeps a safety copy of the current file, and only then replaces it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.errors import UserInputError
from desktop.storage import audit
from desktop.storage.database import DatabaseError, open_database

BACKUP_FOLDER = "backups"
_STAMP = "%Y%m%d-%H%M%S"
_SAFETY_MARK = "恢复前"


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    restored_from: Path
    safety_copy: Path | None  # the file as it was before, None when there was none


def backup_folder(database: Path) -> Path:
    return Path(database).parent / BACKUP_FOLDER


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _check_ziping_file(path: Path, what: str) -> None:
    """Refuse, without writing to it, a file that is not a Ziping database with its tables."""
    if not path.is_file():
        raise UserInputError(f"找不到{what}文件：{path}")
    try:
        connection = _read_only(path)
        try:
            tables = {
                row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise UserInputError(f"{path} 不是 Ziping 数据库{what}（无法作为 SQLite 文件读取）") from error
    if not {"alembic_version", "department"} <= tables:
        raise UserInputError(f"{path} 不是 Ziping 数据库{what}")


def _copy(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API (safe while others have ``source`` open)."""
    reader = _read_only(source)
    try:
        writer = sqlite3.connect(target)
        try:
            reader.backup(writer)
        finally:
            writer.close()
    finally:
        reader.close()


def _free_name(folder: Path, stem: str) -> Path:
    candidate, counter = folder / f"{stem}.sqlite3", 2
    while candidate.exists():
        candidate, counter = folder / f"{stem}-{counter}.sqlite3", counter + 1
    return candidate


def backup_database(
    database: Path, to: Path | None = None, *, now: Callable[[], datetime] = datetime.now
) -> Path:
    """Copy ``database`` to ``to`` (refusing an existing file) or to a new timestamped file in
    the ``backups`` folder beside it; returns the path of the copy."""
    database = Path(database)
    _check_ziping_file(database, "")
    if to is None:
        folder = backup_folder(database)
        folder.mkdir(exist_ok=True)
        target = _free_name(folder, f"{database.stem}-{now().strftime(_STAMP)}")
    else:
        target = Path(to)
        if target.exists():
            raise UserInputError(f"备份文件已存在：{target}，请换一个文件名")
        if not target.parent.is_dir():
            raise UserInputError(f"文件夹不存在：{target.parent}")
    _copy(database, target)
    return target


def last_backup_time(database: Path) -> datetime | None:
    """When the newest backup in the folder beside ``database`` was made (from its name)."""
    folder = backup_folder(Path(database))
    prefix = f"{Path(database).stem}-"
    times = []
    for path in folder.glob(f"{prefix}*.sqlite3") if folder.is_dir() else []:
        stamp = path.stem[len(prefix) :][: len("20240101-000000")]
        try:
            times.append(datetime.strptime(stamp, _STAMP))
        except ValueError:
            continue  # a safety copy or a file the user put there
    return max(times, default=None)


def restore_database(
    database: Path, backup: Path, *, now: Callable[[], datetime] = datetime.now
) -> RestoreResult:
    """Replace ``database`` with the Ziping database in ``backup``.

    The backup is checked (a Ziping database, readable, not from a newer Ziping) on a copy
    before anything is touched; the current file is kept as ``…-恢复前-<time>.sqlite3`` in
    the backups folder. The caller must have closed its engine on ``database``.
    """
    database, backup = Path(database), Path(backup)
    _check_ziping_file(backup, "备份")
    if not database.parent.is_dir():
        raise UserInputError(f"文件夹不存在：{database.parent}")
    incoming = database.with_name(f".{database.name}.restoring")
    incoming.unlink(missing_ok=True)
    try:
        _copy(backup, incoming)
        try:
            restored = open_database(incoming)  # refuses a newer schema, brings an older one up to date
            try:
                with restored.begin() as connection:
                    audit.record(connection, "恢复", after={"备份": str(backup)})
            finally:
                restored.dispose()
        except DatabaseError as error:
            raise UserInputError(str(error).replace(str(incoming), str(backup))) from error
        safety = None
        if database.exists():
            folder = backup_folder(database)
            folder.mkdir(exist_ok=True)
            safety = _free_name(folder, f"{database.stem}-{_SAFETY_MARK}-{now().strftime(_STAMP)}")
            shutil.copy2(database, safety)  # the engine is closed; a damaged file is kept as it is
        os.replace(incoming, database)
    finally:
        incoming.unlink(missing_ok=True)
    return RestoreResult(database=database, restored_from=backup, safety_copy=safety)
