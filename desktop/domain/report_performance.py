"""The 附件 部门整体支出绩效评价报告: its figure sections written from the same catalogue as the
公开说明 (so 216.37 beside 216.38 cannot happen), the scorecard's result, and the narrative
sections kept as the clerk's texts of the year (section names ``PERFORMANCE_SECTIONS``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from desktop.domain import report_figures as names
from desktop.domain.budget import INCOME_SOURCES, NOT_CURRENT_INCOME
from desktop.domain.money import format_percent
from desktop.domain.report_figures import ReportCatalogue
from desktop.domain.report_text import REASON, Block, clerk_paragraphs
from desktop.domain.report_wording import change_phrase, percent, reason_phrase, wan

ORGANISATION = "绩效·机构组成"
FUNCTIONS = "绩效·机构职能"
STAFF = "绩效·人员概况"
MANAGEMENT = "绩效·部门整体预算绩效管理情况"
CONCLUSION = "绩效·评价结论"
PROBLEMS = "绩效·存在问题"
SUGGESTIONS = "绩效·改进建议"
PERFORMANCE_SECTIONS = (ORGANISATION, FUNCTIONS, STAFF, MANAGEMENT, CONCLUSION, PROBLEMS, SUGGESTIONS)


@dataclass(frozen=True)
class PerformanceFacts:
    """What the 附件 states besides the catalogue: the 执行进度 by month (ratio), and the department
    scorecard's result (none when there is no scorecard)."""

    progress: tuple[tuple[int, Decimal], ...] = ()
    score: Decimal | None = None
    grade: str = ""


def _heading(text: str, level: int) -> Block:
    return Block("heading", text, level)


def _para(*parts: str) -> Block:
    return Block("paragraph", "".join(part for part in parts if part))


def performance_blocks(
    catalogue: ReportCatalogue, texts: dict[str, str], department: str, facts: PerformanceFacts
) -> list[Block]:
    year = catalogue.year

    def text(section: str) -> list[Block]:
        return clerk_paragraphs(texts.get(section, ""))

    return [
        _heading("第四部分 附件", 1),
        _heading(f"{department}{year}年整体支出绩效报告", 1),
        _heading("一、部门（单位）概况", 2),
        _heading("（一）机构组成", 3),
        *text(ORGANISATION),
        _heading("（二）机构职能", 3),
        *text(FUNCTIONS),
        _heading("（三）人员概况", 3),
        *_staff(catalogue.counts, department),
        *text(STAFF),
        _heading("二、部门财政资金收支情况", 2),
        *_money(catalogue, texts, department, facts),
        _heading("三、部门整体预算绩效管理情况", 2),
        *text(MANAGEMENT),
        *_progress(department, year, facts),
        _heading("四、评价结论及建议", 2),
        _heading("（一）评价结论", 3),
        _para(
            f"自评得分情况：自评为{facts.score}分，评价等级为“{facts.grade}”。"
            if facts.score is not None
            else ""
        ),
        *text(CONCLUSION),
        _heading("（二）存在问题", 3),
        *text(PROBLEMS),
        _heading("（三）改进建议", 3),
        *text(SUGGESTIONS),
    ]


def _money(
    catalogue: ReportCatalogue, texts: dict[str, str], department: str, facts: PerformanceFacts
) -> list[Block]:
    c, year = catalogue, catalogue.year
    income, spending = c[names.INCOME_TOTAL], c[names.EXPENDITURE_TOTAL]
    sources = [s for s in INCOME_SOURCES if s not in NOT_CURRENT_INCOME and c[s].current]

    def compared(name: str, subject: str) -> str:
        figure = c[name]
        if figure.previous is None:
            return ""
        lead = f"{subject}比{year - 1}年{subject}{wan(figure.previous)}"
        phrase = change_phrase(figure, "", year, lead=lead)
        reason = reason_phrase(texts.get(REASON + name, "")) if figure.change else ""
        return f"{phrase}。{reason}" if phrase else ""

    basic, project = c[names.FISCAL_BASIC], c[names.FISCAL_PROJECT]
    personnel, public = c[names.PERSONNEL_COSTS], c[names.PUBLIC_COSTS]
    blocks = [
        _heading("（一）部门财政资金收入情况", 3),
        _para(
            f"{year}年{department}收入决算总额为{wan(income.current)}",
            "，其中：" + "，".join(f"{s}{wan(c[s].current)}" for s in sources) if sources else "",
            "。",
            compared(names.INCOME_TOTAL, "收入决算总额"),
        ),
        _heading("（二）部门财政资金支出情况", 3),
        _para(
            f"{year}年支出决算总额为{wan(spending.current)}，其中财政拨款支出{wan(c[names.FISCAL_EXPENDITURE].current)}。",
            compared(names.EXPENDITURE_TOTAL, "支出决算总额"),
        ),
        _para(
            f"{year}年财政拨款支出决算{wan(c[names.FISCAL_EXPENDITURE].current)}，"
            f"其中：基本支出{wan(basic.current)}，项目支出{wan(project.current)}。"
        ),
        _para(
            f"基本支出分别为：人员经费支出{wan(personnel.current)}，"
            f"占一般公共预算财政拨款基本支出的{percent(c.share(names.PERSONNEL_COSTS))}；"
            f"日常公用经费支出{wan(public.current)}，"
            f"占一般公共预算财政拨款基本支出的{percent(c.share(names.PUBLIC_COSTS))}。"
        ),
    ]
    spent = [name for name in c.projects if c[name].current]
    if spent:
        blocks.append(
            _para("项目支出分别为：", "、".join(f"{name}{wan(c[name].current)}" for name in spent), "。")
        )
    return blocks


def _staff(counts: dict[str, int], department: str) -> list[Block]:
    """编制, 在职, 离休, 退休 as reported (nothing when none is)."""
    kinds = (
        ("编制人数", "编制"),
        ("在职人数", "在职人员"),
        ("离休人数", "离休人员"),
        ("退休人数", "退休人员"),
    )
    stated = [f"{label}{counts[item]}名" for item, label in kinds if item in counts]
    return [_para(f"{department}共有{'，'.join(stated)}。")] if stated else []


def _progress(department: str, year: int, facts: PerformanceFacts) -> list[Block]:
    months = [(month, ratio) for month, ratio in facts.progress if month != 12]
    blocks = []
    if months:
        blocks.append(
            _para(
                f"{department}{year}年{'、'.join(f'{month}月' for month, _ in months)}执行进度分别达到"
                f"{'、'.join(format_percent(ratio) for _, ratio in months)}。"
            )
        )
    december = next((ratio for month, ratio in facts.progress if month == 12), None)
    if december is not None:
        blocks.append(_para(f"{department}{year}年12月预算执行进度达到了{format_percent(december)}。"))
    return blocks
