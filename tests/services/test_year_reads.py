"""A year read in a few queries gives what reading it project by project, card by card gives."""

from decimal import Decimal

from sqlmodel import Session, select

from desktop.services.catalogue import FormCatalogue
from desktop.services.project_read import SelfEvaluationTemplates, read_project, read_projects
from desktop.services.scoring import ScoringService
from desktop.storage.database import open_database
from desktop.storage.models import Project
from tests.services.hubei import add_hubei_department


def _sample_with_another_department(sample_path):
    """The sample (7 projects of 2023) beside a 湖北 department's 2024, whose rows must not leak in."""
    add_hubei_department(sample_path)
    return open_database(sample_path)


def test_the_year_read_at_once_is_each_project_read_alone(sample_path):
    engine = _sample_with_another_department(sample_path)
    templates = SelfEvaluationTemplates(FormCatalogue())
    with Session(engine) as session:
        for department_id, year in ((1, 2023), (2, 2024)):
            template = templates.template(session, department_id, year)
            projects = session.exec(
                select(Project)
                .where(Project.department_id == department_id, Project.year == year)
                .order_by(Project.code)
            ).all()
            alone = [read_project(session, project, template) for project in projects]
            assert read_projects(session, department_id, year, template) == alone
            assert sum(len(detail.indicators) for detail in alone) > 0
    engine.dispose()


def test_project_scorecards_are_each_projects_card_read_alone(sample_path):
    engine = _sample_with_another_department(sample_path)
    scoring = ScoringService(engine)
    details = scoring.project_evaluations(1, 2023)
    made = {choice.project_id for choice in scoring.scorecards(1, 2023) if choice.project_id}
    without = next(detail for detail in details if detail.id not in made)
    card_id = scoring.create_scorecard(1, 2023, "sichuan_project", without.id, "新建的项目评价表")
    scoring.set_manual_score(card_id, "procedure", "1.5", "复核后调整")
    cards = scoring.project_scorecards(1, 2023, details)
    assert set(cards) == made | {without.id}
    assert cards == {project_id: scoring.project_scorecard(project_id) for project_id in cards}
    assert cards[without.id].line("procedure").score == Decimal("1.5")
    hubei = scoring.project_evaluations(2, 2024)
    assert scoring.project_scorecards(2, 2024, hubei) == {
        detail.id: card for detail in hubei if (card := scoring.project_scorecard(detail.id)) is not None
    }
    engine.dispose()


def test_year_scorecards_are_the_listed_cards_scored_one_by_one(sample_path):
    engine = _sample_with_another_department(sample_path)
    scoring = ScoringService(engine)
    scoring.create_scorecard(1, 2023, "sichuan_department", None, "部门整体（第二张）")
    listed = scoring.scorecards(1, 2023)
    scored = scoring.year_scorecards(1, 2023, scoring.project_evaluations(1, 2023))
    assert [card.scorecard_id for card in scored] == [choice.id for choice in listed]
    assert scored == [scoring.scorecard(choice.id) for choice in listed]
    assert len(scored) == 4  # the sample's three and the one made here
    engine.dispose()
