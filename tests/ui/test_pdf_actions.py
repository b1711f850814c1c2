"""导出 PDF / 打印 from the window, without a screen: the saved file, the messages, the pages drawn."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.services.container import build_services
from desktop.ui.context import WorkContext
from desktop.ui.pdf_actions import default_file_name, export_pdf, paint_pdf
from tests.printing.pdf_reading import pdf_text
from tests.services.chufei import CODE, add_chufei_project


def test_export_writes_the_pdf_and_offers_the_folder(qtbot, engine, tmp_path):
    department_id, _ = add_chufei_project(engine)
    context = WorkContext(department_id, 2023)
    out = tmp_path / "处非.pdf"
    job = export_pdf(None, build_services(engine), context, "self-eval", CODE, path=out)
    assert job.message is None  # written in the background: the window's thread is free meanwhile
    with qtbot.waitSignal(job.done, timeout=60_000):
        pass
    box = job.message
    assert box.text() == f"已导出 {out}（共 1 页）"
    assert [button.text() for button in box.buttons() if button.text() == "打开所在文件夹"]
    assert "总额85.00131.65117.6589.37%108.94" in pdf_text(out)
    assert default_file_name(context, "self-eval", CODE) == f"2023年项目支出绩效自评表-{CODE}.pdf"
    box.done(0)


def test_export_into_a_missing_folder_shows_the_reason(qtbot, engine, tmp_path):
    department_id, _ = add_chufei_project(engine)
    out = tmp_path / "没有这个文件夹" / "处非.pdf"
    job = export_pdf(
        None, build_services(engine), WorkContext(department_id, 2023), "self-eval", CODE, path=out
    )
    with qtbot.waitSignal(job.done, timeout=60_000):
        pass
    box = job.message
    assert box.text() == f"保存位置“{out.parent}”不是一个存在的文件夹"
    assert not out.parent.exists()
    box.done(0)


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


def test_the_window_keeps_running_its_events_while_the_pack_is_written(qtbot, engine, tmp_path):
    department_id, _ = add_chufei_project(engine)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(len(ticks)))
    job = export_pdf(
        None, build_services(engine), WorkContext(department_id, 2023), "pack", path=tmp_path / "pack.pdf"
    )
    timer.start(0)
    with qtbot.waitSignal(job.done, timeout=60_000):
        pass
    timer.stop()
    assert ticks  # the event loop ran while the worker wrote the PDF
    assert job.message.text().startswith(f"已导出 {tmp_path / 'pack.pdf'}")
    assert "目录" in pdf_text(tmp_path / "pack.pdf")
    job.message.done(0)


def test_print_preview_without_a_department_says_what_to_choose(qtbot, engine):
    from desktop.ui.pdf_actions import preview_pdf

    window = QWidget()
    qtbot.addWidget(window)
    assert preview_pdf(window, build_services(engine), WorkContext(None, None), "self-eval") is None
    assert [box.text() for box in window.findChildren(QMessageBox)] == ["请先在工具栏选择单位和年度"]


def _pending_chufei(engine) -> int:
    """处非专项经费 with one 完成值 that cannot be scored (“约2”): 待评, so not final."""
    department_id, project_id = add_chufei_project(engine)
    service = build_services(engine).projects
    first = service.get(project_id).indicators[0]
    service.update_indicator(first.id, "actual", "约2")
    return department_id


def test_a_form_that_is_not_final_is_exported_as_a_draft_only_when_the_clerk_goes_on(qtbot, engine, tmp_path):
    department_id = _pending_chufei(engine)
    services, context = build_services(engine), WorkContext(department_id, 2023)
    out = tmp_path / "处非.pdf"
    job = export_pdf(None, services, context, "self-eval", CODE, path=out)
    question = job.message
    assert question.windowTitle() == "未定稿"
    assert "项目“处非专项经费”：有1项指标待评（完成值无法计分）" in question.text()
    with qtbot.waitSignal(job.done, timeout=60_000):
        question.button(QMessageBox.StandardButton.Cancel).click()
    assert not out.exists() and job.message is None

    job = export_pdf(None, services, context, "self-eval", CODE, path=out)
    draft = next(button for button in job.message.buttons() if button.text() == "导出草稿")
    with qtbot.waitSignal(job.done, timeout=60_000):
        draft.click()
    assert job.message.text() == f"已导出 {out}（共 1 页）"
    text = pdf_text(out)
    assert "草稿：未定稿，不能签字报送" in text and "合计100待评1项" in text
    job.message.done(0)
