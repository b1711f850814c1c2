"""帮助 → 使用说明 (F1): the guide that ships with Ziping opens offline from the real menu action,
with every section of the clerk's year and every screenshot loaded."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence

from desktop.paths import GUIDE
from desktop.services.workspace import open_workspace
from desktop.ui.guide_dialog import GuideDialog
from desktop.ui.main_window import MainWindow

SECTIONS = [
    "第一次使用：新建单位与单位信息",
    "信访登记：登记事项、期限、超期标记与统计",
    "预算决算",
    "项目绩效：目标、指标、完成值与得分",
    "评价打分",
    "打印、打印预览与导出 PDF",
    "Excel 导入与导出",
    "备份与恢复",
    "常用按键与撤销",
]


@pytest.fixture
def window(qtbot, db_path, tmp_path):
    shown = MainWindow(
        open_workspace(db_path, True),
        open_workspace,
        QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
    )
    qtbot.addWidget(shown)
    return shown


def guide_action(window):
    menu = next(action.menu() for action in window.menuBar().actions() if action.text() == "帮助(&H)")
    return next(action for action in menu.actions() if action.text() == "使用说明")


def test_the_help_menu_opens_the_guide_with_its_sections_and_every_screenshot(qtbot, window):
    action = guide_action(window)
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    assert action.shortcut().toString() == "F1"
    action.trigger()
    [dialog] = window.findChildren(GuideDialog)
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "使用说明 — 自评 Ziping"
    assert dialog.headings() == SECTIONS
    text = dialog.browser.toPlainText()
    assert "自评 Ziping 使用说明" in text and "船信〔{年}〕{序号:04}号" in text
    images = dialog.images()
    assert len(images) == 10
    assert [name for name, loaded in images.items() if not loaded] == []


def test_a_picture_that_is_not_there_is_reported(qtbot, tmp_path):
    guide = tmp_path / "index.html"
    guide.write_text('<h2>一节</h2><p><img src="没有这张.png"></p>', encoding="utf-8")
    dialog = GuideDialog(guide=guide)
    qtbot.addWidget(dialog)
    assert dialog.headings() == ["一节"]
    assert dialog.images() == {"没有这张.png": False}


def test_every_screenshot_of_the_guide_is_used_and_small():
    folder = GUIDE.parent
    html = GUIDE.read_text(encoding="utf-8")
    pictures = sorted(folder.glob("*.png"))
    assert len(pictures) == 10
    for picture in pictures:
        assert f'src="{picture.name}"' in html
        assert picture.stat().st_size <= 150 * 1024, picture.name
