"""导入 Excel / 导出 Excel in the window: the file dialog, the dry-run report first, the work off the UI thread.

``import_excel`` checks the chosen workbook (a dry run) and shows what it would add and update,
or every problem found (a ``ProblemReportDialog``: a table with each place, 保存为 Excel, also
for the warnings of a workbook that can be imported); only when the clerk confirms does it import, with a progress dialog
whose 取消 rolls everything back. ``export_excel`` writes the current year, ID and phone numbers
masked unless the clerk ticks “导出完整身份证号和电话（仅限内部使用）” (as ``--unmasked`` in the CLI).
Both return the flow object so tests can wait on its ``done`` signal; dialogs are opened, never
exec'd. The work runs in ``desktop/ui/background.py``'s pool: a worker never touches a widget, and
closing the window cancels an import and waits for any job before the database is closed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFileDialog, QInputDialog, QMessageBox, QProgressDialog, QWidget

from desktop.domain.provinces import PROVINCES
from desktop.errors import UserInputError
from desktop.services.excel import ExcelService, ImportCancelled, ImportRejected, ImportReport, Progress
from desktop.storage.database import DatabaseError
from desktop.ui.background import Job, post, submit
from desktop.ui.context import WorkContext
from desktop.ui.messages import show_error
from desktop.ui.problem_report_dialog import ProblemReportDialog
from desktop.ui.work_toolbar import FIRST_YEAR, LAST_YEAR

FILTER = "Excel 工作簿 (*.xlsx)"
UNMASKED = "导出完整身份证号和电话（仅限内部使用）"


class _Flow(QObject):
    """One import or export: runs its jobs in turn (see ``desktop/ui/background.py``) and emits
    ``done`` with a line for the status bar. Closing the window cancels the job and waits for it."""

    done = Signal(str)

    def __init__(self, parent: QWidget, title: str, service: ExcelService) -> None:
        super().__init__(parent)
        self._parent = parent
        self._title = title
        self._service = service
        self._job: Job | None = None
        self.message: QMessageBox | ProblemReportDialog | None = None

    def start(self, label: str, work: Callable[[Progress], object], on_success, cancellable: bool) -> None:
        dialog = QProgressDialog(label, "取消", 0, 0, self._parent)
        dialog.setWindowTitle(self._title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        if not cancellable:
            dialog.setCancelButton(None)

        def progressed(counts: tuple[int, int]) -> None:
            done, total = counts
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

        def ended(outcome: Callable[[], None]) -> None:
            dialog.reset()
            dialog.deleteLater()
            outcome()

        def run(job: Job) -> None:
            def progress(done: int, total: int) -> bool:
                post(job, progressed, (done, total))
                return not job.cancelled.is_set()

            try:
                result = work(progress)
            except ImportCancelled:
                post(job, ended, lambda: self.finish("已取消导入，数据库未改动"))
            except ImportRejected as error:
                post(job, ended, partial(self._rejected, error.report))
            except (UserInputError, DatabaseError) as error:
                post(job, ended, partial(self._fail, str(error)))
            except Exception as error:  # noqa: BLE001 — a bug: raised again in the window's thread
                post(job, ended, partial(_raise, error))
            else:
                post(job, ended, partial(on_success, result))

        job = Job(run, self)
        dialog.canceled.connect(job.cancelled.set)
        self._job = job
        submit(job)

    def report_dialog(self, report: ImportReport, summary: str, *, confirm: bool) -> ProblemReportDialog:
        """The report as a table (opened, window-modal); it saves through the Excel service."""
        dialog = ProblemReportDialog(
            self._title,
            summary,
            report.entries,
            partial(self._service.save_report, report),
            self._parent,
            confirm=confirm,
            suggested_name=f"{Path(report.file).stem}问题报告.xlsx",
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()
        self.message = dialog
        return dialog

    def _rejected(self, report: ImportReport) -> None:
        head = report.lines()[0]
        self.report_dialog(report, f"{head}。请按下表逐条改正工作簿后再导入。", confirm=False)
        self.done.emit(head)

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
        """Block until the worker of the current job has let go of the database."""
        if self._job is not None:
            self._job.finished.wait()


def _raise(error: Exception) -> None:
    raise error


class _ImportFlow(_Flow):
    """Dry run, report, confirm, import: ``importer(path, dry_run=…, progress=…)`` does the work;
    ``service`` saves the problem report."""

    def __init__(
        self,
        parent: QWidget,
        service: ExcelService,
        importer: Callable[..., ImportReport],
        context: WorkContext,
        path: Path,
        title: str = "导入 Excel",
    ) -> None:
        super().__init__(parent, title, service)
        self._importer, self._context, self._path = importer, context, path

    def check(self) -> None:
        self.start(
            f"正在检查 {self._path.name}…",
            lambda progress: self._importer(self._path, dry_run=True, progress=progress),
            self._confirm,
            cancellable=True,
        )

    def _confirm(self, report: ImportReport) -> None:
        lines = report.lines()
        if report.entries:
            counts = "；".join(line.strip() for line in lines[1:] if not line.strip().startswith("提示："))
            summary = (
                f"{lines[0]}\n{counts}\n有 {len(report.entries)} 条提示（不妨碍导入），请核对后决定是否导入。"
            )
            dialog = self.report_dialog(report, summary, confirm=True)
            dialog.accepted.connect(self._run)
            dialog.rejected.connect(lambda: self.done.emit("未导入"))
            return
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
            lambda progress: self._importer(self._path, progress=progress),
            self._imported,
            cancellable=True,
        )

    def _imported(self, report: ImportReport) -> None:
        lines = [line.strip() for line in report.lines()]
        self._context.changed.emit()  # every tab reloads what it shows
        counts = [line for line in lines[1:] if not line.startswith("提示：")]
        if report.entries:  # listed, with their places, before the clerk said 导入
            counts.append(f"导入前列出的 {len(report.entries)} 条提示见问题报告")
        self.finish(lines[0], "\n".join(counts))


def import_excel(parent: QWidget, services, context: WorkContext, path: Path | None = None) -> _Flow | None:
    """Ask for a workbook, show the dry-run report, import when the clerk says so."""
    if path is None:
        chosen, _filter = QFileDialog.getOpenFileName(parent, "导入 Excel", "", FILTER)
        if not chosen:
            return None
        path = Path(chosen)
    flow = _ImportFlow(parent, services.excel, services.excel.import_workbook, context, Path(path))
    flow.check()
    return flow


def _new_department_scope(parent: QWidget) -> tuple[str, int] | None:
    """The province (it decides the table set) and the year of the 单位 the import will create."""
    title = "导入决算报表"
    province, chosen = QInputDialog.getItem(
        parent, title, "新单位所在的省份（决定报表格式）：", list(PROVINCES), 0, False
    )
    if not chosen:
        return None
    year, chosen = QInputDialog.getInt(
        parent, title, "决算年度：", date.today().year - 1, FIRST_YEAR, LAST_YEAR
    )
    return (province, year) if chosen else None


def import_tables(parent: QWidget, services, context: WorkContext, path: Path | None = None) -> _Flow | None:
    """导入决算报表: the 决算 system's workbook of published tables into the year in the toolbar."""
    year, province = context.year, ""
    if context.department_id is None:  # an empty database: the 编制单位 line gives the new 单位
        chosen = _new_department_scope(parent)
        if chosen is None:
            return None
        province, year = chosen
    if year is None:
        show_error(parent, "请先在工具栏选择年度：决算报表导入到所选年度", "导入决算报表")
        return None
    if path is None:
        chosen, _filter = QFileDialog.getOpenFileName(parent, f"导入 {year} 年度决算报表", "", FILTER)
        if not chosen:
            return None
        path = Path(chosen)
    importer = partial(services.table_import.import_tables, year=year, province=province)
    flow = _ImportFlow(parent, services.excel, importer, context, Path(path), "导入决算报表")
    flow.check()
    return flow


class _ExportFlow(_Flow):
    def __init__(self, parent: QWidget, service: ExcelService, department_id: int, year: int) -> None:
        super().__init__(parent, "导出 Excel", service)
        self._department_id, self._year = department_id, year

    def ask(self, path: Path | None) -> None:
        """Masked or not (masked unless the clerk ticks the box), then the file, then the export."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self._title,
            f"导出 {self._year} 年度的数据到 Excel 工作簿。",
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            self._parent,
        )
        box.setInformativeText("默认身份证号、电话打码；完整号码只可在单位内部使用。")
        box.setCheckBox(QCheckBox(UNMASKED, box))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.accepted.connect(lambda: self.run(path, box.checkBox().isChecked()))
        box.rejected.connect(lambda: self.done.emit("未导出"))
        box.open()
        self.message = box

    def run(self, path: Path | None, unmasked: bool) -> None:
        if path is None:
            name = f"{self._year}年度{'（完整号码）' if unmasked else ''}.xlsx"
            chosen, _filter = QFileDialog.getSaveFileName(self._parent, self._title, name, FILTER)
            if not chosen:
                self.done.emit("未导出")
                return
            path = Path(chosen)
        department_id, year, service = self._department_id, self._year, self._service
        self.start(
            f"正在导出 {year} 年度…",
            lambda _progress: service.export(department_id, year, path, unmasked=unmasked),
            self.finish,
            cancellable=False,
        )


def export_excel(
    parent: QWidget, services, context: WorkContext, path: Path | None = None, unmasked: bool | None = None
) -> _Flow | None:
    """Write the current department's current year to a chosen .xlsx. ID and phone numbers are
    masked unless the clerk ticks “导出完整身份证号和电话” in the question shown first (asked
    when ``unmasked`` is None)."""
    department_id, year = context.department_id, context.year
    if department_id is None or year is None:
        show_error(parent, "请先选择单位和年度", "导出 Excel")
        return None
    flow = _ExportFlow(parent, services.excel, department_id, year)
    if unmasked is None:
        flow.ask(None if path is None else Path(path))
    else:
        flow.run(None if path is None else Path(path), unmasked)
    return flow
