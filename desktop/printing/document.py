"""A4 documents of one or more forms, portrait or landscape, with 第 X 页 共 Y 页 on every page
(and 草稿 across every page of a form that is not final).

The page count is known only once every page is laid out, so the canvas keeps each page's state
and draws the footers when the document is saved (the usual two-pass canvas of reportlab). The
same canvas draws what waits for a later page in the place it left for it: the first page of a
section (``PageNumber``), which the year pack's contents list before the sections are laid out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
)

from desktop.printing.cells import forget_cell_layouts

MARGIN = 12 * mm
FOOTER_Y = 7 * mm
DRAFT_MARK = "草稿"
DRAFT_NOTE = "草稿：未定稿，不能签字报送"
PAGE_SIZES = {"portrait": A4, "landscape": landscape(A4)}


@dataclass
class Section:
    """The flowables of one form and the orientation of its pages."""

    orientation: str
    flowables: list[Flowable]
    key: str = ""  # when set, the first page of the section is recorded under this key


@dataclass
class RenderResult:
    pages: int = 0
    first_pages: dict[str, int] = field(default_factory=dict)


class _PageMark(Flowable):
    """Zero-size flowable that notes the page it lands on."""

    def __init__(self, key: str, pages: dict[str, int]):
        super().__init__()
        self.width = self.height = 0
        self._key, self._pages = key, pages

    def draw(self) -> None:
        self._pages[self._key] = self.canv.getPageNumber()


class PageNumber(Flowable):
    """The first page of the section recorded under ``key``, set like a paragraph in ``style``;
    drawn when the document is saved, so it may name a page laid out after its own. It takes the
    height of a three-digit number (one line in any column the layouts give it)."""

    def __init__(self, key: str, style: ParagraphStyle):
        super().__init__()
        self.key, self.style = key, style

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = Paragraph("000", self.style).wrap(available_width, available_height)[1]
        return self.width, self.height

    def draw(self) -> None:
        self.canv.draw_later(self._draw_number)

    def _draw_number(self, canvas: Canvas, first_pages: Mapping[str, int]) -> None:
        number = Paragraph(str(first_pages[self.key]), self.style)
        number.wrap(self.width, self.height)
        number.canv = canvas  # already at this flowable's place on the page
        number.draw()


class _NumberedCanvas(Canvas):
    """Keeps every page and writes 第 X 页 共 Y 页 once the total is known."""

    def __init__(self, *args, font: str, unnumbered: int, result: RenderResult, draft: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages_kept: list[dict] = []
        self._waiting: list[tuple[int, Callable[[Canvas, Mapping[str, int]], None]]] = []
        self._font, self._unnumbered, self._result, self._draft = font, unnumbered, result, draft

    def draw_later(self, draw: Callable[[Canvas, Mapping[str, int]], None]) -> None:
        """Call ``draw`` with the first pages of the sections when the document is saved; what it
        draws goes in here, in the coordinates of this point of the page."""
        self._waiting.append((len(self._code), draw))

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages_kept.append(dict(self.__dict__))
        self._waiting = []
        self._startPage()

    def save(self) -> None:
        total = len(self._pages_kept)
        for number, state in enumerate(self._pages_kept, start=1):
            self.__dict__.update(state)
            for place, draw in reversed(self._waiting):  # from the end: the earlier places stay put
                after = self._code[place:]
                del self._code[place:]
                draw(self, self._result.first_pages)
                self._code += after
            if number > self._unnumbered:
                self.setFont(self._font, 9)
                self.drawCentredString(self._pagesize[0] / 2, FOOTER_Y, f"第 {number} 页 共 {total} 页")
            if self._draft:
                self._draw_draft_mark()
            super().showPage()
        self._result.pages = total
        super().save()

    def _draw_draft_mark(self) -> None:
        width, height = self._pagesize
        self.saveState()
        self.setFont(self._font, 10)
        self.drawRightString(width - MARGIN, height - MARGIN / 2 - 2, DRAFT_NOTE)
        self.setFillGray(0.85)
        self.setFont(self._font, 96)
        self.translate(width / 2, height / 2)
        self.rotate(35)
        self.drawCentredString(0, 0, DRAFT_MARK)
        self.restoreState()


def _templates(first: str) -> list[PageTemplate]:
    templates = []
    for orientation, size in PAGE_SIZES.items():
        width, height = size[0] - 2 * MARGIN, size[1] - 2 * MARGIN
        frame = Frame(MARGIN, MARGIN, width, height, 0, 0, 0, 0, id=orientation)  # no padding: tables fill it
        templates.append(PageTemplate(id=orientation, frames=[frame], pagesize=size))
    return sorted(templates, key=lambda template: template.id != first)


def frame_height(orientation: str) -> float:
    return PAGE_SIZES[orientation][1] - 2 * MARGIN


def render(
    path: Path,
    sections: Sequence[Section],
    *,
    title: str,
    font: str,
    unnumbered: int = 0,
    draft: bool = False,
) -> RenderResult:
    """Lay the sections out one after another, each from a new page; ``unnumbered`` leading
    pages (a cover) carry no page footer but count in the total; ``draft`` marks every page 草稿."""
    result = RenderResult()
    story: list[Flowable] = []
    for index, section in enumerate(sections):
        if index:
            story += [NextPageTemplate(section.orientation), PageBreak()]
        if section.key:
            story.append(_PageMark(section.key, result.first_pages))
        story += section.flowables
    document = BaseDocTemplate(
        str(path),
        pagesize=PAGE_SIZES[sections[0].orientation],
        title=title,
        author="自评 Ziping",
        creator="自评 Ziping",
        invariant=1,
        initialFontName=font,  # else the page preamble references an unembedded Helvetica
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
    )
    document.addPageTemplates(_templates(sections[0].orientation))
    canvasmaker = partial(_NumberedCanvas, font=font, unnumbered=unnumbered, result=result, draft=draft)
    try:
        document.build(story, canvasmaker=canvasmaker)
    finally:
        forget_cell_layouts()
    return result
