"""The one date parser of the window and the import, and the default 登记日期 of a back-filled year."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.dates import DateFormatError, default_registration_day, last_working_day, parse_date


@pytest.mark.parametrize(
    "text",
    ["2024-01-15", "2024-1-15", "2024/1/15", "2024.1.15", "2024年1月15日", "20240115", " 2024 年 1 月 15 日 ",
     "２０２４－１－１５"],
)  # fmt: skip
def test_every_way_a_clerk_writes_15_january_2024(text):
    assert parse_date(text) == date(2024, 1, 15)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2023-02-29", "日期“2023-02-29”不存在"),
        ("20231301", "日期“20231301”不存在"),
        ("下周一", "“下周一”不是日期，请写成 2023-01-31"),
        ("2024-1", "“2024-1”不是日期，请写成 2023-01-31"),
        ("2024115", "“2024115”不是日期，请写成 2023-01-31"),
    ],
)
def test_what_is_not_a_date_is_refused_with_the_reason(text, message):
    with pytest.raises(DateFormatError) as raised:
        parse_date(text)
    assert str(raised.value) == message


def test_the_last_working_day_of_a_year_skips_the_weekend():
    # 31 Dec 2023 is a Sunday, 31 Dec 2022 a Saturday, 31 Dec 2024 a Tuesday
    assert last_working_day(2023) == date(2023, 12, 29)
    assert last_working_day(2022) == date(2022, 12, 30)
    assert last_working_day(2024) == date(2024, 12, 31)


def test_a_new_matter_is_registered_today_inside_the_year_and_on_its_last_working_day_otherwise():
    assert default_registration_day(2026, date(2026, 3, 9)) == date(2026, 3, 9)
    assert default_registration_day(2023, date(2026, 3, 9)) == date(2023, 12, 29)
