"""The import's problem report as a table (sheet, row, column, reason) that scrolls, copies and
saves as Excel, instead of a message box taller than the screen (issue 11, Build 10 and “What
was seen” 10); warnings of an importable workbook are shown the same way before the clerk says 导入."""

from __future__ import annotations

from decimal import Decimal

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from sqlalchemy import insert, select

from desktop.services.container import build_services
from desktop.storage import models as M
from desktop.ui.context import WorkContext
from desktop.ui.excel_actions import import_excel
from desktop.ui.problem_report_dialog import ProblemReportDialog
from tests.services.excel_helpers import workbook_file

UNIT = {"单位": [["单位名称", "省份"], ["武汉市江岸区民政局", "湖北省"]]}


def _setup(qtbot, engine):
    with engine.begin() as connection:
        connection.execute(
            insert(M.Department.__table__).values(name="武汉市江岸区民政局", province="湖北省")
        )
    parent = QWidget()
    parent.resize(1366, 768)
    qtbot.addWidget(parent)
    return parent, build_services(engine), WorkContext(1, 2024)


def _click(qtbot, dialog, text):
    button = next(button for button in dialog.findChildren(type(dialog.save_button)) if button.text() == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_sixty_seven_problems_fit_the_screen_copy_and_save_as_excel(qtbot, engine, tmp_path, monkeypatch):
    parent, services, context = _setup(qtbot, engine)
    # 67 rows whose 决算数 is no number: one problem each, rows 2 to 68 of 收入
    rows = [["年度", "收入来源", "决算数"]] + [[2024, "其他收入", f"第{n}笔"] for n in range(67)]
    path = workbook_file(tmp_path / "坏.xlsx", UNIT | {"收入": rows})

    flow = import_excel(parent, services, context, path)
    with qtbot.waitSignal(flow.done, timeout=20000) as done:
        pass
    flow.wait()
    assert done.args == ["坏.xlsx：发现 67 处问题，未导入任何数据"]
    dialog = flow.message
    assert isinstance(dialog, ProblemReportDialog) and dialog.isVisible()
    table = dialog.rows()
    assert len(table) == 67
    assert table[0] == ["问题", "收入", "2", "决算数（C2）", "“第0笔”不是数字"]
    assert table[66] == ["问题", "收入", "68", "决算数（C68）", "“第66笔”不是数字"]
    screen = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().height() <= screen.height()
    assert dialog.accept_button.text() == "关闭"

    _click(qtbot, dialog, "复制全部")
    copied = QGuiApplication.clipboard().text().splitlines()
    assert len(copied) == 67 and copied[1] == "问题\t收入\t3\t决算数（C3）\t“第1笔”不是数字"

    saved = tmp_path / "报告.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(saved), ""))
    _click(qtbot, dialog, "保存为 Excel…")
    assert dialog.status.text() == f"已保存问题报告（67 条）到 {saved}"
    sheet = load_workbook(saved)["问题报告"]
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert cells[0] == ["类别", "工作表", "行", "列", "原因"]
    assert cells[1] == ["问题", "收入", 2, "决算数（C2）", "“第0笔”不是数字"]
    assert len(cells) == 68


def test_saving_onto_the_open_database_is_refused_in_the_dialog(qtbot, engine, db_path, tmp_path):
    parent, services, context = _setup(qtbot, engine)
    path = workbook_file(
        tmp_path / "坏.xlsx", UNIT | {"收入": [["年度", "收入来源", "决算数"], [2024, "其他收入", "x"]]}
    )
    flow = import_excel(parent, services, context, path)
    with qtbot.waitSignal(flow.done, timeout=20000):
        pass
    flow.wait()
    assert not flow.message.save_to(db_path)
    boxes = flow.message.findChildren(QMessageBox)
    assert [box.text() for box in boxes] == [
        f"不能保存到 {db_path}：这是正在使用的数据库文件，请换一个文件名"
    ]
    assert flow.message.status.text() == ""


def test_warnings_of_an_importable_workbook_are_listed_before_the_clerk_imports(qtbot, engine, tmp_path):
    parent, services, context = _setup(qtbot, engine)
    sheets = UNIT | {
        "三公经费": [["年度", "项目", "预算数", "决算数"], [2024, "公务用车运行维护费", 3, 500000]],
        "多余": [["随便"]],
    }
    path = workbook_file(tmp_path / "三公.xlsx", sheets)

    flow = import_excel(parent, services, context, path)
    qtbot.waitUntil(
        lambda: isinstance(flow.message, ProblemReportDialog) and flow.message.isVisible(), timeout=20000
    )
    dialog = flow.message
    assert dialog.rows() == [
        ["提示", "多余", "", "", "不是 Ziping 的工作表，已跳过"],
        [
            "提示",
            "三公经费",
            "2",
            "决算数（D2）",
            "“500000”超过 10000 万元：已按500000.00万元读取，如按元填写应为50.00万元，请核对",
        ],
    ]
    assert "三公经费：新增 1 条" in dialog.summary.text()
    with engine.connect() as connection:
        assert connection.execute(select(M.ThreePublicItem.__table__)).all() == []

    with qtbot.waitSignal(flow.done, timeout=20000) as done:
        _click(qtbot, dialog, "导入")
    flow.wait()
    assert done.args == ["三公.xlsx：已导入，单位：武汉市江岸区民政局"]
    assert "导入前列出的 2 条提示见问题报告" in flow.message.informativeText()
    with engine.connect() as connection:
        amount = connection.execute(select(M.ThreePublicItem.__table__.c.final_amount)).scalar()
    assert amount == Decimal("5000000000.00")  # 500000 万元, as the cell says
