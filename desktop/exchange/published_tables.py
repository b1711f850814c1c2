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
from datetime import date, time, timedelta
from decimal import Decimal
from itertools import islice
from pathlib import Path

from desktop.domain.money import FEN
from desktop.exchange import published_layout as layout
from desktop.exchange.cells import CellError, is_empty, read_cell
from desktop.exchange.reader import (
    MAX_PROBLEMS,
    Problem,
    ProblemList,
    ReadCancelled,
    TooManyProblems,
    column_letter,
    open_workbook,
    stray_row_problem,
    survey_sheet,
)
from desktop.exchange.sheets import Kind, split_header
from desktop.exchange.survey import SheetSurvey, SurveyError

HEAD_ROWS = 12  # the title, 编制单位 and 金额单位 lines are within the first rows
MAX_HEADER_ROWS = 6
_RANGE = re.compile(r"^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$")

Progress = Callable[[int, int], bool]  # (rows read, 0: total unknown) → False to cancel


@dataclass(frozen=True)
class TableColumn:
    index: int  # 0-based
    role: str  # 行次, 编码, 名称, 数量 or 金额 (``published_layout.column_role``)
    label: str  # a value column's label; a code column's level (类, 款, 项 or “”)
    side: str  # 收入 / 支出 on a two-sided table, “” otherwise
    factor: Decimal  # 元 per unit of this column's amounts

    @property
    def letter(self) -> str:
        return column_letter(self.index + 1)


@dataclass
class TableRow:
    row: int  # the sheet's row number
    side: str
    label: str  # 项目 or 科目名称 as printed, spaces removed
    code: str  # 科目编码 (3, 5 or 7 digits) or “”
    total: bool  # a 合计 / 小计 / 总计 row
    values: dict[str, Decimal | None] = field(default_factory=dict)  # label → 元 (a count for 数量)
    letters: dict[str, str] = field(default_factory=dict)  # label → column letter


@dataclass
class PublishedTable:
    sheet: str
    title: str  # the known title it was found by
    number: str = ""  # 公开01表
    department: str = ""  # 编制单位
    unit: str = ""  # 元, 千元 or 万元 as printed
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)  # side → value labels
    rows: list[TableRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # 注：…, 本表无数据


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
    body = _SheetBody(table, found, names, problems)
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
    """The table with its title, number, department and unit, and the row its header starts on."""
    table: PublishedTable | None = None
    last_meta = 0
    for number, cells in head:
        texts = [str(value) for value in cells if not is_empty(value)]
        meta = False
        for index, text in enumerate(texts):
            title = layout.match_title(text, titles)
            if title is not None and table is None:
                table, meta = PublishedTable(sheet=name, title=title), True
            if table is None:
                continue
            if (found := layout.table_number(text)) is not None:
                table.number, meta = found, True
            if (department := layout.department_line(text)) is not None:
                following = texts[index + 1] if index + 1 < len(texts) else ""
                table.department = department or layout.compact(following)
                meta = True
            if (unit := layout.unit_line(text)) is not None:
                table.unit, meta = unit, True
        if meta or (table is not None and not texts):
            last_meta = number
        elif table is not None:
            break
    if table is None:
        problems.append(Problem(f"前 {HEAD_ROWS} 行没有已知的决算报表表名，已跳过", name, warning=True))
        return None, 0
    return table, last_meta + 1


def _merged_ranges(found: SheetSurvey) -> list[tuple[int, int, int, int]]:
    """(first row, last row, first column, last column), 1-based, of the sheet's merged cells."""
    ranges = []
    for ref, _row in found.merged:
        match = _RANGE.match(ref)
        if match is None:
            continue
        first_col, first_row = _column_number(match.group(1)), int(match.group(2))
        last_col = _column_number(match.group(3) or match.group(1))
        last_row = int(match.group(4) or match.group(2))
        ranges.append((first_row, last_row, first_col, last_col))
    return ranges


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


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


def _header(body: _SheetBody, rows: Iterator, merged) -> Iterator | None:
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


class _SheetBody:
    """The columns of one table and the reading of its rows below the header."""

    def __init__(self, table: PublishedTable, found: SheetSurvey, names: Mapping[str, str], problems) -> None:
        self.table, self.formulas, self.names, self.problems = table, found.formulas, names, problems
        self.columns: list[TableColumn] = []

    def problem(self, reason: str, row: int | None = None, column: str = "", letter: str = "") -> None:
        self.problems.append(Problem(reason, self.table.sheet, row, column, letter))

    def set_columns(self, grid: list[tuple[int, list]]) -> bool:
        width = max(len(cells) for _number, cells in grid)
        parts = [
            layout.header_parts(cells[index] if index < len(cells) else None for _n, cells in grid)
            for index in range(width)
        ]
        cleaned = [tuple(split_header(part)[0] for part in column) for column in parts]
        roles = [layout.column_role(column) for column in cleaned]
        sides = self._sides(cleaned, roles)
        header_row = grid[0][0]
        for index, (words, role) in enumerate(zip(cleaned, roles, strict=True)):
            side = sides[index]
            unit = next(
                (split_header(part)[1] for part in parts[index] if split_header(part)[1] in layout.UNITS), ""
            )
            if role in ("金额", "数量"):
                label = layout.value_label(words, side)
                if label in self.table.columns.get(side, ()):
                    self.problem(f"“{label}”列出现了两次", header_row, label, column_letter(index + 1))
                    return False
                self.table.columns[side] = (*self.table.columns.get(side, ()), label)
            else:
                label = layout.code_level(words) if role == "编码" else ""
            if role:
                self.columns.append(
                    TableColumn(
                        index, role, label, side, layout.UNITS.get(unit or self.table.unit, Decimal(0))
                    )
                )
        if not any(column.role == "金额" for column in self.columns):
            self.problem("表头中没有金额列", header_row)
            return False
        if not self.table.unit and any(
            column.role == "金额" and not column.factor for column in self.columns
        ):
            self.problem("没有“金额单位：元 / 千元 / 万元”一行，无法换算金额", header_row)
            return False
        return True

    @staticmethod
    def _sides(parts: list[tuple[str, ...]], roles: list[str]) -> list[str]:
        """Each column's side: a two-sided table has a name column per side, 收入 first; a side
        starts at the code columns before its name column."""
        names = [index for index, role in enumerate(roles) if role == "名称"]
        if len(names) < 2:
            return [""] * len(parts)
        starts = []
        for index in names:
            while index > 0 and roles[index - 1] == "编码":
                index -= 1
            starts.append(index)
        sides = [
            layout.side_of(parts[index]) or layout.SIDES[min(order, 1)] for order, index in enumerate(names)
        ]
        return [
            sides[max((order for order, start in enumerate(starts) if start <= index), default=0)]
            for index in range(len(parts))
        ]

    def read_row(self, number: int, cells: tuple) -> None:
        texts = [layout.compact(value) for value in cells if not is_empty(value)]
        if not texts or texts[0] in ("栏次", "行次"):
            return
        if texts[0].startswith(("注", "说明")) or "无数据" in texts[0]:
            self.table.notes.append("".join(texts))
            return
        for side in dict.fromkeys(column.side for column in self.columns):
            row = self._side_row(number, cells, side)
            if row is not None:
                self.table.rows.append(row)

    def _side_row(self, number: int, cells: tuple, side: str) -> TableRow | None:
        columns = [column for column in self.columns if column.side == side]
        value = {
            column.index: cells[column.index] if column.index < len(cells) else None for column in columns
        }
        codes = [column for column in columns if column.role == "编码"]
        named = [column for column in columns if column.role == "名称"]
        label = "".join(
            layout.compact(value[column.index]) for column in named if not is_empty(value[column.index])
        )
        code_parts = [(column, value[column.index]) for column in codes if not is_empty(value[column.index])]
        amounts = [column for column in columns if column.role in ("金额", "数量")]
        if not label and not code_parts and all(is_empty(value[column.index]) for column in amounts):
            return None
        if len(code_parts) == 1 and (split := layout.split_code_and_name(str(code_parts[0][1]))) is not None:
            code_parts, label = [(code_parts[0][0], split[0])], label or split[1]
        code = self._code(number, code_parts)
        if code is None:
            return None
        if code_parts and not code:
            label = label or layout.compact(code_parts[0][1])  # 合计 written in the code column
        if not code and (split := layout.split_code_and_name(label)) is not None:
            code, label = split
        if not code:  # a 类 named without its code (“七、文化旅游体育与传媒支出”)
            code = self.names.get(layout.plain(layout.strip_ordinal(label)), "")
        if (named or codes) and not label and not code:
            self.problem("有金额但没有项目名称或科目编码", number)
            return None
        row = TableRow(number, side, label, code, layout.is_total(label))
        ok = True
        for column in amounts:
            ok = self._amount(row, column, value[column.index]) and ok
        return row if ok else None

    def _code(self, number: int, parts: list[tuple[TableColumn, object]]) -> str | None:
        """The 科目编码 of the code cells (“” when they hold a word such as 合计); ``None`` after a problem."""
        texts = [(column, layout.compact(raw)) for column, raw in parts]
        if not texts or (len(texts) == 1 and not texts[0][1][:1].isdigit()):
            return ""
        code = ""
        for column, text in texts:
            if code and text.startswith(code):
                code = text  # a whole code in each column: “201” “20103” “2010301” (or one repeated)
            elif column.label in ("款", "项") and text.isdigit() and len(text) <= 2:
                code += text.zfill(2)
            else:
                code += text
        if not layout.is_code(code):
            column = texts[-1][0]
            self.problem(f"科目编码“{code}”应为 3、5 或 7 位数字", number, "科目编码", column.letter)
            return None
        return code

    def _amount(self, row: TableRow, column: TableColumn, raw: object) -> bool:
        label = column.label
        row.letters[label] = column.letter
        if raw is None and (row.row, column.index + 1) in self.formulas:
            self.problem(
                "公式没有计算结果，请在 Excel 中打开、重新计算并保存后再导入", row.row, label, column.letter
            )
            return False
        if is_empty(raw) or (isinstance(raw, str) and layout.is_dash(raw)):
            row.values[label] = None
            return True
        try:
            row.values[label] = (
                _count(raw) if column.role == "数量" else _money(raw, column.factor, self.table.unit)
            )
        except CellError as error:
            self.problem(str(error), row.row, label, column.letter)
            return False
        return True


def _count(raw: object) -> Decimal:
    return Decimal(read_cell(Kind.INT, raw))


def _money(raw: object, factor: Decimal, unit: str) -> Decimal:
    """A cell's amount in 元: its number times the unit, exact; finer than one 分 is refused."""
    if isinstance(raw, bool | date | time | timedelta) or (isinstance(raw, str) and "%" in raw):
        raise CellError(f"“{raw}”不是金额")
    number = read_cell(Kind.DECIMAL, raw)
    amount = number * factor
    if amount != amount.quantize(FEN):
        raise CellError(f"“{raw}”{unit}精确到了分以下")
    if abs(amount) >= Decimal("1e13"):
        raise CellError(f"“{raw}”超出金额范围")
    return amount.quantize(FEN)
