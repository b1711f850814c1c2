"""总览: the year's key figures, each computed by the service that owns it, as label and text."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from desktop.domain.money import format_percent, format_wan, round_half_up
from desktop.domain.scoring import points
from desktop.services.budget import BudgetService
from desktop.services.register import RegisterService
from desktop.services.scoring import ScoringService


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str  # as shown: 416.18 (万元), 99.22%, 84.60
    detail: str = ""  # 上年 and 增减 where there is one


def _change_text(previous: Decimal, rate: Decimal | None) -> str:
    if not previous:
        return ""
    text = f"上年 {format_wan(previous)}"
    return text if rate is None else f"{text}，增减 {format_percent(rate)}"


def key_figures(
    budget: BudgetService, scoring: ScoringService, register: RegisterService, department_id: int, year: int
) -> list[KeyFigure]:
    """本年收入/支出合计, 基本/项目支出, 三公经费 (万元); the average 自评 score of the projects with
    a 自评表 (indicators); the register's 三率一度."""
    summary = budget.summary(department_id, year)
    figures = [
        KeyFigure(
            f"{label}（万元）", format_wan(figure.current), _change_text(figure.previous, figure.change_rate)
        )
        for label, figure in (
            ("本年收入合计", summary.income_total),
            ("本年支出合计", summary.expenditure_total),
            ("基本支出", summary.basic),
            ("项目支出", summary.project),
            ("三公经费", summary.three_public),
        )
    ]
    totals = [
        p.scores.total
        for p in scoring.project_evaluations(department_id, year)
        if p.scores.grade and p.scores.total is not None
    ]
    if totals:  # the final ones: no 待评 indicator, no 合计 over the full marks
        average = round_half_up(sum(totals, Decimal(0)) / len(totals), 2)
        figures.append(KeyFigure("项目自评平均得分", points(average), f"{len(totals)} 个项目"))
    statistics = register.statistics(department_id, year)
    for label, value in statistics.rates.items():
        figures.append(KeyFigure(f"信访{label}", "—" if value is None else f"{value}%"))
    return figures
