"""Opening a Ziping database: where it lives, making sure it is one, bringing its schema up to date.

A database is one SQLite file, opened the way SQLite means it to be: a normal read-write
connection first (so a journal left by a kill or a crash is rolled back), then
``PRAGMA quick_check`` before anything else. A file that is not SQLite, another program's
SQLite file (with or without tables), a damaged file or one from a newer Ziping is refused
before anything is written to it. Ziping's own files carry ``APPLICATION_ID`` in their header;
an older Ziping file without it is recognised by its tables and gets it. Every connection runs
in WAL mode with ``synchronous=FULL``, a busy timeout and foreign keys on; SQLite's errors
reach the services as the Chinese ``DatabaseError`` subclasses of ``sqlite_errors``.
The schema is created and changed only by the Alembic migrations beside this module.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event

from desktop.storage.sqlite_errors import (
    BUSY_TIMEOUT_SECONDS,
    DatabaseDamaged,
    DatabaseError,
    DatabaseReadOnly,
    NewerSchema,
    NotZipingDatabase,
    OpenedReadOnly,
    translate,
    translated,
)

__all__ = ["APPLICATION_ID", "DatabaseError", "FileCheck", "check_file", "open_database"]

APP_NAME = "Ziping"
DATABASE_FILE_NAME = "ziping.sqlite3"
APPLICATION_ID = int.from_bytes(b"ZiPg", "big")  # PRAGMA application_id of every Ziping database
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")  # SQLite's files beside the database
_SQLITE_HEADER = b"SQLite format 3\x00"
_ZIPING_TABLES = {"alembic_version", "department"}
_MIGRATIONS = Path(__file__).with_name("migrations")


def default_database_path() -> Path:
    """The user's database in the platform data folder (%LOCALAPPDATA%\\Ziping on Windows)."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / DATABASE_FILE_NAME


def companion_files(path: Path) -> list[Path]:
    """The journal, WAL and shared-memory files SQLite keeps beside ``path``."""
    return [path.with_name(path.name + suffix) for suffix in COMPANION_SUFFIXES]


def engine_path(engine: Engine) -> Path | None:
    """The file an engine opened (None for an in-memory database)."""
    name = engine.url.database
    return Path(name) if name and name != ":memory:" else None


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


def known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


def newest_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None  # the migrations folder ships with the program
    return head


@dataclass(frozen=True)
class FileCheck:
    """What the check found in a Ziping database file."""

    revision: str
    has_application_id: bool


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)


def check_file(path: Path, *, thorough: bool = False) -> FileCheck:
    """Refuse, without writing to it, a file that is not a whole Ziping database of a known schema.

    ``thorough`` runs ``integrity_check`` (for backups) instead of ``quick_check``. A hot
    journal is rolled back by SQLite itself, as on any normal open.
    """
    path = Path(path)
    if path.is_dir():
        raise NotZipingDatabase(f"{path} 是一个文件夹，不是数据库文件")
    with translated(path), path.open("rb") as handle:
        header = handle.read(len(_SQLITE_HEADER))
    if not header:
        raise NotZipingDatabase(f"{path} 是空文件，不是 Ziping 数据库")
    if header != _SQLITE_HEADER:
        raise NotZipingDatabase(f"{path} 不是 Ziping 数据库（不是 SQLite 文件）")
    with translated(path):
        connection = _connect(path)
        try:
            check = "integrity_check" if thorough else "quick_check"
            problems = [row[0] for row in connection.execute(f"PRAGMA {check}(5)")]
            if problems != ["ok"]:
                detail = "；".join(" ".join(problem.split()) for problem in problems)[:200]
                raise DatabaseDamaged(f"{path} 已损坏（{detail}）", path)
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            tables = {
                row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            version = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                version = row[0] if row else None
        finally:
            connection.close()
    if application_id not in (0, APPLICATION_ID):
        raise NotZipingDatabase(f"{path} 不是 Ziping 数据库（是其他程序的 SQLite 文件）")
    if not tables >= _ZIPING_TABLES:
        kind = "没有任何表" if not tables else "没有 Ziping 的表"
        if application_id == APPLICATION_ID:
            raise DatabaseDamaged(f"{path} 已损坏（Ziping 的表不全）", path)
        raise NotZipingDatabase(f"{path} 不是 Ziping 数据库（是其他程序的 SQLite 文件，{kind}）")
    if version not in known_revisions():
        raise NewerSchema(f"{path} 由更新版本的 Ziping 创建（结构版本 {version}），请先升级 Ziping")
    return FileCheck(revision=version, has_application_id=application_id == APPLICATION_ID)


def _configure_connection(dbapi_connection, _record, *, read_only: bool = False) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_SECONDS * 1000)}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    if read_only:
        cursor.execute("PRAGMA query_only=ON")  # SQLite itself refuses every write on this connection
    cursor.close()


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine on ``path`` whose SQLite errors come out as Ziping's Chinese ``DatabaseError``;
    with ``read_only`` every write is refused with ``OpenedReadOnly``."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
    event.listen(engine, "connect", partial(_configure_connection, read_only=read_only))

    def handle_error(context) -> None:
        mapped = translate(context.original_exception, path)
        if read_only and isinstance(mapped, DatabaseReadOnly):
            mapped = OpenedReadOnly(path)
        if mapped is not None:
            raise mapped from context.original_exception

    event.listen(engine, "handle_error", handle_error)
    return engine


def _mark_as_ziping(path: Path) -> None:
    """WAL journal mode and Ziping's application_id; both are kept in the file."""
    with translated(path):
        connection = _connect(path)
        try:
            if connection.execute("PRAGMA journal_mode=WAL").fetchone()[0].lower() != "wal":
                raise DatabaseError(f"{path} 无法切换到 WAL 日志模式（文件所在位置可能不支持）")
            if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                connection.execute(f"PRAGMA application_id={APPLICATION_ID}")
        finally:
            connection.close()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (a new file gets the whole schema).

    Foreign keys are off meanwhile, as SQLite's procedure for rebuilding a table says: a batch
    migration drops and re-creates a table, and the drop would otherwise fire ``ON DELETE``
    (a 走访's link to its 信访事项 set to NULL). Their check before the commit keeps the rows whole.
    """
    config = _alembic_config()
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    raise RuntimeError(f"migration left rows whose reference is gone: {broken[:5]}")
        finally:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


def open_read_only(path: Path) -> Engine:
    """An engine that only reads the checked Ziping database at ``path`` (another window writes it):
    nothing is marked or migrated, so its schema must already be the newest."""
    if not path.exists():
        raise DatabaseError(f"找不到数据库文件：{path}")
    revision = check_file(path).revision
    if revision != newest_revision():
        raise DatabaseError(
            f"{path} 的结构版本（{revision}）比本程序旧，只读方式无法升级它：请在正使用它的窗口中打开一次，或关闭那个窗口后再打开"
        )
    return make_engine(path, read_only=True)


def open_database(
    path: Path | str,
    *,
    create: bool = False,
    before_migration: Callable[[Path], object] | None = None,
    read_only: bool = False,
) -> Engine:
    """Open (and migrate) the database at ``path``; with ``create`` a missing file is made.

    Raises a ``DatabaseError`` for a missing file (without ``create``), a folder that does not
    exist, or a file that is not a whole Ziping database, leaving that file untouched.
    ``before_migration(path)`` runs on an existing file once it has passed the checks and
    before the schema is changed (the window's start-up backup). ``read_only``: see ``open_read_only``.
    """
    path = Path(path)
    if read_only:
        return open_read_only(path)
    if path.exists():
        check_file(path)
        _mark_as_ziping(path)
        if before_migration is not None:
            before_migration(path)
    elif not create:
        raise DatabaseError(f"找不到数据库文件：{path}")
    elif not path.parent.is_dir():
        raise DatabaseError(f"文件夹不存在：{path.parent}")
    else:
        _mark_as_ziping(path)
    engine = make_engine(path)
    try:
        migrate(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine
