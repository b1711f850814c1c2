"""The tables read from a workbook (``published_tables_read``) as the year's facts and stated figures.

Each ``PublishedTable`` is matched to the definition of the same title in the department's table
set (``final_tables``): its columns by their header words, its rows by label in order (“一、”
ordinals and spaces aside) or, in a 科目 group, by code and level. Every cell is then either:

- *stated*: a 合计 / 小计 / 总计 row or column, a 类 or 款 row above the group's deepest level, or
  a cell the facts below cannot explain; kept as ``StatedCell`` under ``final_tables.cell_key``
  and checked against the computed table (``domain/check_tables``), never trusted;
- *a fact*: the cells of all tables are taken most specific first (more selector fields fixed,
  fewer values per field, longer code); what a cell holds beyond the facts already made of finer
  cells becomes one new fact with the cell's selector values. A field a 决算 cell leaves open takes
  its default (``DEFAULTS``: money no 财政拨款 table names is 其他资金); a budget figure's open
  field is that of the one 决算 line it belongs to; a fund's table names its income source; a field
  listing several values (公务接待费 = 国内 + 外事) takes the first, what is left once the finer
  tables (the fund's own) have taken theirs. A 0 is no fact. So 表03's 基本支出 of a 项, less the same 项 in the 财政拨款 tables, is its 其他资金 line, and the
  总表's 类 row, made of those lines, adds nothing. A cell whose remainder cannot be one fact (its
  measure or a required field is open) is stated instead.

A row or column the definition does not have is a problem (sheet, row, column), as is a code at
a level the table does not list.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from desktop.domain.final_tables import (
    CODE_FIELDS,
    FINAL,
    GROUPS,
    SOURCE_FUNDING,
    ColumnDefinition,
    Fact,
    RowDefinition,
    SideDefinition,
    TableDefinition,
    cell_key,
)
from desktop.exchange import published_layout as layout
from desktop.exchange.published_tables_body import PublishedTable, TableRow
from desktop.exchange.reader import MAX_PROBLEMS, Problem, ProblemList, TooManyProblems

OTHER = "其他资金"
REQUIRED = {
    "收入": ("source",),
    "使用非财政拨款结余": ("funding",),
    "年初结转和结余": ("funding",),
    "支出": ("function_code", "category", "funding"),
    "结余分配": ("funding",),
    "年末结转和结余": ("funding",),
    "经济分类支出": ("economic_code", "category", "funding"),
    "三公经费": ("item",),
}
DEFAULTS = {"funding": OTHER}
_FUND_SOURCES = {funding: source for source, funding in SOURCE_FUNDING.items()}
CODE_LENGTHS = {"function_code": 7, "economic_code": 5}
Constraint = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class StatedCell:
    key: str  # final_tables.cell_key
    amount: Decimal  # 元
    place: str  # 工作表“…”第 N 行（C9）
    unit: str  # 元 / 千元 / 万元 as printed


@dataclass(frozen=True)
class _Cell:
    key: str
    amount: Decimal
    constraint: Constraint
    place: str
    unit: str

    def specificity(self) -> tuple[int, int, int]:
        values = sum(len(values) - 1 for values in self.constraint.values())
        code = max((len(self.constraint.get(name, ("",))[0]) for name in CODE_FIELDS), default=0)
        return len(self.constraint), -values, code


@dataclass
class TableFacts:
    facts: list[Fact] = field(default_factory=list)
    stated: list[StatedCell] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=ProblemList)


def _merge(*selectors: Iterable[tuple[str, tuple[str, ...]]]) -> Constraint | None:
    """The fields all selectors fix (values common to all); ``None`` when they exclude each other."""
    merged: Constraint = {}
    for selector in selectors:
        for name, values in selector:
            if name in merged:
                common = tuple(value for value in merged[name] if value in values)
                if name in CODE_FIELDS:
                    common = _codes_common(merged[name], values)
                if not common:
                    return None
                merged[name] = common
            else:
                merged[name] = tuple(values)
    merged.setdefault("figure", (FINAL,))  # as in the tables: a cell naming no figure adds 决算
    return merged


def _codes_common(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    """Codes (prefixes) both lists take: the longer of two that nest."""
    return tuple(max(a, b, key=len) for a in first for b in second if a.startswith(b) or b.startswith(a))


def _heading(column: ColumnDefinition, side: SideDefinition) -> str:
    words = column.heading[1:] if side.heading and column.heading[0] == side.heading else column.heading
    return _plain("·".join(words))


def _plain(text: str) -> str:
    # the 决算 system prints both 公务用车运行费 and 公务用车运行维护费 for one column
    return layout.plain(text).replace("运行维护费", "运行费")


def _is_total_column(column: ColumnDefinition) -> bool:
    return any(word in column.heading[-1] for word in layout.SUM_WORDS)


class _TableReader:
    """One published table against its definition: its cells as ``_Cell`` or stated."""

    def __init__(
        self, table: PublishedTable, definition: TableDefinition, file_name: str, result: TableFacts
    ):
        self.table, self.definition, self.file, self.result = table, definition, file_name, result

    def problem(self, reason: str, row: int | None = None, column: str = "") -> None:
        self.result.problems.append(Problem(reason, self.table.sheet, row, column))

    def cells(self) -> list[_Cell]:
        if len(self.table.columns) != len(self.definition.sides):
            self.problem(
                f"应有 {len(self.definition.sides)} 栏（{self._side_names()}），表头中有 {len(self.table.columns)} 栏"
            )
            return []
        found: list[_Cell] = []
        for side_name, side in zip(self.table.columns, self.definition.sides, strict=True):
            columns = self._columns(side_name, side)
            if columns is None:
                continue
            rows = [row for row in self.table.rows if row.side == side_name]
            found += self._side_cells(rows, side, columns)
        return found

    def _side_names(self) -> str:
        return " | ".join(side.heading or "表体" for side in self.definition.sides)

    def _columns(self, side_name: str, side: SideDefinition) -> dict[str, ColumnDefinition] | None:
        known = {_heading(column, side): column for column in side.columns}
        columns = {}
        for label in self.table.columns[side_name]:
            column = known.get(_plain(label))
            if column is None:
                expected = "、".join("·".join(c.heading) for c in side.columns)
                self.problem(f"“{self.definition.title}”没有“{label}”列（应为：{expected}）", column=label)
                return None
            columns[label] = column
        return columns

    def _side_cells(self, rows: list[TableRow], side: SideDefinition, columns) -> list[_Cell]:
        found: list[_Cell] = []
        fixed = [row for row in side.rows if not row.group]
        groups = [row for row in side.rows if row.group]
        position = 0
        for row in rows:
            if row.code:
                matched = self._group_row(row, groups)
                if matched is None:
                    continue
                definition, code, deepest = matched
            else:
                index = self._fixed_row(row, fixed, position)
                if index is None:
                    continue
                position, definition, code, deepest = index + 1, fixed[index], "", not fixed[index].sum
            for label, amount in row.values.items():
                column = columns[label]
                if amount is None:
                    continue
                key = cell_key(self.definition.number, code or definition.key, column.key)
                place = (
                    f"{self.file} 工作表“{self.table.sheet}”第 {row.row} 行（{row.letters[label]}{row.row}）"
                )
                stated = not deepest or row.total or _is_total_column(column)
                constraint = _merge(self.definition.select, side.select, definition.select, column.select)
                if constraint is not None and code:
                    constraint[GROUPS[definition.group][0]] = (code,)
                if stated or constraint is None:
                    self.result.stated.append(StatedCell(key, amount, place, self.table.unit))
                else:
                    found.append(_Cell(key, amount, constraint, place, self.table.unit))
        return found

    def _group_row(
        self, row: TableRow, groups: list[RowDefinition]
    ) -> tuple[RowDefinition, str, bool] | None:
        for group in groups:
            lengths = GROUPS[group.group][1]
            wanted = {lengths[level]: level for level in group.levels}
            if len(row.code) in wanted:
                deepest = len(row.code) == max(wanted)
                return group, row.code, deepest
        levels = "、".join(level for group in groups for level in group.levels) or "无科目编码"
        self.problem(f"科目编码“{row.code}”不是本表列示的级次（{levels}）", row.row, "科目编码")
        return None

    def _fixed_row(self, row: TableRow, fixed: list[RowDefinition], start: int) -> int | None:
        if not row.label and start < len(fixed):
            return start  # a table without a 项目 column (三公经费): its rows in the definition's order
        wanted = _plain(layout.strip_ordinal(row.label))
        for index in [*range(start, len(fixed)), *range(0, start)]:
            if _plain(layout.strip_ordinal(fixed[index].label)) == wanted:
                return index
        labels = "、".join(layout.compact(row.label) for row in fixed)
        self.problem(f"“{self.definition.title}”没有“{row.label}”这一行（应为：{labels}）", row.row, "项目")
        return None


def _fact(cell: _Cell, amount: Decimal, facts: list[Fact]) -> Fact | None:
    """The one fact a cell's remainder is, or ``None`` when the cell leaves a required field open.

    A budget figure (年初预算, 调整后预算, 预算) belongs to the line of 决算 its fields select when
    there is one (a 项's 全年预算数 without 基本 / 项目 is that of the 项's one line); a field a
    决算 cell leaves open is one the table adds over, and takes its default."""
    measures = cell.constraint.get("measure", ())
    if not measures:
        return None
    measure = measures[0]
    values = {name: values[0] for name, values in cell.constraint.items() if name != "measure"}
    if measure == "收入" and "source" not in values and values.get("funding") in _FUND_SOURCES:
        values["source"] = _FUND_SOURCES[values["funding"]]  # a fund's own table names the fund
    final = {name: values for name, values in cell.constraint.items() if name != "figure"}
    budget = values.get("figure", FINAL) != FINAL
    alike = [fact for fact in facts if budget and fact.figure == FINAL and _takes(final, fact)]
    for name in REQUIRED.get(measure, ()):
        if name in values:
            continue
        seen = {getattr(fact, name) for fact in alike}
        if len(seen) == 1:
            values[name] = seen.pop()
        elif name in DEFAULTS and not budget:
            values[name] = DEFAULTS[name]
        else:
            return None
    for name, length in CODE_LENGTHS.items():
        if name in REQUIRED.get(measure, ()) and len(values.get(name, "")) != length:
            return None
    if measure == "收入":
        values["funding"] = SOURCE_FUNDING.get(values["source"], OTHER)
    return Fact(measure, amount, **values)


def table_facts(tables: Iterable[tuple[PublishedTable, TableDefinition]], file_name: str) -> TableFacts:
    """The facts and stated figures of the matched tables of one workbook."""
    result = TableFacts()
    cells: list[_Cell] = []
    try:
        for table, definition in tables:
            cells += _TableReader(table, definition, file_name, result).cells()
    except TooManyProblems:
        list.append(result.problems, Problem(f"已发现 {MAX_PROBLEMS} 处问题，其余未再检查"))
        return result
    for cell in sorted(cells, key=_Cell.specificity, reverse=True):
        made = sum((fact.amount for fact in result.facts if _takes(cell.constraint, fact)), Decimal(0))
        remainder = cell.amount - made
        if remainder == 0:
            continue
        fact = _fact(cell, remainder, result.facts)
        if fact is None:
            result.stated.append(StatedCell(cell.key, cell.amount, cell.place, cell.unit))
        else:
            result.facts.append(fact)
    return result


def _takes(constraint: Mapping[str, tuple[str, ...]], fact: Fact) -> bool:
    return fact.taken_by(tuple(constraint.items()))
