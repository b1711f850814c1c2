"""Review fixes on the sample: projects without a 绩效目标表 are not self-evaluated, scorecards are
graded on their 百分制 score, the clerk sees no developer jargon, an empty year is refused."""

import json
import shutil
from decimal import Decimal as D

import pytest
from sqlmodel import Session, select

from desktop.cli import main
from desktop.domain.funding import FundingRow
from desktop.domain.self_evaluation import SelfEvaluationRules, evaluate
from desktop.errors import UserInputError
from desktop.services.budget import BudgetService
from desktop.services.checks import CheckService
from desktop.services.overview import key_figures
from desktop.services.pdf_export import PdfExportService
from desktop.services.projects import ProjectService
from desktop.services.register import RegisterService
from desktop.services.scoring import ScoringService
from desktop.storage.database import open_database
from desktop.storage.models import Project, ScorecardItem

NOT_EVALUATED = ("春节慰问", "市级信访专项经费")  # the sample's two projects without indicators
SPRING = "51090322T000007311205"  # 春节慰问


@pytest.fixture
def sample(sample_original, db_path):
    shutil.copyfile(sample_original, db_path)
    engine = open_database(db_path)
    yield engine
    engine.dispose()


def test_no_indicators_no_total_and_no_grade():
    scores = evaluate(
        "慰问", [FundingRow("财政资金", D("2"), D("2"), D("2"))], [], None, SelfEvaluationRules()
    )
    assert (scores.total, scores.grade, scores.evaluated) == (None, None, False)
    assert scores.note == "未编制绩效目标表，不做自评"
    assert scores.total_funding.execution_rate == 1  # the rate is still worked out
    assert scores.execution_score == D("10.00")


def test_the_sample_projects_without_indicators_are_not_self_evaluated(sample):
    evaluations = {e.name: e for e in ScoringService(sample).project_evaluations(1, 2023)}
    for name in NOT_EVALUATED:
        found = evaluations[name].scores
        assert (found.total, found.grade, found.note) == (None, None, "未编制绩效目标表，不做自评")
        assert evaluations[name].total.execution_rate == 1
        assert found.weights.problems == ()  # no “权重合计0分”
    # 8.94 + 88.50 = 97.44
    found = evaluations["处非专项经费"].scores
    assert (found.total, found.grade) == (D("97.44"), "优")
    rows = {row.name: row for row in ProjectService(sample).list(1, 2023)}
    assert [(rows[name].score, rows[name].grade) for name in NOT_EVALUATED] == [(None, ""), (None, "")]


def test_cli_score_says_so_and_json_gives_null(sample, db_path, capsys):
    assert main(["score", "--db", str(db_path), "--year", "2023"]) == 0
    out = capsys.readouterr().out
    assert "  春节慰问：执行率 100.00%，未编制绩效目标表，不做自评\n" in out
    assert "  市级信访专项经费：执行率 100.00%，未编制绩效目标表，不做自评\n" in out
    assert "权重合计0分" not in out and "10.00 + 0.00" not in out
    assert main(["score", "--db", str(db_path), "--year", "2023", "--json"]) == 0
    projects = {p["name"]: p["self_evaluation"] for p in json.loads(capsys.readouterr().out)["projects"]}
    own = projects["春节慰问"]
    assert (own["total"], own["grade"], own["execution_rate"], own["warnings"]) == (None, None, 100.0, [])
    assert (projects["维稳专项经费"]["total"], projects["维稳专项经费"]["grade"]) == (88.1, "良")


def test_the_overview_average_counts_only_self_evaluated_projects(sample):
    figures = {
        figure.label: figure
        for figure in key_figures(
            BudgetService(sample), ScoringService(sample), RegisterService(sample), 1, 2023
        )
    }
    # (100.00 + 97.44 + 100.00 + 88.10 + 100.00) ÷ 5 = 97.108 → 97.11
    average = figures["项目自评平均得分"]
    assert (average.value, average.detail) == ("97.11", "5 个项目")


def test_checks_do_not_report_weights_of_projects_without_indicators(sample):
    findings = CheckService(sample).run(1, 2023)
    for name in NOT_EVALUATED:
        about = [f for f in findings if name in f.message]
        assert not [f for f in about if "权重" in f.message]
        noted = [f for f in about if "未编制绩效目标表" in f.message]
        assert len(noted) <= 1 and all(f.severity == "提示" for f in noted)


@pytest.mark.parametrize(
    ("form", "title"), [("self-eval", "项目支出绩效自评表"), ("targets", "项目绩效目标表")]
)
def test_no_pdf_form_for_a_project_without_indicators(sample, tmp_path, form, title):
    out = tmp_path / "春节慰问.pdf"
    with pytest.raises(UserInputError) as error:
        PdfExportService(sample).export(1, 2023, form, out, SPRING)
    assert str(error.value) == f"项目“春节慰问”未编制绩效目标表，不做自评，没有“{title}”可导出"
    assert not out.exists()


def test_cli_export_pdf_refuses_a_project_without_indicators(sample, db_path, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    args = ["export-pdf", "--db", str(db_path), "--year", "2023", "--form", "targets"]
    assert main([*args, "--project", SPRING, "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        "ziping-cli: 项目“春节慰问”未编制绩效目标表，不做自评，没有“项目绩效目标表”可导出\n"
    )


def test_scorecards_are_graded_on_their_percentage(sample, db_path, capsys):
    service = ScoringService(sample)
    card = service.department_scorecard(1, 2023)
    # 84.60 ÷ 90 × 100 = 94.00 → 优 (S9: 按百分制折算)
    assert (card.total, card.full_marks, card.percentage, card.grade) == (D("84.60"), D(90), D("94.00"), "优")
    stability = next(c for c in service.scorecards(1, 2023) if c.project_name == "维稳专项经费")
    project_card = service.scorecard(stability.id)
    # 96.50 ÷ 103 × 100 = 93.689… → 93.69 → 优
    assert (project_card.total, project_card.full_marks, project_card.percentage) == (
        D("96.50"),
        D(103),
        D("93.69"),
    )
    assert main(["score", "--db", str(db_path), "--year", "2023"]) == 0
    out = capsys.readouterr().out
    assert "  合计 84.60 分（满分 90 分，折合百分制 94.00 分）等级：优\n" in out
    assert "维稳专项经费）：96.50 分（满分 103 分，折合百分制 93.69 分）等级：优\n" in out
    assert main(["score", "--db", str(db_path), "--year", "2023", "--json"]) == 0
    department = json.loads(capsys.readouterr().out)["department"]
    assert (department["total"], department["percentage"], department["grade"]) == (84.6, 94.0, "优")


def test_the_sample_reasons_speak_as_a_clerk(sample):
    with Session(sample) as session:
        reasons = [item.manual_reason for item in session.exec(select(ScorecardItem)) if item.manual_reason]
        reasons += [
            p.execution_manual_reason for p in session.exec(select(Project)) if p.execution_manual_reason
        ]
    assert reasons and not [reason for reason in reasons if "种子" in reason]
    progress = ScoringService(sample).department_scorecard(1, 2023).line("progress")
    assert progress.manual_reason == (
        "原自评表自评得分9分（原自评表评价过程：9月支出66.03%，11月支出进度78.03%），未按目标进度比重计算"
    )


@pytest.mark.parametrize("command", ["score", "check"])
def test_a_year_without_data_is_refused(sample, db_path, capsys, command):
    assert main([command, "--db", str(db_path), "--year", "2019"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "ziping-cli: 遂宁市船山区信访局 2019 年没有数据（无项目、无预算决算数据、无评价表），请先录入或导入该年度数据\n"
    )
