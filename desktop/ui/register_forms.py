"""The detail forms of the 信访登记 tab: one matter (ID and phone in full) and one visit batch.

A form reads what was typed into a ``Matter`` / ``VisitBatch`` and hands it to ``save``
(which saves through the service and records the undo step). A ``UserInputError`` from the
domain checks (dates in order, ID check digit, 人数 ≥ 1 …) is shown in the form, which stays
open with nothing saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.dates import DateFormatError, parse_date
from desktop.domain.petitions import (
    CHANNELS,
    COLLECTIVE_VISIT_PERSONS,
    HANDLING_TYPES,
    MAX_EXTENSION_DAYS,
    ORIGINS,
    SATISFACTION_LEVELS,
    VISIT_LEVELS,
    Matter,
    VisitBatch,
)
from desktop.errors import UserInputError, ZipingError
from desktop.services.register import MatterChoice
from desktop.ui.background import BackgroundRunner

DATE_HINT = "如 2023-01-31、2023/1/31、2023年1月31日"
SEARCH_DELAY_MS = 250  # the matters are looked up once the clerk pauses typing (a pass over the register)


def _date_field(value: date | None) -> QLineEdit:
    field = QLineEdit("" if value is None else value.isoformat())
    field.setPlaceholderText(DATE_HINT)
    return field


def _read_date(field: QLineEdit, name: str, today: date, required: bool = False) -> date | None:
    """The date typed in ``field``; ``UserInputError`` naming the field when it is none or after today."""
    text = field.text().strip()
    if not text:
        if required:
            raise UserInputError(f"{name}不能为空")
        return None
    try:
        day = parse_date(text)
    except DateFormatError as error:
        raise UserInputError(f"{name}：{error}") from error
    if day > today:
        raise UserInputError(f"{name} {day} 晚于今天（{today}），未来的日期不能登记")
    return day


def _combo(items, current: str) -> QComboBox:
    combo = QComboBox()
    combo.addItems(list(items))
    combo.setCurrentText(current)
    return combo


class _Form(QDialog):
    """A dialog whose OK runs ``on_ok`` and stays open with the message when it is refused."""

    def __init__(self, title: str, on_ok: Callable[[], object], parent: QWidget | None) -> None:
        super().__init__(parent)
        self._on_ok = on_ok
        self.setWindowTitle(title)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._try_save)
        self.buttons.rejected.connect(self.reject)

    def _try_save(self) -> None:
        try:
            self._on_ok()
        except ZipingError as error:  # bad input, or a busy database: the form keeps what was typed
            self.error.setText(str(error))
            return
        self.accept()


class MatterForm(_Form):
    """信访事项 form: every field of the matter, ID number and phone unmasked."""

    def __init__(
        self,
        matter: Matter,
        save: Callable[[Matter], object],
        parent: QWidget | None = None,
        today: Callable[[], date] = date.today,
        visits: Sequence[VisitBatch] = (),
    ) -> None:
        title = "信访事项" if matter.id is None else f"信访事项 {matter.number}"
        super().__init__(title, lambda: save(self.matter()), parent)
        self._today = today
        self._matter = matter
        m = matter
        self.number = QLineEdit(m.number)
        self.registered_on = _date_field(m.registered_on)
        self.channel = _combo(CHANNELS, m.channel)
        self.origin = _combo(ORIGINS, m.origin)
        self.assigned_level = QLineEdit(m.assigned_level)
        self.handling_type = _combo(HANDLING_TYPES, m.handling_type)
        self.petitioner_name = QLineEdit(m.petitioner_name)
        self.id_number = QLineEdit(m.id_number)
        self.phone = QLineEdit(m.phone)
        self.address = QLineEdit(m.address)
        self.persons = QSpinBox()
        self.persons.setRange(0, 100000)
        self.persons.setValue(m.persons)
        self.locality = QLineEdit(m.locality)
        self.category = QLineEdit(m.category)
        self.responsible_unit = QLineEdit(m.responsible_unit)
        self.summary = QPlainTextEdit(m.summary)
        self.summary.setMaximumHeight(70)
        self.accepted_on = _date_field(m.accepted_on)
        self.extended = QCheckBox("延期")
        self.extended.setChecked(m.extended)
        self.extension_approved_on = _date_field(m.extension_approved_on)
        self.extension_days = QSpinBox()
        self.extension_days.setRange(0, MAX_EXTENSION_DAYS)
        self.extension_days.setValue(m.extension_days)
        self.closed_on = _date_field(m.closed_on)
        self.in_evaluation_scope = QCheckBox("纳入满意度评价")
        self.in_evaluation_scope.setChecked(m.in_evaluation_scope)
        self.satisfaction = _combo(SATISFACTION_LEVELS, m.satisfaction)
        self.review_requested_on = _date_field(m.review_requested_on)
        self.review_closed_on = _date_field(m.review_closed_on)
        self.review_outcome = QLineEdit(m.review_outcome)
        self.recheck_requested_on = _date_field(m.recheck_requested_on)
        self.recheck_closed_on = _date_field(m.recheck_closed_on)
        self.recheck_outcome = QLineEdit(m.recheck_outcome)
        self.repeat = QCheckBox("重复访")
        self.repeat.setChecked(m.repeat)
        self.backlog = QCheckBox("积案")
        self.backlog.setChecked(m.backlog)
        self.visits = QLabel("\n".join(map(visit_line, visits)) or "无")
        self.visits.setWordWrap(True)

        left, right = QFormLayout(), QFormLayout()
        for label, widget in (
            ("编号", self.number), ("登记日期", self.registered_on), ("信访形式", self.channel),
            ("来源", self.origin), ("交办层级", self.assigned_level), ("类型", self.handling_type),
            ("信访人", self.petitioner_name), ("身份证号", self.id_number), ("联系电话", self.phone),
            ("住址", self.address), ("人数", self.persons), ("属地", self.locality),
            ("问题类别", self.category), ("责任单位", self.responsible_unit), ("内容摘要", self.summary),
        ):  # fmt: skip
            left.addRow(label, widget)
        for label, widget in (
            ("受理/告知日期", self.accepted_on), ("", self.extended),
            ("延期批准日期", self.extension_approved_on), ("延期天数", self.extension_days),
            ("办结日期", self.closed_on), ("", self.in_evaluation_scope), ("满意度", self.satisfaction),
            ("复查申请日期", self.review_requested_on), ("复查办结日期", self.review_closed_on),
            ("复查结果", self.review_outcome), ("复核申请日期", self.recheck_requested_on),
            ("复核办结日期", self.recheck_closed_on), ("复核结果", self.recheck_outcome),
            ("", self.repeat), ("", self.backlog), ("关联走访", self.visits),
        ):  # fmt: skip
            right.addRow(label, widget)
        grid = QGridLayout()
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def matter(self) -> Matter:
        """What the form holds, as a ``Matter``; ``UserInputError`` for a date that cannot be read or is
        after today."""
        today = self._today()
        return replace(
            self._matter,
            number=self.number.text().strip(),
            registered_on=_read_date(self.registered_on, "登记日期", today, required=True),
            channel=self.channel.currentText(),
            origin=self.origin.currentText(),
            assigned_level=self.assigned_level.text().strip(),
            handling_type=self.handling_type.currentText(),
            petitioner_name=self.petitioner_name.text().strip(),
            id_number=self.id_number.text().strip(),
            phone=self.phone.text().strip(),
            address=self.address.text().strip(),
            persons=self.persons.value(),
            locality=self.locality.text().strip(),
            category=self.category.text().strip(),
            responsible_unit=self.responsible_unit.text().strip(),
            summary=self.summary.toPlainText().strip(),
            accepted_on=_read_date(self.accepted_on, "受理日期", today),
            extended=self.extended.isChecked(),
            extension_approved_on=_read_date(self.extension_approved_on, "延期批准日期", today),
            extension_days=self.extension_days.value(),
            closed_on=_read_date(self.closed_on, "办结日期", today),
            in_evaluation_scope=self.in_evaluation_scope.isChecked(),
            satisfaction=self.satisfaction.currentText(),
            review_requested_on=_read_date(self.review_requested_on, "复查申请日期", today),
            review_closed_on=_read_date(self.review_closed_on, "复查办结日期", today),
            review_outcome=self.review_outcome.text().strip(),
            recheck_requested_on=_read_date(self.recheck_requested_on, "复核申请日期", today),
            recheck_closed_on=_read_date(self.recheck_closed_on, "复核办结日期", today),
            recheck_outcome=self.recheck_outcome.text().strip(),
            repeat=self.repeat.isChecked(),
            backlog=self.backlog.isChecked(),
        )


def visit_line(visit: VisitBatch) -> str:
    """One visit as the matter form lists it: ``2023-03-01 到区 6 人（集访）``."""
    return f"{visit.visited_on} {visit.level} {visit.persons} 人{'（集访）' if visit.collective else ''}"


class VisitForm(_Form):
    """走访 form: date, level, persons (集访 ticked from 5 persons), the matter it belongs to (found by
    编号 or 信访人 in the register as the clerk types, in the background), locality, note."""

    def __init__(
        self,
        visit: VisitBatch,
        save: Callable[[VisitBatch], object],
        find: Callable[[str], list[MatterChoice]],
        linked: MatterChoice | None = None,
        parent: QWidget | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__("走访记录", lambda: save(self.visit()), parent)
        self._today, self._find = today, find
        self._visit = visit
        self._found = {} if linked is None else {linked.label: linked.id}  # label in the list → matter id
        self.link = QLineEdit("" if linked is None else linked.label)
        self.link.setPlaceholderText("输入编号或信访人查找；留空为不关联")
        self.link.setClearButtonEnabled(True)
        self.choices = QStringListModel(self)
        completer = QCompleter(self.choices, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.link.setCompleter(completer)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._search)
        self._search_runner = BackgroundRunner(self._show_found, self)
        self.link.textEdited.connect(lambda _text: self._search_timer.start())
        self.visited_on = _date_field(visit.visited_on)
        self.level = _combo(VISIT_LEVELS, visit.level)
        self.persons = QSpinBox()
        self.persons.setRange(0, 100000)
        self.persons.setValue(visit.persons)
        self.collective = QCheckBox("集访")
        self.collective.setChecked(visit.collective)
        self.persons.valueChanged.connect(lambda n: self.collective.setChecked(n >= COLLECTIVE_VISIT_PERSONS))
        self.locality = QLineEdit(visit.locality)
        self.note = QLineEdit(visit.note)
        form = QFormLayout(self)
        for label, widget in (
            ("走访日期", self.visited_on), ("层级", self.level), ("人数", self.persons), ("", self.collective),
            ("关联事项", self.link), ("属地", self.locality), ("备注", self.note),
        ):  # fmt: skip
            form.addRow(label, widget)
        form.addRow(self.error)
        form.addRow(self.buttons)

    def visit(self) -> VisitBatch:
        today = self._today()
        return replace(
            self._visit,
            visited_on=_read_date(self.visited_on, "走访日期", today, required=True),
            level=self.level.currentText(),
            persons=self.persons.value(),
            collective=self.collective.isChecked(),
            petition_id=self._linked_id(),
            locality=self.locality.text().strip(),
            note=self.note.text().strip(),
        )

    @property
    def searching(self) -> bool:
        """True from a keystroke in 关联事项 until the matters it finds are in the list."""
        return self._search_timer.isActive() or self._search_runner.running

    def _search(self) -> None:
        text, find = self.link.text(), self._find
        self._search_runner.start(lambda: find(text))

    def _show_found(self, found) -> None:
        """The matters the typed text finds, offered in the list under the field."""
        if isinstance(found, Exception):
            self.error.setText(str(found))
            return
        self._found.update((choice.label, choice.id) for choice in found)
        self.choices.setStringList([choice.label for choice in found])
        if self.link.hasFocus():  # the clerk is still in the field: open the list now it is filled
            self.link.completer().complete()

    def _linked_id(self) -> int | None:
        """The matter chosen from the list, or the one matter a typed 编号 or 信访人 names."""
        text = self.link.text().strip()
        if not text:
            return None
        if text in self._found:
            return self._found[text]
        found = self._find(text)
        exact = [choice for choice in found if choice.number == text]
        if exact or len(found) == 1:
            return (exact or found)[0].id
        if not found:
            raise UserInputError(f"关联事项：登记簿中没有编号或信访人含“{text}”的信访事项")
        raise UserInputError(f"关联事项：“{text}”对应多件信访事项，请从列表中选择一件")
