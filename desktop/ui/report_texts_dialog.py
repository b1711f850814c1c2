"""决算说明文字: the texts the clerk writes for the report (each comparison's 主要原因, 职责, 机构,
名词解释, the 绩效报告's narratives), a list on the left marking those still empty, the text on
the right; 保存 keeps the chosen one through the service."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserInputError
from desktop.services.report import ReportSection, ReportService
from desktop.storage.database import DatabaseError
from desktop.ui.messages import show_error

COLUMNS = ("文字", "状态")
EMPTY, WRITTEN = "未填写", "已填写"


class SectionsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.sections: list[ReportSection] = []

    def set_sections(self, sections: list[ReportSection]) -> None:
        self.beginResetModel()
        self.sections = sections
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.sections)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        section = self.sections[index.row()]
        written = bool(section.text.strip())
        if role == Qt.ItemDataRole.DisplayRole:
            return section.label if index.column() == 0 else (WRITTEN if written else EMPTY)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1 and not written:
            return QBrush(QColor("#b00020"))
        return None


class ReportTextsDialog(QDialog):
    def __init__(self, service: ReportService, department_id: int, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"决算说明文字（{year} 年）")
        self.resize(980, 600)
        self._service, self._department_id, self._year = service, department_id, year
        self.model = SectionsModel(self)
        self.view = QTableView(objectName="report_sections")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.hint = QLabel()
        self.editor = QPlainTextEdit(objectName="report_text")
        self.save_button = QPushButton("保存")
        self.save_button.clicked.connect(self.save)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        right = QVBoxLayout()
        right.addWidget(self.hint)
        right.addWidget(self.editor, 1)
        right.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        body = QHBoxLayout()
        body.addWidget(self.view, 2)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.model.set_sections(service.sections(department_id, year))
        self.view.selectionModel().currentRowChanged.connect(self._show)
        self.view.selectRow(0)

    def current(self) -> ReportSection | None:
        row = self.view.currentIndex().row()
        return self.model.sections[row] if 0 <= row < len(self.model.sections) else None

    def _show(self, *_args) -> None:
        section = self.current()
        if section is None:
            return
        scope = "各年度通用" if section.department_wide else f"{self._year} 年"
        self.hint.setText(f"{section.label}（{scope}）")
        self.editor.setPlainText(section.text)

    def save(self) -> None:
        section = self.current()
        if section is None:
            return
        try:
            self._service.save_text(self._department_id, self._year, section, self.editor.toPlainText())
        except (UserInputError, DatabaseError) as error:
            show_error(self, str(error), "无法保存")
            return
        row = self.view.currentIndex().row()
        self.model.set_sections(self._service.sections(self._department_id, self._year))
        self.view.selectRow(row)
