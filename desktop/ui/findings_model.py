"""The check findings as a table: 严重程度, 规则, 位置, 问题, 应为, 实为, and the clerk's 说明 (editable)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.domain.checks import CERTAIN, SUSPECTED, Finding

COLUMNS = ("严重程度", "规则", "位置", "问题", "应为", "实为", "说明")
NOTE_COLUMN = COLUMNS.index("说明")
SEVERITY_COLOURS = {CERTAIN: QColor("#b00020"), SUSPECTED: QColor("#b36b00")}

SaveNote = Callable[[Finding, str], None]


class FindingsModel(QAbstractTableModel):
    """Rows are the findings of the last run; editing 说明 calls ``save_note(finding, text)``."""

    def __init__(self, save_note: SaveNote, parent=None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []
        self._save_note = save_note

    def set_findings(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        self._findings = list(findings)
        self.endResetModel()

    def finding(self, row: int) -> Finding:
        return self._findings[row]

    def row_of(self, rule: str, place_key: str) -> int | None:
        for row, finding in enumerate(self._findings):
            if finding.identity() == (rule, place_key):
                return row
        return None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._findings)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        finding = self._findings[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            values = (
                finding.severity,
                finding.rule,
                finding.where,
                finding.message,
                finding.expected,
                finding.actual,
                finding.note,
            )
            return values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (2, 3):
            return finding.message
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            colour = SEVERITY_COLOURS.get(finding.severity)
            return None if colour is None else QBrush(colour)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == NOTE_COLUMN else flags

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if not index.isValid() or index.column() != NOTE_COLUMN or role != Qt.ItemDataRole.EditRole:
            return False
        finding = self._findings[index.row()]
        text = str(value).strip()
        if text == finding.note:
            return False
        self._save_note(finding, text)
        return True

    def show_note(self, rule: str, place_key: str, note: str) -> None:
        """Show a 说明 that was saved (or undone) without re-running the checks."""
        row = self.row_of(rule, place_key)
        if row is None:
            return
        self._findings[row] = replace(self._findings[row], note=note)
        index = self.index(row, NOTE_COLUMN)
        self.dataChanged.emit(index, index)
