"""手工得分 and its 理由 edited together (issue 11, observation 6): a score needs a reason, so the
clerk who starts editing a 手工得分 cell gets one small dialog asking for both, instead of a cell
that refuses the score until the next column is filled. Used by the 项目绩效 tab (the 预算执行
总额 row and the indicators) and the 评价打分 tab; the 理由 is the column right after 手工得分.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserInputError

EDIT = Qt.ItemDataRole.EditRole
OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2)


class ManualScoreDialog(QDialog):
    """Asks for 手工得分 and 理由; 确定 runs ``save(score, reason)`` and stays open with the
    message when it is refused. A blank 手工得分 clears it (the score by formula counts again)."""

    def __init__(
        self, title: str, score: str, reason: str, save: Callable[[str, str], object], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(f"手工得分 - {title}")
        self.score = QLineEdit(score)
        self.score.setPlaceholderText("留空则按公式计分")
        self.reason = QPlainTextEdit(reason)
        self.reason.setPlaceholderText("有手工得分时必须填写")
        self.reason.setTabChangesFocus(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._try_save)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("手工得分", self.score)
        form.addRow("理由", self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def _try_save(self) -> None:
        try:
            self._save(self.score.text(), self.reason.toPlainText())
        except UserInputError as error:
            self.error.setText(str(error))
            return
        self.accept()


class ManualScoreEditing(QObject):
    """On ``view``: a double-click, Enter, F2 or typing on a 手工得分 cell opens
    ``ManualScoreDialog`` (what was typed goes into 手工得分) instead of the cell's editor.
    ``target(index)`` is what the cell scores (None for any other cell), ``title(target)`` names
    it, ``save(target, score, reason)`` saves both as one undoable step."""

    def __init__(
        self,
        view: QAbstractItemView,
        target: Callable[[QModelIndex], object | None],
        title: Callable[[object], str],
        save: Callable[[object, str, str], object],
    ) -> None:
        super().__init__(view)
        self._view, self._target, self._title, self._save = view, target, title, save
        self.dialog: ManualScoreDialog | None = None
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        view = self._view
        if event.type() == QEvent.Type.MouseButtonDblClick and watched is view.viewport():
            assert isinstance(event, QMouseEvent)
            index = view.indexAt(event.position().toPoint())
            if self._target(index) is not None:
                self.open(index)
                return True
        elif event.type() == QEvent.Type.KeyPress and watched is view:
            assert isinstance(event, QKeyEvent)
            if view.state() == QAbstractItemView.State.EditingState:
                return False
            index = view.currentIndex()
            text = event.text()
            typed = text if text.isprintable() and text.strip() else ""
            if self._target(index) is not None and (event.key() in OPEN_KEYS or typed):
                self.open(index, typed or None)
                return True
        return False

    def open(self, index: QModelIndex, typed: str | None = None) -> ManualScoreDialog:
        """The dialog for ``index``'s 手工得分 and the 理由 beside it, filled with what is saved."""
        target = self._target(index)
        model = index.model()
        score = typed if typed is not None else str(model.data(index, EDIT) or "")
        reason = str(model.data(index.siblingAtColumn(index.column() + 1), EDIT) or "")
        dialog = ManualScoreDialog(
            self._title(target),
            score,
            reason,
            lambda score, reason: self._save(target, score, reason),
            self._view.window(),
        )
        self.dialog = dialog
        dialog.open()
        dialog.score.setFocus()
        return dialog
