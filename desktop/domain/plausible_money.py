"""Is a figure typed into a 万元 cell really 元? (issue 11, Build 5)

Clerks copy amounts from 元 sources (a voucher, the 绩效目标表's 预算数) into 万元 cells:
“250,000.00” meant as 25.00 万元 becomes 250,000.00 万元. ``suspected_yuan`` is the one rule the
window (which asks) and the Excel import (which warns) share. A value reads as 元 when

- its text ends in 元 but not in 万元 (“12000元”): it was read as 元, though the cell holds 万元;
- a bare number is above 10,000 万元 (one 亿 元: no line of a district department is that large);
- a bare number is over 1,000 × the line's budget (a line without a budget is not compared).

A number the clerk marked 万 or 万元 is never questioned: the clerk said what it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from desktop.domain.money import (
    TEN_THOUSAND,
    MoneyUnit,
    NumberFormatError,
    format_wan,
    normalise,
    parse_money,
)

# 10,000 万元 in 元
LARGEST_WAN_AMOUNT = TEN_THOUSAND * TEN_THOUSAND
BUDGET_FACTOR = Decimal(1000)
# The fields of a line that hold its budget, the one a figure is compared with first.
BUDGET_FIELDS = ("adjusted_budget", "budget", "budget_base", "initial_budget")


@dataclass(frozen=True)
class YuanSuspicion:
    """The two readings of a suspicious entry, both in 元, why it looks like 元, and whether
    ``parse_money`` already took it as 元 (its text said so)."""

    as_yuan: Decimal
    as_wan: Decimal
    reason: str
    said_yuan: bool = False

    def question(self) -> str:
        return f"{self.reason}，是否按元填写？"

    def warning(self) -> str:
        """The import keeps what the cell says and warns, naming both readings."""
        if self.said_yuan:
            return (
                f"{self.reason}：已按元换算为{format_wan(self.as_yuan)}万元，"
                f"如按万元应为{format_wan(self.as_wan)}万元，请核对"
            )
        return (
            f"{self.reason}：已按{format_wan(self.as_wan)}万元读取，"
            f"如按元填写应为{format_wan(self.as_yuan)}万元，请核对"
        )


def line_budget(values: Mapping[str, object]) -> Decimal | None:
    """The budget of a line (调整后预算, 预算, 全年预算 or 年初预算, the first above zero)."""
    for name in BUDGET_FIELDS:
        value = values.get(name)
        if isinstance(value, Decimal) and value > 0:
            return value
    return None


def _readings(text: str) -> tuple[Decimal, Decimal, bool] | None:
    """(as 元, as 万元, the text said 元) of ``text``, or none when one reading is not an amount."""
    cleaned = normalise(text).lstrip("¥￥")
    if cleaned.endswith(("万元", "万")):
        return None
    said_yuan = cleaned.endswith("元")
    bare = cleaned.removesuffix("元")
    try:
        return parse_money(bare, MoneyUnit.YUAN), parse_money(bare, MoneyUnit.WAN), said_yuan
    except NumberFormatError:
        return None


def suspected_yuan(entry: str | int | Decimal, budget: Decimal | None = None) -> YuanSuspicion | None:
    """Why ``entry``, typed into a 万元 cell of a line budgeted at ``budget`` 元, may be 元 (or none)."""
    if isinstance(entry, bool):
        return None
    readings = _readings(str(entry))
    if readings is None:
        return None
    as_yuan, as_wan, said_yuan = readings
    if said_yuan:
        return YuanSuspicion(as_yuan, as_wan, f"“{entry}”写明了元，而此处金额单位为万元", True)
    if as_wan > LARGEST_WAN_AMOUNT:
        return YuanSuspicion(as_yuan, as_wan, f"“{entry}”超过 10000 万元")
    if budget is not None and budget > 0 and as_wan > BUDGET_FACTOR * budget:
        return YuanSuspicion(as_yuan, as_wan, f"“{entry}”超过本行预算（{format_wan(budget)}万元）的 1000 倍")
    return None
