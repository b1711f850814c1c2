"""A ruled table whose columns of repeated headings (一级指标, 二级指标 …) print as merged cells,
merged again on every page the table runs over.

reportlab cannot break a table inside a merged cell, so this flowable finds the break itself
(from the row heights without merging), and lays out each page's rows as a table of its own with
the header rows repeated and the headings merged and named again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable

from desktop.printing.cells import cell, row_heights, ruled_table


def merged_runs(values: Sequence[str], parents: Sequence[str]) -> tuple[list[str], list[tuple[int, int]]]:
    """Consecutive equal values within the same parent: the text of each row (the value once,
    then blanks) and the (first, last) rows of every run longer than one row."""
    printed, runs, start = [], [], 0
    for index, value in enumerate(values):
        if index and value == values[index - 1] and parents[index] == parents[index - 1]:
            printed.append("")
            continue
        if index - start > 1:
            runs.append((start, index - 1))
        start = index
        printed.append(value)
    if len(values) - start > 1:
        runs.append((start, len(values) - 1))
    return printed, runs


@dataclass(frozen=True)
class MergeSpec:
    """What the merged columns hold and how the table looks."""

    widths: tuple[float, ...]
    header: tuple[tuple, ...]  # header rows, repeated on every page
    columns: tuple[int, ...]  # merged columns, outermost first
    label_style: object
    font: str
    section_column: int | None = None  # a column merged over the whole table, header included


class MergedTable(Flowable):
    def __init__(self, spec: MergeSpec, body: Sequence[Sequence], values: Sequence[Sequence[str]]):
        """``body`` rows hold every cell except the merged ones; ``values[i]`` are the texts of
        the merged columns of row i, in the order of ``spec.columns``."""
        super().__init__()
        self._spec, self._body, self._values = spec, [list(row) for row in body], list(values)
        self._table = None

    def _rows(self) -> tuple[list[list], list[tuple]]:
        spec = self._spec
        rows = [list(row) for row in self._body]
        top = len(spec.header)
        spans: list[tuple] = []
        parents = [""] * len(rows)
        for depth, column in enumerate(spec.columns):
            values = [row_values[depth] for row_values in self._values]
            printed, runs = merged_runs(values, parents)
            for row, text in zip(rows, printed, strict=True):
                row[column] = cell(text, spec.label_style)
            spans += [("SPAN", (column, top + first), (column, top + last)) for first, last in runs]
            parents = [f"{parent}/{value}" for parent, value in zip(parents, values, strict=True)]
        if spec.section_column is not None:
            spans.append(("SPAN", (spec.section_column, 0), (spec.section_column, top + len(rows) - 1)))
        return [list(row) for row in spec.header] + rows, spans

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        rows, spans = self._rows()
        self._table = ruled_table(
            rows, self._spec.widths, spans, len(self._spec.header), font=self._spec.font
        )
        self.width, self.height = self._table.wrap(available_width, available_height)
        return self.width, self.height

    def draw(self) -> None:
        self._table.drawOn(self.canv, 0, 0)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        rows, _ = self._rows()
        heights = row_heights(rows, self._spec.widths)
        used = sum(heights[: len(self._spec.header)])
        fitting = 0
        for height in heights[len(self._spec.header) :]:
            if used + height > available_height:
                break
            used += height
            fitting += 1
        if fitting == 0:
            return []
        if fitting == len(self._body):
            return [self]
        return [
            MergedTable(self._spec, self._body[:fitting], self._values[:fitting]),
            MergedTable(self._spec, self._body[fitting:], self._values[fitting:]),
        ]
