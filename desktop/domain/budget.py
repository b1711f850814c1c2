"""预算决算 aggregates and the figures derived from them (DOMAIN.md §4.7, §5, §2.1).

Pure functions over ``Decimal`` amounts in 元: totals by 类/款/项, 人员经费 / 公用经费 by economic
code, year-on-year change, shares, execution progress and the points the 执行进度 checkpoints
earn. Ratios are ``Decimal`` ratios (0.4358), shown as percentages by ``format_percent``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from desktop.domain.classification import function_class, function_section
from desktop.domain.money import round_half_up
from desktop.domain.scorecard_methods import score_checkpoints, score_completion
from desktop.domain.templates import Template

ZERO = Decimal("0.00")
ONE = Decimal(1)

PERSONNEL = "人员经费"
PUBLIC = "公用经费"
# 人员经费 = 301 工资福利支出 + 303 对个人和家庭的补助; the rest of 基本支出 is 公用经费 (§4.7).
PERSONNEL_CLASSES = ("301", "303")

BASIC = "基本支出"
PROJECT = "项目支出"
EXPENDITURE_CATEGORIES = (BASIC, PROJECT, "上缴上级支出", "经营支出", "对附属单位补助支出")
FISCAL_FUNDING = "一般公共预算财政拨款"
FUNDINGS = (FISCAL_FUNDING, "政府性基金预算财政拨款", "国有资本经营预算财政拨款", "其他资金")

# Income rows that are not 本年收入 (the 总表 lists them below 本年收入合计).
CARRIED_IN = "年初结转和结余"
NOT_CURRENT_INCOME = (CARRIED_IN, "使用非财政拨款结余")
# The rows of the 收入支出决算总表 (DOMAIN.md §5.2), 本年收入 first.
INCOME_SOURCES = (
    "一般公共预算财政拨款收入",
    "政府性基金预算财政拨款收入",
    "国有资本经营预算财政拨款收入",
    "上级补助收入",
    "事业收入",
    "经营收入",
    "附属单位上缴收入",
    "其他收入",
    *NOT_CURRENT_INCOME,
)
CARRIED_OUT = "年末结转和结余"

THREE_PUBLIC_ITEMS = (
    "因公出国（境）费",
    "公务用车购置费",
    "公务用车运行维护费",
    "国内公务接待费",
    "外事接待费",
)

# 结转结余 rows below 本年支出合计 (BalanceLine.kind); 年初结转和结余 is an income row.
DISTRIBUTED = "结余分配"
BALANCE_KINDS = (DISTRIBUTED, CARRIED_OUT)

# The 说明's 第十部分 (其他重要事项): amounts and counts no line holds (ReportedAmount, ReportedCount),
# by the heading they are reported under.
OPERATING_COST = "机关运行经费"
REPORTED_AMOUNTS = {
    "机关运行经费": (OPERATING_COST,),
    "政府采购": (
        "政府采购货物支出",
        "政府采购工程支出",
        "政府采购服务支出",
        "授予中小企业合同金额",
        "授予小微企业合同金额",
    ),
}
VEHICLE_TYPES = (
    "主要领导干部用车",
    "机要通信用车",
    "应急保障用车",
    "执法执勤用车",
    "特种专业技术用车",
    "离退休干部服务用车",
    "其他用车",
)
REPORTED_COUNTS = {
    "国有资产": (*VEHICLE_TYPES, "单价50万元以上通用设备", "单价100万元以上专用设备"),
    "人员": ("编制人数", "在职人数", "离休人数", "退休人数"),
    "机构": ("下属二级单位", "行政单位", "参照公务员法管理的事业单位", "其他事业单位"),
}


def reported_topic(item: str, reported: dict[str, tuple[str, ...]]) -> str | None:
    """The heading an item of ``REPORTED_AMOUNTS`` / ``REPORTED_COUNTS`` is under; None for an unknown one."""
    return next((topic for topic, items in reported.items() if item in items), None)


@dataclass(frozen=True)
class ProgressTarget:
    """执行进度: the share of the year's budget to be spent by the end of a month, and its points.

    ``method`` is the scorecard method that scores it: ``checkpoints`` (执行进度, 6/9/11月) or
    ``completion`` (预算完成, 12月 against 100%).
    """

    month: int
    target: Decimal
    points: Decimal
    method: str


def progress_targets(template: Template) -> dict[int, ProgressTarget]:
    """The month targets a department scorecard template sets (DOMAIN.md §2.1; the seed's 遂宁
    card: 6/9/11月 40% / 67.5% / 82.5% worth 3/4/3, and 预算完成 at 12月 worth 10)."""
    targets: dict[int, ProgressTarget] = {}
    for node in template.leaves():
        if node.method == "checkpoints":
            for point in node.params["checkpoints"]:
                month = int(point["month"])
                targets[month] = ProgressTarget(
                    month, Decimal(point["target"]), Decimal(point["points"]), node.method
                )
        elif node.method == "completion":
            targets[12] = ProgressTarget(12, ONE, node.weight, node.method)
    return targets


def progress_points(ratio: Decimal | None, target: ProgressTarget) -> Decimal:
    """Points one checkpoint earns, by the scorecard's own method: 分值 × min(1, 实际 ÷ 目标).

    The ratio is taken as printed (four decimals, 43.58%), as the scorecard takes it.
    """
    if ratio is None:
        return ZERO
    printed = round_half_up(ratio, 4)
    if target.method == "completion":
        return score_completion(target.points, {}, {"progress": printed}).score
    point = {"month": target.month, "target": target.target, "points": target.points}
    return score_checkpoints(target.points, {"checkpoints": [point]}, {f"m{target.month}": printed}).score


def change(current: Decimal, previous: Decimal) -> Decimal:
    """增减额 = 本年 − 上年."""
    return current - previous


def change_rate(current: Decimal, previous: Decimal) -> Decimal | None:
    """增减率 = (本年 − 上年) / 上年; none when there was nothing last year."""
    if previous == 0:
        return None
    return (current - previous) / previous


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """占比 = part / whole; none for an empty whole."""
    if whole == 0:
        return None
    return part / whole


def progress(cumulative: Decimal, budget_base: Decimal) -> Decimal | None:
    """执行进度 = 累计支出 / 全年预算 (调整后); none without a budget."""
    if budget_base <= 0:
        return None
    return cumulative / budget_base


def expense_kind(economic_code: str) -> str:
    """人员经费 for 301/303 codes, 公用经费 for the others (302, 310, 307, 399)."""
    return PERSONNEL if economic_code[:3] in PERSONNEL_CLASSES else PUBLIC


@dataclass(frozen=True)
class Figures:
    """The four amounts of a budget line or a subtotal, in 元."""

    initial_budget: Decimal = ZERO
    adjusted_budget: Decimal = ZERO
    final_amount: Decimal = ZERO
    previous_final: Decimal = ZERO

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.initial_budget + other.initial_budget,
            self.adjusted_budget + other.adjusted_budget,
            self.final_amount + other.final_amount,
            self.previous_final + other.previous_final,
        )


def total(figures: Iterable[Figures]) -> Figures:
    result = Figures()
    for item in figures:
        result = result + item
    return result


@dataclass(frozen=True)
class CodedFigures:
    """A line's 功能分类 code, with its figures (several lines may share a code)."""

    function_code: str
    figures: Figures


@dataclass(frozen=True)
class FunctionNode:
    """A 类, 款 or 项 with the subtotal of everything charged below it."""

    code: str
    level: str
    figures: Figures
    children: tuple[FunctionNode, ...] = field(default=())


def function_tree(lines: Iterable[CodedFigures]) -> list[FunctionNode]:
    """类 → 款 → 项 subtotals of the lines, in code order."""
    by_item: dict[str, Figures] = {}
    for line in lines:
        by_item[line.function_code] = by_item.get(line.function_code, Figures()) + line.figures
    classes: dict[str, dict[str, list[FunctionNode]]] = {}
    for code in sorted(by_item):
        item = FunctionNode(code, "项", by_item[code])
        classes.setdefault(function_class(code), {}).setdefault(function_section(code), []).append(item)
    tree = []
    for class_code, sections in classes.items():
        section_nodes = tuple(
            FunctionNode(code, "款", total(item.figures for item in items), tuple(items))
            for code, items in sections.items()
        )
        tree.append(
            FunctionNode(class_code, "类", total(node.figures for node in section_nodes), section_nodes)
        )
    return tree
