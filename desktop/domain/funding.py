"""资金来源: the one list of funding sources a project may be funded from, and how each printed
layout groups them (DOMAIN.md §1.2).

The Sichuan 自评表 has rows 财政资金 / 财政专户管理资金 / 单位资金 / 其他资金; the national form
(财预〔2020〕10号 附件1) has 当年财政拨款 (Anhui: 本年财政拨款) / 上年结转资金 / 其他资金. The 项目 sheet
accepts every source of both. Every source counts in the 总额, whatever the form.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from desktop.domain.scoring import execution_rate

FUNDING_SOURCES = ("财政资金", "财政专户管理资金", "单位资金", "其他资金", "本年财政拨款", "上年结转资金")
FUNDING_TOTAL = "总额"
SICHUAN_ROWS = FUNDING_SOURCES[:4]  # always printed on the Sichuan form; other sources only when used
# The national form's categories and the sources each one gathers.
NATIONAL_ROWS = (
    ("当年财政拨款", ("财政资金", "本年财政拨款")),
    ("上年结转资金", ("上年结转资金",)),
    ("其他资金", ("财政专户管理资金", "单位资金", "其他资金")),
)
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class FundingRow:
    """年初预算 / 调整后预算数 / 预算执行数 (元) of one source, a category or the 总额, with its 执行率."""

    source: str
    initial_budget: Decimal
    adjusted_budget: Decimal
    executed: Decimal

    @property
    def execution_rate(self) -> Decimal | None:
        """Ratio (0.8937); none when nothing was budgeted."""
        return execution_rate(self.executed, self.adjusted_budget)

    @property
    def used(self) -> bool:
        return bool(self.initial_budget or self.adjusted_budget or self.executed)


def unknown_source(source: str) -> str | None:
    """Why ``source`` is refused, or none when it is one of ``FUNDING_SOURCES``."""
    if source in FUNDING_SOURCES:
        return None
    return f"资金来源“{source}”应为{'、'.join(FUNDING_SOURCES)}之一"


def summed(label: str, rows: Sequence[FundingRow]) -> FundingRow:
    return FundingRow(
        label,
        sum((row.initial_budget for row in rows), ZERO),
        sum((row.adjusted_budget for row in rows), ZERO),
        sum((row.executed for row in rows), ZERO),
    )


def by_source(rows: Sequence[FundingRow]) -> tuple[FundingRow, ...]:
    """One row per source of ``FUNDING_SOURCES``, in that order (zero where a source is not stored)."""
    stored = {row.source: row for row in rows}
    return tuple(stored.get(source, FundingRow(source, ZERO, ZERO, ZERO)) for source in FUNDING_SOURCES)


def sichuan_rows(rows: Sequence[FundingRow]) -> tuple[FundingRow, ...]:
    """The Sichuan form's 其中 rows: its four sources, then every other source that is used."""
    return tuple(row for row in by_source(rows) if row.source in SICHUAN_ROWS or row.used)


def national_rows(rows: Sequence[FundingRow]) -> tuple[FundingRow, ...]:
    """The national form's 其中 rows: 当年财政拨款, 上年结转资金, 其他资金, each the sum of its sources."""
    sources = by_source(rows)
    return tuple(
        summed(label, [row for row in sources if row.source in members]) for label, members in NATIONAL_ROWS
    )
