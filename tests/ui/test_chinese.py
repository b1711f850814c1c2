"""Qt's dialogs speak Chinese (issue 11, observation 2): with the translations the program installs
at start-up, a message box, Qt's file dialog and the 信访事项 form show 确定 / 保存 / 取消."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox

from desktop.services.workspace import open_workspace
from desktop.ui.export_pdf_dialog import ExportPdfDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.register_forms import MatterForm
from desktop.ui.translations import speak_chinese


@pytest.fixture
def chinese(qapp):
    """The program's start-up translations, taken away again so other tests see Qt as it was."""
    translator = speak_chinese(qapp)
    assert translator is not None  # qtbase_zh_CN.qm ships with PySide6
    yield
    qapp.removeTranslator(translator)
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, False)


@pytest.fixture
def window(qtbot, sample_original, tmp_path, chinese):
    copy = tmp_path / "示例.sqlite3"
    copy.write_bytes(sample_original.read_bytes())
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(open_workspace(copy, False), open_workspace, settings)
    qtbot.addWidget(window)
    return window


def file_action(window, text):
    menu = next(action.menu() for action in window.menuBar().actions() if action.text() == "文件(&F)")
    menu.aboutToShow.emit()
    return next(action for action in menu.actions() if action.text() == text)


def open_tab(window, title):
    titles = [window.tabs.tabText(index) for index in range(window.tabs.count())]
    window.tabs.setCurrentIndex(titles.index(title))
    return window.tabs.currentWidget()


def button_texts(box: QDialogButtonBox) -> list[str]:
    return sorted(button.text() for button in box.buttons())


def test_a_message_box_says_queding(window, qtbot, tmp_path):
    open_tab(window, "评价打分")
    file_action(window, "导出 PDF…").trigger()
    (dialog,) = window.findChildren(ExportPdfDialog)
    dialog.folder.setText(str(tmp_path))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: bool(window.findChildren(QMessageBox)), timeout=60_000)
    (box,) = window.findChildren(QMessageBox)
    assert box.text().startswith(f"已导出 1 个文件到 {tmp_path}")
    assert sorted(button.text() for button in box.buttons()) == ["打开所在文件夹", "确定"]
    standard = QMessageBox(QMessageBox.Icon.Question, "t", "m", QMessageBox.StandardButton.Yes)
    standard.addButton(QMessageBox.StandardButton.No)
    standard.addButton(QMessageBox.StandardButton.Cancel)
    standard.addButton(QMessageBox.StandardButton.Close)
    assert sorted(button.text() for button in standard.buttons()) == sorted(
        ["是(&Y)", "否(&N)", "取消", "关闭"]
    )


def test_the_file_dialog_of_export_pdf_is_qts_own_in_chinese(window, qtbot):
    open_tab(window, "评价打分")
    file_action(window, "导出 PDF…").trigger()
    (export_dialog,) = window.findChildren(ExportPdfDialog)
    seen = []

    def look():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            return
        timer.stop()
        seen.append((dialog.windowTitle(), button_texts(dialog.findChild(QDialogButtonBox))))
        dialog.reject()

    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(50)
    export_dialog.choose_button.click()  # returns once the dialog is cancelled
    timer.stop()
    assert seen == [("导出到文件夹", ["取消", "选择(&C)"])]


def test_the_matter_form_says_queding_and_quxiao(window):
    register = open_tab(window, "信访登记")
    register.add_button.click()
    (form,) = window.findChildren(MatterForm)
    assert form.isVisible()
    assert button_texts(form.buttons) == ["取消", "确定"]
    form.reject()
