"""Writing an import's records: only the columns that changed, each record audited in the same transaction.

A ``TableChanges`` collects, for one table, the rows to add, the rows whose columns differ from
what is stored (only those columns) and the rows to remove. ``flush`` writes them and one
audit entry per record (新增 with the row, 修改 with the old and new values of the changed
columns, 删除 with the old row), all inside the caller's transaction: a record the import left
as it was is neither written nor logged, so a save made before the import took its lock is
never overwritten by an unchanged cell.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import Connection, Table, bindparam, delete, insert, update

from desktop.storage import audit


def changed_columns(
    table: Table, old: Mapping[str, object], new: Mapping[str, object]
) -> tuple[dict[str, object], dict[str, object]]:
    """(before, after) of the columns of ``new`` whose stored value differs from ``old``."""
    before, after = {}, {}
    for name, value in new.items():
        stored = audit.as_stored(table.c[name], value)
        if old[name] != stored:
            before[name], after[name] = old[name], stored
    return before, after


@dataclass
class TableChanges:
    table: Table
    inserts: list[dict] = field(default_factory=list)
    updates: list[tuple[int, dict, dict]] = field(default_factory=list)
    deletes: list[tuple[int, dict]] = field(default_factory=list)
    unchanged: int = 0

    def add(self, record: dict) -> None:
        self.inserts.append(record)

    def change(self, row_id: int, old: Mapping[str, object], new: Mapping[str, object]) -> None:
        """Update the stored row ``old`` to ``new`` where they differ (counted as unchanged otherwise)."""
        before, after = changed_columns(self.table, old, new)
        if after:
            self.updates.append((row_id, before, after))
        else:
            self.unchanged += 1

    def remove(self, row_id: int, old: Mapping[str, object]) -> None:
        self.deletes.append((row_id, dict(old)))

    def flush(self, connection: Connection) -> list[int]:
        """Write everything collected; returns the ids of the added rows, in the order they were added."""
        table, entries = self.table, []
        added = self._insert(connection)
        entries += [
            audit.entry("新增", table.name, row_id, None, record)
            for row_id, record in zip(added, self.inserts, strict=True)
        ]
        by_columns: dict[tuple[str, ...], list[dict]] = {}
        for row_id, before, after in self.updates:
            by_columns.setdefault(tuple(sorted(after)), []).append(after | {"row_id": row_id})
            entries.append(audit.entry("修改", table.name, row_id, before, after))
        for rows in by_columns.values():
            connection.execute(update(table).where(table.c.id == bindparam("row_id")), rows)
        if self.deletes:
            connection.execute(delete(table).where(table.c.id.in_([row_id for row_id, _old in self.deletes])))
            entries += [audit.entry("删除", table.name, row_id, old, None) for row_id, old in self.deletes]
        audit.record_many(connection, entries)
        return added

    def _insert(self, connection: Connection) -> list[int]:
        """Insert the rows, those with the same columns in one statement; their ids in the order added."""
        groups: dict[tuple[str, ...], list[int]] = {}
        for index, record in enumerate(self.inserts):
            groups.setdefault(tuple(sorted(record)), []).append(index)
        ids = [0] * len(self.inserts)
        statement = insert(self.table).returning(self.table.c.id, sort_by_parameter_order=True)
        for indexes in groups.values():
            rows = [self.inserts[index] for index in indexes]
            for index, row_id in zip(indexes, connection.execute(statement, rows).scalars(), strict=True):
                ids[index] = row_id
        return ids
