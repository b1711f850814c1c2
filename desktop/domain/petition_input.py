"""What a clerk or another program types into a matter, made to mean what it looks like.

- 编号: NFKC (full-width digits and letters become ASCII), invisible and direction characters
  (U+200B, U+202E, U+FEFF …, Unicode category Cf) and spaces removed, so a look-alike number is
  the same matter and never a second one;
- dates: from 2000-01-01 to today (a register does not hold older matters or future ones);
- 联系电话: a mobile number (11 digits from 13–19) or a landline with its area code
  (0 + 2–3 digits, then 7–8 digits, an optional “-” between and an optional extension “-123”);
- 身份证号 (GB 11643-1999): 18 characters after NFKC, a region whose first two digits are a
  province code, a birth date that exists and is not in the future, the MOD 11-2 check character.

Every message masks the number it quotes (region and last four of an ID, last four of a phone).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

EARLIEST_DATE = date(2000, 1, 1)

# GB/T 2260 province-level codes (the first two digits of a 行政区划代码), 71 台湾, 81/82 港澳.
PROVINCE_CODES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    ]
)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}(-\d{1,6})?")
_PHONE_SEPARATORS = re.compile(r"[\s()]")


class InputError(ValueError):
    """A value typed into a matter that cannot be right; the message is Chinese and masks personal data."""


def _visible(text: str) -> str:
    """NFKC without format characters (zero-width, bidirectional marks, BOM) and without spaces."""
    normal = unicodedata.normalize("NFKC", text)
    return "".join(char for char in normal if unicodedata.category(char) != "Cf" and not char.isspace())


def normalise_number(text: str) -> str:
    """编号 as it is compared and stored: ``"Ｘ-０１\u200b"`` → ``"X-01"``."""
    return _visible(text)


def check_date(value: date | None, name: str, today: date) -> None:
    """Refuse a date before 2000-01-01 or after ``today`` (``None`` is an empty field)."""
    if value is not None and not EARLIEST_DATE <= value <= today:
        raise InputError(f"{name}（{value}）应在 {EARLIEST_DATE} 至今天（{today}）之间")


def mask_id_number(number: str) -> str:
    """``510903198001011234`` → ``510903********1234``: the region and last four stay visible."""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str) -> str:
    """``13800001234`` → ``138****1234``; short numbers keep only their last two digits."""
    digits = phone.strip()
    if len(digits) >= 11:
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    if len(digits) > 2:
        return "*" * (len(digits) - 2) + digits[-2:]
    return digits


def normalise_phone(text: str) -> str:
    """Check a 联系电话 and return it without spaces or brackets; empty stays empty (the field is optional)."""
    phone = _PHONE_SEPARATORS.sub("", _visible(text).replace("－", "-"))
    if phone.startswith("+86"):
        phone = phone[3:].lstrip("-")
    if not phone or _MOBILE.fullmatch(phone) or _LANDLINE.fullmatch(phone):
        return phone
    raise InputError(
        f"联系电话“{mask_phone(phone)}”应为 11 位手机号（13 至 19 开头）或带区号的固定电话（如 0825-2221234）"
    )


def id_check_character(first_seventeen: str) -> str:
    """The 18th character of a 公民身份号码: ISO 7064 MOD 11-2 over the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first_seventeen, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def normalise_id_number(text: str, today: date) -> str:
    """Check a 身份证号 and return it with an upper-case X; empty stays empty (the field is optional).

    Raises ``InputError`` for a wrong length, a non-digit, an unknown province, an impossible or
    future birth date or a wrong check character.
    """
    number = _visible(text).upper()
    if not number:
        return ""
    shown = mask_id_number(number)
    if len(number) != 18 or not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise InputError(f"身份证号“{shown}”应为 18 位：17 位数字加 1 位数字或 X")
    if number[:2] not in PROVINCE_CODES:
        raise InputError(f"身份证号“{shown}”的地区码 {number[:6]} 不是有效的省级行政区划代码")
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as error:
        raise InputError(f"身份证号“{shown}”中的出生日期不存在") from error
    if born > today:
        raise InputError(f"身份证号“{shown}”中的出生日期晚于今天")
    expected = id_check_character(number[:17])
    if number[17] != expected:
        raise InputError(f"身份证号“{shown}”校验位应为 {expected}，请核对")
    return number
