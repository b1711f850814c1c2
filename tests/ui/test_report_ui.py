"""文件 → 导出决算说明 and 检查说明文本, driven through the window's menu on the sample."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.services.report_export import export_report_docx
from desktop.services.workspace import open_workspace
from desktop.ui.main_window import MainWindow
from desktop.ui.report_actions import ReportNotesDialog
from desktop.ui.report_check_dialog import ReportCheckDialog
from desktop.ui.report_texts_dialog import ReportTextsDialog
from tests.ui.test_main_window import menu_actions

SEED = Path(__file__).resolve().parents[1] / "data" / "seed_report_2023.txt"


@pytest.fixture
def window(qtbot, sample_path, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    shown = MainWindow(open_workspace(sample_path, False), open_workspace, settings)
    qtbot.addWidget(shown)
    return shown


def test_export_lists_the_findings_first_then_writes_the_word_file(window, qtbot, tmp_path, monkeypatch):
    out = tmp_path / "决算说明.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(out), ""))
    menu_actions(window, "文件(&F)")["导出决算说明（Word）…"].trigger()
    qtbot.waitUntil(lambda: bool(window.findChildren(ReportNotesDialog)), timeout=60_000)
    dialog = window.findChildren(ReportNotesDialog)[0]
    notes = dialog.notes.toPlainText()
    assert "98.79%" in notes and "411.94 ÷ 416.18 = 98.98%" in notes
    assert "尚未填写：绩效·部门整体预算绩效管理情况" in notes
    dialog.go_on.click()
    qtbot.waitUntil(
        lambda: any(box.text().startswith("已导出") for box in window.findChildren(QMessageBox)),
        timeout=60_000,
    )
    text = "\n".join(paragraph.text for paragraph in Document(str(out)).paragraphs)
    assert "2023年度收、支总计均为421.67万元。" in text


def test_cancelling_the_findings_writes_nothing(window, qtbot, tmp_path, monkeypatch):
    out = tmp_path / "决算说明.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(out), ""))
    menu_actions(window, "文件(&F)")["导出决算说明（PDF）…"].trigger()
    qtbot.waitUntil(lambda: bool(window.findChildren(ReportNotesDialog)), timeout=60_000)
    window.findChildren(ReportNotesDialog)[0].reject()
    qtbot.wait(50)
    assert not out.exists()


def check_dialog(window, qtbot) -> ReportCheckDialog:
    menu_actions(window, "文件(&F)")["检查说明文本…"].trigger()
    dialog = window.findChildren(ReportCheckDialog)[0]
    qtbot.addWidget(dialog)
    return dialog


def rows(dialog) -> list[list[str]]:
    model = dialog.model
    return [
        [model.data(model.index(row, column)) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_checking_the_seed_file_shows_its_mismatches_first(window, qtbot):
    dialog = check_dialog(window, qtbot)
    dialog.choose_file(SEED)
    dialog.check_button.click()
    qtbot.waitUntil(lambda: not dialog.checking, timeout=60_000)
    table = rows(dialog)
    mismatches = [row for row in table if row[0] == "不一致"]
    assert table[: len(mismatches)] == mismatches
    assert ["不一致", "一般公共预算财政拨款支出", "占比", "98.79%", "98.98%"] in [
        row[:5] for row in mismatches
    ]
    assert ["不一致", "本年支出合计", "增减额", "减少79.09万元", "-74.85万元"] in [
        row[:5] for row in mismatches
    ]
    assert dialog.summary.text().startswith(f"核对了 {len(table)} 个数字：")


def test_pasted_text_is_checked_and_a_figure_that_agrees_says_so(window, qtbot):
    dialog = check_dialog(window, qtbot)
    dialog.text.setPlainText("2023年度本年支出合计416.18万元，其中：基本支出217.94万元，占52.37%。")
    dialog.check_button.click()
    qtbot.waitUntil(lambda: not dialog.checking, timeout=60_000)
    assert [row[:5] for row in rows(dialog)] == [
        ["一致", "本年支出合计", "金额", "416.18万元", "416.18万元"],
        ["一致", "基本支出", "金额", "217.94万元", "217.94万元"],
        ["一致", "基本支出", "占比", "52.37%", "52.37%"],
    ]
    assert dialog.summary.text() == "核对了 3 个数字：3 个一致，0 个不一致，0 个无法对应"


def test_a_reason_written_in_the_texts_dialog_is_in_the_exported_report(
    window, qtbot, tmp_path, qtmodeltester
):
    menu_actions(window, "文件(&F)")["决算说明文字…"].trigger()
    dialog = window.findChildren(ReportTextsDialog)[0]
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    labels = [section.label for section in dialog.model.sections]
    assert labels[0] == "收支总计变动的主要原因"
    empty = labels.index("绩效报告·部门整体预算绩效管理情况")
    assert dialog.model.data(dialog.model.index(empty, 1)) == "未填写"
    dialog.view.selectRow(empty)
    dialog.editor.setPlainText("本部门按要求开展了预算绩效管理。")
    dialog.save_button.click()
    assert dialog.model.data(dialog.model.index(empty, 1)) == "已填写"
    dialog.view.selectRow(0)
    assert (
        dialog.editor.toPlainText() == "维稳专项经费、治理重复访化解信访积案资金等项目支出减少"
    )  # the sample's
    dialog.editor.setPlainText("项目支出减少")
    dialog.save_button.click()
    duties = labels.index("部门职责")
    dialog.view.selectRow(duties)
    assert dialog.hint.text() == "部门职责（各年度通用）"
    dialog.editor.setPlainText("代表处理人民群众给区委、区政府的来信。")
    dialog.save_button.click()
    out = tmp_path / "决算说明.docx"
    export_report_docx(window.workspace.engine, window.context.department_id, 2023, out)
    text = "\n".join(paragraph.text for paragraph in Document(str(out)).paragraphs)
    assert "下降15.01%。主要原因是项目支出减少。" in text
    assert "代表处理人民群众给区委、区政府的来信。" in text
    assert "本部门按要求开展了预算绩效管理。" in text
