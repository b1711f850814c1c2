"""设置 → 打印字体: listed, tried with reportlab, kept in QSettings, used by the window's exports."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from desktop.paths import CJK_FONT
from desktop.services.workspace import open_workspace
from desktop.ui.main_window import MainWindow
from desktop.ui.pdf_batch import PdfBatch
from desktop.ui.settings_dialog import FONT_KEY, SettingsDialog, print_font
from tests.printing.pdf_reading import pdf_text
from tests.services.chufei import add_chufei_project


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def chosen_font(tmp_path):
    path = tmp_path / "fonts" / "chosen.ttc"
    path.parent.mkdir()
    shutil.copyfile(CJK_FONT, path)
    return path


def test_a_truetype_file_is_listed_chosen_and_kept(qtbot, settings, chosen_font, tmp_path):
    dialog = SettingsDialog(settings, font_folder=tmp_path / "none")
    qtbot.addWidget(dialog)
    assert [dialog.fonts.itemText(i) for i in range(dialog.fonts.count())] == ["文泉驿微米黑（随软件提供）"]
    assert dialog.choose_file(chosen_font)
    assert dialog.fonts.currentText() == "chosen.ttc" and dialog.path_label.text() == str(chosen_font)
    dialog.accept()
    assert print_font(settings) == chosen_font
    again = SettingsDialog(settings, font_folder=tmp_path / "none")
    qtbot.addWidget(again)
    assert again.chosen_font() == chosen_font  # the dialog opens on the stored choice
    again.fonts.setCurrentIndex(0)
    again.accept()
    assert print_font(settings) is None and not settings.contains(FONT_KEY)


def test_a_postscript_font_is_refused_with_its_reason(qtbot, settings, tmp_path):
    otf = tmp_path / "SourceHanSerif.otf"
    otf.write_bytes(b"OTTO" + bytes(60))
    dialog = SettingsDialog(settings, font_folder=tmp_path / "none")
    qtbot.addWidget(dialog)
    assert not dialog.choose_file(otf)
    messages = dialog.findChildren(QMessageBox)
    assert [box.text() for box in messages] == [
        f"字体文件“{otf}”是 PostScript（CFF）轮廓的 OpenType 字体，PDF 无法嵌入；"
        "请选择 TrueType 字体（.ttf 或 .ttc），例如宋体 simsun.ttc、仿宋 simfang.ttf"
    ]
    messages[0].close()
    assert dialog.fonts.count() == 1 and dialog.chosen_font() == CJK_FONT


def test_the_window_exports_in_the_font_chosen_in_settings(qtbot, db_path, settings, chosen_font, tmp_path):
    window = MainWindow(open_workspace(db_path, True), open_workspace, settings)
    qtbot.addWidget(window)
    department_id, _ = add_chufei_project(window.workspace.engine)
    dialog = window.menus.open_settings()
    assert dialog.choose_file(chosen_font)
    dialog.accept()
    assert window.workspace.services.pdf.font_file == chosen_font
    services = window.workspace.services
    forms = [form for form in services.pdf.year_forms(department_id, 2023) if form.form == "self-eval"]
    batch = PdfBatch(window, services, department_id, 2023)
    batch.start(forms, tmp_path, draft=False)
    with qtbot.waitSignal(batch.done, timeout=60_000):
        pass
    out = tmp_path / forms[0].file_name
    assert batch.message.text() == f"已导出 1 个文件到 {tmp_path}：\n  {out.name}（1 页）"
    assert "89.37%" in pdf_text(out)
    batch.message.done(0)
