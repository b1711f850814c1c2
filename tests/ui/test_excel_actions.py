"""导入 Excel / 导出 Excel in the window: dry-run report first, import on confirmation, off the UI thread."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy import func, insert, select

from desktop.services.container import build_services
from desktop.storage import models as M
from desktop.ui.context import WorkContext
from desktop.ui.excel_actions import export_excel, import_excel
from tests.services.excel_helpers import workbook_file

WORKBOOK = {
    "单位": [["单位名称"], ["测试局"]],
    "收入": [["年度", "收入来源", "决算数"], [2023, "财政拨款收入", "12.5"], [2023, "其他收入", 1]],
}


def _setup(qtbot, engine):
    with engine.begin() as connection:
        connection.execute(insert(M.Department.__table__).values(name="测试局"))
    parent = QWidget()
    qtbot.addWidget(parent)
    return parent, build_services(engine), WorkContext(1, 2023)


def _income_rows(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(M.IncomeLine.__table__)).scalar()


def test_import_shows_the_dry_run_then_imports_on_yes(qtbot, engine, tmp_path):
    parent, services, context = _setup(qtbot, engine)
    path = workbook_file(tmp_path / "in.xlsx", WORKBOOK)

    flow = import_excel(parent, services, context, path)
    qtbot.waitUntil(lambda: isinstance(flow.message, QMessageBox) and flow.message.isVisible())
    assert "检查通过（试导入，未写入数据库）" in flow.message.text()
    assert "收入：新增 2 条，更新 0 条" in flow.message.informativeText()
    assert _income_rows(engine) == 0

    with qtbot.waitSignal(context.changed), qtbot.waitSignal(flow.done) as done:
        flow.message.button(QMessageBox.StandardButton.Yes).click()
    flow.wait()
    assert done.args == ["in.xlsx：已导入，单位：测试局"]
    assert _income_rows(engine) == 2


def test_import_of_a_bad_file_shows_every_problem(qtbot, engine, tmp_path):
    parent, services, context = _setup(qtbot, engine)
    bad = dict(WORKBOOK, 收入=[["年度", "收入来源", "决算数"], [2023, "财政拨款收入", "十二万"]])
    path = workbook_file(tmp_path / "bad.xlsx", bad)

    flow = import_excel(parent, services, context, path)
    with qtbot.waitSignal(flow.done, timeout=10000):
        pass
    flow.wait()
    assert "工作表“收入”第 2 行“决算数”列（C2）：“十二万”不是数字" in flow.message.text()
    assert _income_rows(engine) == 0


def test_export_writes_the_current_year(qtbot, engine, tmp_path):
    parent, services, context = _setup(qtbot, engine)
    out = tmp_path / "out.xlsx"

    flow = export_excel(parent, services, context, out)
    with qtbot.waitSignal(flow.done, timeout=10000) as done:
        pass
    flow.wait()
    assert done.args[0].startswith("已导出 2023 年度数据到")
    assert out.exists()
