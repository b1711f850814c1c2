"""信访登记 tab: the register (filtered and paged in SQL), its visits and the statistics of the period.

Every change goes through ``RegisterService`` at once and is one step on the shared undo stack.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.dates import default_registration_day
from desktop.domain.petitions import CHANNELS, LATE_MARKS, STATUSES, Matter, VisitBatch
from desktop.domain.places import Place
from desktop.domain.register_statistics import format_statistics
from desktop.services.changes import REGISTER, Change
from desktop.services.container import Services
from desktop.services.register import RegisterFilter
from desktop.services.register_export import (
    statistics_scope,
)
from desktop.ui.background import BackgroundRunner
from desktop.ui.change_relay import ReloadWhenShown
from desktop.ui.context import WorkContext
from desktop.ui.editing import apply_change
from desktop.ui.messages import show_error
from desktop.ui.pdf_actions import PdfJob
from desktop.ui.register_forms import MatterForm, VisitForm
from desktop.ui.register_models import ID_ROLE, RegisterTableModel, VisitTableModel
from desktop.ui.register_printing import RegisterPrinting
from desktop.ui.register_statistics_panel import StatisticsPanel

ALL = "全部"
COLUMN_WIDTHS = {
    "编号": 150, "身份证号": 160, "联系电话": 105, "人数": 50, "内容摘要": 220, "责任单位": 170,
    "状态": 200,  # 已办结（超期受理、超期办结）
}  # fmt: skip


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _choice(combo: QComboBox) -> str | None:
    return None if combo.currentText() == ALL else combo.currentText()


class RegisterTab(QWidget):
    """``status_message`` carries what a delete removed and how to bring it back (for the status bar)."""

    status_message = Signal(str)

    def __init__(self, services: Services, context: WorkContext, undo_stack: QUndoStack, parent=None) -> None:
        super().__init__(parent)
        self._service, self._context, self._undo = services.register, context, undo_stack
        self.model = RegisterTableModel(self._service, self)
        self.visit_model = VisitTableModel(self._service, self)
        self._statistics_runner = BackgroundRunner(self._show_statistics, self)
        self._statistics_filter = RegisterFilter()  # the filter the panel's figures were asked for
        self._choices_runner = BackgroundRunner(self._fill_choices, self)
        self.model.loaded.connect(self._show_count)
        self.model.failed.connect(lambda message: show_error(self, message))

        self.start, self.end = QDateEdit(), QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setKeyboardTracking(False)  # a year typed digit by digit is one change, not four
        self._period = (date.min, date.max)  # the period the list and the statistics show
        self.channel = QComboBox()
        self.channel.addItems([ALL, *CHANNELS])
        self.status = QComboBox()
        self.status.addItems([ALL, *STATUSES, *LATE_MARKS])
        self.locality, self.category = QComboBox(), QComboBox()
        self.overdue_only = QCheckBox("仅超期")
        self.search = QLineEdit()
        self.search.setPlaceholderText("编号 / 信访人 / 摘要")
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        filters = QHBoxLayout()
        for label, widget in (
            ("登记日期", self.start), ("至", self.end), ("信访形式", self.channel), ("状态", self.status),
            ("属地", self.locality), ("问题类别", self.category), ("", self.overdue_only), ("查找", self.search),
        ):  # fmt: skip
            if label:
                filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.count_label, 1)

        self.add_button, self.edit_button = QPushButton("新增事项"), QPushButton("编辑事项")
        self.delete_button = QPushButton("删除事项")
        self.print_list_button, self.preview_list_button = QPushButton("打印列表…"), QPushButton("打印预览…")
        self.export_list_button = QPushButton("导出列表…")
        for button in (self.print_list_button, self.preview_list_button, self.export_list_button):
            button.setToolTip("当前筛选、查找和排序下的信访事项（身份证号、电话已遮蔽）")
        self.add_visit_button, self.edit_visit_button = QPushButton("新增走访"), QPushButton("编辑走访")
        self.delete_visit_button = QPushButton("删除走访")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addSpacing(16)
        for button in (self.print_list_button, self.preview_list_button, self.export_list_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.add_visit_button, self.edit_visit_button, self.delete_visit_button):
            buttons.addWidget(button)

        self.table = self._view(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        for column in range(self.model.columnCount()):
            header = self.model.headerData(column, Qt.Orientation.Horizontal)
            self.table.setColumnWidth(column, COLUMN_WIDTHS.get(header, 90))
        self.visit_table = self._view(self.visit_model)
        self.statistics = StatisticsPanel()
        self.printing = RegisterPrinting(self, self._service, context, self.model, services.pdf.font_file)
        lower = QTabWidget()
        lower.addTab(self.visit_table, "走访记录")
        lower.addTab(self.statistics, "统计（三率一度）")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(splitter)

        self.start.dateChanged.connect(lambda _day: self._date_typed(self.start, self.end))
        self.end.dateChanged.connect(lambda _day: self._date_typed(self.end, self.start))
        for combo in (self.channel, self.status, self.locality, self.category):
            combo.currentIndexChanged.connect(self._filter_changed)
        self.overdue_only.toggled.connect(self._filter_changed)
        self.search.returnPressed.connect(self._filter_changed)
        self.search.textChanged.connect(lambda text: text or self._filter_changed())
        self.table.activated.connect(lambda _index: self.edit_selected())  # Enter or a double click
        self.visit_table.activated.connect(lambda _index: self.edit_selected_visit())
        self._key(self.table, QKeySequence.StandardKey.Delete, self.delete_selected)
        self._key(self.visit_table, QKeySequence.StandardKey.Delete, self.delete_selected_visit)
        self.add_button.clicked.connect(self.add_matter)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.add_visit_button.clicked.connect(self.add_visit)
        self.edit_visit_button.clicked.connect(self.edit_selected_visit)
        self.delete_visit_button.clicked.connect(self.delete_selected_visit)
        printing = self.printing
        self.print_list_button.clicked.connect(printing.print_list)
        self.preview_list_button.clicked.connect(printing.preview_list)
        self.export_list_button.clicked.connect(printing.export_list)
        self.statistics.print_button.clicked.connect(printing.print_statistics)
        self.statistics.preview_button.clicked.connect(printing.preview_statistics)
        self.statistics.export_button.clicked.connect(printing.export_statistics)
        context.changed.connect(self.reload)
        self._refresh_when_shown = ReloadWhenShown(self, self._changed)
        self.reload()

    @staticmethod
    def _key(view: QTableView, key: QKeySequence.StandardKey, slot) -> None:
        """A shortcut that acts while ``view`` has the focus (Delete in a list)."""
        action = QAction(view)
        action.setShortcut(key)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        view.addAction(action)

    @staticmethod
    def _view(model) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setDefaultSectionSize(24)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    # 数据 ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Fill the lists for the selected department and show its year (context changed)."""
        year = self._context.year or date.today().year
        self._fill_choices(([], []))  # a new department: no 属地 of the old one stays selected
        self._load_choices()
        for edit, day in ((self.start, date(year, 1, 1)), (self.end, date(year, 12, 31))):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)
        self._period_changed()

    def _load_choices(self) -> None:
        department_id = self._context.department_id
        if department_id is None:
            self._choices_runner.cancel()
            self._fill_choices(([], []))
            return
        service = self._service
        self._choices_runner.start(
            lambda: (service.choices(department_id, "locality"), service.choices(department_id, "category"))
        )

    def _fill_choices(self, result) -> None:
        """The 属地 and 问题类别 lists (read in the background: two scans of a large register)."""
        if isinstance(result, Exception):
            show_error(self, str(result))
            return
        for combo, items in zip((self.locality, self.category), result, strict=True):
            current = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            combo.addItems([ALL, *items])
            combo.setCurrentText(current if current in items else ALL)
            combo.blockSignals(False)

    def current_filter(self) -> RegisterFilter:
        return RegisterFilter(
            start=_pydate(self.start.date()),
            end=_pydate(self.end.date()),
            channel=_choice(self.channel),
            status=_choice(self.status),
            locality=_choice(self.locality),
            category=_choice(self.category),
            overdue_only=self.overdue_only.isChecked(),
            text=self.search.text(),
        )

    def _filter_changed(self) -> None:
        self.count_label.setText("正在查询……")
        self.model.set_query(self._context.department_id, self.current_filter())
        self.refresh_statistics()

    def _show_count(self) -> None:
        self.count_label.setText(f"共 {self.model.rowCount()} 件")

    def _date_typed(self, edited: QDateEdit, other: QDateEdit) -> None:
        """A new year typed into one box of a whole-year period moves the whole period to that year."""
        start, end = self._period
        day = _pydate(edited.date())
        was = start if edited is self.start else end
        whole_year = start == date(start.year, 1, 1) and end == date(start.year, 12, 31)
        if whole_year and (day.month, day.day) == (was.month, was.day) and day.year != was.year:
            other.blockSignals(True)
            other.setDate(_qdate(_pydate(other.date()).replace(year=day.year)))
            other.blockSignals(False)
        self._period_changed()

    def _period_changed(self) -> None:
        self._period = (_pydate(self.start.date()), _pydate(self.end.date()))
        self.visit_model.set_query(
            self._context.department_id, _pydate(self.start.date()), _pydate(self.end.date())
        )
        self._filter_changed()

    @property
    def busy(self) -> bool:
        """True while the list, a page of it or the statistics are still being read in the background."""
        return (
            self.model.loading
            or self.model.fetching
            or self._statistics_runner.running
            or self._choices_runner.running
            or self.printing.running
        )

    def refresh_statistics(self) -> None:
        """Recompute the panel in the background; a newer request makes an older result stale."""
        department_id = self._context.department_id
        if department_id is None:
            self._statistics_runner.cancel()
            self.statistics.show_text("", "请先选择单位")
            return
        register_filter = self.current_filter()
        start, end = register_filter.start, register_filter.end
        year = start.year  # the period's own year names it; the context's year sets the default period
        self.statistics.show_text("", "正在统计……")
        self.printing.statistics_shown = None
        compute = partial(
            self._service.statistics, department_id, year, start, end,
            require_data=True, register_filter=register_filter,
        )  # fmt: skip
        self._statistics_filter = register_filter
        self._statistics_runner.start(compute)

    def _show_statistics(self, result) -> None:
        if isinstance(result, Exception):
            self.statistics.show_text("", str(result))
            return
        self.printing.statistics_shown = (result, self._statistics_filter)
        rates = "　".join(
            f"{name} {'—' if value is None else f'{value:.2f}%'}" for name, value in result.rates.items()
        )
        details = format_statistics("", result).lstrip()
        self.statistics.show_text(rates, f"{statistics_scope(self._statistics_filter)}\n{details}")

    def refresh_for(self, change: Change) -> None:
        """Query the register again after a write to it (the filters stay)."""
        if change.concerns(self._context.department_id, self._context.year) and change.touches(REGISTER):
            self._refresh_when_shown.request()

    def _changed(self) -> None:
        self._load_choices()
        self.model.refresh()
        self.visit_model.refresh()
        self.refresh_statistics()

    # 编辑 ---------------------------------------------------------------------------------

    def _selected_id(self, view: QTableView) -> int | None:
        rows = view.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def _open_form(self, form) -> None:
        form.setModal(True)
        form.open()

    def menu_print(self, kind: str) -> PdfJob | None:
        """文件 → 打印… / 打印预览… (``kind`` print / preview) print the list shown."""
        printing = self.printing
        return {
            "print": printing.print_list,
            "preview": printing.preview_list,
        }[kind]()

    def new_record(self) -> MatterForm | None:
        """Ctrl+N on this tab: a new matter."""
        return self.add_matter()

    def find_text(self, text: str) -> None:
        """The toolbar's 查找: the text goes into the tab's box and filters the register at once."""
        self.search.setText(text)
        self._filter_changed()

    def add_matter(self) -> MatterForm | None:
        if self._context.department_id is None:
            return None
        registered_on = default_registration_day(self._context.year or date.today().year, date.today())
        number = self._service.next_number(self._context.department_id, registered_on.year)
        form = MatterForm(Matter(number=number, registered_on=registered_on, channel="来信"), self._add, self)
        self._open_form(form)
        return form

    def _add(self, matter: Matter) -> None:
        department_id, saved = self._context.department_id, [matter.id]

        def redo():
            saved[0] = self._service.save(department_id, replace(matter, id=saved[0]))
            self._changed()

        def undo():
            self._service.delete(saved[0])
            self._changed()

        apply_change(self._undo, f"新增信访事项 {matter.number}", redo, undo)

    def edit_selected(self) -> MatterForm | None:
        petition_id = self._selected_id(self.table)
        if petition_id is None:
            return None
        before = self._service.get(petition_id)
        visits = self._service.visits_of(petition_id)
        form = MatterForm(before, lambda after: self._edit(before, after), self, visits=visits)
        self._open_form(form)
        return form

    def _edit(self, before: Matter, after: Matter) -> None:
        department_id = self._context.department_id

        def put(matter: Matter):
            self._service.save(department_id, matter)
            self._changed()

        apply_change(self._undo, f"修改信访事项 {after.number}", lambda: put(after), lambda: put(before))

    def delete_selected(self) -> None:
        """Delete the selected matters as one undo step; the status bar says which and how to undo."""
        ids = [index.data(ID_ROLE) for index in self.table.selectionModel().selectedRows()]
        ids = [petition_id for petition_id in ids if petition_id is not None]
        if not ids:
            return
        before, department_id = [self._service.get(i) for i in ids], self._context.department_id
        linked = [visit for i in ids for visit in self._service.visits_of(i)]  # unlinked by the delete
        numbers = "、".join(matter.number for matter in before[:3]) + ("等" if len(before) > 3 else "")
        what = f"信访事项 {numbers}" if len(before) == 1 else f"{len(before)} 件信访事项（{numbers}）"

        def redo():
            self._service.delete(*ids)
            self._changed()

        def undo():
            for matter in before:
                self._service.save(department_id, matter)
            for visit in linked:
                self._service.save_visit(department_id, visit)
            self._changed()

        apply_change(self._undo, f"删除 {what}", redo, undo)
        self.status_message.emit(f"已删除 {what}；按 Ctrl+Z 可恢复")

    def add_visit(self) -> VisitForm | None:
        """A new visit, linked to the matter selected in the register (the clerk may change or clear it)."""
        department_id = self._context.department_id
        if department_id is None:
            return None
        visited_on = min(_pydate(self.end.date()), date.today())  # never a future day, which is refused
        selected = self._selected_id(self.table)
        linked = None if selected is None else self._service.matter_choice(selected)
        visit = VisitBatch(visited_on=visited_on, level="到区")
        find = partial(self._service.find_matters, department_id)
        form = VisitForm(visit, self._add_visit, find, linked, self)
        self._open_form(form)
        return form

    def edit_selected_visit(self) -> VisitForm | None:
        visit_id = self._selected_id(self.visit_table)
        if visit_id is None:
            return None
        before = self._service.get_visit(visit_id)
        linked = None if before.petition_id is None else self._service.matter_choice(before.petition_id)
        find = partial(self._service.find_matters, self._context.department_id)
        form = VisitForm(before, lambda after: self._edit_visit(before, after), find, linked, self)
        self._open_form(form)
        return form

    def _edit_visit(self, before: VisitBatch, after: VisitBatch) -> None:
        department_id = self._context.department_id

        def put(visit: VisitBatch):
            self._service.save_visit(department_id, visit)
            self._changed()

        apply_change(
            self._undo, f"修改走访 {after.visited_on} {after.level}", lambda: put(after), lambda: put(before)
        )

    def _add_visit(self, visit: VisitBatch) -> None:
        department_id, saved = self._context.department_id, [visit.id]

        def redo():
            saved[0] = self._service.save_visit(department_id, replace(visit, id=saved[0]))
            self._changed()

        def undo():
            self._service.delete_visit(saved[0])
            self._changed()

        apply_change(self._undo, f"新增走访 {visit.visited_on} {visit.level}", redo, undo)

    def delete_selected_visit(self) -> None:
        visit_id = self._selected_id(self.visit_table)
        if visit_id is None:
            return
        before, department_id = self._service.get_visit(visit_id), self._context.department_id

        def redo():
            self._service.delete_visit(visit_id)
            self._changed()

        def undo():
            self._service.save_visit(department_id, before)
            self._changed()

        what = f"走访 {before.visited_on} {before.level}"
        apply_change(self._undo, f"删除 {what}", redo, undo)
        self.status_message.emit(f"已删除 {what}；按 Ctrl+Z 可恢复")

    # 定位 ---------------------------------------------------------------------------------

    def show_place(self, place: Place) -> bool:
        """Select the matter ``place.row`` (its 编号) names once the list has it.

        Returns False, with a message, when no matter of the period has that number.
        """
        number = place.row
        if not number or self._context.department_id is None:
            return False
        wanted = replace(
            RegisterFilter(), start=_pydate(self.start.date()), end=_pydate(self.end.date()), text=number
        )
        if self._service.count(self._context.department_id, wanted) == 0:
            show_error(self, f"信访登记中没有编号为“{number}”的事项", title="找不到")
            return False

        def select() -> None:
            self.model.loaded.disconnect(select)
            for row in range(self.model.rowCount()):
                found = self.model.row_at(row)
                if found is not None and found.number == number:
                    self.table.selectRow(row)
                    self.table.scrollTo(self.model.index(row, 0))
                    return

        self.model.loaded.connect(select)
        for combo in (self.channel, self.status, self.locality, self.category):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.overdue_only.blockSignals(True)
        self.overdue_only.setChecked(False)
        self.overdue_only.blockSignals(False)
        self.search.setText(number)
        self._filter_changed()
        return True
