"""Where a scorecard input comes from when the records hold it: a checkpoint, a budget figure,
the project's funding, or a statistic of the petition register.

A source is written ``kind:detail`` in the template (or in the item's own ``_sources``):

- ``checkpoint:6``: 执行进度 at the end of June, cumulative spending ÷ the budget of that date;
  without a 12月 checkpoint, ``checkpoint:12`` (年末执行进度) is Σ 决算 ÷ Σ 调整后预算 of the
  支出 lines, as the year's 决算 states it;
- ``budget:initial_expenditure`` / ``budget:adjusted_expenditure``: 本年支出合计, 年初 / 调整后;
- ``budget:basic_budget:30201+30202`` / ``budget:basic_final:…``: 基本支出 of those economic codes;
- ``project:execution_rate``: the scorecard project's 预算执行数 ÷ 调整后预算数;
- ``register:按期办结率`` (any of the 三率一度): the year's register statistics.

Each value is text the scoring methods read (``43.58%``, ``377.47万元``), with where it came from.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from desktop.domain.budget import Figures, progress, total
from desktop.domain.money import format_percent, format_wan, round_half_up
from desktop.errors import UserInputError
from desktop.services.project_read import ProjectDetail
from desktop.services.register import RegisterService
from desktop.storage.models import BasicExpenditureLine, ExecutionCheckpoint, ExpenditureLine

ZERO = Decimal("0.00")


class SourceReader:
    """Reads the sources of one scorecard within the caller's session."""

    def __init__(
        self, engine: Engine, session: Session, department_id: int, year: int, project: ProjectDetail | None
    ):
        self._engine = engine
        self._session = session
        self._department_id = department_id
        self._year = year
        self._project = project  # read as the 项目绩效 tab reads it
        self._rates: dict | None = None

    def read(self, source: str) -> tuple[str, str] | None:
        """(value text, origin) of a source, or none when the records do not hold it."""
        kind, _, detail = source.partition(":")
        if kind == "checkpoint":
            return self._checkpoint(int(detail))
        if kind == "budget":
            return self._budget(detail)
        if kind == "project" and detail == "execution_rate":
            return self._project_rate()
        if kind == "register":
            return self._register(detail)
        return None

    def _checkpoint(self, month: int) -> tuple[str, str] | None:
        row = self._session.exec(
            select(ExecutionCheckpoint).where(
                ExecutionCheckpoint.department_id == self._department_id,
                ExecutionCheckpoint.year == self._year,
                ExecutionCheckpoint.month == month,
            )
        ).first()
        if row is None:
            return self._year_end_progress() if month == 12 else None
        ratio = progress(row.cumulative_spending, row.budget_base)
        if ratio is None:
            return None
        return format_percent(round_half_up(ratio, 4)), f"执行进度表{month}月"  # as printed: 43.58%

    def _year_end_progress(self) -> tuple[str, str] | None:
        lines = self._session.exec(
            select(ExpenditureLine).where(
                ExpenditureLine.department_id == self._department_id, ExpenditureLine.year == self._year
            )
        ).all()
        figures = total(
            Figures(line.initial_budget, line.adjusted_budget, line.final_amount, line.previous_final)
            for line in lines
        )
        ratio = progress(figures.final_amount, figures.adjusted_budget)
        return None if ratio is None else (format_percent(round_half_up(ratio, 4)), "支出表决算÷调整后预算")

    def _budget(self, detail: str) -> tuple[str, str] | None:
        what, _, codes = detail.partition(":")
        if what in ("initial_expenditure", "adjusted_expenditure"):
            column = col(
                ExpenditureLine.initial_budget
                if what == "initial_expenditure"
                else ExpenditureLine.adjusted_budget
            )
            amounts = self._session.exec(
                select(column).where(
                    ExpenditureLine.department_id == self._department_id, ExpenditureLine.year == self._year
                )
            ).all()
            label = "支出表年初预算合计" if what == "initial_expenditure" else "支出表调整后预算合计"
        elif what in ("basic_budget", "basic_final"):
            column = col(
                BasicExpenditureLine.budget if what == "basic_budget" else BasicExpenditureLine.final_amount
            )
            amounts = self._session.exec(
                select(column).where(
                    BasicExpenditureLine.department_id == self._department_id,
                    BasicExpenditureLine.year == self._year,
                    col(BasicExpenditureLine.economic_code).in_(codes.split("+")),
                )
            ).all()
            label = f"基本支出{'预算' if what == 'basic_budget' else '决算'}（{codes.replace('+', '、')}）"
        else:
            return None
        if not amounts:
            return None
        return f"{format_wan(sum(amounts, ZERO))}万元", label

    def _project_rate(self) -> tuple[str, str] | None:
        if self._project is None:
            return None
        rate = self._project.total.execution_rate
        return None if rate is None else (format_percent(rate), "项目预算执行数÷调整后预算数")

    def _register(self, name: str) -> tuple[str, str] | None:
        if self._rates is None:
            try:
                self._rates = RegisterService(self._engine).statistics(self._department_id, self._year).rates
            except UserInputError:  # no register for the year: the clerk types the value
                self._rates = {}
        value = self._rates.get(name)
        return None if value is None else (f"{value}%", f"信访登记{self._year}年{name}")
