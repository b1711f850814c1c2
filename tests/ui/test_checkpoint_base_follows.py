"""执行进度's 全年预算 follows 调整后预算 (issue 11, Build 10 and “What was seen” 10): a base that
equals Σ 调整后预算 moves with it; a base the clerk typed as another figure stays."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from desktop.domain.budget import Figures, followed_base
from desktop.services.budget import BudgetService
from desktop.services.container import build_services
from desktop.services.departments import resolve_department
from desktop.storage.database import open_database
from desktop.ui.budget_tab import BudgetTab
from desktop.ui.context import WorkContext
from tests.services.hubei import add_hubei_department


def make_tab(qtbot, path, year):
    engine = open_database(path)
    stack = QUndoStack()
    tab = BudgetTab(build_services(engine), WorkContext(resolve_department(engine).id, year), stack)
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()
    return tab, stack, engine


def type_into(qtbot, view, index, text) -> None:
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    editor.setText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None)


def checkpoint_columns(tab, column: int) -> list[str]:
    model = tab.checkpoint_model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_the_base_follows_an_adjusted_budget_edit_unless_typed(qtbot, sample_path):
    tab, stack, engine = make_tab(qtbot, sample_path, 2023)
    assert checkpoint_columns(tab, 2) == ["416.18"] * 4  # Σ 调整后预算
    tab.pages.setCurrentIndex(4)
    type_into(qtbot, tab.checkpoint_view, tab.checkpoint_model.index(0, 2), "420")  # 6月, typed
    qtbot.waitUntil(lambda: checkpoint_columns(tab, 2)[0] == "420.00")

    tab.pages.setCurrentIndex(1)
    line = tab.tree_model.index(0, 3, tab.tree_model.find("2010308"))  # 调整后预算 20.84
    type_into(qtbot, tab.tree_view, line, "21.84")
    # 416.18 + 1.00 = 417.18 for 9/11/12月; 274.80 / 417.18 = 65.87%, 398.99 / 417.18 = 95.64%
    qtbot.waitUntil(lambda: checkpoint_columns(tab, 2) == ["420.00", "417.18", "417.18", "417.18"])
    assert checkpoint_columns(tab, 3) == ["43.18%", "65.87%", "77.84%", "95.64%"]  # 181.37 / 420.00 = 43.18%

    stack.undo()
    assert checkpoint_columns(tab, 2) == ["420.00", "416.18", "416.18", "416.18"]
    engine.dispose()


def test_a_base_that_is_not_the_total_stays_on_another_department(qtbot, tmp_path):
    path = tmp_path / "hubei.sqlite3"
    add_hubei_department(path)
    engine = open_database(path)
    service = BudgetService(engine)
    department_id = resolve_department(engine).id
    # the 6月 base 125.00 万元 (含上年结转) is not Σ 调整后预算 95.00 万元: it stays
    (line,) = service.expenditure_tree(department_id, 2024)[0].children[0].children[0].children
    service.update_expenditure(line.line_id, "adjusted_budget", Decimal("960000.00"))
    (june,) = service.checkpoints(department_id, 2024)
    assert june.budget_base == Decimal("1250000.50")

    # a month added now starts at 96.00 万元 and follows a new line and its deletion
    december = service.add_checkpoint(department_id, 2024, 12)
    added = service.add_expenditure_line(
        department_id,
        2024,
        "2081105",
        "项目支出",
        "政府性基金预算财政拨款",
        Figures(adjusted_budget=Decimal("40000.00")),
    )
    bases = {row.month: row.budget_base for row in service.checkpoints(department_id, 2024)}
    assert bases == {6: Decimal("1250000.50"), 12: Decimal("1000000.00")}  # 960000 + 40000
    service.delete_expenditure_line(added)
    assert service.checkpoints(department_id, 2024)[1].budget_base == Decimal("960000.00")
    assert service.checkpoints(department_id, 2024)[1].id == december
    engine.dispose()


def test_the_rule_itself():
    assert followed_base(Decimal("416.18"), Decimal("416.18"), Decimal("417.18")) == Decimal("417.18")
    assert followed_base(Decimal("420.00"), Decimal("416.18"), Decimal("417.18")) == Decimal("420.00")
    assert followed_base(Decimal("0.00"), Decimal("0.00"), Decimal("5.00")) == Decimal("5.00")  # no lines yet
