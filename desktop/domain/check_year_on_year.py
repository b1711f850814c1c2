"""比上年 (DOMAIN.md §5.3 V17): each published 上年 figure against the records, then its 增减额 and
增减率 against 本年 − 上年 on the values the report uses."""

from __future__ import annotations

from decimal import Decimal

from desktop.domain.check_records import (
    CARRY_OVER_SOURCES,
    FISCAL_FUNDINGS,
    GENERAL_BUDGET,
    Accounts,
    budget_place,
    is_personnel,
    stated_place,
)
from desktop.domain.checks import Ledger, sum_of


def check_year_on_year(
    accounts: Accounts,
    ledger: Ledger,
    income_total: Decimal,
    spending_total: Decimal,
    general: Decimal,
    three_public: tuple[Decimal, Decimal],
    public_funds: Decimal,
) -> None:
    """V17 for the 收支总计, 财政拨款, 一般公共预算, 三公, 机关运行经费 and the report's totals."""
    income = accounts.income
    spending = accounts.expenditure
    carried_previous = sum_of(line.previous for line in income if line.source in CARRY_OVER_SOURCES)
    income_previous = sum_of(line.previous for line in income if line.source not in CARRY_OVER_SOURCES)
    spending_previous = sum_of(line.previous for line in spending)
    general_previous = sum_of(line.previous for line in spending if line.funding == GENERAL_BUDGET)
    fiscal_previous = sum_of(line.previous for line in spending if line.funding in FISCAL_FUNDINGS)
    public_previous = sum_of(
        line.previous for line in accounts.basic if line.funding == GENERAL_BUDGET and not is_personnel(line)
    )
    carried = sum_of(line.final for line in income if line.source in CARRY_OVER_SOURCES)
    grand_total = ledger.value("收入总计", income_total + carried)
    fiscal_total = ledger.value("财政拨款收支总计", general)
    running = ledger.value("机关运行经费", public_funds)
    cases = (
        ("收支总计", grand_total, income_previous + carried_previous),
        ("财政拨款收支总计", fiscal_total, fiscal_previous),
        ("一般公共预算财政拨款支出", general, general_previous),
        ("三公经费", three_public[0], three_public[1]),
        ("机关运行经费", running, public_previous),
        ("收入决算总额", ledger.value("收入决算总额", income_total), income_previous),
        ("支出决算总额", ledger.value("支出决算总额", spending_total), spending_previous),
    )
    for label, current, previous_record in cases:
        previous_key = f"上年{label}"
        ledger.leaf(
            previous_key,
            previous_record,
            1,
            f"{label} · 上年决算",
            budget_place(stated=previous_key, column="上年决算"),
        )
        previous = ledger.value(previous_key, previous_record)
        ledger.change(label, current, previous, f"{label} · 比上年", stated_place(f"{label}增减额"))
