"""文件 → 导出决算说明 (PDF / Word): the year's check findings and the texts still empty are listed
first; the clerk may go on, then chooses where to save. The checks and the writing run off the
window's thread; ``ReportExportFlow.done`` fires once everything has happened (tests wait on it)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserInputError
from desktop.services.report_export import ReportExport, export_notes, export_report_docx, export_report_pdf
from desktop.storage.database import DatabaseError
from desktop.ui.background import BackgroundRunner
from desktop.ui.context import WorkContext
from desktop.ui.messages import show_error

KINDS = {"pdf": ("PDF", "PDF 文件 (*.pdf)", ".pdf"), "docx": ("Word", "Word 文件 (*.docx)", ".docx")}


class ReportNotesDialog(QDialog):
    """The findings and missing texts, with 继续导出 and 取消."""

    def __init__(self, notes: list[str], kind: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"导出决算说明（{KINDS[kind][0]}）")
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        if notes:
            layout.addWidget(QLabel(f"导出前发现 {len(notes)} 项需要注意（仍可继续导出）："))
        else:
            layout.addWidget(QLabel("检查通过，所有文字均已填写。"))
        self.notes = QPlainTextEdit("\n".join(notes), objectName="report_notes")
        self.notes.setReadOnly(True)
        layout.addWidget(self.notes, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.go_on = buttons.addButton("继续导出…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class ReportExportFlow(QObject):
    done = Signal()

    def __init__(self, parent: QWidget, engine, context: WorkContext, kind: str, path: Path | None) -> None:
        super().__init__(parent)
        self._parent, self._engine, self._kind, self._path = parent, engine, kind, path
        self._department_id, self._year = context.department_id, context.year
        self._runner = BackgroundRunner(self._notes_ready, self)
        self._writer = BackgroundRunner(self._written, self)
        self.dialog: ReportNotesDialog | None = None
        self.message: QMessageBox | None = None

    def start(self) -> None:
        engine, department_id, year = self._engine, self._department_id, self._year
        self._runner.start(lambda: export_notes(engine, department_id, year))

    def _notes_ready(self, result) -> None:
        if isinstance(result, UserInputError | DatabaseError):
            self.message = show_error(self._parent, str(result), "无法导出决算说明")
            self.done.emit()
            return
        self.dialog = ReportNotesDialog(result, self._kind, self._parent)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.finished.connect(self._answered)
        self.dialog.open()

    def _answered(self, code: int) -> None:
        self.dialog = None
        path = self._path if code == QDialog.DialogCode.Accepted else None
        if code == QDialog.DialogCode.Accepted and path is None:
            path = self._ask_path()
        if path is None:
            self.done.emit()
            return
        engine, department_id, year = self._engine, self._department_id, self._year
        write = export_report_pdf if self._kind == "pdf" else export_report_docx
        self._writer.start(lambda: write(engine, department_id, year, path))

    def _ask_path(self) -> Path | None:
        name, pattern, suffix = KINDS[self._kind]
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / f"{self._year}年度部门决算说明{suffix}")
        chosen, _ = QFileDialog.getSaveFileName(self._parent, f"导出决算说明（{name}）", suggested, pattern)
        if not chosen:
            return None
        return Path(chosen) if chosen.lower().endswith(suffix) else Path(chosen + suffix)

    def _written(self, result) -> None:
        if isinstance(result, ReportExport):
            pages = f"（共 {result.pages} 页）" if result.pages else ""
            box = QMessageBox(QMessageBox.Icon.Information, "导出决算说明", f"已导出 {result.path}{pages}")
            box.setParent(self._parent, box.windowFlags())
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            self.message = box
        else:
            self.message = show_error(self._parent, str(result), "无法导出决算说明")
        self.done.emit()


def export_report(
    parent: QWidget, engine, context: WorkContext, kind: str, *, path: Path | None = None
) -> ReportExportFlow | None:
    """Start 导出决算说明 (``kind`` pdf or docx); None without a department and year."""
    if context.department_id is None or context.year is None:
        show_error(parent, "请先在工具栏选择单位和年度", "无法导出决算说明")
        return None
    flow = ReportExportFlow(parent, engine, context, kind, path)
    flow.start()
    return flow
