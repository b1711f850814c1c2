"""The CJK font every PDF is set in, registered once and embedded as a subset.

The shipped font is WenQuanYi Micro Hei (``resources/fonts``, licence beside it). On Windows the
clerk may choose an installed 宋体 / 仿宋 file instead; it is registered under its own name.
reportlab embeds TrueType fonts as subsets (``FontFile2``), so the PDF prints the same anywhere.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from desktop.paths import CJK_FONT
from desktop.services.errors import UserInputError

SHIPPED_FONT_NAME = "WenQuanYi"


@cache
def register_font(path: Path = CJK_FONT) -> str:
    """Register the TrueType (or first face of a .ttc) font at ``path`` once; return its name."""
    name = SHIPPED_FONT_NAME if Path(path) == CJK_FONT else f"CJK-{Path(path).stem}"
    try:
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=0))
    except (OSError, TTFError) as error:
        raise UserInputError(f"字体文件“{path}”无法使用：{error}") from error
    return name
