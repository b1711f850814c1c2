"""预算决算 → 决算总表: the 收入支出决算总表 computed from the year's lines (both sides, with 结转结余),
and 打开报表 showing any table of the set read-only, stated figures beside computed ones."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from sqlmodel import Session

from desktop.domain.final_tables import cell_key
from desktop.storage.models import StatedFigure
from tests.ui.test_budget_tab import make_tab, rows
from tests.ui.test_main_window import make_window, settings, tab_titles

__all__ = ["make_window", "settings"]  # the main window's fixtures, used here too


@pytest.fixture
def tab(qtbot, sample_path):
    tab, _stack, engine = make_tab(qtbot, sample_path)
    yield tab, engine
    engine.dispose()


def _button(tab, text):
    return next(button for button in tab.findChildren(QPushButton) if button.text() == text)


def test_the_summary_table_shows_both_sides_with_the_seeds_totals(tab, qtmodeltester):
    tab, _engine = tab
    tab.pages.setCurrentIndex(5)
    model = tab.summary_table_model
    qtmodeltester.check(model)
    assert tab.pages.tabText(5) == "决算总表"
    headers = [model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())]
    assert headers == ["收入·项目", "收入·行次", "收入·决算数", "支出·项目", "支出·行次", "支出·决算数"]
    table = rows(model)
    assert table[0] == ["一、一般公共预算财政拨款收入", "1", "411.94", "一、一般公共服务支出", "13", "373.00"]
    assert table[6][3:] == ["年末结转和结余", "19", "5.49"]
    assert table[7][3:] == ["总计", "20", "421.67"]
    assert table[8][:3] == ["本年收入合计", "9", "416.54"]
    assert table[11][:3] == ["总计", "12", "421.67"]
    # 本年支出合计 is bold on its side, not the 五、事业收入 beside it
    assert model.index(4, 3).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(4, 0).data(Qt.ItemDataRole.FontRole) is None
    assert tab.summary_table_note.text() == "公开01表 收入支出决算总表（万元），按本年度数据计算"
    assert tab.print_target() == ("tables", None)  # 导出 PDF / 打印 on this tab print the tables


def test_a_stated_figure_that_differs_is_shown_beside_the_computed_one(tab, qtbot, qtmodeltester):
    tab, engine = tab
    with Session(engine) as session:
        session.add(
            StatedFigure(
                department_id=1, year=2023, key=cell_key("公开03表", "total", "basic"), amount=D("2179500.00")
            )
        )
        session.add(
            StatedFigure(
                department_id=1,
                year=2023,
                key=cell_key("公开03表", "total", "project"),
                amount=D("1982400.00"),
            )
        )
        session.commit()
    qtbot.mouseClick(_button(tab, "打开报表…"), Qt.MouseButton.LeftButton)
    dialog = tab.final_table_dialog
    assert dialog.isVisible() and dialog.choice.count() == 13
    dialog.choice.setCurrentIndex(dialog.choice.findData("公开03表"))
    qtmodeltester.check(dialog.model)
    first = rows(dialog.model)[0]
    # 基本支出 stated 217.95 against the lines' 217.94; 项目支出 stated as computed, shown once
    assert first[3:7] == ["合计", "416.18", "217.94（公开 217.95）", "198.24"]
    assert (
        dialog.model.index(0, 5).data(Qt.ItemDataRole.ToolTipRole)
        == "公开数 217.95 万元，按数据计算为 217.94 万元"
    )
    assert "有 1 个公开数与按数据计算的数不同" in dialog.notes.text()
    assert dialog.heading.text() == "编制单位：遂宁市船山区信访局　　2023年度　　金额单位：万元"


def test_an_empty_fund_table_shows_the_provinces_wording(tab, qtbot):
    tab, _engine = tab
    qtbot.mouseClick(_button(tab, "打开报表…"), Qt.MouseButton.LeftButton)
    dialog = tab.final_table_dialog
    dialog.choice.setCurrentIndex(dialog.choice.findData("公开10表"))
    assert dialog.notes.text().startswith("说明：本单位2023年度没有政府性基金预算财政拨款收入")
    assert rows(dialog.model) == [["", "", "", "合计", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"]]


def test_export_pdf_on_the_budget_tab_writes_the_13_tables(make_window, sample_path, tmp_path, qtbot):
    from tests.printing.pdf_reading import page_texts
    from tests.ui.test_export_pdf_dialog import listed, open_dialog, run

    window = make_window(sample_path)
    window.tabs.setCurrentIndex(tab_titles(window).index("预算决算"))
    dialog = open_dialog(window)  # the year's forms, this tab's one checked
    assert [title for title, _status, checked in listed(dialog) if checked] == ["部门决算公开表（13 张）"]
    dialog.folder.setText(str(tmp_path))
    run(dialog, qtbot)
    out = tmp_path / "2023年部门决算公开表.pdf"
    pages = page_texts(out)
    assert len(pages) == 13
    assert pages[0].startswith("公开01表收入支出决算总表")
