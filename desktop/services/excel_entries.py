"""Importing what the clerk typed beside the figures: 项目自评, 评价表, 评价打分, 核对说明, manual scores.

Each handler takes the run of ``excel_import.apply_workbook`` (its connection, department,
problem list and counts) and one sheet's rows, checks every row as the window would (a manual
score needs a reason and must fit its weight; a scorecard input must be readable by its item),
and writes only when the whole workbook has no problem. ``masked_warnings`` says how many ID and
phone numbers a masked export held, which the import leaves as they are.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, insert, select, update

from desktop.domain.scorecard_methods import method_inputs
from desktop.domain.scorecards import input_label
from desktop.domain.scoring import check_manual_score
from desktop.domain.templates import TemplateNode
from desktop.errors import UserInputError
from desktop.exchange import sheets as S
from desktop.exchange.reader import SheetRows, WorkbookRows
from desktop.services.catalogue import FormCatalogue
from desktop.services.checks import NOTE_LIMIT
from desktop.services.excel_entries_export import SOURCES_KEY, ScorecardTemplates
from desktop.services.import_rows import TableChanges
from desktop.services.scorecard_inputs import check_input
from desktop.storage import models as M

if TYPE_CHECKING:
    from desktop.services.excel_import import _Run

_MASKED = (("id_number", "身份证号"), ("phone", "联系电话"))


def masked_warnings(workbook: WorkbookRows) -> list[str]:
    """“身份证号已打码，未导入：782 条”: masked cells keep the stored number (a new matter has none)."""
    sheet = workbook.sheets.get(S.PETITIONS.name)
    if sheet is None:
        return []
    warnings = []
    for field, label in _MASKED:
        count = sum(1 for _row, values in sheet.rows if "*" in str(values.get(field) or ""))
        if count:
            warnings.append(f"{label}已打码，未导入：{count} 条（数据库中已有的号码不变，新记录留空）")
    return warnings


def _project_ids(run: _Run) -> dict[tuple[int, str], int]:
    table = M.Project.__table__
    query = select(table.c.year, table.c.code, table.c.id).where(table.c.department_id == run.department_id)
    return {(row.year, row.code): row.id for row in run.connection.execute(query)}


def _project_id(run: _Run, sheet: SheetRows, number: int, values: dict, projects: dict) -> int | None | bool:
    """The project a row names (None: the department's own); False when it is missing (reported)."""
    code = values.get("code") or ""
    if not code:
        return None
    key = (values["year"], code)
    if key in projects:
        return projects[key]
    if key not in run.file_projects:  # a project of the file is missing only when the file has problems
        reason = f"项目编码“{code}”（{values['year']} 年度）在“项目”表和数据库中都没有"
        run.problem(sheet.spec.name, number, reason, "项目编码")
    return False


def _manual_problem(score: Decimal | None, reason: str, weight: Decimal, **context: str) -> str | None:
    if score is None:
        return None
    refused = check_manual_score(score, weight, **context)
    if refused:
        return refused
    return None if reason.strip() else "有手工得分时须填写调整理由"


def indicator_problem(record: dict) -> str | None:
    """Why an imported indicator's manual score is refused (the same rules as in the 项目绩效 tab)."""
    return _manual_problem(
        record.get("manual_score"),
        record.get("manual_reason", ""),
        record["weight"],
        nature=record["nature"],
        actual=record.get("actual", ""),
        target=record.get("target", ""),
    )


def _project_fields(values: dict) -> dict:
    """An empty cell clears a text (“”) or the manual score (None)."""
    return {
        field: "" if value is None and field != "execution_manual_score" else value
        for field, value in values.items()
        if field not in ("year", "code")
    }


def _execution_weight(run: _Run, year: int) -> Decimal:
    """The 预算执行 weight of the department's 自评表 for the year (the catalogue's template)."""
    table = M.Department.__table__
    province = run.connection.execute(select(table.c.province).where(table.c.id == run.department_id)).scalar()
    return FormCatalogue().self_evaluation(province or "", year).execution_weight


def _project_evaluations(run: _Run, sheet: SheetRows) -> None:
    table = M.Project.__table__
    projects = _project_ids(run)
    seen: dict[tuple, int] = {}
    changes = TableChanges(table)
    for number, values in sheet.rows:
        key = (values["year"], values["code"])
        if key in seen:
            run.problem(sheet.spec.name, number, f"与第 {seen[key]} 行是同一项目", "项目编码")
            continue
        seen[key] = number
        project_id = _project_id(run, sheet, number, values, projects)
        if not project_id:
            continue
        record = _project_fields(values)
        stored = run.connection.execute(select(table).where(table.c.id == project_id)).one()
        reason = record.get("execution_manual_reason", stored.execution_manual_reason)
        score = record.get("execution_manual_score", stored.execution_manual_score)
        refused = _manual_problem(score, reason, _execution_weight(run, values["year"]))
        if refused:
            run.problem(sheet.spec.name, number, f"预算执行得分：{refused}", "预算执行调整后得分")
            continue
        changes.change(project_id, dict(stored._mapping), record)  # only what differs, one audit entry each
    run.finish(sheet, changes)


def _scorecard_ids(connection: Connection, department_id: int) -> dict[tuple, int]:
    table = M.Scorecard.__table__
    query = select(table).where(table.c.department_id == department_id)
    return {(row.year, row.template, row.project_id): row.id for row in connection.execute(query)}


def _stored_scorecards(run: _Run) -> dict[tuple, dict]:
    table = M.Scorecard.__table__
    rows = run.stored(table, table.c.department_id == run.department_id)
    return {(row["year"], row["template"], row["project_id"]): row for row in rows}


def _scorecards(run: _Run, sheet: SheetRows) -> None:
    table = M.Scorecard.__table__
    projects, templates = _project_ids(run), ScorecardTemplates()
    stored = _stored_scorecards(run)
    seen: dict[tuple, int] = {}
    changes = TableChanges(table)
    for number, values in sheet.rows:
        project_id = _project_id(run, sheet, number, values, projects)
        if project_id is False:
            continue
        template = templates.get(values["template"])
        if template is None:
            reason = f"模板“{values['template']}”不存在（forms 文件夹中没有这张评价表）"
            run.problem(sheet.spec.name, number, reason, "模板")
            continue
        wanted = "department" if project_id is None else "project"
        if template.kind != wanted:
            what = "部门整体评价表" if project_id is None else "项目的评价表"
            run.problem(sheet.spec.name, number, f"模板“{values['template']}”不能用作{what}", "模板")
            continue
        key = (values["year"], values["template"], project_id)
        if key in seen:
            run.problem(sheet.spec.name, number, f"与第 {seen[key]} 行是同一张评价表", "模板")
            continue
        seen[key] = number
        title = {"title": values.get("title") or ""} if "title" in sheet.fields else {}
        if key in stored:
            changes.change(stored[key]["id"], stored[key], title)
        else:
            record = dict(zip(("year", "template", "project_id"), key, strict=True)) | title
            changes.add(record | {"department_id": run.department_id})
    run.finish(sheet, changes)


def _input_name(leaf: TemplateNode, text: str) -> str | None:
    names = method_inputs(leaf.method or "", leaf.params)
    by_label = {input_label(name): name for name in names}
    return text if text in names else by_label.get(text)


def _known_source(source: str) -> bool:
    """A source ``scorecard_sources.SourceReader`` can read (a month for a checkpoint)."""
    kind, _, detail = source.partition(":")
    if kind == "checkpoint":
        return detail.isdigit() and 1 <= int(detail) <= 12
    if kind == "project":
        return detail == "execution_rate"
    return kind in ("budget", "register") and bool(detail)


class _ItemGroup:
    """The rows of one scorecard item: its inputs, sources, manual score, reason and note."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.inputs: dict[str, str] = {}
        self.sources: dict[str, str] = {}
        self.manual: dict[str, Any] = {}

    def json(self) -> str:
        stored: dict[str, object] = dict(self.inputs)
        if self.sources:
            stored[SOURCES_KEY] = self.sources
        return json.dumps(stored, ensure_ascii=False) if stored else ""


def _read_item_row(run: _Run, sheet: SheetRows, number: int, values: dict, leaf: TemplateNode, group) -> None:
    name = sheet.spec.name
    for field in ("manual_score", "manual_reason", "note"):
        if field in sheet.fields and values.get(field) not in (None, ""):
            group.manual.setdefault(field, values[field])
    text = values.get("input") or ""
    if not text:
        return
    input_name = _input_name(leaf, text)
    if input_name is None:
        run.problem(name, number, f"“{leaf.name}”没有输入项“{text}”", "输入项")
    elif input_name in group.inputs or input_name in group.sources:
        run.problem(name, number, f"输入项“{text}”在同一指标中出现两次", "输入项")
    else:
        value, source = values.get("value") or "", values.get("source") or ""
        if source and not _known_source(source):
            reason = f"取数来源“{source}”无法识别（应为 checkpoint:月份、budget:…、project:execution_rate 或 register:…）"
            run.problem(name, number, reason, "取数来源")
            return
        try:
            if value:
                check_input(leaf, input_name, value)
        except UserInputError as error:
            run.problem(name, number, str(error), "录入值")
            return
        if value:
            group.inputs[input_name] = value
        if source:
            group.sources[input_name] = source


def _item_problem(leaf: TemplateNode, group: _ItemGroup) -> str | None:
    if len(str(group.manual.get("note", ""))) > NOTE_LIMIT:
        return f"评价说明最多 {NOTE_LIMIT} 字"
    nature = "定性" if leaf.method == "qualitative" else group.inputs.get("nature", "")
    return _manual_problem(
        group.manual.get("manual_score"),
        str(group.manual.get("manual_reason", "")),
        leaf.weight,
        nature=nature,
        actual=group.inputs.get("actual", ""),
        target=group.inputs.get("target", ""),
    )


def _scorecard_items(run: _Run, sheet: SheetRows) -> None:
    name = sheet.spec.name
    projects, templates = _project_ids(run), ScorecardTemplates()
    cards = _scorecard_ids(run.connection, run.department_id)
    groups: dict[tuple[int, str], tuple[TemplateNode, _ItemGroup]] = {}
    earlier = bool(run.problems)  # then a card of this file may be missing only because it was not written
    for number, values in sheet.rows:
        project_id = _project_id(run, sheet, number, values, projects)
        if project_id is False:
            continue
        card_id = cards.get((values["year"], values["template"], project_id))
        if card_id is None:
            if not earlier:
                where = f"项目“{values['code']}”" if values.get("code") else "部门整体"
                reason = f"{where}的评价表（模板“{values['template']}”）在“评价表”表和数据库中都没有"
                run.problem(name, number, reason, "模板")
            continue
        template = templates.get(values["template"])
        if template is None:  # a card kept from a template no longer in forms/
            run.problem(
                name, number, f"模板“{values['template']}”不存在（forms 文件夹中没有这张评价表）", "模板"
            )
            continue
        leaf = next((node for node in template.leaves() if node.key == values["item_key"]), None)
        if leaf is None:
            run.problem(name, number, f"评价表“{template.title}”中没有指标“{values['item_key']}”", "指标编号")
            continue
        leaf, group = groups.setdefault((card_id, leaf.key), (leaf, _ItemGroup(number)))
        _read_item_row(run, sheet, number, values, leaf, group)
    for leaf, group in groups.values():
        refused = _item_problem(leaf, group)
        if refused:
            run.problem(name, group.number, f"“{leaf.name}”：{refused}", "手工得分")
    _write_items(run, sheet, groups)


def _write_items(run: _Run, sheet: SheetRows, groups: dict) -> None:
    table = M.ScorecardItem.__table__
    stored = {
        (row["scorecard_id"], row["item_key"]): row
        for row in run.stored(table, table.c.scorecard_id.in_([card_id for card_id, _key in groups]))
    }
    changes = TableChanges(table)
    for key, (_leaf, group) in groups.items():
        values: dict[str, object] = {"inputs": group.json()} if "input" in sheet.fields else {}
        for field in ("manual_score", "manual_reason", "note"):
            if field in sheet.fields:
                values[field] = group.manual.get(field, None if field == "manual_score" else "")
        if key in stored:
            changes.change(stored[key]["id"], stored[key], values)
        else:
            changes.add({"scorecard_id": key[0], "item_key": key[1]} | values)
    run.finish(sheet, changes)


def _finding_notes(run: _Run, sheet: SheetRows) -> None:
    """A 说明 per rule and place; an empty 说明 removes the stored one (as clearing it in the window does)."""
    table = M.FindingNote.__table__
    query = select(table).where(table.c.department_id == run.department_id)
    stored = {(row.year, row.rule, row.place): row.id for row in run.connection.execute(query)}
    seen: dict[tuple, int] = {}
    writes = []
    for number, values in sheet.rows:
        key = (values["year"], values["rule"], values["place"])
        if key in seen:
            run.problem(sheet.spec.name, number, f"与第 {seen[key]} 行是同一处核对结果的说明", "位置")
            continue
        seen[key] = number
        note = (values.get("note") or "").strip()
        if len(note) > NOTE_LIMIT:
            run.problem(sheet.spec.name, number, f"最多 {NOTE_LIMIT} 字，现有 {len(note)} 字", "说明")
            continue
        writes.append((key, note))
    if not run.problems:
        now = datetime.now(UTC)
        for key, note in writes:
            if key in stored and not note:
                run.connection.execute(delete(table).where(table.c.id == stored[key]))
            elif key in stored:
                run.connection.execute(
                    update(table).where(table.c.id == stored[key]).values(note=note, updated_at=now)
                )
            elif note:
                values = dict(zip(("year", "rule", "place"), key, strict=True))
                run.connection.execute(
                    insert(table).values(
                        values | {"department_id": run.department_id, "note": note, "updated_at": now}
                    )
                )
    run.counts[sheet.spec.name] = (
        sum(key not in stored for key, note in writes if note),
        sum(key in stored for key, _ in writes),
        0,
    )
    run.step(len(sheet.rows))


ENTRY_HANDLERS = {
    S.PROJECT_EVALUATIONS.name: _project_evaluations,
    S.SCORECARDS.name: _scorecards,
    S.SCORECARD_ITEMS.name: _scorecard_items,
    S.FINDING_NOTES.name: _finding_notes,
}
