"""Dates as a clerk types them: one parser for every date field of the window and the Excel import.

``parse_date`` reads ``2024-01-15``, ``2024-1-15``, ``2024/1/15``, ``2024.1.15``, ``2024年1月15日``
and ``20240115`` (full-width digits too) and raises ``DateFormatError`` with the reason in Chinese.
``last_working_day`` gives the default 登记日期 of a year the clerk back-fills.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

DATE_EXAMPLE = "2023-01-31"
_SEPARATED = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


class DateFormatError(ValueError):
    """Text that is not a date; the message is the reason in Chinese."""


def parse_date(text: str) -> date:
    """The date ``text`` writes; ``DateFormatError`` when it writes none or a day that does not exist."""
    normalised = unicodedata.normalize("NFKC", text).strip()
    match = _SEPARATED.match(normalised) or _COMPACT.match(normalised)
    if match is None:
        raise DateFormatError(f"“{text}”不是日期，请写成 {DATE_EXAMPLE}")
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError as error:
        raise DateFormatError(f"日期“{text}”不存在") from error


def last_working_day(year: int) -> date:
    """The last Monday-to-Friday day of ``year`` (public holidays are not known)."""
    day = date(year, 12, 31)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def default_registration_day(year: int, today: date) -> date:
    """登记日期 of a new matter: today inside ``year``, else that year's last working day."""
    return today if today.year == year else last_working_day(year)
