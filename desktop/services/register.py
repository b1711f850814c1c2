"""信访登记: the register's use cases — statistics, paging and filtering in SQL, adding and editing matters and visits.

Each method opens its own connection or session and returns plain frozen dataclasses
(``Matter``, ``VisitBatch``, ``RegisterRow``, ``RegisterStatistics``); the rules live in
``desktop.domain.petitions`` and ``desktop.domain.register_statistics`` (the statistics are
counted in SQL by ``register_aggregates``, checked against that module by a property test).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

from sqlalchemy import Column, Engine, delete, func, insert, select, update

from desktop.domain.matter_numbers import DEFAULT_PATTERN, next_number
from desktop.domain.petition_input import mask_id_number, mask_phone
from desktop.domain.petitions import (
    Matter,
    PetitionInputError,
    VisitBatch,
    acceptance_deadline,
    validate_matter,
    validate_visit,
)
from desktop.domain.register_statistics import RegisterStatistics, format_statistics, one_year_earlier
from desktop.errors import UserInputError
from desktop.services.register_aggregates import follow_up_counts, matter_counts, visit_counts
from desktop.services.register_queries import (
    INDEXED_ORDERS,
    SORT_KEYS,
    RegisterFilter,
    containing,
    filter_conditions,
    narrowing_conditions,
    petition,
)
from desktop.storage import audit
from desktop.storage.database import engine_path
from desktop.storage.models import Department, Visit, saved_id
from desktop.storage.transactions import writing

__all__ = [
    "LinkedVisit",
    "MatterChoice",
    "RegisterFilter",
    "RegisterRow",
    "RegisterService",
    "format_statistics",
]

visit_table = Visit.__table__
MATTER_CHOICES = 20  # matches the 走访 form's search list offers
_MATTER_FIELDS = [field.name for field in fields(Matter)]
_VISIT_FIELDS = [field.name for field in fields(VisitBatch)]


@dataclass(frozen=True)
class RegisterRow:
    """One line of the register table: masked ID and phone, deadlines and status as of today."""

    id: int
    number: str
    registered_on: date
    channel: str
    petitioner_name: str
    id_number: str  # masked
    phone: str  # masked
    persons: int
    locality: str
    category: str
    summary: str
    responsible_unit: str
    accepted_on: date | None
    closed_on: date | None
    satisfaction: str
    acceptance_deadline: date
    completion_deadline: date
    days_left: int | None
    status: str
    overdue: bool
    late: tuple[str, ...]  # 超期受理 / 超期办结: why the matter lowers a rate

    @property
    def status_text(self) -> str:
        """The status with the late marks: ``已办结（超期办结）``."""
        return f"{self.status}（{'、'.join(self.late)}）" if self.late else self.status


@dataclass(frozen=True)
class MatterChoice:
    """A matter a visit can be linked to, as the search list of the 走访 form shows it."""

    id: int
    number: str
    petitioner_name: str
    registered_on: date

    @property
    def label(self) -> str:
        return f"{self.number}　{self.petitioner_name or '（无信访人）'}　{self.registered_on}"


@dataclass(frozen=True)
class LinkedVisit:
    """A visit batch with the 编号 of the matter it is linked to (empty when none)."""

    visit: VisitBatch
    number: str


def _matter(row) -> Matter:
    return Matter(**{name: getattr(row, name) for name in _MATTER_FIELDS})


def _visit(row) -> VisitBatch:
    return VisitBatch(**{name: getattr(row, name) for name in _VISIT_FIELDS})


def _ordered(key, descending: bool):
    """Blanks last; ``NULLS LAST`` only where a key can be blank, since on a column that never is
    it keeps SQLite from reading the rows along an index in ascending order."""
    ordered = key.desc() if descending else key.asc()
    can_be_blank = not isinstance(key, Column) or key.nullable
    return ordered.nulls_last() if can_be_blank else ordered


class RegisterService:
    def __init__(self, engine: Engine, today: Callable[[], date] = date.today) -> None:
        self._engine = engine
        self._today = today

    def today(self) -> date:
        """The day the register is judged on: deadlines, statuses, the 打印日期 of a list."""
        return self._today()

    # 统计 ---------------------------------------------------------------------------------

    def statistics(
        self,
        department_id: int,
        year: int,
        start: date | None = None,
        end: date | None = None,
        count_basic_satisfied: bool = False,
        require_data: bool = False,
        register_filter: RegisterFilter | None = None,
    ) -> RegisterStatistics:
        """三率一度, channels and visits of ``year`` (or ``start``–``end``), with the previous year's visits.

        ``register_filter`` narrows the matters (and 复查/复核) as the register's filter bar does;
        its period is ignored (``start``/``end`` give it). Raises ``UserInputError`` when the period
        is reversed, and with ``require_data`` (the CLI, the statistics panel) when it holds neither
        matters nor visits; otherwise an empty period gives zero counts and rates of ``None``.
        """
        start = start or date(year, 1, 1)
        end = end or date(year, 12, 31)
        if start > end:
            raise UserInputError(f"起始日期 {start} 晚于截止日期 {end}")
        previous_start, previous_end = one_year_earlier(start), one_year_earlier(end)
        narrowed = narrowing_conditions(register_filter or RegisterFilter(), self._today())
        with self._engine.connect() as connection:
            name = connection.execute(
                select(Department.__table__.c.name).where(Department.__table__.c.id == department_id)
            ).scalar_one_or_none()
            if name is None:
                raise UserInputError(f"数据库中没有编号为 {department_id} 的单位")
            statistics = RegisterStatistics(
                year=year,
                start=start,
                end=end,
                matters=matter_counts(connection, department_id, start, end, count_basic_satisfied, narrowed),
                reviews=follow_up_counts(connection, department_id, start, end, "review", narrowed),
                rechecks=follow_up_counts(connection, department_id, start, end, "recheck", narrowed),
                visits=visit_counts(connection, department_id, start, end),
                previous_start=previous_start,
                previous_end=previous_end,
                previous_visits=visit_counts(connection, department_id, previous_start, previous_end),
            )
        empty = statistics.matters.total == 0 and not any(v.batches for v in statistics.visits.values())
        if require_data and empty and not narrowed:
            raise UserInputError(f"{name} {year} 年没有信访数据（{start} 至 {end} 既无信访事项也无走访记录）")
        return statistics

    # 信访事项 -------------------------------------------------------------------------------

    def count(self, department_id: int, register_filter: RegisterFilter) -> int:
        conditions = filter_conditions(department_id, register_filter, self._today())
        with self._engine.connect() as connection:
            return connection.execute(
                select(func.count()).select_from(petition).where(*conditions)
            ).scalar_one()

    def department_name(self, department_id: int) -> str:
        departments = Department.__table__
        with self._engine.connect() as connection:
            name = connection.execute(
                select(departments.c.name).where(departments.c.id == department_id)
            ).scalar_one_or_none()
        if name is None:
            raise UserInputError(f"数据库中没有编号为 {department_id} 的单位")
        return name

    @property
    def database(self) -> Path | None:
        """The database file (an export must never be written onto it)."""
        return engine_path(self._engine)

    def all_rows(
        self,
        department_id: int,
        register_filter: RegisterFilter,
        sort: str = "registered_on",
        descending: bool = False,
    ) -> list[RegisterRow]:
        """Every row of the filter in the order of ``sort`` (what 打印列表 / 导出列表 write), in one query."""
        return self.page(department_id, register_filter, 0, None, sort, descending)

    def page(
        self,
        department_id: int,
        register_filter: RegisterFilter,
        offset: int,
        limit: int | None,
        sort: str = "registered_on",
        descending: bool = False,
    ) -> list[RegisterRow]:
        """``limit`` rows (None: all) from ``offset`` in the order of column ``sort`` (a key of ``SORT_KEYS``);
        blanks last.

        Ties are broken by 登记日期 where an index orders them so (``INDEXED_ORDERS``), then by id."""
        today = self._today()
        keys = [SORT_KEYS[sort](today), *INDEXED_ORDERS.get(sort, ()), petition.c.id]
        order = [_ordered(key, descending) for key in keys]
        conditions = filter_conditions(department_id, register_filter, today, sort not in INDEXED_ORDERS)
        statement = select(petition).where(*conditions).order_by(*order).offset(offset).limit(limit)
        with self._engine.connect() as connection:
            return [self._row(_matter(row), today) for row in connection.execute(statement)]

    @staticmethod
    def _row(matter: Matter, today: date) -> RegisterRow:
        progress = matter.progress(today)
        return RegisterRow(
            id=saved_id(matter),
            number=matter.number,
            registered_on=matter.registered_on,
            channel=matter.channel,
            petitioner_name=matter.petitioner_name,
            id_number=mask_id_number(matter.id_number),
            phone=mask_phone(matter.phone),
            persons=matter.persons,
            locality=matter.locality,
            category=matter.category,
            summary=matter.summary,
            responsible_unit=matter.responsible_unit,
            accepted_on=matter.accepted_on,
            closed_on=matter.closed_on,
            satisfaction=matter.satisfaction,
            acceptance_deadline=acceptance_deadline(matter.registered_on),
            completion_deadline=matter.completion_deadline,
            days_left=progress.days_left,
            status=progress.status,
            overdue=progress.overdue,
            late=matter.late_marks,
        )

    def choices(self, department_id: int, column: str) -> list[str]:
        """The distinct 属地 (``locality``) or 问题类别 (``category``) already used, for the filter lists."""
        if column not in ("locality", "category"):
            raise ValueError(column)
        field = petition.c[column]
        statement = (
            select(field)
            .where(petition.c.department_id == department_id, field != "")
            .distinct()
            .order_by(field)
        )
        with self._engine.connect() as connection:
            return list(connection.execute(statement).scalars())

    def get(self, petition_id: int) -> Matter:
        with self._engine.connect() as connection:
            row = connection.execute(select(petition).where(petition.c.id == petition_id)).one_or_none()
        if row is None:
            raise UserInputError(f"信访事项（内部编号 {petition_id}）已不存在")
        return _matter(row)

    def save(self, department_id: int, record: Matter) -> int:
        """Add (``record.id`` is None), update, or put back a deleted matter under its old id (undo).

        Raises ``UserInputError`` naming the matter and the field, ``DatabaseBusy`` (one) when another
        program holds the database past the busy timeout; nothing is saved then.
        """
        try:
            matter = validate_matter(record, self._today())
        except PetitionInputError as error:
            raise UserInputError(f"信访事项 {record.number or '（无编号）'}：{error}") from error
        values = {name: getattr(matter, name) for name in _MATTER_FIELDS if name != "id"}
        c = petition.c
        with writing(self._engine) as connection:
            clash = connection.execute(
                select(c.id).where(
                    c.department_id == department_id, c.number == values["number"], c.id != (matter.id or -1)
                )
            ).first()
            if clash is not None:
                raise UserInputError(f"信访事项编号“{values['number']}”已存在，请换一个编号")
            return _write_row(connection, petition, department_id, matter.id, values)

    def delete(self, *petition_ids: int) -> None:
        """Delete the matters (several at once in one transaction: all go or none)."""
        _delete_rows(self._engine, petition, petition_ids)

    def next_number(self, department_id: int, year: int) -> str:
        """The next free 编号 of ``year`` in the department's 信访编号格式 (the default one when unset)."""
        departments = Department.__table__
        with self._engine.connect() as connection:
            pattern = connection.execute(
                select(departments.c.matter_number_pattern).where(departments.c.id == department_id)
            ).scalar_one_or_none()
            if pattern is None:
                raise UserInputError(f"数据库中没有编号为 {department_id} 的单位")
            used = connection.execute(
                select(petition.c.number).where(
                    petition.c.department_id == department_id, petition.c.number.contains(str(year))
                )
            ).scalars()
            return next_number(pattern or DEFAULT_PATTERN, year, used)

    def find_matters(self, department_id: int, text: str) -> list[MatterChoice]:
        """The matters whose 编号 or 信访人 contains ``text`` (newest first, at most ``MATTER_CHOICES``);
        a 编号 typed in full comes first. One pass over the department's matters: about 0.5 s for a
        million (bench), so the 走访 form searches in the background."""
        text = text.strip()
        if not text:
            return []
        c = petition.c
        statement = (
            select(c.id, c.number, c.petitioner_name, c.registered_on)
            .where(c.department_id == department_id, containing(text, c.number, c.petitioner_name))
            .order_by((c.number == text).desc(), c.registered_on.desc(), c.id.desc())
            .limit(MATTER_CHOICES)
        )
        with self._engine.connect() as connection:
            return [MatterChoice(*row) for row in connection.execute(statement)]

    def matter_choice(self, petition_id: int) -> MatterChoice:
        matter = self.get(petition_id)
        return MatterChoice(petition_id, matter.number, matter.petitioner_name, matter.registered_on)

    # 走访 -----------------------------------------------------------------------------------

    def _visit_conditions(self, department_id: int, start: date | None, end: date | None) -> list:
        conditions = [visit_table.c.department_id == department_id]
        if start is not None:
            conditions.append(visit_table.c.visited_on >= start)
        if end is not None:
            conditions.append(visit_table.c.visited_on <= end)
        return conditions

    def count_visits(self, department_id: int, start: date | None = None, end: date | None = None) -> int:
        conditions = self._visit_conditions(department_id, start, end)
        with self._engine.connect() as connection:
            return connection.execute(
                select(func.count()).select_from(visit_table).where(*conditions)
            ).scalar_one()

    def linked_visits(
        self, department_id: int, start: date | None, end: date | None, offset: int = 0, limit: int = 1000
    ) -> list[LinkedVisit]:
        """Visit batches of the period, newest last, each with the 编号 of its matter."""
        statement = (
            select(visit_table, petition.c.number.label("linked_number"))
            .select_from(visit_table.outerjoin(petition, visit_table.c.petition_id == petition.c.id))
            .where(*self._visit_conditions(department_id, start, end))
            .order_by(visit_table.c.visited_on, visit_table.c.id)
            .offset(offset)
            .limit(limit)
        )
        with self._engine.connect() as connection:
            return [
                LinkedVisit(_visit(row), row.linked_number or "") for row in connection.execute(statement)
            ]

    def visits_of(self, petition_id: int) -> list[VisitBatch]:
        """The visit batches linked to one matter, oldest first (shown in its form)."""
        statement = (
            select(visit_table)
            .where(visit_table.c.petition_id == petition_id)
            .order_by(visit_table.c.visited_on, visit_table.c.id)
        )
        with self._engine.connect() as connection:
            return [_visit(row) for row in connection.execute(statement)]

    def get_visit(self, visit_id: int) -> VisitBatch:
        with self._engine.connect() as connection:
            row = connection.execute(select(visit_table).where(visit_table.c.id == visit_id)).one_or_none()
        if row is None:
            raise UserInputError(f"走访记录（内部编号 {visit_id}）已不存在")
        return _visit(row)

    def save_visit(self, department_id: int, record: VisitBatch) -> int:
        """Add, update, or put back a deleted visit batch under its old id (undo)."""
        try:
            visit = validate_visit(record, self._today())
        except PetitionInputError as error:
            raise UserInputError(f"走访记录 {record.visited_on}：{error}") from error
        values = {name: getattr(visit, name) for name in _VISIT_FIELDS if name != "id"}
        with writing(self._engine) as connection:
            if visit.petition_id is not None and not _matter_of(connection, department_id, visit.petition_id):
                raise UserInputError(
                    f"走访记录 {visit.visited_on}：关联的信访事项（内部编号 {visit.petition_id}）已不存在"
                )
            return _write_row(connection, visit_table, department_id, visit.id, values)

    def delete_visit(self, visit_id: int) -> None:
        _delete_rows(self._engine, visit_table, (visit_id,))


def _matter_of(connection, department_id: int, petition_id: int) -> bool:
    """True when ``petition_id`` is a matter of the department."""
    found = select(petition.c.id).where(
        petition.c.id == petition_id, petition.c.department_id == department_id
    )
    return connection.execute(found).first() is not None


def _write_row(connection, table, department_id: int, row_id: int | None, values: dict) -> int:
    """Update the row ``row_id`` of the department, or insert it (under ``row_id`` when given, which
    is how undo puts back a deleted matter or visit); audited either way."""
    if row_id is not None:
        audit.record_update(connection, table, row_id, values)
        changed = connection.execute(
            update(table).where(table.c.id == row_id, table.c.department_id == department_id).values(values)
        ).rowcount
        if changed:
            return row_id
        values = {**values, "id": row_id}
    result = connection.execute(insert(table).values(department_id=department_id, **values))
    added = row_id if row_id is not None else result.inserted_primary_key[0]
    audit.record(connection, "新增", table.name, added, after=values)
    return added


def _delete_rows(engine: Engine, table, row_ids) -> None:
    with writing(engine) as connection:
        for row_id in row_ids:
            audit.record_delete(connection, table, row_id)
            connection.execute(delete(table).where(table.c.id == row_id))
