"""信访事项编号 from a department's pattern: the next free number of the year."""

from __future__ import annotations

import pytest

from desktop.domain.matter_numbers import NumberPatternError, format_number, next_number


def test_the_sample_pattern_pads_the_running_number_to_four_digits():
    assert format_number("船信〔{年}〕{序号:04}号", 2024, 7) == "船信〔2024〕0007号"


def test_the_next_number_follows_the_highest_of_the_year_and_ignores_other_years_and_hand_numbers():
    used = [
        "鄂岸信〔2024〕第9号",
        "鄂岸信〔2024〕第12号",
        "鄂岸信〔2023〕第40号",
        "临时-1",
        "鄂岸信〔2024〕第x号",
    ]
    assert next_number("鄂岸信〔{年}〕第{序号}号", 2024, used) == "鄂岸信〔2024〕第13号"
    assert next_number("鄂岸信〔{年}〕第{序号}号", 2025, used) == "鄂岸信〔2025〕第1号"


def test_a_pattern_without_a_year_counts_on_across_years():
    assert next_number("X{序号:03}", 2024, ["X009", "X010"]) == "X011"


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("船信〔{年}〕号", "编号格式“船信〔{年}〕号”须含一个 {序号}（如 船信〔{年}〕{序号:04}号）"),
        ("{序号}-{序号}", "编号格式“{序号}-{序号}”须含一个 {序号}（如 船信〔{年}〕{序号:04}号）"),
        ("{月}-{序号}", "编号格式“{月}-{序号}”中只能使用 {年} 和 {序号} 或 {序号:04}"),
    ],
)
def test_a_pattern_that_cannot_number_matters_is_refused(pattern, message):
    with pytest.raises(NumberPatternError) as raised:
        format_number(pattern, 2024, 1)
    assert str(raised.value) == message
