"""Text fields that save when the clerk leaves them (no save button)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit


class CommittingTextEdit(QPlainTextEdit):
    """A multi-line text that emits ``committed(text)`` when focus leaves it after a change."""

    committed = Signal(str)

    def __init__(self, placeholder: str = "", parent=None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self._shown = ""

    def show_text(self, text: str) -> None:
        """Show the saved text (without committing it); the cursor stays when nothing changed."""
        self._shown = text
        if self.toPlainText() != text:
            self.setPlainText(text)

    def commit(self) -> None:
        if self.toPlainText() != self._shown:
            self.committed.emit(self.toPlainText())

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        super().focusOutEvent(event)


class CommittingLineEdit(QLineEdit):
    """A one-line text that emits ``committed(text)`` on Enter or when focus leaves it after a change."""

    committed = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._shown = ""
        self.editingFinished.connect(self.commit)

    def show_text(self, text: str) -> None:
        self._shown = text
        if self.text() != text:
            self.setText(text)

    def commit(self) -> None:
        if self.text() != self._shown:
            self.committed.emit(self.text())
