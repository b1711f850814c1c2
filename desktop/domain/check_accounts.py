"""勾稽关系 of the 决算 tables (DOMAIN.md §5.3 V1–V6, V9, V12–V17) over plain records.

Statement keys (what ``StatedFigure.key`` holds) are named here; ``desktop.services.sample_stated``
fills them from the seed. ``项·2010301`` and ``类·201`` are 一般公共预算财政拨款 figures by
功能分类; ``收入·其他收入`` an income source; ``三公·公务接待费`` a 三公 item; ``X增减额`` /
``X增减率`` the year-on-year statements of X.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from desktop.domain.checks import CERTAIN, Ledger, sum_of, wan

GENERAL_BUDGET = "一般公共预算财政拨款"
FISCAL_FUNDINGS = (GENERAL_BUDGET, "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
BASIC = "基本支出"
PROJECT = "项目支出"
CARRY_OVER_SOURCES = ("年初结转和结余", "使用非财政拨款结余")
PERSONNEL_PREFIXES = ("301", "303")
VEHICLE_ITEMS = ("公务用车购置费", "公务用车运行维护费")
RECEPTION_ITEMS = ("国内公务接待费", "外事接待费")
ABROAD_ITEM = "因公出国（境）费"

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
class Accounts:
    """One department-year of 决算 records."""

    income: tuple[IncomeRecord, ...] = ()
    expenditure: tuple[ExpenditureRecord, ...] = ()
    balances: tuple[BalanceRecord, ...] = ()
    basic: tuple[BasicRecord, ...] = ()
    three_public: tuple[ThreePublicRecord, ...] = ()
    checkpoints: tuple[CheckpointRecord, ...] = ()


def _place(**keys) -> dict:
    return {"tab": BUDGET_TAB, **{name: value for name, value in keys.items() if value is not None}}


def _stated_place(key: str) -> dict:
    return _place(stated=key)


class _AccountsCheck:
    def __init__(self, accounts: Accounts, ledger: Ledger) -> None:
        self.accounts = accounts
        self.ledger = ledger
        self.project_spending = Decimal(0)
        self.fiscal_project_spending = Decimal(0)

    # 收入 (总表01 V1, V2) -------------------------------------------------------------------

    def income(self) -> Decimal:
        current = [line for line in self.accounts.income if line.source not in CARRY_OVER_SOURCES]
        values = []
        for line in current:
            key = f"收入·{line.source}"
            place = _place(section="收入", item=line.source, column="决算")
            self.ledger.leaf(key, line.final, 1, f"收入 {line.source} · 决算", place)
            values.append(self.ledger.value(key, line.final))
        record_total = sum_of(line.final for line in current)
        self.ledger.total(
            "V1",
            "本年收入合计",
            values,
            "总表 · 本年收入合计",
            _stated_place("本年收入合计"),
            record=record_total,
            formula="各项收入",
        )
        total = self.ledger.value("本年收入合计", record_total)
        for line in current:
            key = f"收入·{line.source}"
            self.ledger.share(
                key,
                self.ledger.value(key, line.final),
                total,
                "本年收入合计",
                f"收入 {line.source} · 占比",
                _stated_place(key),
            )
        carried = [line.final for line in self.accounts.income if line.source in CARRY_OVER_SOURCES]
        self.ledger.total(
            "V2",
            "收入总计",
            [total, *carried],
            "总表 · 收入总计",
            _stated_place("收入总计"),
            record=total + sum_of(carried),
            formula="本年收入合计 + 年初结转和结余 + 使用非财政拨款结余",
        )
        self.ledger.duplicate(
            "收入决算总额", "本年收入合计", total, "绩效报告 · 收入决算总额", _stated_place("收入决算总额")
        )
        return total

    # 支出 by 功能分类 (表06 V12, 总表 V3) ----------------------------------------------------

    def general_budget_items(self) -> dict[str, Decimal]:
        """The value of each 项 (一般公共预算财政拨款), after its leaf check."""
        items: dict[str, list[ExpenditureRecord]] = {}
        for line in self.accounts.expenditure:
            if line.funding == GENERAL_BUDGET:
                items.setdefault(line.function_code, []).append(line)
        values = {}
        for code, lines in sorted(items.items()):
            record = sum_of(line.final for line in lines)
            where = f"支出 {code} {lines[0].name} · 决算"
            self.ledger.leaf(
                f"项·{code}", record, len(lines), where, _place(function_code=code, column="决算")
            )
            values[code] = self.ledger.value(f"项·{code}", record)
        return values

    def general_budget_spending(self, items: dict[str, Decimal]) -> Decimal:
        classes: dict[str, list[Decimal]] = {}
        for code, value in items.items():
            classes.setdefault(code[:3], []).append(value)
        class_values = {}
        for code, values in sorted(classes.items()):
            key = f"类·{code}"
            self.ledger.total(
                "V12",
                key,
                values,
                f"一般公共预算财政拨款支出 {code} 类 · 决算",
                _place(function_code=code, column="决算"),
                formula="所属各项",
            )
            class_values[code] = self.ledger.value(key, sum_of(values))
        key = "一般公共预算财政拨款支出"
        self.ledger.total(
            "V12",
            key,
            list(class_values.values()),
            "一般公共预算财政拨款支出 · 合计",
            _stated_place(key),
            formula="各类",
        )
        total = self.ledger.value(key, sum_of(class_values.values()))
        for code, value in class_values.items():
            self.ledger.share(
                f"类·{code}",
                value,
                total,
                "一般公共预算财政拨款支出",
                f"一般公共预算财政拨款支出 {code} 类 · 占比",
                _stated_place(f"类·{code}"),
            )
        other_fiscal = sum_of(
            line.final
            for line in self.accounts.expenditure
            if line.funding in FISCAL_FUNDINGS and line.funding != GENERAL_BUDGET
        )
        self.ledger.total(
            "V12",
            "财政拨款收支总计",
            [total, other_fiscal],
            "财政拨款收入支出决算总表 · 本年支出",
            _stated_place("财政拨款收支总计"),
            formula="一般公共预算、政府性基金、国有资本经营财政拨款支出",
        )
        return total

    # 支出 by kind (表03 V9, 总表 V3–V6, V14) -------------------------------------------------

    def category_value(self, category: str, items: dict[str, Decimal]) -> Decimal:
        """基本支出 or 项目支出 of all funds: the 项 values where a 项 is wholly of that kind."""
        by_code: dict[str, set[str]] = {}
        for line in self.accounts.expenditure:
            if line.funding == GENERAL_BUDGET:
                by_code.setdefault(line.function_code, set()).add(line.category)
        parts = []
        for line in self.accounts.expenditure:
            if line.category != category:
                continue
            if line.funding == GENERAL_BUDGET and by_code[line.function_code] == {category}:
                continue
            parts.append(line.final)
        parts.extend(value for code, value in items.items() if by_code[code] == {category})
        key = category
        self.ledger.total(
            "V9",
            key,
            parts,
            f"支出决算表 · {category}",
            _stated_place(key),
            record=sum_of(parts),
            formula=f"各科目{category}",
        )
        return self.ledger.value(key, sum_of(parts))

    def spending(self, items: dict[str, Decimal], general: Decimal) -> Decimal:
        basic = self.category_value(BASIC, items)
        project = self.category_value(PROJECT, items)
        self.project_spending = project
        others = [line.final for line in self.accounts.expenditure if line.category not in (BASIC, PROJECT)]
        record_total = sum_of(line.final for line in self.accounts.expenditure)
        key = "本年支出合计"
        self.ledger.total(
            "V4",
            key,
            [basic, project, *others],
            "总表 · 本年支出合计（按支出性质）",
            _place(stated=key, column="按支出性质"),
            record=record_total,
            formula="基本支出 + 项目支出 + 其他支出",
        )
        non_general = [line.final for line in self.accounts.expenditure if line.funding != GENERAL_BUDGET]
        self.ledger.total(
            "V3",
            key,
            [general, *non_general],
            "总表 · 本年支出合计（按功能分类）",
            _place(stated=key, column="按功能分类"),
            record=record_total,
            formula="一般公共预算财政拨款支出 + 其他资金支出",
        )
        total = self.ledger.value(key, record_total)
        for label, value in ((BASIC, basic), (PROJECT, project), ("一般公共预算财政拨款支出", general)):
            self.ledger.share(
                label, value, total, "本年支出合计", f"支出 · {label} · 占比", _stated_place(label)
            )
        if general > total:
            self.ledger.report(
                "V14",
                CERTAIN,
                f"一般公共预算财政拨款支出 {wan(general)} 万元大于本年支出合计 {wan(total)} 万元",
                "总表 · 本年支出合计",
                _stated_place(key),
                f"≤ {wan(total)}",
                wan(general),
            )
        balances = [line.final for line in self.accounts.balances]
        self.ledger.total(
            "V5",
            "支出总计",
            [total, *balances],
            "总表 · 支出总计",
            _stated_place("支出总计"),
            record=total + sum_of(balances),
            formula="本年支出合计 + 结余分配 + 年末结转和结余",
        )
        self.ledger.duplicate(
            "支出决算总额", key, total, "绩效报告 · 支出决算总额", _stated_place("支出决算总额")
        )
        return total

    def totals_balance(self) -> None:
        """V6: the published 收入总计 = 支出总计 (reports often call them “收、支总计均为…”)."""
        income = self.ledger.stated_amount("收入总计")
        if income is not None:
            self.ledger.total("V6", "支出总计", [income], "总表 · 收入总计与支出总计",
                              _place(stated="支出总计", column="收支平衡"), formula="收入总计")  # fmt: skip

    # 基本支出 by 经济分类 (表08 V13) --------------------------------------------------------

    def basic(self, items: dict[str, Decimal]) -> Decimal:
        lines = [line for line in self.accounts.basic if line.funding == GENERAL_BUDGET]
        personnel_lines = [line for line in lines if line.economic_code.startswith(PERSONNEL_PREFIXES)]
        public_lines = [line for line in lines if not line.economic_code.startswith(PERSONNEL_PREFIXES)]
        values = {}
        for label, group in (("人员经费", personnel_lines), ("公用经费", public_lines)):
            record = sum_of(line.final for line in group)
            place = _place(section=BASIC, column=label)
            if group:
                self.ledger.leaf(label, record, len(group), f"基本支出 · {label}", place)
            values[label] = self.ledger.value(label, record)
        key = "财政拨款基本支出"
        record_total = sum_of(line.final for line in lines)
        self.ledger.total(
            "V13",
            key,
            list(values.values()),
            "基本支出决算表 · 合计",
            _place(section=BASIC, column="人员经费+公用经费"),
            record=record_total,
            formula="人员经费 + 公用经费",
        )
        total = self.ledger.value(key, record_total)
        codes: dict[str, set[str]] = {}
        for line in self.accounts.expenditure:
            if line.funding == GENERAL_BUDGET:
                codes.setdefault(line.function_code, set()).add(line.category)
        basic_items = [value for code, value in items.items() if codes[code] == {BASIC}]
        if lines and basic_items:
            self.ledger.total(
                "V13",
                key,
                basic_items,
                "基本支出决算表 · 合计与一般公共预算财政拨款支出表",
                _place(section=BASIC, column="表06基本支出"),
                record=record_total,
                formula="一般公共预算财政拨款支出表中基本支出各项",
            )
        report_keys = (
            ("财政拨款基本支出（绩效报告）", key, total),
            ("人员经费（绩效报告）", "人员经费", values["人员经费"]),
            ("公用经费（绩效报告）", "公用经费", values["公用经费"]),
        )
        for duplicate_key, primary_key, primary in report_keys:
            self.ledger.duplicate(
                duplicate_key, primary_key, primary, f"绩效报告 · {primary_key}", _stated_place(duplicate_key)
            )
        report_total = self.ledger.value("财政拨款基本支出（绩效报告）", total)
        for label in ("人员经费（绩效报告）", "公用经费（绩效报告）"):
            part = self.ledger.value(label, values[label[:4]])
            self.ledger.share(
                label, part, report_total, "基本支出", f"绩效报告 · {label[:4]} · 占比", _stated_place(label)
            )
        project_items = [value for code, value in items.items() if codes[code] == {PROJECT}]
        key = "财政拨款项目支出（绩效报告）"
        self.ledger.total("V12", key, project_items, "绩效报告 · 财政拨款项目支出", _stated_place(key),
                          formula="一般公共预算财政拨款支出表中项目支出各项")  # fmt: skip
        self.fiscal_project_spending = self.ledger.value(key, sum_of(project_items))
        return values["公用经费"]

    # 三公经费 (V15) ------------------------------------------------------------------------

    def three_public(self) -> tuple[Decimal, Decimal]:
        records = {line.item: line for line in self.accounts.three_public}
        values = {}
        for item, line in records.items():
            key = f"三公·{item}"
            self.ledger.leaf(
                key,
                line.final,
                1,
                f"三公经费 {item} · 决算",
                _place(section="三公经费", item=item, column="决算"),
            )
            values[item] = self.ledger.value(key, line.final)
        groups = (("公务用车购置及运行维护费", VEHICLE_ITEMS), ("公务接待费", RECEPTION_ITEMS))
        for label, members in groups:
            parts = [values[item] for item in members if item in values]
            key = f"三公·{label}"
            self.ledger.total(
                "V15", key, parts, f"三公经费 · {label}", _stated_place(key), formula="其中各项"
            )
            values[label] = self.ledger.value(key, sum_of(parts))
        heads = [values[item] for item in (ABROAD_ITEM, *(label for label, _ in groups)) if item in values]
        record_total = sum_of(line.final for line in records.values())
        self.ledger.total(
            "V15",
            "三公经费",
            heads,
            "三公经费 · 合计",
            _stated_place("三公经费"),
            record=record_total,
            formula="因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费",
        )
        total = self.ledger.value("三公经费", record_total)
        for item in (ABROAD_ITEM, *(label for label, _ in groups)):
            if item in values:
                self.ledger.share(
                    f"三公·{item}",
                    values[item],
                    total,
                    "三公经费",
                    f"三公经费 · {item} · 占比",
                    _stated_place(f"三公·{item}"),
                )
        reception_previous = sum_of(records[item].previous for item in RECEPTION_ITEMS if item in records)
        self.ledger.change(
            "公务接待费",
            values.get("公务接待费", Decimal(0)),
            reception_previous,
            "三公经费 · 公务接待费 · 比上年",
            _stated_place("公务接待费增减额"),
        )
        return total, sum_of(line.previous for line in records.values())

    # 执行进度 -------------------------------------------------------------------------------

    def checkpoints(self) -> None:
        for point in self.accounts.checkpoints:
            key = f"执行进度·{point.month}月"
            self.ledger.leaf_percent(
                key,
                point.cumulative,
                point.base,
                f"执行进度 {point.month} 月 · 累计支出",
                _place(section="执行进度", month=point.month, column="累计支出"),
            )

    # 比上年 (V17) ----------------------------------------------------------------------------

    def year_on_year(
        self,
        income_total: Decimal,
        spending_total: Decimal,
        general: Decimal,
        three_public: tuple[Decimal, Decimal],
        public_funds: Decimal,
    ) -> None:
        income = self.accounts.income
        spending = self.accounts.expenditure
        carried_previous = sum_of(line.previous for line in income if line.source in CARRY_OVER_SOURCES)
        income_previous = sum_of(line.previous for line in income if line.source not in CARRY_OVER_SOURCES)
        spending_previous = sum_of(line.previous for line in spending)
        general_previous = sum_of(line.previous for line in spending if line.funding == GENERAL_BUDGET)
        fiscal_previous = sum_of(line.previous for line in spending if line.funding in FISCAL_FUNDINGS)
        public_previous = sum_of(
            line.previous
            for line in self.accounts.basic
            if line.funding == GENERAL_BUDGET and not line.economic_code.startswith(PERSONNEL_PREFIXES)
        )
        carried = sum_of(line.final for line in income if line.source in CARRY_OVER_SOURCES)
        grand_total = self.ledger.value("收入总计", income_total + carried)
        fiscal_total = self.ledger.value("财政拨款收支总计", general)
        running = self.ledger.value("机关运行经费", public_funds)
        cases = (
            ("收支总计", grand_total, income_previous + carried_previous),
            ("财政拨款收支总计", fiscal_total, fiscal_previous),
            ("一般公共预算财政拨款支出", general, general_previous),
            ("三公经费", three_public[0], three_public[1]),
            ("机关运行经费", running, public_previous),
            ("收入决算总额", self.ledger.value("收入决算总额", income_total), income_previous),
            ("支出决算总额", self.ledger.value("支出决算总额", spending_total), spending_previous),
        )
        for label, current, previous_record in cases:
            previous_key = f"上年{label}"
            self.ledger.leaf(
                previous_key,
                previous_record,
                1,
                f"{label} · 上年决算",
                _place(stated=previous_key, column="上年决算"),
            )
            previous = self.ledger.value(previous_key, previous_record)
            self.ledger.change(label, current, previous, f"{label} · 比上年", _stated_place(f"{label}增减额"))


def check_accounts(accounts: Accounts, ledger: Ledger) -> tuple[Decimal, Decimal]:
    """Run the 决算 table rules into ``ledger``.

    Returns 项目支出 of all funds and of 一般公共预算财政拨款 as the report uses them (for V19).
    """
    check = _AccountsCheck(accounts, ledger)
    income_total = check.income()
    items = check.general_budget_items()
    general = check.general_budget_spending(items)
    spending_total = check.spending(items, general)
    check.totals_balance()
    public_funds = check.basic(items)
    three_public = check.three_public()
    check.checkpoints()
    check.year_on_year(income_total, spending_total, general, three_public, public_funds)
    return check.project_spending, check.fiscal_project_spending
