"""A tab on a database opened read-only (another Ziping window holds it): nothing offers an edit.

The database itself refuses every write (``PRAGMA query_only``, with a Chinese message), so this
is about not offering what cannot work: tables take no edits, pastes, Delete or 手工得分 dialog;
editing buttons stay off even when a selection would turn them on; text fields only show.
Reading, the filters, search, copying, printing and exporting stay as they are.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractItemView, QPushButton, QWidget

from desktop.ui.editing import TableEditing
from desktop.ui.manual_score_dialog import ManualScoreEditing
from desktop.ui.text_fields import CommittingLineEdit, CommittingTextEdit

READING_BUTTONS = frozenset({"重新检查"})  # buttons that only read; every other one edits


class _StaysDisabled(QObject):
    """Turns a button off again when its tab enables it (a tab enables buttons on a selection)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.EnabledChange and isinstance(watched, QWidget) and watched.isEnabled():
            watched.setEnabled(False)
        return False


def make_read_only(tab: QWidget) -> None:
    """Switch off every editing path of ``tab`` (called once, right after the tab is built)."""
    for view in tab.findChildren(QAbstractItemView):
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for action in view.actions():  # Delete in a list
            action.setEnabled(False)
        for editing in (*view.findChildren(TableEditing), *view.findChildren(ManualScoreEditing)):
            view.removeEventFilter(editing)
            view.viewport().removeEventFilter(editing)
    keeper = _StaysDisabled(tab)
    for button in tab.findChildren(QPushButton):
        if button.text() not in READING_BUTTONS:
            button.setEnabled(False)
            button.installEventFilter(keeper)
    for edit in (*tab.findChildren(CommittingTextEdit), *tab.findChildren(CommittingLineEdit)):
        edit.setReadOnly(True)
