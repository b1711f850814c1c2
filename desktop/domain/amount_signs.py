"""Which amounts may be below zero (issue 10: a negative 调整后预算 was accepted).

Only the 决算数 and 上年决算数 of the 收入, 支出 and 基本支出 lines: a final account shows the
return of an earlier year's spending (收回以前年度支出) or a correction as a negative line; and a
published figure (公开数), which may be a decrease. Every
budget (年初预算, 调整后预算, 预算数), the 三公经费 figures, 执行进度 and a project's funding are
sums allotted or spent and are never negative (a choice where the sources are silent).
"""

from __future__ import annotations

_SIGNED = {
    "income_line": frozenset({"final_amount", "previous_final"}),
    "expenditure_line": frozenset({"final_amount", "previous_final"}),
    "basic_expenditure_line": frozenset({"final_amount", "previous_final"}),
    "stated_figure": frozenset({"amount"}),  # a published 增减额: “减少74.49万元” is kept as −74.49
}


def may_be_negative(table: str, field: str) -> bool:
    """Whether the amount ``field`` of the table ``table`` has a meaning below zero."""
    return field in _SIGNED.get(table, frozenset())
