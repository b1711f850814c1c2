"""Putting the rows read from a workbook into the database, inside the caller's one transaction.

``apply_workbook`` checks each record with the domain rules, adds what is new and updates what
is already there (same 编号 after ``normalise_number``; same 项目编码 and 年度; same key for the
budget lines) — only the columns whose value differs, each record audited (``import_rows``) —
and counts added, changed and unchanged records per sheet. It must run in the caller's
``BEGIN IMMEDIATE`` transaction (``storage.transactions.writing``), so what it reads is what it
overwrites. Every problem is collected with its sheet and row, up to ``MAX_PROBLEMS``; the
caller rolls the transaction back when there is any, so nothing is half-imported.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from sqlalchemy import Connection, select

from desktop.domain.amount_signs import may_be_negative
from desktop.domain.indicator_input import IndicatorInputError, normalise_nature, normalise_target
from desktop.domain.money import format_wan
from desktop.domain.petition_input import normalise_number
from desktop.domain.petitions import Matter, PetitionInputError, VisitBatch, validate_matter, validate_visit
from desktop.exchange import sheets as S
from desktop.exchange.reader import MAX_PROBLEMS, Problem, SheetRows, TooManyProblems, WorkbookRows
from desktop.services.excel_entries import ENTRY_HANDLERS, indicator_problem
from desktop.services.import_rows import TableChanges
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
    (S.INCOME, M.IncomeLine, ("year", "source", "function_code", "funding")),
    (S.EXPENDITURE, M.ExpenditureLine, ("year", "function_code", "category", "funding")),
    (S.BALANCES, M.BalanceLine, ("year", "kind", "funding", "function_code")),
    (S.BASIC, M.BasicExpenditureLine, ("year", "economic_code", "funding")),
    (S.THREE_PUBLIC, M.ThreePublicItem, ("year", "item")),
    (S.PROJECT_ECONOMIC, M.ProjectEconomicLine, ("year", "project_code", "economic_code", "funding")),
    (S.REPORTED_AMOUNTS, M.ReportedAmount, ("year", "item")),
    (S.REPORTED_COUNTS, M.ReportedCount, ("year", "item")),
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


Counts = tuple[int, int, int]  # added, changed, unchanged


@dataclasses.dataclass
class _Run:
    connection: Connection
    department_id: int
    today: date
    problems: list[Problem]
    progress: Progress | None
    total: int
    file_petitions: frozenset[str]
    file_projects: frozenset[tuple[int, str]]
    done: int = 0
    counts: dict[str, Counts] = dataclasses.field(default_factory=dict)

    def problem(self, sheet: str, row: int, reason: str, column: str = "") -> None:
        self.problems.append(Problem(reason, sheet, row, column))
        if len(self.problems) >= MAX_PROBLEMS:
            raise TooManyProblems

    def step(self, rows: int) -> None:
        self.done += rows
        if self.progress is not None and self.progress(self.done, self.total) is False:
            raise ImportCancelled

    def finish(self, sheet: SheetRows, changes: TableChanges) -> None:
        """Write the sheet's changes unless anything is wrong so far; count them either way."""
        if not self.problems:
            changes.flush(self.connection)
        self.counts[sheet.spec.name] = (len(changes.inserts), len(changes.updates), changes.unchanged)
        self.step(len(sheet.rows))

    def stored(self, table, *conditions) -> list[dict]:
        return [dict(row._mapping) for row in self.connection.execute(select(table).where(*conditions))]


def _negative(run: _Run, sheet: SheetRows, number: int, table: str, values: dict) -> bool:
    """Report every amount of the row below zero where ``table`` gives it no meaning."""
    found = False
    for column in sheet.spec.columns:
        value = values.get(column.field)
        if (
            column.kind is S.Kind.WAN
            and value is not None
            and value < 0
            and not may_be_negative(table, column.field)
        ):
            reason = f"{column.header}不能为负数（{format_wan(value)} 万元）"
            run.problem(sheet.spec.name, number, reason, column.header)
            found = True
    return found


def _petitions(run: _Run, sheet: SheetRows) -> None:
    table = M.Petition.__table__
    existing = {
        normalise_number(row["number"]): row
        for row in run.stored(table, table.c.department_id == run.department_id)
    }
    seen: dict[str, int] = {}
    changes = TableChanges(table)
    for number, values in sheet.rows:
        key = normalise_number(values["number"])
        if key in seen:
            reason = f"编号“{key}”与第 {seen[key]} 行重复（比较时不计空格、不可见字符和全角半角之别）"
            run.problem(sheet.spec.name, number, reason, "编号")
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
            matter = validate_matter(Matter(**merged), run.today)
        except PetitionInputError as error:
            run.problem(sheet.spec.name, number, str(error))
            continue
        record = {field: getattr(matter, field) for field in _MATTER_FIELDS} | {"number": matter.number}
        if old is None:
            changes.add(record | {"department_id": run.department_id})
        else:
            changes.change(old["id"], old, record)
    run.finish(sheet, changes)


def _visit_key(record: dict) -> tuple:
    return tuple(
        record[field]
        for field in ("visited_on", "level", "persons", "collective", "petition_id", "locality", "note")
    )


def _visits(run: _Run, sheet: SheetRows) -> None:
    """Visits have no number: a row equal to a stored visit is that visit (counted as unchanged)."""
    table = M.Visit.__table__
    petitions = M.Petition.__table__
    numbers = {
        normalise_number(number): row_id
        for number, row_id in run.connection.execute(
            select(petitions.c.number, petitions.c.id).where(petitions.c.department_id == run.department_id)
        )
    }
    stored = Counter(_visit_key(row) for row in run.stored(table, table.c.department_id == run.department_id))
    changes = TableChanges(table)
    for number, values in sheet.rows:
        typed = values.pop("petition_number", None)
        petition_number = normalise_number(typed) if typed else None
        petition_id = numbers.get(petition_number) if petition_number else None
        if petition_number and petition_id is None and petition_number not in run.file_petitions:
            reason = f"关联事项编号“{petition_number}”在信访事项中不存在"
            run.problem(sheet.spec.name, number, reason, "关联事项编号")
            continue
        record = _VISIT_DEFAULTS | _filled(M.Visit, values) | {"petition_id": petition_id}
        try:
            validate_visit(VisitBatch(**record), run.today)
        except PetitionInputError as error:
            run.problem(sheet.spec.name, number, str(error))
            continue
        key = _visit_key(record)
        if stored[key] > 0:
            stored[key] -= 1
            changes.unchanged += 1
        else:
            changes.add(record | {"department_id": run.department_id})
    run.finish(sheet, changes)


def _keyed(run: _Run, sheet: SheetRows, model, key_fields: tuple[str, ...]) -> None:
    table = model.__table__
    stored = {
        tuple(row[field] for field in key_fields): row
        for row in run.stored(table, table.c.department_id == run.department_id)
    }
    seen: dict[tuple, int] = {}
    changes = TableChanges(table)
    for number, values in sheet.rows:
        record = _filled(model, values)
        key = tuple(record.get(field, _default(model, field)) for field in key_fields)
        if key in seen:
            run.problem(
                sheet.spec.name, number, f"与第 {seen[key]} 行重复（同一年度、同一科目或项目只能有一行）"
            )
            continue
        seen[key] = number
        if _negative(run, sheet, number, table.name, record):
            continue
        if key in stored:
            changes.change(stored[key]["id"], stored[key], record)
        else:
            defaults = {field: _default(model, field) for field in key_fields}
            changes.add(defaults | record | {"department_id": run.department_id})
    run.finish(sheet, changes)


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
        _negative(run, sheet, number, M.ProjectFunding.__tablename__, values)
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
        (row["year"], row["code"]): row
        for row in run.stored(projects, projects.c.department_id == run.department_id)
    }
    project_changes, new_keys = TableChanges(projects), []
    for key, group in groups.items():
        texts = _filled(M.Project, group["texts"])
        if key in stored:
            project_changes.change(stored[key]["id"], stored[key], texts)
        elif "name" not in texts:
            run.problem(sheet.spec.name, group["row"], "新项目须填写项目名称", "项目名称")
        else:
            year, code = key
            project_changes.add({"department_id": run.department_id, "year": year, "code": code} | texts)
            new_keys.append(key)
    if run.problems:
        run.counts[sheet.spec.name] = (len(new_keys), sum(key in stored for key in groups), 0)
        run.step(len(sheet.rows))
        return
    ids = {key: row["id"] for key, row in stored.items()}
    ids.update(zip(new_keys, project_changes.flush(run.connection), strict=True))
    funding_changes = TableChanges(funding)
    stored_funding = {
        (row["project_id"], row["source"]): row
        for row in run.stored(funding, funding.c.project_id.in_(list(ids.values())))
    }
    texts_changed = {row_id for row_id, _before, _after in project_changes.updates}
    updated = 0
    for key, group in groups.items():
        project_id = ids[key]
        before = len(funding_changes.updates) + len(funding_changes.inserts) + len(funding_changes.deletes)
        _funding(funding_changes, stored_funding, project_id, group["sources"])
        after = len(funding_changes.updates) + len(funding_changes.inserts) + len(funding_changes.deletes)
        updated += key in stored and (project_id in texts_changed or after > before)
    funding_changes.flush(run.connection)
    run.counts[sheet.spec.name] = (len(new_keys), updated, sum(key in stored for key in groups) - updated)
    run.step(len(sheet.rows))


def _funding(changes: TableChanges, stored: dict, project_id: int, sources: dict[str, dict]) -> None:
    """A project's funding rows made equal to ``sources``: changed, added, and removed where gone."""
    for (owner, source), row in stored.items():
        if owner == project_id and source not in sources:
            changes.remove(row["id"], row)
    for source, money in sources.items():
        values = _filled(M.ProjectFunding, money)
        old = stored.get((project_id, source))
        if old is None:
            changes.add({"project_id": project_id, "source": source} | values)
        else:
            changes.change(old["id"], old, values)


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
        (row["project_id"], row["level1"], row["level2"], row["level3"]): row
        for row in run.stored(table, table.c.project_id.in_(list(project_ids.values())))
    }
    seen: dict[tuple, int] = {}
    records: dict[int | None, list[tuple[tuple, dict]]] = {}
    for number, values in sheet.rows:
        project_id = project_ids.get((values["year"], values["code"]))
        if project_id is None and (values["year"], values["code"]) not in run.file_projects:
            reason = f"项目编码“{values['code']}”（{values['year']} 年度）在“项目”表和数据库中都没有"
            run.problem(sheet.spec.name, number, reason, "项目编码")
            continue
        key = (project_id, values["level1"], values["level2"], values["level3"])
        same = (values["year"], values["code"], *key[1:])  # a project of this file has no id yet
        if same in seen:
            run.problem(sheet.spec.name, number, f"与第 {seen[same]} 行是同一指标", "三级指标")
            continue
        seen[same] = number
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
        records.setdefault(project_id, []).append((key, record))
    changes = TableChanges(table)
    for project_id, rows in records.items():
        for (key, record), position in zip(
            rows, _positions(stored, [key for key, _record in rows]), strict=True
        ):
            record["position"] = position
            if key in stored:
                changes.change(stored[key]["id"], stored[key], record)
            else:
                changes.add(record | {"project_id": project_id})
    run.finish(sheet, changes)


def _positions(stored: dict[tuple, dict], keys: list[tuple]) -> list[int]:
    """Positions of one project's indicators in the file's order: the stored ones kept when the
    file lists them in their stored order with any new ones after them, else 0, 1, 2 … in file order."""
    known = [key for key in keys if key in stored]
    in_order = known == sorted(known, key=lambda key: stored[key]["position"])
    if not in_order or keys[: len(known)] != known:
        return list(range(len(keys)))
    after = max((stored[key]["position"] for key in known), default=-1)
    positions = []
    for key in keys:
        if key in stored:
            positions.append(stored[key]["position"])
        else:
            after += 1
            positions.append(after)
    return positions


def apply_workbook(
    connection: Connection,
    department_id: int,
    workbook: WorkbookRows,
    today: date,
    progress: Progress | None = None,
) -> tuple[dict[str, Counts], list[Problem]]:
    """Add and update every record of ``workbook``; return (added, changed, unchanged) per sheet and the problems."""
    total = sum(
        len(workbook.sheets[spec.name].rows) for spec in S.DATA_SHEETS if spec.name in workbook.sheets
    )
    petitions = workbook.sheets.get(S.PETITIONS.name)
    projects = workbook.sheets.get(S.PROJECTS.name)
    run = _Run(
        connection,
        department_id,
        today,
        list(workbook.errors),
        progress,
        total,
        frozenset(
            normalise_number(values["number"]) for _row, values in (petitions.rows if petitions else ())
        ),
        frozenset((values["year"], values["code"]) for _row, values in (projects.rows if projects else ())),
    )
    handlers = {S.PETITIONS.name: _petitions, S.VISITS.name: _visits, S.PROJECTS.name: _projects}
    handlers[S.INDICATORS.name] = _indicators
    handlers.update(ENTRY_HANDLERS)
    for spec, model, key_fields in _KEYED:
        handlers[spec.name] = partial(_keyed, model=model, key_fields=key_fields)
    try:
        for spec in S.DATA_SHEETS:
            rows = workbook.sheets.get(spec.name)
            if rows is not None and rows.rows:
                handlers[spec.name](run, rows)
    except TooManyProblems:
        run.problems.append(Problem(f"已发现 {MAX_PROBLEMS} 处问题，其余未再检查"))
    if not run.problems:
        summary = {
            name: {"新增": added, "更新": changed, "未变": same}
            for name, (added, changed, same) in run.counts.items()
        }
        audit.record(connection, "导入", "excel", after=summary)
    return run.counts, run.problems
