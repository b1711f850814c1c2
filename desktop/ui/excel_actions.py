"""导入 Excel / 导出 Excel in the window: the file dialog, the dry-run report first, the work off the UI thread.

``import_excel`` checks the chosen workbook (a dry run) and shows what it would add and update,
or every problem found; only when the clerk confirms does it import, with a progress dialog
whose 取消 rolls everything back. ``export_excel`` writes the current year. Both return the
flow object so tests can wait on its ``done`` signal; dialogs are opened, never exec'd.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from desktop.services.errors import UserInputError
from desktop.services.excel import ExcelService, ImportCancelled, ImportRejected, ImportReport
from desktop.ui.context import WorkContext
from desktop.ui.messages import show_error

FILTER = "Excel 工作簿 (*.xlsx)"


class _Job(QObject):
    """Runs one service call on a worker thread; reports progress and the outcome by signal."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, work: Callable[[Callable[[int, int], bool]], object]) -> None:
        super().__init__()
        self._work = work
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._stop.is_set()

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except ImportCancelled:
            self.cancelled.emit()
        except ImportRejected as error:
            self.failed.emit("\n".join(error.report.lines()))
        except UserInputError as error:
            self.failed.emit(str(error))
        else:
            self.succeeded.emit(result)


class _Flow(QObject):
    """One import or export: runs its jobs in turn and emits ``done`` with a line for the status bar."""

    done = Signal(str)

    def __init__(self, parent: QWidget, title: str) -> None:
        super().__init__(parent)
        self._parent = parent
        self._title = title
        self._thread: QThread | None = None
        self.message: QMessageBox | None = None

    def start(self, label: str, work, on_success, cancellable: bool) -> None:
        dialog = QProgressDialog(label, "取消", 0, 0, self._parent)
        dialog.setWindowTitle(self._title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        if not cancellable:
            dialog.setCancelButton(None)
        job = _Job(work)
        thread = QThread(self)
        job.moveToThread(thread)
        thread.started.connect(job.run)
        job.progressed.connect(
            lambda done, total: (dialog.setMaximum(total), dialog.setValue(min(done, total)))
        )
        dialog.canceled.connect(job.cancel)
        for signal in (job.succeeded, job.failed, job.cancelled):
            signal.connect(thread.quit)
            signal.connect(dialog.reset)
        job.succeeded.connect(on_success)
        job.failed.connect(self._fail)
        job.cancelled.connect(lambda: self.finish("已取消导入，数据库未改动"))
        thread.finished.connect(job.deleteLater)
        self._job, self._thread = job, thread
        thread.start()

    def _fail(self, text: str) -> None:
        self.message = show_error(self._parent, text, self._title)
        self.done.emit(text.splitlines()[0])

    def finish(self, text: str, detail: str = "") -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information, self._title, text, QMessageBox.StandardButton.Ok, self._parent
        )
        if detail:
            box.setInformativeText(detail)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        self.message = box
        self.done.emit(text)

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.wait()


class _ImportFlow(_Flow):
    def __init__(self, parent: QWidget, service: ExcelService, context: WorkContext, path: Path) -> None:
        super().__init__(parent, "导入 Excel")
        self._service, self._context, self._path = service, context, path

    def check(self) -> None:
        self.start(
            f"正在检查 {self._path.name}…",
            lambda progress: self._service.import_workbook(self._path, dry_run=True, progress=progress),
            self._confirm,
            cancellable=True,
        )

    def _confirm(self, report: ImportReport) -> None:
        lines = report.lines()
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self._title,
            f"{lines[0]}\n\n是否导入？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self._parent,
        )
        box.setInformativeText("\n".join(line.strip() for line in lines[1:]))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.accepted.connect(self._run)
        box.rejected.connect(lambda: self.done.emit("未导入"))
        box.open()
        self.message = box

    def _run(self) -> None:
        self.start(
            f"正在导入 {self._path.name}…",
            lambda progress: self._service.import_workbook(self._path, progress=progress),
            self._imported,
            cancellable=True,
        )

    def _imported(self, report: ImportReport) -> None:
        lines = report.lines()
        self._context.changed.emit()  # every tab reloads what it shows
        self.finish(lines[0], "\n".join(line.strip() for line in lines[1:]))


def import_excel(parent: QWidget, services, context: WorkContext, path: Path | None = None) -> _Flow | None:
    """Ask for a workbook, show the dry-run report, import when the clerk says so."""
    if path is None:
        chosen, _filter = QFileDialog.getOpenFileName(parent, "导入 Excel", "", FILTER)
        if not chosen:
            return None
        path = Path(chosen)
    flow = _ImportFlow(parent, services.excel, context, Path(path))
    flow.check()
    return flow


def export_excel(parent: QWidget, services, context: WorkContext, path: Path | None = None) -> _Flow | None:
    """Write the current department's current year (ID and phone numbers masked) to a chosen .xlsx."""
    department_id, year = context.department_id, context.year
    if department_id is None or year is None:
        show_error(parent, "请先选择单位和年度", "导出 Excel")
        return None
    if path is None:
        chosen, _filter = QFileDialog.getSaveFileName(parent, "导出 Excel", f"{year}年度.xlsx", FILTER)
        if not chosen:
            return None
        path = Path(chosen)
    flow = _Flow(parent, "导出 Excel")
    flow.start(
        f"正在导出 {year} 年度…",
        lambda _progress: services.excel.export(department_id, year, Path(path)),
        flow.finish,
        cancellable=False,
    )
    return flow
