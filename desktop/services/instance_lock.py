"""One Ziping window per database file: a lock the operating system holds for the running program.

``acquire(db_path)`` locks ``<database>.lock`` beside the database (``fcntl.flock`` on Linux and
macOS, ``msvcrt.locking`` on Windows) and writes who holds it (user, process id). The lock goes
with the process, so a crashed or killed Ziping never leaves a stale one. When another program
holds it, ``acquire`` raises ``DatabaseInUse`` naming the file and the holder, and the window
tells the clerk before anything is opened.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

from desktop.errors import UserInputError
from desktop.storage.audit import current_user


class DatabaseInUse(UserInputError):
    """Another Ziping window (or process) has the database open."""


class InstanceLock:
    def __init__(self, handle: IO[str], path: Path) -> None:
        self._handle = handle
        self.path = path

    def release(self) -> None:
        if self._handle.closed:
            return
        _unlock(self._handle)
        self._handle.close()


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _try_lock(handle: IO[str]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: IO[str]) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def acquire(db_path: Path) -> InstanceLock:
    """Lock ``db_path`` for this process; raises ``DatabaseInUse`` when another one has it."""
    path = lock_path(Path(db_path))
    try:
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 — held open for the program's life
    except OSError as error:
        raise UserInputError(f"无法在“{path.parent}”中创建锁文件：{error.strerror}") from error
    if not _try_lock(handle):
        try:
            handle.seek(0)
            holder = handle.read().strip() or "另一个程序"
        except OSError:  # Windows refuses to read the locked byte
            holder = "另一个程序"
        handle.close()
        raise DatabaseInUse(
            f"数据库 {db_path} 已在另一个 Ziping 窗口中打开（{holder}）：请在那个窗口中继续工作，"
            "或先关闭它再打开"
        )
    handle.seek(0)
    handle.truncate()
    handle.write(f"用户 {current_user() or '未知'}，进程 {os.getpid()}")
    handle.flush()
    return InstanceLock(handle, path)
