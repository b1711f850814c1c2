"""The words of a published 决算 table: its title, 编制单位 and 金额单位 lines, headers and row labels.

Pure text functions used by ``published_tables_read`` while it reads a sheet. Text is compared after
NFKC (full-width letters, digits and brackets to ASCII) with spaces, quote marks and brackets
removed, so “财政拨款“三公”经费支出决算表”, “财政拨款"三公"经费支出决算表” and
“财政拨款 三公 经费支出决算表” are one title, and “基本支出决算（明细）表” is “基本支出决算明细表”.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

UNITS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000)}
SUM_WORDS = ("合计", "小计", "总计")
SIDES = ("收入", "支出")
COUNT_WORDS = ("批次", "人次", "辆", "保有量", "购置数", "人数", "编制数", "(人)", "(个)")

_IGNORED = re.compile(r"[\s\"'“”‘’「」『』〝〞()\[\]【】〔〕]")
_BRACKETED = re.compile(r"\([^()]*\)")
_NUMBER_LABEL = re.compile(r"公开\s*(\d+)\s*表")
_DEPARTMENT = re.compile(r"^(?:编制|填报|预算)单位[:：]?(.*)$")
_UNIT = re.compile(r"(?:金额)?单位[:：]?(千元|万元|元)$")
_YEAR = re.compile(r"^(\d{4})年度?$")
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\(?[一二三四五六七八九十]+\)|\d+[、.．](?!\d))")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_CODE_AND_NAME = re.compile(r"^(\d{3}(?:\d{2}){0,2})(?!\d)\s*(\D.*)$")
_NUMERIC_TEXT = re.compile(r"^[+-]?[\d,]*\.?\d+$")
_DASHES = frozenset({"-", "—", "－", "--", "——", "/", "…"})


def plain(text: object) -> str:
    """``text`` as compared: NFKC, no spaces, no quote marks, no brackets."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", str(text)))


def compact(text: object) -> str:
    """``text`` as kept (a label, a department name): NFKC, no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


def match_title(text: str, titles: Iterable[str]) -> str | None:
    """The longest known title inside ``text`` (“2023年收入支出决算总表” → 收入支出决算总表; the
    longest wins, so 财政拨款收入支出决算总表 is not read as 收入支出决算总表). A bracketed word is
    optional on either side: “基本支出决算（明细）表” is the 基本支出决算表 of a set that has no 明细表."""
    found = plain(text)
    known = [(title, plain(title)) for title in titles if plain(title)]
    inside = [(title, words) for title, words in known if words in found and len(found) <= len(words) + 24]
    if not inside:
        bare = plain(_BRACKETED.sub("", unicodedata.normalize("NFKC", text)))
        inside = [
            (title, words)
            for title, words in known
            if plain(_BRACKETED.sub("", unicodedata.normalize("NFKC", title))) in bare
            and len(bare) <= len(words) + 24
        ]
    # (a heading that merely mentions a title, a note below a table, is far longer than the title)
    return max(inside, key=lambda pair: len(pair[1]), default=(None, ""))[0]


def table_number(text: str) -> str | None:
    """“公开 01 表” → “公开01表”."""
    match = _NUMBER_LABEL.search(compact(text))
    return f"公开{match.group(1)}表" if match else None


def department_line(text: str) -> str | None:
    """“编制单位：遂宁市文化广播电视和旅游局” → the name (“” when the name is in the next cell);
    ``None`` for a text that is no 编制单位 line."""
    match = _DEPARTMENT.match(compact(text))
    return None if match is None else match.group(1)


def year_line(text: str) -> int | None:
    """“2023年度” / “2023年” → 2023; ``None`` otherwise."""
    match = _YEAR.match(compact(text))
    return None if match is None else int(match.group(1))


def unit_line(text: str) -> str | None:
    """“金额单位：万元” / “单位：元” → the unit; ``None`` otherwise."""
    match = _UNIT.search(compact(text))
    return None if match is None else match.group(1)


def is_total(label: str) -> bool:
    """A 合计 / 小计 / 总计 row (本年收入合计, 收入总计 …): stated, never a line."""
    return any(word in label for word in SUM_WORDS)


def strip_ordinal(label: str) -> str:
    """“七、文化旅游体育与传媒支出” → “文化旅游体育与传媒支出”; “（一）…” and “1.…” likewise."""
    return _ORDINAL.sub("", label, count=1)


def has_ordinal(label: str) -> bool:
    return _ORDINAL.match(label) is not None


def is_code(text: str) -> bool:
    return _CODE.match(text) is not None


def split_code_and_name(text: str) -> tuple[str, str] | None:
    """“2010301 行政运行” → (“2010301”, “行政运行”); ``None`` when the text does not start with a code."""
    match = _CODE_AND_NAME.match(compact(text))
    return None if match is None else (match.group(1), match.group(2))


def is_numeric_text(text: str) -> bool:
    return _NUMERIC_TEXT.match(compact(text)) is not None


def is_dash(text: str) -> bool:
    """A dash or slash printed for “nothing” in a published table (not a number, not 0)."""
    return compact(text) in _DASHES


def header_parts(parts: Iterable[object]) -> tuple[str, ...]:
    """The distinct words of a column's header rows, top down (a cell merged down repeats)."""
    found: list[str] = []
    for part in parts:
        word = "" if part is None else compact(part)
        if word and (not found or found[-1] != word):
            found.append(word)
    return tuple(found)


def column_role(parts: tuple[str, ...]) -> str:
    """What a column holds by its header words: 行次, 编码 (with its level), 名称, 数量 or 金额."""
    if not parts:
        return ""
    last = parts[-1]
    if any("行次" in part or "栏次" in part for part in parts):
        return "行次"
    if last in ("类", "款", "项") or any("编码" in part or "代码" in part for part in parts):
        return "编码"
    if "名称" in last or last in ("项目", "科目"):
        return "名称"
    if any(word in part for word in COUNT_WORDS for part in parts):
        return "数量"
    return "金额"


def code_level(parts: tuple[str, ...]) -> str:
    """类, 款 or 项 for a split code column; “” for a column holding whole codes."""
    return parts[-1] if parts and parts[-1] in ("类", "款", "项") else ""


def side_of(parts: tuple[str, ...]) -> str:
    """The side a two-sided table's header names above a name column (收入, 支出, 人员经费 …)."""
    return parts[0] if len(parts) > 1 else ""


def value_label(parts: tuple[str, ...], side: str) -> str:
    """The label of a value column: its header words joined by “·”, without the side's word."""
    words = parts[1:] if side and len(parts) > 1 and parts[0] == side else parts
    return "·".join(words)
