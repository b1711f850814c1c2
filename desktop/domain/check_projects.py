"""Project checks: the 自评表 against itself, the 决算 and the scores (DOMAIN.md §1.3–1.4, V16, V19, V20).

P1 asks ``self_evaluation.check_weights`` (the tab and the export ask it too); P6 names each 待评 indicator.

Statement keys: ``自评表调整后预算·CODE``, ``自评表执行数·CODE`` and ``自评表执行率·CODE`` (the 总额 row as
printed), ``项目支出·CODE`` (the project's 决算 as the report lists it).
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass
from decimal import Decimal

from desktop.domain.checks import CERTAIN, HINT, SUSPECTED, Ledger, amounts_agree, percent_text, sum_of, wan
from desktop.domain.money import HUNDRED, MoneyUnit, NumberFormatError, parse_money, round_half_up
from desktop.domain.scoring import execution_rate, manual_gap_flagged, points
from desktop.domain.self_evaluation import SelfEvaluationRules, check_weights

PROJECT_TAB = "项目绩效"
LOW_RATE = Decimal("0.9")
FISCAL_SOURCE = "财政资金"
TOTAL_ROW = "总额"
MONEY_UNITS = {"万元": MoneyUnit.WAN, "元": MoneyUnit.YUAN}


@dataclass(frozen=True)
class FundingRecord:
    source: str
    adjusted: Decimal
    executed: Decimal


@dataclass(frozen=True)
class IndicatorRecord:
    row: int  # 1-based, as the clerk reads it (the place's ``row`` is 0-based, as the table counts)
    level1: str
    level2: str
    level3: str
    unit: str
    weight: Decimal
    actual: str
    pending: str = ""  # why the 完成值 cannot be scored (待评), empty when it is scored


@dataclass(frozen=True)
class ProjectRecord:
    code: str
    name: str
    funding: tuple[FundingRecord, ...]
    indicators: tuple[IndicatorRecord, ...]
    execution_reason: str = ""
    _: KW_ONLY
    rules: SelfEvaluationRules  # the department's 自评表 template (desktop/services/catalogue.py)


@dataclass(frozen=True)
class ManualScore:
    """A score the clerk set by hand beside the one the formula gives."""

    where: str
    place: dict
    formula: Decimal
    manual: Decimal
    reason: str = ""


def _place(code: str, **keys) -> dict:
    return {"tab": PROJECT_TAB, "project": code, **keys}


def _label(project: ProjectRecord) -> str:
    return f"项目 {project.name}"


def _check_funding(project: ProjectRecord, ledger: Ledger) -> tuple[Decimal, Decimal, dict[str, Decimal]]:
    """Each funding row against the printed 自评表, then the 总额 row against its 其中 rows (P5)."""
    code, label = project.code, _label(project)
    totals = []
    executed_by_source = {}
    for column, key, field in (
        ("调整后预算数", "自评表调整后预算", "adjusted"),
        ("预算执行数", "自评表执行数", "executed"),
    ):
        values = []
        for row in project.funding:
            row_key = f"{key}·{code}·{row.source}"
            record = getattr(row, field)
            place = _place(code, row=row.source, column=column)
            ledger.leaf(row_key, record, 1, f"{label} · {row.source} · {column}", place)
            values.append(ledger.value(row_key, record))
            if field == "executed":
                executed_by_source[row.source] = values[-1]
        total_place = _place(code, row=TOTAL_ROW, column=column)
        ledger.total(
            "P5", f"{key}·{code}", values, f"{label} · 总额 · {column}", total_place, formula="其中各资金来源"
        )
        totals.append(ledger.value(f"{key}·{code}", sum_of(values)))
    return totals[0], totals[1], executed_by_source


def _check_budget(project: ProjectRecord, ledger: Ledger) -> tuple[Decimal, dict[str, Decimal]]:
    """The funding rows, the printed rate (V16) and the rate rules of §1.3."""
    code, label = project.code, _label(project)
    adjusted, executed, by_source = _check_funding(project, ledger)
    adjusted_record = sum_of(row.adjusted for row in project.funding)
    executed_record = sum_of(row.executed for row in project.funding)
    statement = ledger.statement(f"自评表执行率·{code}")
    rate = execution_rate(executed, adjusted)
    if statement is not None and statement.percent is not None and rate is not None:
        computed = round_half_up(rate * HUNDRED, 2)
        if computed != statement.percent:
            ledger.report(
                "V16", CERTAIN,
                f"{label}：自评表印的预算执行率为 {percent_text(statement.percent)}，"
                f"{wan(executed)} ÷ {wan(adjusted)} = {percent_text(computed)}",
                f"{label} · 预算执行率", _place(code, row=TOTAL_ROW, column="预算执行率"),
                percent_text(computed), percent_text(statement.percent),
            )  # fmt: skip
    record_rate = execution_rate(executed_record, adjusted_record)
    if record_rate is not None and not project.execution_reason.strip():
        shown = percent_text(round_half_up(record_rate * HUNDRED, 2))
        if record_rate < LOW_RATE:
            ledger.report(
                "P2", CERTAIN, f"{label}：预算执行率 {shown} 未达到 90%，须说明原因（100字以内）",
                f"{label} · 预算执行 · 原因", _place(code, column="原因"), "说明原因", shown,
            )  # fmt: skip
        elif record_rate > 1:
            ledger.report(
                "P3", SUSPECTED, f"{label}：预算执行率 {shown} 超过 100%，须说明原因（如使用结转资金）",
                f"{label} · 预算执行 · 原因", _place(code, column="原因"), "说明原因", shown,
            )  # fmt: skip
    return executed, by_source


def _check_indicators(project: ProjectRecord, executed: Decimal, ledger: Ledger) -> None:
    label = _label(project)
    problems = check_weights(project.name, project.indicators, project.rules).problems
    headings = [problem for problem in problems if problem.heading != "合计"]
    for problem in headings or problems:  # the 合计 over the full marks follows from a heading's excess
        ledger.report(
            "P1", CERTAIN,
            f"{label}：{problem.heading}权重合计 {points(problem.actual)}，应为 {points(problem.expected)}",
            f"{label} · {problem.heading} · 权重合计",
            _place(code=project.code, column="权重", **({"row": "合计"} if problem.heading == "合计" else {})),
            points(problem.expected), points(problem.actual),
        )  # fmt: skip
    for indicator in project.indicators:
        if indicator.pending:
            ledger.report(
                "P6", CERTAIN,
                f"{label}：指标“{indicator.level3}”待评，{indicator.pending}；未解决前项目没有总分和等级",
                f"{label} · 绩效指标第{indicator.row}行 · 完成值",
                _place(project.code, row=indicator.row - 1, column="完成值"), "可计分的完成值或手工得分", indicator.actual,
            )  # fmt: skip
    for indicator in project.indicators:
        unit = MONEY_UNITS.get(indicator.unit.strip())
        if "成本" not in indicator.level1 + indicator.level2 or unit is None or not indicator.actual.strip():
            continue
        try:
            cost = parse_money(indicator.actual, unit)
        except NumberFormatError:
            continue
        if cost > executed:
            ledger.report(
                "V20", SUSPECTED,
                f"{label}：成本指标“{indicator.level3}”完成值 {wan(cost)} 万元大于预算执行数 {wan(executed)} 万元",
                f"{label} · 绩效指标第{indicator.row}行 · 完成值",
                _place(project.code, row=indicator.row - 1, column="完成值"), f"≤ {wan(executed)}", wan(cost),
            )  # fmt: skip


def check_projects(
    projects: list[ProjectRecord], project_spending: Decimal, fiscal_project_spending: Decimal, ledger: Ledger
) -> None:
    """Each project's 自评表, then V19: each project and all of them against the 决算's 项目支出.

    ``project_spending`` is 项目支出 of all funds and ``fiscal_project_spending`` that of
    一般公共预算财政拨款, as the report uses them (statements, or the records).
    """
    all_executed, fiscal_executed = [], []
    for project in projects:
        executed, by_source = _check_budget(project, ledger)
        _check_indicators(project, executed, ledger)
        all_executed.append(executed)
        fiscal = by_source.get(FISCAL_SOURCE, Decimal(0))
        fiscal_executed.append(fiscal)
        key = f"项目支出·{project.code}"
        listed = ledger.stated_amount(key)
        if listed is not None and not amounts_agree(listed, fiscal):
            ledger.report(
                "V19", CERTAIN,
                f"{_label(project)}：自评表财政资金执行数 {wan(fiscal)} 万元，决算报告列该项目财政拨款支出 {wan(listed)} 万元",
                f"{_label(project)} · 财政资金 · 执行数与决算", _place(project.code, row=FISCAL_SOURCE, column="预算执行数"),
                wan(fiscal), wan(listed),
            )  # fmt: skip
    cases = (
        ("项目支出", project_spending, all_executed, "预算执行数", TOTAL_ROW),
        ("财政拨款项目支出", fiscal_project_spending, fiscal_executed, "财政资金执行数", FISCAL_SOURCE),
    )
    for label, spending, executed_values, what, row in cases:
        total = sum_of(executed_values)
        if not projects or not spending or amounts_agree(spending, total, len(projects)):
            continue
        ledger.report(
            "V19", SUSPECTED,
            f"{len(projects)}个项目的{what}合计 {wan(total)} 万元，决算{label} {wan(spending)} 万元，"
            f"相差 {wan(spending - total)} 万元（未做自评的项目，或执行数与决算不一致）",
            f"项目 · {what}合计", {"tab": PROJECT_TAB, "row": row, "column": "预算执行数"}, wan(spending), wan(total),
        )  # fmt: skip


def check_manual_scores(scores: list[ManualScore], ledger: Ledger) -> None:
    """A manual score more than 0.5 point from the formula is shown to the clerk (§1.3)."""
    for score in scores:
        if manual_gap_flagged(score.formula, score.manual):
            reason = f"，理由：{score.reason}" if score.reason else ""
            ledger.report(
                "P4", HINT,
                f"{score.where}：手工得分 {points(score.manual)} 与公式得分 {points(score.formula)} 相差超过 0.5 分{reason}",
                score.where, score.place, points(score.formula), points(score.manual),
            )  # fmt: skip
