"""The 科目 picker of 新增支出行, driven through the tab's button, on a 文旅局 (not the sample)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QPushButton
from sqlmodel import Session

from desktop.services.container import build_services
from desktop.storage.database import open_database
from desktop.storage.models import Department
from desktop.ui.budget_tab import BudgetTab
from desktop.ui.code_picker import AddCodeDialog, ExpenditureLineDialog
from desktop.ui.context import WorkContext


@pytest.fixture
def wenlv_tab(qtbot, db_path):
    engine = open_database(db_path, create=True)
    with Session(engine) as session:
        department = Department(name="某县文化广播电视和旅游局", province="湖南省")
        session.add(department)
        session.commit()
        department_id = department.id
    tab = BudgetTab(build_services(engine), WorkContext(department_id, 2024), QUndoStack())
    qtbot.addWidget(tab)
    tab.show()
    yield tab
    engine.dispose()


def button(widget, text: str) -> QPushButton:
    return next(b for b in widget.findChildren(QPushButton) if b.text() == text)


def press_ok(dialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def drive(qtbot, tab, steps) -> list:
    """Click 新增支出行 and run the (dialog type, step) ``steps`` in order, each on the modal dialog
    of its type once it is the active one; what the steps return is collected."""
    seen: list = []
    pending = list(steps)

    def look():
        dialog = QApplication.activeModalWidget()
        if pending and isinstance(dialog, pending[0][0]):
            seen.append(pending.pop(0)[1](dialog))

    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(30)
    button(tab, "新增支出行").click()
    timer.stop()
    return seen


def tree_row(tab, code: str) -> list[str]:
    item = tab.tree_model.find(code)
    assert item.isValid(), code
    return [item.siblingAtColumn(column).data() for column in range(2)]


@pytest.mark.parametrize(("code", "name"), [("2070101", "行政运行"), ("2070199", "其他文化和旅游支出")])
def test_a_wenlv_ju_picks_its_codes(qtbot, wenlv_tab, code, name):
    def pick(dialog: ExpenditureLineDialog):
        texts = [dialog.code_box.itemText(row) for row in range(dialog.code_box.count())]
        dialog.code_box.setCurrentIndex(dialog.code_box.findData(code))
        dialog.category_box.setCurrentIndex(dialog.category_box.findData("项目支出"))
        press_ok(dialog)
        return texts

    (texts,) = drive(qtbot, wenlv_tab, [(ExpenditureLineDialog, pick)])
    assert f"{code} {name}" in texts
    assert "2014001 行政运行" in texts  # 2024 edition: 20140 信访事务
    assert tree_row(wenlv_tab, code) == [code, name]
    assert tree_row(wenlv_tab, "20701") == ["20701", "文化和旅游"]
    assert tree_row(wenlv_tab, "207") == ["207", "文化旅游体育与传媒支出"]


def test_a_code_added_by_the_clerk_is_picked_and_offered_afterwards(qtbot, wenlv_tab):
    def open_add(dialog: ExpenditureLineDialog):
        QTimer.singleShot(0, dialog.add_button.click)

    def add(dialog: AddCodeDialog):
        dialog.code_edit.setText("2071001")
        dialog.name_edit.setText("乡村文旅")
        press_ok(dialog)
        refused = (dialog.isVisible(), dialog.error_label.text())
        dialog.code_edit.setText("2070188")
        dialog.name_edit.setText("乡村文化振兴")
        press_ok(dialog)
        return refused

    def accept_added(dialog: ExpenditureLineDialog):
        selected = dialog.code_box.currentText()
        press_ok(dialog)
        return selected

    steps = [(ExpenditureLineDialog, open_add), (AddCodeDialog, add), (ExpenditureLineDialog, accept_added)]
    _none, refused, selected = drive(qtbot, wenlv_tab, steps)
    assert refused == (True, "添加科目：科目编码“2071001”的上级款“20710”不在2024年政府收支分类科目中")
    assert selected == "2070188 乡村文化振兴（本单位添加）"
    assert tree_row(wenlv_tab, "2070188") == ["2070188", "乡村文化振兴"]

    def pick_again(dialog: ExpenditureLineDialog):
        texts = [dialog.code_box.itemText(row) for row in range(dialog.code_box.count())]
        dialog.reject()
        return texts

    (texts,) = drive(qtbot, wenlv_tab, [(ExpenditureLineDialog, pick_again)])
    assert "2070188 乡村文化振兴（本单位添加）" in texts
    assert "2070199 其他文化和旅游支出" in texts


def test_a_year_without_its_own_edition_says_which_one_the_picker_offers(qtbot, wenlv_tab):
    wenlv_tab._context.select(wenlv_tab._context.department_id, 2027)

    def look(dialog: ExpenditureLineDialog):
        labels = [label.text() for label in dialog.findChildren(QLabel)]
        dialog.reject()
        return labels

    (labels,) = drive(qtbot, wenlv_tab, [(ExpenditureLineDialog, look)])
    assert "2027 年没有自己的政府收支分类科目，按 2025 年科目显示" in labels
