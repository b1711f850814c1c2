"""Editing the budget lines: validated setters, new lines from the year's classification, deletes.

Each method is one action in its own session; a bad value raises ``UserInputError`` naming the
field. Amounts are ``Decimal`` 元 and never negative (DOMAIN.md §5.3 V7). A change to Σ 调整后预算
(an edited, added or deleted expenditure line) moves, in the same transaction, the 全年预算 of
every checkpoint that equalled the old total (``domain.budget.followed_base``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, SQLModel, select

from desktop.domain.budget import (
    CARRIED_IN,
    EXPENDITURE_CATEGORIES,
    FISCAL_FUNDING,
    FUNDINGS,
    INCOME_SOURCES,
    THREE_PUBLIC_ITEMS,
    Figures,
    followed_base,
)
from desktop.domain.classification import ClassificationError
from desktop.errors import UserInputError
from desktop.services.classification import (
    CodeBook,
    CodeChoice,
    classification_for_year,
    economic_name,
    edition_note,
)
from desktop.storage.audit import track
from desktop.storage.models import (
    BasicExpenditureLine,
    ExecutionCheckpoint,
    ExpenditureLine,
    IncomeLine,
    ThreePublicItem,
    saved_id,
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


def _checked_value(label: str, value):
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise UserInputError(f"{label}：不是数字")
    if value < 0:
        raise UserInputError(f"{label}：不能为负数")
    if isinstance(value, Decimal) and value != value.quantize(Decimal("0.01")):
        raise UserInputError(f"{label}：金额最多到分")
    return value


class BudgetEdits:
    """The setters of ``BudgetService``."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self.codes = CodeBook(engine)

    def _rows(self, session: Session, model, department_id: int, year: int, *order) -> list:
        query = select(model).where(model.department_id == department_id, model.year == year)
        return list(session.exec(query.order_by(*order, model.id)))

    def _update(
        self,
        model: type[SQLModel],
        row_id: int,
        fields: dict[str, str],
        field: str,
        value,
        *,
        bases_follow: bool = False,
    ) -> None:
        if field not in fields:
            raise UserInputError(f"“{field}”不能修改")
        value = _checked_value(fields[field], value)
        with track(Session(self._engine)) as session:
            row: Any = session.get(model, row_id)
            if row is None:
                raise UserInputError("要修改的行已不存在，请刷新")
            before = self._adjusted_total(session, row.department_id, row.year) if bases_follow else None
            setattr(row, field, value)
            session.add(row)
            if before is not None:
                self._follow_adjusted_total(session, row.department_id, row.year, before)
            session.commit()

    def _adjusted_total(self, session: Session, department_id: int, year: int) -> Decimal:
        """Σ 调整后预算 of the year's expenditure lines, the base a new checkpoint starts from."""
        lines = self._rows(session, ExpenditureLine, department_id, year)
        return sum((line.adjusted_budget for line in lines), Decimal("0.00"))

    def _follow_adjusted_total(
        self, session: Session, department_id: int, year: int, before: Decimal
    ) -> None:
        session.flush()
        after = self._adjusted_total(session, department_id, year)
        for checkpoint in self._rows(session, ExecutionCheckpoint, department_id, year):
            base = followed_base(checkpoint.budget_base, before, after)
            if base != checkpoint.budget_base:
                checkpoint.budget_base = base
                session.add(checkpoint)

    def update_income(self, line_id: int, field: str, value: Decimal) -> None:
        self._update(IncomeLine, line_id, FIGURE_FIELDS, field, value)

    def update_expenditure(self, line_id: int, field: str, value: Decimal) -> None:
        self._update(
            ExpenditureLine, line_id, FIGURE_FIELDS, field, value, bases_follow=field == "adjusted_budget"
        )

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
        """A new line charged to a 项 of that year's 功能分类 (or one the clerk added); returns its id."""
        try:
            name = self.codes.function_name(department_id, year, function_code)
        except ClassificationError as error:
            raise UserInputError(f"功能分类：{error}") from error
        if len(function_code) != 7:
            raise UserInputError(f"功能分类：“{function_code}”不是项级科目（7 位）")
        if category not in EXPENDITURE_CATEGORIES:
            raise UserInputError(f"支出类型：“{category}”不是{'、'.join(EXPENDITURE_CATEGORIES)}之一")
        if funding not in FUNDINGS:
            raise UserInputError(f"资金来源：“{funding}”不是{'、'.join(FUNDINGS)}之一")
        figures = figures or Figures()
        with track(Session(self._engine)) as session:
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
            before = self._adjusted_total(session, department_id, year)
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
            self._follow_adjusted_total(session, department_id, year, before)
            session.commit()
            return saved_id(line)

    def delete_expenditure_line(self, line_id: int) -> None:
        with track(Session(self._engine)) as session:
            line = session.get(ExpenditureLine, line_id)
            if line is not None:
                before = self._adjusted_total(session, line.department_id, line.year)
                session.delete(line)
                self._follow_adjusted_total(session, line.department_id, line.year, before)
                session.commit()

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
            name = economic_name(year, economic_code)
        except ClassificationError as error:
            raise UserInputError(f"经济分类：{error}") from error
        if len(economic_code) != 5:
            raise UserInputError(f"经济分类：“{economic_code}”不是款级科目（5 位）")
        budget, final_amount, previous_final = amounts or (Decimal("0.00"),) * 3
        return self._add_unique(
            BasicExpenditureLine,
            department_id,
            year,
            f"经济分类：{economic_code} {name}已有一行",
            ("economic_code", "funding"),
            economic_code=economic_code,
            name=name,
            funding=funding,
            budget=budget,
            final_amount=final_amount,
            previous_final=previous_final,
        )

    def delete_basic_line(self, line_id: int) -> None:
        self._delete(BasicExpenditureLine, line_id)

    def add_income_line(
        self, department_id: int, year: int, source: str, function_code: str = "", funding: str = ""
    ) -> int:
        """A 收入 line of a source, charged to a 功能分类 项 (公开02表) or to none; a 年初结转和结余 line
        says its fund (empty is 其他资金)."""
        if source not in INCOME_SOURCES:
            raise UserInputError(f"收入项目：“{source}”不是{'、'.join(INCOME_SOURCES)}之一")
        if function_code:
            try:
                self.codes.function_name(department_id, year, function_code)
            except ClassificationError as error:
                raise UserInputError(f"功能分类：{error}") from error
            if len(function_code) != 7:
                raise UserInputError(f"功能分类：“{function_code}”不是项级科目（7 位）")
        if funding and (source != CARRIED_IN or funding not in FUNDINGS):
            raise UserInputError(f"资金性质：只有年初结转和结余写资金性质，且须是{'、'.join(FUNDINGS)}之一")
        where = (
            f"“{source}”"
            + (f"（{function_code}）" if function_code else "")
            + (f"（{funding}）" if funding else "")
        )
        return self._add_unique(
            IncomeLine,
            department_id,
            year,
            f"收入项目：已有{where}一行",
            ("source", "function_code", "funding"),
            source=source,
            function_code=function_code,
            funding=funding,
        )

    def delete_income_line(self, line_id: int) -> None:
        self._delete(IncomeLine, line_id)

    def add_three_public_item(self, department_id: int, year: int, item: str) -> int:
        if item not in THREE_PUBLIC_ITEMS:
            raise UserInputError(f"三公经费：“{item}”不是{'、'.join(THREE_PUBLIC_ITEMS)}之一")
        return self._add_unique(
            ThreePublicItem, department_id, year, f"三公经费：已有“{item}”一行", ("item",), item=item
        )

    def delete_three_public_item(self, item_id: int) -> None:
        self._delete(ThreePublicItem, item_id)

    def add_checkpoint(self, department_id: int, year: int, month: int) -> int:
        """A 执行进度 checkpoint at the end of ``month``; its budget base starts as the year's
        adjusted expenditure budget (Σ 调整后预算 of the lines) and follows it until the clerk
        types another."""
        if not 1 <= month <= 12:
            raise UserInputError(f"月份：{month} 不在 1–12 之间")
        with Session(self._engine) as session:
            base = self._adjusted_total(session, department_id, year)
        return self._add_unique(
            ExecutionCheckpoint,
            department_id,
            year,
            f"执行进度：已有 {month} 月",
            ("month",),
            month=month,
            budget_base=base,
        )

    def delete_checkpoint(self, checkpoint_id: int) -> None:
        self._delete(ExecutionCheckpoint, checkpoint_id)

    def function_choices(self, department_id: int, year: int) -> list[CodeChoice]:
        """The 功能分类 项 a new expenditure line can use in ``year``, the clerk's own marked."""
        return self.codes.function_choices(department_id, year)

    def economic_choices(self, year: int) -> list[tuple[str, str]]:
        """The 经济分类 款 (code, name) a new basic-expenditure line can use in ``year``."""
        return classification_for_year(year).economic_items()

    def classification_note(self, year: int) -> str | None:
        """“按 2023 年科目显示” when ``year`` has no 政府收支分类科目 edition of its own."""
        return edition_note(year)

    def _add_unique(
        self, model: Any, department_id: int, year: int, duplicate: str, key: tuple[str, ...], **values
    ) -> int:
        """A new row of ``values``, refused with ``duplicate`` when one with the same ``key`` fields
        is already there."""
        with track(Session(self._engine)) as session:
            query = select(model).where(model.department_id == department_id, model.year == year)
            same = query.where(*(getattr(model, field) == values[field] for field in key))
            if session.exec(same).first() is not None:
                raise UserInputError(duplicate)
            row = model(department_id=department_id, year=year, **values)
            session.add(row)
            session.commit()
            return saved_id(row)

    def _delete(self, model: type[SQLModel], row_id: int) -> None:
        with track(Session(self._engine)) as session:
            row = session.get(model, row_id)
            if row is not None:
                session.delete(row)
                session.commit()
