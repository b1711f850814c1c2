"""ScoringService on the sample: the Done-when figures of issue 3, manual scores, typed inputs."""

import shutil
from decimal import Decimal as D

import pytest
from sqlmodel import Session, select

from desktop.cli import main
from desktop.errors import UserInputError
from desktop.services.catalogue import FormCatalogue
from desktop.services.sample_scorecards import add_sample_scorecards
from desktop.services.scoring import ScoringService
from desktop.storage.database import open_database
from desktop.storage.models import ExecutionCheckpoint, Project, Scorecard


@pytest.fixture
def sample(sample_original, db_path):
    """The sample database with the seed's scorecards (added here while the sample lacks them)."""
    shutil.copyfile(sample_original, db_path)
    engine = open_database(db_path)
    with Session(engine) as session:
        if session.exec(select(Scorecard)).first() is None:
            add_sample_scorecards(session, 1, 2023)
            session.commit()
    yield engine
    engine.dispose()


def _by_name(evaluations):
    return {evaluation.name: evaluation for evaluation in evaluations}


def test_execution_scores_of_the_sample(sample):
    found = _by_name(ScoringService(sample).project_evaluations(1, 2023))
    assert found["接访工作（到京到蓉）工作经费"].scores.execution_score == D("10.00")
    # 117.65 / 131.65 = 89.37% -> 8.94
    assert found["处非专项经费"].scores.execution_score == D("8.94")
    assert found["治理重复访化解信访积案专项经费"].scores.execution_score == D("10.00")
    # 16.71 / 20.62 = 81.04% -> 8.10
    assert found["维稳专项经费"].scores.execution_score == D("8.10")
    assert found["租用办公场所经费"].scores.execution_score == D("10.00")


def test_department_scorecard_keeps_the_seed_scores_beside_the_formula(sample):
    card = ScoringService(sample).department_scorecard(1, 2023)
    progress = card.line("progress")
    # 3 + 4 × 66.03/67.5 + 3 × 78.03/82.5 = 9.75; the seed gave 9
    assert (progress.formula_score, progress.manual_score, progress.score) == (D("9.75"), D("9"), D("9"))
    assert progress.flagged
    completion = card.line("completion")
    # 10 × 95.87% = 9.59; the seed gave 9.6, within half a point
    assert (completion.formula_score, completion.manual_score, completion.flagged) == (
        D("9.59"),
        D("9.6"),
        False,
    )
    assert completion.inputs[0].origin == "执行进度表12月"
    # the seed's 自评得分: 10+10+6+10+10+9+9.6+10+3+3+2+2 = 84.6 of 90
    # graded on the 百分制 score (S9): 84.60 ÷ 90 × 100 = 94.00 → 优
    assert (card.total, card.full_marks, card.percentage, card.grade) == (D("84.6"), D(90), D("94.00"), "优")
    assert card.line("management").score == D("74.6")


def test_project_scorecards_total_the_seed_scores_and_report_the_template(sample):
    service = ScoringService(sample)
    with Session(sample) as session:
        ids = {p.name: p.id for p in session.exec(select(Project))}
    reception = service.project_scorecard(ids["接访工作（到京到蓉）工作经费"])
    # 2+2+2+4+4+5.5+3+4.5+4+5+5+19+20+10+9 = 99
    assert reception.total == D("99")
    assert reception.warnings == ("模板 sichuan_project.toml：“通用指标”标为20分，下级指标合计23分",)
    # 16.71 / 20.62 = 81.04%: 6 × 81.04% = 4.86, the seed gave 6
    stability = service.project_scorecard(ids["维稳专项经费"])
    assert stability.line("execution_rate").formula_score == D("4.86")
    assert stability.total == D("96.5")
    assert service.project_scorecard(ids["处非专项经费"]) is None


def test_a_checkpoint_changed_in_the_records_changes_the_score(sample):
    with Session(sample) as session:
        row = session.exec(select(ExecutionCheckpoint).where(ExecutionCheckpoint.month == 9)).one()
        row.cumulative_spending = row.budget_base * D("0.675")
        session.add(row)
        session.commit()
    card = ScoringService(sample).department_scorecard(1, 2023)
    # 3 + 4 + 3 × 78.03/82.5 = 9.84
    assert card.line("progress").formula_score == D("9.84")


def test_manual_score_needs_a_reason_and_must_fit_the_weight(sample):
    service = ScoringService(sample)
    card_id = service.department_scorecard(1, 2023).scorecard_id
    with pytest.raises(UserInputError, match="^“违规记录”的手工得分需要填写理由$"):
        service.set_manual_score(card_id, "violations", "9", "")
    with pytest.raises(UserInputError, match="^“违规记录”：手工得分11.00不在0到权重10.00之间$"):
        service.set_manual_score(card_id, "violations", "11", "多给")
    card = service.set_manual_score(card_id, "violations", "9.5", "审计发现一处问题")
    assert (card.line("violations").score, card.total) == (D("9.5"), D("84.1"))
    card = service.set_manual_score(card_id, "progress", None, "")
    assert card.line("progress").score == D("9.75")


def test_typed_inputs_are_checked_and_scored(sample):
    service = ScoringService(sample)
    card_id = service.department_scorecard(1, 2023).scorecard_id
    with pytest.raises(UserInputError, match="^“违规记录”的“发现问题数”：“三处”不是数字$"):
        service.set_input(card_id, "violations", "findings", "三处")
    card = service.set_input(card_id, "violations", "findings", "2")
    # 10 − 0.5 × 2 = 9
    assert card.line("violations").formula_score == D("9.00")
    assert service.item_state(card_id, "violations")[0] == {"findings": "2"}


def test_cli_score_json(sample, db_path, capsys):
    import json

    assert main(["score", "--db", str(db_path), "--year", "2023", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    projects = {project["code"]: project for project in report["projects"]}
    assert projects["51090322T000000344324"]["self_evaluation"]["execution_rate"] == 89.37
    assert projects["51090322T000000344324"]["self_evaluation"]["execution_score"] == 8.94
    assert "scorecard" in projects["51090322T000005724034"]
    items = {item["name"]: item for item in report["department"]["items"]}
    assert (items["执行进度"]["formula_score"], items["执行进度"]["manual_score"]) == (9.75, 9.0)
    assert items["预算完成"]["formula_score"] == 9.59
    assert report["department"]["total"] == 84.6


def test_cli_score_text(sample, db_path, capsys):
    assert main(["score", "--db", str(db_path), "--year", "2023"]) == 0
    out = capsys.readouterr().out
    assert "执行进度 10分：公式 9.75（手工 9.00） ！差异超过0.5分" in out
    assert "处非专项经费：执行率 89.37%，8.94 + " in out


def test_scorecards_still_to_make_are_the_projects_without_one(sample):
    service = ScoringService(sample)
    creatable = service.creatable_scorecards(1, 2023)
    assert [choice.project_name for choice in creatable] == [
        "处非专项经费",
        "治理重复访化解信访积案专项经费",
        "租用办公场所经费",
        "春节慰问",
        "市级信访专项经费",
    ]
    card_id = service.create_scorecard(
        1, 2023, creatable[0].template, creatable[0].project_id, creatable[0].title
    )
    assert service.scorecard(card_id).title == "项目支出绩效评价指标体系（处非专项经费）"
    service.delete_scorecard(card_id)
    assert len(service.creatable_scorecards(1, 2023)) == 5


def test_a_broken_template_is_a_user_error_naming_file_item_and_field(engine, tmp_path):
    (tmp_path / "broken.toml").write_text(
        'title = "测试"\nkind = "department"\ntotal = 10\n\n[[nodes]]\nkey = "a"\nname = "违规记录"\nmethod = "deduction"\n',
        encoding="utf-8",
    )
    with pytest.raises(UserInputError, match="^模板 broken.toml 第1项“违规记录”：缺少字段“weight”$"):
        ScoringService(engine, FormCatalogue(tmp_path)).template("broken")
