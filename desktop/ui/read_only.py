"""A tab on a database opened read-only (another Ziping window holds it): nothing offers an edit.

The database itself refuses every write (``PRAGMA query_only``, with a Chinese message), so this
is about not offering what cannot work: tables take no edits, pastes, Delete or 手工得分 dialog;
editing buttons are off; text fields only show.
Reading, the filters, search, copying, printing and exporting stay as they are.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QPushButton, QWidget

from desktop.ui.editing import TableEditing
from desktop.ui.manual_score_dialog import ManualScoreEditing
from desktop.ui.text_fields import CommittingLineEdit, CommittingTextEdit

# buttons that only read, print or export; every other one edits
READING_BUTTONS = frozenset(
    {
        "重新检查",
        "打开报表…",
        "打印列表…",
        "打印预览…",
        "导出列表…",
        "打印统计…",
        "统计打印预览…",
        "导出统计 PDF…",
    }
)


def make_read_only(tab: QWidget) -> None:
    """Switch off every editing path of ``tab`` (called once, right after the tab is built)."""
    for view in tab.findChildren(QAbstractItemView):
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for action in view.actions():  # Delete in a list
            action.setEnabled(False)
        for editing in (*view.findChildren(TableEditing), *view.findChildren(ManualScoreEditing)):
            view.removeEventFilter(editing)
            view.viewport().removeEventFilter(editing)
    for button in tab.findChildren(QPushButton):  # switched off for good: enabling a parent keeps it off
        if button.text() not in READING_BUTTONS:
            button.setEnabled(False)
    for edit in (*tab.findChildren(CommittingTextEdit), *tab.findChildren(CommittingLineEdit)):
        edit.setReadOnly(True)
