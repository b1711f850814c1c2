"""审计日志 viewer's use cases: the entries by date, table and user, and their export to Excel.

The entries are shown as ``audit`` stored them: ID numbers and phones already masked, the old
and new values of the changed columns as JSON. Times are stored in UTC and shown in local
time; the date filter is on the local date. The export is written beside its target and moved
into place (``atomic_file``), never through the system temp folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import Engine, select

from desktop.services.atomic_file import write_atomically
from desktop.storage.models import AuditEntry

_audit = AuditEntry.__table__
HEADERS = ("时间", "用户", "操作", "表", "记录编号", "修改前", "修改后")
TABLE_NAMES = {
    "petition": "信访事项",
    "visit": "走访记录",
    "department": "单位",
    "income_line": "收入",
    "expenditure_line": "支出",
    "basic_expenditure_line": "基本支出",
    "three_public_item": "三公经费",
    "execution_checkpoint": "执行进度",
    "project": "项目",
    "project_funding": "项目资金",
    "indicator": "绩效指标",
    "scorecard": "评分表",
    "scorecard_item": "评分项",
    "finding_note": "核对说明",
    "excel": "Excel 导入",
}


@dataclass(frozen=True)
class AuditFilter:
    start: date | None = None
    end: date | None = None
    table: str = ""  # a table name as stored (``petition``); "" for all
    actor: str = ""  # "" for every user


@dataclass(frozen=True)
class AuditRow:
    at: datetime  # local time
    actor: str
    action: str
    table: str  # shown name (信访事项)
    record_id: int | None
    before: str
    after: str

    def cells(self) -> tuple:
        return (
            self.at.strftime("%Y-%m-%d %H:%M:%S"),
            self.actor,
            self.action,
            self.table,
            self.record_id,
            self.before,
            self.after,
        )


def _utc(day: date) -> datetime:
    """The start of local ``day`` in UTC."""
    return datetime.combine(day, time(0)).astimezone().astimezone(UTC)


class AuditLogService:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def choices(self) -> tuple[list[str], list[str]]:
        """The tables and the users that have entries, for the filter lists."""
        with self._engine.connect() as connection:
            tables = connection.execute(select(_audit.c.table_name).distinct().order_by(_audit.c.table_name))
            actors = connection.execute(select(_audit.c.actor).distinct().order_by(_audit.c.actor))
            return [name for name in tables.scalars() if name], [name for name in actors.scalars() if name]

    def entries(self, audit_filter: AuditFilter, limit: int | None = None) -> list[AuditRow]:
        """The entries that pass ``audit_filter``, newest first."""
        conditions = []
        if audit_filter.start is not None:
            conditions.append(_audit.c.at >= _utc(audit_filter.start))
        if audit_filter.end is not None:
            conditions.append(_audit.c.at < _utc(audit_filter.end + timedelta(days=1)))
        if audit_filter.table:
            conditions.append(_audit.c.table_name == audit_filter.table)
        if audit_filter.actor:
            conditions.append(_audit.c.actor == audit_filter.actor)
        statement = (
            select(_audit).where(*conditions).order_by(_audit.c.at.desc(), _audit.c.id.desc()).limit(limit)
        )
        with self._engine.connect() as connection:
            return [
                AuditRow(
                    row.at.astimezone(),
                    row.actor,
                    row.action,
                    TABLE_NAMES.get(row.table_name, row.table_name),
                    row.record_id,
                    row.before,
                    row.after,
                )
                for row in connection.execute(statement)
            ]

    def export(self, audit_filter: AuditFilter, path: Path) -> str:
        """Write the filtered entries to an .xlsx workbook at ``path``; returns a one-line summary."""
        rows = self.entries(audit_filter)

        def write(temporary: Path) -> None:
            from openpyxl import Workbook  # loaded on the first export, not at start-up

            from desktop.exchange.workbook_temporaries import beside

            with beside(temporary):
                workbook = Workbook(write_only=True)
                sheet = workbook.create_sheet("审计日志")
                sheet.append(HEADERS)
                for row in rows:
                    sheet.append(row.cells())
                workbook.save(temporary)

        write_atomically(Path(path), write)
        return f"已导出 {len(rows)} 条审计记录到 {path}"
