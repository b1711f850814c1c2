"""文件 → 导出 PDF…, on every tab: one dialog listing every form of the year with a checkbox.

The list is ``PdfExportService.year_forms`` (each project's 自评表 in its province's layout and
its 绩效目标表, the scorecards made, the year pack); a form that would not be final says why in
its 状态 column. 导出 asks before files of the same names are replaced and before a 草稿 is
written (``draft_question``), then ``PdfBatch`` (``ui/pdf_batch.py``) writes the checked forms in
the background and names every file in one message at the end.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QStandardPaths, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.container import Services
from desktop.services.pdf_export import YearForm
from desktop.ui.messages import show_error
from desktop.ui.pdf_actions import DRAFT_BUTTON
from desktop.ui.pdf_batch import PdfBatch

COLUMNS = ("表格", "文件名", "状态")
FINAL = "可定稿"
FINAL_ONLY_BUTTON, REPLACE_BUTTON = "只导出定稿的", "替换"
DRAFT_COLOUR = QColor("#a61b1b")


def status_text(form: YearForm) -> str:
    return f"草稿：{'；'.join(form.draft_reasons)}" if form.draft_reasons else FINAL


class YearFormsModel(QAbstractTableModel):
    """The year's forms, each with a checkbox in its first column."""

    def __init__(self, forms: list[YearForm], checked: set[int], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.forms, self._checked = forms, set(checked)

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.forms)

    def columnCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        form = self.forms[index.row()]
        texts = (form.title, form.file_name, status_text(form))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return texts[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            return Qt.CheckState.Checked if index.row() in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2 and form.draft_reasons:
            return QBrush(DRAFT_COLOUR)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else flags

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._checked.add(index.row())
        else:
            self._checked.discard(index.row())
        self.dataChanged.emit(index, index, [role])
        return True

    def check_all(self, checked: bool) -> None:
        self._checked = set(range(len(self.forms))) if checked else set()
        if self.forms:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.forms) - 1, 0))

    def checked(self) -> list[YearForm]:
        return [form for row, form in enumerate(self.forms) if row in self._checked]


def draft_question(parent: QWidget, drafts: list[YearForm]) -> QMessageBox:
    """The existing draft rule: a form that is not final is written only as a 草稿, after asking."""
    reasons = "\n".join(f"{form.title}：{'；'.join(form.draft_reasons)}" for form in drafts)
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "未定稿",
        f"以下表格还不能定稿：\n{reasons}\n\n是否导出草稿（每页标“草稿”，不能签字报送）？",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.addButton(DRAFT_BUTTON, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(FINAL_ONLY_BUTTON, QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


def replace_question(parent: QWidget, folder: Path, names: list[str]) -> QMessageBox:
    """Files of the same names are replaced only when the clerk says so."""
    shown = "\n".join(names[:10]) + ("\n……" if len(names) > 10 else "")
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "替换文件",
        f"文件夹“{folder}”中已有 {len(names)} 个同名文件：\n{shown}\n\n是否替换？",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.addButton(REPLACE_BUTTON, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


class ExportPdfDialog(QDialog):
    """``export()`` returns the started ``PdfBatch`` (None when nothing was started); ``started``
    carries it too, for a 草稿 question answered later."""

    started = Signal(object)

    def __init__(
        self,
        services: Services,
        department_id: int,
        year: int,
        preselected: tuple[str, str | None] | None,
        parent: QWidget,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._services, self._department_id, self._year = services, department_id, year
        self.setWindowTitle("导出 PDF")
        forms = services.pdf.year_forms(department_id, year)
        wanted = [i for i, form in enumerate(forms) if (form.form, form.project_code) == preselected]
        self.model = YearFormsModel(forms, set(wanted or range(len(forms))), self)
        self.view = QTableView(objectName="year_forms")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setMinimumSectionSize(self.view.fontMetrics().height() + 12)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(0, 470)
        self.view.setColumnWidth(2, 330)
        # a 草稿's reason wraps onto the lines it needs, at the widths the columns get
        header.sectionResized.connect(lambda *_sizes: self.view.resizeRowsToContents())
        self.all_button, self.none_button = QPushButton("全选"), QPushButton("全不选")
        self.all_button.clicked.connect(lambda: self.model.check_all(True))
        self.none_button.clicked.connect(lambda: self.model.check_all(False))
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        self.folder = QLineEdit(str(folder or documents), objectName="folder")
        self.choose_button = QPushButton("选择文件夹…")
        self.choose_button.clicked.connect(self.choose_folder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("导出", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)

        checks = QHBoxLayout()
        checks.addWidget(self.all_button)
        checks.addWidget(self.none_button)
        checks.addStretch()
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel("保存到文件夹："))
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        heading = (
            f"{year} 年度的表格（勾选要导出的，每张表格一个 PDF 文件）："
            if forms
            else f"{year} 年度还没有可导出的表格：请先在“项目绩效”建立项目，或在“评价打分”建立评价表"
        )
        layout.addWidget(QLabel(heading, objectName="heading"))
        layout.addWidget(self.view, 1)
        layout.addLayout(checks)
        layout.addLayout(folder_row)
        layout.addWidget(buttons)
        self.resize(1300, 620)

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "导出到文件夹", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def export(self) -> PdfBatch | None:
        """导出: the checked forms into the folder; a 草稿 only after the question says so."""
        chosen = self.model.checked()
        folder = Path(self.folder.text().strip())
        if not chosen:
            show_error(self, "请至少勾选一张表格", "没有要导出的表格")
            return None
        if not self.folder.text().strip() or not folder.is_dir():
            show_error(self, f"保存位置“{folder}”不是一个存在的文件夹", "无法导出 PDF")
            return None
        existing = [form.file_name for form in chosen if (folder / form.file_name).exists()]
        if not existing:
            return self._ask_drafts(chosen, folder)
        box = replace_question(self, folder, existing)

        def answered() -> None:
            if box.clickedButton() is not None and box.clickedButton().text() == REPLACE_BUTTON:
                self._ask_drafts(chosen, folder)

        box.finished.connect(answered)
        box.open()
        return None

    def _ask_drafts(self, chosen: list[YearForm], folder: Path) -> PdfBatch | None:
        """A 草稿 is written only after the question says so (the existing draft rule)."""
        drafts = [form for form in chosen if form.draft_reasons]
        if not drafts:
            return self._start(chosen, folder, draft=False)
        box = draft_question(self, drafts)

        def answered() -> None:
            clicked = box.clickedButton().text() if box.clickedButton() else ""
            if clicked == DRAFT_BUTTON:
                self._start(chosen, folder, draft=True)
            elif clicked == FINAL_ONLY_BUTTON:
                finals = [form for form in chosen if not form.draft_reasons]
                if finals:
                    self._start(finals, folder, draft=False)
                else:
                    show_error(self, "勾选的表格都还不能定稿，没有导出任何文件", "没有可定稿的表格")

        box.finished.connect(answered)
        box.open()
        return None

    def _start(self, forms: list[YearForm], folder: Path, *, draft: bool) -> PdfBatch:
        batch = PdfBatch(self.parentWidget(), self._services, self._department_id, self._year)
        batch.start(forms, folder, draft=draft)
        self.started.emit(batch)
        self.accept()
        return batch
