"""导出 PDF, 打印 and 打印预览 of one form: the PDF is made by the services (the same file the
command line writes); printing draws its pages with QtPdf, so paper and file never differ."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.services.container import Services
from desktop.services.errors import UserInputError
from desktop.services.pdf_export import FORM_NAMES, ExportResult
from desktop.ui.context import WorkContext
from desktop.ui.messages import show_error

PRINT_DPI = 300  # pages are drawn as images; finer than this only costs time and memory


def default_file_name(context: WorkContext, form: str, project_code: str | None) -> str:
    suffix = f"-{project_code}" if project_code else ""
    return f"{context.year}年{FORM_NAMES[form]}{suffix}.pdf"


def _export(
    services: Services, context: WorkContext, form: str, project_code: str | None, out: Path
) -> ExportResult:
    if context.department_id is None or context.year is None:
        raise UserInputError("请先在工具栏选择单位和年度")
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return services.pdf.export(context.department_id, context.year, form, out, project_code)
    finally:
        QGuiApplication.restoreOverrideCursor()


def export_pdf(
    parent: QWidget | None,
    services: Services,
    context: WorkContext,
    form: str,
    project_code: str | None = None,
    *,
    path: Path | None = None,
) -> QMessageBox | None:
    """Ask where to save (unless ``path`` is given), write the PDF, and say so with a button that
    opens the folder. Returns the message shown (None when the clerk cancelled)."""
    if path is None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / default_file_name(context, form, project_code))
        chosen, _ = QFileDialog.getSaveFileName(parent, "导出 PDF", suggested, "PDF 文件 (*.pdf)")
        if not chosen:
            return None
        path = Path(chosen) if chosen.lower().endswith(".pdf") else Path(f"{chosen}.pdf")
    try:
        result = _export(services, context, form, project_code, path)
    except UserInputError as error:
        return show_error(parent, str(error), "无法导出 PDF")
    box = QMessageBox(
        QMessageBox.Icon.Information, "导出 PDF", f"已导出 {result.path}（共 {result.pages} 页）"
    )
    box.setParent(parent, box.windowFlags())
    open_folder = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Ok)
    open_folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path.parent))))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def paint_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Draw the pages of ``document`` (within the printer's page range) on ``printer``, each page
    turned the way it was laid out; returns the number of pages drawn."""
    first = max(printer.fromPage(), 1) if printer.fromPage() else 1
    last = min(printer.toPage(), document.pageCount()) if printer.toPage() else document.pageCount()
    painter = QPainter()
    drawn = 0
    for number in range(first, last + 1):
        size = document.pagePointSize(number - 1)
        landscape = size.width() > size.height()
        orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        if drawn:
            printer.setPageOrientation(orientation)
            printer.newPage()
        else:
            printer.setPageOrientation(orientation)
            if not painter.begin(printer):
                raise UserInputError("无法开始打印：打印机不可用")
        target = printer.pageLayout().paintRectPixels(printer.resolution())
        scale = min(target.width() / size.width(), target.height() / size.height())
        area = QRectF(0, 0, size.width() * scale, size.height() * scale)
        dots = min(printer.resolution(), PRINT_DPI) / 72
        image = document.render(number - 1, QSize(round(size.width() * dots), round(size.height() * dots)))
        painter.drawImage(area, image)
        drawn += 1
    if drawn:
        painter.end()
    return drawn


class _RenderedPdf:
    """The form written to a temporary file and opened with QtPdf, for printing and preview."""

    def __init__(self, services: Services, context: WorkContext, form: str, project_code: str | None):
        self._folder = tempfile.TemporaryDirectory(prefix="ziping-print-")
        path = Path(self._folder.name) / "form.pdf"
        _export(services, context, form, project_code, path)
        self.document = QPdfDocument()
        if self.document.load(str(path)) != QPdfDocument.Error.None_:
            raise UserInputError("生成的 PDF 无法打开，无法打印")

    def close(self) -> None:
        self.document.close()
        self._folder.cleanup()


def print_pdf(
    parent: QWidget | None,
    services: Services,
    context: WorkContext,
    form: str,
    project_code: str | None = None,
) -> int:
    """打印: the Qt print dialog, then the pages of the PDF. Returns the pages printed."""
    try:
        rendered = _RenderedPdf(services, context, form, project_code)
    except UserInputError as error:
        show_error(parent, str(error), "无法打印")
        return 0
    try:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(FORM_NAMES[form])
        printer.setFromTo(1, rendered.document.pageCount())
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(f"打印{FORM_NAMES[form]}")
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return 0
        return paint_pdf(rendered.document, printer)
    finally:
        rendered.close()


def preview_pdf(
    parent: QWidget | None,
    services: Services,
    context: WorkContext,
    form: str,
    project_code: str | None = None,
) -> None:
    """打印预览: QPrintPreviewDialog showing the pages as they will print."""
    try:
        rendered = _RenderedPdf(services, context, form, project_code)
    except UserInputError as error:
        show_error(parent, str(error), "无法预览")
        return
    try:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintPreviewDialog(printer, parent)
        dialog.setWindowTitle(f"打印预览 - {FORM_NAMES[form]}")
        dialog.paintRequested.connect(lambda target: paint_pdf(rendered.document, target))
        dialog.exec()
    finally:
        rendered.close()
