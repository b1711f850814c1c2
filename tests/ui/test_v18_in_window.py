"""V18 in the window: a line on a code the 2023 edition lacks is listed in 总览 and a double-click
goes to its 科目编码; once the clerk adds the code it is no longer a finding."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QSettings
from sqlmodel import Session, select

from desktop.services.workspace import open_workspace
from desktop.storage.database import open_database
from desktop.storage.models import Department, ExpenditureLine
from desktop.ui.main_window import MainWindow
from tests.ui.test_finding_places import WHERE, double_click, selected


@pytest.fixture
def window(qtbot, sample_original, tmp_path):
    path = tmp_path / "示例.sqlite3"
    path.write_bytes(sample_original.read_bytes())
    engine = open_database(path)
    with Session(engine) as session:
        department_id = session.exec(select(Department.id)).one()
        session.add(
            ExpenditureLine(
                department_id=department_id,
                year=2023,
                function_code="2010397",
                name="维稳专项",
                category="项目支出",
                funding="一般公共预算财政拨款",
                final_amount=Decimal("1000.00"),
            )  # fmt: skip
        )
        session.commit()
    engine.dispose()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(open_workspace(path), open_workspace, settings)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: not window.tabs.widget(0).checking, timeout=20000)
    return window


def wheres(window) -> list[str]:
    model = window.tabs.widget(0).view.model()
    return [model.index(row, WHERE).data() for row in range(model.rowCount())]


def test_an_unknown_code_is_a_finding_that_goes_to_its_code(qtbot, window):
    assert "支出 2010397" in wheres(window)
    double_click(qtbot, window, "支出 2010397")
    assert window.tabs.tabText(window.tabs.currentIndex()) == "预算决算"
    assert selected(window) == ("支出（功能分类）", "2010397", "科目编码")
    window.workspace.services.budget.codes.add_function_code(
        window.context.department_id, 2023, "2010397", "维稳专项"
    )
    overview = window.tabs.widget(0)
    window.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: "支出 2010397" not in wheres(window) and not overview.checking, timeout=20000)
