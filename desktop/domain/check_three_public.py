"""财政拨款“三公”经费 (DOMAIN.md §5.3 V15): the 三公表's totals, its shares and 比上年, and each
三公 决算 against the 经济分类 line of the same spending in the 基本支出 table."""

from __future__ import annotations

from decimal import Decimal

from desktop.domain.check_basic import PERSONNEL, PUBLIC, group_place
from desktop.domain.check_records import (
    FISCAL_FUNDINGS,
    GENERAL_BUDGET,
    Accounts,
    budget_place,
    is_personnel,
    stated_place,
)
from desktop.domain.checks import CERTAIN, SUSPECTED, Ledger, sum_of, wan

ABROAD_ITEM = "因公出国（境）费"
VEHICLE_ITEMS = ("公务用车购置费", "公务用车运行维护费")
RECEPTION_ITEMS = ("国内公务接待费", "外事接待费")
GROUPS = (("公务用车购置及运行维护费", VEHICLE_ITEMS), ("公务接待费", RECEPTION_ITEMS))

# 经济分类 款 → (its name, the 三公 items booked under it) (DOMAIN.md V15; the 2023 edition's names)
ECONOMIC_ITEMS = (
    ("30212", "因公出国（境）费用", (ABROAD_ITEM,)),
    ("30217", "公务接待费", RECEPTION_ITEMS),
    ("30231", "公务用车运行维护费", ("公务用车运行维护费",)),
    ("31013", "公务用车购置", ("公务用车购置费",)),
)


def item_place(item: str) -> dict:
    return budget_place(section="三公经费", item=item, column="决算")


def check_three_public(accounts: Accounts, ledger: Ledger) -> tuple[Decimal, Decimal]:
    """V15 totals, shares, 公务接待费 比上年 and the 经济分类 comparison; returns (三公经费 as
    reported, its 上年决算 from the records)."""
    records = {line.item: line for line in accounts.three_public}
    values = {}
    for item, line in records.items():
        key = f"三公·{item}"
        ledger.leaf(key, line.final, 1, f"三公经费 {item} · 决算", item_place(item))
        values[item] = ledger.value(key, line.final)
    for label, members in GROUPS:
        parts = [values[item] for item in members if item in values]
        key = f"三公·{label}"
        ledger.total("V15", key, parts, f"三公经费 · {label}", stated_place(key), formula="其中各项")
        values[label] = ledger.value(key, sum_of(parts))
    heads = [values[item] for item in (ABROAD_ITEM, *(label for label, _ in GROUPS)) if item in values]
    record_total = sum_of(line.final for line in records.values())
    ledger.total(
        "V15",
        "三公经费",
        heads,
        "三公经费 · 合计",
        stated_place("三公经费"),
        record=record_total,
        formula="因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费",
    )
    total = ledger.value("三公经费", record_total)
    for item in (ABROAD_ITEM, *(label for label, _ in GROUPS)):
        if item in values:
            ledger.share(
                f"三公·{item}",
                values[item],
                total,
                "三公经费",
                f"三公经费 · {item} · 占比",
                stated_place(f"三公·{item}"),
            )
    reception_previous = sum_of(records[item].previous for item in RECEPTION_ITEMS if item in records)
    ledger.change(
        "公务接待费",
        values.get("公务接待费", Decimal(0)),
        reception_previous,
        "三公经费 · 公务接待费 · 比上年",
        stated_place("公务接待费增减额"),
    )
    check_economic_lines(accounts, ledger)
    check_vehicles(accounts, ledger)
    return total, sum_of(line.previous for line in records.values())


def check_vehicles(accounts: Accounts, ledger: Ledger) -> None:
    """V15: the vehicles by type (国有资产) add up to the 公务用车保有量 the 三公经费 state.

    疑似, not 确定: the 三公 count is of the vehicles run on 财政拨款, the types count every vehicle."""
    vehicles = accounts.vehicles
    if vehicles is None:
        return
    total = sum(count for _type, count in vehicles.by_type)
    if total == vehicles.kept:
        return
    types = "、".join(f"{name} {count} 辆" for name, count in vehicles.by_type if count)
    ledger.report(
        "V15",
        SUSPECTED,
        f"国有资产车辆按类型合计 {total} 辆（{types or '各类均为 0'}），三公经费的公务用车保有量为 {vehicles.kept} 辆",
        "三公经费 · 公务用车保有量",
        budget_place(section="三公经费", item="公务用车运行维护费", column="车辆数"),
        str(total),
        str(vehicles.kept),
    )


def check_economic_lines(accounts: Accounts, ledger: Ledger) -> None:
    """V15: a 三公 决算 (财政拨款) against the 财政拨款 基本支出 line of its 经济分类 款.

    Compared only where both records exist, and only when neither side was already reported at
    its place (the 三公 item against its published figure, the line within 人员/公用经费), so one
    wrong record gives one finding. A 三公 amount below the line is certainly wrong; above it the
    rest may be 项目支出, which Ziping keeps by 功能分类 only, so it is 疑似.
    """
    records = {line.item: line for line in accounts.three_public}
    for code, name, members in ECONOMIC_ITEMS:
        items = [item for item in members if item in records]
        lines = [
            line for line in accounts.basic if line.economic_code == code and line.funding in FISCAL_FUNDINGS
        ]
        if not items or not lines:
            continue
        covered = [item_place(item) for item in items]
        covered += [
            group_place(PERSONNEL if is_personnel(line) else PUBLIC)
            for line in lines
            if line.funding == GENERAL_BUDGET
        ]
        if any(ledger.reported(place) for place in covered):
            continue
        three_public = sum_of(records[item].final for item in items)
        economic = sum_of(line.final for line in lines)
        if three_public == economic:
            continue
        severity = CERTAIN if three_public < economic else SUSPECTED
        remark = "" if severity == CERTAIN else "（差额若在项目支出中，请在说明中注明）"
        ledger.report(
            "V15",
            severity,
            f"三公经费 {'、'.join(items)} 决算 {wan(three_public)} 万元，基本支出经济分类 {code} {name} "
            f"决算 {wan(economic)} 万元，两者应相等{remark}",
            f"三公经费 · {'、'.join(items)} 与经济分类 {code}",
            budget_place(economic_code=code, column="决算"),
            wan(economic),
            wan(three_public),
        )
