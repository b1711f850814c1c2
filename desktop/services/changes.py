"""What a write changed, reported once it is committed, so every view can show it at once.

``ChangeFeed`` is the one place that reports: it watches the engine's own statements (every
INSERT, UPDATE and DELETE, whichever service, import, undo or redo issues them) and, once their
transaction is committed and the connection given back, hands the listeners one ``Change``: which kinds of data changed and, where the
statements say it, for which department and year. A rolled-back transaction reports nothing. A
table this module does not know is reported as a change of everything (never a view left stale).

Listeners are called on the thread that committed (an import runs off the window's thread); the
window passes the change on to its own thread before any tab reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, event

REGISTER = "信访登记"
BUDGET = "预算决算"
CHECKPOINTS = "执行进度"
PROJECTS = "项目绩效"
SCORECARDS = "评价打分"
DEPARTMENT = "单位信息"
NOTES = "检查说明"
KINDS = (REGISTER, BUDGET, CHECKPOINTS, PROJECTS, SCORECARDS, DEPARTMENT, NOTES)

# table name → the kind of data it holds; the audit log is a record of changes, not data shown.
TABLE_KINDS = {
    "department": DEPARTMENT,
    "income_line": BUDGET,
    "expenditure_line": BUDGET,
    "balance_line": BUDGET,
    "basic_expenditure_line": BUDGET,
    "three_public_item": BUDGET,
    "stated_figure": BUDGET,
    "user_function_code": BUDGET,
    "execution_checkpoint": CHECKPOINTS,
    "project": PROJECTS,
    "project_funding": PROJECTS,
    "indicator": PROJECTS,
    "scorecard": SCORECARDS,
    "scorecard_item": SCORECARDS,
    "finding_note": NOTES,
    "petition": REGISTER,
    "visit": REGISTER,
}
UNRECORDED_TABLES = frozenset({"audit_log", "alembic_version"})
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
_PENDING, _COMMITTED = "ziping_pending_changes", "ziping_committed_changes"


@dataclass(frozen=True)
class Change:
    """The kinds of data one committed write changed, and where: ``department_id`` / ``year``
    are None when the write touched more than one, or did not say (an UPDATE by row id)."""

    kinds: frozenset[str]
    department_id: int | None = None
    year: int | None = None

    def touches(self, *kinds: str) -> bool:
        return not self.kinds.isdisjoint(kinds)

    def concerns(self, department_id: int | None, year: int | None) -> bool:
        """Whether the change may show in ``department_id``'s ``year``."""
        return (self.department_id is None or self.department_id == department_id) and (
            self.year is None or self.year == year
        )

    def merged(self, other: Change) -> Change:
        """One change standing for both."""
        return Change(
            self.kinds | other.kinds,
            self.department_id if self.department_id == other.department_id else None,
            self.year if self.year == other.year else None,
        )


def everything(department_id: int | None = None, year: int | None = None) -> Change:
    return Change(frozenset(KINDS), department_id, year)


@dataclass(frozen=True)
class _Written:
    """The rows one statement wrote: their kind and, when every row says it, department and year."""

    kind: str | None  # None: a table not known here
    departments: frozenset | None
    years: frozenset | None


def _scope(parameters: list[dict], column: str) -> frozenset | None:
    if not parameters or any(column not in row for row in parameters):
        return None
    return frozenset(row[column] for row in parameters)


def _written(context, statement_text: str) -> _Written | None:
    if not (context.isinsert or context.isupdate or context.isdelete):
        # SQL written as text names its table only in the text: a change of everything
        writes = statement_text.lstrip().upper().startswith(_WRITES)
        return _Written(None, None, None) if writes else None
    statement = getattr(context.compiled, "statement", None)
    table = getattr(statement, "table", None)
    name = getattr(table, "name", None)
    if name in UNRECORDED_TABLES:
        return None
    parameters = [dict(row) for row in context.compiled_parameters or ()] if context.isinsert else []
    kind = TABLE_KINDS.get(name) if isinstance(name, str) else None
    return _Written(kind, _scope(parameters, "department_id"), _scope(parameters, "year"))


def _single(scopes: Iterable[frozenset | None]) -> int | None:
    values: set = set()
    for scope in scopes:
        if scope is None:
            return None
        values |= scope
    return next(iter(values)) if len(values) == 1 else None


def _change_of(written: list[_Written]) -> Change:
    kinds = {row.kind for row in written}
    if None in kinds:
        return everything()
    return Change(
        frozenset(kind for kind in kinds if kind is not None),
        _single(row.departments for row in written),
        _single(row.years for row in written),
    )


Listener = Callable[[Change], None]


class ChangeFeed:
    """Tells its listeners what each committed transaction on ``engine`` changed."""

    def __init__(self, engine: Engine) -> None:
        self._listeners: tuple[Listener, ...] = ()
        event.listen(engine, "after_cursor_execute", self._executed)
        event.listen(engine, "commit", self._committed)
        event.listen(engine, "rollback", self._rolled_back)
        event.listen(engine, "checkin", self._checked_in)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(change)`` after each commit; returns the function that stops it."""
        self._listeners = (*self._listeners, listener)

        def unsubscribe() -> None:
            self._listeners = tuple(known for known in self._listeners if known is not listener)

        return unsubscribe

    def _executed(self, connection: Connection, _cursor, statement: str, _parameters, context, _many) -> None:
        written = _written(context, statement)
        if written is not None:
            connection.info.setdefault(_PENDING, []).append(written)

    def _committed(self, connection: Connection) -> None:
        written = connection.info.pop(_PENDING, None)
        if written:
            connection.info.setdefault(_COMMITTED, []).extend(written)

    def _rolled_back(self, connection: Connection) -> None:
        connection.info.pop(_PENDING, None)

    def _checked_in(self, _dbapi_connection, record) -> None:
        """The ``commit`` event comes before the database commits; the connection going back to
        the pool comes after, when every other connection can read what was written."""
        written = record.info.pop(_COMMITTED, None)
        if written:
            change = _change_of(written)
            for listener in self._listeners:
                listener(change)
