"""The problem report of an import as a table: 类别, 工作表, 行, 列, 原因 (issue 11, Build 10).

A message box listing 67 problems grew taller than the screen with its button out of reach; this
dialog scrolls, lets the clerk select and copy rows (Ctrl+C, or 复制全部) and saves them as a
workbook. For a dry run with warnings it is also the question: 导入 or 不导入.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserInputError
from desktop.services.problem_report import PROBLEM, ReportEntry
from desktop.ui.cell_tooltips import show_full_text
from desktop.ui.editing import copy_block
from desktop.ui.messages import show_error

COLUMNS = ("类别", "工作表", "行", "列", "原因")
REASON = COLUMNS.index("原因")
FILTER = "Excel 工作簿 (*.xlsx)"
PROBLEM_COLOUR = QColor("#b00020")

Index = QModelIndex | QPersistentModelIndex


class ProblemReportModel(QAbstractTableModel):
    """The report's rows as they came: problems first, then warnings."""

    def __init__(self, entries: Sequence[ReportEntry], parent=None) -> None:
        super().__init__(parent)
        self._entries = list(entries)

    def rowCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = entry.values()[index.column()]
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0 and entry.kind == PROBLEM:
            return QBrush(PROBLEM_COLOUR)
        return None


class ProblemReportDialog(QDialog):
    """``summary`` above the table; ``save(path)`` writes the workbook and returns a line to show.

    With ``confirm`` the buttons are 导入 (accept) and 不导入 (reject), else 关闭.
    """

    def __init__(
        self,
        title: str,
        summary: str,
        entries: Sequence[ReportEntry],
        save: Callable[[Path], str],
        parent: QWidget | None = None,
        *,
        confirm: bool = False,
        suggested_name: str = "问题报告.xlsx",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._save, self._suggested_name = save, suggested_name
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = ProblemReportModel(entries, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.horizontalHeader()
        for column in range(len(COLUMNS)):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column == REASON
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        QShortcut(QKeySequence.StandardKey.Copy, self.view, lambda: copy_block(self.view))
        show_full_text(self.view)
        self.status = QLabel()

        buttons = QDialogButtonBox()
        self.copy_button = buttons.addButton("复制全部", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = buttons.addButton("保存为 Excel…", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_all)
        self.save_button.clicked.connect(self._ask_where_to_save)
        if confirm:
            self.accept_button: QPushButton = buttons.addButton(
                "导入", QDialogButtonBox.ButtonRole.AcceptRole
            )
            buttons.addButton("不导入", QDialogButtonBox.ButtonRole.RejectRole)
        else:
            self.accept_button = buttons.addButton("关闭", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        """As large as a report needs, never beyond the screen (the buttons stay in reach)."""
        screen = (self.parentWidget() or self).screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry()
        self.resize(min(960, available.width() - 40), min(560, available.height() - 80))

    def rows(self) -> list[list[str]]:
        """What the table shows, row by row."""
        model = self.model
        return [
            [model.index(row, column).data() for column in range(model.columnCount())]
            for row in range(model.rowCount())
        ]

    def copy_all(self) -> None:
        self.view.selectAll()
        copy_block(self.view)
        self.status.setText(f"已复制 {self.model.rowCount()} 条，可粘贴到 Excel 或文档中")

    def _ask_where_to_save(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(self, "保存问题报告", self._suggested_name, FILTER)
        if chosen:
            self.save_to(Path(chosen))

    def save_to(self, path: Path) -> bool:
        try:
            line = self._save(path)
        except UserInputError as error:
            show_error(self, str(error), "无法保存")
            return False
        self.status.setText(line)
        return True
