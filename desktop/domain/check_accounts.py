"""勾稽关系 of the 决算 tables (DOMAIN.md §5.3 V1–V6, V9, V12–V17) over plain records, in the order
the report is read: 总表 and 支出 tables, 基本支出, 三公经费, 执行进度, 比上年.

The records are in ``check_records``; each group of rules has its own module.
"""

from __future__ import annotations

from decimal import Decimal

from desktop.domain.check_basic import check_basic
from desktop.domain.check_records import Accounts, budget_place
from desktop.domain.check_three_public import check_three_public
from desktop.domain.check_totals import (
    check_general_budget,
    check_income,
    check_spending,
    check_totals_balance,
    general_budget_items,
)
from desktop.domain.check_year_on_year import check_year_on_year
from desktop.domain.checks import Ledger


def check_checkpoints(accounts: Accounts, ledger: Ledger) -> None:
    """Each printed 执行进度 against 累计支出 ÷ 全年预算 of its checkpoint."""
    for point in accounts.checkpoints:
        ledger.leaf_percent(
            f"执行进度·{point.month}月",
            point.cumulative,
            point.base,
            f"执行进度 {point.month} 月 · 累计支出",
            budget_place(section="执行进度", month=point.month, column="累计支出"),
        )


def check_accounts(accounts: Accounts, ledger: Ledger) -> tuple[Decimal, Decimal]:
    """Run the 决算 table rules into ``ledger``.

    Returns 项目支出 of all funds and of 一般公共预算财政拨款 as the report uses them (for V19).
    """
    income_total = check_income(accounts, ledger)
    items = general_budget_items(accounts, ledger)
    general = check_general_budget(accounts, items, ledger)
    spending_total, project_spending = check_spending(accounts, items, general, ledger)
    check_totals_balance(ledger)
    public_funds, fiscal_project_spending = check_basic(accounts, items, ledger)
    three_public = check_three_public(accounts, ledger)
    check_checkpoints(accounts, ledger)
    check_year_on_year(accounts, ledger, income_total, spending_total, general, three_public, public_funds)
    return project_spending, fiscal_project_spending
