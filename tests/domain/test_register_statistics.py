"""三率一度 and visit counts on hand-made registers; every expected value is worked out in the comments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from desktop.domain.petitions import Matter, VisitBatch
from desktop.domain.register_statistics import one_year_earlier, rate, register_statistics, year_on_year

D = date
YEAR_START, YEAR_END = D(2023, 1, 1), D(2023, 12, 31)

REGISTER = [
    # A: received on the last day of the year, accepted and closed in January → neither due nor late in 2023
    Matter("A", D(2023, 12, 31), "来信", accepted_on=D(2024, 1, 3), closed_on=D(2024, 1, 20)),
    # B: approved 30-day extension: deadline 5 Jun + 90 = 3 Sep, closed 20 Aug → on time
    Matter(
        "B", D(2023, 6, 1), "来访", accepted_on=D(2023, 6, 5), extended=True,
        extension_approved_on=D(2023, 7, 20), extension_days=30, closed_on=D(2023, 8, 20),
        in_evaluation_scope=True, satisfaction="满意",
    ),
    # C: not yet due: 22 Nov + 60 = 21 Jan 2024
    Matter("C", D(2023, 11, 20), "网上", accepted_on=D(2023, 11, 22)),
    # D: due 3 Sep + 60 = 2 Nov, still open on 31 Dec → due and late
    Matter("D", D(2023, 9, 1), "网上", accepted_on=D(2023, 9, 3)),
    # E: accepted after 19 days (late 受理); closed 10 Mar ≤ 21 Apr; 复查 20 Mar answered 10 Apr ≤ 19 Apr
    Matter(
        "E", D(2023, 2, 1), "网上", accepted_on=D(2023, 2, 20), closed_on=D(2023, 3, 10),
        in_evaluation_scope=True, satisfaction="基本满意",
        review_requested_on=D(2023, 3, 20), review_closed_on=D(2023, 4, 10),
    ),
    # F: a 2022 matter whose 复查 arrives 10 Dec 2023 (deadline 9 Jan 2024), answered in January
    Matter(
        "F", D(2022, 11, 1), "来信", accepted_on=D(2022, 11, 2), closed_on=D(2022, 12, 1),
        review_requested_on=D(2023, 12, 10), review_closed_on=D(2024, 1, 5),
    ),
    # G: closed on time, in scope, not rated
    Matter("G", D(2023, 5, 1), "来电", accepted_on=D(2023, 5, 2), closed_on=D(2023, 5, 20), in_evaluation_scope=True),
    # H: an extension asked for but never approved: deadline 2 Jul + 60 = 31 Aug, closed 20 Sep → late
    Matter("H", D(2023, 7, 1), "来信", accepted_on=D(2023, 7, 2), extended=True, extension_days=30, closed_on=D(2023, 9, 20)),
]  # fmt: skip

VISITS = [
    VisitBatch(D(2023, 3, 1), "到区", 3),
    VisitBatch(D(2023, 4, 1), "到区", 8, collective=True),
    VisitBatch(D(2023, 12, 31), "到市", 5, collective=True),
    VisitBatch(D(2024, 1, 1), "到市", 2),  # next year: not counted
    VisitBatch(D(2022, 6, 1), "到区", 10, collective=True),
    VisitBatch(D(2022, 7, 1), "到省", 2),
]


def _statistics(**options):
    return register_statistics(REGISTER, VISITS, 2023, YEAR_START, YEAR_END, **options)


def test_the_cohort_is_the_matters_received_in_the_year():
    matters = _statistics().matters
    assert matters.total == 7  # A B C D E G H; F was received in 2022
    assert matters.by_channel == {"来信": 2, "来访": 1, "网上": 3, "来电": 1}


def test_timely_acceptance_ignores_a_matter_whose_deadline_is_next_year():
    matters = _statistics().matters
    # due for 受理: B C D E G H (A's deadline is 15 Jan 2024 and it was accepted after 31 Dec); late: E
    assert (matters.accept_due, matters.accepted_on_time) == (6, 5)
    assert _statistics().rates["及时受理率"] == Decimal("83.33")  # 5 / 6


def test_due_closed_on_time_and_open():
    matters = _statistics().matters
    # due: B D E G H; on time: B (extension) E G; open: A (last day of the year) and C (not yet due)
    assert (matters.due, matters.closed_on_time, matters.open) == (5, 3, 2)
    assert _statistics().rates["按期办结率"] == Decimal("60.00")


def test_participation_and_satisfaction():
    statistics = _statistics()
    m = statistics.matters
    # in scope and closed: B E G; rated: B (满意) E (基本满意)
    assert (m.in_scope, m.evaluated, m.satisfied) == (3, 2, 1)
    assert statistics.rates["参评率"] == Decimal("66.67")  # 2 / 3
    assert statistics.rates["满意率"] == Decimal("50.00")  # 1 / 2
    assert _statistics(count_basic_satisfied=True).rates["满意率"] == Decimal("100.00")


def test_reviews_received_in_the_year():
    reviews = _statistics().reviews
    # E: due and answered on time; F: received 10 Dec, deadline 9 Jan 2024 → not yet due
    assert (reviews.total, reviews.due, reviews.closed_on_time, reviews.open) == (2, 1, 1, 1)


def test_the_next_year_starts_without_the_last_day_of_this_one():
    statistics = register_statistics(REGISTER, VISITS, 2024, D(2024, 1, 1), D(2024, 12, 31))
    assert statistics.matters.total == 0
    assert statistics.visits["到市"].batches == 1


def test_visits_by_level_with_collective_visits_and_the_previous_year():
    statistics = _statistics()
    district = statistics.visits["到区"]
    assert (district.batches, district.persons, district.collective_batches, district.collective_persons) == (
        2,
        11,
        1,
        8,
    )
    city = statistics.visits["到市"]
    assert (city.batches, city.persons) == (1, 5)
    before = statistics.previous_visits
    assert (before["到区"].collective_batches, before["到区"].collective_persons) == (1, 10)
    assert (before["到省"].batches, before["到省"].persons) == (1, 2)
    # 集访 persons 8 against 10: −20.00%; batches 2 against 1: +100.00%
    assert statistics.visit_change("到区")["collective_persons"] == Decimal("-20.00")
    assert statistics.visit_change("到区")["batches"] == Decimal("100.00")


def test_json_shape_of_issue_2():
    payload = _statistics().to_json()
    assert set(payload["matters"]) >= {
        "total",
        "by_channel",
        "due",
        "closed_on_time",
        "open",
        "evaluated",
        "satisfied",
    }
    assert list(payload["rates"]) == ["及时受理率", "按期办结率", "参评率", "满意率"]
    assert set(payload["visits"]) == {"到区", "到市", "到省", "进京"}
    assert payload["visits"]["到区"] == {
        "batches": 2,
        "persons": 11,
        "collective_batches": 1,
        "collective_persons": 8,
    }
    assert payload["previous_year"]["visits"]["到区"]["collective_persons"] == 10


def test_rates_and_changes_round_half_up_and_are_absent_without_a_base():
    assert rate(256, 258) == Decimal("99.22")
    assert rate(1, 0) is None
    assert year_on_year(60, 62) == Decimal("-3.23")
    assert year_on_year(2188, 1744) == Decimal("25.46")
    assert year_on_year(5, 0) is None
    assert one_year_earlier(D(2024, 2, 29)) == D(2023, 2, 28)
