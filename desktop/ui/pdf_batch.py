"""The forms checked in the 导出 PDF dialog, written one by one off the window's thread.

Each goes through ``PdfExportService.export`` (the atomic output path the command line uses too),
behind a progress dialog whose 停止 takes effect between files; a form that fails is named with its
reason and the others are still written. One message at the end names every file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop.errors import UserInputError
from desktop.services.container import Services
from desktop.services.pdf_export import ExportResult, YearForm
from desktop.storage.database import DatabaseError
from desktop.ui.background import Job, post, submit


@dataclass(frozen=True)
class BatchOutcome:
    written: tuple[ExportResult, ...]
    failed: tuple[tuple[str, str], ...]  # (file name, reason)
    stopped: bool


class PdfBatch(QObject):
    """The checked forms written into ``folder`` one after another in the background. ``message``
    is the summary box at the end; ``done`` is emitted once it is shown."""

    done = Signal()

    def __init__(self, parent: QWidget | None, services: Services, department_id: int, year: int) -> None:
        super().__init__(parent)
        self._parent, self._pdf, self._scope = parent, services.pdf, (department_id, year)
        self.message: QMessageBox | None = None
        self._progress: QProgressDialog | None = None

    def start(self, forms: list[YearForm], folder: Path, *, draft: bool) -> None:
        progress = QProgressDialog("正在导出 PDF…", "停止", 0, len(forms), self._parent)
        progress.setWindowTitle("导出 PDF")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setValue(0)
        self._progress = progress
        pdf, (department_id, year) = self._pdf, self._scope

        def work(job: Job) -> None:
            written: list[ExportResult] = []
            failed: list[tuple[str, str]] = []
            for number, form in enumerate(forms):
                if job.cancelled.is_set():
                    break
                post(job, self._step, (number, form.file_name))
                try:
                    written.append(
                        pdf.export(
                            department_id,
                            year,
                            form.form,
                            folder / form.file_name,
                            form.project_code,
                            draft=draft and bool(form.draft_reasons),
                        )
                    )
                except (UserInputError, DatabaseError) as error:
                    failed.append((form.file_name, str(error)))
            stopped = len(written) + len(failed) < len(forms)
            post(job, self._finished, BatchOutcome(tuple(written), tuple(failed), stopped))

        job = Job(work, self)
        progress.canceled.connect(job.cancelled.set)
        submit(job)

    def _step(self, value: tuple[int, str]) -> None:
        number, name = value
        if self._progress is not None:
            self._progress.setLabelText(f"正在导出 {name}…")
            self._progress.setValue(number)

    def _finished(self, outcome: BatchOutcome) -> None:
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
            self._progress = None
        self.message = summary_box(self._parent, outcome)
        self.done.emit()


def summary_text(outcome: BatchOutcome) -> str:
    lines = []
    if outcome.written:
        folder = outcome.written[0].path.parent
        lines.append(f"已导出 {len(outcome.written)} 个文件到 {folder}：")
        lines += [f"  {result.path.name}（{result.pages} 页）" for result in outcome.written]
    if outcome.failed:
        lines.append(f"{len(outcome.failed)} 个文件未能导出：")
        lines += [f"  {name}：{reason}" for name, reason in outcome.failed]
    if outcome.stopped:
        lines.append("已停止，其余表格未导出")
    return "\n".join(lines) or "没有导出任何文件"


def summary_box(parent: QWidget | None, outcome: BatchOutcome) -> QMessageBox:
    icon = QMessageBox.Icon.Warning if outcome.failed else QMessageBox.Icon.Information
    box = QMessageBox(icon, "导出 PDF", summary_text(outcome), QMessageBox.StandardButton.NoButton, parent)
    if outcome.written:
        folder = outcome.written[0].path.parent
        opener = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
        opener.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
    box.addButton(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
