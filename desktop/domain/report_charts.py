"""The seven charts of the 决算说明, as data read from the figure catalogue.

The PDF (reportlab graphics), the Word file (PNG) and the 总览 tab (QtCharts) draw these, so a
chart cannot show another figure than the text beside it. Values are in 万元 as printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from desktop.domain import report_figures as names
from desktop.domain.budget import (
    EXPENDITURE_CATEGORIES,
    INCOME_SOURCES,
    NOT_CURRENT_INCOME,
    THREE_PUBLIC_ITEMS,
)
from desktop.domain.money import format_percent, to_wan
from desktop.domain.report_figures import ReportCatalogue
from desktop.domain.report_text import CHARTS

BAR, PIE = "bar", "pie"


@dataclass(frozen=True)
class ChartSeries:
    name: str
    values: tuple[Decimal, ...]  # 万元, one per category


@dataclass(frozen=True)
class Chart:
    number: int
    title: str
    kind: str  # bar: categories are the years; pie: categories are the parts (one series)
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]

    @property
    def empty(self) -> bool:
        return not any(value for series in self.series for value in series.values)

    def labels(self) -> tuple[str, ...]:
        """A pie's slice labels: “其他收入 4.60万元（1.10%）”; a bar chart's categories."""
        if self.kind != PIE:
            return self.categories
        values = self.series[0].values
        whole = sum(values, Decimal(0))
        return tuple(
            f"{name} {value}万元（{format_percent(value / whole) if whole else '0.00%'}）"
            for name, value in zip(self.categories, values, strict=True)
        )


def _bars(catalogue: ReportCatalogue, number: int, members: tuple[tuple[str, str], ...]) -> Chart:
    year = catalogue.year
    categories = (f"{year - 1}年", f"{year}年") if catalogue.has_previous else (f"{year}年",)
    series = []
    for label, name in members:
        figure = catalogue[name]
        years = (figure.current,) if figure.previous is None else (figure.previous, figure.current)
        series.append(ChartSeries(label, tuple(to_wan(amount) for amount in years)))
    return Chart(number, CHARTS[number - 1], BAR, categories, tuple(series))


def _pie(catalogue: ReportCatalogue, number: int, parts: list[tuple[str, str]]) -> Chart:
    shown = [(label, to_wan(catalogue[name].current)) for label, name in parts if catalogue[name].current]
    return Chart(
        number,
        CHARTS[number - 1],
        PIE,
        tuple(label for label, _ in shown),
        (ChartSeries("决算数", tuple(value for _, value in shown)),),
    )


def report_charts(catalogue: ReportCatalogue) -> list[Chart]:
    """图1 to 图7, in the report's order."""
    income = [(s, s) for s in INCOME_SOURCES if s not in NOT_CURRENT_INCOME]
    spending = [(k, k) for k in EXPENDITURE_CATEGORIES]
    classes = [(name, name) for _, name in catalogue.classes]
    travel = THREE_PUBLIC_ITEMS[0]
    three_public = [(travel, travel), (names.VEHICLES, names.VEHICLES), (names.RECEPTION, names.RECEPTION)]
    return [
        _bars(
            catalogue,
            1,
            (("收入总计", names.INCOME_GRAND_TOTAL), ("支出总计", names.EXPENDITURE_GRAND_TOTAL)),
        ),
        _pie(catalogue, 2, income),
        _pie(catalogue, 3, spending),
        _bars(
            catalogue,
            4,
            (("财政拨款收入", names.FISCAL_GRAND_TOTAL), ("财政拨款支出", names.FISCAL_EXPENDITURE)),
        ),
        _bars(catalogue, 5, (("一般公共预算财政拨款支出", names.GENERAL_EXPENDITURE),)),
        _pie(catalogue, 6, classes),
        _pie(catalogue, 7, three_public),
    ]
