"""Cross-table checks (勾稽关系, DOMAIN.md §5.3): findings and how figures are compared.

A *statement* is a figure as the department published it (决算说明, 绩效报告, 自评表); a *record*
is what the clerk keeps in Ziping. Each record quantity is compared with one statement of it (its
leaf check); every sum, share and year-on-year figure is then checked on the values the report
uses, a statement where there is one and the records otherwise. So a wrong record is reported
once, where it is, and not again in every total that contains it.

Amounts are ``Decimal`` 元; they are compared in 万元 with two decimals, allowing ±0.01 万元 per
addend (independent rounding of each printed addend). Percentages are compared as printed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from desktop.domain.money import FEN, HUNDRED, TEN_THOUSAND, round_half_up, to_wan

CERTAIN = "确定"
SUSPECTED = "疑似"
HINT = "提示"
SEVERITIES = (CERTAIN, SUSPECTED, HINT)

ADDEND_TOLERANCE = FEN * TEN_THOUSAND  # 0.01 万元 in 元
PERCENT_TOLERANCE = Decimal("0.02")  # percentage points, year-on-year rates (V17)


@dataclass(frozen=True)
class Statement:
    """A published figure: an amount in 元, a percentage as printed (98.90), or both."""

    key: str
    amount: Decimal | None = None
    percent: Decimal | None = None
    source: str = ""


@dataclass(frozen=True)
class Finding:
    """One thing that does not add up, where it is, and what was expected."""

    rule: str
    severity: str
    message: str
    where: str
    place: dict = field(hash=False, compare=False)
    expected: str = ""
    actual: str = ""
    note: str = ""

    @property
    def place_key(self) -> str:
        return place_key(self.place)

    def identity(self) -> tuple[str, str]:
        """The rule and the place: what the clerk's 说明 is attached to across runs."""
        return self.rule, self.place_key


def place_key(place: dict) -> str:
    return json.dumps(place, ensure_ascii=False, sort_keys=True)


def wan(amount: Decimal | None) -> str:
    """An amount in 元 as the report prints it in 万元."""
    return "" if amount is None else f"{to_wan(amount):.2f}"


def percent_text(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}%"


def amounts_agree(stated: Decimal, computed: Decimal, addends: int = 1) -> bool:
    """Equal in 万元 within ±0.01 per addend."""
    difference = abs(to_wan(stated) - computed / TEN_THOUSAND)
    return difference <= FEN * max(1, addends)


def ratio_percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole as an exact percentage (not rounded); none when the whole is 0."""
    if whole == 0:
        return None
    return part / whole * HUNDRED


def share_agrees(stated_percent: Decimal, part: Decimal, whole: Decimal) -> bool:
    """A printed share (V16): equal to part / whole rounded half-up to two decimals."""
    exact = ratio_percent(part, whole)
    return exact is not None and round_half_up(exact, 2) == stated_percent


def rate_agrees(stated_percent: Decimal, change: Decimal, previous: Decimal) -> bool:
    """A printed year-on-year rate (V17): rounded half-up or truncated, either within ±0.02 pp.

    Published reports truncate (1.24 / 9.04 = 13.717% printed 13.71%) as often as they round.
    """
    exact = ratio_percent(change, previous)
    if exact is None:
        return False
    candidates = (round_half_up(exact, 2), exact.quantize(FEN, rounding=ROUND_DOWN))
    return any(abs(stated_percent - candidate) <= PERCENT_TOLERANCE for candidate in candidates)


def sum_of(values: Iterable[Decimal]) -> Decimal:
    return sum(values, Decimal(0))


class Ledger:
    """The year's statements and the findings raised while comparing them with the records."""

    def __init__(self, statements: Iterable[Statement]) -> None:
        self._statements = {statement.key: statement for statement in statements}
        self.findings: list[Finding] = []

    def statement(self, key: str) -> Statement | None:
        return self._statements.get(key)

    def stated_amount(self, key: str) -> Decimal | None:
        statement = self._statements.get(key)
        return None if statement is None else statement.amount

    def value(self, key: str, record: Decimal) -> Decimal:
        """The figure the report uses: its statement where there is one, the records otherwise."""
        stated = self.stated_amount(key)
        return record if stated is None else stated

    def reported(self, place: dict) -> bool:
        """Whether a finding was already raised at ``place`` (a later rule then stays silent)."""
        key = place_key(place)
        return any(finding.place_key == key for finding in self.findings)

    def report(
        self, rule: str, severity: str, message: str, where: str, place: dict, expected: str, actual: str
    ) -> None:
        self.findings.append(Finding(rule, severity, message, where, place, expected, actual))

    def _source(self, key: str) -> str:
        statement = self._statements[key]
        return f"（{statement.source}）" if statement.source else ""

    def leaf(self, key: str, record: Decimal, addends: int, where: str, place: dict) -> None:
        """S1: a record against the one statement of it."""
        stated = self.stated_amount(key)
        if stated is None or amounts_agree(stated, record, addends):
            return
        self.report(
            "S1",
            CERTAIN,
            f"{where}：记录为 {wan(record)} 万元，公开数字“{key}”为 {wan(stated)} 万元{self._source(key)}",
            where,
            place,
            wan(record),
            wan(stated),
        )

    def leaf_percent(self, key: str, part: Decimal, whole: Decimal, where: str, place: dict) -> None:
        """S1 for a printed percentage whose part and whole are both records (执行进度)."""
        statement = self._statements.get(key)
        exact = ratio_percent(part, whole)
        if statement is None or statement.percent is None or exact is None:
            return
        computed = round_half_up(exact, 2)
        if abs(computed - statement.percent) <= FEN:
            return
        self.report(
            "S1",
            CERTAIN,
            f"{where}：按记录为 {percent_text(computed)}，公开数字“{key}”为 "
            f"{percent_text(statement.percent)}{self._source(key)}",
            where,
            place,
            percent_text(computed),
            percent_text(statement.percent),
        )

    def total(
        self,
        rule: str,
        key: str,
        parts: list[Decimal],
        where: str,
        place: dict,
        *,
        record: Decimal | None = None,
        formula: str = "",
    ) -> None:
        """A total (stated, or from the records when not stated) against the sum of its parts."""
        stated = self.stated_amount(key)
        actual = stated if stated is not None else record
        if actual is None or not parts:
            return
        expected = sum_of(parts)
        if amounts_agree(actual, expected, len(parts)):
            return
        said = (
            f"公开为 {wan(actual)} 万元{self._source(key)}"
            if stated is not None
            else f"记录为 {wan(actual)} 万元"
        )
        self.report(
            rule,
            CERTAIN,
            f"“{key}”{said}，{formula or '各组成部分'}合计 {wan(expected)} 万元，相差 {wan(actual - expected)} 万元",
            where,
            place,
            wan(expected),
            wan(actual),
        )

    def duplicate(self, key: str, primary_key: str, primary: Decimal, where: str, place: dict) -> None:
        """S2: the same figure stated twice with different values."""
        stated = self.stated_amount(key)
        if stated is None or to_wan(stated) == to_wan(primary):
            return
        self.report(
            "S2",
            HINT,
            f"同一数字两处不一致：“{key}”为 {wan(stated)} 万元{self._source(key)}，“{primary_key}”为 {wan(primary)} 万元",
            where,
            place,
            wan(primary),
            wan(stated),
        )

    def share(
        self, key: str, part: Decimal, whole: Decimal, whole_label: str, where: str, place: dict
    ) -> None:
        """V16: a printed share = part / whole, rounded half-up to two decimals."""
        statement = self._statements.get(key)
        exact = ratio_percent(part, whole)
        if statement is None or statement.percent is None or exact is None:
            return
        if share_agrees(statement.percent, part, whole):
            return
        computed = round_half_up(exact, 2)
        self.report(
            "V16",
            CERTAIN,
            f"“{key}”占{whole_label}的比例公开为 {percent_text(statement.percent)}{self._source(key)}，"
            f"{wan(part)} ÷ {wan(whole)} = {percent_text(computed)}",
            where,
            place,
            percent_text(computed),
            percent_text(statement.percent),
        )

    def change(self, label: str, current: Decimal, previous: Decimal, where: str, place: dict) -> None:
        """V17: the stated 增减额 and 增减率 of ``label`` against 本年 − 上年 and (本年 − 上年) / 上年."""
        difference = current - previous
        change_key, rate_key = f"{label}增减额", f"{label}增减率"
        stated_change = self.stated_amount(change_key)
        if stated_change is not None and not amounts_agree(stated_change, difference, 2):
            self.report(
                "V17",
                CERTAIN,
                f"“{change_key}”公开为 {wan(stated_change)} 万元{self._source(change_key)}，"
                f"本年 {wan(current)} − 上年 {wan(previous)} = {wan(difference)} 万元",
                where,
                {**place, "column": "增减额"},
                wan(difference),
                wan(stated_change),
            )
        statement = self._statements.get(rate_key)
        rate = ratio_percent(difference, previous)  # none when the previous year is 0
        if statement is None or statement.percent is None or rate is None:
            return
        if rate_agrees(statement.percent, difference, previous):
            return
        computed = round_half_up(rate, 2)
        self.report(
            "V17",
            CERTAIN,
            f"“{rate_key}”公开为 {percent_text(statement.percent)}{self._source(rate_key)}，"
            f"{wan(difference)} ÷ {wan(previous)} = {percent_text(computed)}",
            where,
            {**place, "column": "增减率"},
            percent_text(computed),
            percent_text(statement.percent),
        )
