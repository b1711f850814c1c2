"""政府收支分类科目: the 功能分类 and 经济分类 codes of one fiscal year's edition (DOMAIN.md §4).

The codes change from year to year, so they are reference data (resources/classification/
YYYY.toml), read into a ``Classification``. 功能分类 codes are 类 (3 digits) / 款 (5) / 项 (7);
部门预算支出经济分类 codes are 类 (3) / 款 (5).
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
