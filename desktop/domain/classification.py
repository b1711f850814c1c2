"""政府收支分类科目: the 功能分类 and 经济分类 codes of one fiscal year's edition (DOMAIN.md §4).

The codes change from year to year, so they are reference data (resources/classification/
YYYY.toml), read into a ``Classification``. 功能分类 codes are 类 (3 digits) / 款 (5) / 项 (7);
部门预算支出经济分类 codes are 类 (3) / 款 (5).

A code the edition lacks can be added by the clerk (``check_new_function_code``); the edition
with the department's own codes is ``with_user_codes``, and ``user_added`` says which they are.
Printed names are compared with the edition's by ``name_mismatch`` (V18, DOMAIN.md §5.3).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

FUNCTION_LEVELS = {3: "类", 5: "款", 7: "项"}
ECONOMIC_LEVELS = {3: "类", 5: "款"}


class ClassificationError(ValueError):
    """A classification file or code that does not fit the rules; the message is Chinese."""


def function_class(code: str) -> str:
    """2010308 → 201 (类)."""
    return code[:3]


def function_section(code: str) -> str:
    """2010308 → 20103 (款)."""
    return code[:5]


@dataclass(frozen=True)
class Classification:
    """One edition: code → name for 功能分类 and 经济分类."""

    year: int
    edition: str
    function: dict[str, str] = field(default_factory=dict)
    economic: dict[str, str] = field(default_factory=dict)
    user_added: frozenset[str] = frozenset()  # 功能分类 codes the clerk added, not the edition's

    def with_user_codes(self, codes: Mapping[str, str]) -> Classification:
        """This edition and the clerk's own 功能分类 codes; a code the edition has keeps the
        edition's name (the book wins once it lists the code)."""
        added = {code: name for code, name in codes.items() if code not in self.function}
        return replace(
            self, function={**self.function, **added}, user_added=self.user_added | frozenset(added)
        )

    def function_name(self, code: str) -> str:
        """The name of a 功能分类 code, or a ``ClassificationError`` naming the code and edition."""
        if code not in self.function:
            raise ClassificationError(f"功能分类科目“{code}”不在{self.edition}中")
        return self.function[code]

    def economic_name(self, code: str) -> str:
        if code not in self.economic:
            raise ClassificationError(f"经济分类科目“{code}”不在{self.edition}中")
        return self.economic[code]

    def function_items(self) -> list[tuple[str, str]]:
        """The 项 (7-digit codes) a new expenditure line can be charged to, in code order."""
        return sorted((code, name) for code, name in self.function.items() if len(code) == 7)

    def economic_items(self) -> list[tuple[str, str]]:
        """The 款 (5-digit codes) a basic-expenditure line can use, in code order."""
        return sorted((code, name) for code, name in self.economic.items() if len(code) == 5)


NAME_LIMIT = 40


def check_new_function_code(edition: Classification, code: str, name: str) -> tuple[str, str]:
    """A 功能分类 code the clerk adds, as (code, name) cleaned; a ``ClassificationError`` when it
    is not a 项 (7 digits) under a 款 of ``edition`` or a 款 (5 digits) under one of its 类, is
    already there, or has no name."""
    code = unicodedata.normalize("NFKC", code).strip()
    name = " ".join(name.split())
    if not (code.isdigit() and len(code) in (5, 7)) or code[3:5] == "00" or code[5:] == "00":
        raise ClassificationError(
            f"科目编码“{code}”应为 7 位数字的项（如 2070199）或 5 位数字的款（如 20799）"
        )
    if code in edition.function:
        raise ClassificationError(f"科目编码“{code}”已有，是“{edition.function[code]}”")
    parent, level = (function_section(code), "款") if len(code) == 7 else (function_class(code), "类")
    if parent not in edition.function:
        raise ClassificationError(f"科目编码“{code}”的上级{level}“{parent}”不在{edition.edition}中")
    if not name:
        raise ClassificationError("科目名称：不能为空")
    if len(name) > NAME_LIMIT:
        raise ClassificationError(f"科目名称：最多 {NAME_LIMIT} 字，现有 {len(name)} 字")
    return code, name


def _comparable(name: str) -> str:
    """A name as compared: half-width brackets and no spaces (“政府办公厅(室)” is “政府办公厅（室）”)."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def name_mismatch(code: str, name: str, edition: Classification) -> str | None:
    """The edition's name of ``code`` (功能分类 2xx, 经济分类 3xx/5xx) when the printed ``name``
    is another one, else None (also when the edition does not know the code: that is a finding of
    its own)."""
    expected = (edition.function if code.startswith("2") else edition.economic).get(code)
    if expected is None or not name or _comparable(name) == _comparable(expected):
        return None
    return expected


def _codes(table: object, levels: dict[int, str], what: str) -> dict[str, str]:
    if not isinstance(table, dict):
        raise ClassificationError(f"缺少{what}表")
    codes: dict[str, str] = {}
    for code, name in table.items():
        if not (code.isdigit() and len(code) in levels) or not isinstance(name, str) or not name:
            raise ClassificationError(f"{what}科目“{code}”的编码或名称不对")
        codes[code] = name
    for code in codes:
        parent = next((code[:size] for size in sorted(levels, reverse=True) if size < len(code)), None)
        if parent is not None and parent not in codes:
            raise ClassificationError(f"{what}科目“{code}”缺少上级科目“{parent}”")
    return codes


def parse_classification(year: int, data: dict) -> Classification:
    """Build an edition from the parsed TOML of resources/classification/YYYY.toml."""
    edition = data.get("edition") or f"{year}年政府收支分类科目"
    return Classification(
        year=year,
        edition=edition,
        function=_codes(data.get("function"), FUNCTION_LEVELS, "功能分类"),
        economic=_codes(data.get("economic"), ECONOMIC_LEVELS, "经济分类"),
    )
