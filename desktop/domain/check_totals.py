"""收入支出决算总表 and the 支出 tables (DOMAIN.md §5.3 V1–V6, V9, V12, V14): income, spending
by 功能分类 and by kind, each total against its parts on the values the report uses."""

from __future__ import annotations

from decimal import Decimal

from desktop.domain.check_records import (
    BASIC,
    CARRY_OVER_SOURCES,
    FISCAL_FUNDINGS,
    GENERAL_BUDGET,
    PROJECT,
    Accounts,
    ExpenditureRecord,
    budget_place,
    general_budget_kinds,
    stated_place,
)
from desktop.domain.checks import CERTAIN, Ledger, sum_of, wan


def check_income(accounts: Accounts, ledger: Ledger) -> Decimal:
    """V1, V2 and the income shares; returns 本年收入合计 as the report uses it."""
    current = [line for line in accounts.income if line.source not in CARRY_OVER_SOURCES]
    values = []
    for line in current:
        key = f"收入·{line.source}"
        place = budget_place(section="收入", item=line.source, column="决算")
        ledger.leaf(key, line.final, 1, f"收入 {line.source} · 决算", place)
        values.append(ledger.value(key, line.final))
    record_total = sum_of(line.final for line in current)
    ledger.total(
        "V1",
        "本年收入合计",
        values,
        "总表 · 本年收入合计",
        stated_place("本年收入合计"),
        record=record_total,
        formula="各项收入",
    )
    total = ledger.value("本年收入合计", record_total)
    for line in current:
        key = f"收入·{line.source}"
        ledger.share(
            key,
            ledger.value(key, line.final),
            total,
            "本年收入合计",
            f"收入 {line.source} · 占比",
            stated_place(key),
        )
    carried = [line.final for line in accounts.income if line.source in CARRY_OVER_SOURCES]
    ledger.total(
        "V2",
        "收入总计",
        [total, *carried],
        "总表 · 收入总计",
        stated_place("收入总计"),
        record=total + sum_of(carried),
        formula="本年收入合计 + 年初结转和结余 + 使用非财政拨款结余",
    )
    ledger.duplicate(
        "收入决算总额", "本年收入合计", total, "绩效报告 · 收入决算总额", stated_place("收入决算总额")
    )
    return total


def general_budget_items(accounts: Accounts, ledger: Ledger) -> dict[str, Decimal]:
    """The value of each 项 (一般公共预算财政拨款), after its leaf check."""
    items: dict[str, list[ExpenditureRecord]] = {}
    for line in accounts.expenditure:
        if line.funding == GENERAL_BUDGET:
            items.setdefault(line.function_code, []).append(line)
    values = {}
    for code, lines in sorted(items.items()):
        record = sum_of(line.final for line in lines)
        where = f"支出 {code} {lines[0].name} · 决算"
        ledger.leaf(f"项·{code}", record, len(lines), where, budget_place(function_code=code, column="决算"))
        values[code] = ledger.value(f"项·{code}", record)
    return values


def check_general_budget(accounts: Accounts, items: dict[str, Decimal], ledger: Ledger) -> Decimal:
    """V12 by 类 and in total, the 类 shares; returns 一般公共预算财政拨款支出."""
    classes: dict[str, list[Decimal]] = {}
    for code, value in items.items():
        classes.setdefault(code[:3], []).append(value)
    class_values = {}
    for code, values in sorted(classes.items()):
        key = f"类·{code}"
        ledger.total(
            "V12",
            key,
            values,
            f"一般公共预算财政拨款支出 {code} 类 · 决算",
            budget_place(function_code=code, column="决算"),
            formula="所属各项",
        )
        class_values[code] = ledger.value(key, sum_of(values))
    key = "一般公共预算财政拨款支出"
    ledger.total(
        "V12",
        key,
        list(class_values.values()),
        "一般公共预算财政拨款支出 · 合计",
        stated_place(key),
        formula="各类",
    )
    total = ledger.value(key, sum_of(class_values.values()))
    for code, value in class_values.items():
        ledger.share(
            f"类·{code}",
            value,
            total,
            "一般公共预算财政拨款支出",
            f"一般公共预算财政拨款支出 {code} 类 · 占比",
            stated_place(f"类·{code}"),
        )
    other_fiscal = sum_of(
        line.final
        for line in accounts.expenditure
        if line.funding in FISCAL_FUNDINGS and line.funding != GENERAL_BUDGET
    )
    ledger.total(
        "V12",
        "财政拨款收支总计",
        [total, other_fiscal],
        "财政拨款收入支出决算总表 · 本年支出",
        stated_place("财政拨款收支总计"),
        formula="一般公共预算、政府性基金、国有资本经营财政拨款支出",
    )
    return total


def _category_value(accounts: Accounts, category: str, items: dict[str, Decimal], ledger: Ledger) -> Decimal:
    """V9: 基本支出 or 项目支出 of all funds, the 项 values where a 项 is wholly of that kind."""
    kinds = general_budget_kinds(accounts)
    parts = []
    for line in accounts.expenditure:
        if line.category != category:
            continue
        if line.funding == GENERAL_BUDGET and kinds[line.function_code] == {category}:
            continue
        parts.append(line.final)
    parts.extend(value for code, value in items.items() if kinds[code] == {category})
    ledger.total(
        "V9",
        category,
        parts,
        f"支出决算表 · {category}",
        stated_place(category),
        record=sum_of(parts),
        formula=f"各科目{category}",
    )
    return ledger.value(category, sum_of(parts))


def check_spending(
    accounts: Accounts, items: dict[str, Decimal], general: Decimal, ledger: Ledger
) -> tuple[Decimal, Decimal]:
    """V3–V5, V9, V14 and the spending shares; returns (本年支出合计, 项目支出 of all funds)."""
    basic = _category_value(accounts, BASIC, items, ledger)
    project = _category_value(accounts, PROJECT, items, ledger)
    others = [line.final for line in accounts.expenditure if line.category not in (BASIC, PROJECT)]
    record_total = sum_of(line.final for line in accounts.expenditure)
    key = "本年支出合计"
    ledger.total(
        "V4",
        key,
        [basic, project, *others],
        "总表 · 本年支出合计（按支出性质）",
        budget_place(stated=key, column="按支出性质"),
        record=record_total,
        formula="基本支出 + 项目支出 + 其他支出",
    )
    non_general = [line.final for line in accounts.expenditure if line.funding != GENERAL_BUDGET]
    ledger.total(
        "V3",
        key,
        [general, *non_general],
        "总表 · 本年支出合计（按功能分类）",
        budget_place(stated=key, column="按功能分类"),
        record=record_total,
        formula="一般公共预算财政拨款支出 + 其他资金支出",
    )
    total = ledger.value(key, record_total)
    for label, value in ((BASIC, basic), (PROJECT, project), ("一般公共预算财政拨款支出", general)):
        ledger.share(label, value, total, "本年支出合计", f"支出 · {label} · 占比", stated_place(label))
    if general > total:
        ledger.report(
            "V14",
            CERTAIN,
            f"一般公共预算财政拨款支出 {wan(general)} 万元大于本年支出合计 {wan(total)} 万元",
            "总表 · 本年支出合计",
            stated_place(key),
            f"≤ {wan(total)}",
            wan(general),
        )
    balances = [line.final for line in accounts.balances]
    ledger.total(
        "V5",
        "支出总计",
        [total, *balances],
        "总表 · 支出总计",
        stated_place("支出总计"),
        record=total + sum_of(balances),
        formula="本年支出合计 + 结余分配 + 年末结转和结余",
    )
    ledger.duplicate("支出决算总额", key, total, "绩效报告 · 支出决算总额", stated_place("支出决算总额"))
    return total, project


def check_totals_balance(ledger: Ledger) -> None:
    """V6: the published 收入总计 = 支出总计 (reports often call them “收、支总计均为…”)."""
    income = ledger.stated_amount("收入总计")
    if income is not None:
        ledger.total(
            "V6",
            "支出总计",
            [income],
            "总表 · 收入总计与支出总计",
            budget_place(stated="支出总计", column="收支平衡"),
            formula="收入总计",
        )
