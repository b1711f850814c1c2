"""Print layouts as data: ``forms/print-*.toml`` give each printed form its titles, column titles,
column widths (mm), printed notes, labels and signature lines. A new province or year is a new file, not new code.

A layout names the form it prints (``form = "self-eval"``), the province it belongs to (empty for
any) and the first year it applies to; ``choose_layout`` picks the most specific file for a
department's province and a year (``desktop.domain.templates.choose_variant``). A label may hold
the template's figures as ``{execution_weight}``; ``filled`` puts them in.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from reportlab.lib.units import mm

from desktop.domain.templates import choose_variant
from desktop.errors import UserInputError
from desktop.paths import FORMS

ORIENTATIONS = ("portrait", "landscape")


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: float  # mm


@dataclass(frozen=True)
class PrintLayout:
    id: str
    form: str
    renderer: str  # how the form is drawn: sichuan-self-eval, national-self-eval, targets, scorecard
    province: str
    from_year: int
    title: str
    subtitle: str  # may contain {year}
    orientation: str
    font_size: float
    tables: dict[str, tuple[Column, ...]]
    labels: dict[str, str]
    notes: tuple[str, ...]
    signatures: tuple[str, ...] = ()  # signature and date lines under the grid; may hold {project_lead}

    def columns(self, table: str) -> tuple[Column, ...]:
        try:
            return self.tables[table]
        except KeyError:
            raise UserInputError(f"打印格式“{self.id}.toml”缺少表格“{table}”的列定义") from None

    def widths(self, table: str) -> list[float]:
        """The column widths in points."""
        return [column.width * mm for column in self.columns(table)]

    def label(self, key: str) -> str:
        try:
            return self.labels[key]
        except KeyError:
            raise UserInputError(f"打印格式“{self.id}.toml”的 [labels] 缺少“{key}”") from None

    def filled(self, figures: Mapping[str, str]) -> PrintLayout:
        """The layout with ``{name}`` in its labels replaced by ``figures[name]`` (“（{execution_weight}分）”)."""
        labels = {}
        for key, text in self.labels.items():
            for name, value in figures.items():
                text = text.replace(f"{{{name}}}", value)
            labels[key] = text
        return replace(self, labels=labels)


def _field(data: dict, key: str, kind: type, where: str):
    value = data.get(key)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise UserInputError(f"打印格式“{where}”的“{key}”缺失或类型不对")
    return value


def _columns(rows: object, where: str) -> tuple[Column, ...]:
    if not isinstance(rows, list) or not rows:
        raise UserInputError(f"打印格式“{where}”没有列")
    columns = []
    for number, row in enumerate(rows, start=1):
        place = f"{where} 第 {number} 列"
        width = _field(row, "width", int | float, place)
        if width <= 0:
            raise UserInputError(f"打印格式“{place}”的宽度必须大于 0")
        columns.append(
            Column(key=_field(row, "key", str, place), title=row.get("title", ""), width=float(width))
        )
    return tuple(columns)


def load_layout(path: Path) -> PrintLayout:
    """Read and check one layout file; a problem raises UserInputError naming the file and field."""
    where = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise UserInputError(f"打印格式“{where}”无法读取：{error}") from error
    orientation = _field(data, "orientation", str, where)
    if orientation not in ORIENTATIONS:
        raise UserInputError(f"打印格式“{where}”的 orientation 只能是 portrait 或 landscape")
    tables = {
        name: _columns(rows, f"{where} [tables.{name}]")
        for name, rows in _field(data, "tables", dict, where).items()
    }
    return PrintLayout(
        id=path.stem,
        form=_field(data, "form", str, where),
        renderer=_field(data, "renderer", str, where),
        province=data.get("province", ""),
        from_year=int(data.get("from_year", 0)),
        title=_field(data, "title", str, where),
        subtitle=data.get("subtitle", ""),
        orientation=orientation,
        font_size=float(_field(data, "font_size", int | float, where)),
        tables=tables,
        labels={str(key): str(value) for key, value in data.get("labels", {}).items()},
        notes=tuple(str(note) for note in data.get("notes", [])),
        signatures=tuple(str(line) for line in data.get("signatures", [])),
    )


def choose_layout(form: str, province: str, year: int, folder: Path = FORMS) -> PrintLayout:
    """The layout of ``form`` for the province and year: the province's own file before a
    general one, and among those the latest ``from_year`` not after ``year``."""
    layouts = (load_layout(path) for path in sorted(folder.glob("print-*.toml")))
    chosen = choose_variant((layout for layout in layouts if layout.form == form), province, year)
    if chosen is None:
        raise UserInputError(
            f"没有适用于{province or '全国'} {year} 年的“{form}”打印格式（forms/print-*.toml）"
        )
    return chosen
