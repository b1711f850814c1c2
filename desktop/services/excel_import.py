"""Putting the rows read from a workbook into the database, inside the caller's one transaction.

``apply_workbook`` checks each record with the domain rules, adds what is new and updates what
is already there (same 编号; same 项目编码 and 年度; same key for the budget lines), and counts
both per sheet. Every problem is collected with its sheet and row; the caller rolls the
transaction back when there is any, so nothing is half-imported.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable
from functools import partial
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from desktop.domain.indicator_input import IndicatorInputError, normalise_nature, normalise_target
from desktop.domain.money import format_wan
from desktop.domain.petitions import Matter, PetitionInputError, VisitBatch, validate_matter, validate_visit
from desktop.exchange import sheets as S
from desktop.exchange.reader import Problem, SheetRows, WorkbookRows
from desktop.services.excel_entries import ENTRY_HANDLERS, indicator_problem
from desktop.storage import audit
from desktop.storage import models as M

Progress = Callable[[int, int], bool]


class ImportCancelled(Exception):
    """The clerk cancelled while the rows were being written; the transaction is rolled back."""


_MATTER_FIELDS = tuple(
    field.name for field in dataclasses.fields(Matter) if field.name not in ("id", "number")
)
_MATTER_DEFAULTS = {
    field.name: field.default
    for field in dataclasses.fields(Matter)
    if field.default is not dataclasses.MISSING and field.name != "id"
}
_KEYED = (
    (S.INCOME, M.IncomeLine, ("year", "source", "function_code")),
    (S.EXPENDITURE, M.ExpenditureLine, ("year", "function_code", "category", "funding")),
    (S.BALANCES, M.BalanceLine, ("year", "kind")),
    (S.BASIC, M.BasicExpenditureLine, ("year", "economic_code", "funding")),
    (S.THREE_PUBLIC, M.ThreePublicItem, ("year", "item")),
    (S.CHECKPOINTS, M.ExecutionCheckpoint, ("year", "month")),
    (S.STATED_FIGURES, M.StatedFigure, ("year", "key")),
)
_VISIT_DEFAULTS: dict[str, Any] = {"persons": 1, "collective": False, "locality": "", "note": ""}
_FUNDING_MONEY = ("initial_budget", "adjusted_budget", "executed")
_PROJECT_TEXT = ("name", "competent_department", "implementing_unit", "annual_goal", "goal_completion")


def _default(model, field: str):
    return model.model_fields[field].default


def _filled(model, values: dict[str, Any]) -> dict[str, Any]:
    """An empty cell of a present column means the field's default (0, “”, no date)."""
    return {field: _default(model, field) if value is None else value for field, value in values.items()}


@dataclasses.dataclass
class _Run:
    connection: Connection
    department_id: int
    problems: list[Problem]
    progress: Progress | None
    total: int
    file_petitions: frozenset[str]
    file_projects: frozenset[tuple[int, str]]
    done: int = 0
    counts: dict[str, tuple[int, int]] = dataclasses.field(default_factory=dict)

    def problem(self, sheet: str, row: int, reason: str, column: str = "") -> None:
        self.problems.append(Problem(reason, sheet, row, column))

    def step(self, rows: int) -> None:
        self.done += rows
        if self.progress is not None and self.progress(self.done, self.total) is False:
            raise ImportCancelled


def _write(run: _Run, table, inserts: list[dict], updates: list[dict]) -> None:
    if inserts:
        run.connection.execute(insert(table), inserts)
    if updates:
        run.connection.execute(update(table).where(table.c.id == bindparam("row_id")), updates)


def _petitions(run: _Run, sheet: SheetRows) -> None:
    table = M.Petition.__table__
    existing = {
        row.number: dict(row._mapping)
        for row in run.connection.execute(select(table).where(table.c.department_id == run.department_id))
    }
    seen: dict[str, int] = {}
    inserts, updates = [], []
    for number, values in sheet.rows:
        key = values["number"]
        if key in seen:
            run.problem(sheet.spec.name, number, f"编号“{key}”与第 {seen[key]} 行重复", "编号")
            continue
        seen[key] = number
        old = existing.get(key)
        merged = dict(_MATTER_DEFAULTS)
        if old is not None:
            merged.update({field: old[field] for field in _MATTER_FIELDS})
        for field, value in values.items():
            if field in ("id_number", "phone") and isinstance(value, str) and "*" in value:
                continue  # a masked export: keep what the database holds
            merged[field] = _MATTER_DEFAULTS.get(field) if value is None else value
        try:
            matter = validate_matter(Matter(**merged))
        except PetitionInputError as error:
            run.problem(sheet.spec.name, number, str(error))
            continue
        record = {field: getattr(matter, field) for field in _MATTER_FIELDS} | {"number": key}
        if old is None:
            inserts.append(record | {"department_id": run.department_id})
        else:
            updates.append(record | {"row_id": old["id"]})
    if not run.problems:
        _write(run, table, inserts, updates)
    run.counts[sheet.spec.name] = (len(inserts), len(updates))
    run.step(len(sheet.rows))


def _visit_key(record: dict) -> tuple:
    return tuple(
        record[field]
        for field in ("visited_on", "level", "persons", "collective", "petition_id", "locality", "note")
    )


def _visits(run: _Run, sheet: SheetRows) -> None:
    """Visits have no number: a row equal to a stored visit is that visit (counted as updated)."""
    table = M.Visit.__table__
    petitions = M.Petition.__table__
    numbers = dict(
        run.connection.execute(
            select(petitions.c.number, petitions.c.id).where(petitions.c.department_id == run.department_id)
        ).all()
    )
    stored = Counter(
        _visit_key(dict(row._mapping))
        for row in run.connection.execute(select(table).where(table.c.department_id == run.department_id))
    )
    inserts, matched = [], 0
    for number, values in sheet.rows:
        petition_number = values.pop("petition_number", None)
        petition_id = numbers.get(petition_number) if petition_number else None
        if petition_number and petition_id is None and petition_number not in run.file_petitions:
            reason = f"关联事项编号“{petition_number}”在信访事项中不存在"
            run.problem(sheet.spec.name, number, reason, "关联事项编号")
            continue
        record = _VISIT_DEFAULTS | _filled(M.Visit, values) | {"petition_id": petition_id}
        try:
            validate_visit(VisitBatch(**record))
        except PetitionInputError as error:
            run.problem(sheet.spec.name, number, str(error))
            continue
        key = _visit_key(record)
        if stored[key] > 0:
            stored[key] -= 1
            matched += 1
        else:
            inserts.append(record | {"department_id": run.department_id})
    if not run.problems:
        _write(run, table, inserts, [])
    run.counts[sheet.spec.name] = (len(inserts), matched)
    run.step(len(sheet.rows))


def _keyed(run: _Run, sheet: SheetRows, model, key_fields: tuple[str, ...]) -> None:
    table = model.__table__
    stored = {
        tuple(row._mapping[field] for field in key_fields): row.id
        for row in run.connection.execute(select(table).where(table.c.department_id == run.department_id))
    }
    seen: dict[tuple, int] = {}
    inserts, updates = [], []
    for number, values in sheet.rows:
        record = _filled(model, values)
        key = tuple(record.get(field, _default(model, field)) for field in key_fields)
        if key in seen:
            run.problem(
                sheet.spec.name, number, f"与第 {seen[key]} 行重复（同一年度、同一科目或项目只能有一行）"
            )
            continue
        seen[key] = number
        if key in stored:
            updates.append(record | {"row_id": stored[key]})
        else:
            defaults = {field: _default(model, field) for field in key_fields}
            inserts.append(defaults | record | {"department_id": run.department_id})
    if not run.problems:
        _write(run, table, inserts, updates)
    run.counts[sheet.spec.name] = (len(inserts), len(updates))
    run.step(len(sheet.rows))


def _project_groups(run: _Run, sheet: SheetRows) -> dict[tuple[int, str], dict]:
    """Rows of the 项目 sheet grouped by (年度, 项目编码): the project's texts and its funding sources."""
    groups: dict[tuple[int, str], dict] = {}
    name = sheet.spec.name
    for number, values in sheet.rows:
        group = groups.setdefault(
            (values["year"], values["code"]), {"row": number, "texts": {}, "total": None, "sources": {}}
        )
        for field in _PROJECT_TEXT:
            value = values.get(field)
            if value is None:
                continue
            if field == "name" and group["texts"].get("name", value) != value:
                run.problem(name, number, f"项目名称与第 {group['row']} 行不一致", "项目名称")
            group["texts"].setdefault(field, value)
        source = values.get("source") or S.FUNDING_TOTAL
        money = {field: values[field] for field in _FUNDING_MONEY if field in values}
        if source == S.FUNDING_TOTAL:
            if group["total"] is not None:
                run.problem(name, number, "同一项目有两行“总额”", "资金来源")
            group["total"] = (number, money)
        elif source not in S.FUNDING_SOURCES:
            allowed = "、".join((S.FUNDING_TOTAL, *S.FUNDING_SOURCES))
            run.problem(name, number, f"资金来源“{source}”应为{allowed}之一", "资金来源")
        elif source in group["sources"]:
            run.problem(name, number, f"资金来源“{source}”在同一项目中出现两次", "资金来源")
        else:
            group["sources"][source] = money
    for group in groups.values():
        _check_total(run, name, group)
    return groups


def _check_total(run: _Run, sheet: str, group: dict) -> None:
    if group["total"] is None:
        return
    number, total = group["total"]
    if not group["sources"]:
        if any(value is not None for value in total.values()):
            group["sources"] = {"财政资金": total}
        return
    headers = {"initial_budget": "年初预算", "adjusted_budget": "调整后预算", "executed": "执行数"}
    for field, value in total.items():
        parts = sum((source.get(field) or M.ZERO for source in group["sources"].values()), M.ZERO)
        if (value or M.ZERO) != parts:
            reason = f"总额行的{headers[field]} {format_wan(value or M.ZERO)} 万元与各资金来源合计 {format_wan(parts)} 万元不一致"
            run.problem(sheet, number, reason, headers[field])


def _projects(run: _Run, sheet: SheetRows) -> None:
    groups = _project_groups(run, sheet)
    projects, funding = M.Project.__table__, M.ProjectFunding.__table__
    stored = {
        (row.year, row.code): row.id
        for row in run.connection.execute(
            select(projects.c.year, projects.c.code, projects.c.id).where(
                projects.c.department_id == run.department_id
            )
        )
    }
    added = updated = 0
    if run.problems:
        run.counts[sheet.spec.name] = (
            sum(key not in stored for key in groups),
            sum(key in stored for key in groups),
        )
        run.step(len(sheet.rows))
        return
    for (year, code), group in groups.items():
        texts = _filled(M.Project, group["texts"])
        project_id = stored.get((year, code))
        if project_id is None:
            if "name" not in texts:
                run.problem(sheet.spec.name, group["row"], "新项目须填写项目名称", "项目名称")
                continue
            values = {"department_id": run.department_id, "year": year, "code": code} | texts
            project_id = M.inserted_id(
                run.connection.execute(insert(projects).values(values)).inserted_primary_key
            )
            added += 1
        else:
            if texts:
                run.connection.execute(update(projects).where(projects.c.id == project_id).values(texts))
            updated += 1
        _replace_funding(run, funding, project_id, group["sources"])
    run.counts[sheet.spec.name] = (added, updated)
    run.step(len(sheet.rows))


def _replace_funding(run: _Run, funding, project_id: int, sources: dict[str, dict]) -> None:
    stored: dict[str, int] = dict(
        run.connection.execute(
            select(funding.c.source, funding.c.id).where(funding.c.project_id == project_id)
        ).all()
    )
    gone = [stored[source] for source in stored if source not in sources]
    if gone:
        run.connection.execute(delete(funding).where(funding.c.id.in_(gone)))
    for source, money in sources.items():
        values = _filled(M.ProjectFunding, money)
        if source in stored:
            if values:
                run.connection.execute(update(funding).where(funding.c.id == stored[source]).values(values))
        else:
            run.connection.execute(
                insert(funding).values({"project_id": project_id, "source": source} | values)
            )


def _indicators(run: _Run, sheet: SheetRows) -> None:
    projects, table = M.Project.__table__, M.Indicator.__table__
    project_ids = {
        (row.year, row.code): row.id
        for row in run.connection.execute(
            select(projects.c.year, projects.c.code, projects.c.id).where(
                projects.c.department_id == run.department_id
            )
        )
    }
    stored = {
        (row.project_id, row.level1, row.level2, row.level3): row.id
        for row in run.connection.execute(
            select(table).where(table.c.project_id.in_(list(project_ids.values())))
        )
    }
    seen: dict[tuple, int] = {}
    positions: Counter = Counter()
    inserts, updates = [], []
    for number, values in sheet.rows:
        project_id = project_ids.get((values["year"], values["code"]))
        if project_id is None and (values["year"], values["code"]) not in run.file_projects:
            reason = f"项目编码“{values['code']}”（{values['year']} 年度）在“项目”表和数据库中都没有"
            run.problem(sheet.spec.name, number, reason, "项目编码")
            continue
        key = (project_id, values["level1"], values["level2"], values["level3"])
        if key in seen:
            run.problem(sheet.spec.name, number, f"与第 {seen[key]} 行是同一指标", "三级指标")
            continue
        seen[key] = number
        try:
            values["nature"] = normalise_nature(values["nature"])
        except IndicatorInputError as error:
            run.problem(sheet.spec.name, number, str(error), "指标性质")
            continue
        try:
            entry = normalise_target(values["nature"], values.get("target") or "", values.get("unit") or "")
        except IndicatorInputError as error:
            run.problem(sheet.spec.name, number, str(error), "指标值")
            continue
        values["target"], values["unit"] = entry.target, entry.unit
        if not 0 <= values["weight"] <= 100:
            run.problem(sheet.spec.name, number, f"权重 {values['weight']} 应在 0 至 100 之间", "权重")
            continue
        record = _filled(M.Indicator, {k: v for k, v in values.items() if k not in ("year", "code")})
        refused = indicator_problem(record)
        if refused:
            run.problem(sheet.spec.name, number, f"调整后得分：{refused}", "调整后得分")
            continue
        record["position"] = positions[project_id]
        positions[project_id] += 1
        if key in stored:
            updates.append(record | {"row_id": stored[key]})
        else:
            inserts.append(record | {"project_id": project_id})
    if not run.problems:
        _write(run, table, inserts, updates)
    run.counts[sheet.spec.name] = (len(inserts), len(updates))
    run.step(len(sheet.rows))


def apply_workbook(
    connection: Connection,
    department_id: int,
    workbook: WorkbookRows,
    progress: Progress | None = None,
) -> tuple[dict[str, tuple[int, int]], list[Problem]]:
    """Add and update every record of ``workbook``; return (added, updated) per sheet and the problems."""
    total = sum(
        len(workbook.sheets[spec.name].rows) for spec in S.DATA_SHEETS if spec.name in workbook.sheets
    )
    petitions = workbook.sheets.get(S.PETITIONS.name)
    projects = workbook.sheets.get(S.PROJECTS.name)
    run = _Run(
        connection,
        department_id,
        list(workbook.errors),
        progress,
        total,
        frozenset(values["number"] for _row, values in (petitions.rows if petitions else ())),
        frozenset((values["year"], values["code"]) for _row, values in (projects.rows if projects else ())),
    )
    handlers = {S.PETITIONS.name: _petitions, S.VISITS.name: _visits, S.PROJECTS.name: _projects}
    handlers[S.INDICATORS.name] = _indicators
    handlers.update(ENTRY_HANDLERS)
    for spec, model, key_fields in _KEYED:
        handlers[spec.name] = partial(_keyed, model=model, key_fields=key_fields)
    for spec in S.DATA_SHEETS:
        rows = workbook.sheets.get(spec.name)
        if rows is not None and rows.rows:
            handlers[spec.name](run, rows)
    if not run.problems:
        summary = {name: {"新增": added, "更新": changed} for name, (added, changed) in run.counts.items()}
        audit.record(connection, "导入", "excel", after=summary)
    return run.counts, run.problems
