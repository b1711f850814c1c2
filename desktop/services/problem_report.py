"""The problem report of an import: one row per problem or warning with its place, and its
保存为 Excel (issue 11, Build 10).

The window shows the rows in a table the clerk can scroll, copy and save; the saved workbook
has the same columns (类别, 工作表, 行, 列, 原因), so the clerk can hand it round or tick the
rows off while correcting the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop.exchange.reader import Problem
from desktop.exchange.sheets import Column, Kind, SheetSpec
from desktop.services.atomic_file import write_atomically

PROBLEM = "问题"  # stops the import
WARNING = "提示"  # imported, but worth a look

REPORT_SHEET = SheetSpec(
    "问题报告",
    (
        Column("类别", "kind", width=8),
        Column("工作表", "sheet", width=14),
        Column("行", "row", Kind.INT, width=6),
        Column("列", "column", width=16),
        Column("原因", "reason", Kind.LONG_TEXT, width=70),
    ),
)


@dataclass(frozen=True)
class ReportEntry:
    """One row of the report: 问题 or 提示, where (sheet, row, column; empty for the whole
    workbook) and why."""

    kind: str
    sheet: str
    row: int | None
    column: str
    reason: str

    def values(self) -> tuple:
        return (self.kind, self.sheet, self.row, self.column, self.reason)


def entry_of(problem: Problem) -> ReportEntry:
    """A reader's or an import's ``Problem`` as a report row; the column as “决算数（D2）”."""
    column = problem.column
    if problem.letter and problem.row is not None:
        column = f"{column}（{problem.letter}{problem.row}）" if column else f"{problem.letter}{problem.row}"
    return ReportEntry(
        WARNING if problem.warning else PROBLEM, problem.sheet, problem.row, column, problem.reason
    )


def note(text: str, sheet: str = "") -> ReportEntry:
    """A warning about a whole sheet (such as the count of masked numbers)."""
    return ReportEntry(WARNING, sheet, None, "", text)


def save_report(
    path: Path, entries: Iterable[ReportEntry], title: str, *, database: Path | None = None
) -> str:
    """Write the rows to ``path`` (all or nothing, never onto ``database``); returns the status-bar line."""
    from desktop.exchange.writer import write_workbook  # openpyxl loads when first used

    path = Path(path)
    rows = [entry.values() for entry in entries]
    write_atomically(
        path,
        lambda temporary: write_workbook(temporary, [(REPORT_SHEET, rows)], title=title),
        database=database,
    )
    return f"已保存问题报告（{len(rows)} 条）到 {path}"
