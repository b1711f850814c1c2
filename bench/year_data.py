"""A department's year of 200 projects × 10 indicators, for ``score``, ``check`` and ``check-text``.

``build`` writes, with a seeded generator, a 湖北省 department (national 自评表, national 决算公开
tables) whose 2024 holds: 200 projects, each funded from 财政资金 (some also 单位资金 or 上年结转资金)
with ten indicators of every kind (数量 / 质量 / 时效 / 成本 / 效益 / 满意度; ≥ ≤ ＝ 定性), a few
待评 and a few manual scores; the 收入 and 支出 by 功能分类 科目 and funding source that the
projects and the 基本支出 add up to; 基本支出 by 经济分类; 三公经费; 执行进度; the figures the
report states (a few mistyped, so ``check`` has something to report); a 部门整体 and two 项目
scorecards; the clerk's texts of the 决算说明. Rows go in by Core ``insert`` through the models.

    python -m bench.year_data [PATH]
"""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, insert

from desktop.domain.report_performance import PERFORMANCE_SECTIONS
from desktop.domain.report_text import CLERK_SECTIONS
from desktop.services.classification import classification_for_year
from desktop.services.sample_scorecards import (
    DEPARTMENT_ITEMS,
    DEPARTMENT_TEMPLATE,
    PROJECT_TEMPLATE,
    RECEPTION_ITEMS,
    STABILITY_ITEMS,
)
from desktop.storage.database import open_database
from desktop.storage.models import (
    BalanceLine,
    BasicExpenditureLine,
    Department,
    ExecutionCheckpoint,
    ExpenditureLine,
    IncomeLine,
    Indicator,
    Project,
    ProjectFunding,
    ReportedCount,
    ReportText,
    Scorecard,
    ScorecardItem,
    StatedFigure,
    ThreePublicItem,
    inserted_id,
)

YEAR = 2024
PROJECTS = 200
CENT = Decimal("0.01")
WAN = Decimal(10_000)
GENERAL = "一般公共预算财政拨款"
OTHER = "其他资金"
# 项目支出 科目 of a 民政局; 行政运行 and the 社会保障 / 医疗 / 住房 items carry the 基本支出
PROJECT_CODES = ("2080202", "2080208", "2081002", "2081901", "2082001", "2082501", "2089999")
BASIC_CODES = {"2080201": 0.62, "2080505": 0.18, "2101101": 0.08, "2210201": 0.12}
ECONOMIC_SHARES = {
    "30101": 0.24,
    "30102": 0.20,
    "30103": 0.10,
    "30108": 0.12,
    "30113": 0.08,
    "30201": 0.07,
    "30211": 0.05,
    "30217": 0.01,
    "30231": 0.03,
    "30299": 0.10,
}
SUBJECTS = (
    "城乡低保",
    "特困人员救助供养",
    "临时救助",
    "高龄津贴",
    "养老服务补贴",
    "社区治理",
    "残疾人两项补贴",
    "孤儿基本生活费",
    "殡葬改革",
    "社会组织培育",
)
PLACES = (
    "纸坊街道",
    "五里界街道",
    "乌龙泉街道",
    "郑店街道",
    "金口街道",
    "山坡街道",
    "安山街道",
    "湖泗街道",
    "舒安街道",
    "法泗街道",
    "豹澥街道",
    "佛祖岭街道",
    "滨湖街道",
    "庙山街道",
    "金港新区",
    "藏龙岛",
    "大桥新区",
    "经济开发区",
    "梁子湖",
    "全区",
)
REASONS = ("部分资金待项目验收后拨付", "政策调整，补助对象减少", "年底追加资金未及支出")


def _money(rng: random.Random, low: float, high: float) -> Decimal:
    """An amount in 元, whole 百元 as budgets are written."""
    return Decimal(rng.randrange(int(low) // 100, int(high) // 100)) * 100


def _indicators(rng: random.Random, subject: str) -> list[dict]:
    """Ten indicators of the national 自评表: 产出 50, 效益 30, 满意度 10 (with 预算执行 10)."""
    persons = rng.randrange(200, 5000)
    done = int(persons * rng.uniform(0.85, 1.15))
    cost = rng.randrange(50, 400)
    rows = [
        ("产出指标", "数量指标", f"{subject}覆盖人数", "≥", str(persons), "人", "10", str(done)),
        ("产出指标", "数量指标", "入户核查次数", "≥", str(persons // 10), "次", "10", str(done // 10)),
        ("产出指标", "质量指标", "资金发放准确率", "＝", "100", "%", "10", rng.choice(("100", "100", "99.5"))),
        ("产出指标", "时效指标", "资金发放时限", "≤", "30", "天", "10", str(rng.randrange(18, 40))),
        ("产出指标", "成本指标", f"{subject}人均补助标准", "≤", str(cost), "元/月", "10", str(cost)),
        ("效益指标", "社会效益指标", "困难群众基本生活保障", "定性", "优良中低差", "", "10", "优"),
        ("效益指标", "经济效益指标", "救助资金惠及率", "≥", "95", "%", "10", f"{rng.uniform(90, 100):.2f}"),
        ("效益指标", "可持续影响指标", "长效机制健全", "定性", "优良中低差", "", "10", rng.choice(("良好", "优", "基本健全"))),
        ("满意度指标", "服务对象满意度指标", "救助对象满意度", "≥", "90", "%", "5", f"{rng.uniform(85, 99):.2f}"),
        ("满意度指标", "服务对象满意度指标", "社区满意度", "≥", "85", "%", "5", f"{rng.uniform(80, 99):.2f}"),
    ]  # fmt: skip
    indicators = []
    for position, (level1, level2, level3, nature, target, unit, weight, actual) in enumerate(rows, start=1):
        if rng.random() < 0.03:  # 完成值 not yet known: 待评
            actual = ""
        manual = rng.random() < 0.02 and actual != ""
        indicators.append(
            {
                "position": position,
                "level1": level1,
                "level2": level2,
                "level3": level3,
                "nature": nature,
                "target": target,
                "unit": unit,
                "weight": Decimal(weight),
                "direction": "反向指标" if nature == "≤" else "正向指标",
                "actual": actual,
                "manual_score": Decimal(weight) - 1 if manual else None,
                "manual_reason": "评价组复核后调整" if manual else "",
                "shortfall_reason": rng.choice(REASONS) if rng.random() < 0.1 else "",
            }
        )
    return indicators


def _projects(rng: random.Random, department_id: int) -> list[dict]:
    projects = []
    for number in range(PROJECTS):
        subject, place = SUBJECTS[number % len(SUBJECTS)], PLACES[number // len(SUBJECTS)]
        initial = _money(rng, 50_000, 3_000_000)
        adjusted = initial + _money(rng, 0, 200_000) if rng.random() < 0.3 else initial
        executed = (adjusted * Decimal(str(min(1.0, rng.uniform(0.7, 1.05))))).quantize(CENT)
        funding = [("财政资金", initial, adjusted, executed)]
        if rng.random() < 0.3:
            own = _money(rng, 10_000, 300_000)
            funding.append(("单位资金", own, own, (own * Decimal("0.9")).quantize(CENT)))
        if rng.random() < 0.1:
            carried = _money(rng, 10_000, 100_000)
            funding.append(("上年结转资金", Decimal(0), carried, carried))
        rate = sum(row[3] for row in funding) / sum(row[2] for row in funding)
        projects.append(
            {
                "project": {
                    "department_id": department_id,
                    "year": YEAR,
                    "code": f"42011524T{number + 1:012d}",
                    "name": f"{place}{subject}资金",
                    "competent_department": "武汉市江夏区民政局",
                    "implementing_unit": "武汉市江夏区民政局",
                    "function_code": PROJECT_CODES[number % len(PROJECT_CODES)],
                    "annual_goal": f"保障{place}{subject}对象基本生活，按时足额发放补助资金。",
                    "goal_completion": f"{place}{subject}资金按月发放，对象动态管理。",
                    "execution_reason": rng.choice(REASONS) if rate < Decimal("0.9") else "",
                    "conclusion": "项目总体完成年度绩效目标。",
                    "project_lead": "张敏",
                    "finance_lead": "李静",
                    "execution_manual_score": Decimal("8.50") if number % 67 == 5 else None,
                    "execution_manual_reason": "评价组核减" if number % 67 == 5 else "",
                },
                "funding": funding,
                "indicators": _indicators(rng, subject),
            }
        )
    return projects


def _wan(amount: Decimal) -> Decimal:
    """An amount as a report states it: 万元, two decimals, back in 元."""
    return (amount / WAN).quantize(CENT) * WAN


def _budget(rng: random.Random, scope: dict, projects: list[dict]) -> dict[str, list[dict]]:
    """收入, 支出, 结转, 基本支出, 三公 and 执行进度 that add up to the projects and the 基本支出."""
    spent: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for entry in projects:
        code = entry["project"]["function_code"]
        for source, _initial, _adjusted, executed in entry["funding"]:
            spent[code, GENERAL if source == "财政资金" else OTHER] += executed
    basic_total = _money(rng, 9_000_000, 11_000_000)
    codes = classification_for_year(YEAR)
    expenditure, income = [], []
    for code, share in BASIC_CODES.items():
        amount = (basic_total * Decimal(str(share))).quantize(CENT)
        spent_before = (amount * Decimal(str(rng.uniform(0.9, 1.1)))).quantize(CENT)
        name = codes.function_name(code)
        expenditure.append(dict(scope, function_code=code, name=name, category="基本支出", funding=GENERAL,
                                initial_budget=amount, adjusted_budget=amount, final_amount=amount,
                                previous_final=spent_before))  # fmt: skip
        income.append(dict(scope, source="一般公共预算财政拨款收入", function_code=code, initial_budget=amount,
                           adjusted_budget=amount, final_amount=amount, previous_final=spent_before))  # fmt: skip
    for (code, funding), amount in sorted(spent.items()):
        before = (amount * Decimal(str(rng.uniform(0.8, 1.2)))).quantize(CENT)
        expenditure.append(dict(scope, function_code=code, name=codes.function_name(code), category="项目支出",
                                funding=funding, initial_budget=amount, adjusted_budget=amount,
                                final_amount=amount, previous_final=before))  # fmt: skip
        source = "一般公共预算财政拨款收入" if funding == GENERAL else "其他收入"
        income.append(dict(scope, source=source, function_code=code, initial_budget=amount,
                           adjusted_budget=amount, final_amount=amount, previous_final=before))  # fmt: skip
    basic = []
    for economic_code, share in ECONOMIC_SHARES.items():
        amount = (basic_total * Decimal(str(share))).quantize(CENT)
        basic.append(dict(scope, economic_code=economic_code, name=codes.economic_name(economic_code),
                          funding=GENERAL, budget=amount, final_amount=amount,
                          previous_final=(amount * Decimal("0.97")).quantize(CENT)))  # fmt: skip
    by_economic = {row["economic_code"]: row["final_amount"] for row in basic}
    three_public = [
        dict(scope, item=item, budget=budget, final_amount=final, previous_final=(final * Decimal("1.1")).quantize(CENT),
             batches=batches, persons=persons, vehicles=vehicles)
        for item, budget, final, batches, persons, vehicles in (
            ("公务用车运行维护费", by_economic["30231"], by_economic["30231"], 0, 0, 3),
            ("国内公务接待费", by_economic["30217"], by_economic["30217"], 14, 96, 0),
            ("因公出国（境）费", Decimal(0), Decimal(0), 0, 0, 0),
            ("公务用车购置费", Decimal(0), Decimal(0), 0, 0, 0),
        )
    ]  # fmt: skip
    total = sum((row["final_amount"] for row in expenditure), Decimal(0))
    checkpoints = [
        dict(
            scope, month=month, cumulative_spending=(total * Decimal(share)).quantize(CENT), budget_base=total
        )
        for month, share in ((6, "0.46"), (9, "0.68"), (11, "0.83"), (12, "0.97"))
    ]
    return {
        "expenditure": expenditure,
        "income": income,
        "basic": basic,
        "three_public": three_public,
        "checkpoints": checkpoints,
        "balance": [dict(scope, kind="年末结转和结余", funding=OTHER, final_amount=Decimal("86400.00"))],
        "counts": [dict(scope, item="越野车", count=1), dict(scope, item="一般公务用车", count=2)],
    }


def _stated(rng: random.Random, scope: dict, budget: dict, projects: list[dict]) -> list[dict]:
    """The figures the 决算说明 states, in 万元 as printed; every 40th project's mistyped by 0.1 万元."""
    income = sum((row["final_amount"] for row in budget["income"]), Decimal(0))
    spending = sum((row["final_amount"] for row in budget["expenditure"]), Decimal(0))
    basic = sum((r["final_amount"] for r in budget["expenditure"] if r["category"] == "基本支出"), Decimal(0))
    by_class: dict[str, Decimal] = defaultdict(Decimal)
    for row in budget["expenditure"]:
        if row["funding"] == GENERAL:  # the report's 结构 is of the 一般公共预算财政拨款支出
            by_class[row["function_code"][:3]] += row["final_amount"]
    stated = [
        ("本年收入合计", income, "二、收入决算情况"),
        ("本年支出合计", spending, "三、支出决算情况"),
        ("基本支出", basic, "三、支出决算情况"),
        ("项目支出", spending - basic, "三、支出决算情况"),
        *((f"类·{code}", amount, "五（二）结构情况") for code, amount in sorted(by_class.items())),
    ]
    for number, entry in enumerate(projects):
        executed = sum((row[3] for row in entry["funding"] if row[0] == "财政资金"), Decimal(0))
        typo = Decimal(1000) if number % 40 == 7 else Decimal(0)
        stated.append((f"项目支出·{entry['project']['code']}", executed + typo, "二（二）项目支出分别为"))
    return [
        dict(scope, key=key, amount=_wan(amount), source=f"决算说明 {place}") for key, amount, place in stated
    ]


def _texts(scope: dict) -> list[dict]:
    sections = (*CLERK_SECTIONS, *PERFORMANCE_SECTIONS)
    return [
        dict(
            scope,
            section=section,
            text=f"{section}：江夏区民政局{YEAR}年按照区委、区政府部署，认真履行职责。",
        )
        for section in dict.fromkeys(sections)
    ]


def _scorecard_items(scorecard_id: int, items: dict) -> list[dict]:
    return [
        {
            "scorecard_id": scorecard_id,
            "item_key": key,
            "inputs": json.dumps(inputs, ensure_ascii=False) if inputs else "",
            "manual_score": Decimal(manual[0]) if manual else None,
            "manual_reason": manual[1] if manual else "",
        }
        for key, (inputs, manual) in items.items()
    ]


def build(path: Path) -> tuple[Engine, int, int]:
    """Write the year into a new database at ``path``: (engine, department id, year)."""
    engine = open_database(path, create=True)
    rng = random.Random(15)
    with engine.begin() as connection:

        def add(model, rows):
            if rows:
                connection.execute(insert(model.__table__), rows)

        department_id = inserted_id(
            connection.execute(
                insert(Department.__table__).values(
                    name="武汉市江夏区民政局",
                    competent_department="武汉市江夏区民政局",
                    implementing_unit="武汉市江夏区民政局",
                    province="湖北省",
                    region="武汉市江夏区",
                )
            ).inserted_primary_key
        )
        scope = {"department_id": department_id, "year": YEAR}
        projects = _projects(rng, department_id)
        project_ids = []
        for entry in projects:
            project_id = inserted_id(
                connection.execute(insert(Project.__table__).values(entry["project"])).inserted_primary_key
            )
            project_ids.append(project_id)
            add(ProjectFunding, [
                {"project_id": project_id, "source": source, "initial_budget": initial, "adjusted_budget": adjusted,
                 "executed": executed} for source, initial, adjusted, executed in entry["funding"]
            ])  # fmt: skip
            add(Indicator, [dict(row, project_id=project_id) for row in entry["indicators"]])
        budget = _budget(rng, scope, projects)
        add(ExpenditureLine, budget["expenditure"])
        add(IncomeLine, budget["income"])
        add(BasicExpenditureLine, budget["basic"])
        add(ThreePublicItem, budget["three_public"])
        add(ExecutionCheckpoint, budget["checkpoints"])
        add(BalanceLine, budget["balance"])
        add(ReportedCount, budget["counts"])
        add(StatedFigure, _stated(rng, scope, budget, projects))
        add(ReportText, _texts(scope))
        cards: tuple[tuple[str, str, int | None, dict], ...] = (
            (DEPARTMENT_TEMPLATE, f"{YEAR}年部门整体支出绩效评价指标体系", None, DEPARTMENT_ITEMS),
            (PROJECT_TEMPLATE, f"项目支出绩效评价指标体系（{projects[0]['project']['name']}）", project_ids[0],
             RECEPTION_ITEMS),
            (PROJECT_TEMPLATE, f"项目支出绩效评价指标体系（{projects[1]['project']['name']}）", project_ids[1],
             STABILITY_ITEMS),
        )  # fmt: skip
        for template, title, card_project, items in cards:
            card_id = inserted_id(
                connection.execute(
                    insert(Scorecard.__table__).values(
                        dict(scope, template=template, title=title, project_id=card_project)
                    )
                ).inserted_primary_key
            )
            add(ScorecardItem, _scorecard_items(card_id, items))
    return engine, department_id, YEAR


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "year-200.sqlite")
    target.unlink(missing_ok=True)
    built, department, year = build(target)
    print(f"{target}: 单位 {department}，{year} 年，{PROJECTS} 个项目")
