"""Reading PDFs back for the tests: the text without layout whitespace, the fonts used."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader


def page_texts(path: Path) -> list[str]:
    """The text of each page with every space and line break removed (cells wrap anywhere)."""
    return [re.sub(r"\s+", "", page.extract_text()) for page in PdfReader(path).pages]


def pdf_text(path: Path) -> str:
    return "".join(page_texts(path))


def font_problems(path: Path) -> list[str]:
    """Every font of every page that is not embedded as a TrueType font file (FontFile2)."""
    problems = []
    for number, page in enumerate(PdfReader(path).pages, start=1):
        fonts = page["/Resources"].get("/Font", {})
        for name, reference in fonts.items():
            font = reference.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None or "/FontFile2" not in descriptor.get_object():
                problems.append(f"page {number}: {name} {font.get('/BaseFont')}")
    return problems
