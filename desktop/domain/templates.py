"""The 评价指标体系 templates in forms/*.toml: loading, validation, and where weights do not add up.

A template is a flat list of ``[[nodes]]``; each names its ``parent`` (none for a 一级 heading), so
the tree is 一级 → 二级 → 三级. A leaf names its scoring ``method`` (see ``scorecard_methods``),
the method's ``params``, and the ``sources`` of its inputs (``typed`` when the clerk types them).

A template that cannot be used (a missing weight, an unknown method, a parameter of the wrong
type) is refused with a ``TemplateError`` naming the file, the item and the field. Weights that
do not add up to their heading are not an error: the seed's own project template labels 通用指标
20 while its items add to 23. They are reported as warnings.

Each file's header says which departments it is for: ``province`` (its full name; empty for the
national template, the one for any province) and ``from_year``, the first fiscal year it applies
to. ``choose_variant`` is the one rule that picks among such files, for templates and print layouts.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Protocol, TypeVar

from desktop.domain.provinces import PROVINCES
from desktop.domain.scorecard_methods import METHODS

KINDS = {"department": "部门整体", "project": "项目", "self_evaluation": "自评表"}
# the two headings of a 自评表 that are not scorecard methods
SELF_EVALUATION_METHODS = {"execution": "预算执行率", "indicators": "绩效指标"}
SOURCE_KINDS = ("typed", "checkpoint", "budget", "register", "project")


class TemplateError(ValueError):
    """A template that cannot be used; the message names the file, the item and the field."""


@dataclass(frozen=True)
class TemplateNode:
    key: str
    name: str
    weight: Decimal
    parent: str | None
    level: int
    method: str | None = None
    params: Mapping = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)
    rule: str = ""  # 评分方法 / 计算公式 as the template prints it
    explanation: str = ""  # 指标解释
    self_scored: bool = True  # false: scored by the reviewers, not in the self-evaluation


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    kind: str
    total: Decimal
    nodes: tuple[TemplateNode, ...]
    warnings: tuple[str, ...]
    note: str = ""
    province: str = ""  # empty: the national template, for any province
    from_year: int = 0  # the first fiscal year it applies to

    def children(self, key: str | None) -> list[TemplateNode]:
        return [node for node in self.nodes if node.parent == key]

    def leaves(self) -> list[TemplateNode]:
        parents = {node.parent for node in self.nodes}
        return [node for node in self.nodes if node.key not in parents]

    def node(self, key: str) -> TemplateNode:
        return next(node for node in self.nodes if node.key == key)


def _number(value, where: str, name: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TemplateError(f"{where}：字段“{name}”应为数字，而不是“{value}”")
    return Decimal(str(value))


def _text(value, where: str, name: str) -> str:
    if not isinstance(value, str):
        raise TemplateError(f"{where}：字段“{name}”应为文字，而不是“{value}”")
    return value


def _table_list(value, where: str, name: str, fields: Mapping[str, str]) -> list[dict]:
    if not isinstance(value, list) or not value:
        raise TemplateError(f"{where}：字段“{name}”应为非空的表格列表")
    rows = []
    for index, row in enumerate(value, start=1):
        if not isinstance(row, dict):
            raise TemplateError(f"{where}：字段“{name}”第{index}行应为表格")
        converted = {}
        for key, kind in fields.items():
            if key not in row:
                raise TemplateError(f"{where}：字段“{name}”第{index}行缺少“{key}”")
            place = f"{name}[{index}].{key}"
            if kind == "int":
                if isinstance(row[key], bool) or not isinstance(row[key], int):
                    raise TemplateError(f"{where}：字段“{place}”应为整数，而不是“{row[key]}”")
                converted[key] = row[key]
            elif kind == "text":
                converted[key] = _text(row[key], where, place)
            else:
                converted[key] = _number(row[key], where, place)
        rows.append(converted)
    return rows


_ROW_FIELDS = {
    "bands": {"upto": "number", "share": "number"},
    "checkpoints": {"month": "int", "target": "number", "points": "number"},
    "criteria": {"name": "text", "points": "number"},
}


def _param(kind: str, value, where: str, name: str):
    if kind == "number":
        return _number(value, where, name)
    if kind == "text":
        return _text(value, where, name)
    if kind in ("texts", "numbers"):
        if not isinstance(value, list) or not value:
            raise TemplateError(f"{where}：字段“{name}”应为非空列表")
        convert = _text if kind == "texts" else _number
        return [convert(item, where, name) for item in value]
    return _table_list(value, where, name, _ROW_FIELDS[kind])


def _params(method: str, raw, where: str) -> dict:
    if not isinstance(raw, dict):
        raise TemplateError(f"{where}：字段“params”应为表格")
    spec = METHODS[method].params if method in METHODS else {}
    params = {}
    for name, value in raw.items():
        if name not in spec:
            raise TemplateError(f"{where}：评分方法“{method}”没有参数“{name}”")
        params[name] = _param(spec[name], value, where, f"params.{name}")
    for name in METHODS[method].required if method in METHODS else ():
        if name not in params:
            raise TemplateError(f"{where}：评分方法“{method}”缺少参数“params.{name}”")
    if "levels" in params and "factors" in params and len(params["levels"]) != len(params["factors"]):
        raise TemplateError(f"{where}：字段“params.factors”的个数应与“params.levels”相同")
    return params


def _sources(raw, where: str) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise TemplateError(f"{where}：字段“sources”应为表格")
    sources = {}
    for name, value in raw.items():
        source = _text(value, where, f"sources.{name}")
        if source.split(":", 1)[0] not in SOURCE_KINDS:
            raise TemplateError(f"{where}：字段“sources.{name}”的来源“{source}”无法识别")
        sources[name] = source
    return sources


def _node(raw, index: int, file: str, kind: str, known: dict[str, TemplateNode]) -> TemplateNode:
    if not isinstance(raw, dict):
        raise TemplateError(f"模板 {file} 第{index}项应为表格")
    label = raw.get("name") or raw.get("key") or ""
    where = f"模板 {file} 第{index}项“{label}”"
    for required in ("key", "name", "weight"):
        if required not in raw:
            raise TemplateError(f"{where}：缺少字段“{required}”")
    key = _text(raw["key"], where, "key")
    if key in known:
        raise TemplateError(f"{where}：字段“key”的值“{key}”重复")
    parent = raw.get("parent")
    if parent is not None and parent not in known:
        raise TemplateError(f"{where}：字段“parent”的值“{parent}”不是前面的项")
    method = raw.get("method")
    allowed = METHODS.keys() | (SELF_EVALUATION_METHODS.keys() if kind == "self_evaluation" else set())
    if method is not None and method not in allowed:
        raise TemplateError(f"{where}：字段“method”的评分方法“{method}”无法识别")
    weight = _number(raw["weight"], where, "weight")
    if weight < 0:
        raise TemplateError(f"{where}：字段“weight”不能为负数")
    self_scored = raw.get("self_scored", True)
    if not isinstance(self_scored, bool):
        raise TemplateError(f"{where}：字段“self_scored”应为 true 或 false")
    return TemplateNode(
        key=key,
        name=_text(raw["name"], where, "name"),
        weight=weight,
        parent=parent,
        level=1 if parent is None else known[parent].level + 1,
        method=method,
        params=_params(method, raw.get("params", {}), where) if method else {},
        sources=_sources(raw.get("sources", {}), where),
        rule=_text(raw.get("rule", ""), where, "rule"),
        explanation=_text(raw.get("explanation", ""), where, "explanation"),
        self_scored=self_scored,
    )


def weight_warnings(file: str, total: Decimal, nodes: list[TemplateNode]) -> list[str]:
    """Where the weights under a heading do not add up to the heading's weight (or the total)."""
    warnings = []
    top = [node for node in nodes if node.parent is None]
    if top and sum(node.weight for node in top) != total:
        warnings.append(f"模板 {file}：一级指标合计{sum(node.weight for node in top)}分，总分标为{total}分")
    for node in nodes:
        children = [child for child in nodes if child.parent == node.key]
        if children and sum(child.weight for child in children) != node.weight:
            added = sum(child.weight for child in children)
            warnings.append(f"模板 {file}：“{node.name}”标为{node.weight}分，下级指标合计{added}分")
    return warnings


def _province(data: dict, where: str) -> str:
    province = _text(data.get("province", ""), where, "province")
    if province and province not in PROVINCES:
        raise TemplateError(f"{where}：字段“province”的值“{province}”不是省级行政区的全称（如“四川省”）")
    return province


def _from_year(data: dict, where: str) -> int:
    year = data.get("from_year", 0)
    if isinstance(year, bool) or not isinstance(year, int) or year < 0:
        raise TemplateError(f"{where}：字段“from_year”应为年份（整数），而不是“{year}”")
    return year


def _check_self_evaluation(nodes: list[TemplateNode], where: str) -> None:
    """A 自评表 has exactly one 预算执行 heading and at least one 绩效指标 heading."""
    execution = [node for node in nodes if node.method == "execution"]
    if len(execution) != 1:
        raise TemplateError(
            f'{where}：自评表应有且只有一项 method = "execution"（预算执行），现有{len(execution)}项'
        )
    if not any(node.method == "indicators" for node in nodes):
        raise TemplateError(f'{where}：自评表缺少 method = "indicators"（绩效指标）的项')


def parse_template(data: dict, file: str, template_id: str) -> Template:
    """Validate a template read from TOML; ``file`` is its name for the messages."""
    where = f"模板 {file}"
    for required in ("title", "kind", "total"):
        if required not in data:
            raise TemplateError(f"{where}：缺少字段“{required}”")
    kind = _text(data["kind"], where, "kind")
    if kind not in KINDS:
        raise TemplateError(f"{where}：字段“kind”的值“{kind}”应为 {' / '.join(KINDS)}")
    total = _number(data["total"], where, "total")
    raw_nodes = data.get("nodes")
    if not isinstance(raw_nodes, list) or not raw_nodes:
        raise TemplateError(f"{where}：缺少指标（[[nodes]]）")
    known: dict[str, TemplateNode] = {}
    for index, raw in enumerate(raw_nodes, start=1):
        node = _node(raw, index, file, kind, known)
        known[node.key] = node
    nodes = list(known.values())
    parents = {node.parent for node in nodes}
    for index, node in enumerate(nodes, start=1):
        if node.key not in parents and node.method is None:
            raise TemplateError(f"{where} 第{index}项“{node.name}”：缺少字段“method”")
    if kind == "self_evaluation":
        _check_self_evaluation(nodes, where)
    return Template(
        id=template_id,
        title=_text(data["title"], where, "title"),
        kind=kind,
        total=total,
        nodes=tuple(nodes),
        warnings=tuple(weight_warnings(file, total, nodes)),
        note=_text(data.get("note", ""), where, "note"),
        province=_province(data, where),
        from_year=_from_year(data, where),
    )


def load_template(path: Path) -> Template:
    """Read and validate one forms/*.toml file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise TemplateError(f"模板 {path.name} 无法读取：{error.strerror}") from error
    except tomllib.TOMLDecodeError as error:
        raise TemplateError(f"模板 {path.name} 格式错误：{error}") from error
    return parse_template(data, path.name, path.stem)


class Variant(Protocol):
    @property
    def province(self) -> str: ...

    @property
    def from_year(self) -> int: ...


V = TypeVar("V", bound=Variant)


def choose_variant(variants: Iterable[V], province: str, year: int) -> V | None:
    """The variant (a template or a print layout, with ``province`` and ``from_year``) for a
    department of ``province`` in fiscal year ``year``: the province's own before the national
    one (province empty), and among those the latest ``from_year`` not after ``year``."""
    usable = [
        variant for variant in variants if variant.province in ("", province) and variant.from_year <= year
    ]
    if not usable:
        return None
    return max(usable, key=lambda variant: (variant.province == province, variant.from_year))


@dataclass(frozen=True)
class SelfEvaluationFigures:
    """What a 自评表 template sets for every place that shows it: titles, weights, full marks."""

    template_id: str
    title: str
    execution_title: str  # 预算执行情况 (四川) / 预算执行率 (全国)
    execution_weight: Decimal
    indicator_title: str  # the one 绩效指标 heading's name, or 绩效指标 over 产出 / 效益 / 满意度
    indicator_weight: Decimal
    full_marks: Decimal


def self_evaluation_figures(template: Template) -> SelfEvaluationFigures:
    execution = next(node for node in template.nodes if node.method == "execution")
    headings = [node for node in template.nodes if node.method == "indicators"]
    return SelfEvaluationFigures(
        template_id=template.id,
        title=template.title,
        execution_title=execution.name,
        execution_weight=execution.weight,
        indicator_title=headings[0].name if len(headings) == 1 else SELF_EVALUATION_METHODS["indicators"],
        indicator_weight=sum((node.weight for node in headings), Decimal(0)),
        full_marks=template.total,
    )
