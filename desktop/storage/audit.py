"""审计日志: every change a service makes is written to ``audit_log`` in the same transaction.

One entry per row: 新增 (after = the new row), 修改 (before/after = only the columns that changed),
删除 (before = the row), plus 导入 and 恢复 with a summary; an import writes one entry per record
it adds, changes or removes besides its summary. Values are JSON; money and other decimals as
strings (“12.50”), dates as ISO text; ID numbers and phones masked (``MASKED``), so the log never
holds them in full. ``actor`` is the operating-system user. A rolled-back change leaves no entry.

Services either wrap their session, ``with track(Session(engine)) as session:`` (every row the
session adds, changes or deletes is recorded when it flushes), or, writing with Core, call
``record`` / ``record_update`` / ``record_delete`` beside the statement.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Column, Connection, Table, event, insert, inspect, select
from sqlmodel import Session

from desktop.domain.petition_input import mask_id_number, mask_phone
from desktop.storage.models import AuditEntry
from desktop.storage.types import ExactDecimal, Money

_audit = AuditEntry.__table__
_PENDING = "audit_pending"


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} 不能写入审计日志")


MASKED = {"id_number": mask_id_number, "phone": mask_phone}


def _masked(values: Mapping[str, object]) -> dict[str, object]:
    return {
        name: MASKED[name](value) if name in MASKED and isinstance(value, str) else value
        for name, value in values.items()
    }


def _json(values: Mapping[str, object] | None) -> str:
    return "" if values is None else json.dumps(_masked(values), ensure_ascii=False, default=_plain)


def current_user() -> str:
    """The operating-system user running Ziping (``""`` where the system cannot say)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name, no passwd entry, no pwd module
        return ""


def entry(action: str, table_name: str, record_id, before, after) -> dict:
    """One row of ``audit_log`` as ``record_many`` writes it."""
    return {
        "at": datetime.now(UTC),
        "actor": current_user(),
        "action": action,
        "table_name": table_name,
        "record_id": record_id,
        "before": _json(before),
        "after": _json(after),
    }


def record(
    connection: Connection | Session,
    action: str,
    table_name: str = "",
    record_id: int | None = None,
    before: Mapping[str, object] | None = None,
    after: Mapping[str, object] | None = None,
) -> None:
    """Write one entry (新增 / 修改 / 删除 / 导入 / 恢复) in the caller's transaction."""
    connection.execute(insert(_audit).values(entry(action, table_name, record_id, before, after)))


def record_many(connection: Connection, entries: Iterable[dict]) -> None:
    """Write many ``entry`` rows at once (an import's one entry per record) in the caller's transaction."""
    rows = list(entries)
    if rows:
        connection.execute(insert(_audit), rows)


def as_stored(column: Column, value: object) -> object:
    """``value`` as the column gives it back (money ``Decimal("120.5")`` → ``Decimal("120.50")``)."""
    kind = column.type
    if isinstance(kind, Money | ExactDecimal) and value is not None:
        bound: Any = kind.process_bind_param(cast(Any, value), None)  # whichever of the two types it is
        return kind.process_result_value(bound, None)
    return value


def _stored(connection: Connection, table: Table, row_id: int) -> dict | None:
    row = connection.execute(select(table).where(table.c.id == row_id)).first()
    return None if row is None else dict(row._mapping)


def record_update(connection: Connection, table: Table, row_id: int, values: Mapping[str, object]) -> None:
    """Before ``UPDATE table SET values WHERE id = row_id``: 修改 with the columns that change
    (nothing when the row does not exist or nothing changes)."""
    old = _stored(connection, table, row_id)
    if old is None:
        return
    new = {name: as_stored(table.c[name], value) for name, value in values.items() if name in old}
    changed = [name for name, value in new.items() if old[name] != value]
    if changed:
        before = {name: old[name] for name in changed}
        record(connection, "修改", table.name, row_id, before, {name: new[name] for name in changed})


def record_delete(connection: Connection, table: Table, row_id: int) -> None:
    """Before ``DELETE FROM table WHERE id = row_id``: 删除 with the whole row."""
    old = _stored(connection, table, row_id)
    if old is not None:
        record(connection, "删除", table.name, row_id, before=old)


def _row(instance) -> dict:
    return {
        attribute.key: as_stored(attribute.columns[0], getattr(instance, attribute.key))
        for attribute in inspect(instance).mapper.column_attrs
    }


def _changes(instance) -> tuple[dict, dict]:
    state = inspect(instance)
    before, after = {}, {}
    for attribute in state.mapper.column_attrs:
        history = state.attrs[attribute.key].history
        if not history.added:
            continue
        column = attribute.columns[0]
        old = as_stored(column, history.deleted[0]) if history.deleted else None
        new = as_stored(column, history.added[0])
        if old != new:
            before[attribute.key], after[attribute.key] = old, new
    return before, after


def _before_flush(session: Session, _context, _instances) -> None:
    pending = session.info[_PENDING] = []  # nothing left over from a flush that failed
    with session.no_autoflush:
        pending.extend(("新增", instance, None) for instance in session.new)
        for instance in session.dirty:
            before, after = _changes(instance)
            if after:
                pending.append(("修改", instance, (before, after)))
        pending.extend(("删除", instance, (_row(instance), None)) for instance in session.deleted)


def _after_flush(session: Session, _context) -> None:
    entries = []
    for action, instance, values in session.info.pop(_PENDING, []):
        before, after = values if values is not None else (None, _row(instance))
        entries.append(entry(action, instance.__tablename__, instance.id, before, after))
    if entries:
        session.connection().execute(insert(_audit), entries)


def track(session: Session) -> Session:
    """Record, in its own transaction, every row ``session`` adds, changes or deletes."""
    event.listen(session, "before_flush", _before_flush)
    event.listen(session, "after_flush", _after_flush)
    return session
