"""预算决算: the year's income, expenditure, basic expenditure, 三公经费 and 执行进度.

One session per call; rows leave as the frozen dataclasses of ``budget_rows`` with their derived
figures. The setters live in ``budget_edits`` (``BudgetService`` inherits them).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from desktop.domain.budget import (
    BASIC,
    CARRIED_IN,
    CARRIED_OUT,
    FUNDINGS,
    NOT_CURRENT_INCOME,
    PERSONNEL,
    PROJECT,
    PUBLIC,
    CodedFigures,
    Figures,
    FunctionNode,
    ProgressTarget,
    expense_kind,
    function_tree,
    progress,
    progress_points,
    progress_targets,
    share,
)
from desktop.domain.budget import change as change_of
from desktop.domain.budget import change_rate as change_rate_of
from desktop.services.budget_edits import BudgetEdits
from desktop.services.budget_rows import (
    BasicRow,
    BudgetSummary,
    CheckpointRow,
    Comparison,
    ExpenditureNode,
    IncomeRow,
    ThreePublicRow,
)
from desktop.services.catalogue import DEPARTMENT, FormCatalogue
from desktop.services.classification import classification_for_year
from desktop.storage.models import (
    BalanceLine,
    BasicExpenditureLine,
    Department,
    ExecutionCheckpoint,
    ExpenditureLine,
    IncomeLine,
    Scorecard,
    ThreePublicItem,
)

FISCAL_FUNDINGS = FUNDINGS[:3]  # the three 财政拨款 sources


def _sum(rows, attribute: str, keep=lambda row: True) -> Decimal:
    return sum((getattr(row, attribute) for row in rows if keep(row)), Decimal("0.00"))


def _compare(rows, keep=lambda row: True) -> Comparison:
    return Comparison(_sum(rows, "final_amount", keep), _sum(rows, "previous_final", keep))


def _figures(line) -> Figures:
    return Figures(line.initial_budget, line.adjusted_budget, line.final_amount, line.previous_final)


class BudgetService(BudgetEdits):
    """The budget lines of one department and fiscal year: reading here, editing in ``BudgetEdits``."""

    def __init__(self, engine: Engine, catalogue: FormCatalogue | None = None) -> None:
        super().__init__(engine)
        self._catalogue = catalogue or FormCatalogue()

    # Reading -----------------------------------------------------------------------------------

    def summary(self, department_id: int, year: int) -> BudgetSummary:
        with Session(self._engine) as session:
            income = self._rows(session, IncomeLine, department_id, year)
            spending = self._rows(session, ExpenditureLine, department_id, year)
            balances = self._rows(session, BalanceLine, department_id, year)
            basic = self._rows(session, BasicExpenditureLine, department_id, year)
            three_public = self._rows(session, ThreePublicItem, department_id, year)
        return BudgetSummary(
            income_total=_compare(income, lambda row: row.source not in NOT_CURRENT_INCOME),
            fiscal_income=_compare(income, lambda row: row.source == "一般公共预算财政拨款收入"),
            carried_in=_compare(income, lambda row: row.source == CARRIED_IN),
            expenditure_total=_compare(spending),
            fiscal_expenditure=_compare(spending, lambda row: row.funding in FISCAL_FUNDINGS),
            basic=_compare(spending, lambda row: row.category == BASIC),
            project=_compare(spending, lambda row: row.category == PROJECT),
            carried_out=_compare(balances, lambda row: row.kind == CARRIED_OUT),
            personnel=_compare(basic, lambda row: expense_kind(row.economic_code) == PERSONNEL),
            public=_compare(basic, lambda row: expense_kind(row.economic_code) == PUBLIC),
            three_public=_compare(three_public),
        )

    def income_lines(self, department_id: int, year: int) -> list[IncomeRow]:
        with Session(self._engine) as session:
            lines = self._rows(session, IncomeLine, department_id, year)
        current = _sum(lines, "final_amount", lambda row: row.source not in NOT_CURRENT_INCOME)
        return [
            IncomeRow(
                id=line.id,
                source=line.source,
                function_code=line.function_code,
                funding=line.funding,
                initial_budget=line.initial_budget,
                adjusted_budget=line.adjusted_budget,
                final_amount=line.final_amount,
                previous_final=line.previous_final,
                change=change_of(line.final_amount, line.previous_final),
                change_rate=change_rate_of(line.final_amount, line.previous_final),
                share=None if line.source in NOT_CURRENT_INCOME else share(line.final_amount, current),
            )
            for line in lines
        ]

    def expenditure_tree(self, department_id: int, year: int) -> list[ExpenditureNode]:
        """类 → 款 → 项 subtotals, each 项 holding its lines (基本/项目 × funding), in code order."""
        with Session(self._engine) as session:
            lines = self._rows(session, ExpenditureLine, department_id, year, ExpenditureLine.function_code)
        total = _sum(lines, "final_amount")
        names = dict(classification_for_year(year).function)
        by_code: dict[str, list[ExpenditureLine]] = {}
        for line in lines:
            by_code.setdefault(line.function_code, []).append(line)
            names.setdefault(line.function_code, line.name)

        def line_node(line: ExpenditureLine) -> ExpenditureNode:
            return _node(
                line.function_code,
                f"{line.category} · {line.funding}",
                "行",
                _figures(line),
                total,
                line_id=line.id,
                category=line.category,
                funding=line.funding,
            )

        def build(node: FunctionNode) -> ExpenditureNode:
            if node.level == "项":
                children = tuple(line_node(line) for line in by_code[node.code])
            else:
                children = tuple(build(child) for child in node.children)
            return _node(
                node.code, names.get(node.code, node.code), node.level, node.figures, total, children
            )

        tree = function_tree(CodedFigures(line.function_code, _figures(line)) for line in lines)
        return [build(node) for node in tree]

    def basic_lines(self, department_id: int, year: int) -> list[BasicRow]:
        with Session(self._engine) as session:
            lines = self._rows(
                session, BasicExpenditureLine, department_id, year, BasicExpenditureLine.economic_code
            )
        total = _sum(lines, "final_amount")
        return [
            BasicRow(
                id=line.id,
                economic_code=line.economic_code,
                name=line.name,
                kind=expense_kind(line.economic_code),
                funding=line.funding,
                budget=line.budget,
                final_amount=line.final_amount,
                previous_final=line.previous_final,
                change=change_of(line.final_amount, line.previous_final),
                change_rate=change_rate_of(line.final_amount, line.previous_final),
                share=share(line.final_amount, total),
            )
            for line in lines
        ]

    def three_public(self, department_id: int, year: int) -> list[ThreePublicRow]:
        with Session(self._engine) as session:
            items = self._rows(session, ThreePublicItem, department_id, year)
        return [
            ThreePublicRow(
                id=item.id,
                item=item.item,
                budget=item.budget,
                final_amount=item.final_amount,
                previous_final=item.previous_final,
                change=change_of(item.final_amount, item.previous_final),
                change_rate=change_rate_of(item.final_amount, item.previous_final),
                batches=item.batches,
                persons=item.persons,
                vehicles=item.vehicles,
            )
            for item in items
        ]

    def checkpoints(self, department_id: int, year: int) -> list[CheckpointRow]:
        """执行进度 by month, with the target and points the department's scorecard template sets."""
        with Session(self._engine) as session:
            rows = self._rows(session, ExecutionCheckpoint, department_id, year, ExecutionCheckpoint.month)
            targets = self._targets(session, department_id, year)
        result = []
        for row in rows:
            ratio = progress(row.cumulative_spending, row.budget_base)
            target = targets.get(row.month)
            result.append(
                CheckpointRow(
                    id=row.id,
                    month=row.month,
                    cumulative_spending=row.cumulative_spending,
                    budget_base=row.budget_base,
                    progress=ratio,
                    target=None if target is None else target.target,
                    points=None if target is None else target.points,
                    earned=None if target is None else progress_points(ratio, target),
                )
            )
        return result

    def _targets(self, session: Session, department_id: int, year: int) -> dict[int, ProgressTarget]:
        """The month targets of the department's own scorecard for the year; without one, those of
        the department template the catalogue has for its province and the year (if any)."""
        card = session.exec(
            select(Scorecard).where(
                Scorecard.department_id == department_id,
                Scorecard.year == year,
                col(Scorecard.project_id).is_(None),
            )
        ).first()
        if card is not None:
            return progress_targets(self._catalogue.template(card.template))
        department = session.get(Department, department_id)
        template = self._catalogue.choose(DEPARTMENT, department.province if department else "", year)
        return {} if template is None else progress_targets(template)


def _node(
    code: str, name: str, level: str, figures: Figures, total: Decimal, children=(), **line
) -> ExpenditureNode:
    return ExpenditureNode(
        code=code,
        name=name,
        level=level,
        initial_budget=figures.initial_budget,
        adjusted_budget=figures.adjusted_budget,
        final_amount=figures.final_amount,
        previous_final=figures.previous_final,
        change=change_of(figures.final_amount, figures.previous_final),
        change_rate=change_rate_of(figures.final_amount, figures.previous_final),
        share=share(figures.final_amount, total),
        children=tuple(children),
        **line,
    )
