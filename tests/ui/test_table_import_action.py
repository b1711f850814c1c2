"""文件 → 导入决算报表… in the window: the dry-run report first, the import on 是, into the toolbar's year."""

from __future__ import annotations

from decimal import Decimal as D

from openpyxl import load_workbook
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox
from sqlalchemy import insert, select

from desktop.services.workspace import open_workspace
from desktop.storage import models as M
from desktop.storage.database import open_database
from desktop.ui.main_window import MainWindow
from tests.exchange.published_workbooks import DEPARTMENT, published_workbook


def _window(qtbot, tmp_path):
    path = tmp_path / "wenlv.sqlite3"
    engine = open_database(path, create=True)
    with engine.begin() as connection:
        connection.execute(insert(M.Department.__table__).values(name=DEPARTMENT, province="四川省"))
    engine.dispose()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(open_workspace(path, True), open_workspace, settings)
    qtbot.addWidget(window)
    return window


def _lines(window):
    with window.workspace.engine.connect() as connection:
        table = M.ExpenditureLine.__table__
        return connection.execute(select(table.c.function_code, table.c.funding, table.c.final_amount)).all()


def test_the_menu_checks_the_workbook_then_imports_it_on_yes(qtbot, tmp_path, monkeypatch):
    book = tmp_path / "决算公开表.xlsx"
    published_workbook(book, fiscal=True)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(book), ""))
    window = _window(qtbot, tmp_path)
    window.toolbar.year.setValue(2023)
    flow = window.menus.import_tables()
    qtbot.waitUntil(lambda: isinstance(flow.message, QMessageBox) and flow.message.isVisible(), timeout=20000)
    assert (
        flow.message.text()
        == f"决算公开表.xlsx：检查通过（试导入，未写入数据库），单位：{DEPARTMENT}\n\n是否导入？"
    )
    assert "支出：新增 5 条，更新 0 条，未变 0 条" in flow.message.informativeText()
    assert _lines(window) == []
    with qtbot.waitSignal(flow.done, timeout=20000) as done:
        flow.message.button(QMessageBox.StandardButton.Yes).click()
    flow.wait()
    assert done.args == [f"决算公开表.xlsx：已导入，单位：{DEPARTMENT}"]
    assert ("2070101", "其他资金", D("100000.00")) in _lines(window)


def test_a_workbook_with_a_problem_shows_it_and_imports_nothing(qtbot, tmp_path, monkeypatch):
    book = tmp_path / "bad.xlsx"
    published_workbook(book)
    workbook = load_workbook(book)
    workbook["表3"]["A11"] = "2070"
    workbook.save(book)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(book), ""))
    window = _window(qtbot, tmp_path)
    window.toolbar.year.setValue(2023)
    flow = window.menus.import_tables()
    with qtbot.waitSignal(flow.done, timeout=20000):
        pass
    flow.wait()
    # the problem report's table: 类别, 工作表, 行, 列, 原因
    assert [
        "问题",
        "表3",
        "11",
        "科目编码（C11）",
        "科目编码“20700101”应为 3、5 或 7 位数字",
    ] in flow.message.rows()
    assert _lines(window) == []


def test_a_finding_on_an_imported_table_goes_to_the_lines_of_its_code(qtbot, tmp_path, monkeypatch):
    book = tmp_path / "wenlv.xlsx"
    published_workbook(book)
    workbook = load_workbook(book)
    workbook["表3"]["E14"] = 130000  # 2210201's 本年支出合计; its one line (基本支出) is 120 000
    workbook.save(book)
    window = _window(qtbot, tmp_path)
    window.toolbar.year.setValue(2023)
    window.workspace.services.table_import.import_tables(book, 2023)
    window.reload()  # as after 导入决算报表… from the menu
    (finding,) = [f for f in window.workspace.services.checks.run(1, 2023) if f.rule == "V9"]
    assert finding.place == {"tab": "预算决算", "table": "公开03表", "row": "2210201", "column": "total"}
    assert window.show_finding(finding)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "预算决算"
    assert (
        window.statusBar()
        .currentMessage()
        .startswith("公开03表支出决算表 · 住房公积金 · 本年支出合计：“公开03表”中公开的数字")
    )


def test_into_an_empty_database_the_clerk_names_province_and_year_and_gets_the_new_department(
    qtbot, tmp_path, monkeypatch
):
    book = tmp_path / "wenlv.xlsx"
    published_workbook(book)
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(book), ""))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: asked.append(args[2]) or ("湖南省", True))
    monkeypatch.setattr(QInputDialog, "getInt", lambda *args: asked.append(args[2]) or (2023, True))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(open_workspace(tmp_path / "empty.sqlite3", True), open_workspace, settings)
    qtbot.addWidget(window)
    assert window.pages.currentWidget() is window.welcome
    flow = window.menus.import_tables()
    assert asked == ["新单位所在的省份（决定报表格式）：", "决算年度："]
    qtbot.waitUntil(lambda: isinstance(flow.message, QMessageBox) and flow.message.isVisible(), timeout=20000)
    with qtbot.waitSignal(flow.done, timeout=20000):
        flow.message.button(QMessageBox.StandardButton.Yes).click()
    flow.wait()
    assert (window.toolbar.department.currentText(), window.toolbar.year.value()) == (DEPARTMENT, 2023)
    assert window.pages.currentWidget() is window.tabs
