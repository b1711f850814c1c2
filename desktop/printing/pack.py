"""The year pack: a cover, a contents page with the first page of each form, then every form,
numbered 第 X 页 共 Y 页 throughout. Laid out once: the contents page leaves a one-line place for
each form's first page and the canvas writes the number in when the document is saved."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.printing.cells import cell, ruled_table
from desktop.printing.document import PageNumber, RenderResult, Section, frame_height, render
from desktop.printing.fonts import register_font
from desktop.printing.forms import any_draft, form_section
from desktop.printing.layouts import PrintLayout
from desktop.printing.sheets import YearPack
from desktop.printing.styles import FormStyles, form_styles


def _cover(pack: YearPack, layout: PrintLayout, styles: FormStyles) -> list[Flowable]:
    fields = {"department": pack.department, "year": pack.year}
    return [
        Spacer(1, frame_height(layout.orientation) * 0.3),
        cell(layout.title.format(**fields), styles.title),
        Spacer(1, 30 * mm),
        *[cell(line.format(**fields), styles.subtitle) for line in layout.notes],
    ]


def _contents(pack: YearPack, layout: PrintLayout, styles: FormStyles) -> list[Flowable]:
    columns = layout.columns("contents")
    rows = [[cell(column.title, styles.label) for column in columns]]
    for index, entry in enumerate(pack.entries):
        values = {"number": cell(str(index + 1), styles.centred), "caption": cell(entry.caption, styles.text)}
        values["page"] = PageNumber(_key(index), styles.centred)
        rows.append([values[column.key] for column in columns])
    return [
        cell(layout.label("contents"), styles.title),
        Spacer(1, 4 * mm),
        ruled_table(rows, layout.widths("contents"), repeat_rows=1, font=styles.text.fontName),
        *[cell(note, styles.text) for note in pack.notes],
    ]


def _key(index: int) -> str:
    return f"entry-{index}"


def write_pack(
    path: Path,
    pack: YearPack,
    layouts: Mapping[str, PrintLayout],
    pack_layout: PrintLayout,
    *,
    font_file: Path | None = None,
) -> RenderResult:
    """``layouts`` maps each entry's form id to its layout."""
    font = register_font(font_file) if font_file else register_font()
    styles = form_styles(font, pack_layout.font_size)
    sections = [
        Section(pack_layout.orientation, _cover(pack, pack_layout, styles)),
        Section(pack_layout.orientation, _contents(pack, pack_layout, styles)),
        *[
            form_section(layouts[entry.form], entry.sheet, font, _key(index))
            for index, entry in enumerate(pack.entries)
        ],
    ]
    title = pack_layout.title.format(department=pack.department, year=pack.year)
    draft = any_draft([entry.sheet for entry in pack.entries])
    return render(path, sections, title=title, font=font, unnumbered=1, draft=draft)
