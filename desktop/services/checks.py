"""表间勾稽关系检查: the year's records and published figures through the rules of ``desktop.domain``.

``CheckService.run`` reads one department-year in one session, hands plain records to
``desktop.domain.cross_checks.run_checks`` and attaches the clerk's 说明 (``FindingNote``) to each
finding; ``set_note`` keeps a 说明 across runs, keyed by the rule and the place.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import Engine
from sqlmodel import Session, select

from desktop.domain.budget import VEHICLE_TYPES
from desktop.domain.check_projects import FundingRecord, IndicatorRecord, ManualScore, ProjectRecord
from desktop.domain.check_records import (
    Accounts,
    BalanceRecord,
    BasicRecord,
    CheckpointRecord,
    ExpenditureRecord,
    IncomeRecord,
    ThreePublicRecord,
    VehicleCounts,
)
from desktop.domain.check_tables import TableFigures
from desktop.domain.checks import SEVERITIES, Finding, Statement
from desktop.domain.cross_checks import run_checks
from desktop.domain.funding import sichuan_rows
from desktop.domain.self_evaluation import SelfEvaluationRules
from desktop.errors import UserInputError
from desktop.services.catalogue import FormCatalogue
from desktop.services.classification import CodeBook
from desktop.services.departments import department_info
from desktop.services.final_tables import year_facts
from desktop.services.project_read import ProjectDetail
from desktop.services.scoring import ScorecardResult, ScoringService
from desktop.storage.audit import track
from desktop.storage.models import (
    BalanceLine,
    BasicExpenditureLine,
    ExecutionCheckpoint,
    ExpenditureLine,
    FindingNote,
    IncomeLine,
    ReportedCount,
    StatedFigure,
    ThreePublicItem,
)

NOTE_LIMIT = 500


def _scoped(session: Session, table, department_id: int, year: int):
    return session.exec(select(table).where(table.department_id == department_id, table.year == year)).all()


def _income_by_source(lines) -> tuple[IncomeRecord, ...]:
    """One record per source: a source's lines by 功能分类 科目 (公开02表) add up to its 总表 row."""
    totals: dict[str, tuple[Decimal, Decimal]] = {}
    for line in lines:
        final, previous = totals.get(line.source, (Decimal("0.00"), Decimal("0.00")))
        totals[line.source] = (final + line.final_amount, previous + line.previous_final)
    return tuple(IncomeRecord(source, final, previous) for source, (final, previous) in totals.items())


def _balances_by_kind(lines) -> tuple[BalanceRecord, ...]:
    """One record per kind: the 总表 row adds a kind's lines of every fund."""
    totals: dict[str, Decimal] = {}
    for line in lines:
        totals[line.kind] = totals.get(line.kind, Decimal("0.00")) + line.final_amount
    return tuple(BalanceRecord(kind, final) for kind, final in totals.items())


def _vehicles(kept_rows, reported_rows) -> VehicleCounts | None:
    """The 公务用车保有量 of the 三公经费 and the vehicles by type, when any type is reported."""
    counts = {r.item: r.count for r in reported_rows if r.item in VEHICLE_TYPES}
    by_type = tuple((item, counts[item]) for item in VEHICLE_TYPES if item in counts)
    if not by_type:
        return None
    kept = sum(r.vehicles for r in kept_rows if r.item == "公务用车运行维护费")
    return VehicleCounts(kept, by_type)


def _accounts(session: Session, department_id: int, year: int) -> Accounts:
    def rows(table):
        return _scoped(session, table, department_id, year)

    return Accounts(
        income=_income_by_source(rows(IncomeLine)),
        expenditure=tuple(
            ExpenditureRecord(
                r.function_code, r.name, r.category, r.funding, r.final_amount, r.previous_final
            )
            for r in sorted(rows(ExpenditureLine), key=lambda r: (r.function_code, r.category, r.funding))
        ),
        balances=_balances_by_kind(rows(BalanceLine)),
        basic=tuple(
            BasicRecord(r.economic_code, r.funding, r.final_amount, r.previous_final, r.name)
            for r in rows(BasicExpenditureLine)
        ),
        three_public=tuple(
            ThreePublicRecord(r.item, r.final_amount, r.previous_final) for r in rows(ThreePublicItem)
        ),
        checkpoints=tuple(
            CheckpointRecord(r.month, r.cumulative_spending, r.budget_base)
            for r in sorted(rows(ExecutionCheckpoint), key=lambda r: r.month)
        ),
        vehicles=_vehicles(rows(ThreePublicItem), rows(ReportedCount)),
    )


def _project_records(details: list[ProjectDetail], rules: SelfEvaluationRules) -> list[ProjectRecord]:
    """The projects as the 项目绩效 tab reads them: the Sichuan form's rows (and any other source used)."""
    return [
        ProjectRecord(
            detail.code,
            detail.name,
            tuple(
                FundingRecord(f.source, f.adjusted_budget, f.executed) for f in sichuan_rows(detail.funding)
            ),
            tuple(
                IndicatorRecord(
                    row,
                    i.level1,
                    i.level2,
                    i.level3,
                    i.unit,
                    i.weight,
                    i.actual,
                    i.working if i.score is None else "",
                )
                for row, i in enumerate(detail.indicators, start=1)
            ),
            detail.execution_reason,
            rules=rules,
        )
        for detail in details
    ]


def _project_manual_scores(details: list[ProjectDetail]) -> list[ManualScore]:
    manual = []
    for evaluation in details:
        label, code = f"项目 {evaluation.name}", evaluation.code
        if evaluation.execution_manual_score is not None:
            manual.append(
                ManualScore(
                    f"{label} · 预算执行 · 得分",
                    {"tab": "项目绩效", "project": code, "row": "总额", "column": "得分"},
                    evaluation.scores.execution_formula_score,
                    evaluation.execution_manual_score,
                    evaluation.execution_manual_reason,
                )  # fmt: skip
            )
        for row, indicator in enumerate(evaluation.indicators):
            if indicator.manual_score is not None and indicator.formula_score is not None:
                manual.append(
                    ManualScore(
                        f"{label} · 绩效指标第{row + 1}行 · 得分",
                        {"tab": "项目绩效", "project": code, "row": row, "column": "得分"},
                        indicator.formula_score,
                        indicator.manual_score,
                        indicator.manual_reason,
                    )  # fmt: skip
                )
    return manual


def _scorecard_manual_scores(cards: list[ScorecardResult]) -> list[ManualScore]:
    manual = []
    for card in cards:
        owner = f"项目 {card.project_name} 评价表" if card.project_id else "部门整体评价表"
        for line in card.lines:
            if line.is_leaf and line.formula_score is not None and line.manual_score is not None:
                manual.append(
                    ManualScore(
                        f"{owner} · {line.name} · 得分",
                        {
                            "tab": "评价打分",
                            "scorecard": card.scorecard_id,
                            "item": line.key,
                            "column": "手工得分",
                        },
                        line.formula_score,
                        line.manual_score,
                        line.manual_reason,
                    )  # fmt: skip
                )
    return manual


class CheckService:
    """Runs the cross-table checks of a department-year and keeps the clerk's 说明 on findings."""

    def __init__(
        self, engine: Engine, scoring: ScoringService | None = None, catalogue: FormCatalogue | None = None
    ) -> None:
        self._engine = engine
        self._catalogue = catalogue or FormCatalogue()
        self._scoring = scoring or ScoringService(engine, self._catalogue)  # the templates parsed once
        self._codes = CodeBook(engine)

    def _tables(
        self, session: Session, department_id: int, year: int, statements: list[Statement]
    ) -> list[TableFigures]:
        """The published tables some of whose cells are stated (an imported workbook's 合计 …),
        computed from the year's lines; the others are not computed (nothing of them to check)."""
        numbers = {
            key.split("·")[0]
            for key in (s.key for s in statements)
            if key.startswith("公开") and key.count("·") == 2
        }
        if not numbers:
            return []
        table_set = self._catalogue.table_set(department_info(self._engine, department_id).province, year)
        facts, line_names = year_facts(session, department_id, year)
        edition = self._codes.edition(department_id, year)
        names = {**edition.function, **edition.economic, **line_names}
        return [TableFigures.of(table, facts, names) for table in table_set.tables if table.number in numbers]

    def run(self, department_id: int, year: int) -> list[Finding]:
        with Session(self._engine) as session:
            accounts = _accounts(session, department_id, year)
            statements = [
                Statement(row.key, row.amount, row.percent, row.source)
                for row in _scoped(session, StatedFigure, department_id, year)
            ]
            notes = {
                (row.rule, row.place): row.note for row in _scoped(session, FindingNote, department_id, year)
            }
            tables = self._tables(session, department_id, year, statements)
        details = self._scoring.project_evaluations(department_id, year)
        projects = _project_records(details, self._scoring.self_evaluation_rules(department_id, year))
        manual = _project_manual_scores(details)
        manual += _scorecard_manual_scores(self._scoring.year_scorecards(department_id, year, details))
        edition = self._codes.edition(department_id, year)
        findings = run_checks(accounts, projects, statements, manual, edition, tables)
        return [replace(finding, note=notes.get(finding.identity(), "")) for finding in findings]

    def set_note(self, department_id: int, year: int, rule: str, place_key: str, note: str) -> None:
        """Keep (or, when empty, drop) the clerk's 说明 on the finding ``rule`` at ``place_key``."""
        note = note.strip()
        if len(note) > NOTE_LIMIT:
            raise UserInputError(f"说明：最多 {NOTE_LIMIT} 字，现有 {len(note)} 字")
        with track(Session(self._engine)) as session:
            row = session.exec(
                select(FindingNote).where(
                    FindingNote.department_id == department_id,
                    FindingNote.year == year,
                    FindingNote.rule == rule,
                    FindingNote.place == place_key,
                )
            ).first()
            if not note:
                if row is not None:
                    session.delete(row)
            elif row is None:
                session.add(
                    FindingNote(
                        department_id=department_id,
                        year=year,
                        rule=rule,
                        place=place_key,
                        note=note,
                        updated_at=datetime.now(UTC),
                    )  # fmt: skip
                )
            else:
                row.note, row.updated_at = note, datetime.now(UTC)
                session.add(row)
            session.commit()


def findings_json(findings: list[Finding]) -> dict:
    """The ``ziping-cli check --json`` shape."""
    return {
        "findings": [
            {
                "rule": finding.rule,
                "severity": finding.severity,
                "message": finding.message,
                "where": finding.where,
                "place": finding.place,
                "expected": finding.expected,
                "actual": finding.actual,
                "note": finding.note,
            }
            for finding in findings
        ]
    }


def format_findings(department_name: str, year: int, findings: list[Finding]) -> str:
    """The ``ziping-cli check`` text: a count by severity, then one block per finding."""
    counts = "，".join(
        f"{severity} {sum(1 for finding in findings if finding.severity == severity)} 条"
        for severity in SEVERITIES
    )
    lines = [f"{department_name} {year} 年表间勾稽关系检查：{counts}"]
    for number, finding in enumerate(findings, start=1):
        lines.append(f"{number}. [{finding.severity}] {finding.rule} {finding.where}")
        lines.append(f"   {finding.message}")
        if finding.note:
            lines.append(f"   说明：{finding.note}")
    return "\n".join(lines)
