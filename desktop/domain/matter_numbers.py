"""信访事项编号 by the department's pattern: ``船信〔{年}〕{序号:04}号`` → ``船信〔2024〕0007号``.

A pattern holds ``{年}`` (the year of 登记日期) and ``{序号}`` (the running number within the year),
``{序号:04}`` padding it to four digits. ``next_number`` gives the first number after the highest
one of that year already used; numbers that do not follow the pattern are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

DEFAULT_PATTERN = "信〔{年}〕{序号:04}号"
_FIELD = re.compile(r"\{(年|序号)(?::0?(\d))?\}")


class NumberPatternError(ValueError):
    """A pattern that cannot number matters; the message is Chinese."""


def check_pattern(pattern: str) -> str:
    """The pattern stripped; ``NumberPatternError`` unless it holds ``{序号}`` once and only known fields."""
    pattern = pattern.strip()
    fields = [match.group(1) for match in _FIELD.finditer(pattern)]
    if fields.count("序号") != 1:
        raise NumberPatternError(f"编号格式“{pattern}”须含一个 {{序号}}（如 船信〔{{年}}〕{{序号:04}}号）")
    if "{" in _FIELD.sub("", pattern) or "}" in _FIELD.sub("", pattern):
        raise NumberPatternError(f"编号格式“{pattern}”中只能使用 {{年}} 和 {{序号}} 或 {{序号:04}}")
    return pattern


def format_number(pattern: str, year: int, sequence: int) -> str:
    def field(match: re.Match) -> str:
        if match.group(1) == "年":
            return str(year)
        return str(sequence).zfill(int(match.group(2) or 0))

    return _FIELD.sub(field, check_pattern(pattern))


def _matcher(pattern: str, year: int) -> re.Pattern:
    parts, position = [], 0
    for match in _FIELD.finditer(pattern):
        parts.append(re.escape(pattern[position : match.start()]))
        parts.append(str(year) if match.group(1) == "年" else r"(\d+)")
        position = match.end()
    parts.append(re.escape(pattern[position:]))
    return re.compile("".join(parts))


def next_number(pattern: str, year: int, used: Iterable[str]) -> str:
    """The number after the highest 序号 of ``year`` among ``used`` (1 when there is none)."""
    matcher = _matcher(check_pattern(pattern), year)
    sequences = [int(match.group(1)) for number in used if (match := matcher.fullmatch(number.strip()))]
    return format_number(pattern, year, max(sequences, default=0) + 1)
