"""The tables of a Ziping database (SQLModel).

Everything a clerk keeps is scoped by department and fiscal year. Amounts are ``Money``
(integer 分 in the file, ``Decimal`` 元 in Python); rates, totals and scores are never stored,
they are computed by ``desktop.domain``. Words in the string columns are the clerk's own
(信访形式 “来信”, 指标性质 “≥”); the allowed values live beside the rules in ``desktop.domain``.

The schema is created and changed only by the Alembic migrations in ``migrations/``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar, Protocol

from sqlalchemy import Column, Computed, Date, ForeignKey, Index, Integer, Row, Table, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from desktop.storage.types import ExactDecimal, Money, UtcDateTime

ZERO = Decimal("0.00")


class TableModel(SQLModel):
    """The base of every table: declares the ``__table__`` that SQLModel sets, for the type checker."""

    __table__: ClassVar[Table]


class _Stored(Protocol):
    @property
    def id(self) -> int | None: ...


def saved_id(row: _Stored) -> int:
    """The id of a row that has been written (flushed or read back), which always has one."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id: it has not been written to the database")
    return row.id


def inserted_id(primary_key: Row[Any] | None) -> int:
    """The id of the row an ``insert`` has just added, from its result's ``inserted_primary_key``."""
    if primary_key is None:
        raise ValueError("the insert added no row")
    return primary_key[0]


def money(**kwargs) -> Decimal:
    return Field(default=ZERO, sa_type=Money, sa_column_kwargs={"nullable": False}, **kwargs)


def department_fk() -> int:
    return Field(
        sa_column=Column(Integer, ForeignKey("department.id", ondelete="CASCADE"), nullable=False, index=True)
    )


def long_text() -> str:
    return Field(default="", sa_type=Text, sa_column_kwargs={"nullable": False})


class Department(TableModel, table=True):
    """预算单位: the department whose figures, projects and register Ziping keeps."""

    __tablename__ = "department"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    competent_department: str = ""  # 主管部门 as printed on the 自评表
    implementing_unit: str = ""  # 实施单位 as printed
    # the full name (四川省, 新疆维吾尔自治区): it decides the forms. Every way the app creates a 单位
    # asks for it; "" (not chosen) gets the national forms, never a guessed province.
    province: str = ""
    region: str = ""  # 遂宁市船山区
    credit_code: str = ""  # 统一社会信用代码 (GB 32100-2015), empty until entered
    matter_number_pattern: str = ""  # 信访事项编号格式 (desktop.domain.matter_numbers); "" is the default one


# 预算决算 ------------------------------------------------------------------------------------


class IncomeLine(TableModel, table=True):
    """收入: one source of the 收入支出决算总表 (一般公共预算财政拨款收入, 其他收入, 年初结转和结余 …)."""

    __tablename__ = "income_line"
    __table_args__ = (UniqueConstraint("department_id", "year", "source", "function_code", "funding"),)

    id: int | None = Field(default=None, primary_key=True)
    department_id: int = department_fk()
    year: int = Field(index=True)
    source: str
    function_code: str = ""
    # 年初结转和结余 only: the fund it is of (一般公共预算财政拨款 …; empty is 其他资金); a source says its own
    funding: str = ""
    initial_budget: Decimal = money()  # 年初预算
    adjusted_budget: Decimal = money()  # 调整后预算 (全年预算数)
    final_amount: Decimal = money()  # 决算
    previous_final: Decimal = money()  # 上年决算


class ExpenditureLine(TableModel, table=True):
    """支出: one 功能分类 项 for one kind of spending (基本支出 / 项目支出) and one funding source."""

    __tablename__ = "expenditure_line"
    __table_args__ = (UniqueConstraint("department_id", "year", "function_code", "category", "funding"),)

    id: int | None = Field(default=None, primary_key=True)
    department_id: int = department_fk()
    year: int = Field(index=True)
    function_code: str  # 7 digits: 类 3 + 款 2 + 项 2, e.g. 2010308
    name: str  # 项 name, e.g. 信访事务
    category: str  # 基本支出 / 项目支出 / 上缴上级支出 / 经营支出 / 对附属单位补助支出
    funding: str  # 一般公共预算财政拨款 / 政府性基金预算财政拨款 / 国有资本经营预算财政拨款 / 其他资金
    initial_budget: Decimal = money()
    adjusted_budget: Decimal = money()
    final_amount: Decimal = money()
    previous_final: Decimal = money()


class BalanceLine(TableModel, table=True):
    """The rows below 本年支出合计 in the 总表: 结余分配, 年末结转和结余, by fund (and 科目 where the
    fund's own table lists it: 政府性基金, 国有资本经营)."""

    __tablename__ = "balance_line"
    __table_args__ = (UniqueConstraint("department_id", "year", "kind", "funding", "function_code"),)

    id: int | None = Field(default=None, primary_key=True)
    department_id: int = department_fk()
    year: int = Field(index=True)
    kind: str
    funding: str = "其他资金"
    function_code: str = ""
    final_amount: Decimal = money()
    previous_final: Decimal = money()


class BasicExpenditureLine(TableModel, table=True):
    """基本支出 by 部门预算支出经济分类 (30101 基本工资 …); 人员经费 / 公用经费 follow from the code."""

    __tablename__ = "basic_expenditure_line"
    __table_args__ = (UniqueConstraint("department_id", "year", "economic_code", "funding"),)

    id: int | None = Field(default=None, primary_key=True)
    department_id: int = department_fk()
    year: int = Field(index=True)
    economic_code: str  # 5 digits, e.g. 30201
    name: str
    funding: str = "一般公共预算财政拨款"
    budget: Decimal = money()
    final_amount: Decimal = money()
    previous_final: Decimal = money()


class ThreePublicItem(TableModel, table=True):
    """三公经费 (财政拨款): one item with its 预算, 决算, 上年决算 and the counts the report states."""

    __tablename__ = "three_public_item"
    __table_args__ = (UniqueConstraint("department_id", "year", "item"),)

    id: int | None = Field(default=None, primary_key=True)
    department_id: int = department_fk()
    year: int = Field(index=True)
    item: str  # 因公出国（境）费 / 公务用车购置费 / 公务用车运行维护费 / 国内公务接待费 / 外事接待费
    budget: Decimal = money()
    final_amount: Decimal = money()
    previous_final: Decimal = money()
    batches: int = 0  # 批次 (团组, 接待批次)
    persons: int = 0  # 人次
    vehicles: int = 0  # 辆 (购置数, or 保有量 for 运行维护)


class ProjectEconomicLine(TableModel, table=True):
    """项目支出 of one project by 部门预算支出经济分类 and fund (the project gives its 功能分类 科目)."""

    __tablename__ = "project_economic_line"
    __table_args__ = (UniqueConstraint("department_id", "year", "project_code", "economic_code", "funding"),)

    id: int | None = Field(default=None, primary_key=True)
    department_id: int = department_fk()
    year: int = Field(index=True)
    project_code: str  # Project.code
    economic_code: str  # 5 digits, e.g. 30227
    name: str
    funding: str = "一般公共预算财政拨款"
    final_amount: Decimal = money()


class ReportedAmount(TableModel, table=True):
    """An amount the 说明's 第十部分 reports that no line holds: 机关运行经费, 政府采购 (货物 / 工程 / 服务,
    授予中小企业合同金额, 其中小微企业). The items are ``desktop.domain.budget.REPORTED_AMOUNTS``."""

    __tablename__ = "reported_amount"
    __table_args__ = (UniqueConstraint("department_id", "year", "item"),)

    id: int | None = Field(default=None, primary_key=True)
    department_id: int = department_fk()
    year: int = Field(index=True)
    item: str
    final_amount: Decimal = money()
    previous_final: Decimal = money()  # typed only where Ziping has no data of the previous year


class ReportedCount(TableModel, table=True):
    """A count the 说明 reports: 国有资产 (车辆 by type, 大型设备), 人员 (编制, 在职, 离休, 退休), 机构.
    The items are ``desktop.domain.budget.REPORTED_COUNTS``."""

    __tablename__ = "reported_count"
    __table_args__ = (UniqueConstraint("department_id", "year", "item"),)

    id: int | None = Field(default=None, primary_key=True)
    department_id: int = department_fk()
    year: int = Field(index=True)
    item: str
    count: int = 0
    previous_count: int = 0  # typed only where Ziping has no data of the previous year


class ExecutionCheckpoint(TableModel, table=True):
    """执行进度: cumulative spending at the end of a month against the full-year budget of that date."""

    __tablename__ = "execution_checkpoint"
    __table_args__ = (UniqueConstraint("department_id", "year", "month"),)

    id: int | None = Field(default=None, primary_key=True)
    department_id: int = department_fk()
    year: int = Field(index=True)
    month: int
    cumulative_spending: Decimal = money()
    budget_base: Decimal = money()  # 全年预算 (调整后) at the end of that month
    note: str = ""


class UserFunctionCode(TableModel, table=True):
    """A 功能分类 code the clerk added for the department because the edition lacks it.

    It is offered from ``from_year`` on (an edition's missing code usually stays missing, so it
    is added once; earlier years keep the edition they were checked with). An edition that later
    lists the code takes over with its own name.
    """

    __tablename__ = "user_function_code"
    __table_args__ = (UniqueConstraint("department_id", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    department_id: int = department_fk()
    code: str  # 7 digits (项) or 5 (款)
    name: str
    from_year: int


class StatedFigure(TableModel, table=True):
    """A figure as the department published or typed it (决算报告, 报表), kept to be checked.

    The sample keeps the seed's own statements here (收支总计 421.67, 占比 98.90% …), so the
    cross-table checks can say where a published figure disagrees with the records.
    """

    __tablename__ = "stated_figure"
    __table_args__ = (UniqueConstraint("department_id", "year", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    department_id: int = department_fk()
    year: int = Field(index=True)
    key: str  # what is stated, e.g. 本年收入合计, 一般公共预算财政拨款收入占比
    amount: Decimal | None = Field(default=None, sa_type=Money)
    percent: Decimal | None = Field(default=None, sa_type=ExactDecimal)  # as printed: 98.90
    source: str = ""  # where it is stated in the report


class ReportText(TableModel, table=True):
    """A text of the 决算说明 that the clerk writes: the 主要原因 of a comparison, 部门职责, 机构设置,
    名词解释, a narrative section of the 整体支出绩效报告. ``year`` 0 is a department's text for every
    year (职责, 机构); the sections are named in ``desktop.domain.report_sections``."""

    __tablename__ = "report_text"
    __table_args__ = (UniqueConstraint("department_id", "year", "section"),)

    id: int | None = Field(default=None, primary_key=True)
    department_id: int = department_fk()
    year: int = Field(index=True)
    section: str
    text: str = long_text()


# 项目绩效 ------------------------------------------------------------------------------------


class Project(TableModel, table=True):
    """A 项目 of the year with its 绩效目标 and the texts of its 自评表."""

    __tablename__ = "project"
    __table_args__ = (UniqueConstraint("department_id", "year", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    department_id: int = department_fk()
    year: int = Field(index=True)
    code: str  # 51090322T000000344322
    name: str
    competent_department: str = ""  # 主管部门
    implementing_unit: str = ""  # 实施单位
    function_code: str = ""  # the 功能分类 项 it is charged to
    annual_goal: str = long_text()  # 项目年度目标
    goal_completion: str = long_text()  # 年度目标完成情况
    implementation_summary: str = long_text()  # 项目实施内容及过程概述
    execution_reason: str = long_text()  # 原因: why 执行率 is below 90% or above 100%
    adjustment_reason: str = long_text()  # 年中发生预算调整的理由
    conclusion: str = long_text()  # 评价结论
    problems: str = long_text()  # 存在问题
    improvements: str = long_text()  # 改进措施
    project_lead: str = ""  # 项目负责人
    finance_lead: str = ""  # 财务负责人
    execution_manual_score: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    execution_manual_reason: str = ""


class ProjectFunding(TableModel, table=True):
    """One funding source of a project: 财政资金 / 财政专户管理资金 / 单位资金 / 其他资金."""

    __tablename__ = "project_funding"
    __table_args__ = (UniqueConstraint("project_id", "source"),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(
        sa_column=Column(Integer, ForeignKey("project.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    source: str
    initial_budget: Decimal = money()  # 年初预算
    adjusted_budget: Decimal = money()  # 调整后预算数
    executed: Decimal = money()  # 预算执行数


class Indicator(TableModel, table=True):
    """A 三级 performance indicator of a project: its target, weight and what was achieved."""

    __tablename__ = "indicator"

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(
        sa_column=Column(Integer, ForeignKey("project.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    position: int = 0
    level1: str  # 一级指标: 产出指标 / 效益指标 / 满意度指标 / 成本指标
    level2: str  # 二级指标: 数量指标 …
    level3: str  # 三级指标
    nature: str  # 指标性质: ≥ / ≤ / ＝ / 定性
    target: str = ""  # 指标值 as written: 100, 50000, 优良中低差
    unit: str = ""  # 度量单位
    weight: Decimal = Field(default=Decimal(0), sa_type=ExactDecimal, sa_column_kwargs={"nullable": False})
    direction: str = ""  # 指标方向性: 正向指标 / 反向指标
    actual: str = ""  # 完成值 as typed
    manual_score: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    manual_reason: str = ""
    shortfall_reason: str = long_text()  # 未完成原因分析


# 评价打分 ------------------------------------------------------------------------------------


class Scorecard(TableModel, table=True):
    """A scorecard instantiated from a template in forms/, for the department or one project."""

    __tablename__ = "scorecard"
    __table_args__ = (UniqueConstraint("department_id", "year", "template", "project_id"),)

    id: int | None = Field(default=None, primary_key=True)
    department_id: int = department_fk()
    year: int = Field(index=True)
    template: str  # template id, the file name in forms/ without .toml
    title: str = ""
    project_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("project.id", ondelete="CASCADE"), nullable=True, index=True),
    )


class ScorecardItem(TableModel, table=True):
    """What the clerk entered for one leaf of a scorecard: typed inputs, a manual score and why."""

    __tablename__ = "scorecard_item"
    __table_args__ = (UniqueConstraint("scorecard_id", "item_key"),)

    id: int | None = Field(default=None, primary_key=True)
    scorecard_id: int = Field(
        sa_column=Column(Integer, ForeignKey("scorecard.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    item_key: str  # the leaf's id in its template
    inputs: str = long_text()  # JSON object of the values typed by the clerk, numbers as strings
    manual_score: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    manual_reason: str = ""
    note: str = long_text()  # 评价过程 / 说明 added by the clerk


class FindingNote(TableModel, table=True):
    """The clerk's 说明 on a cross-table check finding, kept across runs of the checks."""

    __tablename__ = "finding_note"
    __table_args__ = (UniqueConstraint("department_id", "year", "rule", "place"),)

    id: int | None = Field(default=None, primary_key=True)
    department_id: int = department_fk()
    year: int = Field(index=True)
    rule: str
    place: str
    note: str = long_text()
    updated_at: datetime = Field(sa_type=UtcDateTime)


# 信访登记 ------------------------------------------------------------------------------------


PETITION_STATISTICS_COLUMNS = (
    "department_id", "registered_on", "channel", "accepted_on", "closed_on", "extended",
    "extension_approved_on", "extension_days", "in_evaluation_scope", "satisfaction",
)  # fmt: skip


# the deadlines of DOMAIN.md §3 as SQLite computes them into the row on every write (migration
# 0007_register_deadlines); ``desktop.domain.petitions`` states the same rules, and a test holds
# both equal. NULL ``running_deadline``: the matter is closed.
ACCEPTANCE_DEADLINE_SQL = "date(registered_on, '+15 days')"
GRANTED_EXTENSION_SQL = (
    "CASE WHEN extended AND extension_approved_on IS NOT NULL "
    "THEN min(max(extension_days, 0), 30) ELSE 0 END"
)
COMPLETION_DEADLINE_SQL = (
    f"date(coalesce(accepted_on, {ACCEPTANCE_DEADLINE_SQL}), printf('+%d days', 60 + {GRANTED_EXTENSION_SQL}))"
)
RUNNING_DEADLINE_SQL = (
    "CASE WHEN closed_on IS NOT NULL THEN NULL "
    "WHEN accepted_on IS NULL THEN acceptance_deadline ELSE completion_deadline END"
)


def written_columns(table: Table) -> list[Column]:
    """The columns Ziping writes: all but those SQLite computes (a copy of a row to be put back
    under its id, as undo does, must leave those out)."""
    return [column for column in table.columns if column.computed is None]


def stored_date(expression: str) -> date | None:
    """A date column SQLite computes (``GENERATED ALWAYS … STORED``); never written by Ziping."""
    return Field(default=None, sa_column=Column(Date, Computed(expression, persisted=True)))


class Petition(TableModel, table=True):
    """信访事项: one registered matter and the dates that drive its deadlines (DOMAIN.md §3)."""

    __tablename__ = "petition"
    __table_args__ = (
        UniqueConstraint("department_id", "number"),
        Index("ix_petition_department_registered", "department_id", "registered_on"),
        # the register's filters, each in the default order (登记日期), and the statistics (read from
        # the index alone); measured on a million matters in bench/register_million.py
        Index("ix_petition_department_channel", "department_id", "channel", "registered_on"),
        Index("ix_petition_department_locality", "department_id", "locality", "registered_on"),
        Index("ix_petition_department_category", "department_id", "category", "registered_on"),
        Index("ix_petition_department_review", "department_id", "review_requested_on", "review_closed_on"),
        Index("ix_petition_department_recheck", "department_id", "recheck_requested_on", "recheck_closed_on"),
        Index("ix_petition_statistics", *PETITION_STATISTICS_COLUMNS),
    )

    id: int | None = Field(default=None, primary_key=True)
    department_id: int = department_fk()
    number: str  # 编号
    registered_on: date  # 登记日期 (receipt)
    channel: str  # 信访形式: 来信 / 来访 / 网上 / 来电
    origin: str = "直接受理"  # 来源: 直接受理 / 上级交办 / 上级转送 / 领导批示
    assigned_level: str = ""  # 交办层级: 国家 / 省 / 市 / 区
    handling_type: str = "申诉求决类"  # 建议意见类 / 检举控告类 / 申诉求决类 (第29–31条)
    petitioner_name: str = ""
    id_number: str = ""
    phone: str = ""
    address: str = ""
    persons: int = 1  # 人数
    locality: str = ""  # 属地 乡镇 / 街道
    category: str = ""  # 问题类别
    summary: str = long_text()  # 内容摘要
    responsible_unit: str = ""  # 责任单位
    accepted_on: date | None = None  # 受理 / 告知日期
    extended: bool = False  # 延期
    extension_approved_on: date | None = None
    extension_days: int = 0  # ≤ 30 (第三十四条)
    closed_on: date | None = None  # 办结日期 (书面答复)
    in_evaluation_scope: bool = False  # 纳入满意度评价
    satisfaction: str = "未评价"  # 满意 / 基本满意 / 不满意 / 未评价
    review_requested_on: date | None = None  # 复查 request received
    review_closed_on: date | None = None
    review_outcome: str = ""
    recheck_requested_on: date | None = None  # 复核 request received
    recheck_closed_on: date | None = None
    recheck_outcome: str = ""
    repeat: bool = False  # 重复访
    backlog: bool = False  # 积案
    acceptance_deadline: date | None = stored_date(ACCEPTANCE_DEADLINE_SQL)  # 受理期限
    completion_deadline: date | None = stored_date(COMPLETION_DEADLINE_SQL)  # 办结期限
    running_deadline: date | None = stored_date(RUNNING_DEADLINE_SQL)  # the deadline it runs against


class Visit(TableModel, table=True):
    """走访: one batch of visitors at a level, counted in 批次 and 人次."""

    __tablename__ = "visit"
    __table_args__ = (Index("ix_visit_department_date", "department_id", "visited_on"),)

    id: int | None = Field(default=None, primary_key=True)
    department_id: int = department_fk()
    visited_on: date
    level: str  # 到区 / 到市 / 到省 / 进京
    persons: int = 1
    collective: bool = False  # 集访
    petition_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("petition.id", ondelete="SET NULL"), nullable=True),
    )
    locality: str = ""
    note: str = ""


# 审计 ----------------------------------------------------------------------------------------


class AuditEntry(TableModel, table=True):
    """审计日志: who changed what and when (filled by the services)."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UtcDateTime, index=True)
    actor: str = ""
    action: str  # 新增 / 修改 / 删除 / 导入 / 恢复
    table_name: str = ""
    record_id: int | None = None
    before: str = long_text()  # JSON
    after: str = long_text()  # JSON
