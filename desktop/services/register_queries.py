"""The register's deadlines and statuses as SQL, so the window can filter and sort a million matters.

Each expression mirrors a function of ``desktop.domain.petitions`` (same constants, same
rules) for SQLite, where a date is stored as ``YYYY-MM-DD`` text; the rows shown are then
recomputed in Python by the domain functions, and a test checks that both agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Date, and_, case, func, or_

from desktop.domain.petitions import ACCEPTANCE_DAYS, COMPLETION_DAYS, MAX_EXTENSION_DAYS
from desktop.storage.models import Petition

petition = Petition.__table__
c = petition.c


@dataclass(frozen=True)
class RegisterFilter:
    """What the register tab's filter bar selects; ``None`` or empty means “all”."""

    start: date | None = None
    end: date | None = None
    channel: str | None = None
    status: str | None = None  # 待受理 / 办理中 / 已办结 / 超期
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


def status_condition(status: str, today: date) -> ColumnElement:
    today_text = today.isoformat()
    open_ = c.closed_on.is_(None)
    if status == "已办结":
        return c.closed_on.is_not(None)
    if status == "超期":
        return and_(open_, running_deadline_sql() < today_text)
    if status == "待受理":
        return and_(open_, c.accepted_on.is_(None), acceptance_deadline_sql() >= today_text)
    if status == "办理中":
        return and_(open_, c.accepted_on.is_not(None), completion_deadline_sql() >= today_text)
    raise ValueError(status)


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
    text = f.text.strip()
    if text:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        conditions.append(
            or_(
                c.number.like(pattern, escape="\\"),
                c.petitioner_name.like(pattern, escape="\\"),
                c.summary.like(pattern, escape="\\"),
            )
        )
    return conditions


SORT_KEYS = {
    "number": lambda: c.number,
    "registered_on": lambda: c.registered_on,
    "channel": lambda: c.channel,
    "petitioner_name": lambda: c.petitioner_name,
    "persons": lambda: c.persons,
    "locality": lambda: c.locality,
    "category": lambda: c.category,
    "responsible_unit": lambda: c.responsible_unit,
    "accepted_on": lambda: c.accepted_on,
    "closed_on": lambda: c.closed_on,
    "satisfaction": lambda: c.satisfaction,
    "acceptance_deadline": acceptance_deadline_sql,
    "completion_deadline": completion_deadline_sql,
    "days_left": running_deadline_sql,
}

# sort columns an index serves, with the ties broken as that index orders them (then by id): a
# page far down the list is then read along the index instead of sorting the whole register
INDEXED_ORDERS = {
    "number": (),
    "channel": (c.registered_on,),
    "locality": (c.registered_on,),
    "category": (c.registered_on,),
}
