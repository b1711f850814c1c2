"""Paragraph styles of the printed forms, made once per font and never changed afterwards.

Every cell holds a ``Paragraph`` with ``wordWrap='CJK'`` so Chinese wraps inside its column.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle


@dataclass(frozen=True)
class FormStyles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    label: ParagraphStyle  # a printed heading of the form, centred
    text: ParagraphStyle  # the clerk's text, left aligned
    number: ParagraphStyle  # a figure, right aligned
    centred: ParagraphStyle  # a short value such as “≥” or “/”, centred
    note: ParagraphStyle  # the small print of the form
    signature: ParagraphStyle


@cache
def form_styles(font: str, size: float = 9) -> FormStyles:
    """The styles in ``font`` with body text of ``size`` points (cached: one set per font and size)."""

    def style(name: str, **overrides) -> ParagraphStyle:
        base = {
            "fontName": font,
            "fontSize": size,
            "leading": size * 1.3,
            "wordWrap": "CJK",
            "alignment": TA_LEFT,
        }
        base.update(overrides)
        return ParagraphStyle(f"{font}-{size}-{name}", **base)

    return FormStyles(
        title=style("title", fontSize=size + 7, leading=(size + 7) * 1.4, alignment=TA_CENTER),
        subtitle=style("subtitle", fontSize=size + 1, leading=(size + 1) * 1.6, alignment=TA_CENTER),
        label=style("label", alignment=TA_CENTER),
        text=style("text"),
        number=style("number", alignment=TA_RIGHT),
        centred=style("centred", alignment=TA_CENTER),
        note=style("note", fontSize=size - 1.5, leading=(size - 1.5) * 1.35),
        signature=style("signature", fontSize=size + 1, leading=(size + 1) * 1.5),
    )
