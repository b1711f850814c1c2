"""Checking a 决算说明 written elsewhere against the figure catalogue (DOMAIN.md §5 V16, V17).

Every amount (…万元) and percentage stated in a sentence is tied to the figure the sentence names
before it, and read as what the words around it say: 金额, 上年金额 (after “2022年…”), 增减额
(after 增加/减少), 增减率 (after 增长/下降), 占比 (after 占, of the figure named after 占 or of the
figure's own whole), 完成预算. An amount agrees when it is the 万元 figure rounded half-up or
truncated (a 增减额 also as the difference of the two rounded amounts); a percentage when it is
within ±0.02 percentage points. What cannot be tied to a figure is listed, never counted as agreeing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from desktop.domain import report_figures as names
from desktop.domain.budget import BASIC, PROJECT
from desktop.domain.money import HUNDRED, TEN_THOUSAND, round_half_up, to_wan
from desktop.domain.report_figures import ReportCatalogue, progress_name

PERCENT_TOLERANCE = Decimal("0.02")  # percentage points (V17)
AMOUNT, PREVIOUS, CHANGE, RATE, SHARE, COMPLETION = "金额", "上年金额", "增减额", "增减率", "占比", "完成预算"

# How reports name the figures besides the catalogue's own names.
ALIASES = {
    "收、支总计": names.GRAND_TOTAL,
    "三公经费财政拨款支出": names.THREE_PUBLIC,
    "财政拨款收、支总计": names.FISCAL_GRAND_TOTAL,
    "收入决算总额": names.INCOME_TOTAL,
    "支出决算总额": names.EXPENDITURE_TOTAL,
    "一般公共预算支出": names.GENERAL_EXPENDITURE,
    "因公出国（境）经费": "因公出国（境）费",
    "公务用车购置支出": "公务用车购置费",
    "国内公务接待": "国内公务接待费",
    "外事接待": "外事接待费",
}
# 基本支出 / 项目支出 named right after a 财政拨款 figure (“财政拨款支出…其中：基本支出…”) are its parts.
_QUALIFIED = {BASIC: names.FISCAL_BASIC, PROJECT: names.FISCAL_PROJECT}
_FISCAL_PARENTS = (names.FISCAL_EXPENDITURE, names.FISCAL_GRAND_TOTAL)
# A sentence about budgets (年初预算, 调整预算) states no 决算 figure: its numbers are listed, not checked.
_BUDGET_SENTENCE = re.compile(r"年初预算|调整预算|预算数")
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(万元|%)")
_ITEM = re.compile(r"\((\d{3})\).*?\((\d{2})\).*?\((\d{2})\)")
# “6月、9月、11月执行进度分别达到43.58%、66.03%、78.03%”: each month with its percentage, in order.
_PROGRESS = re.compile(
    r"((?:\d{1,2}月[、和]?)+)(?:项目)?(?:预算)?执行进度(?:分别)?达到了?((?:\d+(?:\.\d+)?%[、和]?)+)"
)
_THRESHOLDS = ("以上", "以下", "以内")
_DOWN = re.compile(r"减少|下降|降低")
_UP = re.compile(r"增加|增长|提高|上升")
# a scoring rule (“达到100%的，得10分”, “超过20%的，不得分”): its numbers are bounds, not figures
_RULE_SENTENCE = re.compile(r"得\d+(?:\.\d+)?分|不得分")


@dataclass(frozen=True)
class StatedValue:
    """One number stated in the text, with what it was read as and the catalogue's value."""

    sentence: str
    stated: str  # as written: “98.79%”
    figure: str | None
    kind: str | None
    computed: str | None  # the catalogue's value as the report would print it
    agrees: bool | None  # none: could not be tied to a figure
    note: str = ""


@dataclass(frozen=True)
class TextCheck:
    values: list[StatedValue]

    @property
    def mismatches(self) -> list[StatedValue]:
        return [value for value in self.values if value.agrees is False]

    @property
    def unmatched(self) -> list[StatedValue]:
        return [value for value in self.values if value.agrees is None]

    @property
    def agreeing(self) -> list[StatedValue]:
        return [value for value in self.values if value.agrees]


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("“", "").replace("”", "").replace('"', "")


@dataclass
class _Mention:
    start: int
    end: int
    figure: str
    bound: set[str]


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[。\n]", text) if part.strip()]


@dataclass(frozen=True)
class _Vocabulary:
    """The names a text may use for the catalogue's figures, built once per check (not per sentence)."""

    words: tuple[tuple[str, str], ...]  # (name as normalised, its figure), longest first
    items: dict[str, str]  # 项 code → its label


def _vocabulary(catalogue: ReportCatalogue) -> _Vocabulary:
    vocabulary = {_normal(name): name for name in catalogue.figures}
    vocabulary.update({_normal(alias): figure for alias, figure in ALIASES.items()})
    return _Vocabulary(
        tuple((word, vocabulary[word]) for word in sorted(vocabulary, key=len, reverse=True)),
        {code: label for code, label in catalogue.items},
    )


def _mentions(sentence: str, vocabulary: _Vocabulary) -> list[_Mention]:
    found: list[_Mention] = []
    for match in _ITEM.finditer(sentence):
        code = "".join(match.groups())
        if code in vocabulary.items:
            found.append(_Mention(match.start(), match.end(), vocabulary.items[code], set()))
    taken = [(m.start, m.end) for m in found]
    for word, figure in vocabulary.words:
        if word not in sentence:  # most names are not in a given sentence
            continue
        for match in re.finditer(re.escape(word), sentence):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            found.append(_Mention(match.start(), match.end(), figure, set()))
            taken.append((match.start(), match.end()))
    found.sort(key=lambda mention: mention.start)
    fiscal = False
    for mention in found:
        if mention.figure in _QUALIFIED and fiscal:
            mention.figure = _QUALIFIED[mention.figure]
        fiscal = fiscal or mention.figure in _FISCAL_PARENTS
    return found


def _amount_agrees(stated: Decimal, amount_yuan: Decimal, *alternatives: Decimal) -> bool:
    wan = amount_yuan / TEN_THOUSAND
    accepted = {round_half_up(wan, 2), wan.quantize(Decimal("0.01"), rounding=ROUND_DOWN), *alternatives}
    return stated in accepted


def _percent_agrees(stated: Decimal, ratio: Decimal) -> bool:
    return abs(stated - ratio * HUNDRED) <= PERCENT_TOLERANCE


def check_text(text: str, catalogue: ReportCatalogue) -> TextCheck:
    """Every amount and percentage of ``text``, checked against ``catalogue``."""
    values: list[StatedValue] = []
    vocabulary = _vocabulary(catalogue)
    for original in _sentences(text):
        values += _check_sentence(original, _normal(original), catalogue, vocabulary)
    return TextCheck(values)


def _check_sentence(
    original: str, sentence: str, catalogue: ReportCatalogue, vocabulary: _Vocabulary
) -> list[StatedValue]:
    mentions = _mentions(sentence, vocabulary)
    progress = _progress_values(original, sentence, catalogue)
    budget_sentence = bool(_BUDGET_SENTENCE.search(sentence))
    rule_sentence = bool(_RULE_SENTENCE.search(sentence))
    previous_year = f"{catalogue.year - 1}年"
    results = []
    window_start = 0
    for number in _NUMBER.finditer(sentence):
        window = sentence[window_start : number.start()]
        window_start = number.end()
        stated_text = number.group(0).replace(" ", "")
        if sentence[number.end() : number.end() + 2] in _THRESHOLDS:
            continue  # “单价100万元以上”, “10%以内”: a bound the sentence names, not a figure it states
        if rule_sentence:
            results.append(
                StatedValue(original, stated_text, None, None, None, None, "评分标准，不是决算数，未核对")
            )
            continue
        if number.start() in progress:
            results.append(progress[number.start()])
            continue

        def unmatched(
            note: str, figure: str | None = None, kind: str | None = None, text=stated_text
        ) -> StatedValue:
            return StatedValue(original, text, figure, kind, None, None, note)

        if budget_sentence:
            results.append(unmatched("预算数，不是决算数，未核对"))
            continue
        before = [mention for mention in mentions if mention.end <= number.start()]
        share_at = window.rfind("占")
        whole = None
        if number.group(2) == "%" and share_at >= 0 and "完成预算" not in window:
            offset = number.start() - len(window) + share_at
            inside = [mention for mention in before if mention.start > offset]
            whole = inside[-1].figure if inside else None
            before = [mention for mention in before if mention.start < offset]
        if not before:
            results.append(unmatched("句中没有可对应的数字名称"))
            continue
        subject = before[-1]
        if "分别" in sentence[subject.end : number.start()]:
            results.append(unmatched("分项列举，看不出各数字对应的名称", subject.figure))
            continue
        kind = _kind(
            number.group(2), window, sentence[max(0, subject.start - 8) : subject.start], previous_year
        )
        if kind is None:
            results.append(unmatched("看不出这个百分数是占比、增减率还是完成预算", subject.figure))
            continue
        if kind in subject.bound and kind in (AMOUNT, PREVIOUS):
            results.append(unmatched("同一名称后的第二个金额，看不出是哪个数字", subject.figure, kind))
            continue
        subject.bound.add(kind)
        sign = -1 if _DOWN.search(window) else 1
        if kind in (CHANGE, RATE):
            verbs = list((_DOWN if sign < 0 else _UP).finditer(window))
            stated_text = verbs[-1].group(0) + stated_text
        results.append(
            _compare(
                original, stated_text, Decimal(number.group(1)), sign, subject.figure, kind, whole, catalogue
            )
        )
    return results


def _progress_values(original: str, sentence: str, catalogue: ReportCatalogue) -> dict[int, StatedValue]:
    """The 执行进度 percentages of the sentence by where they stand, each checked against its month."""
    found: dict[int, StatedValue] = {}
    for match in _PROGRESS.finditer(sentence):
        months = [int(month) for month in re.findall(r"(\d{1,2})月", match.group(1))]
        numbers = list(re.finditer(r"\d+(?:\.\d+)?%", match.group(2)))
        for month, number in zip(months, numbers, strict=False):
            start = match.start(2) + number.start()
            name = progress_name(month)
            if name in catalogue.figures:
                stated = Decimal(number.group(0)[:-1])
                found[start] = _compare(
                    original, number.group(0), stated, 1, name, COMPLETION, None, catalogue
                )
            else:
                found[start] = StatedValue(
                    original, number.group(0), name, COMPLETION, None, None, "没有该月的执行进度"
                )
    return found


def _kind(unit: str, window: str, lead: str, previous_year: str) -> str | None:
    if unit == "%":
        if "完成预算" in window:
            return COMPLETION
        if _DOWN.search(window) or _UP.search(window):
            return RATE
        # “其他收入 4.60万元（1.10%）”, as a chart labels a slice: the share in brackets after the amount
        return SHARE if "占" in window or window.strip() == "(" else None
    if _DOWN.search(window) or _UP.search(window):
        return CHANGE
    return PREVIOUS if previous_year in lead or "上年" in lead else AMOUNT


def _compare(
    sentence: str,
    stated_text: str,
    stated: Decimal,
    sign: int,
    name: str,
    kind: str,
    whole: str | None,
    catalogue: ReportCatalogue,
) -> StatedValue:
    figure = catalogue[name]

    def result(computed: str | None, agrees: bool | None, note: str = "") -> StatedValue:
        return StatedValue(sentence, stated_text, name, kind, computed, agrees, note)

    if kind == AMOUNT:
        return result(f"{to_wan(figure.current)}万元", _amount_agrees(stated, figure.current))
    if kind in (PREVIOUS, CHANGE, RATE) and figure.previous is None:
        return result(None, None, "没有上年数")
    if kind == PREVIOUS:
        assert figure.previous is not None
        return result(f"{to_wan(figure.previous)}万元", _amount_agrees(stated, figure.previous))
    if kind == CHANGE:
        assert figure.change is not None and figure.previous is not None
        rounded = to_wan(figure.current) - to_wan(figure.previous)
        agrees = _amount_agrees(sign * stated, figure.change, rounded)
        return result(f"{to_wan(figure.change)}万元", agrees)
    if kind == RATE:
        rate = figure.change_rate
        if rate is None:
            return result(None, None, "上年为0，没有增减率")
        return result(f"{round_half_up(rate * HUNDRED)}%", _percent_agrees(sign * stated, rate))
    if kind == SHARE:
        ratio = catalogue.share(name, whole)
        if ratio is None:
            ratio = Decimal(0) if figure.current == 0 else None
        if ratio is None:
            return result(None, None, "占比的基数为0")
        base = whole or figure.whole
        return result(f"{round_half_up(ratio * HUNDRED)}%", _percent_agrees(stated, ratio), f"占{base}")
    ratio = figure.completion
    if ratio is None:
        ratio = Decimal(0) if figure.current == 0 else None
    if ratio is None:
        return result(None, None, "没有预算数，无法计算完成预算")
    return result(f"{round_half_up(ratio * HUNDRED)}%", _percent_agrees(stated, ratio))
