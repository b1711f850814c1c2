"""预算决算: the year's income, expenditure, basic expenditure, 三公经费 and 执行进度.

One session per call; rows leave as the frozen dataclasses of ``budget_rows``. Setters validate
and raise ``UserInputError`` naming the field; amounts are ``Decimal`` 元 and never negative
(决算 tables hold no negative amounts outside 调整表, DOMAIN.md §5.3 V7).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Engine
from sqlmodel import Session, SQLModel, select

from desktop.domain.budget import (
    BASIC,
    CARRIED_IN,
    CARRIED_OUT,
    EXPENDITURE_CATEGORIES,
    FISCAL_FUNDING,
    FUNDINGS,
    NOT_CURRENT_INCOME,
    PERSONNEL,
    PROJECT,
    PUBLIC,
    CodedFigures,
    Figures,
    FunctionNode,
    expense_kind,
    function_tree,
    progress,
    progress_points,
    progress_target,
    share,
)
from desktop.domain.budget import change as change_of
from desktop.domain.budget import change_rate as change_rate_of
from desktop.domain.classification import ClassificationError
from desktop.services.budget_rows import (
    BasicRow,
    BudgetSummary,
    CheckpointRow,
    Comparison,
    ExpenditureNode,
    IncomeRow,
    ThreePublicRow,
)
from desktop.services.classification import classification_for_year
from desktop.services.errors import UserInputError
from desktop.storage.models import (
    BalanceLine,
    BasicExpenditureLine,
    ExecutionCheckpoint,
    ExpenditureLine,
    IncomeLine,
    ThreePublicItem,
)

FIGURE_FIELDS = {
    "initial_budget": "年初预算",
    "adjusted_budget": "调整后预算",
    "final_amount": "决算",
    "previous_final": "上年决算",
}
BASIC_FIELDS = {"budget": "预算", "final_amount": "决算", "previous_final": "上年决算"}
THREE_PUBLIC_FIELDS = {**BASIC_FIELDS, "batches": "批次", "persons": "人次", "vehicles": "车辆数"}
CHECKPOINT_FIELDS = {"cumulative_spending": "累计支出", "budget_base": "全年预算"}
FISCAL_FUNDINGS = FUNDINGS[:3]  # the three 财政拨款 sources


def _sum(rows, attribute: str, keep=lambda row: True) -> Decimal:
    return sum((getattr(row, attribute) for row in rows if keep(row)), Decimal("0.00"))


def _compare(rows, keep=lambda row: True) -> Comparison:
    return Comparison(_sum(rows, "final_amount", keep), _sum(rows, "previous_final", keep))


def _figures(line) -> Figures:
    return Figures(line.initial_budget, line.adjusted_budget, line.final_amount, line.previous_final)


def _checked_value(label: str, value):
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise UserInputError(f"{label}：不是数字")
    if value < 0:
        raise UserInputError(f"{label}：不能为负数")
    if isinstance(value, Decimal) and value != value.quantize(Decimal("0.01")):
        raise UserInputError(f"{label}：金额最多到分")
    return value


class BudgetService:
    """The budget lines of one department and fiscal year."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def _rows(self, session: Session, model, department_id: int, year: int, *order) -> list:
        query = select(model).where(model.department_id == department_id, model.year == year)
        return list(session.exec(query.order_by(*order, model.id)))

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
        with Session(self._engine) as session:
            rows = self._rows(session, ExecutionCheckpoint, department_id, year, ExecutionCheckpoint.month)
        result = []
        for row in rows:
            ratio = progress(row.cumulative_spending, row.budget_base)
            target = progress_target(row.month)
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

    # Editing -----------------------------------------------------------------------------------

    def _update(self, model: type[SQLModel], row_id: int, fields: dict[str, str], field: str, value) -> None:
        if field not in fields:
            raise UserInputError(f"“{field}”不能修改")
        value = _checked_value(fields[field], value)
        with Session(self._engine) as session:
            row = session.get(model, row_id)
            if row is None:
                raise UserInputError("要修改的行已不存在，请刷新")
            setattr(row, field, value)
            session.add(row)
            session.commit()

    def update_income(self, line_id: int, field: str, value: Decimal) -> None:
        self._update(IncomeLine, line_id, FIGURE_FIELDS, field, value)

    def update_expenditure(self, line_id: int, field: str, value: Decimal) -> None:
        self._update(ExpenditureLine, line_id, FIGURE_FIELDS, field, value)

    def update_basic(self, line_id: int, field: str, value: Decimal) -> None:
        self._update(BasicExpenditureLine, line_id, BASIC_FIELDS, field, value)

    def update_three_public(self, item_id: int, field: str, value: Decimal | int) -> None:
        self._update(ThreePublicItem, item_id, THREE_PUBLIC_FIELDS, field, value)

    def update_checkpoint(self, checkpoint_id: int, field: str, value: Decimal) -> None:
        self._update(ExecutionCheckpoint, checkpoint_id, CHECKPOINT_FIELDS, field, value)

    def add_expenditure_line(
        self,
        department_id: int,
        year: int,
        function_code: str,
        category: str,
        funding: str = FISCAL_FUNDING,
        figures: Figures | None = None,
    ) -> int:
        """A new line charged to a 项 of that year's 功能分类; returns its id."""
        try:
            name = classification_for_year(year).function_name(function_code)
        except ClassificationError as error:
            raise UserInputError(f"功能分类：{error}") from error
        if len(function_code) != 7:
            raise UserInputError(f"功能分类：“{function_code}”不是项级科目（7 位）")
        if category not in EXPENDITURE_CATEGORIES:
            raise UserInputError(f"支出类型：“{category}”不是{'、'.join(EXPENDITURE_CATEGORIES)}之一")
        if funding not in FUNDINGS:
            raise UserInputError(f"资金来源：“{funding}”不是{'、'.join(FUNDINGS)}之一")
        figures = figures or Figures()
        with Session(self._engine) as session:
            existing = session.exec(
                select(ExpenditureLine).where(
                    ExpenditureLine.department_id == department_id,
                    ExpenditureLine.year == year,
                    ExpenditureLine.function_code == function_code,
                    ExpenditureLine.category == category,
                    ExpenditureLine.funding == funding,
                )
            ).first()
            if existing is not None:
                raise UserInputError(f"功能分类：{function_code} {name}已有“{category} · {funding}”一行")
            line = ExpenditureLine(
                department_id=department_id,
                year=year,
                function_code=function_code,
                name=name,
                category=category,
                funding=funding,
                initial_budget=figures.initial_budget,
                adjusted_budget=figures.adjusted_budget,
                final_amount=figures.final_amount,
                previous_final=figures.previous_final,
            )
            session.add(line)
            session.commit()
            return line.id

    def delete_expenditure_line(self, line_id: int) -> None:
        self._delete(ExpenditureLine, line_id)

    def add_basic_line(
        self,
        department_id: int,
        year: int,
        economic_code: str,
        funding: str = FISCAL_FUNDING,
        amounts: tuple[Decimal, Decimal, Decimal] | None = None,
    ) -> int:
        """A new 基本支出 line under a 款 of that year's 经济分类; ``amounts`` = (预算, 决算, 上年决算)."""
        try:
            name = classification_for_year(year).economic_name(economic_code)
        except ClassificationError as error:
            raise UserInputError(f"经济分类：{error}") from error
        if len(economic_code) != 5:
            raise UserInputError(f"经济分类：“{economic_code}”不是款级科目（5 位）")
        budget, final_amount, previous_final = amounts or (Decimal("0.00"),) * 3
        with Session(self._engine) as session:
            existing = session.exec(
                select(BasicExpenditureLine).where(
                    BasicExpenditureLine.department_id == department_id,
                    BasicExpenditureLine.year == year,
                    BasicExpenditureLine.economic_code == economic_code,
                    BasicExpenditureLine.funding == funding,
                )
            ).first()
            if existing is not None:
                raise UserInputError(f"经济分类：{economic_code} {name}已有一行")
            line = BasicExpenditureLine(
                department_id=department_id,
                year=year,
                economic_code=economic_code,
                name=name,
                funding=funding,
                budget=budget,
                final_amount=final_amount,
                previous_final=previous_final,
            )
            session.add(line)
            session.commit()
            return line.id

    def delete_basic_line(self, line_id: int) -> None:
        self._delete(BasicExpenditureLine, line_id)

    def _delete(self, model: type[SQLModel], row_id: int) -> None:
        with Session(self._engine) as session:
            row = session.get(model, row_id)
            if row is not None:
                session.delete(row)
                session.commit()


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
