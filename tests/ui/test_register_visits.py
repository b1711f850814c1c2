"""走访 in the 信访登记 tab (issue 11, Build 4): a visit is edited in its form, linked to its matter
found by 编号 or 信访人, the link is stored and shown in both lists, and every step is undone."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.register_models import ID_ROLE
from tests.ui import test_register_tab as register_tab

undo_stack, engine, tab = register_tab.undo_stack, register_tab.engine, register_tab.tab
settle = register_tab.settle

NUMBER = "船信〔2023〕0100号"


def _visit_row(tab, visit_id: int) -> int:
    model = tab.visit_table.model()
    while model.canFetchMore():
        model.fetchMore()
    return next(row for row in range(model.rowCount()) if model.index(row, 0).data(ID_ROLE) == visit_id)


def _visit_cell(tab, row: int, header: str) -> str:
    model = tab.visit_table.model()
    column = next(
        c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == header
    )
    return model.index(row, column).data()


def _select_matter(tab, qtbot, number: str):
    tab.find_text(number)
    settle(qtbot, tab)
    tab.table.selectRow(0)
    return tab._service.get(tab.table.model().index(0, 0).data(ID_ROLE))


def test_a_new_visit_is_linked_to_the_selected_matter_and_the_matter_form_lists_it(tab, qtbot):
    matter = _select_matter(tab, qtbot, NUMBER)
    form = tab.add_visit()
    qtbot.addWidget(form)
    assert form.link.text() == f"{NUMBER}　{matter.petitioner_name}　{matter.registered_on}"
    form.visited_on.setText("2023-05-06")
    form.persons.setValue(2)
    form.buttons.accepted.emit()
    assert not form.isVisible(), form.error.text()
    service = tab._service
    [linked] = [v for v in service.visits_of(matter.id) if v.visited_on.isoformat() == "2023-05-06"]
    assert (linked.petition_id, linked.persons, linked.level) == (matter.id, 2, "到区")
    row = _visit_row(tab, linked.id)
    assert (_visit_cell(tab, row, "走访日期"), _visit_cell(tab, row, "关联事项")) == ("2023-05-06", NUMBER)
    matter_form = tab.edit_selected()
    qtbot.addWidget(matter_form)
    assert "2023-05-06 到区 2 人" in matter_form.visits.text().split("\n")


def test_a_visit_is_edited_and_linked_by_typing_and_the_edit_is_undone(tab, qtbot, undo_stack):
    service, department_id = tab._service, tab._context.department_id
    first = tab.visit_table.model().visit_at(0)
    tab.visit_table.selectRow(0)
    form = tab.edit_selected_visit()
    qtbot.addWidget(form)
    form.link.setText("0100")  # the clerk types part of the 编号 (typing emits textEdited; a popup
    form.link.textEdited.emit("0100")  # offscreen would only warn): the list offers the matter
    assert form.searching
    qtbot.waitUntil(lambda: not form.searching, timeout=10_000)
    assert [label.split("　")[0] for label in form.choices.stringList()] == [NUMBER]
    form.link.setText(form.choices.stringList()[0])
    form.persons.setValue(7)  # 集访 from 5 persons
    form.note.setText("改过")
    form.buttons.accepted.emit()
    assert not form.isVisible(), form.error.text()
    matter_id = service.find_matters(department_id, NUMBER)[0].id
    saved = service.get_visit(first.id)
    assert (saved.petition_id, saved.persons, saved.collective, saved.note) == (matter_id, 7, True, "改过")
    assert _visit_cell(tab, _visit_row(tab, first.id), "关联事项") == NUMBER
    undo_stack.undo()
    assert service.get_visit(first.id) == first
    assert _visit_cell(tab, _visit_row(tab, first.id), "备注") == first.note


def test_a_link_that_names_no_matter_or_several_is_refused_in_the_form(tab, qtbot):
    tab.visit_table.selectRow(0)
    before = tab.visit_table.model().visit_at(0)
    form = tab.edit_selected_visit()
    qtbot.addWidget(form)
    form.link.setText("没有这个人")
    form.buttons.accepted.emit()
    assert form.error.text() == "关联事项：登记簿中没有编号或信访人含“没有这个人”的信访事项"
    form.link.setText("船信")
    form.buttons.accepted.emit()
    assert form.error.text() == "关联事项：“船信”对应多件信访事项，请从列表中选择一件"
    form.link.setText("")
    form.buttons.accepted.emit()
    assert not form.isVisible(), form.error.text()
    assert tab._service.get_visit(before.id).petition_id is None


def test_undoing_the_delete_of_a_matter_links_its_visits_again(tab, qtbot, undo_stack):
    matter = _select_matter(tab, qtbot, NUMBER)
    service = tab._service
    form = tab.add_visit()
    qtbot.addWidget(form)
    form.buttons.accepted.emit()
    [visit] = service.visits_of(matter.id)
    tab.find_text(NUMBER)
    settle(qtbot, tab)
    tab.table.selectRow(0)
    tab.delete_selected()
    assert service.get_visit(visit.id).petition_id is None  # the visit stays, unlinked
    undo_stack.undo()
    assert service.visits_of(matter.id) == [visit]
