"""Write a file so that it is either complete or not there: into a temporary file beside the
target, then one rename. A folder that cannot be written or a target that cannot be replaced (an
open PDF on Windows) gives a Chinese message naming the path, and leaves nothing behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from desktop.errors import UserInputError

T = TypeVar("T")


def write_atomically(target: Path, write: Callable[[Path], T]) -> T:
    """Call ``write`` with a temporary path in the target's folder, then move it onto ``target``."""
    folder = target.parent
    if not folder.is_dir():
        raise UserInputError(f"保存位置“{folder}”不是一个存在的文件夹")
    if target.is_dir():
        raise UserInputError(f"“{target}”是一个文件夹，不能保存为文件")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".tmp", dir=folder)
    except OSError as error:
        raise UserInputError(
            f"无法在文件夹“{folder}”中保存文件：没有写入权限或磁盘已满（{error.strerror}）"
        ) from error
    os.close(handle)
    temporary = Path(name)
    try:
        result = write(temporary)
        try:
            os.replace(temporary, target)
        except OSError as error:
            raise UserInputError(
                f"无法覆盖“{target}”：文件可能正在被其他程序（如 PDF 阅读器）打开或为只读，请关闭后重试"
                f"（{error.strerror}）"
            ) from error
    finally:
        temporary.unlink(missing_ok=True)
    return result
