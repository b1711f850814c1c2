"""The 决算 records the table rules read, their statement keys and the places findings name.

Statement keys (what ``StatedFigure.key`` holds) are named here; ``desktop.services.sample_stated``
fills them from the seed. ``项·2010301`` and ``类·201`` are 一般公共预算财政拨款 figures by
功能分类; ``收入·其他收入`` an income source; ``三公·公务接待费`` a 三公 item; ``X增减额`` /
``X增减率`` the year-on-year statements of X.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

GENERAL_BUDGET = "一般公共预算财政拨款"
FISCAL_FUNDINGS = (GENERAL_BUDGET, "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
BASIC = "基本支出"
PROJECT = "项目支出"
CARRY_OVER_SOURCES = ("年初结转和结余", "使用非财政拨款结余")
PERSONNEL_PREFIXES = ("301", "303")

BUDGET_TAB = "预算决算"


@dataclass(frozen=True)
class IncomeRecord:
    source: str
    final: Decimal
    previous: Decimal


@dataclass(frozen=True)
class ExpenditureRecord:
    function_code: str
    name: str
    category: str
    funding: str
    final: Decimal
    previous: Decimal


@dataclass(frozen=True)
class BalanceRecord:
    kind: str
    final: Decimal


@dataclass(frozen=True)
class BasicRecord:
    economic_code: str
    funding: str
    final: Decimal
    previous: Decimal
    name: str = ""  # as entered or imported, compared with the edition's (V18)


@dataclass(frozen=True)
class ThreePublicRecord:
    item: str
    final: Decimal
    previous: Decimal


@dataclass(frozen=True)
class CheckpointRecord:
    month: int
    cumulative: Decimal
    base: Decimal


@dataclass(frozen=True)
class VehicleCounts:
    """公务用车: the 保有量 the 三公经费 give (公务用车运行维护费's 辆) and the 国有资产 vehicles by type."""

    kept: int
    by_type: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Accounts:
    """One department-year of 决算 records."""

    income: tuple[IncomeRecord, ...] = ()
    expenditure: tuple[ExpenditureRecord, ...] = ()
    balances: tuple[BalanceRecord, ...] = ()
    basic: tuple[BasicRecord, ...] = ()
    three_public: tuple[ThreePublicRecord, ...] = ()
    checkpoints: tuple[CheckpointRecord, ...] = ()
    vehicles: VehicleCounts | None = None  # None: no vehicle type is reported


def budget_place(**keys) -> dict:
    """A place in the 预算决算 tab (keys with a None value left out)."""
    return {"tab": BUDGET_TAB, **{name: value for name, value in keys.items() if value is not None}}


def stated_place(key: str) -> dict:
    """The place of a published figure (the 总览 tab shows it with its statement)."""
    return budget_place(stated=key)


def is_personnel(line: BasicRecord) -> bool:
    """人员经费 = 经济分类 301 + 303; everything else of 基本支出 is 公用经费 (DOMAIN.md V13)."""
    return line.economic_code.startswith(PERSONNEL_PREFIXES)


def general_budget_kinds(accounts: Accounts) -> dict[str, set[str]]:
    """For each 项 with 一般公共预算财政拨款 lines, the kinds (基本/项目支出) charged to it."""
    kinds: dict[str, set[str]] = {}
    for line in accounts.expenditure:
        if line.funding == GENERAL_BUDGET:
            kinds.setdefault(line.function_code, set()).add(line.category)
    return kinds
