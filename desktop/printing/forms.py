"""Write one form, or the year pack, to a PDF file: the renderer named by each layout."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.platypus import Flowable

from desktop.errors import UserInputError
from desktop.printing.document import RenderResult, Section, render
from desktop.printing.final_tables import final_table_flowables
from desktop.printing.fonts import register_font
from desktop.printing.layouts import PrintLayout
from desktop.printing.scorecards import scorecard_flowables
from desktop.printing.self_evaluation import national_flowables, sichuan_flowables, targets_flowables
from desktop.printing.sheets import FinalTableSheet, ScorecardSheet, SelfEvaluationSheet
from desktop.printing.styles import form_styles

Sheet = SelfEvaluationSheet | ScorecardSheet | FinalTableSheet

RENDERERS: dict[str, Callable[..., list[Flowable]]] = {
    "sichuan-self-eval": sichuan_flowables,
    "national-self-eval": national_flowables,
    "targets": targets_flowables,
    "scorecard": scorecard_flowables,
    "final-table": final_table_flowables,
}


def form_section(layout: PrintLayout, sheet: Sheet, font: str, key: str = "") -> Section:
    renderer = RENDERERS.get(layout.renderer)
    if renderer is None:
        raise UserInputError(f"打印格式“{layout.id}.toml”的 renderer“{layout.renderer}”不存在")
    styles = form_styles(font, layout.font_size)
    # a 决算公开 table prints in its own orientation (wide ones landscape), whatever the layout's
    orientation = sheet.orientation if isinstance(sheet, FinalTableSheet) else layout.orientation
    return Section(orientation, renderer(sheet, layout, styles), key)


def write_form(
    path: Path, layout: PrintLayout, sheets: Sequence[Sheet], *, font_file: Path | None = None
) -> RenderResult:
    """One form, one sheet after another (each from a new page), e.g. every project's 自评表."""
    if not sheets:
        raise UserInputError(f"没有可打印的“{layout.title}”")
    font = register_font(font_file) if font_file else register_font()
    sections = [form_section(layout, sheet, font) for sheet in sheets]
    return render(path, sections, title=layout.title, font=font, draft=any_draft(sheets))


def any_draft(sheets: Sequence[Sheet]) -> bool:
    """A file holding one 自评表 or 评价表 that is not final is a draft throughout."""
    return any(isinstance(sheet, SelfEvaluationSheet | ScorecardSheet) and sheet.draft for sheet in sheets)
