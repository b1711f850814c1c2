"""The columns and rows of one published table below its header (``published_tables_read`` finds the
header): each column's role and label, each row's label, 科目编码 and amounts in 元.

A column is 行次, 编码 (with its level 类 / 款 / 项), 名称, 数量 or 金额 by its header words; a
two-sided table has a 名称 column per side, and a side starts at the code columns before it. A
row's code is joined from its 类 / 款 / 项 cells (“201” “03” “01”, whole codes in each, or the code
and name in one cell); a row naming its 类 without a code gets the code of that name. Amounts are
converted exactly to 元; a value finer than one 分, text that is no number or a formula without its
value is a problem at its cell.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal

from desktop.domain.money import FEN
from desktop.exchange import published_layout as layout
from desktop.exchange.cells import CellError, is_empty, read_cell
from desktop.exchange.reader import Problem, column_letter
from desktop.exchange.sheets import Kind, split_header
from desktop.exchange.survey import SheetSurvey


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
    year: int | None = None  # “2023年度” when the sheet says it
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)  # side → value labels
    rows: list[TableRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # 注：…, 本表无数据


class SheetBody:
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
