"""Writers that cannot lose each other's work: every read-check-write in one ``BEGIN IMMEDIATE``.

``writing(engine)`` opens a connection whose transaction takes SQLite's write lock before its
first read, so nothing another writer commits can slip in between what a writer read and what
it writes (an import that read a matter, a save that changed it, the import writing the old
value back). A second writer waits for the lock up to the connection's busy timeout, then gets
``sqlite_errors.DatabaseBusy`` — “数据库正被另一个程序使用” — from the engine's error mapping, and
nothing of its change is written, so the window can keep the clerk's input in the form.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A connection in a ``BEGIN IMMEDIATE`` transaction, committed at the end, rolled back on error.

    Raises ``DatabaseBusy`` when the lock cannot be had (or the commit cannot finish) in time.
    """
    with engine.connect() as connection, connection.begin():
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        yield connection
