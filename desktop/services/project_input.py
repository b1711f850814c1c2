"""What the clerk may type into a project's cells: money, 指标性质, 指标值, 权重, manual scores, texts.

Each check returns the value to store or raises ``UserInputError``; the public ``parse_*``
functions give messages without the place (a table prefixes the cell), the others name the
field (and the indicator).
"""

from __future__ import annotations

from decimal import Decimal

from desktop.domain.indicator_input import normalise_nature, normalise_target
from desktop.domain.money import MoneyUnit, NumberFormatError, parse_money, parse_quantity
from desktop.domain.scoring import check_manual_score
from desktop.errors import UserInputError
from desktop.storage.models import Indicator

PROJECT_TEXT_FIELDS = {
    "name": "项目名称",
    "competent_department": "主管部门",
    "implementing_unit": "实施单位",
    "function_code": "功能分类科目",
    "annual_goal": "项目年度目标",
    "goal_completion": "年度目标完成情况",
    "implementation_summary": "项目实施内容及过程概述",
    "execution_reason": "预算执行原因",
    "adjustment_reason": "预算调整理由",
    "conclusion": "评价结论",
    "problems": "存在问题",
    "improvements": "改进措施",
    "project_lead": "项目负责人",
    "finance_lead": "财务负责人",
    "execution_manual_reason": "预算执行得分调整理由",
}
FUNDING_FIELDS = {"initial_budget": "年初预算", "adjusted_budget": "调整后预算数", "executed": "预算执行数"}
INDICATOR_TEXT_FIELDS = {
    "level1": "一级指标",
    "level2": "二级指标",
    "level3": "三级指标",
    "target": "指标值",
    "unit": "度量单位",
    "direction": "指标方向",
    "actual": "完成值",
    "manual_reason": "得分调整理由",
    "shortfall_reason": "未完成原因分析",
}
INDICATOR_FIELDS = {
    **INDICATOR_TEXT_FIELDS,
    "nature": "指标性质",
    "weight": "权重",
    "manual_score": "调整后得分",
}


def parse_amount(value: str | Decimal | None) -> Decimal:
    """An amount in 元: a ``Decimal`` is already 元; text is read as typed, bare numbers in 万元.

    Blank is 0; negative amounts are refused. Raises ``UserInputError`` with a message that
    does not name the place (the caller does).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return Decimal("0.00")
    try:
        amount = parse_money(value, MoneyUnit.YUAN if isinstance(value, Decimal) else MoneyUnit.WAN)
    except NumberFormatError as error:
        raise UserInputError(str(error)) from error
    if amount < 0:
        raise UserInputError("金额不能为负数")
    return amount


def parse_indicator_value(field: str, value: str | Decimal | None) -> str | Decimal | None:
    """What a typed indicator cell means: 指标性质 one of ≥ ≤ ＝ 定性 (正向, 反向, >=, 不低于 … accepted),
    权重 a number ≥ 0 (blank is 0), 调整后得分 a number or blank (None), texts trimmed.

    Raises ``UserInputError`` with a message that does not name the place.
    """
    if field not in INDICATOR_FIELDS:
        raise UserInputError(f"指标没有“{field}”这一栏")
    text = text_value(value)
    if field == "nature":
        return normalise_nature(text)
    if field == "weight":
        weight = Decimal(0) if not text else number_value(value)
        if weight < 0:
            raise UserInputError(f"{weight} 是负数，权重不能为负数")
        return weight
    if field == "manual_score":
        return None if not text else number_value(value)
    if field == "level3" and not text:
        raise UserInputError("三级指标不能为空")
    return text


def text_value(value: str | Decimal | None) -> str:
    return "" if value is None else str(value).strip()


def text_label(field: str) -> str:
    if field not in PROJECT_TEXT_FIELDS:
        raise UserInputError(f"项目没有“{field}”这一项")
    return PROJECT_TEXT_FIELDS[field]


def money_value(value: str | Decimal | None, label: str) -> Decimal:
    try:
        return parse_amount(value)
    except UserInputError as error:
        raise UserInputError(f"{label}：{error}") from error


def number_value(value: str | Decimal | None) -> Decimal:
    try:
        return parse_quantity("" if value is None else value)
    except NumberFormatError as error:
        raise UserInputError(str(error)) from error


def parse_manual_score(
    value: str | Decimal | None, label: str, weight: Decimal, **context: str
) -> Decimal | None:
    """A manual score typed for ``label``, checked against its weight (and its 定性 band)."""
    if text_value(value) == "":
        return None
    try:
        score = number_value(value)
    except UserInputError as error:
        raise UserInputError(f"{label}：{error}") from error
    problem = check_manual_score(score, weight, **context)
    if problem:
        raise UserInputError(f"{label}：{problem}")
    return score


def _label(indicator: Indicator, field: str) -> str:
    return f"指标“{indicator.level3 or '新指标'}”的{INDICATOR_FIELDS.get(field, field)}"


def parse_target(nature: str, target: str, unit: str) -> tuple[str, str]:
    """The 指标值 and 度量单位 to store when ``target`` is typed (“≤90万元” → “90”, “万元”).

    Raises ``UserInputError`` when its unit or sign contradicts the indicator's.
    """
    entry = normalise_target(nature, target, unit)
    return entry.target, entry.unit


def _split_target(indicator: Indicator, field: str) -> None:
    """Store a quantitative 指标值 as its number, its unit in 度量单位; raises naming ``field``."""
    try:
        indicator.target, indicator.unit = parse_target(indicator.nature, indicator.target, indicator.unit)
    except UserInputError as error:
        raise UserInputError(f"{_label(indicator, field)}：{error}") from error


def apply_indicator_field(indicator: Indicator, field: str, value: str | Decimal | None) -> None:
    """Check one typed value and set it on the (unsaved) indicator, or raise naming the field."""
    label = _label(indicator, field)
    if field == "manual_score":
        score = parse_manual_score(
            value,
            label,
            indicator.weight,
            nature=indicator.nature,
            actual=indicator.actual,
            target=indicator.target,
        )
        if score is not None and not indicator.manual_reason.strip():
            raise UserInputError(f"{label}：手工得分须先填写调整理由")
        indicator.manual_score = score
        return
    try:
        parsed = parse_indicator_value(field, value)
    except UserInputError as error:
        raise UserInputError(f"{label}：{error}") from error
    if field == "manual_reason" and not parsed and indicator.manual_score is not None:
        raise UserInputError(f"{label}：已有手工得分，理由不能为空")
    setattr(indicator, field, parsed)
    if field in ("nature", "target", "unit"):
        _split_target(indicator, field)
