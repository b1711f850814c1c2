"""打印列表 / 打印预览 / 导出列表 and the statistics page of the 信访登记 tab.

The list is the rows the tab shows at that moment (the model's filter, search and sort); the
statistics are those the panel shows (``statistics_shown``), never counted again. PDFs go
through the forms' own 打印 / 打印预览 (``pdf_actions``); the workbook is written in the background.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.domain.register_statistics import RegisterStatistics
from desktop.services.register import RegisterFilter, RegisterService
from desktop.services.register_export import (
    LIST_TITLE,
    STATISTICS_TITLE,
    WorkbookResult,
    export_list_pdf,
    export_list_workbook,
    export_statistics_pdf,
)
from desktop.ui.background import BackgroundRunner
from desktop.ui.context import WorkContext
from desktop.ui.messages import show_error
from desktop.ui.pdf_actions import PdfJob, ask_pdf_path, export_written, preview_written, print_written
from desktop.ui.register_models import RegisterTableModel

NO_STATISTICS = "统计尚未完成或本期没有信访数据，没有可打印的统计"


class RegisterPrinting(QObject):
    """The print and export actions of one register tab (``tab`` parents their dialogs)."""

    def __init__(
        self,
        tab: QWidget,
        service: RegisterService,
        context: WorkContext,
        model: RegisterTableModel,
        font_file: Path | None,
    ) -> None:
        super().__init__(tab)
        self._tab, self._service, self._context, self._model = tab, service, context, model
        self._font_file = font_file  # the print font chosen in 设置 when the tab was made
        self.statistics_shown: tuple[RegisterStatistics, RegisterFilter] | None = None
        self._workbook_runner = BackgroundRunner(self._workbook_written, self)

    @property
    def running(self) -> bool:
        return self._workbook_runner.running

    def _list_writer(self):
        """Writes the list the tab shows now (its filter, search and sort) to a PDF; None without a 单位."""
        department_id = self._context.department_id
        if department_id is None:
            return None
        register_filter, sort, descending = self._model.shown_query
        return partial(
            export_list_pdf, self._service, department_id, register_filter,
            sort=sort, descending=descending, font_file=self._font_file,
        )  # fmt: skip

    def print_list(self) -> PdfJob | None:
        """打印列表: the filtered register through the print dialog, as the forms print."""
        write = self._list_writer()
        return None if write is None else print_written(self._tab, LIST_TITLE, write)

    def preview_list(self) -> PdfJob | None:
        write = self._list_writer()
        return None if write is None else preview_written(self._tab, LIST_TITLE, write)

    def export_list_pdf(self) -> PdfJob | None:
        """文件 → 导出 PDF… on this tab: the list as 打印列表 prints it, to a PDF file."""
        write = self._list_writer()
        if write is None:
            return None
        path = ask_pdf_path(self._tab, f"{LIST_TITLE}.pdf")
        return None if path is None else export_written(self._tab, LIST_TITLE, path, write)

    def export_list(self) -> None:
        """导出列表: the same rows as 打印列表 to an .xlsx file chosen in the file dialog."""
        department_id = self._context.department_id
        if department_id is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / f"{LIST_TITLE}.xlsx")
        chosen, _ = QFileDialog.getSaveFileName(self._tab, "导出列表", suggested, "Excel 工作簿 (*.xlsx)")
        if not chosen:
            return
        path = Path(chosen if chosen.lower().endswith(".xlsx") else f"{chosen}.xlsx")
        register_filter, sort, descending = self._model.shown_query
        service = self._service
        self._workbook_runner.start(
            lambda: export_list_workbook(
                service, department_id, register_filter, path, sort=sort, descending=descending
            )
        )

    def _workbook_written(self, result) -> None:
        if not isinstance(result, WorkbookResult):
            show_error(self._tab, str(result), "无法导出列表")
            return
        box = QMessageBox(
            QMessageBox.Icon.Information, "导出列表", f"已导出 {result.rows} 件信访事项到 {result.path}",
            QMessageBox.StandardButton.Ok, self._tab,
        )  # fmt: skip
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _statistics_writer(self):
        """Writes the statistics the panel shows to a PDF; None (with a message) while there are none."""
        department_id = self._context.department_id
        if department_id is None or self.statistics_shown is None:
            show_error(self._tab, NO_STATISTICS, "没有可打印的统计")
            return None
        statistics, register_filter = self.statistics_shown
        return partial(
            export_statistics_pdf, self._service, department_id, statistics, register_filter,
            font_file=self._font_file,
        )  # fmt: skip

    def print_statistics(self) -> PdfJob | None:
        write = self._statistics_writer()
        return None if write is None else print_written(self._tab, STATISTICS_TITLE, write)

    def preview_statistics(self) -> PdfJob | None:
        write = self._statistics_writer()
        return None if write is None else preview_written(self._tab, STATISTICS_TITLE, write)

    def export_statistics(self) -> PdfJob | None:
        write = self._statistics_writer()
        if write is None:
            return None
        path = ask_pdf_path(self._tab, f"{STATISTICS_TITLE}.pdf")
        return None if path is None else export_written(self._tab, STATISTICS_TITLE, path, write)
