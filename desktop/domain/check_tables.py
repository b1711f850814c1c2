"""The stated figures of the published tables against the same tables computed from the lines
(DOMAIN.md §5.3: V1–V5, V8–V13 and V15 on every 合计 / 小计 / 总计 a table states; V6 and V10).

An imported workbook's 合计, 小计 and 总计 cells are kept as ``Statement``s keyed
``final_tables.cell_key`` (公开03表·total·basic); its other cells became the lines the tables are
computed from. A stated cell is compared with the computed cell of the same table, row and
column. A table printed in 万元 (or 千元) with two decimals rounds every figure on its own, so the
two may differ by 0.01 of the unit per rounded addend (the lines the computed cell adds, at least
one): 434.72 against 434.71 of one or more lines is no finding, a gap of 0.02 on a cell of one
line is. A table in 元 is compared exactly. The unit is the statement's ``source`` suffix
(``source_text``), written by the import.

V6 (V10 for the 财政拨款 总表): the stated 收入 总计 and 支出 总计 of a two-sided table must be equal,
to the 分, whatever the rounding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from desktop.domain.check_records import BUDGET_TAB
from desktop.domain.checks import CERTAIN, SUSPECTED, Finding, Statement
from desktop.domain.final_tables import (
    ComputedRow,
    ComputedTable,
    Fact,
    FinalTablesError,
    TableDefinition,
    cell_key,
    compute_table,
)
from desktop.domain.money import FEN, TEN_THOUSAND

UNIT_FACTORS = {"元": Decimal(1), "千元": Decimal(1000), "万元": TEN_THOUSAND}
_UNIT = re.compile(r"金额单位：(千元|万元|元)$")

# The rule of DOMAIN.md §5.3 a table's stated totals belong to, by the table's key in the set.
TABLE_RULES = {
    "summary": "V3",
    "income": "V8",
    "expenditure": "V9",
    "fiscal_summary": "V10",
    "fiscal_detail": "V12",
    "public_budget": "V12",
    "public_budget_detail": "V12",
    "public_budget_basic": "V13",
    "three_public": "V15",
}
ROW_RULES = {
    ("summary", "current_income"): "V1",
    ("summary", "income_total"): "V2",
    ("summary", "expenditure_total"): "V5",
}
BALANCE_RULES = {"summary": "V6", "fiscal_summary": "V10"}
OTHER_TABLE_RULE = "V9"  # the 科目 tables of the 政府性基金 and 国有资本经营 budgets: sums as 表03


def source_text(place: str, unit: str) -> str:
    """A statement's ``source`` as the import writes it: where it was read, then its unit."""
    return f"{place}，金额单位：{unit}"


def source_unit(source: str) -> str:
    """The unit a stated figure was printed in (the end of its ``source``); 元 when none is said."""
    match = _UNIT.search(source)
    return match.group(1) if match else "元"


@dataclass(frozen=True)
class TableFigures:
    """One table computed from the lines, and how many lines each of its cells adds."""

    definition: TableDefinition
    computed: ComputedTable | None
    addends: ComputedTable | None
    unfilled: str = ""  # why the lines cannot fill the table (收入 without its 科目)

    @classmethod
    def of(cls, table: TableDefinition, facts: Sequence[Fact], names) -> TableFigures:
        counted = [replace(fact, amount=Decimal(1)) for fact in facts if fact.amount]
        try:
            return cls(table, compute_table(table, facts, names), compute_table(table, counted, names))
        except FinalTablesError as error:
            return cls(table, None, None, str(error))


def _cells(table: ComputedTable) -> dict[str, tuple[str, ComputedRow, str, Decimal]]:
    """cell key → (side heading, row, column heading, amount)."""
    found = {}
    number = table.definition.number
    for side in table.sides:
        for row in side.rows:
            for column, amount in zip(side.definition.columns, row.cells, strict=True):
                words = column.heading
                if side.definition.heading and words[0] == side.definition.heading and len(words) > 1:
                    words = words[1:]  # 收入·决算数 on the 收入 side is its 决算数
                heading = "·".join(words)
                found[cell_key(number, row.key, column.key)] = (side.definition.heading, row, heading, amount)
    return found


def _shown(amount: Decimal, unit: str) -> str:
    return f"{amount / UNIT_FACTORS[unit]:.2f}"


def table_place(number: str, row: str, column: str) -> dict:
    return {"tab": BUDGET_TAB, "table": number, "row": row, "column": column}


def check_tables(tables: Iterable[TableFigures], statements: Iterable[Statement]) -> list[Finding]:
    """The findings of every stated table cell that its computed cell does not match."""
    stated = {statement.key: statement for statement in statements if statement.amount is not None}
    findings: list[Finding] = []
    for figures in tables:
        definition = figures.definition
        if figures.computed is None or figures.addends is None:
            findings.append(_unfilled(figures))
            continue
        cells, addends = _cells(figures.computed), _cells(figures.addends)
        default_rule = TABLE_RULES.get(definition.key, OTHER_TABLE_RULE)
        for key, (side, row, heading, computed) in cells.items():
            statement = stated.get(key)
            if statement is None or statement.amount is None:
                continue
            unit = source_unit(statement.source)
            step = FEN * UNIT_FACTORS[unit] if unit != "元" else Decimal(0)
            count = int(addends[key][3])
            gap = statement.amount - computed
            if abs(gap) <= step * max(1, count):
                continue
            where = " · ".join(
                part
                for part in (f"{definition.number}{definition.title}", side, row.label or row.key, heading)
                if part
            )
            allowed = (
                f"，允许相差 {_shown(step * max(1, count), unit)}（每个四舍五入的加数 0.01）" if step else ""
            )
            message = (
                f"{where}：公开为 {_shown(statement.amount, unit)} {unit}（{statement.source}），"
                f"按 {count} 行明细计算为 {_shown(computed, unit)} {unit}，相差 {_shown(abs(gap), unit)}{allowed}"
            )
            place = table_place(definition.number, row.key, key.rsplit("·", 1)[1])
            rule = ROW_RULES.get((definition.key, row.key), default_rule)
            findings.append(
                Finding(
                    rule,
                    CERTAIN,
                    message,
                    where,
                    place,
                    _shown(computed, unit),
                    _shown(statement.amount, unit),
                )
            )
        if definition.key in BALANCE_RULES:
            findings += _balance(figures.computed, stated, BALANCE_RULES[definition.key])
    return findings


def _unfilled(figures: TableFigures) -> Finding:
    """A table whose stated figures cannot be checked: the lines cannot fill it."""
    definition = figures.definition
    where = f"{definition.number}{definition.title}"
    message = f"{figures.unfilled}：本表公开的数字无法按明细核对"
    place = table_place(definition.number, "", "")
    return Finding(TABLE_RULES.get(definition.key, OTHER_TABLE_RULE), SUSPECTED, message, where, place)


def _balance(table: ComputedTable, stated: dict[str, Statement], rule: str) -> list[Finding]:
    """V6 / V10: the stated 总计 of the 收入 side equals the stated 总计 of the 支出 side."""
    totals = []
    for side in table.sides:
        row = next((row for row in reversed(side.rows) if row.total), None)
        if row is None:
            return []
        key = cell_key(table.definition.number, row.key, side.definition.columns[0].key)
        totals.append((side.definition.heading, row, stated.get(key)))
    (_in_side, income_row, income), (_out_side, _out_row, spending) = totals
    if income is None or spending is None or income.amount is None or spending.amount is None:
        return []
    if income.amount == spending.amount:
        return []
    unit = source_unit(income.source)
    where = f"{table.definition.number}{table.definition.title} · 收入总计与支出总计"
    message = (
        f"{where}：收入总计 {_shown(income.amount, unit)} {unit}（{income.source}）与支出总计 "
        f"{_shown(spending.amount, unit)} {unit}（{spending.source}）不相等，相差 "
        f"{_shown(abs(income.amount - spending.amount), unit)} {unit}"
    )
    place = table_place(table.definition.number, income_row.key, "收支平衡")
    return [
        Finding(
            rule, CERTAIN, message, where, place, _shown(income.amount, unit), _shown(spending.amount, unit)
        )
    ]
