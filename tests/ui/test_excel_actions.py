"""导入 Excel / 导出 Excel in the window: dry-run report first, import on confirmation, off the UI
thread; masked export unless the clerk asks; closing the window in the middle of an import."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import date

from openpyxl import load_workbook
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from sqlalchemy import func, insert, select

from desktop.services.container import build_services
from desktop.services.excel import ExcelService
from desktop.services.workspace import open_workspace
from desktop.storage import models as M
from desktop.storage.database import open_database
from desktop.ui.context import WorkContext
from desktop.ui.excel_actions import UNMASKED, export_excel, import_excel
from desktop.ui.main_window import MainWindow
from tests.services.excel_helpers import workbook_file

WORKBOOK = {
    "单位": [["单位名称", "省份"], ["测试局", "四川省"]],
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
    assert flow.message.rows() == [["问题", "收入", "2", "决算数（C2）", "“十二万”不是数字"]]
    assert _income_rows(engine) == 0


def test_export_writes_the_current_year(qtbot, engine, tmp_path):
    parent, services, context = _setup(qtbot, engine)
    out = tmp_path / "out.xlsx"

    flow = export_excel(parent, services, context, out, unmasked=False)
    with qtbot.waitSignal(flow.done, timeout=10000) as done:
        pass
    flow.wait()
    assert done.args[0].startswith("已导出 2023 年度数据到")
    assert out.exists()


def _petition_cells(path) -> tuple[str, str]:
    rows = list(load_workbook(path, read_only=True)["信访事项"].values)
    header, first = rows[0], rows[1]
    return first[header.index("身份证号")], first[header.index("联系电话")]


def _export_through_the_question(qtbot, tick: bool, tmp_path, monkeypatch) -> str:
    engine = open_database(tmp_path / f"{tick}.sqlite3", create=True)
    parent, services, context = _setup(qtbot, engine)
    with engine.begin() as connection:
        connection.execute(
            insert(M.Petition.__table__).values(
                department_id=1,
                number="X-1",
                registered_on=date(2023, 3, 1),
                channel="来信",
                id_number="510903198001011234",
                phone="13800001234",
                summary="",
            )
        )
    out = tmp_path / f"out-{tick}.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(out), ""))
    flow = export_excel(parent, services, context)
    question = flow.message
    assert question.checkBox().text() == UNMASKED == "导出完整身份证号和电话（仅限内部使用）"
    assert not question.checkBox().isChecked()
    question.checkBox().setChecked(tick)
    with qtbot.waitSignal(flow.done, timeout=10000) as done:
        question.button(QMessageBox.StandardButton.Ok).click()
    flow.wait()
    engine.dispose()
    return done.args[0], _petition_cells(out)


def test_export_masks_id_and_phone_unless_the_clerk_ticks_the_box(qtbot, tmp_path, monkeypatch):
    line, cells = _export_through_the_question(qtbot, False, tmp_path, monkeypatch)
    assert line.endswith("（身份证号、电话已打码）")
    assert cells == ("510903********1234", "138****1234")

    line, cells = _export_through_the_question(qtbot, True, tmp_path, monkeypatch)
    assert not line.endswith("已打码）")
    assert cells == ("510903198001011234", "13800001234")


def test_closing_the_window_during_an_import_cancels_it_and_waits(qtbot, db_path, tmp_path, monkeypatch):
    """The import is held inside its transaction (after the new 单位 was written) until the
    window's close cancels it: the window closes, the worker is done, nothing was imported."""
    path = workbook_file(tmp_path / "in.xlsx", WORKBOOK)
    original = ExcelService.import_workbook
    holding = threading.Event()

    def held(self, workbook, *, dry_run=False, progress=None):
        def hold(done: int, total: int) -> bool:
            deadline = time.monotonic() + 30
            while total and not dry_run and time.monotonic() < deadline:
                holding.set()
                if not progress(done, total):
                    return False
                time.sleep(0.01)
            return progress(done, total)

        return original(self, workbook, dry_run=dry_run, progress=hold)

    monkeypatch.setattr(ExcelService, "import_workbook", held)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(open_workspace(db_path, True), open_workspace, settings)
    qtbot.addWidget(window)
    flow = import_excel(window, window.workspace.services, window.context, path)
    qtbot.waitUntil(lambda: isinstance(flow.message, QMessageBox) and flow.message.isVisible())
    flow.message.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(holding.is_set, timeout=10000)
    window.close()
    assert flow._job.finished.is_set()
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT count(*) FROM department").fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM income_line").fetchone() == (0,)
