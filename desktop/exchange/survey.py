"""One streaming pass over a worksheet's XML: where its data end, its merged cells, its formulas.

``survey`` reads the XML element by element and forgets each row once seen, so a sheet styled
to row 1,048,576 or column XFD costs time in proportion to its bytes and almost no memory. A
cell counts as data when it holds a value (``<v>`` with text, or inline text); a styled empty
cell does not. What it finds is bounded: at most ``MAX_FINDINGS`` merged ranges and formulas
(more than that many problems stop an import anyway).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import IO
from xml.etree.ElementTree import ParseError, iterparse

MAX_GAP = 10_000  # empty rows allowed between two rows of data
MAX_FINDINGS = 1000
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")


class SurveyError(Exception):
    """The sheet's XML is damaged; the message is Chinese."""


@dataclass
class SheetSurvey:
    last_row: int = 0  # the last row holding a value before any stray one (0: no data)
    stray_row: int | None = None  # a value more than MAX_GAP empty rows below ``last_row``
    merged: list[tuple[str, int]] = field(default_factory=list)  # (range, first row)
    formulas: frozenset[tuple[int, int]] = frozenset()  # (row, column) of formulas without a value


def column_number(letters: str) -> int:
    """A → 1, AB → 28."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _cell(element, row: int, column: int) -> tuple[bool, tuple[int, int] | None]:
    """(holds a value, where it is if it is a formula without a computed value)."""
    value = element.find(f"{_MAIN}v")
    has_value = (value is not None and bool(value.text)) or element.find(f"{_MAIN}is") is not None
    if element.find(f"{_MAIN}f") is not None and not has_value:
        return False, (row, column)
    return has_value, None


def survey(source: IO[bytes]) -> SheetSurvey:
    """Stream ``source`` (a worksheet's XML); stops at the first value found far below the data."""
    result = SheetSurvey()
    formulas: set[tuple[int, int]] = set()
    row = 0
    rows_parent = None
    try:
        for event, element in iterparse(source, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == f"{_MAIN}sheetData":
                    rows_parent = element
                continue
            if tag == f"{_MAIN}row":
                row = int(element.get("r") or row + 1)
                column, data = 0, False
                for cell in element.iter(f"{_MAIN}c"):
                    match = _REF.match(cell.get("r") or "")
                    column = column_number(match.group(1)) if match else column + 1
                    has_value, formula = _cell(cell, row, column)
                    data = data or has_value
                    if formula is not None and len(formulas) < MAX_FINDINGS:
                        formulas.add(formula)
                if rows_parent is not None:
                    rows_parent.clear()  # forget the row: memory stays that of one row
                if data:
                    if result.last_row and row - result.last_row - 1 > MAX_GAP:
                        result.stray_row = row
                        break
                    result.last_row = row
            elif tag == f"{_MAIN}mergeCell" and len(result.merged) < MAX_FINDINGS:
                ref = element.get("ref") or ""
                match = _REF.match(ref.split(":")[0])
                result.merged.append((ref, int(match.group(2)) if match else 1))
    except (ParseError, ValueError) as error:
        raise SurveyError(f"工作表内容已损坏，无法读取（{error}）") from error
    result.formulas = frozenset(formulas)
    return result
