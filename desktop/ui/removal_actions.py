"""A delete in the window as one undo step: the record goes with what hangs on it
(``RemovalService``), 撤销 puts it all back, and the status bar is told what went and how to undo."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from desktop.errors import UserInputError
from desktop.services.removal import RemovalService, Removed
from desktop.storage.database import DatabaseError
from desktop.ui.editing import apply_change
from desktop.ui.messages import show_error


def undo_hint(what: str) -> str:
    """The status bar after a delete: ``已删除收入项目“上级补助收入”；按 Ctrl+Z 可恢复``."""
    return f"已删除{what}；按 Ctrl+Z 可恢复"


def delete_record(
    parent: QWidget,
    removal: RemovalService,
    undo_stack: QUndoStack | None,
    kind: str,
    row_id: int,
    what: str,
    shown: Callable[[], object],
) -> str | None:
    """Delete the record (``kind`` as in ``RECORDS``) as one undo step; ``shown`` reloads the view
    after the delete and after its undo. Returns the status-bar text, None when it was refused."""
    kept: list[Removed] = []

    def redo() -> None:
        kept[:] = [removal.take_away(kind, row_id)]
        shown()

    def undo() -> None:
        removal.put_back(kept[0])
        shown()

    try:
        apply_change(undo_stack, f"删除{what}", redo, undo)
    except (UserInputError, DatabaseError) as error:
        show_error(parent.window(), str(error), "无法删除")
        return None
    return undo_hint(what)
