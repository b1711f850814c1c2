"""信访 deadlines, ID numbers and masking (DOMAIN.md §3.1, GB 11643)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.petition_input import (
    InputError,
    id_check_character,
    mask_id_number,
    mask_phone,
    normalise_id_number,
)
from desktop.domain.petitions import (
    Matter,
    PetitionInputError,
    acceptance_deadline,
    completion_deadline,
    granted_extension,
    progress,
    review_deadline,
    validate_matter,
)


def test_acceptance_deadline_is_fifteen_calendar_days_after_receipt():
    assert acceptance_deadline(date(2023, 12, 31)) == date(2024, 1, 15)


def test_completion_deadline_is_sixty_days_after_acceptance_plus_the_extension():
    assert completion_deadline(date(2023, 3, 1), date(2023, 3, 3)) == date(2023, 5, 2)  # 3 Mar + 60
    assert completion_deadline(date(2023, 3, 1), date(2023, 3, 3), 30) == date(2023, 6, 1)  # + 90


def test_a_matter_not_yet_accepted_is_timed_from_the_last_day_to_accept_it():
    # 1 Mar + 15 = 16 Mar; + 60 = 15 May
    assert completion_deadline(date(2023, 3, 1), None) == date(2023, 5, 15)


def test_only_an_approved_extension_counts_and_never_more_than_thirty_days():
    assert granted_extension(True, None, 30) == 0
    assert granted_extension(True, date(2023, 4, 1), 45) == 30
    assert granted_extension(False, date(2023, 4, 1), 30) == 0


def test_review_is_answered_within_thirty_days():
    assert review_deadline(date(2023, 12, 10)) == date(2024, 1, 9)


def test_progress_on_a_given_day():
    registered, accepted = date(2023, 3, 1), date(2023, 3, 3)
    assert progress(registered, None, None, 0, date(2023, 3, 10)).status == "待受理"
    late = progress(registered, None, None, 0, date(2023, 3, 20))
    assert (late.status, late.days_left, late.overdue) == ("超期", -4, True)  # deadline 16 Mar
    running = progress(registered, accepted, None, 0, date(2023, 5, 1))
    assert (running.status, running.deadline, running.days_left) == ("办理中", date(2023, 5, 2), 1)
    assert progress(registered, accepted, date(2023, 4, 1), 0, date(2023, 9, 1)).status == "已办结"


def test_id_check_character_of_the_examples_in_gb_11643():
    assert id_check_character("11010519491231002") == "X"
    assert id_check_character("44052418800101001") == "4"


def test_id_numbers_are_checked_and_upper_cased():
    today = date(2024, 1, 1)
    assert normalise_id_number("11010519491231002x", today) == "11010519491231002X"
    assert normalise_id_number("", today) == ""
    with pytest.raises(InputError, match="校验位应为 X"):
        normalise_id_number("110105194912310021", today)
    with pytest.raises(InputError, match="18 位"):
        normalise_id_number("1101051949123100", today)
    with pytest.raises(InputError, match="出生日期不存在"):
        normalise_id_number("110105194902310021", today)


def test_masking_keeps_the_region_and_the_last_four():
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_phone("13800001234") == "138****1234"
    assert mask_phone("2223344") == "*****44"
    assert mask_id_number("") == ""


TODAY = date(2024, 6, 30)


def _matter(**changes) -> Matter:
    values = {"number": "A1", "registered_on": date(2023, 3, 1), "channel": "来信"} | changes
    return Matter(**values)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"number": " "}, "编号不能为空"),
        ({"channel": "传真"}, "信访形式“传真”"),
        ({"persons": 0}, "人数应至少为 1，现为 0"),
        ({"accepted_on": date(2023, 2, 28)}, "受理日期（2023-02-28）早于登记日期（2023-03-01）"),
        (
            {"accepted_on": date(2023, 3, 2), "closed_on": date(2023, 3, 1)},
            "办结日期（2023-03-01）早于受理日期",
        ),
        ({"closed_on": date(2023, 3, 5)}, "须先填写受理日期"),
        ({"extended": True}, "延期批准日期"),
        ({"extended": True, "extension_approved_on": date(2023, 4, 1), "extension_days": 31}, "1 至 30 天"),
        ({"satisfaction": "满意"}, "未办结的事项不能评价满意度"),
        ({"id_number": "110105194912310021"}, "校验位"),
    ],
)
def test_a_matter_with_a_wrong_field_is_refused_naming_the_field(changes, message):
    with pytest.raises(PetitionInputError, match=message):
        validate_matter(_matter(**changes), TODAY)


def test_a_valid_matter_comes_back_with_its_id_number_normalised():
    matter = validate_matter(_matter(id_number="11010519491231002x", accepted_on=date(2023, 3, 2)), TODAY)
    assert matter.id_number == "11010519491231002X"
