"""打印 and 打印预览 through the window's own menu actions on the sample (issue 11, observation 1):
the temporary PDF lives until the print dialog or the preview has used it."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.domain.places import PROJECT_LIST, Place
from desktop.services.pdf_export import FORM_NAMES
from desktop.services.workspace import open_workspace
from desktop.ui.main_window import MainWindow
from tests.printing.pdf_reading import pdf_text

CHUFEI = "51090322T000000344324"  # 处非专项经费 in the sample


@pytest.fixture
def window(qtbot, sample_original, tmp_path):
    copy = tmp_path / "示例.sqlite3"
    copy.write_bytes(sample_original.read_bytes())
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(open_workspace(copy, False), open_workspace, settings)
    qtbot.addWidget(window)
    return window


def file_action(window, text):
    menu = next(action.menu() for action in window.menuBar().actions() if action.text() == "文件(&F)")
    menu.aboutToShow.emit()  # the menu enables its print actions when it opens
    return next(action for action in menu.actions() if action.text() == text)


def open_tab(window, title):
    titles = [window.tabs.tabText(index) for index in range(window.tabs.count())]
    window.tabs.setCurrentIndex(titles.index(title))
    return window.tabs.currentWidget()


def messages(window) -> list[str]:
    return [box.text() for box in window.findChildren(QMessageBox)]


def test_printing_the_chufei_self_evaluation_to_a_pdf_file(window, qtbot, tmp_path, monkeypatch):
    assert open_tab(window, "项目绩效").show_place(Place("项目绩效", PROJECT_LIST, row=CHUFEI))
    out = tmp_path / "打印.pdf"
    asked = []

    def accept_to_file(dialog):  # the clerk picks "打印到文件 (PDF)" and 打印
        asked.append(dialog.windowTitle())
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept_to_file)
    file_action(window, "打印…").trigger()
    qtbot.waitUntil(lambda: out.exists() or bool(messages(window)), timeout=60_000)
    assert messages(window) == []  # no “保存位置…不是一个存在的文件夹”
    assert asked == ["打印项目支出绩效自评表"]
    text = pdf_text(out)
    # 处非专项经费: 年初预算 85.00, 全年预算 131.65, 执行数 117.65 万元: 117.65 ÷ 131.65 = 89.37%, × 10 = 8.94
    assert "85.00" in text and "131.65" in text and "8.94" in text
    assert len(PdfReader(out).pages) == exported_pages(window, "self-eval", CHUFEI, tmp_path)


def exported_pages(window, form, code, tmp_path) -> int:
    """Pages of the same form written by 导出 PDF's service (what the command line writes)."""
    context = window.context
    out = tmp_path / f"导出-{form}.pdf"
    window.workspace.services.pdf.export(context.department_id, context.year, form, out, code)
    return len(PdfReader(out).pages)


def test_printing_a_range_of_pages_draws_only_those(window, qtbot, tmp_path, monkeypatch):
    assert open_tab(window, "项目绩效").show_place(Place("项目绩效", PROJECT_LIST, row=CHUFEI))
    assert exported_pages(window, "self-eval", CHUFEI, tmp_path) == 2
    out = tmp_path / "第2页.pdf"

    def second_page_only(dialog):
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setFromTo(2, 2)
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", second_page_only)
    file_action(window, "打印…").trigger()
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 0, timeout=60_000)
    assert len(PdfReader(out).pages) == 1
    assert "85.00" not in pdf_text(out)  # page 2 drawn as an image, not page 1 copied


@pytest.mark.parametrize("tab", ["项目绩效", "评价打分"])
def test_print_preview_shows_the_pages_of_the_form(window, qtbot, tmp_path, tab):
    page = open_tab(window, tab)
    if tab == "项目绩效":
        assert page.show_place(Place("项目绩效", PROJECT_LIST, row=CHUFEI))
    form, code = page.print_target()
    seen = []

    def look():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintPreviewDialog):
            return
        timer.stop()
        preview = dialog.findChild(QPrintPreviewWidget)
        seen.append((dialog.windowTitle(), preview.pageCount()))
        dialog.reject()

    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(50)
    file_action(window, "打印预览…").trigger()
    qtbot.waitUntil(lambda: bool(seen) or bool(messages(window)), timeout=60_000)
    timer.stop()
    assert messages(window) == []
    assert seen == [(f"打印预览 - {FORM_NAMES[form]}", exported_pages(window, form, code, tmp_path))]


def test_a_scorecard_with_an_item_daiping_asks_before_printing_a_draft(window, qtbot):
    scoring = window.workspace.services.scoring
    card = scoring.department_scorecard(window.context.department_id, 2023)
    scoring.set_input(card.scorecard_id, "rectification", "findings", "")  # 结果整改 cannot be scored
    open_tab(window, "评价打分").reload()
    file_action(window, "打印预览…").trigger()
    (question,) = window.findChildren(QMessageBox)
    assert question.windowTitle() == "未定稿"
    assert f"评价表“{card.title}”：“结果整改”待评（缺少“发现问题数”，无法计算得分）" in question.text()
    question.button(QMessageBox.StandardButton.Cancel).click()
