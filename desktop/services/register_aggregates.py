"""The register statistics as SQL aggregates: a few ``COUNT``/``SUM`` queries instead of a loop over rows.

Each count states, in SQL, the rule ``desktop.domain.register_statistics`` states in Python
(same cohorts, the same cut-off at the end of the period, the same deadline expressions the
filters use); that module stays the reference, and a property test checks on random registers
that both give the same figures, field by field.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import ColumnElement, Connection, and_, case, func, or_, select

from desktop.domain.petitions import CHANNELS, NOT_EVALUATED, RECHECK_DAYS, REVIEW_DAYS, VISIT_LEVELS
from desktop.domain.register_statistics import FollowUpCounts, MatterCounts, VisitCounts
from desktop.services.register_queries import (
    acceptance_deadline_sql,
    completion_deadline_sql,
    petition,
    recorded_by,
)
from desktop.storage.models import Visit

c = petition.c
visit_table = Visit.__table__


def _count(condition: ColumnElement) -> ColumnElement:
    return func.count(case((condition, 1)))


def matter_counts(
    connection: Connection,
    department_id: int,
    start: date,
    end: date,
    count_basic_satisfied: bool = False,
    narrowed: Sequence[ColumnElement] = (),
) -> MatterCounts:
    """The matters registered in ``start``–``end``, judged as of ``end`` (one pass over a covering index);
    ``narrowed`` adds the filter bar's conditions (``register_queries.narrowing_conditions``)."""
    end_text = end.isoformat()
    accepted = recorded_by(c.accepted_on, end)
    closed = recorded_by(c.closed_on, end)
    accept_by = acceptance_deadline_sql()
    close_by = completion_deadline_sql(as_of=end)
    in_scope = and_(closed.is_not(None), c.in_evaluation_scope.is_(True))
    evaluated = and_(in_scope, c.satisfaction != NOT_EVALUATED)
    satisfied_levels = ("满意", "基本满意") if count_basic_satisfied else ("满意",)
    period = (c.department_id == department_id, c.registered_on.between(start, end), *narrowed)
    statement = select(
        func.count(),
        _count(or_(accepted.is_not(None), accept_by <= end_text)),
        _count(and_(accepted.is_not(None), accepted <= accept_by)),
        _count(or_(closed.is_not(None), close_by <= end_text)),
        _count(and_(closed.is_not(None), closed <= close_by)),
        _count(in_scope),
        _count(evaluated),
        _count(and_(evaluated, c.satisfaction.in_(satisfied_levels))),
        *(_count(c.channel == channel) for channel in CHANNELS),
    ).where(*period)
    counts = connection.execute(statement).one()
    total, accept_due, accepted_on_time, due, closed_on_time, in_scope_count, evaluated_count, satisfied = (
        counts[:8]
    )
    by_channel = dict(zip(CHANNELS, counts[8:], strict=True))
    if sum(by_channel.values()) != total:  # a form of 信访 outside the four: counted under its own name
        others = (
            select(c.channel, func.count()).where(*period, c.channel.not_in(CHANNELS)).group_by(c.channel)
        )
        by_channel.update(dict(connection.execute(others).all()))
    return MatterCounts(
        total=total,
        by_channel=by_channel,
        accept_due=accept_due,
        accepted_on_time=accepted_on_time,
        due=due,
        closed_on_time=closed_on_time,
        open=total - due,
        in_scope=in_scope_count,
        evaluated=evaluated_count,
        satisfied=satisfied,
    )


def follow_up_counts(
    connection: Connection,
    department_id: int,
    start: date,
    end: date,
    kind: str,
    narrowed: Sequence[ColumnElement] = (),
) -> FollowUpCounts:
    """复查 (``kind="review"``) or 复核 (``"recheck"``) requests received in the period, as of ``end``."""
    requested, closed_column = c[f"{kind}_requested_on"], c[f"{kind}_closed_on"]
    days = REVIEW_DAYS if kind == "review" else RECHECK_DAYS
    closed = recorded_by(closed_column, end)
    deadline = func.date(requested, f"+{days} days")
    statement = select(
        func.count(),
        _count(or_(closed.is_not(None), deadline <= end.isoformat())),
        _count(and_(closed.is_not(None), closed <= deadline)),
    ).where(c.department_id == department_id, requested.between(start, end), *narrowed)
    total, due, on_time = connection.execute(statement).one()
    return FollowUpCounts(total=total, due=due, closed_on_time=on_time, open=total - due)


def visit_counts(
    connection: Connection, department_id: int, start: date, end: date
) -> dict[str, VisitCounts]:
    """Batches and person-times by level, with the 集访 among them."""
    v = visit_table.c
    collective = v.collective.is_(True)
    statement = (
        select(
            v.level,
            func.count(),
            func.coalesce(func.sum(v.persons), 0),
            _count(collective),
            func.coalesce(func.sum(case((collective, v.persons), else_=0)), 0),
        )
        .where(v.department_id == department_id, v.visited_on.between(start, end), v.level.in_(VISIT_LEVELS))
        .group_by(v.level)
    )
    found = {level: VisitCounts(*counts) for level, *counts in connection.execute(statement)}
    return {level: found.get(level, VisitCounts(0, 0, 0, 0)) for level in VISIT_LEVELS}
