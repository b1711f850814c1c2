"""统一社会信用代码 (GB 32100-2015): 18 characters whose last is a check character.

The characters are the digits and the capital letters without I, O, Z, S, V (31 in all, valued
0–30 in that order). The check character is ``31 − (Σ value × weight mod 31)`` over the first 17,
with the weights 3^(i−1) mod 31, and 0 when that gives 31. Only this check is made: the 组织机构代码
inside (positions 9–17) and its own check digit (GB 11714) are not checked again.
"""

from __future__ import annotations

CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = tuple(pow(3, index, 31) for index in range(17))  # 1, 3, 9, 27, 19, 26, 16, 17, 20, …
LENGTH = 18


def check_character(first17: str) -> str:
    """The 18th character of a code whose first 17 are ``first17`` (all from ``CHARACTERS``)."""
    total = sum(CHARACTERS.index(char) * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return CHARACTERS[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """What is wrong with a 统一社会信用代码 (already in capitals, without spaces); None when valid."""
    if len(code) != LENGTH:
        return f"“{code}”有 {len(code)} 位，统一社会信用代码应为 18 位"
    wrong = [char for char in code if char not in CHARACTERS]
    if wrong:
        return f"“{code}”含有“{wrong[0]}”，统一社会信用代码只用数字和除 I、O、Z、S、V 以外的大写字母"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"“{code}”的校验位应为“{expected}”而不是“{code[17]}”（GB 32100-2015），请核对是否抄错"
    return None
