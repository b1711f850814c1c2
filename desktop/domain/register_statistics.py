"""信访登记统计: 三率一度, channel counts, visit batches and person-times, year on year.

Pure functions over plain ``Matter`` and ``VisitBatch`` records (``desktop.domain.petitions``).
No authoritative formula for 三率一度 exists (DOMAIN.md §3.3, §7 item 7); the choices made here:

- **Period and cut-off.** A period is ``start``–``end`` inclusive (a calendar year by default).
  Everything is judged *as of the end of the period*: a date after ``end`` (a 受理, 办结 or
  approval recorded later) has not happened yet. So the figures for 2023 do not change when
  the matters still open on 31 December are closed in January.
- **Matter cohort.** The matters *registered* (登记日期) in the period. ``total`` and
  ``by_channel`` count them all.
- **及时受理率** = matters accepted within 15 days of receipt ÷ matters due for 受理, where a matter
  is due for 受理 when it was accepted by ``end`` or its 受理 deadline is on or before ``end``.
- **按期办结率** = ``closed_on_time`` ÷ ``due``. A matter is *due* when it was closed by ``end`` or
  its 办结 deadline (60 days after 受理, plus an extension approved by ``end``) is on or before
  ``end``; it is closed on time when it was closed by ``end`` and not after that deadline.
  ``open`` = ``total`` − ``due``: registered in the period, not closed, not yet due.
- **参评率** = ``evaluated`` ÷ ``in_scope``: among matters closed by ``end`` and 纳入满意度评价,
  those the petitioner rated (满意度 other than 未评价).
- **满意率** = ``satisfied`` ÷ ``evaluated``. Only “满意” counts unless ``count_basic_satisfied``
  is set, in which case “基本满意” counts too (practice varies, DOMAIN.md §3.3).
- **复查 / 复核.** The requests *received* in the period; due and on time as for 办结, with the
  30-day answer period.
- **Visits.** The batches whose 走访日期 is in the period, by level; 集访 is the batch's own flag
  (set at entry from the 5-person practice threshold). ``previous_year`` is the same period one
  year earlier (29 February becomes 28 February).
- Rates are percentages rounded half-up to 2 decimals; ``None`` when the denominator is 0.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from desktop.domain.money import percent_value
from desktop.domain.petitions import (
    CHANNELS,
    NOT_EVALUATED,
    VISIT_LEVELS,
    Matter,
    VisitBatch,
    acceptance_deadline,
    completion_deadline,
    granted_extension,
    recheck_deadline,
    review_deadline,
)


def rate(numerator: int, denominator: int) -> Decimal | None:
    """A percentage with 2 decimals (256, 258 → 99.22); ``None`` when nothing is counted."""
    if denominator == 0:
        return None
    return percent_value(Decimal(numerator) / Decimal(denominator))


def year_on_year(current: int, previous: int) -> Decimal | None:
    """同比: the change in percent with 2 decimals (60 against 62 → −3.23); ``None`` without a base."""
    if previous == 0:
        return None
    return percent_value(Decimal(current - previous) / Decimal(previous))


def one_year_earlier(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _within(day: date | None, end: date) -> bool:
    return day is not None and day <= end


@dataclass(frozen=True)
class MatterCounts:
    total: int
    by_channel: dict[str, int]
    accept_due: int
    accepted_on_time: int
    due: int
    closed_on_time: int
    open: int
    in_scope: int
    evaluated: int
    satisfied: int


@dataclass(frozen=True)
class FollowUpCounts:
    """复查 or 复核 requests received in the period."""

    total: int
    due: int
    closed_on_time: int
    open: int


@dataclass(frozen=True)
class VisitCounts:
    batches: int
    persons: int
    collective_batches: int
    collective_persons: int

    def to_json(self) -> dict:
        return {
            "batches": self.batches,
            "persons": self.persons,
            "collective_batches": self.collective_batches,
            "collective_persons": self.collective_persons,
        }


def count_matters(
    matters: Iterable[Matter], start: date, end: date, count_basic_satisfied: bool = False
) -> MatterCounts:
    """The matter figures of the period (cohort rules in the module docstring)."""
    satisfied_levels = {"满意", "基本满意"} if count_basic_satisfied else {"满意"}
    by_channel = dict.fromkeys(CHANNELS, 0)
    total = accept_due = accepted_on_time = due = closed_on_time = in_scope = evaluated = satisfied = 0
    for matter in matters:
        if not start <= matter.registered_on <= end:
            continue
        total += 1
        by_channel[matter.channel] = by_channel.get(matter.channel, 0) + 1
        accepted = matter.accepted_on if _within(matter.accepted_on, end) else None
        closed = matter.closed_on if _within(matter.closed_on, end) else None
        accept_by = acceptance_deadline(matter.registered_on)
        if accepted is not None or accept_by <= end:
            accept_due += 1
            accepted_on_time += accepted is not None and accepted <= accept_by
        approved = matter.extension_approved_on if _within(matter.extension_approved_on, end) else None
        extension = granted_extension(matter.extended, approved, matter.extension_days)
        close_by = completion_deadline(matter.registered_on, accepted, extension)
        if closed is not None or close_by <= end:
            due += 1
            closed_on_time += closed is not None and closed <= close_by
        if closed is not None and matter.in_evaluation_scope:
            in_scope += 1
            if matter.satisfaction != NOT_EVALUATED:
                evaluated += 1
                satisfied += matter.satisfaction in satisfied_levels
    return MatterCounts(
        total=total,
        by_channel=by_channel,
        accept_due=accept_due,
        accepted_on_time=accepted_on_time,
        due=due,
        closed_on_time=closed_on_time,
        open=total - due,
        in_scope=in_scope,
        evaluated=evaluated,
        satisfied=satisfied,
    )


def count_follow_ups(
    requests: Iterable[tuple[date | None, date | None]],
    start: date,
    end: date,
    days_allowed: Callable[[date], date],
) -> FollowUpCounts:
    """复查/复核 figures from (requested_on, closed_on) pairs; ``days_allowed`` gives the deadline."""
    total = due = on_time = 0
    for requested_on, closed_on in requests:
        if requested_on is None or not start <= requested_on <= end:
            continue
        total += 1
        closed = closed_on if _within(closed_on, end) else None
        deadline = days_allowed(requested_on)
        if closed is not None or deadline <= end:
            due += 1
            on_time += closed is not None and closed <= deadline
    return FollowUpCounts(total=total, due=due, closed_on_time=on_time, open=total - due)


def count_visits(visits: Iterable[VisitBatch], start: date, end: date) -> dict[str, VisitCounts]:
    """Batches and person-times by level, with the 集访 among them."""
    sums = {level: [0, 0, 0, 0] for level in VISIT_LEVELS}
    for visit in visits:
        if not start <= visit.visited_on <= end or visit.level not in sums:
            continue
        counts = sums[visit.level]
        counts[0] += 1
        counts[1] += visit.persons
        if visit.collective:
            counts[2] += 1
            counts[3] += visit.persons
    return {level: VisitCounts(*values) for level, values in sums.items()}


@dataclass(frozen=True)
class RegisterStatistics:
    """Everything ``ziping-cli stats`` and the statistics panel show for one period."""

    year: int
    start: date
    end: date
    matters: MatterCounts
    reviews: FollowUpCounts
    rechecks: FollowUpCounts
    visits: dict[str, VisitCounts]
    previous_start: date
    previous_end: date
    previous_visits: dict[str, VisitCounts]

    @property
    def rates(self) -> dict[str, Decimal | None]:
        """三率一度, keyed by their Chinese names."""
        m = self.matters
        return {
            "及时受理率": rate(m.accepted_on_time, m.accept_due),
            "按期办结率": rate(m.closed_on_time, m.due),
            "参评率": rate(m.evaluated, m.in_scope),
            "满意率": rate(m.satisfied, m.evaluated),
        }

    def visit_change(self, level: str) -> dict[str, Decimal | None]:
        """同比 of one level: batches, persons and the same for 集访."""
        now, before = self.visits[level], self.previous_visits[level]
        return {
            "batches": year_on_year(now.batches, before.batches),
            "persons": year_on_year(now.persons, before.persons),
            "collective_batches": year_on_year(now.collective_batches, before.collective_batches),
            "collective_persons": year_on_year(now.collective_persons, before.collective_persons),
        }

    def to_json(self) -> dict:
        m = self.matters
        return {
            "year": self.year,
            "period": {"from": self.start.isoformat(), "to": self.end.isoformat()},
            "matters": {
                "total": m.total,
                "by_channel": dict(m.by_channel),
                "due_for_acceptance": m.accept_due,
                "accepted_on_time": m.accepted_on_time,
                "due": m.due,
                "closed_on_time": m.closed_on_time,
                "open": m.open,
                "in_scope": m.in_scope,
                "evaluated": m.evaluated,
                "satisfied": m.satisfied,
            },
            "rates": self.rates,
            "reviews": {"复查": _follow_up_json(self.reviews), "复核": _follow_up_json(self.rechecks)},
            "visits": {level: counts.to_json() for level, counts in self.visits.items()},
            "visits_change": {level: self.visit_change(level) for level in self.visits},
            "previous_year": {
                "period": {"from": self.previous_start.isoformat(), "to": self.previous_end.isoformat()},
                "visits": {level: counts.to_json() for level, counts in self.previous_visits.items()},
            },
        }


def _follow_up_json(counts: FollowUpCounts) -> dict:
    return {
        "total": counts.total,
        "due": counts.due,
        "closed_on_time": counts.closed_on_time,
        "open": counts.open,
    }


def register_statistics(
    matters: Iterable[Matter],
    visits: list[VisitBatch],
    year: int,
    start: date,
    end: date,
    count_basic_satisfied: bool = False,
) -> RegisterStatistics:
    """All the figures of one period in one pass over ``matters`` (a large register is streamed,
    not held); ``visits`` must include the previous year's period."""
    reviews: list[tuple[date, date | None]] = []
    rechecks: list[tuple[date, date | None]] = []

    def noting_follow_ups(stream: Iterable[Matter]) -> Iterator[Matter]:
        for matter in stream:
            if matter.review_requested_on is not None:
                reviews.append((matter.review_requested_on, matter.review_closed_on))
            if matter.recheck_requested_on is not None:
                rechecks.append((matter.recheck_requested_on, matter.recheck_closed_on))
            yield matter

    matter_counts = count_matters(noting_follow_ups(matters), start, end, count_basic_satisfied)
    previous_start, previous_end = one_year_earlier(start), one_year_earlier(end)
    return RegisterStatistics(
        year=year,
        start=start,
        end=end,
        matters=matter_counts,
        reviews=count_follow_ups(reviews, start, end, review_deadline),
        rechecks=count_follow_ups(rechecks, start, end, recheck_deadline),
        visits=count_visits(visits, start, end),
        previous_start=previous_start,
        previous_end=previous_end,
        previous_visits=count_visits(visits, previous_start, previous_end),
    )


def percent_text(value: Decimal | None) -> str:
    """A rate as printed: ``99.22%``, ``—`` when there is none."""
    return "—" if value is None else f"{value:.2f}%"


def signed_percent_text(value: Decimal | None) -> str:
    """A 同比 change as printed: ``+12.50%`` / ``-3.23%``, ``—`` without a base."""
    return "—" if value is None else f"{value:+.2f}%"


def format_statistics(department_name: str, statistics: RegisterStatistics) -> str:
    """The statistics as the CLI prints them and the window's panel shows them."""
    s, m = statistics, statistics.matters
    channels = "、".join(f"{name} {count}" for name, count in m.by_channel.items())
    rates = "　".join(f"{name} {percent_text(value)}" for name, value in s.rates.items())
    one_year = s.start.year == s.end.year == s.year
    lines = [
        f"{department_name} {f'{s.year} 年' if one_year else ''}信访登记统计（{s.start} 至 {s.end}）",
        f"信访事项 {m.total} 件：{channels}",
        f"应办结 {m.due} 件，按期办结 {m.closed_on_time} 件，未到期 {m.open} 件",
        f"纳入满意度评价 {m.in_scope} 件，参评 {m.evaluated} 件，满意 {m.satisfied} 件",
        f"三率一度：{rates}",
        f"复查 {s.reviews.total} 件（到期 {s.reviews.due} 件，按期办结 {s.reviews.closed_on_time} 件）；"
        f"复核 {s.rechecks.total} 件（到期 {s.rechecks.due} 件，按期办结 {s.rechecks.closed_on_time} 件）",
        f"走访（上年同期 {s.previous_start} 至 {s.previous_end}）：",
    ]
    for level, now in s.visits.items():
        before, change = s.previous_visits[level], s.visit_change(level)
        lines.append(
            f"  {level} {now.batches} 批 {now.persons} 人次，其中集访 {now.collective_batches} 批 "
            f"{now.collective_persons} 人次；上年同期 {before.batches} 批 {before.persons} 人次，集访 "
            f"{before.collective_batches} 批 {before.collective_persons} 人次；同比批次 "
            f"{signed_percent_text(change['batches'])}、人次 {signed_percent_text(change['persons'])}，集访批次 "
            f"{signed_percent_text(change['collective_batches'])}、人次 {signed_percent_text(change['collective_persons'])}"
        )
    return "\n".join(lines)
