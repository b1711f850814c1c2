"""How the 决算说明 words a figure: 万元 with two decimals, percentages, and the comparison with
last year, its verbs chosen from the sign (增加/减少/持平, 增长/下降).

A year without a previous one gets no comparison; a zero base gets the change without a rate
(“上年为0”), a negative base the change with no rate either, since a rate over it has no meaning.
"""

from __future__ import annotations

from decimal import Decimal

from desktop.domain.money import format_percent, format_wan
from desktop.domain.report_figures import ReportFigure


def wan(amount: Decimal) -> str:
    """``4212000`` 元 → “421.20万元”."""
    return f"{format_wan(amount)}万元"


def percent(ratio: Decimal | None) -> str:
    """0.9890 → “98.90%”; a share of nothing is 0%."""
    return format_percent(ratio) if ratio is not None else "0.00%"


def change_phrase(figure: ReportFigure, subject: str, year: int, *, lead: str | None = None) -> str:
    """“与2022年度相比，收、支总计减少74.49万元，下降15.01%” — or “” without a previous year.

    ``lead`` replaces “与{上年}年度相比，{subject}” (the 三公 sentence says “较上年度”).
    """
    if figure.previous is None or figure.change is None:
        return ""
    opening = lead if lead is not None else f"与{year - 1}年度相比，{subject}"
    difference = figure.change
    if difference == 0:  # “比2022年度持平” does not read: 持平 is always “与…持平”
        return f"{opening}持平" if lead is None else f"与{year - 1}年度持平"
    verb = "增加" if difference > 0 else "减少"
    amount = wan(abs(difference))
    if figure.previous == 0:
        return f"{opening}{verb}{amount}（{year - 1}年度为0，不计增减率）"
    if figure.previous < 0:
        return f"{opening}{verb}{amount}（{year - 1}年度为负数，不计增减率）"
    rate = figure.change_rate
    assert rate is not None  # a non-zero base always has a rate
    trend = "增长" if difference > 0 else "下降"
    return f"{opening}{verb}{amount}，{trend}{format_percent(abs(rate))}"


def reason_phrase(reason: str) -> str:
    """“主要原因是…。” from the clerk's text, as written (its own ending kept)."""
    text = reason.strip().rstrip("。")
    if not text:
        return ""
    return text + "。" if text.startswith("主要") else f"主要原因是{text}。"


def listing(parts: list[str]) -> str:
    """Parts joined the way the report lists them: “…，占98.90%；其他收入…”."""
    return "；".join(parts)
