"""Table models of the 信访登记 tab: the register (paged in SQL, a window of rows cached) and the visits.

The register model never holds the whole register: it asks the service for the number of
matching rows and fetches pages of ``PAGE_SIZE`` rows as the view scrolls to them, keeping
at most ``CACHED_PAGES`` pages, so a million matters cost a count and a page. The count and
the first page of a new filter or order are fetched off the window's thread (a count over a
million rows takes seconds); the rows on screen stay until they arrive. A page scrolled to later
is read in the background too: its rows read “读取中…” for the moment it takes, so a sort by a
deadline (no index can serve it) never freezes the window.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop.domain.petitions import VisitBatch
from desktop.services.register import LinkedVisit, RegisterFilter, RegisterRow, RegisterService
from desktop.ui.background import BackgroundRunner

PAGE_SIZE = 200
CACHED_PAGES = 40
OVERDUE_BACKGROUND = QColor("#fde2e1")
OVERDUE_TEXT = QColor("#b3261e")
LATE_BACKGROUND = QColor("#fff1d6")  # closed or accepted after the deadline: it lowers a rate
LATE_TEXT = QColor("#7a4a00")
ID_ROLE = Qt.ItemDataRole.UserRole

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invalid index: “no parent”, never modified


def _day(value: date | None) -> str:
    return "" if value is None else value.isoformat()


# (header, how the cell reads, sort key of the service): every column sorts
REGISTER_COLUMNS = (
    ("编号", lambda r: r.number, "number"),
    ("登记日期", lambda r: _day(r.registered_on), "registered_on"),
    ("信访形式", lambda r: r.channel, "channel"),
    ("信访人", lambda r: r.petitioner_name, "petitioner_name"),
    ("身份证号", lambda r: r.id_number, "id_number"),
    ("联系电话", lambda r: r.phone, "phone"),
    ("人数", lambda r: str(r.persons), "persons"),
    ("属地", lambda r: r.locality, "locality"),
    ("问题类别", lambda r: r.category, "category"),
    ("内容摘要", lambda r: r.summary, "summary"),
    ("责任单位", lambda r: r.responsible_unit, "responsible_unit"),
    ("受理日期", lambda r: _day(r.accepted_on), "accepted_on"),
    ("受理期限", lambda r: _day(r.acceptance_deadline), "acceptance_deadline"),
    ("办结期限", lambda r: _day(r.completion_deadline), "completion_deadline"),
    ("剩余天数", lambda r: "" if r.days_left is None else str(r.days_left), "days_left"),
    ("办结日期", lambda r: _day(r.closed_on), "closed_on"),
    ("状态", lambda r: r.status_text, "status"),
    ("满意度", lambda r: r.satisfaction, "satisfaction"),
)
RIGHT_ALIGNED = {"人数", "剩余天数"}
LOADING_TEXT = "读取中…"
ROW_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    ID_ROLE,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ForegroundRole,
)


class RegisterTableModel(QAbstractTableModel):
    """The matters matching a filter, in the chosen order, fetched a page at a time."""

    loaded = Signal()  # the count and first page of a new query are shown
    failed = Signal(str)

    def __init__(self, service: RegisterService, parent=None) -> None:
        super().__init__(parent)
        self._service = service
        self._department_id: int | None = None
        self._filter = RegisterFilter()
        self._sort, self._descending = "registered_on", False
        self._shown: tuple = (None, RegisterFilter(), "registered_on", False)  # the query the rows belong to
        self._count = 0
        self._pages: OrderedDict[int, list[RegisterRow]] = OrderedDict()
        self._runner = BackgroundRunner(self._show, self)
        self._wanted: set[int] = set()  # pages the view asked for that are not here yet
        self._page_runner = BackgroundRunner(self._show_pages, self)

    @property
    def loading(self) -> bool:
        return self._runner.running

    @property
    def shown_query(self) -> tuple[RegisterFilter, str, bool]:
        """The filter and the order (sort key, descending) of the rows on screen."""
        _department_id, register_filter, sort, descending = self._shown
        return register_filter, sort, descending

    def set_query(self, department_id: int | None, register_filter: RegisterFilter) -> None:
        self._department_id, self._filter = department_id, register_filter
        self.refresh()

    def refresh(self) -> None:
        """Count again and fetch the first page in the background (after a filter change or an edit)."""
        query = (self._department_id, self._filter, self._sort, self._descending)
        if self._department_id is None:
            self._runner.cancel()
            self._show((query, 0, []))
            return
        self._runner.start(lambda: self._first_page(query))

    def _first_page(self, query: tuple) -> tuple:
        department_id, register_filter, sort, descending = query
        count = self._service.count(department_id, register_filter)
        first = (
            self._service.page(department_id, register_filter, 0, PAGE_SIZE, sort, descending)
            if count
            else []
        )
        return query, count, first

    def _show(self, result) -> None:
        if isinstance(result, Exception):
            self.failed.emit(str(result))
            return
        query, count, first = result
        self.beginResetModel()
        self._shown, self._count = query, count
        self._pages.clear()
        self._wanted.clear()
        self._page_runner.cancel()
        if first:
            self._pages[0] = first
        self.endResetModel()
        self.loaded.emit()

    def row_at(self, row: int) -> RegisterRow | None:
        """The row if its page is here; otherwise ``None``, and the page is fetched in the background."""
        number, offset = divmod(row, PAGE_SIZE)
        page = self._pages.get(number)
        if page is None:
            self._want(number)
            return None
        self._pages.move_to_end(number)
        return page[offset]

    @property
    def fetching(self) -> bool:
        """True while pages the view asked for are being read."""
        return bool(self._wanted)

    def _want(self, number: int) -> None:
        self._wanted.add(number)
        if not self._page_runner.running:
            self._fetch_wanted()

    def _fetch_wanted(self) -> None:
        query, numbers = self._shown, sorted(self._wanted)
        department_id, register_filter, sort, descending = query

        def fetch() -> tuple:
            pages = {
                number: self._service.page(
                    department_id, register_filter, number * PAGE_SIZE, PAGE_SIZE, sort, descending
                )
                for number in numbers
            }
            return query, pages

        self._page_runner.start(fetch)

    def _show_pages(self, result) -> None:
        if isinstance(result, Exception):
            self._wanted.clear()
            self.failed.emit(str(result))
            return
        query, pages = result
        if query != self._shown:
            return
        for number, page in pages.items():
            self._wanted.discard(number)
            self._pages[number] = page
            if len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
            last = min(self._count, (number + 1) * PAGE_SIZE) - 1
            self.dataChanged.emit(
                self.index(number * PAGE_SIZE, 0), self.index(last, len(REGISTER_COLUMNS) - 1)
            )
        if self._wanted:
            self._fetch_wanted()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(REGISTER_COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= self._count:
            return None
        header, text, _ = REGISTER_COLUMNS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and header in RIGHT_ALIGNED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in ROW_ROLES:
            return None
        row = self.row_at(index.row())
        if row is None:
            return LOADING_TEXT if role == Qt.ItemDataRole.DisplayRole and index.column() == 0 else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text(row)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.BackgroundRole and (row.overdue or row.late):
            return QBrush(OVERDUE_BACKGROUND if row.overdue else LATE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and (row.overdue or row.late):
            return QBrush(OVERDUE_TEXT if row.overdue else LATE_TEXT)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return REGISTER_COLUMNS[section][0] if 0 <= section < len(REGISTER_COLUMNS) else None
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(REGISTER_COLUMNS):
            return
        self._sort = REGISTER_COLUMNS[column][2]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()


VISIT_COLUMNS = (  # each reads a ``LinkedVisit``
    ("走访日期", lambda v: _day(v.visit.visited_on)),
    ("层级", lambda v: v.visit.level),
    ("人数", lambda v: str(v.visit.persons)),
    ("集访", lambda v: "是" if v.visit.collective else ""),
    ("关联事项", lambda v: v.number),
    ("属地", lambda v: v.visit.locality),
    ("备注", lambda v: v.visit.note),
)


class VisitTableModel(QAbstractTableModel):
    """The visit batches of the period with the 编号 each is linked to, fetched in chunks as the view
    scrolls (``fetchMore``)."""

    CHUNK = 500

    def __init__(self, service: RegisterService, parent=None) -> None:
        super().__init__(parent)
        self._service = service
        self._query: tuple[int | None, date | None, date | None] = (None, None, None)
        self._rows: list[LinkedVisit] = []
        self._total = 0

    def set_query(self, department_id: int | None, start: date | None, end: date | None) -> None:
        self._query = (department_id, start, end)
        self.refresh()

    def refresh(self) -> None:
        department_id, start, end = self._query
        self.beginResetModel()
        self._rows = []
        self._total = 0 if department_id is None else self._service.count_visits(department_id, start, end)
        self.endResetModel()
        if self.canFetchMore():
            self.fetchMore()

    def visit_at(self, row: int) -> VisitBatch:
        return self._rows[row].visit

    def canFetchMore(self, parent: Index = ROOT) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = ROOT) -> None:
        if parent.isValid():
            return
        department_id, start, end = self._query
        chunk = self._service.linked_visits(department_id, start, end, len(self._rows), self.CHUNK)
        if not chunk:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(chunk) - 1)
        self._rows.extend(chunk)
        self.endInsertRows()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(VISIT_COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return VISIT_COLUMNS[index.column()][1](self._rows[index.row()])
        if role == ID_ROLE:
            return self._rows[index.row()].visit.id
        if role == Qt.ItemDataRole.TextAlignmentRole and VISIT_COLUMNS[index.column()][0] in RIGHT_ALIGNED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return VISIT_COLUMNS[section][0] if 0 <= section < len(VISIT_COLUMNS) else None
        return str(section + 1)
