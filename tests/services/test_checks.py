"""Cross-table checks on the sample: what the seed itself gets wrong, and one break at a time."""

import json
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from desktop.cli import main
from desktop.services.checks import CheckService
from desktop.storage.database import open_database
from desktop.storage.models import (
    BasicExpenditureLine,
    Department,
    ExecutionCheckpoint,
    ExpenditureLine,
    Indicator,
    Project,
    ProjectFunding,
    ThreePublicItem,
)

RECEPTION = "51090322T000000344322"  # 接访工作（到京到蓉）工作经费
YEAR = 2023


@pytest.fixture
def sample(sample_path):
    engine = open_database(sample_path)
    with Session(engine) as session:
        department_id = session.exec(select(Department)).one().id
    yield engine, department_id
    engine.dispose()


def identities(findings):
    return {
        (finding.rule, json.dumps(finding.place, ensure_ascii=False, sort_keys=True)) for finding in findings
    }


def place(**keys) -> str:
    return json.dumps(keys, ensure_ascii=False, sort_keys=True)


def test_the_seeds_own_inconsistencies_are_reported(sample):
    engine, department_id = sample
    findings = {(f.rule, f.where): f for f in CheckService(engine).run(department_id, YEAR)}
    # 411.94 / 416.18 = 98.98%, printed 98.79%.
    share = findings["V16", "支出 · 一般公共预算财政拨款支出 · 占比"]
    assert (share.severity, share.expected, share.actual) == ("确定", "98.98%", "98.79%")
    # 416.18 − 491.03 = −74.85, printed −79.09 (and 416.18 + 79.09 = 495.27 ≠ 491.03).
    change = findings["V17", "支出决算总额 · 比上年"]
    assert (change.expected, change.actual) == ("-74.85", "-79.09")
    # 维稳专项经费: 16.71 / 20.62 = 81.038% → 81.04%, the 自评表 prints 81.03%.
    rate = findings["V16", "项目 维稳专项经费 · 预算执行率"]
    assert (rate.expected, rate.actual) == ("81.04%", "81.03%")
    assert rate.place == {
        "tab": "项目绩效",
        "project": "51090322T000005724034",
        "row": "总额",
        "column": "预算执行率",
    }
    # 处非 117.65 / 131.65 = 89.37% < 90% and the 自评表 gives no reason.
    assert findings["P2", "项目 处非专项经费 · 预算执行 · 原因"].actual == "89.37%"
    # The seven projects' 执行数: 21.53 + 117.65 + 20.82 + 16.71 + 1.95 + 0.84 + 20 = 199.50 against
    # 项目支出 198.24.
    total = findings["V19", "项目 · 预算执行数合计"]
    assert (total.severity, total.expected, total.actual) == ("疑似", "198.24", "199.50")
    # The same figure printed twice: 基本支出 216.38 and 216.37, 人员经费 183.57 and 183.56.
    assert findings["S2", "绩效报告 · 财政拨款基本支出"].actual == "216.37"
    assert findings["S2", "绩效报告 · 人员经费"].actual == "183.56"


BREAKS = {
    "支出项的决算": (
        lambda session: _change(
            session.exec(
                select(ExpenditureLine).where(
                    ExpenditureLine.function_code == "2010301",
                    ExpenditureLine.funding == "一般公共预算财政拨款",
                )
            ).one(),
            "final_amount",
            Decimal("10000.00"),
        ),
        ("S1", place(tab="预算决算", function_code="2010301", column="决算")),
    ),
    "项目的执行数": (
        lambda session: _change(
            session.exec(
                select(ProjectFunding)
                .join(Project, Project.id == ProjectFunding.project_id)
                .where(Project.code == RECEPTION, ProjectFunding.source == "财政资金")
            ).one(),
            "executed",
            Decimal("-5300.00"),
        ),
        ("S1", place(tab="项目绩效", project=RECEPTION, row="财政资金", column="预算执行数")),
    ),
    "三公经费的一项": (
        lambda session: _change(
            session.exec(select(ThreePublicItem).where(ThreePublicItem.item == "国内公务接待费")).one(),
            "final_amount",
            Decimal("1300.00"),
        ),
        ("S1", place(tab="预算决算", section="三公经费", item="国内公务接待费", column="决算")),
    ),
    "指标的权重": (
        lambda session: _change(
            session.exec(
                select(Indicator)
                .join(Project, Project.id == Indicator.project_id)
                .where(Project.code == RECEPTION, Indicator.manual_score.is_(None))
                .order_by(Indicator.position)
            ).first(),
            "weight",
            Decimal(2),
        ),
        ("P1", place(tab="项目绩效", project=RECEPTION, column="权重")),
    ),
    "执行进度的检查点": (
        lambda session: _change(
            session.exec(select(ExecutionCheckpoint).where(ExecutionCheckpoint.month == 9)).one(),
            "cumulative_spending",
            Decimal("252000.00"),  # 274.80 → 300.00 万元: 72.08% against the printed 66.03%
        ),
        ("S1", place(tab="预算决算", section="执行进度", month=9, column="累计支出")),
    ),
    # 30217 公务接待费 0.37 → 0.47 万元 with 公用经费 unchanged: only V15 sees it
    "三公与经济分类不符": (
        lambda session: _move(session, "30201", "30217", Decimal("1000.00")),
        ("V15", place(tab="预算决算", economic_code="30217", column="决算")),
    ),
    # the same line 1 万元 higher alone: 公用经费 33.81 no longer matches its published 32.81 (beyond
    # ±0.01 per line), that finding covers the line and V15 stays silent
    "基本支出的经济分类行": (
        lambda session: _change(_basic(session, "30217"), "final_amount", Decimal("10000.00")),
        ("S1", place(tab="预算决算", section="基本支出", column="公用经费")),
    ),
}


def _change(row, field: str, by: Decimal):
    setattr(row, field, getattr(row, field) + by)
    return row


def _basic(session, code: str) -> BasicExpenditureLine:
    return session.exec(select(BasicExpenditureLine).where(BasicExpenditureLine.economic_code == code)).one()


def _move(session, source: str, target: str, amount: Decimal) -> BasicExpenditureLine:
    """Book ``amount`` of one economic line's 决算 under another (a misclassification)."""
    session.add(_change(_basic(session, source), "final_amount", -amount))
    return _change(_basic(session, target), "final_amount", amount)


@pytest.mark.parametrize("name", BREAKS)
def test_one_break_is_reported_exactly_once_at_its_place(sample, name):
    engine, department_id = sample
    service = CheckService(engine)
    before = identities(service.run(department_id, YEAR))
    breaking, expected = BREAKS[name]
    with Session(engine) as session:
        session.add(breaking(session))
        session.commit()
    after = identities(service.run(department_id, YEAR))
    assert after - before == {expected}
    assert before - after == set()


def test_the_clerks_note_is_kept_across_runs(sample):
    engine, department_id = sample
    service = CheckService(engine)
    finding = next(f for f in service.run(department_id, YEAR) if f.rule == "P2")
    service.set_note(department_id, YEAR, finding.rule, finding.place_key, "  年底部分资金未支付  ")
    again = next(f for f in service.run(department_id, YEAR) if f.identity() == finding.identity())
    assert again.note == "年底部分资金未支付"
    service.set_note(department_id, YEAR, finding.rule, finding.place_key, "")
    assert next(f for f in service.run(department_id, YEAR) if f.identity() == finding.identity()).note == ""


def test_check_command_json_and_text(sample_path, capsys):
    assert main(["check", "--db", str(sample_path), "--year", "2023", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    first = payload["findings"][0]
    assert set(first) >= {"rule", "severity", "message", "where", "expected", "actual"}
    assert {"V16", "V17", "V19", "P2"} <= {finding["rule"] for finding in payload["findings"]}
    assert main(["check", "--db", str(sample_path), "--year", "2023"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("遂宁市船山区信访局 2023 年表间勾稽关系检查：确定 ")
    assert "411.94 ÷ 416.18 = 98.98%" in text
