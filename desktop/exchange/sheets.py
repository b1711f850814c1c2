"""The sheets of a Ziping workbook: one place listing every sheet, its columns and what they hold.

The template, the export and the import all read this list, so they cannot disagree. A column
is found by its header in any order; a header may carry a unit in brackets (“年初预算（万元）”,
“执行数 (元)”) and may be written with a common variant (项目代码 for 项目编码, 分值 for 权重).
Money columns hold 万元 unless the header says （元）. ``docs/excel-template.md`` documents it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

# the 资金来源 the 项目 sheet accepts: the one list, in domain/
from desktop.domain.funding import FUNDING_SOURCES as FUNDING_SOURCES
from desktop.domain.funding import FUNDING_TOTAL as FUNDING_TOTAL


class Kind(Enum):
    """What a cell holds and how it is read and written."""

    TEXT = "文字"
    LONG_TEXT = "长文字"
    INT = "整数"
    YEAR = "年度"
    MONTH = "月份"
    DATE = "日期"
    BOOL = "是/否"
    WAN = "金额（万元）"
    DECIMAL = "数值"


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    kind: Kind = Kind.TEXT
    required: bool = False
    variants: tuple[str, ...] = ()
    width: int = 12


@dataclass(frozen=True)
class SheetSpec:
    name: str
    columns: tuple[Column, ...]
    landscape: bool = True

    def column(self, field: str) -> Column:
        return next(column for column in self.columns if column.field == field)


def _money(header: str, field: str, variants: tuple[str, ...] = (), required: bool = False) -> Column:
    return Column(header, field, Kind.WAN, required, variants, 12)


YEAR = Column("年度", "year", Kind.YEAR, True, ("预算年度",), 8)

DEPARTMENT = SheetSpec(
    "单位",
    (
        Column("单位名称", "name", required=True, variants=("预算单位", "单位"), width=30),
        Column("主管部门", "competent_department", width=30),
        Column("实施单位", "implementing_unit", width=30),
        Column("省份", "province", width=10),
        Column("地区", "region", width=16),
        Column("统一社会信用代码", "credit_code", variants=("信用代码",), width=22),
        Column("信访编号格式", "matter_number_pattern", variants=("编号格式",), width=26),
    ),
    landscape=False,
)

PETITIONS = SheetSpec(
    "信访事项",
    (
        Column("编号", "number", required=True, variants=("信访编号", "事项编号"), width=14),
        Column("登记日期", "registered_on", Kind.DATE, True, ("登记时间", "来信来访日期"), 11),
        Column("信访形式", "channel", required=True, variants=("形式",), width=8),
        Column("来源", "origin", width=10),
        Column("交办层级", "assigned_level", width=8),
        Column("办理类型", "handling_type", variants=("事项类型",), width=11),
        Column("信访人", "petitioner_name", variants=("姓名", "信访人姓名"), width=10),
        Column("身份证号", "id_number", variants=("身份证号码", "公民身份号码"), width=20),
        Column("联系电话", "phone", variants=("电话", "手机号码"), width=14),
        Column("地址", "address", variants=("住址",), width=24),
        Column("人数", "persons", Kind.INT, width=6),
        Column("属地", "locality", width=10),
        Column("问题类别", "category", width=12),
        Column("内容摘要", "summary", Kind.LONG_TEXT, variants=("主要内容", "反映问题"), width=36),
        Column("责任单位", "responsible_unit", width=16),
        Column("受理日期", "accepted_on", Kind.DATE, variants=("告知日期",), width=11),
        Column("延期", "extended", Kind.BOOL, width=6),
        Column("延期批准日期", "extension_approved_on", Kind.DATE, width=11),
        Column("延期天数", "extension_days", Kind.INT, width=8),
        Column("办结日期", "closed_on", Kind.DATE, width=11),
        Column("纳入满意度评价", "in_evaluation_scope", Kind.BOOL, variants=("参评",), width=8),
        Column("满意度", "satisfaction", variants=("评价结果",), width=9),
        Column("复查申请日期", "review_requested_on", Kind.DATE, width=11),
        Column("复查办结日期", "review_closed_on", Kind.DATE, width=11),
        Column("复查结论", "review_outcome", width=12),
        Column("复核申请日期", "recheck_requested_on", Kind.DATE, width=11),
        Column("复核办结日期", "recheck_closed_on", Kind.DATE, width=11),
        Column("复核结论", "recheck_outcome", width=12),
        Column("重复访", "repeat", Kind.BOOL, width=6),
        Column("积案", "backlog", Kind.BOOL, width=6),
    ),
)

VISITS = SheetSpec(
    "走访记录",
    (
        Column("走访日期", "visited_on", Kind.DATE, True, ("日期",), 11),
        Column("走访层级", "level", required=True, variants=("层级",), width=8),
        Column("人数", "persons", Kind.INT, variants=("人次",), width=6),
        Column("集访", "collective", Kind.BOOL, variants=("集体访",), width=6),
        Column("关联事项编号", "petition_number", variants=("事项编号", "信访编号"), width=14),
        Column("属地", "locality", width=12),
        Column("备注", "note", width=30),
    ),
    landscape=False,
)

INCOME = SheetSpec(
    "收入",
    (
        YEAR,
        Column("收入来源", "source", required=True, variants=("收入项目", "项目"), width=30),
        Column("功能分类科目", "function_code", variants=("科目编码", "功能科目"), width=12),
        Column("资金性质", "funding", variants=("资金来源",), width=24),  # 年初结转和结余 only
        _money("年初预算", "initial_budget", ("年初预算数",)),
        _money("调整后预算", "adjusted_budget", ("调整后预算数", "全年预算数")),
        _money("决算数", "final_amount", ("决算",)),
        _money("上年决算数", "previous_final", ("上年决算",)),
    ),
)

EXPENDITURE = SheetSpec(
    "支出",
    (
        YEAR,
        Column("功能分类科目", "function_code", required=True, variants=("科目编码", "功能科目"), width=12),
        Column("科目名称", "name", required=True, width=24),
        Column("支出类型", "category", required=True, variants=("支出类别",), width=12),
        Column("资金性质", "funding", required=True, variants=("资金来源",), width=24),
        _money("年初预算", "initial_budget", ("年初预算数",)),
        _money("调整后预算", "adjusted_budget", ("调整后预算数", "全年预算数")),
        _money("决算数", "final_amount", ("决算",)),
        _money("上年决算数", "previous_final", ("上年决算",)),
    ),
)

BASIC = SheetSpec(
    "基本支出",
    (
        YEAR,
        Column("经济分类科目", "economic_code", required=True, variants=("经济科目", "科目编码"), width=12),
        Column("科目名称", "name", required=True, width=24),
        Column("资金性质", "funding", variants=("资金来源",), width=24),
        _money("预算数", "budget", ("预算",)),
        _money("决算数", "final_amount", ("决算",)),
        _money("上年决算数", "previous_final", ("上年决算",)),
    ),
)

THREE_PUBLIC = SheetSpec(
    "三公经费",
    (
        YEAR,
        Column("项目", "item", required=True, variants=("三公经费项目", "支出项目"), width=22),
        _money("预算数", "budget", ("预算",)),
        _money("决算数", "final_amount", ("决算",)),
        _money("上年决算数", "previous_final", ("上年决算",)),
        Column("批次", "batches", Kind.INT, width=8),
        Column("人次", "persons", Kind.INT, width=8),
        Column("车辆数", "vehicles", Kind.INT, variants=("车辆",), width=8),
    ),
)

CHECKPOINTS = SheetSpec(
    "执行进度",
    (
        YEAR,
        Column("月份", "month", Kind.MONTH, True, ("月",), 6),
        _money("累计支出", "cumulative_spending", ("累计执行数", "累计支出数"), required=True),
        _money("全年预算", "budget_base", ("全年预算数", "调整后预算")),
        Column("备注", "note", width=30),
    ),
    landscape=False,
)

PROJECTS = SheetSpec(
    "项目",
    (
        YEAR,
        Column("项目编码", "code", required=True, variants=("项目代码", "项目编号"), width=24),
        Column("项目名称", "name", width=28),
        Column("主管部门", "competent_department", width=24),
        Column("实施单位", "implementing_unit", width=24),
        Column("资金来源", "source", variants=("资金类别",), width=14),
        _money("年初预算", "initial_budget", ("年初预算数",)),
        _money("调整后预算", "adjusted_budget", ("调整后预算数", "全年预算数")),
        _money("执行数", "executed", ("预算执行数", "全年执行数")),
        Column("年度目标", "annual_goal", Kind.LONG_TEXT, variants=("项目年度目标",), width=36),
        Column("完成情况", "goal_completion", Kind.LONG_TEXT, variants=("年度目标完成情况",), width=36),
    ),
)

INDICATORS = SheetSpec(
    "绩效指标",
    (
        YEAR,
        Column("项目编码", "code", required=True, variants=("项目代码", "项目编号"), width=24),
        Column("一级指标", "level1", required=True, width=12),
        Column("二级指标", "level2", required=True, width=14),
        Column("三级指标", "level3", required=True, width=28),
        Column("指标性质", "nature", required=True, width=8),
        Column("指标值", "target", variants=("年度指标值",), width=10),
        Column("度量单位", "unit", variants=("计量单位", "单位"), width=8),
        Column("权重", "weight", Kind.DECIMAL, True, ("分值", "指标权重"), 8),
        Column("完成值", "actual", variants=("实际完成值", "全年完成值"), width=10),
        Column(
            "未完成原因",
            "shortfall_reason",
            Kind.LONG_TEXT,
            variants=("未完成原因分析", "偏差原因"),
            width=30,
        ),
        Column("指标方向", "direction", variants=("指标方向性",), width=10),
        Column("调整后得分", "manual_score", Kind.DECIMAL, variants=("手工得分",), width=8),
        Column("得分调整理由", "manual_reason", Kind.LONG_TEXT, variants=("手工得分理由",), width=30),
    ),
)

BALANCES = SheetSpec(
    "结转结余",
    (
        YEAR,
        Column("项目", "kind", required=True, variants=("结转结余项目",), width=24),
        Column("资金性质", "funding", variants=("资金来源",), width=24),
        Column("功能分类科目", "function_code", variants=("科目编码", "功能科目"), width=12),
        _money("决算数", "final_amount", ("决算",)),
        _money("上年决算数", "previous_final", ("上年决算",)),
    ),
    landscape=False,
)

PROJECT_ECONOMIC = SheetSpec(
    "项目支出经济分类",
    (
        YEAR,
        Column("项目编码", "project_code", required=True, variants=("项目代码", "项目编号"), width=24),
        Column("经济分类科目", "economic_code", required=True, variants=("经济科目", "科目编码"), width=12),
        Column("科目名称", "name", required=True, width=24),
        Column("资金性质", "funding", variants=("资金来源",), width=24),
        _money("决算数", "final_amount", ("决算",)),
    ),
)

REPORTED_AMOUNTS = SheetSpec(
    "其他重要事项金额",
    (
        YEAR,
        Column("项目", "item", required=True, variants=("事项",), width=28),
        _money("决算数", "final_amount", ("金额", "决算")),
        _money("上年决算数", "previous_final", ("上年决算",)),
    ),
    landscape=False,
)

REPORTED_COUNTS = SheetSpec(
    "其他重要事项数量",
    (
        YEAR,
        Column("项目", "item", required=True, variants=("事项",), width=28),
        Column("数量", "count", Kind.INT, variants=("本年数",), width=10),
        Column("上年数量", "previous_count", Kind.INT, variants=("上年数",), width=10),
    ),
    landscape=False,
)

STATED_FIGURES = SheetSpec(
    "公开数",
    (
        YEAR,
        Column("公开项目", "key", required=True, variants=("公开口径",), width=36),
        _money("金额", "amount", ("公开金额",)),
        Column("百分比", "percent", Kind.DECIMAL, variants=("公开百分比",), width=10),
        Column("出处", "source", variants=("公开出处",), width=36),
    ),
)

PROJECT_EVALUATIONS = SheetSpec(
    "项目自评",
    (
        YEAR,
        Column("项目编码", "code", required=True, variants=("项目代码", "项目编号"), width=24),
        Column("功能分类科目", "function_code", variants=("科目编码", "功能科目"), width=12),
        Column(
            "实施内容及过程",
            "implementation_summary",
            Kind.LONG_TEXT,
            variants=("项目实施内容及过程概述",),
            width=36,
        ),
        Column("预算执行原因", "execution_reason", Kind.LONG_TEXT, variants=("执行率偏差原因",), width=30),
        Column("预算调整理由", "adjustment_reason", Kind.LONG_TEXT, variants=("年中预算调整理由",), width=30),
        Column("评价结论", "conclusion", Kind.LONG_TEXT, width=36),
        Column("存在问题", "problems", Kind.LONG_TEXT, width=30),
        Column("改进措施", "improvements", Kind.LONG_TEXT, width=30),
        Column("项目负责人", "project_lead", width=10),
        Column("财务负责人", "finance_lead", width=10),
        Column(
            "预算执行调整后得分",
            "execution_manual_score",
            Kind.DECIMAL,
            variants=("预算执行手工得分",),
            width=10,
        ),
        Column("预算执行得分调整理由", "execution_manual_reason", Kind.LONG_TEXT, width=30),
    ),
)

SCORECARDS = SheetSpec(
    "评价表",
    (
        YEAR,
        Column("项目编码", "code", variants=("项目代码", "项目编号"), width=24),
        Column("模板", "template", required=True, variants=("评价表模板",), width=20),
        Column("评价表名称", "title", width=48),
    ),
    landscape=False,
)

SCORECARD_ITEMS = SheetSpec(
    "评价打分",
    (
        YEAR,
        Column("项目编码", "code", variants=("项目代码", "项目编号"), width=24),
        Column("模板", "template", required=True, variants=("评价表模板",), width=20),
        Column("指标编号", "item_key", required=True, width=20),
        Column("指标名称", "item_name", width=20),
        Column("输入项", "input", width=20),
        Column("录入值", "value", variants=("输入值",), width=16),
        Column("取数来源", "source", width=20),
        Column("手工得分", "manual_score", Kind.DECIMAL, variants=("调整后得分",), width=8),
        Column("手工得分理由", "manual_reason", Kind.LONG_TEXT, variants=("得分调整理由",), width=30),
        Column("评价说明", "note", Kind.LONG_TEXT, variants=("评价过程",), width=30),
    ),
)

FINDING_NOTES = SheetSpec(
    "核对说明",
    (
        YEAR,
        Column("规则", "rule", required=True, variants=("核对规则",), width=8),
        Column("位置", "place", required=True, width=48),
        Column("说明", "note", Kind.LONG_TEXT, variants=("情况说明",), width=48),
    ),
)

DATA_SHEETS = (
    PETITIONS, VISITS, INCOME, EXPENDITURE, BALANCES, BASIC, THREE_PUBLIC, CHECKPOINTS, STATED_FIGURES,
    PROJECT_ECONOMIC, REPORTED_AMOUNTS, REPORTED_COUNTS, PROJECTS, INDICATORS, PROJECT_EVALUATIONS, SCORECARDS, SCORECARD_ITEMS, FINDING_NOTES,
)  # fmt: skip

# 自评得分: what the 项目绩效 tab shows (执行率, each score, the total, the grade), written by the export
# for reading and checking; computed, so the import passes over it like the 说明 sheet.
SCORES = SheetSpec(
    "自评得分",
    (
        YEAR,
        Column("项目编码", "code", width=24),
        Column("项目名称", "name", width=28),
        Column("评分项", "item", width=28),
        Column("预算执行率", "rate", width=12),
        Column("得分", "score", width=10),
        Column("等级", "grade", width=24),
    ),
)
ALL_SHEETS = (DEPARTMENT, *DATA_SHEETS)
SHEETS_BY_NAME = {sheet.name: sheet for sheet in ALL_SHEETS}
GUIDE_SHEET = "说明"  # the template's list of columns; the import passes over it
PASSED_OVER = (GUIDE_SHEET, SCORES.name)

_UNIT_SUFFIX = re.compile(r"[(（]([^()（）]*)[)）]$")


def split_header(text: str) -> tuple[str, str]:
    """“年初预算（万元）” → (“年初预算”, “万元”): the header without spaces and its bracketed unit."""
    cleaned = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    match = _UNIT_SUFFIX.search(cleaned)
    if match is None:
        return cleaned, ""
    return cleaned[: match.start()], match.group(1)


def match_column(spec: SheetSpec, header: str) -> Column | None:
    """The column of ``spec`` that a header names, by its name or one of its variants."""
    name, _unit = split_header(header)
    for column in spec.columns:
        if name == column.header or name in column.variants:
            return column
    return None
