"""Write a file so that it is either complete or not there, and never onto the database.

The file is written to a temporary file beside the target (never the system temp folder), then
renamed onto it. A target that is the open database, one of its SQLite companion files or a file
in its backups folder is refused before anything is written. When the database is known, each
temporary file is noted in a ledger folder beside the database while it is written, so one left
by a kill is removed at the next start (``remove_leftovers``). Faults of the file system (a full
disk, a read-only folder, a name too long, a folder given as a file) become one Chinese line.
"""

from __future__ import annotations

import errno
import glob
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from desktop.errors import UserInputError
from desktop.storage.database import companion_files

T = TypeVar("T")
LEDGER_FOLDER = ".ziping-temporary"
BACKUP_FOLDER = "backups"


def file_error(path: Path, error: OSError) -> UserInputError:
    """One Chinese line for a file-system fault on ``path``."""
    code = error.errno
    if code in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return UserInputError(f"磁盘已满，无法写入 {path}；未留下写了一半的文件，请腾出空间后重试")
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        return UserInputError(f"无法写入 {path}：文件或所在文件夹是只读的，或没有写入权限")
    if code == errno.ENAMETOOLONG:
        return UserInputError(f"文件名或路径太长：{str(path)[:80]}…，请换一个短一些的名字")
    if code == errno.EISDIR:
        return UserInputError(f"“{path}”是一个文件夹，不能保存为文件")
    if code in (errno.ENOENT, errno.ENOTDIR):
        return UserInputError(f"无法在文件夹“{path.parent}”中保存文件：文件夹不存在或不能写入")
    return UserInputError(f"无法写入 {path}（{error.strerror or error}）")


def check_output(target: Path, database: Path | None) -> None:
    """Refuse an output that would replace ``database``, its journal/WAL or one of its backups."""
    if target.is_dir():
        raise UserInputError(f"“{target}”是一个文件夹，不能保存为文件")
    if database is None:
        return
    database = Path(database)
    resolved = target.resolve()
    protected = {path.resolve() for path in (database, *companion_files(database))}
    if resolved in protected:
        raise UserInputError(f"不能保存到 {target}：这是正在使用的数据库文件，请换一个文件名")
    if resolved.parent == (database.parent / BACKUP_FOLDER).resolve():
        raise UserInputError(f"不能保存到 {target}：这是数据库的备份文件夹，请换一个位置")


def _ledger(database: Path) -> Path:
    return Path(database).parent / LEDGER_FOLDER


_SYNCHRONIZE, _WAIT_TIMEOUT = 0x00100000, 0x102


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (so the temporary files it noted are still being written)."""
    if sys.platform == "win32":  # os.kill would end the process on Windows
        import ctypes

        return windows_process_alive(pid, ctypes.windll.kernel32)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def windows_process_alive(pid: int, kernel32) -> bool:
    """Windows: alive when the process can be opened and its handle is not signalled yet (an
    ended process whose handle another program still holds is signalled: not alive)."""
    handle = kernel32.OpenProcess(_SYNCHRONIZE, False, pid)
    if not handle:
        return False
    try:
        return kernel32.WaitForSingleObject(handle, 0) == _WAIT_TIMEOUT
    finally:
        kernel32.CloseHandle(handle)


def remove_leftovers(database: Path) -> list[Path]:
    """Remove the temporary files of writers that died (killed) while writing; returns them."""
    ledger = _ledger(database)
    removed = []
    for note in ledger.glob("*.txt") if ledger.is_dir() else []:
        pid = int(note.stem.split("-")[0])
        if process_alive(pid):
            continue
        temporary = Path(note.read_text(encoding="utf-8"))
        # the temporary file and any the writer derived from its name (openpyxl's ``.name.pid.writing.xlsx``)
        for leftover in temporary.parent.glob(f"{glob.escape(temporary.name)}*"):
            leftover.unlink(missing_ok=True)
            removed.append(leftover)
        for leftover in temporary.parent.glob(f".{glob.escape(temporary.stem)}.*"):
            leftover.unlink(missing_ok=True)
            removed.append(leftover)
        note.unlink(missing_ok=True)
    return removed


def write_atomically(target: Path, write: Callable[[Path], T], *, database: Path | None = None) -> T:
    """Call ``write`` with a temporary path in the target's folder, then move it onto ``target``."""
    target = Path(target)
    folder = target.parent
    if not folder.is_dir():
        raise UserInputError(f"保存位置“{folder}”不是一个存在的文件夹")
    check_output(target, database)
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{target.stem[:40]}-", suffix=f".tmp{target.suffix}", dir=folder
        )
    except OSError as error:
        raise file_error(target, error) from error
    os.close(handle)
    temporary = Path(name)
    note = _note(database, temporary)
    try:
        result = write(temporary)
        try:
            os.replace(temporary, target)
        except OSError as error:
            raise UserInputError(
                f"无法覆盖“{target}”：文件可能正在被其他程序（如 PDF 阅读器）打开或为只读，请关闭后重试"
                f"（{error.strerror}）"
            ) from error
    except OSError as error:
        raise file_error(target, error) from error
    finally:
        temporary.unlink(missing_ok=True)
        if note is not None:
            note.unlink(missing_ok=True)
    return result


def _note(database: Path | None, temporary: Path) -> Path | None:
    """Write down ``temporary`` in the ledger beside ``database`` (nothing without a database)."""
    if database is None:
        return None
    ledger = _ledger(database)
    try:
        ledger.mkdir(exist_ok=True)
        note = ledger / f"{os.getpid()}-{temporary.name}.txt"
        note.write_text(str(temporary.resolve()), encoding="utf-8")
    except OSError:
        return None  # a database folder that cannot be written: the export itself still works
    return note
