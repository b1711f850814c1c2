"""The figures the 决算说明 states, by name in the clerk's words (DOMAIN.md §4.7, §5 V16–V17).

One catalogue is built from the year's lines; the report writer and the check of a report
written elsewhere both read it, so the text Ziping writes and the figures it checks cannot
disagree. Every 增减额, 增减率, 占比 and 完成预算 goes through ``desktop.domain.budget``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from desktop.domain.budget import (
    BASIC,
    EXPENDITURE_CATEGORIES,
    FISCAL_FUNDING,
    FUNDINGS,
    INCOME_SOURCES,
    NOT_CURRENT_INCOME,
    PERSONNEL,
    PROJECT,
    THREE_PUBLIC_ITEMS,
    change,
    change_rate,
    expense_kind,
    share,
)
from desktop.domain.classification import function_class

ZERO = Decimal("0.00")

GRAND_TOTAL = "收支总计"
INCOME_GRAND_TOTAL = "收入总计"
EXPENDITURE_GRAND_TOTAL = "支出总计"
INCOME_TOTAL = "本年收入合计"
EXPENDITURE_TOTAL = "本年支出合计"
CARRIED_OUT = "年末结转和结余"
FISCAL_GRAND_TOTAL = "财政拨款收支总计"
FISCAL_INCOME = "财政拨款收入"
FISCAL_EXPENDITURE_GRAND_TOTAL = "财政拨款支出总计"
FISCAL_EXPENDITURE = "财政拨款支出"
FISCAL_BASIC = "财政拨款基本支出"
FISCAL_PROJECT = "财政拨款项目支出"
GENERAL_EXPENDITURE = "一般公共预算财政拨款支出"
GENERAL_BASIC = "一般公共预算财政拨款基本支出"
PERSONNEL_COSTS = "人员经费"
PUBLIC_COSTS = "公用经费"
THREE_PUBLIC = "三公经费"
VEHICLES = "公务用车购置及运行维护费"
RECEPTION = "公务接待费"
FUND_EXPENDITURE = "政府性基金预算财政拨款支出"
CAPITAL_EXPENDITURE = "国有资本经营预算财政拨款支出"
# 机关运行经费: 一般公共预算财政拨款 基本支出 公用经费 of a 行政单位 / 参公 unit (§4.7).
RUNNING_COSTS = "机关运行经费"
PROCUREMENT = "政府采购支出总额"
PROCUREMENT_KINDS = ("政府采购货物支出", "政府采购工程支出", "政府采购服务支出")
PROCUREMENT_AWARDS = ("授予中小企业合同金额", "授予小微企业合同金额")
FISCAL_SOURCES = INCOME_SOURCES[:3]


@dataclass(frozen=True)
class IncomeAmount:
    source: str
    final_amount: Decimal
    previous_final: Decimal
    funding: str = ""  # of a 年初结转和结余 / 年末结转和结余 row: the fund it is of


@dataclass(frozen=True)
class SpendingAmount:
    """One 支出 line: 功能分类 项, kind (基本/项目) and funding, with its 调整后预算."""

    function_code: str
    category: str
    funding: str
    adjusted_budget: Decimal
    final_amount: Decimal
    previous_final: Decimal


@dataclass(frozen=True)
class BasicAmount:
    economic_code: str
    name: str
    funding: str
    final_amount: Decimal
    previous_final: Decimal


@dataclass(frozen=True)
class ThreePublicAmount:
    item: str
    budget: Decimal
    final_amount: Decimal
    previous_final: Decimal
    batches: int = 0
    persons: int = 0
    vehicles: int = 0


@dataclass(frozen=True)
class ReportLines:
    """The year's lines the catalogue is built from (amounts in 元).

    ``has_previous`` is false for a year without 上年决算: its figures carry no comparison.
    ``names`` gives the 功能分类 names (类 2xx, 项 2xxxxxx) of the year's edition.
    """

    year: int
    income: Sequence[IncomeAmount]
    spending: Sequence[SpendingAmount]
    basic: Sequence[BasicAmount]
    three_public: Sequence[ThreePublicAmount]
    carried_out: Sequence[IncomeAmount]  # 年末结转和结余 by fund
    names: dict[str, str]
    has_previous: bool
    projects: Sequence[tuple[str, Decimal]] = ()  # each project's 财政资金 spent, as the 附件 lists it
    # 执行进度: (month, cumulative spending, 全年预算 at that month)
    checkpoints: Sequence[tuple[int, Decimal, Decimal]] = ()
    # the 说明's 第十部分 amounts no line holds (机关运行经费, 政府采购 …): item → (本年, 上年)
    reported: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)  # 车辆, 设备, 人员, 机构 as reported


@dataclass(frozen=True)
class ReportFigure:
    """A stated figure: this year's amount, last year's (none without a previous year), the figure
    it is a share of, and the budget it completes (for 完成预算)."""

    name: str
    current: Decimal
    previous: Decimal | None = None
    whole: str | None = None
    budget: Decimal | None = None

    @property
    def change(self) -> Decimal | None:
        return None if self.previous is None else change(self.current, self.previous)

    @property
    def change_rate(self) -> Decimal | None:
        return None if self.previous is None else change_rate(self.current, self.previous)

    @property
    def completion(self) -> Decimal | None:
        """完成预算 = 决算 / 调整后预算."""
        return None if self.budget is None else share(self.current, self.budget)


@dataclass(frozen=True)
class ReportCatalogue:
    year: int
    figures: dict[str, ReportFigure] = field(default_factory=dict)
    # 类 and 项 of 一般公共预算财政拨款支出, in code order: (code, figure name)
    classes: tuple[tuple[str, str], ...] = ()
    items: tuple[tuple[str, str], ...] = ()
    has_previous: bool = True
    projects: tuple[str, ...] = ()  # project names, each a figure (its 财政资金 spent; no 上年)
    lines: ReportLines | None = None  # what it was built from: names and counts for the text
    counts: dict[str, int] = field(default_factory=dict)  # 车辆, 设备, 人员, 机构 as reported

    def __getitem__(self, name: str) -> ReportFigure:
        return self.figures[name]

    def share(self, name: str, whole: str | None = None) -> Decimal | None:
        """The figure's share of ``whole`` (by default the figure it belongs to)."""
        figure = self.figures[name]
        base = whole or figure.whole
        if base is None or base not in self.figures:
            return None
        return share(figure.current, self.figures[base].current)


def progress_name(month: int) -> str:
    """The figure of a month's 执行进度 (its 完成预算 is the progress): “6月执行进度”."""
    return f"{month}月执行进度"


def item_label(code: str, names: dict[str, str]) -> str:
    """The seed's way of naming a 项: 一般公共服务（201）政府办公厅（室）及相关机构事务（03）行政运行（01）."""
    class_name = names.get(code[:3], code[:3]).removesuffix("支出")
    return (
        f"{class_name}（{code[:3]}）{names.get(code[:5], code[:5])}（{code[3:5]}）"
        f"{names.get(code, code)}（{code[5:]}）"
    )


class _Builder:
    def __init__(self, has_previous: bool) -> None:
        self.has_previous = has_previous
        self.figures: dict[str, ReportFigure] = {}

    def add(self, name, current, previous, whole=None, budget=None) -> None:
        self.figures[name] = ReportFigure(
            name, current, previous if self.has_previous else None, whole, budget
        )


def _sums(rows: Iterable, keep=lambda row: True) -> tuple[Decimal, Decimal]:
    chosen = [row for row in rows if keep(row)]
    return (
        sum((row.final_amount for row in chosen), ZERO),
        sum((row.previous_final for row in chosen), ZERO),
    )


def _plus(first: tuple[Decimal, Decimal], second: tuple[Decimal, Decimal]) -> tuple[Decimal, Decimal]:
    return first[0] + second[0], first[1] + second[1]


def build_catalogue(lines: ReportLines) -> ReportCatalogue:
    """Every figure of the 决算说明, from the lines."""
    add = _Builder(lines.has_previous)
    current_income = [row for row in lines.income if row.source not in NOT_CURRENT_INCOME]
    income_total = _sums(current_income)
    carried_in = _sums(lines.income, lambda row: row.source in NOT_CURRENT_INCOME)
    carried_out = _sums(lines.carried_out)
    spending_total = _sums(lines.spending)
    grand_income = (income_total[0] + carried_in[0], income_total[1] + carried_in[1])
    add.add(GRAND_TOTAL, *grand_income)
    add.add(INCOME_GRAND_TOTAL, *grand_income)
    add.add(EXPENDITURE_GRAND_TOTAL, spending_total[0] + carried_out[0], spending_total[1] + carried_out[1])
    add.add(INCOME_TOTAL, *income_total)
    add.add(EXPENDITURE_TOTAL, *spending_total)
    add.add(CARRIED_OUT, *carried_out)
    for source in INCOME_SOURCES:
        whole = None if source in NOT_CURRENT_INCOME else INCOME_TOTAL
        add.add(source, *_sums(lines.income, lambda row, s=source: row.source == s), whole)
    for category in EXPENDITURE_CATEGORIES:
        add.add(
            category, *_sums(lines.spending, lambda row, c=category: row.category == c), EXPENDITURE_TOTAL
        )

    fiscal = [row for row in lines.spending if row.funding in FUNDINGS[:3]]
    fiscal_income = _sums(lines.income, lambda row: row.source in FISCAL_SOURCES)
    fiscal_carried_in = _sums(
        lines.income, lambda row: row.source in NOT_CURRENT_INCOME and row.funding in FUNDINGS[:3]
    )
    fiscal_carried_out = _sums(lines.carried_out, lambda row: row.funding in FUNDINGS[:3])
    fiscal_spent = _sums(fiscal)
    add.add(FISCAL_INCOME, *fiscal_income)
    add.add(FISCAL_GRAND_TOTAL, *_plus(fiscal_income, fiscal_carried_in))
    add.add(FISCAL_EXPENDITURE_GRAND_TOTAL, *_plus(fiscal_spent, fiscal_carried_out))
    add.add(FISCAL_EXPENDITURE, *fiscal_spent, EXPENDITURE_TOTAL)
    add.add(FISCAL_BASIC, *_sums(fiscal, lambda row: row.category == BASIC), FISCAL_EXPENDITURE)
    add.add(FISCAL_PROJECT, *_sums(fiscal, lambda row: row.category == PROJECT), FISCAL_EXPENDITURE)
    add.add(
        FUND_EXPENDITURE, *_sums(lines.spending, lambda row: row.funding == FUNDINGS[1]), EXPENDITURE_TOTAL
    )
    add.add(
        CAPITAL_EXPENDITURE, *_sums(lines.spending, lambda row: row.funding == FUNDINGS[2]), EXPENDITURE_TOTAL
    )

    general = sorted(
        (row for row in lines.spending if row.funding == FISCAL_FUNDING), key=lambda row: row.function_code
    )
    general_budget = sum((row.adjusted_budget for row in general), ZERO)
    add.add(GENERAL_EXPENDITURE, *_sums(general), EXPENDITURE_TOTAL, general_budget)
    classes, items = [], []
    for code in sorted({function_class(row.function_code) for row in general}):
        name = lines.names.get(code, code)
        in_class = [row for row in general if function_class(row.function_code) == code]
        add.add(name, *_sums(in_class), GENERAL_EXPENDITURE)
        classes.append((code, name))
    for code in sorted({row.function_code for row in general}):
        label = item_label(code, lines.names)
        in_item = [row for row in general if row.function_code == code]
        budget = sum((row.adjusted_budget for row in in_item), ZERO)
        add.add(label, *_sums(in_item), GENERAL_EXPENDITURE, budget)
        items.append((code, label))

    general_basic = [row for row in lines.basic if row.funding == FISCAL_FUNDING]
    add.add(GENERAL_BASIC, *_sums(general_basic), GENERAL_EXPENDITURE)

    def personnel(row: BasicAmount) -> bool:
        return expense_kind(row.economic_code) == PERSONNEL

    add.add(PERSONNEL_COSTS, *_sums(general_basic, personnel), GENERAL_BASIC)
    add.add(PUBLIC_COSTS, *_sums(general_basic, lambda row: not personnel(row)), GENERAL_BASIC)
    running = lines.reported.get(RUNNING_COSTS) or _sums(general_basic, lambda row: not personnel(row))
    add.add(RUNNING_COSTS, *running)
    _add_procurement(add, lines.reported)

    _add_three_public(add, lines.three_public)
    for month, spent, base in lines.checkpoints:
        add.figures[progress_name(month)] = ReportFigure(progress_name(month), spent, None, None, base)
    projects = tuple(name for name, _ in lines.projects if name not in add.figures)
    for name, spent in lines.projects:
        if name in projects:
            add.figures[name] = ReportFigure(name, spent, None, FISCAL_PROJECT)
    return ReportCatalogue(
        lines.year,
        add.figures,
        tuple(classes),
        tuple(items),
        lines.has_previous,
        projects,
        lines,
        dict(lines.counts),
    )


def _add_procurement(add: _Builder, reported: dict[str, tuple[Decimal, Decimal]]) -> None:
    """政府采购支出总额 = 货物 + 工程 + 服务; the contracts to 中小企业 (and 小微企业) are shares of it."""
    if not any(item in reported for item in (*PROCUREMENT_KINDS, *PROCUREMENT_AWARDS)):
        return
    nothing = (ZERO, ZERO)
    total = nothing
    for item in PROCUREMENT_KINDS:
        total = _plus(total, reported.get(item, nothing))
        add.add(item, *reported.get(item, nothing), PROCUREMENT)
    add.add(PROCUREMENT, *total)
    for item in PROCUREMENT_AWARDS:
        add.add(item, *reported.get(item, nothing), PROCUREMENT)


def _add_three_public(add: _Builder, rows: Sequence[ThreePublicAmount]) -> None:
    """三公经费 and its items; 公务用车 and 公务接待 also as the subtotals the report states."""
    budget_of = {row.item: row.budget for row in rows}

    def add_group(name: str, members: tuple[str, ...], whole: str | None) -> None:
        chosen = [row for row in rows if row.item in members]
        budget = sum((budget_of.get(item, ZERO) for item in members), ZERO)
        add.add(name, *_sums(chosen), whole, budget)

    travel, purchase, running, domestic, foreign = THREE_PUBLIC_ITEMS
    add_group(THREE_PUBLIC, THREE_PUBLIC_ITEMS, None)
    add_group(travel, (travel,), THREE_PUBLIC)
    add_group(VEHICLES, (purchase, running), THREE_PUBLIC)
    add_group(purchase, (purchase,), VEHICLES)
    add_group(running, (running,), VEHICLES)
    add_group(RECEPTION, (domestic, foreign), THREE_PUBLIC)
    add_group(domestic, (domestic,), RECEPTION)
    add_group(foreign, (foreign,), RECEPTION)
