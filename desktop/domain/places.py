"""Where the clerk sees what a check finding names: a typed ``Place`` for every finding's place.

A finding keeps its place as a small dict (``Finding.place``; its JSON is the key the clerk's
说明 is kept under, so it does not change). ``locate`` reads it into a ``Place``: the tab, the
table in that tab, the row (by its key: 科目编码, 资金来源, 月份 …) and the column (a header
text). A figure with no cell of its own — a figure published in the report, a sum over all the
projects — gets the cell nearest to it (the same figure computed from the records) or just its
table, and ``entered`` says where what makes it up is entered, for the window to tell the clerk.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.check_projects import PROJECT_TAB
from desktop.domain.check_records import BUDGET_TAB
from desktop.domain.check_three_public import GROUPS

SCORECARD_TAB = "评价打分"
REGISTER_TAB = "信访登记"

# The tables of the 预算决算 tab (each a page but 收支总览, which shares its page with 收入).
SUMMARY, INCOME, EXPENDITURE, BASIC, THREE_PUBLIC, CHECKPOINTS = (
    "收支总览", "收入", "支出", "基本支出", "三公经费", "执行进度",
)  # fmt: skip
BUDGET_PAGES = {
    SUMMARY: "收支总览",
    INCOME: "收支总览",
    EXPENDITURE: "支出（功能分类）",
    BASIC: "基本支出（经济分类）",
    THREE_PUBLIC: "三公经费",
    CHECKPOINTS: "执行进度",
}
# The tables of the 项目绩效 tab, each of one project (``Place.owner``) but the list.
PROJECT_LIST, FUNDING, INDICATORS, TEXTS = "项目列表", "预算执行情况", "绩效指标", "文字"
PROJECT_LIST_EXECUTED = "执行数（万元）"
SCORECARD = "评价表"
MATTERS = "信访事项"


@dataclass(frozen=True)
class Place:
    """A cell (or, with ``row`` None, a table) of one tab; ``owner`` is the project (项目编码) or
    scorecard (id) the table shows; ``entered`` is set when the figure has no cell of its own."""

    tab: str
    table: str
    row: str | int | None = None
    column: str | None = None
    owner: str | int | None = None
    entered: str = ""

    def describe(self) -> str:
        """The place in words, as the status bar names it."""
        parts = [self.tab, self.table, *(str(part) for part in (self.row, self.column) if part is not None)]
        return " · ".join(parts)


# A published figure (``Statement.key`` without 上年 / 增减额 / 增减率 / （绩效报告）) → the row of the
# 收支总览 table that computes it from the records (None: no such row) and the table its parts are in.
_STATED_TOTALS: dict[str, tuple[str | None, str]] = {
    "本年收入合计": ("本年收入合计", INCOME),
    "收入决算总额": ("本年收入合计", INCOME),
    "收入总计": ("收入总计", INCOME),
    "收支总计": ("收入总计", INCOME),
    "本年支出合计": ("本年支出合计", EXPENDITURE),
    "支出决算总额": ("本年支出合计", EXPENDITURE),
    "支出总计": ("支出总计", EXPENDITURE),
    "基本支出": ("基本支出", EXPENDITURE),
    "项目支出": ("项目支出", EXPENDITURE),
    "财政拨款收支总计": ("财政拨款支出", EXPENDITURE),
    "一般公共预算财政拨款支出": ("财政拨款支出", EXPENDITURE),
    "财政拨款项目支出": (None, EXPENDITURE),
    "财政拨款基本支出": (None, BASIC),
    "人员经费": ("人员经费", BASIC),
    "公用经费": ("公用经费", BASIC),
    "机关运行经费": ("公用经费", BASIC),
    "三公经费": ("三公经费", THREE_PUBLIC),
}
_SUMMARY_COLUMNS = {"上年决算": "上年", "增减额": "增减额", "增减率": "增减率"}
_REPORT_SUFFIX = "（绩效报告）"
_THREE_PUBLIC_GROUPS = {label for label, _items in GROUPS} | {"公务接待费"}


def _published(key: str, where: str) -> str:
    return f"“{key}”是报告公开的数字，不在本程序中录入；{where}"


def _entered_in(table: str) -> str:
    return f"它由“{BUDGET_PAGES[table]}”页的记录算出，在那里录入"


def _stated(key: str, column: str | None) -> Place:
    """A published figure: the cell that computes it from the records, or the table of its parts."""
    base = key.removesuffix(_REPORT_SUFFIX)
    for suffix in ("增减额", "增减率"):
        if base.endswith(suffix):
            base, column = base.removesuffix(suffix), suffix
    if base.startswith("上年"):
        base, column = base.removeprefix("上年"), "上年决算"
    kind, _dot, name = base.partition("·")
    if name and kind == "收入":
        return Place(BUDGET_TAB, INCOME, name, "占比", entered=_published(key, "右边是按记录计算的占比"))
    if name and kind in ("类", "项"):
        figure = "占比" if kind == "类" else "决算"
        where = f"这里是按记录计算的{figure}，{_entered_in(EXPENDITURE)}"
        return Place(BUDGET_TAB, EXPENDITURE, name, figure, entered=_published(key, where))
    if name and kind == "三公":
        row = None if name in _THREE_PUBLIC_GROUPS else name
        where = f"这里是按记录计算的数，{_entered_in(THREE_PUBLIC)}"
        return Place(BUDGET_TAB, THREE_PUBLIC, row, column or "决算", entered=_published(key, where))
    if base in _THREE_PUBLIC_GROUPS:
        return Place(
            BUDGET_TAB, THREE_PUBLIC, None, column, entered=_published(key, _entered_in(THREE_PUBLIC))
        )
    row, parts = _STATED_TOTALS.get(base, (None, SUMMARY))
    if row is None:
        return Place(BUDGET_TAB, parts, None, None, entered=_published(key, _entered_in(parts)))
    summary_column = _SUMMARY_COLUMNS.get(column or "", "本年")
    where = f"已选中按记录计算的“{row}”，{_entered_in(parts)}"
    return Place(BUDGET_TAB, SUMMARY, row, summary_column, entered=_published(key, where))


def _published_cell(table: str, row: str) -> Place:
    """A stated cell of a published table has no cell of its own: the lines of its 科目 (支出 by
    功能分类, 基本支出 by 经济分类), or the 收支总览, are where what makes it up is entered."""
    where = f"“{table}”中公开的数字与按明细行算出的不符；明细行在此录入，或由“导入决算报表”读入"
    if row.isdigit() and row.startswith("3"):
        return Place(BUDGET_TAB, BASIC, row, None, entered=where)
    if row.isdigit():
        return Place(BUDGET_TAB, EXPENDITURE, row, None, entered=where)
    return Place(BUDGET_TAB, SUMMARY, None, None, entered=where)


def _budget(place: dict) -> Place:
    column = place.get("column")
    if "table" in place:  # a cell of a published table: 公开03表, its row (key or 科目编码), its column key
        return _published_cell(str(place["table"]), str(place.get("row", "")))
    if "stated" in place:
        return _stated(str(place["stated"]), column)
    if "function_code" in place:
        return Place(BUDGET_TAB, EXPENDITURE, str(place["function_code"]), column)
    if "economic_code" in place:
        return Place(BUDGET_TAB, BASIC, str(place["economic_code"]), column)
    section = place.get("section")
    if "month" in place or section == CHECKPOINTS:
        return Place(BUDGET_TAB, CHECKPOINTS, place.get("month"), column)
    if section in (INCOME, THREE_PUBLIC):
        return Place(BUDGET_TAB, section, place.get("item"), column)
    if section == BASIC and column in ("人员经费", "公用经费"):
        where = f"已选中按记录计算的“{column}”，{_entered_in(BASIC)}"
        return Place(BUDGET_TAB, SUMMARY, column, "本年", entered=f"“{column}”是各经济分类行之和；{where}")
    if section == BASIC:
        return Place(
            BUDGET_TAB, BASIC, None, None, entered=f"“{column}”是各经济分类行之和，{_entered_in(BASIC)}"
        )
    return Place(BUDGET_TAB, SUMMARY)


def _project(place: dict) -> Place:
    code, row, column = place.get("project"), place.get("row"), place.get("column")
    if code is None:
        return Place(
            PROJECT_TAB, PROJECT_LIST, None, PROJECT_LIST_EXECUTED,
            entered=f"各项目的{column}之和没有自己的单元格：每个项目的数见项目列表“{PROJECT_LIST_EXECUTED}”一栏，"
            f"在该项目的“{FUNDING}”表中录入",
        )  # fmt: skip
    if isinstance(row, int):
        return Place(PROJECT_TAB, INDICATORS, row, column, owner=code)
    if isinstance(row, str):
        return Place(PROJECT_TAB, FUNDING, row, column, owner=code)
    if column == "权重":
        return Place(
            PROJECT_TAB, INDICATORS, None, column, owner=code,
            entered="权重合计显示在绩效指标表下方，各指标的权重在“权重”一栏录入",
        )  # fmt: skip
    if column is None:
        return Place(PROJECT_TAB, PROJECT_LIST, code, None)
    return Place(PROJECT_TAB, TEXTS, None, column, owner=code)


def locate(place: dict) -> Place | None:
    """The typed place of a finding's ``place``; None for a shape no check produces."""
    tab = place.get("tab")
    if tab == BUDGET_TAB:
        return _budget(place)
    if tab == PROJECT_TAB:
        return _project(place)
    if tab == SCORECARD_TAB:
        return Place(
            SCORECARD_TAB, SCORECARD, place.get("item"), place.get("column"), owner=place.get("scorecard")
        )
    if "number" in place:
        return Place(REGISTER_TAB, MATTERS, place["number"])
    return None
