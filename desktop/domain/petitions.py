"""信访事项: the register's words, its deadlines under the 《信访工作条例》 and the checks on what is typed.

Deadlines (DOMAIN.md §3.1), counted in calendar days ("日"; the 条例 writes 工作日 only for the
5-day 异议, which the register does not time):

- 受理/告知: within 15 days of receipt (第二十二条, 第二十三条);
- 办结: within 60 days of 受理, plus one extension of at most 30 days approved by the 负责人
  (第三十四条). A matter not yet accepted is timed as if accepted on the last lawful day of its
  受理 period, so it never looks later than the law allows;
- 复查 and 复核: each answered within 30 days of receiving the request (第三十五条, 第三十六条).

The 60-day clock is written for 申诉求决类 matters; the register times every matter with it,
because the department answers all of them within the same period in practice (a choice).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from desktop.domain.petition_input import (
    InputError,
    check_date,
    normalise_id_number,
    normalise_number,
    normalise_phone,
)

CHANNELS = ("来信", "来访", "网上", "来电")
VISIT_LEVELS = ("到区", "到市", "到省", "进京")
SATISFACTION_LEVELS = ("满意", "基本满意", "不满意", "未评价")
NOT_EVALUATED = "未评价"
STATUSES = ("待受理", "办理中", "已办结", "超期")
LATE_ACCEPTANCE, LATE_COMPLETION = "超期受理", "超期办结"
# what lowers 及时受理率 / 按期办结率, shown beside the status
LATE_MARKS = (LATE_ACCEPTANCE, LATE_COMPLETION)
ORIGINS = ("直接受理", "上级交办", "上级转送", "领导批示")
HANDLING_TYPES = ("申诉求决类", "建议意见类", "检举控告类")

ACCEPTANCE_DAYS = 15
COMPLETION_DAYS = 60
MAX_EXTENSION_DAYS = 30
REVIEW_DAYS = 30
RECHECK_DAYS = 30
COLLECTIVE_VISIT_PERSONS = 5  # 集访: 5 人以上（含）同一事项走访 — practice, not the 条例 (DOMAIN.md §3.2)


class PetitionInputError(InputError):
    """A value in a matter or visit that cannot be right; the message is Chinese and names the field."""


def acceptance_deadline(registered_on: date) -> date:
    """受理期限: 15 days after receipt."""
    return registered_on + timedelta(days=ACCEPTANCE_DAYS)


def granted_extension(extended: bool, extension_approved_on: date | None, extension_days: int) -> int:
    """Days of extension that count: only an approved one, never more than 30."""
    if not extended or extension_approved_on is None:
        return 0
    return max(0, min(extension_days, MAX_EXTENSION_DAYS))


def completion_deadline(registered_on: date, accepted_on: date | None, extension_days: int = 0) -> date:
    """办结期限: 60 days after 受理 (or after the 受理 deadline while not accepted) plus the granted extension."""
    start = accepted_on if accepted_on is not None else acceptance_deadline(registered_on)
    return start + timedelta(days=COMPLETION_DAYS + extension_days)


def review_deadline(requested_on: date) -> date:
    """复查期限: 30 days after the request is received."""
    return requested_on + timedelta(days=REVIEW_DAYS)


def recheck_deadline(requested_on: date) -> date:
    """复核期限: 30 days after the request is received (听证 time is not tracked)."""
    return requested_on + timedelta(days=RECHECK_DAYS)


@dataclass(frozen=True)
class Progress:
    """Where a matter stands on a given day: its status, the deadline it runs against and the days left."""

    status: str
    deadline: date | None
    days_left: int | None

    @property
    def overdue(self) -> bool:
        return self.status == "超期"


def progress(
    registered_on: date,
    accepted_on: date | None,
    closed_on: date | None,
    extension_days: int,
    today: date,
) -> Progress:
    """待受理 / 办理中 / 已办结 / 超期 on ``today``; days left until the running deadline (negative when late)."""
    if closed_on is not None:
        return Progress("已办结", None, None)
    if accepted_on is None:
        deadline = acceptance_deadline(registered_on)
        status = "待受理"
    else:
        deadline = completion_deadline(registered_on, accepted_on, extension_days)
        status = "办理中"
    days_left = (deadline - today).days
    return Progress("超期" if days_left < 0 else status, deadline, days_left)


def late_marks(
    registered_on: date, accepted_on: date | None, closed_on: date | None, extension_days: int
) -> tuple[str, ...]:
    """超期受理 when accepted after its 15 days, 超期办结 when closed after its 办结期限 (both can hold)."""
    marks = []
    if accepted_on is not None and accepted_on > acceptance_deadline(registered_on):
        marks.append(LATE_ACCEPTANCE)
    if closed_on is not None and closed_on > completion_deadline(registered_on, accepted_on, extension_days):
        marks.append(LATE_COMPLETION)
    return tuple(marks)


# 一件信访事项、一批走访 -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Matter:
    """One registered 信访事项 as plain values (the register's row, the form's content)."""

    number: str
    registered_on: date
    channel: str
    id: int | None = None
    origin: str = "直接受理"
    assigned_level: str = ""
    handling_type: str = "申诉求决类"
    petitioner_name: str = ""
    id_number: str = ""
    phone: str = ""
    address: str = ""
    persons: int = 1
    locality: str = ""
    category: str = ""
    summary: str = ""
    responsible_unit: str = ""
    accepted_on: date | None = None
    extended: bool = False
    extension_approved_on: date | None = None
    extension_days: int = 0
    closed_on: date | None = None
    in_evaluation_scope: bool = False
    satisfaction: str = NOT_EVALUATED
    review_requested_on: date | None = None
    review_closed_on: date | None = None
    review_outcome: str = ""
    recheck_requested_on: date | None = None
    recheck_closed_on: date | None = None
    recheck_outcome: str = ""
    repeat: bool = False
    backlog: bool = False

    @property
    def granted_extension(self) -> int:
        return granted_extension(self.extended, self.extension_approved_on, self.extension_days)

    @property
    def completion_deadline(self) -> date:
        return completion_deadline(self.registered_on, self.accepted_on, self.granted_extension)

    def progress(self, today: date) -> Progress:
        return progress(self.registered_on, self.accepted_on, self.closed_on, self.granted_extension, today)

    @property
    def late_marks(self) -> tuple[str, ...]:
        return late_marks(self.registered_on, self.accepted_on, self.closed_on, self.granted_extension)


@dataclass(frozen=True)
class VisitBatch:
    """One 走访 batch: a day, a level, how many came, whether it was a 集访."""

    visited_on: date
    level: str
    persons: int = 1
    collective: bool = False
    id: int | None = None
    petition_id: int | None = None
    locality: str = ""
    note: str = ""


def _in_order(earlier: date | None, later: date | None, earlier_name: str, later_name: str) -> None:
    if earlier is not None and later is not None and later < earlier:
        raise PetitionInputError(f"{later_name}（{later}）早于{earlier_name}（{earlier}）")


def validate_matter(matter: Matter, today: date) -> Matter:
    """Check a matter before it is saved; returns it with 编号, ID number and phone normalised.

    Raises ``PetitionInputError`` naming the field: 编号 missing, unknown 信访形式, 来源, 办理类型
    or 满意度, 人数 < 1, a date before 2000-01-01 or after ``today``, dates out of order (登记 ≤
    受理 ≤ 办结 ≤ 复查 ≤ 复查办结 ≤ 复核 ≤ 复核办结), an extension over 30 days or without its
    approval date, an evaluation of an unclosed matter, a wrong phone or ID number
    (``petition_input``; the messages mask them).
    """
    number = normalise_number(matter.number)
    if not number:
        raise PetitionInputError("编号不能为空")
    for value, allowed, name in (
        (matter.channel, CHANNELS, "信访形式"),
        (matter.origin, ORIGINS, "来源"),
        (matter.handling_type, HANDLING_TYPES, "办理类型"),
        (matter.satisfaction, SATISFACTION_LEVELS, "满意度"),
    ):
        if value not in allowed:
            raise PetitionInputError(f"{name}“{value}”应为{'、'.join(allowed)}之一")
    if matter.persons < 1:
        raise PetitionInputError(f"人数应至少为 1，现为 {matter.persons}")
    if matter.extended:
        if matter.extension_approved_on is None:
            raise PetitionInputError("已延期的事项须填写延期批准日期")
        if not 1 <= matter.extension_days <= MAX_EXTENSION_DAYS:
            raise PetitionInputError(
                f"延期天数应为 1 至 {MAX_EXTENSION_DAYS} 天，现为 {matter.extension_days}"
            )
    if matter.closed_on is not None and matter.accepted_on is None:
        raise PetitionInputError("已填办结日期的事项须先填写受理日期")
    if matter.satisfaction != NOT_EVALUATED and matter.closed_on is None:
        raise PetitionInputError("未办结的事项不能评价满意度")
    chain = (
        (matter.registered_on, "登记日期"),
        (matter.accepted_on, "受理日期"),
        (matter.extension_approved_on, "延期批准日期"),
        (matter.closed_on, "办结日期"),
        (matter.review_requested_on, "复查申请日期"),
        (matter.review_closed_on, "复查办结日期"),
        (matter.recheck_requested_on, "复核申请日期"),
        (matter.recheck_closed_on, "复核办结日期"),
    )
    present = [(value, name) for value, name in chain if value is not None]
    try:
        for moment, label in present:
            check_date(moment, label, today)
        for (earlier, earlier_name), (later, later_name) in zip(present, present[1:], strict=False):
            _in_order(earlier, later, earlier_name, later_name)
        return replace(
            matter,
            number=number,
            id_number=normalise_id_number(matter.id_number, today),
            phone=normalise_phone(matter.phone),
        )
    except InputError as error:
        if isinstance(error, PetitionInputError):
            raise
        raise PetitionInputError(str(error)) from error


def validate_visit(visit: VisitBatch, today: date) -> VisitBatch:
    """Check a visit batch: a known level, at least one person, a date from 2000-01-01 to ``today``."""
    if visit.level not in VISIT_LEVELS:
        raise PetitionInputError(f"走访层级“{visit.level}”应为{'、'.join(VISIT_LEVELS)}之一")
    if visit.persons < 1:
        raise PetitionInputError(f"走访人数应至少为 1，现为 {visit.persons}")
    try:
        check_date(visit.visited_on, "走访日期", today)
    except InputError as error:
        raise PetitionInputError(str(error)) from error
    return visit
