"""打印 and 打印预览 of one form: the PDF is made by the services (the same file the command line
and 导出 PDF write); printing draws its pages with QtPdf, so paper and file never differ (a
print to a PDF file of every page gets that PDF itself). The temporary PDF lives as long as its job.

The PDF is written off the window's thread (``BackgroundRunner``) behind a busy progress dialog,
so a year pack of hundreds of pages never freezes the window. Each action returns its
``PdfJob``; tests wait for its ``done`` signal.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QRectF, QSize, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from desktop.errors import UserInputError
from desktop.services.container import Services
from desktop.services.pdf_export import FORM_NAMES, ExportResult
from desktop.ui.background import BackgroundRunner
from desktop.ui.context import WorkContext
from desktop.ui.messages import show_error

NO_CONTEXT = "请先在工具栏选择单位和年度"
DRAFT_BUTTON = "导出草稿"
PRINT_DPI = 300  # pages are drawn as images; finer than this only costs time and memory


class PdfJob(QObject):
    """One form written to ``out`` in the background; then ``on_written(result)`` runs in the
    window's thread, or the reason is shown under ``failure_title``. ``message`` is the box shown
    at the end; ``done`` is emitted once everything has happened."""

    done = Signal()

    def __init__(
        self, parent: QWidget | None, failure_title: str, on_written: Callable[[ExportResult], object]
    ):
        super().__init__(parent)
        self._parent, self._failure_title, self._on_written = parent, failure_title, on_written
        self._runner = BackgroundRunner(self._finished, self)
        self._progress: QProgressDialog | None = None
        self.message: QMessageBox | None = None
        self._folder: tempfile.TemporaryDirectory | None = None

    def keep_until_done(self, folder: tempfile.TemporaryDirectory) -> None:
        """``folder`` lives as long as the job and is removed once it is done. A signal connected
        to ``folder.cleanup`` alone would not keep ``folder`` alive: it would be collected (and
        removed) before the PDF is written into it."""
        self._folder = folder
        self.done.connect(self._remove_folder)

    def _remove_folder(self) -> None:
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    def ask_draft(self, reasons: tuple[str, ...], go_on: Callable[[], None]) -> None:
        """A 自评表 or 评价表 that is not final: ask; 导出草稿 writes it with 草稿 on every page, 取消 writes nothing."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "未定稿",
            "以下表格还不能定稿：\n"
            + "\n".join(reasons)
            + "\n\n是否导出草稿（每页标“草稿”，不能签字报送）？",
            QMessageBox.StandardButton.NoButton,
            self._parent,
        )
        draft = box.addButton(DRAFT_BUTTON, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            if box.clickedButton() is draft:
                go_on()
            else:
                self.message = None
                self.done.emit()

        box.finished.connect(answered)
        self.message = box
        box.open()

    def start(
        self,
        services: Services,
        context: WorkContext,
        form: str,
        project_code: str | None,
        out: Path,
        *,
        draft: bool = False,
    ):
        pdf, department_id, year = services.pdf, context.department_id, context.year
        self.run(
            FORM_NAMES[form], lambda: pdf.export(department_id, year, form, out, project_code, draft=draft)
        )

    def run(self, title: str, write: Callable[[], ExportResult]) -> None:
        """Run ``write`` in the background behind a busy progress dialog named ``title``."""
        progress = QProgressDialog(f"正在生成{title}…", "", 0, 0, self._parent)
        progress.setWindowTitle(title)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        self._progress = progress
        self._runner.start(write)

    def _finished(self, result: object) -> None:
        self._progress.reset()
        self._progress.deleteLater()
        if isinstance(result, ExportResult):
            self.message = self._on_written(result)
        else:
            self.message = show_error(self._parent, str(result), self._failure_title)
        self.done.emit()


def _start(
    parent: QWidget | None,
    services: Services,
    context: WorkContext,
    form: str,
    project_code: str | None,
    out: Path,
    failure_title: str,
    on_written: Callable[[ExportResult], object],
) -> PdfJob | None:
    if context.department_id is None or context.year is None:
        show_error(parent, NO_CONTEXT, failure_title)
        return None
    try:
        reasons = services.pdf.draft_reasons(context.department_id, context.year, form, project_code)
    except UserInputError as error:
        show_error(parent, str(error), failure_title)
        return None
    job = PdfJob(parent, failure_title, on_written)
    if reasons:
        job.ask_draft(reasons, partial(job.start, services, context, form, project_code, out, draft=True))
    else:
        job.start(services, context, form, project_code, out)
    return job


def _exported(parent: QWidget | None, result: ExportResult) -> QMessageBox:
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


def ask_pdf_path(parent: QWidget | None, file_name: str) -> Path | None:
    """Where to save a PDF, ``file_name`` in the documents folder suggested; None when cancelled."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    chosen, _ = QFileDialog.getSaveFileName(
        parent, "导出 PDF", str(Path(folder) / file_name), "PDF 文件 (*.pdf)"
    )
    if not chosen:
        return None
    return Path(chosen) if chosen.lower().endswith(".pdf") else Path(f"{chosen}.pdf")


def export_written(
    parent: QWidget | None, title: str, path: Path, write: Callable[[Path], ExportResult]
) -> PdfJob:
    """导出 PDF of a document that is not a form of the year (the register's list, its statistics):
    ``write(path)`` in the background, then the same message with the folder button."""
    job = PdfJob(parent, "无法导出 PDF", partial(_exported, parent))
    job.run(title, lambda: write(path))
    return job


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


def print_document(document: QPdfDocument, source: Path, printer: QPrinter) -> None:
    """Print ``document`` (the form's PDF at ``source``) as the print dialog set ``printer``:
    "print to file" (PDF) of every page writes the form's own PDF there, with its text and
    lines as they are (not page images); a printer, or a range of pages, gets the drawn pages."""
    every_page = printer.fromPage() in (0, 1) and printer.toPage() in (0, document.pageCount())
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and every_page:
        target = Path(printer.outputFileName())
        try:
            shutil.copyfile(source, target)
        except OSError as error:
            raise UserInputError(f"无法打印到文件“{target}”：{error.strerror or error}") from error
        return
    paint_pdf(document, printer)


def _open_rendered(
    parent: QWidget | None, show: Callable[[QPdfDocument, Path], None], result: ExportResult
) -> QMessageBox | None:
    """Open the temporary PDF with QtPdf and hand it (and its path) to ``show``."""
    document = QPdfDocument()
    try:
        if document.load(str(result.path)) != QPdfDocument.Error.None_:
            return show_error(parent, "生成的 PDF 无法打开，无法打印", "无法打印")
        show(document, result.path)
        return None
    except UserInputError as error:
        return show_error(parent, str(error), "无法打印")
    finally:
        document.close()


def _rendered(
    parent: QWidget | None,
    services: Services,
    context: WorkContext,
    form: str,
    project_code: str | None,
    failure_title: str,
    show: Callable[[QPdfDocument, Path], None],
) -> PdfJob | None:
    folder = tempfile.TemporaryDirectory(prefix="ziping-print-")
    job = _start(
        parent,
        services,
        context,
        form,
        project_code,
        Path(folder.name) / "form.pdf",
        failure_title,
        partial(_open_rendered, parent, show),
    )
    if job is None:
        folder.cleanup()
    else:
        job.keep_until_done(folder)
    return job


def _print_dialog(parent: QWidget | None, title: str, document: QPdfDocument, source: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setFromTo(1, document.pageCount())
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"打印{title}")
    if dialog.exec() == QPrintDialog.DialogCode.Accepted:
        print_document(document, source, printer)


def _preview_dialog(parent: QWidget | None, title: str, document: QPdfDocument, _source: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"打印预览 - {title}")
    dialog.paintRequested.connect(lambda target: paint_pdf(document, target))
    dialog.exec()


def print_pdf(
    parent: QWidget | None,
    services: Services,
    context: WorkContext,
    form: str,
    project_code: str | None = None,
) -> PdfJob | None:
    """打印: the PDF is made in the background, then the Qt print dialog and its pages."""
    show = partial(_print_dialog, parent, FORM_NAMES[form])
    return _rendered(parent, services, context, form, project_code, "无法打印", show)


def preview_pdf(
    parent: QWidget | None,
    services: Services,
    context: WorkContext,
    form: str,
    project_code: str | None = None,
) -> PdfJob | None:
    """打印预览: the PDF is made in the background, then QPrintPreviewDialog shows its pages."""
    show = partial(_preview_dialog, parent, FORM_NAMES[form])
    return _rendered(parent, services, context, form, project_code, "无法预览", show)


def _rendered_written(
    parent: QWidget | None,
    title: str,
    failure_title: str,
    write: Callable[[Path], ExportResult],
    show: Callable[[QPdfDocument, Path], None],
) -> PdfJob:
    folder = tempfile.TemporaryDirectory(prefix="ziping-print-")
    job = PdfJob(parent, failure_title, partial(_open_rendered, parent, show))
    job.keep_until_done(folder)
    out = Path(folder.name) / "document.pdf"
    job.run(title, lambda: write(out))
    return job


def print_written(parent: QWidget | None, title: str, write: Callable[[Path], ExportResult]) -> PdfJob:
    """打印 of a document that is not a form of the year: ``write(path)`` makes its PDF in the
    background, then the print dialog prints it as it prints the forms."""
    return _rendered_written(parent, title, "无法打印", write, partial(_print_dialog, parent, title))


def preview_written(parent: QWidget | None, title: str, write: Callable[[Path], ExportResult]) -> PdfJob:
    """打印预览 of a document that is not a form of the year (see ``print_written``)."""
    return _rendered_written(parent, title, "无法预览", write, partial(_preview_dialog, parent, title))
