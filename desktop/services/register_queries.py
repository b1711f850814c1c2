"""The register's deadlines and statuses as SQL, so the window can filter and sort a million matters.

Each expression mirrors a function of ``desktop.domain.petitions`` (same constants, same
rules) for SQLite, where a date is stored as ``YYYY-MM-DD`` text; the rows shown are then
recomputed in Python by the domain functions, and a test checks that both agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Date, and_, case, func, or_

from desktop.domain.petitions import (
    ACCEPTANCE_DAYS,
    COMPLETION_DAYS,
    LATE_ACCEPTANCE,
    LATE_COMPLETION,
    MAX_EXTENSION_DAYS,
    STATUSES,
)
from desktop.storage.models import Petition

petition = Petition.__table__
c = petition.c


@dataclass(frozen=True)
class RegisterFilter:
    """What the register tab's filter bar selects; ``None`` or empty means “all”."""

    start: date | None = None
    end: date | None = None
    channel: str | None = None
    status: str | None = None  # 待受理 / 办理中 / 已办结 / 超期, or a late mark: 超期受理 / 超期办结
    locality: str | None = None
    category: str | None = None
    overdue_only: bool = False
    text: str = ""


def acceptance_deadline_sql() -> ColumnElement:
    return func.date(c.registered_on, f"+{ACCEPTANCE_DAYS} days")


def recorded_by(column: ColumnElement, as_of: date | None) -> ColumnElement:
    """A date column as known on ``as_of``: NULL when it lies after that day (not happened yet)."""
    if as_of is None:
        return column
    return case((column <= as_of, column), else_=None)


def completion_deadline_sql(as_of: date | None = None) -> ColumnElement:
    """办结期限; with ``as_of``, counting only a 受理 and an extension approval recorded by that day."""
    extension = case(
        (
            and_(c.extended.is_(True), recorded_by(c.extension_approved_on, as_of).is_not(None)),
            func.min(func.max(c.extension_days, 0), MAX_EXTENSION_DAYS),
        ),
        else_=0,
    )
    start = func.coalesce(recorded_by(c.accepted_on, as_of), acceptance_deadline_sql())
    return func.date(start, func.printf("+%d days", COMPLETION_DAYS + extension))


def running_deadline_sql() -> ColumnElement:
    """The deadline an open matter runs against: 受理 while not accepted, then 办结; NULL once closed."""
    return case(
        (c.closed_on.is_not(None), None),
        (c.accepted_on.is_(None), acceptance_deadline_sql()),
        else_=completion_deadline_sql(),
    )


def status_rank_sql(today: date) -> ColumnElement:
    """The status of ``progress`` on ``today`` as its place in ``STATUSES`` (the order the column sorts by)."""
    today_text = today.isoformat()
    rank = STATUSES.index
    return case(
        (c.closed_on.is_not(None), rank("已办结")),
        (running_deadline_sql() < today_text, rank("超期")),
        (c.accepted_on.is_(None), rank("待受理")),
        else_=rank("办理中"),
    )


def status_condition(status: str, today: date) -> ColumnElement:
    today_text = today.isoformat()
    open_ = c.closed_on.is_(None)
    if status == LATE_ACCEPTANCE:
        return and_(c.accepted_on.is_not(None), c.accepted_on > acceptance_deadline_sql())
    if status == LATE_COMPLETION:
        return and_(c.closed_on.is_not(None), c.closed_on > completion_deadline_sql())
    if status == "已办结":
        return c.closed_on.is_not(None)
    if status == "超期":
        return and_(open_, running_deadline_sql() < today_text)
    if status == "待受理":
        return and_(open_, c.accepted_on.is_(None), acceptance_deadline_sql() >= today_text)
    if status == "办理中":
        return and_(open_, c.accepted_on.is_not(None), completion_deadline_sql() >= today_text)
    raise ValueError(status)


def narrowing_conditions(register_filter: RegisterFilter, today: date) -> list[ColumnElement]:
    """The WHERE of a filter apart from the department and the period (the statistics follow it too)."""
    f = register_filter
    conditions = []
    if f.channel:
        conditions.append(c.channel == f.channel)
    if f.locality:
        conditions.append(c.locality == f.locality)
    if f.category:
        conditions.append(c.category == f.category)
    if f.status:
        conditions.append(status_condition(f.status, today))
    if f.overdue_only:
        conditions.append(status_condition("超期", today))
    if f.text.strip():
        conditions.append(containing(f.text, c.number, c.petitioner_name, c.summary))
    return conditions


def containing(text: str, *columns: ColumnElement) -> ColumnElement:
    """One of ``columns`` contains ``text`` literally (``%`` and ``_`` are not wildcards)."""
    escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return or_(*(column.like(f"%{escaped}%", escape="\\") for column in columns))


def describe_narrowing(register_filter: RegisterFilter) -> str:
    """The filters besides the period in words (``信访形式 来访、状态 超期办结``); empty when none is set."""
    f = register_filter
    parts = [
        f"{name} {value}"
        for name, value in (
            ("信访形式", f.channel), ("属地", f.locality), ("问题类别", f.category), ("状态", f.status),
        )
        if value
    ]  # fmt: skip
    if f.overdue_only:
        parts.append("仅超期")
    if f.text.strip():
        parts.append(f"含“{f.text.strip()}”")
    return "、".join(parts)


def filter_conditions(
    department_id: int, register_filter: RegisterFilter, today: date, period_by_index: bool = True
) -> list[ColumnElement]:
    """The WHERE of a filter. With ``period_by_index=False`` the period is written so that SQLite
    does not pick the 登记日期 index for it (``registered_on || ''``), and walks the index of the
    sort column instead of sorting the whole period (see ``INDEXED_ORDERS``)."""
    f = register_filter
    conditions = [c.department_id == department_id]
    registered_on = c.registered_on if period_by_index else c.registered_on.op("||", return_type=Date)("")
    if f.start is not None:
        conditions.append(registered_on >= f.start)
    if f.end is not None:
        conditions.append(registered_on <= f.end)
    return conditions + narrowing_conditions(f, today)


SORT_KEYS = {  # column → its sort key as of a day (only the status depends on the day)
    "number": lambda _today: c.number,
    "registered_on": lambda _today: c.registered_on,
    "channel": lambda _today: c.channel,
    "petitioner_name": lambda _today: c.petitioner_name,
    "id_number": lambda _today: func.nullif(c.id_number, ""),  # blanks last
    "phone": lambda _today: func.nullif(c.phone, ""),  # blanks last
    "persons": lambda _today: c.persons,
    "locality": lambda _today: c.locality,
    "category": lambda _today: c.category,
    "summary": lambda _today: func.nullif(c.summary, ""),  # blanks last
    "responsible_unit": lambda _today: c.responsible_unit,
    "accepted_on": lambda _today: c.accepted_on,
    "closed_on": lambda _today: c.closed_on,
    "satisfaction": lambda _today: c.satisfaction,
    "acceptance_deadline": lambda _today: acceptance_deadline_sql(),
    "completion_deadline": lambda _today: completion_deadline_sql(),
    "days_left": lambda _today: running_deadline_sql(),
    "status": status_rank_sql,
}

# sort columns an index serves, with the ties broken as that index orders them (then by id): a
# page far down the list is then read along the index instead of sorting the whole register
INDEXED_ORDERS = {
    "number": (),
    "channel": (c.registered_on,),
    "locality": (c.registered_on,),
    "category": (c.registered_on,),
}
