"""V18 科目 validity (DOMAIN.md §5.3): the codes and names of the year's lines against its edition.

A 功能分类 code that the year's 政府收支分类科目 edition does not have (and the clerk did not add) is
certain; a printed name that is not its code's name is suspected (an imported table may abbreviate).
The 基本支出 table is a 部门 table, so its 经济分类 codes are 部门预算支出经济分类 (3xx).
"""

from __future__ import annotations

from desktop.domain.check_records import Accounts, budget_place
from desktop.domain.checks import CERTAIN, SUSPECTED, Ledger
from desktop.domain.classification import Classification, name_mismatch

RULE = "V18"


def _named(ledger: Ledger, where: str, code: str, name: str, edition: Classification, place: dict) -> None:
    expected = name_mismatch(code, name, edition)
    if expected is not None and not ledger.reported(place):
        ledger.report(
            RULE,
            SUSPECTED,
            f"{where}：科目名称为“{name}”，{edition.edition}中 {code} 是“{expected}”",
            where,
            place,
            expected,
            name,
        )


def check_function_codes(accounts: Accounts, edition: Classification, ledger: Ledger) -> None:
    """Each code once where it is unknown; each line's name (a code's lines are one place)."""
    for line in accounts.expenditure:
        code = line.function_code
        where = f"支出 {code}"
        unknown = budget_place(function_code=code, column="科目编码")
        if code not in edition.function:
            if ledger.reported(unknown):
                continue
            ledger.report(
                RULE,
                CERTAIN,
                f"{where}：功能分类科目“{code}”不在{edition.edition}中，也不是本单位添加的科目",
                where,
                unknown,
                "",
                code,
            )
        else:
            _named(
                ledger, where, code, line.name, edition, budget_place(function_code=code, column="科目名称")
            )


def check_economic_codes(accounts: Accounts, edition: Classification, ledger: Ledger) -> None:
    for line in accounts.basic:
        code = line.economic_code
        where = f"基本支出 {code}"
        place = budget_place(economic_code=code, column="经济分类")
        if ledger.reported(place):
            continue
        if not code.startswith("3"):
            message = f"{where}：“{code}”不是部门预算支出经济分类（301–399）科目，基本支出表只用部门经济分类"
        elif code not in edition.economic:
            message = f"{where}：经济分类科目“{code}”不在{edition.edition}中"
        else:
            _named(
                ledger, where, code, line.name, edition, budget_place(economic_code=code, column="科目名称")
            )
            continue
        ledger.report(RULE, CERTAIN, message, where, place, "", code)


def check_codes(accounts: Accounts, edition: Classification, ledger: Ledger) -> None:
    """V18 on the 功能分类 codes of the expenditure lines and the 经济分类 codes of 基本支出."""
    check_function_codes(accounts, edition, ledger)
    check_economic_codes(accounts, edition, ledger)
