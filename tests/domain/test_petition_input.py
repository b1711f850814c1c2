"""编号, dates, phones and ID numbers mean what they look like (issue 10, observation 8)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.petition_input import (
    InputError,
    check_date,
    normalise_id_number,
    normalise_number,
    normalise_phone,
)
from desktop.domain.petitions import Matter, PetitionInputError, VisitBatch, validate_matter, validate_visit

TODAY = date(2024, 6, 30)


@pytest.mark.parametrize(
    "typed",
    [
        "XF-2023-001",
        "XF-2023-001\u200b",
        "\u202eXF-2023-001",
        "ＸＦ－２０２３－００１",
        " XF-2023-\ufeff001 ",
    ],
)
def test_look_alike_numbers_are_one_number(typed):
    assert normalise_number(typed) == "XF-2023-001"


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (date(2000, 1, 1), True),
        (TODAY, True),
        (date(1999, 12, 31), False),
        (date(1900, 1, 1), False),
        (date(2024, 7, 1), False),
        (date(2099, 1, 1), False),
    ],
)
def test_dates_lie_between_2000_and_today(value, ok):
    if ok:
        check_date(value, "登记日期", TODAY)
    else:
        with pytest.raises(InputError, match=f"登记日期（{value}）应在 2000-01-01 至今天（2024-06-30）之间"):
            check_date(value, "登记日期", TODAY)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13800001234", "13800001234"),
        ("１９９ ０００１ １２３４", "19900011234"),
        ("+86 13800001234", "13800001234"),
        ("0825-2221234", "0825-2221234"),
        ("(028)85551234", "02885551234"),
        ("010-12345678-801", "010-12345678-801"),
        ("", ""),
    ],
)
def test_good_phone_numbers_are_kept_in_one_form(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize(
    "typed", ["12800001234", "1380000123", "138000012345", "2221234", "abc", "8825-2221234"]
)
def test_bad_phone_numbers_are_refused_with_the_number_masked(typed):
    with pytest.raises(InputError, match="联系电话") as caught:
        normalise_phone(typed)
    if len(typed) >= 7:
        assert f"“{typed}”" not in str(caught.value)


def test_full_width_id_number_is_checked_after_normalising():
    # GB 11643 example 11010519491231002X; its check character X is right, so the full-width form passes.
    assert normalise_id_number("１１０１０５１９４９１２３１００２ｘ", TODAY) == "11010519491231002X"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("000000194912310020", "地区码 000000 不是有效的省级行政区划代码"),
        ("990105194912310020", "地区码 990105"),
        ("110105209901010010", "出生日期晚于今天"),
        ("110105202407010010", "出生日期晚于今天"),
        ("110105194912310021", "校验位应为 X"),
    ],
)
def test_bad_id_numbers_are_refused_with_the_birth_date_masked(typed, message):
    with pytest.raises(InputError, match=message) as caught:
        normalise_id_number(typed, TODAY)
    assert typed not in str(caught.value)
    assert typed[6:14] not in str(caught.value)


def _matter(**changes) -> Matter:
    return Matter(**({"number": "A1", "registered_on": date(2023, 3, 1), "channel": "来信"} | changes))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"registered_on": date(1900, 1, 1)}, "登记日期（1900-01-01）应在 2000-01-01"),
        ({"registered_on": date(2099, 1, 1)}, "登记日期（2099-01-01）应在"),
        ({"accepted_on": date(2023, 3, 2), "closed_on": date(2099, 1, 1)}, "办结日期（2099-01-01）应在"),
        ({"accepted_on": date(2023, 2, 1)}, "受理日期（2023-02-01）早于登记日期（2023-03-01）"),
        ({"origin": "群众举报"}, "来源“群众举报”应为直接受理、上级交办、上级转送、领导批示之一"),
        ({"handling_type": "其他"}, "办理类型“其他”"),
        ({"phone": "12345"}, "联系电话“\\*\\*\\*45”"),
        ({"id_number": "000000194912310020"}, "地区码"),
    ],
)
def test_a_matter_is_refused_naming_the_field(changes, message):
    with pytest.raises(PetitionInputError, match=message):
        validate_matter(_matter(**changes), TODAY)


def test_a_matter_comes_back_normalised():
    matter = validate_matter(_matter(number="Ａ1\u200b", phone="138 0000 1234"), TODAY)
    assert (matter.number, matter.phone) == ("A1", "13800001234")


def test_a_visit_in_the_future_is_refused():
    with pytest.raises(PetitionInputError, match="走访日期（2025-01-01）应在"):
        validate_visit(VisitBatch(date(2025, 1, 1), "到区"), TODAY)
