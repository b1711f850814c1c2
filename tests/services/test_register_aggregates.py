"""The statistics counted in SQL equal the reference rules of ``desktop.domain.register_statistics``.

Hypothesis draws small registers around year ends (late 受理, extensions approved before or
after the period, 复查/复核, open and rated matters, visits of both years) and periods of a
common or a leap year; the service's figures must equal the pure function's, field by field.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select

from desktop.domain.petitions import (
    CHANNELS,
    SATISFACTION_LEVELS,
    VISIT_LEVELS,
    Matter,
    VisitBatch,
    acceptance_deadline,
    completion_deadline,
    granted_extension,
    recheck_deadline,
    review_deadline,
)
from desktop.domain.register_statistics import register_statistics
from desktop.services.register import RegisterService
from desktop.storage.models import Department, Petition, Visit


def _near(day: date, before: int, after: int):
    return st.integers(-before, after).map(lambda n: day + timedelta(days=n))


def _maybe(strategy):
    return st.one_of(st.none(), strategy)


@st.composite
def periods(draw) -> tuple[int, date, date]:
    """A calendar year (2024 is a leap year: its previous-year period ends on 28 February) or part of one."""
    year = draw(st.sampled_from((2023, 2024)))
    within = st.dates(min_value=date(year, 1, 1), max_value=date(year, 12, 31))
    start, end = sorted((draw(within), draw(within)))
    if draw(st.booleans()):
        start, end = date(year, 1, 1), date(year, 12, 31)
    return year, start, end


@st.composite
def matters(draw, number: int, start: date, end: date) -> Matter:
    """Dates drawn close to the period's ends and to the deadlines, where the rules can go wrong by a day."""
    registered = draw(st.one_of(_near(start, 90, 20), _near(end, 100, 10)))
    accepted = draw(_maybe(_near(acceptance_deadline(registered), 15, 3)))
    extended, days = draw(st.booleans()), draw(st.integers(-5, 40))
    approved = draw(_maybe(_near(end, 40, 5)))
    granted = granted_extension(extended, approved, days)
    closed = draw(_maybe(_near(completion_deadline(registered, accepted, granted), 3, 3)))
    review, recheck = draw(_maybe(_near(end, 40, 3))), draw(_maybe(_near(start, 3, 40)))
    return Matter(
        number=f"M{number}",
        registered_on=registered,
        channel=draw(st.sampled_from(CHANNELS)),
        accepted_on=accepted,
        extended=extended,
        extension_approved_on=approved,
        extension_days=days,
        closed_on=closed,
        in_evaluation_scope=draw(st.booleans()),
        satisfaction=draw(st.sampled_from(SATISFACTION_LEVELS)),
        review_requested_on=review,
        review_closed_on=None if review is None else draw(_maybe(_near(review_deadline(review), 3, 3))),
        recheck_requested_on=recheck,
        recheck_closed_on=None if recheck is None else draw(_maybe(_near(recheck_deadline(recheck), 3, 3))),
    )


@st.composite
def cases(draw):
    year, start, end = draw(periods())
    size = draw(st.integers(0, 25))
    register = [draw(matters(i, start, end)) for i in range(size)]
    visit = st.builds(
        VisitBatch,
        visited_on=st.one_of(_near(start, 370, 3), _near(end, 370, 3)),
        level=st.sampled_from(VISIT_LEVELS),
        persons=st.integers(1, 12),
        collective=st.booleans(),
    )
    return year, start, end, register, draw(st.lists(visit, max_size=12))


def _store(engine, register, batches) -> int:
    with engine.begin() as connection:
        connection.execute(delete(Petition.__table__))
        connection.execute(delete(Visit.__table__))
        department_id = connection.execute(select(Department.__table__.c.id)).scalar()
        if department_id is None:
            department_id = connection.execute(
                insert(Department.__table__).values(name="测试局")
            ).inserted_primary_key[0]
        rows = [{f.name: getattr(m, f.name) for f in fields(Matter) if f.name != "id"} for m in register]
        if rows:
            connection.execute(insert(Petition.__table__).values(department_id=department_id), rows)
        rows = [{f.name: getattr(b, f.name) for f in fields(VisitBatch) if f.name != "id"} for b in batches]
        if rows:
            connection.execute(insert(Visit.__table__).values(department_id=department_id), rows)
    return department_id


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=cases(), basic=st.booleans())
def test_sql_statistics_equal_the_reference_rules(engine, case, basic):
    year, start, end, register, batches = case
    department_id = _store(engine, register, batches)
    counted = RegisterService(engine).statistics(department_id, year, start, end, count_basic_satisfied=basic)
    expected = register_statistics(register, batches, year, start, end, count_basic_satisfied=basic)
    assert asdict(counted.matters) == asdict(expected.matters)
    assert counted.reviews == expected.reviews
    assert counted.rechecks == expected.rechecks
    assert counted.visits == expected.visits
    assert counted.previous_visits == expected.previous_visits
    assert counted.to_json() == expected.to_json()
