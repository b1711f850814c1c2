"""部门决算公开表: a province's table set read from forms/final-accounts-*.toml, and every table's
cells computed from the year's facts (DOMAIN.md §5.1, §5.2).

The TOML file (one per province, the national set with ``province = ""``):

- top level: ``kind = "final-accounts"``, ``province``, ``from_year`` (chosen like the other forms,
  ``templates.choose_variant``), ``title`` (the set's name), ``unit`` (``"万元"``, what the tables print).
- ``[[tables]]``, in printing order: ``number`` (公开01表 …), ``key`` (an English id, unique in the
  set), ``title``, ``orientation`` (``portrait`` / ``landscape``), ``layout`` (``one-sided`` or
  ``two-sided``: the 收入 | 支出 总表), ``select`` (a selector every cell of the table takes),
  ``notes`` (printed under the table, may hold ``{year}``), ``empty_note`` (printed in place of the
  rows when no fact of the table is there: the province's “本表无数据” wording).
- ``[[tables.sides]]`` (one for a one-sided table, two for the 总表): ``heading`` (收入 / 支出, empty for
  a one-sided table), ``stub`` (the title of the row-name column: 项目 / 科目名称), ``line_numbers``
  (print 行次), ``codes`` (print 科目编码 as ``"split"`` 类|款|项 columns, ``"one"`` column, or ``""``),
  ``select``, and:
  - ``[[tables.sides.columns]]``: ``key`` (unique in the table), ``heading`` (the header cells from
    the top, e.g. ``["本年支出", "基本支出"]``; equal neighbours are merged), ``select``, ``width`` (mm).
  - ``[[tables.sides.rows]]``, each one of: a fixed row ``{ key, label, line, select }``; a sum row
    ``{ key, label, line, sum = ["row key", …] }``; or a group ``{ key, rows = "function" |
    "economic", levels = ["类", "款", "项"], line, select, label }`` expanded to one row per code of
    the facts, in code order, numbered from ``line``, labelled ``label`` with ``{name}`` (科目名称)
    and ``{ordinal}`` (the 类's place in the edition: 七 for 207), or by the name alone. A sum naming
    a group adds its top-level rows.
- A selector is a table of fact fields (``measure``, ``funding``, ``source``, ``category``,
  ``function_code``, ``economic_code``, ``project``, ``item``, ``figure``) to a value or a list of
  values; codes match by prefix (``economic_code = ["301", "303"]`` is 人员经费). A cell adds the
  facts its table, side, column and row selectors all take. ``figure`` (年初预算 / 调整后预算 / 预算)
  is named in a column's selector only; a column that names none adds 决算 amounts.

Cell amounts are ``Decimal`` 元. A stated figure of a cell (``StatedFigure.key``) is
``cell_key(number, row, column)``: ``公开01表·current_income·income`` for a fixed row, the code for
a group row (``公开03表·2010301·basic``). The facts of a year are made from its lines in
``services/final_tables.year_facts``; the published layout of a computed table (what
``export-tables`` writes) is ``final_table_grid.table_grid``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from desktop.errors import UserInputError

ZERO = Decimal("0.00")
FIELDS = (
    "measure", "funding", "source", "category", "function_code", "economic_code", "project", "item", "figure",
)  # fmt: skip
CODE_FIELDS = ("function_code", "economic_code")
LAYOUTS = ("one-sided", "two-sided")
ORIENTATIONS = ("portrait", "landscape")
CODE_STYLES = ("", "one", "split")
GROUPS = {
    "function": ("function_code", {"类": 3, "款": 5, "项": 7}),
    "economic": ("economic_code", {"类": 3, "款": 5}),
}

# The measures a fact can be (what the year's data say), and the figures of a measure.
INCOME = "收入"
EXPENDITURE = "支出"
FINAL = "决算"


class FinalTablesError(UserInputError):
    """A table-set file that does not fit the format, or facts a table cannot place."""


@dataclass(frozen=True)
class Fact:
    """One amount of the year's 决算 data in 元, with what it is: the unit every table adds up.

    ``measure`` is 收入, 使用非财政拨款结余, 年初结转和结余, 支出, 结余分配, 年末结转和结余,
    经济分类支出 or 三公经费; ``figure`` is 决算 unless it is a 年初预算 / 调整后预算 / 预算 amount.
    """

    measure: str
    amount: Decimal
    funding: str = ""
    source: str = ""
    category: str = ""
    function_code: str = ""
    economic_code: str = ""
    project: str = ""
    item: str = ""
    figure: str = FINAL

    def taken_by(self, selector: Selector) -> bool:
        for name, values in selector:
            value = getattr(self, name)
            if name in CODE_FIELDS:
                if not any(value.startswith(wanted) for wanted in values):
                    return False
            elif value not in values:
                return False
        return True


Selector = tuple[tuple[str, tuple[str, ...]], ...]

# The funding a 财政拨款 income source is; every other source is 其他资金.
SOURCE_FUNDING = {
    "一般公共预算财政拨款收入": "一般公共预算财政拨款",
    "政府性基金预算财政拨款收入": "政府性基金预算财政拨款",
    "国有资本经营预算财政拨款收入": "国有资本经营预算财政拨款",
}
OTHER_FUNDING = "其他资金"


def income_fact(source: str, function_code: str, amount: Decimal) -> Fact:
    """本年收入 of one source charged to a 功能分类 项."""
    return Fact(
        INCOME, amount, SOURCE_FUNDING.get(source, OTHER_FUNDING), source, function_code=function_code
    )


def expenditure_facts(
    function_code: str,
    category: str,
    funding: str,
    final_amount: Decimal,
    initial_budget: Decimal = ZERO,
    adjusted_budget: Decimal = ZERO,
) -> list[Fact]:
    """One expenditure line as its 决算, 年初预算 and 调整后预算 facts."""
    return [
        Fact(EXPENDITURE, amount, funding, category=category, function_code=function_code, figure=figure)
        for figure, amount in (
            (FINAL, final_amount),
            ("年初预算", initial_budget),
            ("调整后预算", adjusted_budget),
        )
    ]


@dataclass(frozen=True)
class ColumnDefinition:
    key: str
    heading: tuple[str, ...]
    select: Selector
    width: float  # mm


@dataclass(frozen=True)
class RowDefinition:
    key: str
    label: str = ""
    line: int | None = None
    select: Selector = ()
    sum: tuple[str, ...] = ()
    group: str = ""  # function / economic: one row per code of the facts
    levels: tuple[str, ...] = ()


@dataclass(frozen=True)
class SideDefinition:
    heading: str
    stub: str
    line_numbers: bool
    codes: str
    select: Selector
    columns: tuple[ColumnDefinition, ...]
    rows: tuple[RowDefinition, ...]


@dataclass(frozen=True)
class TableDefinition:
    number: str
    key: str
    title: str
    orientation: str
    layout: str
    select: Selector
    sides: tuple[SideDefinition, ...]
    notes: tuple[str, ...] = ()
    empty_note: str = ""


@dataclass(frozen=True)
class TableSet:
    id: str  # the file name without .toml
    province: str
    from_year: int
    title: str
    unit: str
    tables: tuple[TableDefinition, ...]

    def table(self, key_or_number: str) -> TableDefinition:
        for table in self.tables:
            if key_or_number in (table.key, table.number, table.title):
                return table
        raise FinalTablesError(f"决算表套“{self.id}.toml”中没有表“{key_or_number}”")


def cell_key(number: str, row: str, column: str) -> str:
    """The ``StatedFigure.key`` of one cell: 公开01表·current_income·income."""
    return f"{number}·{row}·{column}"


# Reading a definition ---------------------------------------------------------------------------


def _text(data: dict, name: str, where: str, default: str | None = None) -> str:
    value = data.get(name, default)
    if not isinstance(value, str):
        raise FinalTablesError(f"{where}：字段“{name}”缺失或不是文字")
    return value


def _choice(data: dict, name: str, where: str, allowed: tuple[str, ...], default: str) -> str:
    value = _text(data, name, where, default)
    if value not in allowed:
        raise FinalTablesError(
            f"{where}：字段“{name}”应为 {' / '.join(a or '空' for a in allowed)}，而不是“{value}”"
        )
    return value


def _texts(data: dict, name: str, where: str) -> tuple[str, ...]:
    value = data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise FinalTablesError(f"{where}：字段“{name}”应为文字列表")
    return tuple(value)


def _selector(data: dict, where: str, figure: bool = False) -> Selector:
    value = data.get("select", {})
    if not isinstance(value, dict):
        raise FinalTablesError(f"{where}：字段“select”应为表")
    items = []
    for name, wanted in value.items():
        if name == "figure" and not figure:
            raise FinalTablesError(f"{where}：figure（预算数 / 决算数）只能写在列的 select 中")
        if name not in FIELDS:
            raise FinalTablesError(f"{where}：select 中的“{name}”不是数据字段（{'、'.join(FIELDS)}）")
        values = wanted if isinstance(wanted, list) else [wanted]
        if not values or not all(isinstance(item, str) for item in values):
            raise FinalTablesError(f"{where}：select 中“{name}”的值应为文字或文字列表")
        items.append((name, tuple(values)))
    return tuple(items)


def _line(data: dict, where: str) -> int | None:
    value = data.get("line")
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
        raise FinalTablesError(f"{where}：字段“line”（行次）应为正整数")
    return value


def _row(data: dict, where: str) -> RowDefinition:
    key = _text(data, "key", where)
    where = f"{where}行“{key}”"
    group = _choice(data, "rows", where, ("", *GROUPS), "")
    levels = _texts(data, "levels", where)
    if group:
        allowed = GROUPS[group][1]
        if not levels or any(level not in allowed for level in levels):
            raise FinalTablesError(f"{where}：levels 应取自 {'、'.join(allowed)}")
    return RowDefinition(
        key=key,
        label=_text(data, "label", where, ""),
        line=_line(data, where),
        select=_selector(data, where),
        sum=_texts(data, "sum", where),
        group=group,
        levels=levels,
    )


def _column(data: dict, where: str) -> ColumnDefinition:
    key = _text(data, "key", where)
    where = f"{where}列“{key}”"
    heading = _texts(data, "heading", where)
    width = data.get("width", 22)
    if not heading:
        raise FinalTablesError(f"{where}：缺少 heading（表头）")
    if not isinstance(width, int | float) or isinstance(width, bool) or width <= 0:
        raise FinalTablesError(f"{where}：width（列宽，毫米）应为正数")
    return ColumnDefinition(key, heading, _selector(data, where, figure=True), width)  # mm, as written


def _side(data: dict, where: str) -> SideDefinition:
    columns = tuple(_column(item, where) for item in data.get("columns", []))
    rows = tuple(_row(item, where) for item in data.get("rows", []))
    if not columns or not rows:
        raise FinalTablesError(f"{where}：每一边都要有 columns 和 rows")
    return SideDefinition(
        heading=_text(data, "heading", where, ""),
        stub=_text(data, "stub", where, "项目"),
        line_numbers=bool(data.get("line_numbers", False)),
        codes=_choice(data, "codes", where, CODE_STYLES, ""),
        select=_selector(data, where),
        columns=columns,
        rows=rows,
    )


def _check_keys(table: TableDefinition, where: str) -> None:
    columns = [column.key for side in table.sides for column in side.columns]
    rows = [row.key for side in table.sides for row in side.rows]
    for kind, keys in (("列", columns), ("行", rows)):
        repeated = sorted({key for key in keys if keys.count(key) > 1})
        if repeated:
            raise FinalTablesError(f"{where}：{kind}的 key 重复：{'、'.join(repeated)}")
    for side in table.sides:
        known = {row.key for row in side.rows}
        for row in side.rows:
            unknown = [name for name in row.sum if name not in known]
            if unknown:
                raise FinalTablesError(f"{where}行“{row.key}”：sum 中的“{'、'.join(unknown)}”不是本边的行")


def parse_table_set(data: dict, name: str) -> TableSet:
    """A table set from the parsed TOML of ``name``.toml; a ``FinalTablesError`` names the place."""
    where = f"决算表套“{name}.toml”"
    if data.get("kind") != "final-accounts":
        raise FinalTablesError(f"{where}：kind 应为 final-accounts")
    from_year = data.get("from_year")
    if not isinstance(from_year, int) or isinstance(from_year, bool):
        raise FinalTablesError(f"{where}：字段“from_year”应为年份")
    tables = []
    for item in data.get("tables", []):
        number = _text(item, "number", where)
        table_where = f"{where}的{number}"
        sides = tuple(_side(side, table_where) for side in item.get("sides", []))
        layout = _choice(item, "layout", table_where, LAYOUTS, "one-sided")
        if len(sides) != LAYOUTS.index(layout) + 1:
            raise FinalTablesError(f"{table_where}：{layout} 的表应有 {LAYOUTS.index(layout) + 1} 个 sides")
        table = TableDefinition(
            number=number,
            key=_text(item, "key", table_where),
            title=_text(item, "title", table_where),
            orientation=_choice(item, "orientation", table_where, ORIENTATIONS, "portrait"),
            layout=layout,
            select=_selector(item, table_where),
            sides=sides,
            notes=_texts(item, "notes", table_where),
            empty_note=_text(item, "empty_note", table_where, ""),
        )
        _check_keys(table, table_where)
        tables.append(table)
    if not tables:
        raise FinalTablesError(f"{where}：没有 [[tables]]")
    return TableSet(
        id=name,
        province=_text(data, "province", where, ""),
        from_year=from_year,
        title=_text(data, "title", where),
        unit=_text(data, "unit", where, "万元"),
        tables=tuple(tables),
    )


def load_table_set(path: Path) -> TableSet:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise FinalTablesError(f"决算表套 {path.name} 无法读取：{error.strerror}") from error
    except tomllib.TOMLDecodeError as error:
        raise FinalTablesError(f"决算表套 {path.name} 格式错误：{error}") from error
    return parse_table_set(data, path.stem)


# Computing the cells ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ComputedRow:
    key: str  # the row's key, or the code of a group row
    label: str
    line: int | None
    cells: tuple[Decimal, ...]  # one per column of the side, 元
    code: str = ""
    level: str = ""  # 类 / 款 / 项 for a group row
    total: bool = False  # a sum row (合计, 总计)


@dataclass(frozen=True)
class ComputedSide:
    definition: SideDefinition
    rows: tuple[ComputedRow, ...]


@dataclass(frozen=True)
class ComputedTable:
    definition: TableDefinition
    sides: tuple[ComputedSide, ...]
    empty: bool = False  # no fact of the table: printed as its empty_note

    def cell(self, row: str, column: str) -> Decimal:
        """The amount of a row (key or code) and column key, for tests and stated-figure comparison."""
        for side in self.sides:
            keys = [c.key for c in side.definition.columns]
            for computed in side.rows:
                if computed.key == row and column in keys:
                    return computed.cells[keys.index(column)]
        raise KeyError(f"{self.definition.number}: no cell {row}/{column}")


@dataclass
class _Context:
    """What the rows of one table share: the code names, the table (for messages), the sums so far."""

    names: Mapping[str, str]
    table: TableDefinition
    sums: dict[str, tuple[Decimal, ...]] = field(default_factory=dict)


def _add(amounts: Iterable[Decimal]) -> Decimal:
    return sum(amounts, ZERO)


def _column_takes(column: ColumnDefinition, fact: Fact) -> bool:
    """A budget figure (年初预算, 调整后预算, 预算) counts only in a column that asks for it."""
    if fact.figure != FINAL and all(name != "figure" for name, _ in column.select):
        return False
    return fact.taken_by(column.select)


def _cells(facts: list[Fact], side: SideDefinition) -> tuple[Decimal, ...]:
    return tuple(
        _add(fact.amount for fact in facts if _column_takes(column, fact)) for column in side.columns
    )


def _group_rows(
    row: RowDefinition, side: SideDefinition, facts: list[Fact], context: _Context
) -> list[ComputedRow]:
    code_field, lengths = GROUPS[row.group]
    lost = next((fact for fact in facts if not getattr(fact, code_field)), None)
    if lost is not None:
        kind = "功能" if row.group == "function" else "经济"
        what = lost.source or lost.category or lost.item or lost.funding
        raise FinalTablesError(
            f"{context.table.number}{context.table.title}：{lost.measure}“{what}”没有{kind}分类科目，无法按科目列示"
        )
    wanted = sorted(lengths[level] for level in row.levels)
    codes = sorted({getattr(fact, code_field)[:length] for fact in facts for length in wanted})
    level_of = {length: level for level, length in lengths.items()}
    classes = sorted(code for code in context.names if len(code) == 3 and code.isdigit())
    rows = []
    for code in codes:
        taken = [fact for fact in facts if getattr(fact, code_field).startswith(code)]
        name = context.names.get(code, "")
        label = row.label.format(name=name, ordinal=_ordinal(code, classes)) if row.label else name
        rows.append(ComputedRow(code, label, None, _cells(taken, side), code, level_of[len(code)]))
    top = [r.cells for r in rows if len(r.code) == wanted[0]]
    context.sums[row.key] = tuple(_add(cells[i] for cells in top) for i in range(len(side.columns)))
    return rows


CHINESE_DIGITS = "零一二三四五六七八九"


def chinese_number(number: int) -> str:
    """1 → 一, 10 → 十, 17 → 十七, 23 → 二十三 (the 类 ordinals of the 总表, below 100)."""
    tens, units = divmod(number, 10)
    if not tens:
        return CHINESE_DIGITS[units]
    return f"{CHINESE_DIGITS[tens] if tens > 1 else ''}十{CHINESE_DIGITS[units] if units else ''}"


def _ordinal(code: str, classes: list[str]) -> str:
    """The 类's place among the edition's 类 of its kind (201 一, 207 七 …); empty for an unknown one."""
    same_kind = [other for other in classes if other[0] == code[0]]
    return chinese_number(same_kind.index(code) + 1) if code in same_kind else ""


def _sum_rows(rows: list[RowDefinition], width: int, context: _Context) -> None:
    """The sum rows' cells, a sum of sums in any order (总计 over 本年收入合计 printed above it)."""
    pending = list(rows)
    while pending:
        ready = [row for row in pending if all(name in context.sums for name in row.sum)]
        if not ready:
            raise FinalTablesError(f"{context.table.number}：行“{pending[0].key}”的 sum 互相引用，无法计算")
        for row in ready:
            context.sums[row.key] = tuple(
                _add(context.sums[name][i] for name in row.sum) for i in range(width)
            )
            pending.remove(row)


def _side_rows(side: SideDefinition, facts: list[Fact], context: _Context) -> tuple[ComputedRow, ...]:
    taken = [fact for fact in facts if fact.taken_by(side.select)]
    groups: dict[str, list[ComputedRow]] = {}
    for row in side.rows:
        in_row = [fact for fact in taken if fact.taken_by(row.select)]
        if row.group:
            groups[row.key] = _group_rows(row, side, in_row, context)
        elif not row.sum:
            context.sums[row.key] = _cells(in_row, side)
    _sum_rows([row for row in side.rows if row.sum], len(side.columns), context)
    rows: list[ComputedRow] = []
    line: int | None = None
    for row in side.rows:
        line = row.line if row.line is not None else line
        if row.group:
            for computed in groups[row.key]:
                rows.append(replace(computed, line=line))
                line = None if line is None else line + 1
            continue
        rows.append(ComputedRow(row.key, row.label, line, context.sums[row.key], total=bool(row.sum)))
        line = None if line is None else line + 1
    return tuple(rows)


def compute_table(table: TableDefinition, facts: Iterable[Fact], names: Mapping[str, str]) -> ComputedTable:
    """Every cell of ``table`` from the year's facts; ``names`` gives 科目名称 by code (类/款/项)."""
    own = [fact for fact in facts if fact.taken_by(table.select)]
    context = _Context(names, table)
    sides = tuple(ComputedSide(side, _side_rows(side, own, context)) for side in table.sides)
    empty = bool(table.empty_note) and not any(fact.amount for fact in own)
    return ComputedTable(table, sides, empty)


def compute_tables(
    table_set: TableSet, facts: Iterable[Fact], names: Mapping[str, str]
) -> list[ComputedTable]:
    """All the tables of the set, in printing order."""
    facts = list(facts)
    return [compute_table(table, facts, names) for table in table_set.tables]
