"""检查说明文本: a 决算说明 written elsewhere (a file, or text pasted) checked against the year's
figures; the results in a table, mismatches first, then what could not be matched.

The file is read and checked off the window's thread (``BackgroundRunner``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.report_check import StatedValue, TextCheck
from desktop.errors import UserInputError
from desktop.services.check_text import check_report_text, read_report_text
from desktop.storage.database import DatabaseError
from desktop.ui.background import BackgroundRunner
from desktop.ui.messages import show_error

COLUMNS = ("结果", "名称", "类别", "文中", "计算", "说明", "句子")
MISMATCH, UNMATCHED, AGREES = "不一致", "无法对应", "一致"
_ORDER = {MISMATCH: 0, UNMATCHED: 1, AGREES: 2}


def _verdict(value: StatedValue) -> str:
    if value.agrees is None:
        return UNMATCHED
    return AGREES if value.agrees else MISMATCH


class TextCheckModel(QAbstractTableModel):
    """The numbers of the text, mismatches first."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._values: list[StatedValue] = []

    def set_result(self, result: TextCheck | None) -> None:
        self.beginResetModel()
        values = result.values if result else []
        self._values = sorted(values, key=lambda value: _ORDER[_verdict(value)])
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._values)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        value = self._values[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            cells = (
                _verdict(value),
                value.figure or "",
                value.kind or "",
                value.stated,
                value.computed or "",
                value.note,
                value.sentence,
            )
            return cells[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0 and value.agrees is False:
            return QBrush(QColor("#b00020"))
        return None


class ReportCheckDialog(QDialog):
    """Choose a file or paste the text, then 检查."""

    def __init__(self, engine, department_id: int, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"检查说明文本（{year} 年）")
        self.resize(1000, 640)
        self._engine, self._department_id, self._year = engine, department_id, year
        self._file: Path | None = None
        self._runner = BackgroundRunner(self._show, self)
        self.file_label = QLabel("未选择文件：可选择 .docx、.txt、.pdf 文件，或把说明文字粘贴在下面")
        choose = QPushButton("选择文件…")
        choose.clicked.connect(self.choose_file)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("在此粘贴决算说明的文字")
        self.text.textChanged.connect(self._forget_file)
        self.check_button = QPushButton("检查")
        self.check_button.clicked.connect(self.run_check)
        self.summary = QLabel(objectName="text_check_summary")
        self.model = TextCheckModel(self)
        self.view = QTableView(objectName="text_check")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(choose)
        top.addWidget(self.file_label, 1)
        checking = QHBoxLayout()
        checking.addWidget(self.check_button)
        checking.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addLayout(checking)
        layout.addWidget(self.view, 3)
        layout.addWidget(buttons)

    def choose_file(self, path: Path | None = None) -> None:
        if not path:
            chosen, _ = QFileDialog.getOpenFileName(
                self, "选择决算说明", "", "决算说明 (*.docx *.txt *.pdf);;所有文件 (*)"
            )
            if not chosen:
                return
            path = Path(chosen)
        self.text.blockSignals(True)
        self.text.clear()
        self.text.blockSignals(False)
        self._file = path
        self.file_label.setText(f"文件：{path}")

    def _forget_file(self) -> None:
        if self._file is not None:
            self._file = None
            self.file_label.setText("检查粘贴的文字")

    @property
    def checking(self) -> bool:
        return self._runner.running

    def run_check(self) -> None:
        path, pasted = self._file, self.text.toPlainText()
        if path is None and not pasted.strip():
            show_error(self, "请选择文件或粘贴说明文字", "没有可检查的文字")
            return
        engine, department_id, year = self._engine, self._department_id, self._year

        def compute() -> TextCheck:
            text = read_report_text(path) if path is not None else pasted
            return check_report_text(engine, department_id, year, text)

        self.check_button.setEnabled(False)
        self.summary.setText("正在检查…")
        self._runner.start(compute)

    def _show(self, result) -> None:
        self.check_button.setEnabled(True)
        if isinstance(result, UserInputError | DatabaseError):
            self.summary.setText("未能检查")
            show_error(self, str(result), "无法检查")
            return
        self.model.set_result(result)
        self.summary.setText(
            f"核对了 {len(result.values)} 个数字：{len(result.agreeing)} 个一致，"
            f"{len(result.mismatches)} 个不一致，{len(result.unmatched)} 个无法对应"
        )
