"""评价打分: the projects' 自评 scores and the scorecards (部门整体 and 项目), with manual scores.

Each action opens its own session and returns frozen dataclasses. Scores come from
``desktop.domain`` (scoring, scorecard_methods, scorecards); the templates from the form catalogue
(``services/catalogue.py``), chosen by the department's province and the year.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from desktop.domain.money import NumberFormatError, parse_quantity, percent_value
from desktop.domain.scorecard_methods import method_inputs
from desktop.domain.scorecards import InputValue, LeafEntry, ScorecardLine, input_label, score_scorecard
from desktop.domain.scoring import check_manual_score
from desktop.domain.self_evaluation import SelfEvaluationRules
from desktop.domain.templates import Template
from desktop.errors import UserInputError
from desktop.services.catalogue import DEPARTMENT, PROJECT, FormCatalogue
from desktop.services.project_read import ProjectDetail, SelfEvaluationTemplates, read_project, read_projects
from desktop.services.scorecard_inputs import check_input
from desktop.services.scorecard_sources import SourceReader
from desktop.storage.audit import track
from desktop.storage.models import Department, Project, Scorecard, ScorecardItem, saved_id


@dataclass(frozen=True)
class ScorecardChoice:
    """One scorecard of the year, as the 评价打分 tab lists it."""

    id: int
    title: str
    template: str
    project_id: int | None
    project_code: str
    project_name: str


@dataclass(frozen=True)
class ScorecardResult:
    scorecard_id: int
    template: str
    title: str
    project_id: int | None
    project_code: str
    project_name: str
    lines: tuple[ScorecardLine, ...]
    total: Decimal
    full_marks: Decimal
    percentage: Decimal | None  # 百分制 score the grade is given on (84.60 of 90 → 94.00)
    grade: str
    warnings: tuple[str, ...]

    def line(self, key: str) -> ScorecardLine:
        return next(line for line in self.lines if line.key == key)

    def to_json(self) -> dict:
        def item(line: ScorecardLine) -> dict:
            return {
                "key": line.key,
                "name": line.name,
                "weight": line.weight,
                "method": line.method_label,
                "inputs": {value.name: value.value for value in line.inputs},
                "formula_score": line.formula_score,
                "manual_score": line.manual_score,
                "manual_reason": line.manual_reason if line.manual_score is not None else "",
                "score": line.score,
                "working": line.working,
                "flagged": line.flagged,
            }

        return {
            "title": self.title,
            "template": self.template,
            "items": [item(line) for line in self.lines if line.is_leaf],
            "headings": [
                {"key": line.key, "name": line.name, "weight": line.weight, "score": line.score}
                for line in self.lines
                if not line.is_leaf
            ],
            "total": self.total,
            "full_marks": self.full_marks,
            "percentage": self.percentage,
            "grade": self.grade,
            "warnings": list(self.warnings),
        }


def _year_cards(session: Session, department_id: int, year: int):
    """The year's scorecards with their projects: the department's first, then by 项目编码."""
    return session.exec(
        select(Scorecard, Project)
        .join(Project, col(Project.id) == col(Scorecard.project_id), isouter=True)
        .where(Scorecard.department_id == department_id, Scorecard.year == year)
        .order_by(col(Scorecard.project_id).is_not(None), col(Project.code))
    ).all()


def _stored_inputs(item: ScorecardItem | None) -> dict:
    if item is None or not item.inputs.strip():
        return {}
    return json.loads(item.inputs)


class ScoringService:
    def __init__(self, engine: Engine, catalogue: FormCatalogue | None = None):
        self._engine = engine
        self.catalogue = catalogue or FormCatalogue()
        self._self_evaluations = SelfEvaluationTemplates(self.catalogue)

    def template(self, template_id: str) -> Template:
        """A template of the catalogue, validated; a broken one is a UserInputError naming file, item and field."""
        return self.catalogue.template(template_id)

    def _chosen(self, session: Session, kind: str, department_id: int, year: int) -> Template | None:
        department = session.get(Department, department_id)
        return self.catalogue.choose(kind, department.province if department else "", year)

    # 项目自评 ------------------------------------------------------------------------------------

    def self_evaluation_rules(self, department_id: int, year: int) -> SelfEvaluationRules:
        """The 自评表 template's figures for the department (by its province) and the year."""
        with Session(self._engine) as session:
            return self._self_evaluations.rules(session, department_id, year)

    def project_evaluations(self, department_id: int, year: int) -> list[ProjectDetail]:
        """Every project of the year, read and scored as the 项目绩效 tab shows it."""
        with Session(self._engine) as session:
            template = self._self_evaluations.template(session, department_id, year)
            return read_projects(session, department_id, year, template)

    # 评价指标体系 --------------------------------------------------------------------------------

    def scorecards(self, department_id: int, year: int) -> list[ScorecardChoice]:
        with Session(self._engine) as session:
            rows = _year_cards(session, department_id, year)
            return [
                ScorecardChoice(
                    saved_id(card),
                    card.title or self.template(card.template).title,
                    card.template,
                    card.project_id,
                    project.code if project else "",
                    project.name if project else "",
                )
                for card, project in rows
            ]

    def create_scorecard(
        self, department_id: int, year: int, template_id: str, project_id: int | None = None, title: str = ""
    ) -> int:
        template = self.template(template_id)
        with track(Session(self._engine)) as session:
            card = Scorecard(
                department_id=department_id,
                year=year,
                template=template_id,
                title=title or template.title,
                project_id=project_id,
            )
            session.add(card)
            session.commit()
            return saved_id(card)

    def creatable_scorecards(self, department_id: int, year: int) -> list[ScorecardChoice]:
        """The scorecards not yet made (id 0): the department's, and one for each project without one,
        from the templates the catalogue has for the department's province and the year (none: none)."""
        made = self.scorecards(department_id, year)
        choices = []
        with_card = {choice.project_id for choice in made}
        with Session(self._engine) as session:
            department_template = self._chosen(session, DEPARTMENT, department_id, year)
            project_template = self._chosen(session, PROJECT, department_id, year)
            projects = session.exec(
                select(Project)
                .where(Project.department_id == department_id, Project.year == year)
                .order_by(Project.code)
            ).all()
        if department_template is not None and None not in with_card:
            title, template_id = department_template.title, department_template.id
            choices.append(ScorecardChoice(0, title, template_id, None, "", ""))
        if project_template is not None:
            title, template_id = project_template.title, project_template.id
            choices += [
                ScorecardChoice(0, f"{title}（{p.name}）", template_id, p.id, p.code, p.name)
                for p in projects
                if p.id not in with_card
            ]
        return choices

    def delete_scorecard(self, scorecard_id: int) -> None:
        """Remove a scorecard and what was entered in it (the undo of creating one)."""
        with track(Session(self._engine)) as session:
            session.delete(self._card(session, scorecard_id))
            session.commit()

    def department_scorecard(self, department_id: int, year: int) -> ScorecardResult | None:
        with Session(self._engine) as session:
            card = session.exec(
                select(Scorecard)
                .where(
                    Scorecard.department_id == department_id,
                    Scorecard.year == year,
                    col(Scorecard.project_id).is_(None),
                )
                .order_by(col(Scorecard.id))
            ).first()
            return None if card is None else self._result(session, card)

    def project_scorecard(self, project_id: int) -> ScorecardResult | None:
        with Session(self._engine) as session:
            card = session.exec(
                select(Scorecard).where(Scorecard.project_id == project_id).order_by(col(Scorecard.id))
            ).first()
            return None if card is None else self._result(session, card)

    def project_scorecards(
        self, department_id: int, year: int, projects: Sequence[ProjectDetail]
    ) -> dict[int, ScorecardResult]:
        """The scorecard of each project of the year that has one (its first, as ``project_scorecard``),
        by project id, in one session; ``projects`` are the year's projects as already read."""
        by_id = {project.id: project for project in projects}
        with Session(self._engine) as session:
            year_ids = select(Project.id).where(Project.department_id == department_id, Project.year == year)
            cards: dict[int, Scorecard] = {}
            for card in session.exec(
                select(Scorecard).where(col(Scorecard.project_id).in_(year_ids)).order_by(col(Scorecard.id))
            ):
                cards.setdefault(card.project_id or 0, card)
            return {
                project_id: self._result(session, card, by_id.get(project_id))
                for project_id, card in cards.items()
            }

    def year_scorecards(
        self, department_id: int, year: int, projects: Sequence[ProjectDetail]
    ) -> list[ScorecardResult]:
        """Every scorecard of the year, in the order ``scorecards`` lists them, scored in one session;
        ``projects`` are the year's projects as already read."""
        by_id = {project.id: project for project in projects}
        with Session(self._engine) as session:
            return [
                self._result(session, card, by_id.get(card.project_id or 0))
                for card, _project in _year_cards(session, department_id, year)
            ]

    def scorecard(self, scorecard_id: int) -> ScorecardResult:
        with Session(self._engine) as session:
            return self._result(session, self._card(session, scorecard_id))

    def _card(self, session: Session, scorecard_id: int) -> Scorecard:
        card = session.get(Scorecard, scorecard_id)
        if card is None:
            raise UserInputError(f"评价表（编号 {scorecard_id}）不存在")
        return card

    def _result(
        self, session: Session, card: Scorecard, detail: ProjectDetail | None = None
    ) -> ScorecardResult:
        """The card scored; ``detail`` is its project when the caller has read it already."""
        template = self.template(card.template)
        items = {
            item.item_key: item
            for item in session.exec(select(ScorecardItem).where(ScorecardItem.scorecard_id == card.id))
        }
        if detail is None and card.project_id:
            project = session.get(Project, card.project_id)
            if project is not None:
                detail = read_project(
                    session,
                    project,
                    self._self_evaluations.template(session, project.department_id, project.year),
                )
        reader = SourceReader(self._engine, session, card.department_id, card.year, detail)
        entries = {}
        for node in template.leaves():
            item = items.get(node.key)
            stored = _stored_inputs(item)
            sources = {**node.sources, **stored.get("_sources", {})}
            inputs = {}
            assert node.method is not None, "every leaf names its method (checked when the template is read)"
            for name in method_inputs(node.method, node.params):
                found = reader.read(sources[name]) if name in sources else None
                if found is not None:
                    inputs[name] = InputValue(name, input_label(name), found[0], found[1])
                elif str(stored.get(name, "")).strip():
                    inputs[name] = InputValue(name, input_label(name), str(stored[name]), "录入")
            entries[node.key] = LeafEntry(
                inputs, item.manual_score if item else None, item.manual_reason if item else ""
            )
        scored = score_scorecard(template, entries)
        return ScorecardResult(
            scorecard_id=saved_id(card),
            template=card.template,
            title=card.title or template.title,
            project_id=card.project_id,
            project_code=detail.code if detail else "",
            project_name=detail.name if detail else "",
            lines=scored.lines,
            total=scored.total,
            full_marks=scored.full_marks,
            percentage=scored.percentage,
            grade=scored.grade,
            warnings=template.warnings,
        )

    # 录入 ------------------------------------------------------------------------------------------

    def _item(self, session: Session, card: Scorecard, item_key: str) -> ScorecardItem:
        item = session.exec(
            select(ScorecardItem).where(
                ScorecardItem.scorecard_id == card.id, ScorecardItem.item_key == item_key
            )
        ).first()
        return item or ScorecardItem(scorecard_id=saved_id(card), item_key=item_key)

    def _leaf(self, card: Scorecard, item_key: str):
        template = self.template(card.template)
        leaf = next((node for node in template.leaves() if node.key == item_key), None)
        if leaf is None:
            raise UserInputError(f"评价表“{template.title}”中没有指标“{item_key}”")
        return leaf

    def set_input(self, scorecard_id: int, item_key: str, name: str, value: str) -> ScorecardResult:
        """Save one typed input of a leaf (empty clears it); refused with the field named when unreadable."""
        with track(Session(self._engine)) as session:
            card = self._card(session, scorecard_id)
            leaf = self._leaf(card, item_key)
            if name not in method_inputs(leaf.method, leaf.params):
                raise UserInputError(f"“{leaf.name}”没有输入项“{name}”")
            text = value.strip()
            if text:
                check_input(leaf, name, text)
            item = self._item(session, card, item_key)
            stored = _stored_inputs(item)
            if text:
                stored[name] = text
            else:
                stored.pop(name, None)
            item.inputs = json.dumps(stored, ensure_ascii=False) if stored else ""
            session.add(item)
            session.commit()
            return self._result(session, card)

    def set_manual_score(
        self, scorecard_id: int, item_key: str, score: str | Decimal | None, reason: str
    ) -> ScorecardResult:
        """Give a leaf a manual score with its reason, or clear the score (empty or None), keeping ``reason``."""
        with track(Session(self._engine)) as session:
            card = self._card(session, scorecard_id)
            leaf = self._leaf(card, item_key)
            item = self._item(session, card, item_key)
            if score is None or (isinstance(score, str) and not score.strip()):
                item.manual_score, item.manual_reason = None, reason.strip()
            else:
                value = _manual_value(leaf.name, score)
                inputs = {
                    entry.name: entry.value for entry in self._result(session, card).line(item_key).inputs
                }
                nature = "定性" if leaf.method == "qualitative" else inputs.get("nature", "")
                refused = check_manual_score(
                    value,
                    leaf.weight,
                    nature=nature,
                    actual=inputs.get("actual", ""),
                    target=inputs.get("target", ""),
                )
                if refused:
                    raise UserInputError(f"“{leaf.name}”：{refused}")
                if not reason.strip():
                    raise UserInputError(f"“{leaf.name}”的手工得分需要填写理由")
                item.manual_score, item.manual_reason = value, reason.strip()
            session.add(item)
            session.commit()
            return self._result(session, card)

    def set_manual_reason(self, scorecard_id: int, item_key: str, reason: str) -> ScorecardResult:
        """Change the reason alone; a manual score cannot be left without one."""
        with track(Session(self._engine)) as session:
            card = self._card(session, scorecard_id)
            leaf = self._leaf(card, item_key)
            item = self._item(session, card, item_key)
            if item.manual_score is not None and not reason.strip():
                raise UserInputError(f"“{leaf.name}”的手工得分需要填写理由；要取消手工得分，请先清空手工得分")
            item.manual_reason = reason.strip()
            session.add(item)
            session.commit()
            return self._result(session, card)

    def item_state(self, scorecard_id: int, item_key: str) -> tuple[dict, Decimal | None, str]:
        """The typed inputs, manual score and reason of a leaf, to undo a change."""
        with Session(self._engine) as session:
            item = self._item(session, self._card(session, scorecard_id), item_key)
            return _stored_inputs(item), item.manual_score, item.manual_reason


def _manual_value(name: str, score: str | Decimal) -> Decimal:
    try:
        return parse_quantity(score)
    except NumberFormatError as error:
        raise UserInputError(f"“{name}”的手工得分：{error}") from error


def score_report(service: ScoringService, department_id: int, year: int) -> dict:
    """What ``ziping-cli score --json`` prints: each project's 自评 and scorecard, the department's card."""
    projects = []
    details = service.project_evaluations(department_id, year)
    cards = service.project_scorecards(department_id, year, details)
    for project in details:
        scores = project.scores
        entry = {
            "code": project.code,
            "name": project.name,
            "self_evaluation": {
                "execution_rate": percent_value(project.total.execution_rate),
                "execution_score": scores.execution_score,
                "indicator_score": None if scores.total is None else scores.indicator_score,
                "indicators": [
                    {
                        "name": row.level3,
                        "score": row.score,
                        "pending": row.score is None,
                        "working": row.working,
                    }
                    for row in project.indicators
                ],
                "total": scores.total,
                "grade": scores.grade,
                "final": scores.evaluated and not scores.draft_reasons,
                "note": scores.note,
                "warnings": [
                    *scores.weights.texts,
                    *(
                        f"指标“{row.level3}”待评：{row.working}"
                        for row in project.indicators
                        if row.score is None
                    ),
                ],
            },
        }
        card = cards.get(project.id)
        if card is not None:
            entry["scorecard"] = card.to_json()
        projects.append(entry)
    department = service.department_scorecard(department_id, year)
    return {"year": year, "projects": projects, "department": department.to_json() if department else None}
