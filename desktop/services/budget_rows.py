"""What the budget service hands out: plain frozen rows with their derived figures.

Every derived figure (增减额, 增减率, 占比, 执行进度, points) is computed by ``desktop.domain.budget``
when the row is built, so the window, the PDF and the CLI show the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from desktop.domain.budget import change, change_rate


@dataclass(frozen=True)
class Comparison:
    """A figure of this year beside last year's (上年决算)."""

    current: Decimal
    previous: Decimal

    @property
    def change(self) -> Decimal:
        return change(self.current, self.previous)

    @property
    def change_rate(self) -> Decimal | None:
        return change_rate(self.current, self.previous)


@dataclass(frozen=True)
class BudgetSummary:
    """The key totals of a year's 决算 (本年 and 上年), all computed from the lines."""

    income_total: Comparison  # 本年收入合计
    fiscal_income: Comparison  # 一般公共预算财政拨款收入
    carried_in: Comparison  # 年初结转和结余
    expenditure_total: Comparison  # 本年支出合计
    fiscal_expenditure: Comparison  # 财政拨款支出
    basic: Comparison  # 基本支出
    project: Comparison  # 项目支出
    carried_out: Comparison  # 年末结转和结余
    personnel: Comparison  # 人员经费
    public: Comparison  # 公用经费
    three_public: Comparison  # 三公经费合计

    @property
    def income_grand_total(self) -> Comparison:
        """收入总计 = 本年收入合计 + 年初结转和结余."""
        return _plus(self.income_total, self.carried_in)

    @property
    def expenditure_grand_total(self) -> Comparison:
        """支出总计 = 本年支出合计 + 年末结转和结余."""
        return _plus(self.expenditure_total, self.carried_out)


def _plus(first: Comparison, second: Comparison) -> Comparison:
    return Comparison(first.current + second.current, first.previous + second.previous)


@dataclass(frozen=True)
class IncomeRow:
    id: int
    source: str
    function_code: str
    funding: str  # of a 年初结转和结余 row; empty for a source, which says its own
    initial_budget: Decimal
    adjusted_budget: Decimal
    final_amount: Decimal
    previous_final: Decimal
    change: Decimal
    change_rate: Decimal | None
    share: Decimal | None  # of 本年收入合计; none for 年初结转和结余


@dataclass(frozen=True)
class ExpenditureNode:
    """A 类, 款 or 项 subtotal, or (level “行”) one editable line of a 项 by kind and funding."""

    code: str
    name: str
    level: str  # 类 / 款 / 项 / 行
    initial_budget: Decimal
    adjusted_budget: Decimal
    final_amount: Decimal
    previous_final: Decimal
    change: Decimal
    change_rate: Decimal | None
    share: Decimal | None  # of 本年支出合计
    children: tuple[ExpenditureNode, ...] = ()
    line_id: int | None = None
    category: str = ""
    funding: str = ""


@dataclass(frozen=True)
class BasicRow:
    id: int
    economic_code: str
    name: str
    kind: str  # 人员经费 / 公用经费
    funding: str
    budget: Decimal
    final_amount: Decimal
    previous_final: Decimal
    change: Decimal
    change_rate: Decimal | None
    share: Decimal | None  # of 基本支出


@dataclass(frozen=True)
class ThreePublicRow:
    id: int
    item: str
    budget: Decimal
    final_amount: Decimal
    previous_final: Decimal
    change: Decimal
    change_rate: Decimal | None
    batches: int
    persons: int
    vehicles: int


@dataclass(frozen=True)
class CheckpointRow:
    id: int
    month: int
    cumulative_spending: Decimal
    budget_base: Decimal
    progress: Decimal | None  # ratio 累计支出 / 全年预算
    target: Decimal | None  # the month's target ratio, none for a month without one
    points: Decimal | None  # what reaching the target is worth
    earned: Decimal | None  # points × min(1, progress / target)
