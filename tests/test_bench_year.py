"""bench/year_data.py: the 200-project year the 核对 benchmarks run on gives score and check their work."""

from sqlalchemy import func, select

from bench.year_data import PROJECTS, build
from desktop.services.checks import CheckService
from desktop.services.scoring import ScoringService
from desktop.storage.models import Indicator, Project, Scorecard, StatedFigure


def test_the_year_has_every_kind_of_indicator_and_gives_the_checks_work(tmp_path):
    engine, department_id, year = build(tmp_path / "year.sqlite")
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Project)) == PROJECTS == 200
        assert connection.scalar(select(func.count()).select_from(Indicator)) == 2000
        natures = set(connection.scalars(select(Indicator.nature).distinct()))
        levels = set(connection.scalars(select(Indicator.level2).distinct()))
        cards = connection.scalar(select(func.count()).select_from(Scorecard))
        stated = connection.scalar(select(func.count()).select_from(StatedFigure))
    assert natures == {"≥", "≤", "＝", "定性"}
    assert {"数量指标", "质量指标", "时效指标", "成本指标", "社会效益指标", "服务对象满意度指标"} <= levels
    assert cards == 3
    assert stated > PROJECTS  # every project's 项目支出 and the totals

    details = ScoringService(engine).project_evaluations(department_id, year)
    pending = [detail for detail in details if detail.scores.pending]
    assert 0 < len(pending) < PROJECTS  # some 待评, most scored
    assert all(detail.scores.grade for detail in details if not detail.scores.draft_reasons)

    findings = CheckService(engine).run(department_id, year)
    mistyped = [finding for finding in findings if finding.rule == "V19"]
    assert len(mistyped) == 5  # every 40th project's 项目支出 stated 0.1 万元 off
    assert {finding.rule for finding in findings} >= {"V19", "P4", "P6"}
    engine.dispose()
