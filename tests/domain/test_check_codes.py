"""V18 on hand-made records of a 文旅局 (not the sample): unknown codes, names, 经济分类 kind."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.domain.check_codes import check_codes
from desktop.domain.check_records import Accounts, BasicRecord, ExpenditureRecord
from desktop.domain.checks import CERTAIN, SUSPECTED, Ledger
from desktop.domain.classification import (
    ClassificationError,
    check_new_function_code,
    name_mismatch,
    parse_classification,
)

EDITION = parse_classification(
    2024,
    {
        "function": {
            "207": "文化旅游体育与传媒支出",
            "20701": "文化和旅游",
            "2070101": "行政运行",
            "2070199": "其他文化和旅游支出",
            "201": "一般公共服务支出",
            "20103": "政府办公厅（室）及相关机构事务",
            "2010301": "行政运行",
        },
        "economic": {"302": "商品和服务支出", "30201": "办公费"},
    },
)
FUND = "政府性基金预算财政拨款"


def line(code: str, name: str) -> ExpenditureRecord:
    return ExpenditureRecord(code, name, "项目支出", FUND, Decimal("120000.00"), Decimal(0))


def findings(accounts: Accounts, edition=EDITION):
    ledger = Ledger([])
    check_codes(accounts, edition, ledger)
    return [(f.rule, f.severity, f.message, f.place) for f in ledger.findings]


def test_known_codes_with_their_names_are_no_finding():
    accounts = Accounts(
        expenditure=(line("2070101", "行政运行"), line("2070199", "其他文化和旅游支出")),
        basic=(BasicRecord("30201", FUND, Decimal(5), Decimal(0), "办公费"),),
    )
    assert findings(accounts) == []


def test_an_unknown_function_code_is_certain_once_at_its_code():
    accounts = Accounts(expenditure=(line("2070188", "乡村文化"), line("2070188", "乡村文化")))
    assert findings(accounts) == [
        (
            "V18",
            CERTAIN,
            "支出 2070188：功能分类科目“2070188”不在2024年政府收支分类科目中，也不是本单位添加的科目",
            {"tab": "预算决算", "function_code": "2070188", "column": "科目编码"},
        )
    ]


def test_a_code_the_clerk_added_is_not_reported():
    edition = EDITION.with_user_codes({"2070188": "乡村文化"})
    assert edition.user_added == frozenset({"2070188"})
    assert findings(Accounts(expenditure=(line("2070188", "乡村文化"),)), edition) == []


def test_a_name_that_is_not_its_codes_name_is_suspected():
    accounts = Accounts(
        expenditure=(
            line("2070199", "其他文化和旅游支出"),
            line("2070199", "其他文化支出"),
            line("2010301", "行政 运行"),
        )
    )
    assert findings(accounts) == [
        (
            "V18",
            SUSPECTED,
            "支出 2070199：科目名称为“其他文化支出”，2024年政府收支分类科目中 2070199 是“其他文化和旅游支出”",
            {"tab": "预算决算", "function_code": "2070199", "column": "科目名称"},
        )
    ]


def test_basic_lines_use_department_economic_codes():
    accounts = Accounts(
        basic=(
            BasicRecord("50201", FUND, Decimal(5), Decimal(0), "办公经费"),
            BasicRecord("30288", FUND, Decimal(5), Decimal(0), "x"),
            BasicRecord("30201", FUND, Decimal(5), Decimal(0), "办公用品"),
        )
    )
    assert [(rule, severity, message) for rule, severity, message, _ in findings(accounts)] == [
        (
            "V18",
            CERTAIN,
            "基本支出 50201：“50201”不是部门预算支出经济分类（301–399）科目，基本支出表只用部门经济分类",
        ),
        ("V18", CERTAIN, "基本支出 30288：经济分类科目“30288”不在2024年政府收支分类科目中"),
        ("V18", SUSPECTED, "基本支出 30201：科目名称为“办公用品”，2024年政府收支分类科目中 30201 是“办公费”"),
    ]


def test_name_mismatch_ignores_bracket_width_and_spaces():
    assert name_mismatch("20103", "政府办公厅(室)及相关机构事务", EDITION) is None
    assert name_mismatch("2070101", "行政 运行", EDITION) is None
    assert name_mismatch("2070101", "一般行政管理事务", EDITION) == "行政运行"
    assert name_mismatch("2079999", "随便", EDITION) is None  # unknown: its own finding
    assert name_mismatch("30201", "办公费", EDITION) is None


def test_a_new_code_is_cleaned_and_checked():
    assert check_new_function_code(EDITION, " ２０７０１８８ ", " 乡村  文化 ") == ("2070188", "乡村 文化")
    assert check_new_function_code(EDITION, "20702", "文物") == ("20702", "文物")


@pytest.mark.parametrize(
    ("code", "name", "message"),
    [
        ("207018", "x", "科目编码“207018”应为 7 位数字的项（如 2070199）或 5 位数字的款（如 20799）"),
        ("2070100", "x", "科目编码“2070100”应为 7 位数字的项（如 2070199）或 5 位数字的款（如 20799）"),
        ("2070199", "x", "科目编码“2070199”已有，是“其他文化和旅游支出”"),
        ("2070201", "文物保护", "科目编码“2070201”的上级款“20702”不在2024年政府收支分类科目中"),
        ("20801", "人社", "科目编码“20801”的上级类“208”不在2024年政府收支分类科目中"),
        ("2070188", "  ", "科目名称：不能为空"),
        ("2070188", "文" * 41, "科目名称：最多 40 字，现有 41 字"),
    ],
)
def test_a_bad_new_code_is_refused_with_its_reason(code, name, message):
    with pytest.raises(ClassificationError) as error:
        check_new_function_code(EDITION, code, name)
    assert str(error.value) == message
