"""导出 PDF / 打印 from the window, without a screen: the saved file, the messages, the pages drawn."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from desktop.services.container import build_services
from desktop.ui.context import WorkContext
from desktop.ui.pdf_actions import default_file_name, export_pdf, paint_pdf
from tests.printing.pdf_reading import pdf_text
from tests.services.chufei import CODE, add_chufei_project


def test_export_writes_the_pdf_and_offers_the_folder(qtbot, engine, tmp_path):
    department_id, _ = add_chufei_project(engine)
    context = WorkContext(department_id, 2023)
    out = tmp_path / "处非.pdf"
    box = export_pdf(None, build_services(engine), context, "self-eval", CODE, path=out)
    assert box.text() == f"已导出 {out}（共 1 页）"
    assert [button.text() for button in box.buttons() if button.text() == "打开所在文件夹"]
    assert "总额85.00131.65117.6589.37%108.94" in pdf_text(out)
    assert default_file_name(context, "self-eval", CODE) == f"2023年项目支出绩效自评表-{CODE}.pdf"
    box.close()


def test_export_into_a_missing_folder_shows_the_reason(qtbot, engine, tmp_path):
    department_id, _ = add_chufei_project(engine)
    out = tmp_path / "没有这个文件夹" / "处非.pdf"
    box = export_pdf(
        None, build_services(engine), WorkContext(department_id, 2023), "self-eval", CODE, path=out
    )
    assert box.text() == f"保存位置“{out.parent}”不是一个存在的文件夹"
    assert not out.parent.exists()
    box.close()


def test_printing_draws_every_page_in_its_orientation(qtbot, engine, tmp_path):
    department_id, _ = add_chufei_project(engine)
    services = build_services(engine)
    source = tmp_path / "pack.pdf"
    pages = services.pdf.export(department_id, 2023, "pack", source).pages
    document = QPdfDocument()
    document.load(str(source))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert paint_pdf(document, printer) == pages
    document.close()
    printed = PdfReader(tmp_path / "printed.pdf").pages
    assert len(printed) == pages
    assert all(page.mediabox.width < page.mediabox.height for page in printed)  # this pack is all portrait
