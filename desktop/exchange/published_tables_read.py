"""Reading the 决算 tables as the finance bureau's system gives them: one ``PublishedTable`` per sheet.

A sheet is a table when one of its first rows holds a known title (``titles``, from the table
set's definitions), whatever the sheet is called. Above the header come the title, 公开NN表, the
编制单位 line (the department) and the 金额单位 line (元, 千元 or 万元: every amount is converted
to 元 exactly, a value finer than one 分 is a problem). The header may span several rows with
merged cells: each column's label is its header words top down (“预算数·公务用车购置及运行维护费·
小计”). 行次 / 栏次 columns and the 栏次 row are skipped; 科目编码 may be one column or 类 / 款 / 项
columns (“201” “03” “01”, or whole codes in each); a name may stand beside its code or in the
same cell. A two-sided table (收入 | 支出) gives rows of each side; a 支出 row naming its 类 without
a code (“七、文化旅游体育与传媒支出”) gets the code of that name in the year's 科目. Every 合计 / 小计
/ 总计 row is a row like the others marked ``total``: the caller keeps it as stated, never as a line.

Nothing is written. What cannot be read is a ``Problem`` (sheet, row, column, reason) — never a 0
and never dropped — as in the Excel import, with its limits (``reader``: file checks, at most
``MAX_PROBLEMS``, a value far below the data refuses the sheet).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from pathlib import Path

from desktop.exchange import published_layout as layout
from desktop.exchange.cells import is_empty
from desktop.exchange.published_tables_body import PublishedTable, SheetBody
from desktop.exchange.reader import (
    MAX_PROBLEMS,
    Problem,
    ProblemList,
    ReadCancelled,
    TooManyProblems,
    open_workbook,
    stray_row_problem,
    survey_sheet,
)
from desktop.exchange.survey import SheetSurvey, SurveyError, column_number

HEAD_ROWS = 12  # the title, 编制单位 and 金额单位 lines are within the first rows
MAX_HEADER_ROWS = 6
_RANGE = re.compile(r"^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$")

Progress = Callable[[int, int], bool]  # (rows read, 0: total unknown) → False to cancel


@dataclass
class PublishedWorkbook:
    tables: list[PublishedTable] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=ProblemList)

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.warning]


def read_published_tables(
    path: Path,
    titles: Sequence[str],
    class_codes: Mapping[str, str],
    progress: Progress | None = None,
) -> PublishedWorkbook:
    """Every sheet of ``path`` that is one of ``titles``; ``class_codes`` maps a 类 name to its code.

    Raises ``UnreadableWorkbook`` for a file that is no workbook and ``ReadCancelled`` when
    ``progress`` says so; every other trouble is a problem of the result."""
    result = PublishedWorkbook()
    names = {layout.plain(name): code for name, code in class_codes.items()}
    workbook = open_workbook(path)
    try:
        counter = _Counter(progress)
        for sheet in workbook.worksheets:
            table = _read_sheet(workbook, sheet, titles, names, result.problems, counter)
            if table is None:
                continue
            twice = next((other for other in result.tables if other.title == table.title), None)
            if twice is not None:
                reason = f"“{table.title}”已在工作表“{twice.sheet}”中，同一张表只能有一份"
                result.problems.append(Problem(reason, table.sheet))
                continue
            result.tables.append(table)
    except TooManyProblems:
        list.append(result.problems, Problem(f"已发现 {MAX_PROBLEMS} 处问题，其余未再检查"))
    finally:
        workbook.close()
    if not result.tables and not result.errors:
        result.problems.append(
            Problem("没有找到决算报表：各工作表前几行都没有已知的表名（如“收入支出决算总表”）")
        )
    return result


class _Counter:
    def __init__(self, progress: Progress | None) -> None:
        self.progress, self.done = progress, 0

    def tick(self) -> None:
        self.done += 1
        if self.progress is not None and self.done % 2000 == 0 and self.progress(self.done, 0) is False:
            raise ReadCancelled


def _read_sheet(workbook, sheet, titles, names, problems, counter: _Counter) -> PublishedTable | None:
    name = sheet.title
    try:
        found = survey_sheet(workbook, sheet)
    except SurveyError as error:
        problems.append(Problem(str(error), name))
        return None
    if found.stray_row is not None:
        problems.append(stray_row_problem(name, found.last_row, found.stray_row))
        return None
    if found.last_row == 0:
        return None
    sheet.reset_dimensions()  # a declared A1:XFD1048576 would pad every row to 16,384 cells
    rows = enumerate(sheet.iter_rows(max_row=found.last_row, values_only=True), start=1)
    head = list(islice(rows, HEAD_ROWS))
    table, header_start = _head(name, head, titles, problems)
    if table is None:
        return None
    merged = _merged_ranges(found)
    body = SheetBody(table, found, names, problems)
    rest = (row for row in head if row[0] >= header_start)
    data = _header(body, _chain(rest, rows), merged)
    if data is not None:
        for number, cells in data:
            counter.tick()
            body.read_row(number, cells)
    return table


def _chain(first: Iterator, then: Iterator) -> Iterator:
    yield from first
    yield from then


def _head(name: str, head: list[tuple[int, tuple]], titles, problems) -> tuple[PublishedTable | None, int]:
    """The table with its title, number, department, year and unit (each line above or below the
    title), and the row its header starts on."""
    title, last_meta = None, 0
    found: dict[str, str] = {}
    year: int | None = None
    for number, cells in head:
        texts = [str(value) for value in cells if not is_empty(value)]
        meta = False
        for index, text in enumerate(texts):
            if title is None and (title := layout.match_title(text, titles)) is not None:
                meta = True
            if (stated := layout.year_line(text)) is not None:
                year, meta = stated, True
            for key, value in (("number", layout.table_number(text)), ("unit", layout.unit_line(text))):
                if value is not None:
                    found[key], meta = value, True
            if (department := layout.department_line(text)) is not None:
                following = texts[index + 1] if index + 1 < len(texts) else ""
                found["department"], meta = department or layout.compact(following), True
        if meta or (title is not None and not texts):
            last_meta = number
        elif title is not None:
            break
    if title is None:
        problems.append(Problem(f"前 {HEAD_ROWS} 行没有已知的决算报表表名，已跳过", name, warning=True))
        return None, 0
    table = PublishedTable(sheet=name, title=title, year=year)
    table.number, table.unit = found.get("number", ""), found.get("unit", "")
    table.department = found.get("department", "")
    return table, last_meta + 1


def _merged_ranges(found: SheetSurvey) -> list[tuple[int, int, int, int]]:
    """(first row, last row, first column, last column), 1-based, of the sheet's merged cells."""
    ranges = []
    for ref, _row in found.merged:
        match = _RANGE.match(ref)
        if match is None:
            continue
        first_col, first_row = column_number(match.group(1)), int(match.group(2))
        last_col = column_number(match.group(3) or match.group(1))
        last_row = int(match.group(4) or match.group(2))
        ranges.append((first_row, last_row, first_col, last_col))
    return ranges


def _is_data(cells: tuple) -> bool:
    """A row below the header: it holds a number, a code, a numbered label or the 栏次 row."""
    texts = [layout.compact(value) for value in cells if not is_empty(value)]
    if not texts:
        return False
    if any(isinstance(value, int | float | Decimal) and not isinstance(value, bool) for value in cells):
        return True
    if any(layout.is_numeric_text(text) for text in texts):
        return True
    first = texts[0]
    if first in ("栏次", "行次") or layout.has_ordinal(first) or layout.split_code_and_name(first):
        return True
    return len(texts) == 1


def _header(body: SheetBody, rows: Iterator, merged) -> Iterator | None:
    """Read the header rows into ``body``'s columns; the rows left, or ``None`` when there is no header."""
    grid: list[tuple[int, list]] = []
    for number, cells in rows:
        if not grid and all(is_empty(value) for value in cells):
            continue
        if _is_data(cells) or len(grid) == MAX_HEADER_ROWS:
            rest = _chain(iter([(number, cells)]), rows)
            break
        grid.append((number, list(cells)))
    else:
        rest = iter(())
    if not grid:
        body.problems.append(Problem("标题下没有表头", body.table.sheet))
        return None
    _fill_merged(grid, merged)
    return rest if body.set_columns(grid) else None


def _fill_merged(grid: list[tuple[int, list]], merged) -> None:
    """Give every cell of a merged header range the value of its first cell."""
    numbers = {number: cells for number, cells in grid}
    for first_row, last_row, first_col, last_col in merged:
        if first_row not in numbers:
            continue
        value = numbers[first_row][first_col - 1] if first_col - 1 < len(numbers[first_row]) else None
        for row in range(first_row, last_row + 1):
            cells = numbers.get(row)
            if cells is None:
                continue
            cells.extend([None] * (last_col - len(cells)))
            for column in range(first_col - 1, last_col):
                cells[column] = value
