"""基本支出决算表 by 经济分类 (DOMAIN.md §5.3 V13) and the 绩效报告's figures drawn from it."""

from __future__ import annotations

from decimal import Decimal

from desktop.domain.check_records import (
    BASIC,
    GENERAL_BUDGET,
    PROJECT,
    Accounts,
    budget_place,
    general_budget_kinds,
    is_personnel,
    stated_place,
)
from desktop.domain.checks import Ledger, sum_of

PERSONNEL = "人员经费"
PUBLIC = "公用经费"


def group_place(label: str) -> dict:
    """Where the 人员经费 or 公用经费 lines are checked against their published total."""
    return budget_place(section=BASIC, column=label)


def check_basic(accounts: Accounts, items: dict[str, Decimal], ledger: Ledger) -> tuple[Decimal, Decimal]:
    """V13 and the report's 基本/项目支出 figures; returns (公用经费, 财政拨款项目支出 as reported)."""
    lines = [line for line in accounts.basic if line.funding == GENERAL_BUDGET]
    groups = (
        (PERSONNEL, [line for line in lines if is_personnel(line)]),
        (PUBLIC, [line for line in lines if not is_personnel(line)]),
    )
    values = {}
    for label, group in groups:
        record = sum_of(line.final for line in group)
        if group:
            ledger.leaf(label, record, len(group), f"基本支出 · {label}", group_place(label))
        values[label] = ledger.value(label, record)
    key = "财政拨款基本支出"
    record_total = sum_of(line.final for line in lines)
    ledger.total(
        "V13",
        key,
        list(values.values()),
        "基本支出决算表 · 合计",
        budget_place(section=BASIC, column="人员经费+公用经费"),
        record=record_total,
        formula="人员经费 + 公用经费",
    )
    total = ledger.value(key, record_total)
    kinds = general_budget_kinds(accounts)
    basic_items = [value for code, value in items.items() if kinds[code] == {BASIC}]
    if lines and basic_items:
        ledger.total(
            "V13",
            key,
            basic_items,
            "基本支出决算表 · 合计与一般公共预算财政拨款支出表",
            budget_place(section=BASIC, column="表06基本支出"),
            record=record_total,
            formula="一般公共预算财政拨款支出表中基本支出各项",
        )
    report_keys = (
        ("财政拨款基本支出（绩效报告）", key, total),
        ("人员经费（绩效报告）", PERSONNEL, values[PERSONNEL]),
        ("公用经费（绩效报告）", PUBLIC, values[PUBLIC]),
    )
    for duplicate_key, primary_key, primary in report_keys:
        ledger.duplicate(
            duplicate_key, primary_key, primary, f"绩效报告 · {primary_key}", stated_place(duplicate_key)
        )
    report_total = ledger.value("财政拨款基本支出（绩效报告）", total)
    for label in ("人员经费（绩效报告）", "公用经费（绩效报告）"):
        part = ledger.value(label, values[label[:4]])
        ledger.share(
            label, part, report_total, "基本支出", f"绩效报告 · {label[:4]} · 占比", stated_place(label)
        )
    project_items = [value for code, value in items.items() if kinds[code] == {PROJECT}]
    key = "财政拨款项目支出（绩效报告）"
    ledger.total(
        "V12",
        key,
        project_items,
        "绩效报告 · 财政拨款项目支出",
        stated_place(key),
        formula="一般公共预算财政拨款支出表中项目支出各项",
    )
    return values[PUBLIC], ledger.value(key, sum_of(project_items))
