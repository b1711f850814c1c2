"""导出 PDF / 打印 from the window, without a screen: the saved files, the messages, the pages drawn."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.services.container import build_services
from desktop.ui.context import WorkContext
from desktop.ui.export_pdf_dialog import ExportPdfDialog
from desktop.ui.pdf_actions import paint_pdf
from desktop.ui.pdf_batch import PdfBatch
from tests.printing.pdf_reading import pdf_text
from tests.services.chufei import NAME, add_chufei_project

SELF_EVALUATION = f"{NAME}：项目支出绩效自评表（四川省格式）"
FILE = f"2023年{NAME}-项目支出绩效自评表.pdf"


def write_forms(qtbot, services, department_id: int, titles, folder) -> PdfBatch:
    """What 导出 does once the dialog's checked forms are final: a batch in the background."""
    forms = [form for form in services.pdf.year_forms(department_id, 2023) if form.title in titles]
    assert [form.title for form in forms] == list(titles)
    batch = PdfBatch(None, services, department_id, 2023)
    batch.start(forms, folder, draft=False)
    assert batch.message is None  # written in the background: the window's thread is free meanwhile
    with qtbot.waitSignal(batch.done, timeout=60_000):
        pass
    return batch


def test_export_writes_the_pdf_and_offers_the_folder(qtbot, engine, tmp_path):
    department_id, _ = add_chufei_project(engine)
    batch = write_forms(qtbot, build_services(engine), department_id, [SELF_EVALUATION], tmp_path)
    box = batch.message
    assert box.text() == f"已导出 1 个文件到 {tmp_path}：\n  {FILE}（1 页）"
    assert [button.text() for button in box.buttons() if button.text() == "打开所在文件夹"]
    assert "总额85.00131.65117.6589.37%108.94" in pdf_text(tmp_path / FILE)
    box.done(0)


def test_export_into_a_missing_folder_shows_the_reason(qtbot, engine, tmp_path):
    department_id, _ = add_chufei_project(engine)
    folder = tmp_path / "没有这个文件夹"
    batch = write_forms(qtbot, build_services(engine), department_id, [SELF_EVALUATION], folder)
    assert batch.message.text() == f"1 个文件未能导出：\n  {FILE}：保存位置“{folder}”不是一个存在的文件夹"
    assert not folder.exists()
    batch.message.done(0)


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
    timer.start(0)
    batch = write_forms(
        qtbot, build_services(engine), department_id, ["年度资料汇编（以上全部表格合订）"], tmp_path
    )
    timer.stop()
    assert ticks  # the event loop ran while the worker wrote the PDF
    assert batch.message.text().startswith(f"已导出 1 个文件到 {tmp_path}：\n  2023年年度资料汇编.pdf（")
    assert "目录" in pdf_text(tmp_path / "2023年年度资料汇编.pdf")
    batch.message.done(0)


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
    parent = QWidget()
    qtbot.addWidget(parent)
    services = build_services(engine)

    def ask() -> tuple[ExportPdfDialog, QMessageBox]:
        dialog = ExportPdfDialog(services, department_id, 2023, ("self-eval", None), parent, tmp_path)
        dialog.show()
        dialog.none_button.click()
        dialog.model.setData(
            dialog.model.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
        )
        dialog.export_button.click()
        (question,) = [box for box in dialog.findChildren(QMessageBox) if box.isVisible()]
        return dialog, question

    dialog, question = ask()
    assert dialog.model.index(0, 2).data() == "草稿：项目“处非专项经费”：有1项指标待评（完成值无法计分）"
    assert question.windowTitle() == "未定稿"
    assert "项目“处非专项经费”：有1项指标待评（完成值无法计分）" in question.text()
    question.button(QMessageBox.StandardButton.Cancel).click()
    assert not (tmp_path / FILE).exists() and dialog.isVisible()
    dialog.close()

    dialog, question = ask()
    batches = []
    dialog.started.connect(batches.append)
    next(button for button in question.buttons() if button.text() == "导出草稿").click()
    with qtbot.waitSignal(batches[0].done, timeout=60_000):
        pass
    assert batches[0].message.text() == f"已导出 1 个文件到 {tmp_path}：\n  {FILE}（1 页）"
    text = pdf_text(tmp_path / FILE)
    assert "草稿：未定稿，不能签字报送" in text and "合计100待评1项" in text
    batches[0].message.done(0)
