"""A computed 决算公开 table in its published layout: the grid of header and body cells with the
merges, the same for the printed page, the exported workbook and the window.

The header has the side headings (收入 | 支出) on top, the column headings below them (equal
neighbours merged), and the stub columns (科目编码 类|款|项, 科目名称 or 项目, 行次) merged down the
whole header. A body row holds texts (codes, names, 行次) and amounts in 万元 (``Decimal``, two
decimals, rounded half-up per cell as the tables print them). A two-sided table puts its sides
next to each other, the shorter one padded with empty rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from desktop.domain.final_tables import ComputedRow, ComputedSide, ComputedTable, cell_key
from desktop.domain.money import TEN_THOUSAND, to_wan

PAGE_WIDTHS = {"portrait": 186.0, "landscape": 273.0}  # mm inside the margins
CODE_WIDTH, ONE_CODE_WIDTH, LINE_WIDTH, MIN_STUB = 11.0, 16.0, 10.0, 36.0
CODE_LEVELS = ("类", "款", "项")
CODE_DIGITS = ((0, 3), (3, 5), (5, 7))

Value = str | Decimal


@dataclass(frozen=True)
class Merge:
    first_row: int
    first_column: int
    last_row: int
    last_column: int


@dataclass(frozen=True)
class Grid:
    """Every cell of the table, header rows first; ``totals`` are the (row, column) cells of a sum row
    (合计, 总计) — on its own side only, in a two-sided table."""

    widths: tuple[float, ...]  # mm
    header_rows: int
    rows: tuple[tuple[Value, ...], ...]
    merges: tuple[Merge, ...]
    totals: frozenset[tuple[int, int]]
    centred: frozenset[int]  # columns of codes and 行次, printed centred
    keys: dict[tuple[int, int], str]  # (row, column) of an amount → its StatedFigure key (cell_key)


def _stub_columns(side: ComputedSide) -> list[str]:
    """The titles of the side's text columns, left to right."""
    definition = side.definition
    columns = (
        list(CODE_LEVELS)
        if definition.codes == "split"
        else ["科目编码"]
        if definition.codes == "one"
        else []
    )
    columns.append(definition.stub)
    if definition.line_numbers:
        columns.append("行次")
    return columns


def _headings(side: ComputedSide) -> list[tuple[str, ...]]:
    """The column headings without the side's own heading on top (it heads the whole side)."""
    heading = side.definition.heading
    return [
        column.heading[1:]
        if heading and column.heading[0] == heading and len(column.heading) > 1
        else column.heading
        for column in side.definition.columns
    ]


def _stub_texts(side: ComputedSide, row: ComputedRow) -> list[str]:
    definition = side.definition
    texts: list[str] = []
    if definition.codes == "split":
        texts += [row.code[start:end] for start, end in CODE_DIGITS]
    elif definition.codes == "one":
        texts.append(row.code)
    texts.append(row.label)
    if definition.line_numbers:
        texts.append("" if row.line is None else str(row.line))
    return texts


def _header(table: ComputedTable, depth: int) -> tuple[list[list[Value]], list[Merge]]:
    top = 1 if table.definition.layout == "two-sided" else 0
    rows: list[list[Value]] = [[] for _ in range(top + depth)]
    merges: list[Merge] = []
    start = 0
    for side in table.sides:
        stubs, headings = _stub_columns(side), _headings(side)
        width = len(stubs) + len(headings)
        if top:
            rows[0] += [side.definition.heading] + [""] * (width - 1)
            merges.append(Merge(0, start, 0, start + width - 1))
        split = side.definition.codes == "split"
        for index, title in enumerate(stubs):
            column = start + index
            for level in range(depth):
                rows[top + level].append("")
            if split and index < len(CODE_LEVELS) and depth > 1:
                rows[top][start] = "科目编码"
                rows[top + 1][column] = title
                if depth > 2:
                    merges.append(Merge(top + 1, column, top + depth - 1, column))
            else:
                rows[top][column] = title
                if depth > 1:
                    merges.append(Merge(top, column, top + depth - 1, column))
        if split and depth > 1:
            merges.append(Merge(top, start, top, start + len(CODE_LEVELS) - 1))
        first = start + len(stubs)
        for index, heading in enumerate(headings):
            for level in range(depth):
                rows[top + level].append(heading[level] if level < len(heading) else "")
            if len(heading) < depth:
                merges.append(Merge(top + len(heading) - 1, first + index, top + depth - 1, first + index))
        for level in range(depth):
            run = 0
            for index in range(1, len(headings) + 1):
                same = (
                    index < len(headings)
                    and level < len(headings[index])
                    and level < len(headings[run])
                    and headings[index][: level + 1] == headings[run][: level + 1]
                )
                if not same:
                    if index - run > 1 and level < len(headings[run]):
                        merges.append(Merge(top + level, first + run, top + level, first + index - 1))
                        for blank in range(run + 1, index):
                            rows[top + level][first + blank] = ""
                    run = index
        start += width
    return rows, merges


def _widths(table: ComputedTable) -> tuple[float, ...]:
    page = PAGE_WIDTHS[table.definition.orientation]
    fixed: list[list[float | None]] = []
    for side in table.sides:
        definition = side.definition
        side_widths: list[float | None] = []
        if definition.codes == "split":
            side_widths += [CODE_WIDTH] * len(CODE_LEVELS)
        elif definition.codes == "one":
            side_widths.append(ONE_CODE_WIDTH)
        side_widths.append(None)  # the stub takes what is left
        if definition.line_numbers:
            side_widths.append(LINE_WIDTH)
        side_widths += [column.width for column in definition.columns]
        fixed.append(side_widths)
    used = sum(width for side in fixed for width in side if width is not None)
    stub = max(MIN_STUB, (page - used) / len(fixed))
    return tuple(stub if width is None else width for side in fixed for width in side)


def table_grid(table: ComputedTable, *, exact: bool = False) -> Grid:
    """The table as it is published (amounts in 万元, two decimals); ``exact`` keeps every amount to
    the 分 (a workbook cell shows two decimals by its number format and holds the whole figure)."""
    depth = max(2 if side.definition.codes == "split" else 1 for side in table.sides)
    depth = max(depth, *(len(heading) for side in table.sides for heading in _headings(side)))
    header, merges = _header(table, depth)
    height = max(len(side.rows) for side in table.sides)
    body: list[list[Value]] = [[] for _ in range(height)]
    totals: set[tuple[int, int]] = set()
    centred: set[int] = set()
    keys: dict[tuple[int, int], str] = {}
    for side in table.sides:
        stubs = _stub_columns(side)
        start = len(body[0]) if body else 0
        columns = side.definition.columns
        centred.update(start + index for index, title in enumerate(stubs) if title != side.definition.stub)
        blank = [""] * (len(_stub_columns(side)) + len(side.definition.columns))
        for index in range(height):
            if index >= len(side.rows):
                body[index] += blank
                continue
            row = side.rows[index]
            amounts = (amount / TEN_THOUSAND if exact else to_wan(amount) for amount in row.cells)
            body[index] += [*_stub_texts(side, row), *amounts]
            first = start + len(stubs)
            for offset, column in enumerate(columns):
                keys[len(header) + index, first + offset] = cell_key(
                    table.definition.number, row.key, column.key
                )
            if row.total:
                totals.update((len(header) + index, start + offset) for offset in range(len(blank)))
    rows = tuple(tuple(row) for row in [*header, *body])
    return Grid(_widths(table), len(header), rows, tuple(merges), frozenset(totals), frozenset(centred), keys)


def stated_differences(grid: Grid, stated: Mapping[str, Decimal]) -> dict[tuple[int, int], Decimal]:
    """The cells whose stated figure (元, by ``cell_key``) is not the computed one in 万元: the
    stated amount in 万元 by (row, column)."""
    differences = {}
    for place, key in grid.keys.items():
        if key in stated:
            amount = to_wan(stated[key])
            if amount != grid.rows[place[0]][place[1]]:
                differences[place] = amount
    return differences


def column_titles(grid: Grid) -> list[str]:
    """Each column's header in one line, top to bottom (“本年支出·基本支出”, “收入·项目”), for a
    view that has one header row: a merged cell's text counts for every column under it."""
    texts = [list(row) for row in grid.rows[: grid.header_rows]]
    for merge in grid.merges:
        anchor = texts[merge.first_row][merge.first_column]
        for row in range(merge.first_row, merge.last_row + 1):
            for column in range(merge.first_column, merge.last_column + 1):
                texts[row][column] = anchor
    titles = []
    for column in range(len(grid.widths)):
        parts: list[str] = []
        for header_row in texts:
            text = str(header_row[column])
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        titles.append("·".join(parts))
    return titles
