"""政府收支分类科目 editions: parsing, look-up and the choice of edition by year."""

from __future__ import annotations

import pytest

from desktop.domain.classification import ClassificationError, parse_classification
from desktop.errors import UserInputError
from desktop.services.classification import (
    classification_for_year,
    edition_note,
    function_name,
)


def test_the_2023_edition_names_the_seed_codes():
    codes = classification_for_year(2023)
    # DOMAIN.md §4.3 and the seed's 名词解释
    assert codes.function_name("2010308") == "信访事务"
    assert codes.function_name("20103") == "政府办公厅（室）及相关机构事务"
    assert codes.function_name("2081105") == "残疾人就业"
    assert codes.economic_name("30217") == "公务接待费"
    assert ("2210201", "住房公积金") in codes.function_items()
    assert all(len(code) == 5 for code, _ in codes.economic_items())


def write_edition(folder, year: int, function: dict[str, str]) -> None:
    lines = "".join(f'"{code}" = "{name}"\n' for code, name in function.items())
    (folder / f"{year}.toml").write_text(f"[function]\n{lines}[economic]\n", encoding="utf-8")


def test_a_year_without_a_file_uses_the_nearest_edition(tmp_path):
    write_edition(tmp_path, 2021, {"201": "一般公共服务支出"})
    write_edition(tmp_path, 2023, {"201": "一般公共服务支出", "20103": "政府办公厅", "2010308": "信访事务"})
    assert classification_for_year(2025, tmp_path).year == 2023  # newest earlier
    assert classification_for_year(2022, tmp_path).year == 2021
    assert classification_for_year(2019, tmp_path).year == 2021  # none earlier: earliest later
    assert edition_note(2019, tmp_path) == "按 2021 年科目显示"
    assert edition_note(2023, tmp_path) is None
    # a code only the later edition knows is still a known code
    assert function_name(2022, "2010308", tmp_path) == "信访事务"
    with pytest.raises(ClassificationError, match="“2019999”不在2021年政府收支分类科目中"):
        function_name(2022, "2019999", tmp_path)


def test_no_edition_at_all_is_a_message(tmp_path):
    with pytest.raises(UserInputError, match="没有任何年度的政府收支分类科目"):
        classification_for_year(2023, tmp_path)


def test_unknown_code_and_missing_parent_are_named():
    codes = parse_classification(2023, {"function": {"201": "一般公共服务支出"}, "economic": {}})
    with pytest.raises(ClassificationError, match="功能分类科目“2019999”不在2023年政府收支分类科目中"):
        codes.function_name("2019999")
    with pytest.raises(ClassificationError, match="缺少上级科目“20103”"):
        parse_classification(2023, {"function": {"201": "x", "2010301": "行政运行"}, "economic": {}})
