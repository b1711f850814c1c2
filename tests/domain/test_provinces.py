"""Province names as typed, and the 统一社会信用代码 check character (GB 32100-2015)."""

from __future__ import annotations

import pytest

from desktop.domain.credit_code import WEIGHTS, check_character, credit_code_problem
from desktop.domain.provinces import PROVINCES, normalise_province


def test_the_34_provincial_level_divisions():
    assert len(PROVINCES) == len(set(PROVINCES)) == 34
    assert (
        PROVINCES.count("四川省") == 1 and "新疆维吾尔自治区" in PROVINCES and "澳门特别行政区" in PROVINCES
    )


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("四川", "四川省"),
        ("四川省", "四川省"),
        ("新疆", "新疆维吾尔自治区"),
        ("新疆自治区", "新疆维吾尔自治区"),
        ("北京", "北京市"),
        (" 广西 ", "广西壮族自治区"),
        ("内蒙古", "内蒙古自治区"),
        ("宁夏", "宁夏回族自治区"),
        ("香港特区", "香港特别行政区"),
        ("黑龙江", "黑龙江省"),
    ],
)
def test_a_province_is_stored_under_its_full_name(typed, stored):
    assert normalise_province(typed) == stored


@pytest.mark.parametrize("typed", ["", "四川省省", "遂宁市", "川", "Sichuan"])
def test_what_names_no_province_is_none(typed):
    assert normalise_province(typed) is None


def test_the_weights_are_powers_of_three_modulo_31():
    # GB 32100-2015 表2: 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
    assert WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def test_the_standards_own_example_checks():
    # 9 1 3 5 0 1 0 0 M(21) 0 0 0 1 0 0 Y(30) 4 with the weights above:
    # 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640; 1640 mod 31 = 28; 31 − 28 = 3
    assert check_character("91350100M000100Y4") == "3"
    assert credit_code_problem("91350100M000100Y43") is None


def test_a_code_with_a_wrong_check_character_or_length_or_letter_is_refused():
    assert credit_code_problem("91350100M000100Y44") == (
        "“91350100M000100Y44”的校验位应为“3”而不是“4”（GB 32100-2015），请核对是否抄错"
    )
    assert (
        credit_code_problem("91350100M000100Y4") == "“91350100M000100Y4”有 17 位，统一社会信用代码应为 18 位"
    )
    assert credit_code_problem("91350100I000100Y43") == (
        "“91350100I000100Y43”含有“I”，统一社会信用代码只用数字和除 I、O、Z、S、V 以外的大写字母"
    )
