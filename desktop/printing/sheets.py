"""What a printed form shows, as plain frozen values already written the way the form prints them
(万元 with two decimals, 89.37%, “/” where the form has no figure). ``desktop.services.pdf_export``
fills them from the services; the renderers here only lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.final_tables import ComputedTable


@dataclass(frozen=True)
class FundingLine:
    """A row of 预算执行情况: 总额 or one funding source."""

    label: str
    initial: str  # 年初预算
    adjusted: str  # 调整后预算数 (全年预算数)
    executed: str  # 预算执行数
    rate: str  # 预算执行率
    weight: str  # 权重 (“/” on the 其中 rows)
    score: str  # 得分 (“/” on the 其中 rows)


@dataclass(frozen=True)
class IndicatorLine:
    """A 三级 indicator row of the 自评表 / 绩效目标表."""

    level1: str
    level2: str
    level3: str
    nature: str  # 指标性质
    target: str  # 指标值
    unit: str  # 度量单位
    actual: str  # 完成值
    weight: str
    score: str
    reason: str  # 未完成原因分析

    @property
    def stated_target(self) -> str:
        """年度指标值 of the national form: “≥2次”; a 定性 target prints as written."""
        return self.target if self.nature == "定性" else f"{self.nature}{self.target}{self.unit}"


@dataclass(frozen=True)
class ManualAdjustment:
    """A score given by hand on the 自评表, printed as a 调整说明 line under the grid."""

    item: str  # 预算执行, or the indicator's 三级指标
    score: str
    reason: str


@dataclass(frozen=True)
class SelfEvaluationSheet:
    """One project's 自评表 (also printed as its 绩效目标表, without the results)."""

    year: int
    code: str
    name: str
    competent_department: str
    implementing_unit: str
    annual_goal: str
    goal_completion: str
    implementation_summary: str
    total: FundingLine
    funding: tuple[FundingLine, ...]  # the Sichuan form's rows: its four sources, then any other used
    national_funding: tuple[FundingLine, ...]  # 当年财政拨款 / 上年结转资金 / 其他资金
    execution_reason: str
    indicators: tuple[IndicatorLine, ...]
    total_weight: str  # 100
    total_score: str  # “待评 2 项” while an indicator cannot be scored
    conclusion: str
    problems: str
    improvements: str
    project_lead: str
    finance_lead: str
    draft: bool = False  # not final (待评, 合计 over the full marks): 草稿 on every page
    adjustments: tuple[ManualAdjustment, ...] = ()

    @property
    def title(self) -> str:
        return f"{self.code}-{self.name}"


@dataclass(frozen=True)
class ScorecardLine:
    """A leaf of a scorecard under its headings (e.g. 部门预算管理（80分） › 预算编制（30分））."""

    headings: tuple[str, ...]
    name: str
    weight: str
    explanation: str  # 指标解释
    method: str  # 评分方法
    target: str  # 目标值
    actual: str  # 完成值
    levels: tuple[str, ...]  # the texts under 0 / 0.3 / 0.6 / 0.8 / 1 (分级评分法), else empty
    process: str  # 评价过程
    score: str  # 自评得分


@dataclass(frozen=True)
class ScorecardSheet:
    """部门整体支出 / 项目支出绩效评价指标体系 with the scores of the year."""

    heading: str  # e.g. 遂宁市船山区信访局 or the project's code-name
    year: int
    lines: tuple[ScorecardLine, ...]
    total_weight: str
    total_score: str
    grade: str
    percentage: str = ""  # 百分制 score when the full marks are not 100 (94.00 for 84.60 of 90)
    draft: bool = False  # an item 待评: 草稿 on every page


@dataclass(frozen=True)
class FinalTableSheet:
    """One computed table and what its page header names."""

    department: str
    year: int
    unit: str  # 万元
    table: ComputedTable

    @property
    def orientation(self) -> str:
        return self.table.definition.orientation

    @property
    def caption(self) -> str:
        return f"{self.table.definition.number} {self.table.definition.title}"


@dataclass(frozen=True)
class PackEntry:
    """One form in the year pack: what the contents page calls it and what it prints."""

    caption: str
    form: str  # the layout's form id: self-eval, targets, dept-scorecard …
    sheet: SelfEvaluationSheet | ScorecardSheet | FinalTableSheet


@dataclass(frozen=True)
class YearPack:
    department: str
    year: int
    entries: tuple[PackEntry, ...]
    notes: tuple[str, ...] = ()  # under the contents: what the pack could not hold, and why
