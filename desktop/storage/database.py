"""Opening a Ziping database: where it lives, making sure it is one, bringing its schema up to date.

A database is one SQLite file. Its schema is created and changed only by the Alembic
migrations beside this module, run every time a database is opened; a file that is not a
Ziping database (another program's SQLite file, a spreadsheet renamed, a damaged file) is
refused before anything is written to it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event

APP_NAME = "Ziping"
DATABASE_FILE_NAME = "ziping.sqlite3"
_SQLITE_HEADER = b"SQLite format 3\x00"
_MIGRATIONS = Path(__file__).with_name("migrations")


class DatabaseError(Exception):
    """A database that cannot be opened; the message is one Chinese sentence naming the file."""


def default_database_path() -> Path:
    """The user's database in the platform data folder (%LOCALAPPDATA%\\Ziping on Windows)."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / DATABASE_FILE_NAME


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


def known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


def _check_existing_file(path: Path) -> None:
    """Refuse, without writing to it, a file that is not a Ziping database."""
    if path.is_dir():
        raise DatabaseError(f"{path} 是一个文件夹，不是数据库文件")
    with path.open("rb") as handle:
        header = handle.read(len(_SQLITE_HEADER))
    if header != _SQLITE_HEADER:
        raise DatabaseError(f"{path} 不是 Ziping 数据库（不是 SQLite 文件）")
    try:
        with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as connection:
            tables = {
                row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            version = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                version = row[0] if row else None
        connection.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseError(f"{path} 已损坏，无法读取（{error}）") from error
    if not tables:
        return
    if "alembic_version" not in tables or "department" not in tables:
        raise DatabaseError(f"{path} 不是 Ziping 数据库（是其他程序的 SQLite 文件）")
    if version not in known_revisions():
        raise DatabaseError(f"{path} 由更新版本的 Ziping 创建（结构版本 {version}），请先升级 Ziping")


def _enable_foreign_keys(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _enable_foreign_keys)
    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (a new file gets the whole schema)."""
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_database(path: Path | str, *, create: bool = False) -> Engine:
    """Open (and migrate) the database at ``path``; with ``create`` a missing file is made.

    Raises ``DatabaseError`` for a missing file (without ``create``), a folder that does not
    exist, or a file that is not a Ziping database, leaving that file untouched.
    """
    path = Path(path)
    if path.exists():
        if create is False and path.is_file() and path.stat().st_size == 0:
            raise DatabaseError(f"{path} 是空文件，不是 Ziping 数据库")
        _check_existing_file(path)
    elif not create:
        raise DatabaseError(f"找不到数据库文件：{path}")
    elif not path.parent.is_dir():
        raise DatabaseError(f"文件夹不存在：{path.parent}")
    engine = make_engine(path)
    try:
        migrate(engine)
    except Exception:
        engine.dispose()
        raise
    return engine
