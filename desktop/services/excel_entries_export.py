"""The rows of the sheets that carry what the clerk typed beside the figures, for one department and year.

项目自评 (the 自评表 texts, the signatories, the 预算执行 manual score), 评价表 and 评价打分 (each
scorecard, every typed input, where an input is read from, manual scores, reasons, notes) and
核对说明 (the clerk's 说明 on a finding). ``excel_entries`` reads them back.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from sqlalchemy import Connection, select

from desktop.domain.scorecards import input_label
from desktop.domain.templates import Template
from desktop.exchange import sheets as S
from desktop.exchange.sheets import SheetSpec
from desktop.services.catalogue import FormCatalogue
from desktop.storage import models as M

SOURCES_KEY = "_sources"  # where an input of a scorecard item is read from instead of the template's


SCORECARD_KINDS = ("department", "project")  # a template's kind: 部门整体 or 项目 scorecard


class ScorecardTemplates:
    """The scorecard templates of the form catalogue a sheet names (None: no such scorecard)."""

    def __init__(self, catalogue: FormCatalogue | None = None) -> None:
        self._catalogue = catalogue or FormCatalogue()

    def get(self, template_id: str) -> Template | None:
        template = self._catalogue.find(template_id)
        return template if template is not None and template.kind in SCORECARD_KINDS else None


def leaf_names(template_ids: set[str]) -> dict[tuple[str, str], str]:
    """(template, item key) → the item's name, for the 评价打分 sheet of an export."""
    templates = ScorecardTemplates()
    names = {}
    for template_id in template_ids:
        template = templates.get(template_id)
        for leaf in template.leaves() if template else ():
            names[(template_id, leaf.key)] = leaf.name
    return names


def _project_codes(connection: Connection, department_id: int, year: int) -> dict[int, str]:
    table = M.Project.__table__
    query = select(table.c.id, table.c.code).where(
        table.c.department_id == department_id, table.c.year == year
    )
    return dict(connection.execute(query).all())


def project_evaluation_rows(connection: Connection, department_id: int, year: int) -> list[Sequence]:
    table = M.Project.__table__
    fields = [column.field for column in S.PROJECT_EVALUATIONS.columns]
    query = select(table).where(table.c.department_id == department_id, table.c.year == year)
    return [
        [row._mapping[field] for field in fields] for row in connection.execute(query.order_by(table.c.id))
    ]


def _scorecards(connection: Connection, department_id: int, year: int):
    table = M.Scorecard.__table__
    query = select(table).where(table.c.department_id == department_id, table.c.year == year)
    return connection.execute(query.order_by(table.c.id)).all()


def scorecard_rows(connection: Connection, department_id: int, year: int) -> list[Sequence]:
    codes = _project_codes(connection, department_id, year)
    return [
        [year, codes.get(card.project_id, ""), card.template, card.title]
        for card in _scorecards(connection, department_id, year)
    ]


def item_entries(inputs_json: str) -> list[tuple[str, str, str]]:
    """(input, typed value, source) of a stored item, typed inputs first, in the order they were kept."""
    stored = json.loads(inputs_json) if inputs_json.strip() else {}
    sources = stored.pop(SOURCES_KEY, {})
    names = [*stored, *(name for name in sources if name not in stored)]
    return [(name, str(stored.get(name, "")), sources.get(name, "")) for name in names]


def scorecard_item_rows(
    connection: Connection, department_id: int, year: int, leaf_names: dict[tuple[str, str], str]
) -> Iterator[Sequence]:
    """One row per typed input; the manual score, its reason and the note on the item's first row.

    ``leaf_names`` maps (template, item key) to the item's name in its template (written for the reader).
    """
    codes = _project_codes(connection, department_id, year)
    items = M.ScorecardItem.__table__
    for card in _scorecards(connection, department_id, year):
        head = [year, codes.get(card.project_id, ""), card.template]
        query = select(items).where(items.c.scorecard_id == card.id).order_by(items.c.id)
        for item in connection.execute(query):
            name = leaf_names.get((card.template, item.item_key), "")
            entries = item_entries(item.inputs) or [("", "", "")]
            for index, (input_name, value, source) in enumerate(entries):
                scores = [item.manual_score, item.manual_reason, item.note] if index == 0 else [None, "", ""]
                label = input_label(input_name) if input_name else ""
                yield [*head, item.item_key, name, label, value, source, *scores]


def finding_note_rows(connection: Connection, department_id: int, year: int) -> list[Sequence]:
    table = M.FindingNote.__table__
    query = select(table).where(table.c.department_id == department_id, table.c.year == year)
    return [[year, row.rule, row.place, row.note] for row in connection.execute(query.order_by(table.c.id))]


def entry_tables(
    connection: Connection, department_id: int, year: int
) -> list[tuple[SheetSpec, list[Sequence]]]:
    """项目自评, 评价表, 评价打分, 核对说明 of one year, in the order of the workbook."""
    templates = {card.template for card in _scorecards(connection, department_id, year)}
    names = leaf_names(templates)
    return [
        (S.PROJECT_EVALUATIONS, project_evaluation_rows(connection, department_id, year)),
        (S.SCORECARDS, scorecard_rows(connection, department_id, year)),
        (S.SCORECARD_ITEMS, list(scorecard_item_rows(connection, department_id, year, names))),
        (S.FINDING_NOTES, finding_note_rows(connection, department_id, year)),
    ]
