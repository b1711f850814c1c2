"""Deleting a record with everything that hangs on it, so that 撤销 can put all of it back.

``take_away`` deletes one row and every row that refers to it, directly or further down, through a
foreign key with ON DELETE CASCADE (a project's 资金 and 指标 and its scorecard with the entered
items; a 单位's whole data), in one transaction, each row audited as 删除. ``put_back`` inserts
every row again under its own id, parents first: the database is as it was before. (The only ON
DELETE SET NULL reference, a 走访's matter, stays inside one 单位, so nothing deleted here leaves
a row behind that pointed at it.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Table, delete, insert, select
from sqlmodel import SQLModel

from desktop.errors import UserInputError
from desktop.storage import audit
from desktop.storage.models import (
    Department,
    ExecutionCheckpoint,
    IncomeLine,
    Project,
    Scorecard,
    ThreePublicItem,
    written_columns,
)
from desktop.storage.transactions import writing

_CHUNK = 500  # ids per ``IN (…)``, far below SQLite's limit on bound parameters

# what the window deletes: kind → (table, how a message names one)
RECORDS: dict[str, tuple[Table, str]] = {
    "department": (Department.__table__, "单位"),
    "project": (Project.__table__, "项目"),
    "scorecard": (Scorecard.__table__, "评价表"),
    "income_line": (IncomeLine.__table__, "收入项目"),
    "three_public_item": (ThreePublicItem.__table__, "三公经费项目"),
    "checkpoint": (ExecutionCheckpoint.__table__, "执行进度"),
}
# how the confirmation of a 单位's deletion counts what goes with it
TABLE_LABELS = {
    "petition": "信访事项",
    "visit": "走访记录",
    "income_line": "收入行",
    "expenditure_line": "支出行",
    "basic_expenditure_line": "基本支出行",
    "three_public_item": "三公经费项目",
    "execution_checkpoint": "执行进度",
    "project": "项目",
    "indicator": "绩效指标",
    "scorecard": "评价表",
}


@dataclass(frozen=True)
class Removed:
    """What ``take_away`` deleted: rows as (table name, column values) in the order they can be
    inserted again."""

    rows: tuple[tuple[str, dict[str, Any]], ...]

    def count(self, table: str) -> int:
        return sum(1 for name, _values in self.rows if name == table)


def _tables() -> list[Table]:
    """Every table, parents before the tables that refer to them."""
    return list(SQLModel.metadata.sorted_tables)


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _collect(connection: Connection, table: Table, row_id: int) -> dict[str, dict[int, dict[str, Any]]]:
    """The row and, recursively, every row a CASCADE foreign key ties to it, by table and id."""
    found: dict[str, dict[int, dict[str, Any]]] = {}
    first = connection.execute(select(*written_columns(table)).where(table.c.id == row_id)).first()
    if first is None:
        return found
    found[table.name] = {row_id: dict(first._mapping)}
    waiting = [(table, [row_id])]
    while waiting:
        parent, ids = waiting.pop()
        for child in _tables():
            for key in child.foreign_keys:
                if key.column.table is not parent or key.ondelete != "CASCADE":
                    continue
                column = key.parent
                new: list[int] = []
                for chunk in _chunks(ids):
                    for row in connection.execute(select(*written_columns(child)).where(column.in_(chunk))):
                        values = dict(row._mapping)
                        if values["id"] not in found.setdefault(child.name, {}):
                            found[child.name][values["id"]] = values
                            new.append(values["id"])
                if new:
                    waiting.append((child, new))
    return found


def take_away(engine: Engine, kind: str, row_id: int) -> Removed:
    """Delete the record ``row_id`` of ``kind`` (a key of ``RECORDS``) and what depends on it."""
    table, what = RECORDS[kind]
    with writing(engine) as connection:
        found = _collect(connection, table, row_id)
        if not found:
            raise UserInputError(f"{what}已不存在，可能已被删除")
        for each in reversed(_tables()):
            rows = found.get(each.name, {})
            audit.record_many(
                connection, (audit.entry("删除", each.name, i, v, None) for i, v in rows.items())
            )
            for chunk in _chunks(list(rows)):
                connection.execute(delete(each).where(each.c.id.in_(chunk)))
    ordered = tuple((each.name, values) for each in _tables() for values in found.get(each.name, {}).values())
    return Removed(ordered)


def put_back(engine: Engine, removed: Removed) -> None:
    """Insert what ``take_away`` deleted under the same ids, table by table (parents first)."""
    tables = {each.name: each for each in _tables()}
    by_table: dict[str, list[dict[str, Any]]] = {}
    for name, values in removed.rows:
        by_table.setdefault(name, []).append(values)
    with writing(engine) as connection:
        for name, rows in by_table.items():
            table = tables[name]
            for chunk in _chunks([values["id"] for values in rows]):
                if connection.execute(select(table.c.id).where(table.c.id.in_(chunk))).first():
                    raise UserInputError("要恢复的记录已经存在，无需恢复")
            connection.execute(insert(table), rows)
            audit.record_many(connection, (audit.entry("新增", name, v["id"], None, v) for v in rows))


def holdings(engine: Engine, kind: str, row_id: int) -> dict[str, int]:
    """What deleting the record would take with it (not counting itself): ``TABLE_LABELS`` → how many."""
    table, _what = RECORDS[kind]
    with engine.connect() as connection:
        found = _collect(connection, table, row_id)
    found.get(table.name, {}).pop(row_id, None)
    return {label: len(found[name]) for name, label in TABLE_LABELS.items() if found.get(name)}


class RemovalService:
    """The window's deletes that 撤销 undoes, on one database."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def take_away(self, kind: str, row_id: int) -> Removed:
        return take_away(self._engine, kind, row_id)

    def put_back(self, removed: Removed) -> None:
        put_back(self._engine, removed)

    def holdings(self, kind: str, row_id: int) -> dict[str, int]:
        return holdings(self._engine, kind, row_id)
