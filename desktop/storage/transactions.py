"""Writers that cannot lose each other's work: every read-check-write in one ``BEGIN IMMEDIATE``.

``writing(engine)`` opens a connection whose transaction takes SQLite's write lock before its
first read, so nothing another writer commits can slip in between what a writer read and what
it writes (an import that read a matter, a save that changed it, the import writing the old
value back). A second writer waits for the lock up to the connection's busy timeout, then gets
``DatabaseBusy`` — “数据库正被另一个程序使用” — and nothing of its change is written, so the
window can keep the clerk's input in the form and the clerk can try again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import OperationalError

from desktop.errors import UserInputError

BUSY_MESSAGE = "数据库正被另一个程序使用（可能正在导入），本次修改未保存，请稍后再试"
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6


class DatabaseBusy(UserInputError):
    """Another connection held the write lock longer than the busy timeout; nothing was written."""

    def __init__(self, message: str = BUSY_MESSAGE) -> None:
        super().__init__(message)


def is_busy(error: BaseException) -> bool:
    """Whether ``error`` is SQLite's "database is locked" (SQLITE_BUSY / SQLITE_LOCKED)."""
    original = error.orig if isinstance(error, OperationalError) else error
    if not isinstance(original, sqlite3.OperationalError):
        return False
    code = getattr(original, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A connection in a ``BEGIN IMMEDIATE`` transaction, committed at the end, rolled back on error.

    Raises ``DatabaseBusy`` when the lock cannot be had (or the commit cannot finish) in time.
    """
    try:
        with engine.connect() as connection, connection.begin():
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            yield connection
    except OperationalError as error:
        if is_busy(error):
            raise DatabaseBusy from error
        raise
