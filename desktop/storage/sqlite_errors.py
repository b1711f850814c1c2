"""SQLite's faults as Chinese sentences naming the file: busy, full, read-only, damaged, duplicate.

Every SQLite error Ziping meets is translated here, once: through the engine's ``handle_error``
event (``database.make_engine``) for everything the services run, and through ``translated``
for the few places that use ``sqlite3`` directly (opening checks, backups). The services, the
command line (exit 2, one line) and the window (a dialog) therefore all show the same message.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.errors import ZipingError

BUSY_TIMEOUT_SECONDS = 5.0

# primary result codes (https://www.sqlite.org/rescode.html)
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _CONSTRAINT, _NOTADB = (
    5, 6, 8, 10, 11, 13, 14, 19, 26,
)  # fmt: skip
_IOERR_WRITE = _IOERR | (3 << 8)
_UNIQUE = re.compile(r"UNIQUE constraint failed: (.+)")


class DatabaseError(ZipingError):
    """A database that cannot be opened or written; the message is one Chinese sentence naming the file."""

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        super().__init__(message)
        self.path = Path(path) if path is not None else None


class DatabaseBusy(DatabaseError):
    """Another program holds the database longer than the busy timeout."""


class DiskFull(DatabaseError):
    """The disk (or the user's quota) is full; the transaction was rolled back."""


class DatabaseReadOnly(DatabaseError):
    """The file or its folder cannot be written."""


class OpenedReadOnly(DatabaseReadOnly):
    """A write on a database this window opened read-only because another Ziping window holds it."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            f"数据库 {path} 是以只读方式打开的（另一个 Ziping 窗口正在使用它），不能保存修改；请到那个窗口中修改",
            path,
        )


class DatabaseDamaged(DatabaseError):
    """The file is a SQLite file whose pages do not read back as a database."""


class NotZipingDatabase(DatabaseError):
    """Not a SQLite file, or another program's SQLite file."""


class NewerSchema(DatabaseError):
    """Made by a newer Ziping than this one."""


class DuplicateRecord(DatabaseError):
    """A row with the same key is already there (another program wrote it in the meantime)."""


def translate(error: BaseException, path: Path | str) -> DatabaseError | None:
    """The Ziping error for a ``sqlite3`` error about the database at ``path``; None for others."""
    if not isinstance(error, sqlite3.Error):
        return None
    extended = getattr(error, "sqlite_errorcode", None) or 0
    code = extended & 0xFF
    text = str(error)
    if code in (_BUSY, _LOCKED) or "database is locked" in text:
        return DatabaseBusy(
            f"数据库正被另一个程序使用：{path}（等待 {BUSY_TIMEOUT_SECONDS:g} 秒后仍未释放），请稍后重试",
            path,
        )
    if code == _FULL:
        return DiskFull(f"磁盘已满，无法写入 {path}；本次操作未写入任何内容，请腾出空间后重试", path)
    if code == _READONLY:
        return DatabaseReadOnly(f"{path} 是只读的（文件或所在文件夹没有写入权限），无法写入", path)
    if code in (_CORRUPT, _NOTADB):
        return DatabaseDamaged(f"{path} 已损坏，无法读取（{text}）", path)
    if code == _CANTOPEN:
        return DatabaseReadOnly(_cannot_open(Path(path)), path)
    if extended == _IOERR_WRITE:  # a write refused by the system: a full disk seen as EFBIG, a quota
        return DiskFull(f"无法写入 {path}：磁盘已满或文件超过了大小限制；本次操作未写入任何内容", path)
    if code == _IOERR:
        return DatabaseError(f"读写 {path} 时磁盘出错（{text}），请检查磁盘后重试", path)
    match = _UNIQUE.search(text)
    if code == _CONSTRAINT and match:
        return DuplicateRecord(
            f"{path} 中已有相同的记录（字段 {match.group(1)}），可能是另一个程序刚刚写入的；本次未保存，请刷新后重试",
            path,
        )
    return None


def _cannot_open(path: Path) -> str:
    """Why SQLite could not open ``path``: its folder is missing, the name is too long, or the file
    or folder cannot be written (SQLite writes its -wal and -shm files beside the database)."""
    if not path.parent.is_dir():
        return f"无法打开 {path}：文件夹“{path.parent}”不存在"
    if len(path.name.encode()) > 255:
        return f"无法打开 {str(path)[:80]}…：文件名或路径太长"
    return f"无法打开 {path}：文件或所在文件夹“{path.parent}”是只读的，或没有写入权限"


@contextmanager
def translated(path: Path | str) -> Iterator[None]:
    """Raise the Ziping error for a ``sqlite3`` error inside the block (others pass through)."""
    try:
        yield
    except sqlite3.Error as error:
        mapped = translate(error, path)
        if mapped is None:
            raise
        raise mapped from error
