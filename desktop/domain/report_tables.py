"""The 决算公开 tables as the report prints them after its text (第五部分 附表): each table's
number, title, page orientation, notes and its published grid (``final_table_grid``)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.final_table_grid import Grid, table_grid
from desktop.domain.final_tables import ComputedTable

APPENDIX = "第五部分 附表"


@dataclass(frozen=True)
class ReportTable:
    number: str
    title: str
    orientation: str  # portrait / landscape
    grid: Grid | None  # none for an empty table: ``note`` is printed instead
    notes: tuple[str, ...]


def report_tables(tables: tuple[ComputedTable, ...], year: int) -> list[ReportTable]:
    result = []
    for table in tables:
        definition = table.definition
        notes = tuple(note.format(year=year) for note in definition.notes)
        if table.empty:
            notes = (definition.empty_note.format(year=year), *notes)
        result.append(
            ReportTable(
                definition.number,
                definition.title,
                definition.orientation,
                None if table.empty else table_grid(table),
                notes,
            )
        )
    return result


def cell_text(value) -> str:
    """A grid cell as printed: amounts with two decimals (万元), texts as they are."""
    return value if isinstance(value, str) else f"{value:.2f}"
