"""年末执行进度 without a 12月 checkpoint is Σ 决算 ÷ Σ 调整后预算 of the 支出 lines, not a typed
figure (issue 11, Build 10 and “What was seen” 10)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from sqlmodel import Session, select

from desktop.services.budget import BudgetService
from desktop.services.sample_scorecards import add_sample_scorecards
from desktop.services.scoring import ScoringService
from desktop.storage.database import open_database
from desktop.storage.models import ExecutionCheckpoint, ExpenditureLine, Scorecard


@pytest.fixture
def sample(sample_path):
    engine = open_database(sample_path)
    with Session(engine) as session:
        if session.exec(select(Scorecard)).first() is None:
            add_sample_scorecards(session, 1, 2023)
        december = session.exec(select(ExecutionCheckpoint).where(ExecutionCheckpoint.month == 12)).one()
        session.delete(december)
        session.commit()
    yield engine
    engine.dispose()


def test_without_a_december_checkpoint_the_year_end_progress_comes_from_the_lines(sample):
    budget = BudgetService(sample)
    (line,) = [
        node for node in budget.expenditure_tree(1, 2023)[0].children[0].children if node.code == "2010308"
    ][0].children
    budget.update_expenditure(line.line_id, "final_amount", D("108400.00"))  # 决算 20.84 → 10.84 万元
    completion = ScoringService(sample).department_scorecard(1, 2023).line("completion")
    # Σ 决算 416.18 − 10.00 = 406.18; Σ 调整后预算 416.18; 406.18 / 416.18 = 97.60%; 10 × 97.60% = 9.76
    assert [(item.value, item.origin) for item in completion.inputs] == [("97.60%", "支出表决算÷调整后预算")]
    assert completion.formula_score == D("9.76")


def test_a_year_without_lines_leaves_it_to_the_clerk(sample):
    with Session(sample) as session:
        for line in session.exec(select(ExpenditureLine)):
            session.delete(line)
        session.commit()
    completion = ScoringService(sample).department_scorecard(1, 2023).line("completion")
    # nothing to divide: the value the clerk typed (the seed's 95.87%) is the one scored
    assert [(item.value, item.origin) for item in completion.inputs] == [("95.87%", "录入")]
