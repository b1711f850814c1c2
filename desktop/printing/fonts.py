"""The CJK font every PDF is set in, registered once and embedded as a subset.

The shipped font is WenQuanYi Micro Hei (``resources/fonts``, licence beside it). On Windows the
clerk may choose an installed 宋体 / 仿宋 file instead; it is registered under its own name.
reportlab embeds TrueType fonts as subsets (``FontFile2``), so the PDF prints the same anywhere;
it cannot embed OpenType fonts with PostScript (CFF) outlines, which are refused with a message.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from desktop.errors import UserInputError
from desktop.paths import CJK_FONT

SHIPPED_FONT_NAME = "WenQuanYi"
SHIPPED_FONT_TITLE = "文泉驿微米黑（随软件提供）"
# The Chinese TrueType fonts a Windows installation carries, in the order the list offers them.
WINDOWS_CJK_FONTS = (
    ("simsun.ttc", "宋体"),
    ("simfang.ttf", "仿宋"),
    ("simkai.ttf", "楷体"),
    ("simhei.ttf", "黑体"),
    ("msyh.ttc", "微软雅黑"),
    ("STSONG.TTF", "华文宋体"),
    ("STFANGSO.TTF", "华文仿宋"),
)
PROBE = "项目支出绩效自评表"  # a font that lacks these would print boxes


@dataclass(frozen=True)
class FontChoice:
    title: str  # what the settings list shows
    path: Path


def system_font_folder() -> Path | None:
    """``%WINDIR%\\Fonts`` on Windows; elsewhere there is no folder to look in."""
    windows = os.environ.get("WINDIR")
    return Path(windows) / "Fonts" if windows else None


def available_fonts(folder: Path | None) -> list[FontChoice]:
    """The shipped font, then the known Chinese TrueType fonts present in ``folder``."""
    choices = [FontChoice(SHIPPED_FONT_TITLE, CJK_FONT)]
    if folder is not None and folder.is_dir():
        present = {path.name.lower(): path for path in folder.iterdir()}
        for file_name, title in WINDOWS_CJK_FONTS:
            if file_name.lower() in present:
                choices.append(FontChoice(title, present[file_name.lower()]))
    return choices


def _refuse_postscript_outlines(path: Path) -> None:
    try:
        with open(path, "rb") as stream:
            signature = stream.read(4)
    except OSError as error:
        raise UserInputError(f"字体文件“{path}”无法读取：{error.strerror or error}") from error
    if signature == b"OTTO":
        raise UserInputError(
            f"字体文件“{path}”是 PostScript（CFF）轮廓的 OpenType 字体，PDF 无法嵌入；"
            "请选择 TrueType 字体（.ttf 或 .ttc），例如宋体 simsun.ttc、仿宋 simfang.ttf"
        )


@cache
def register_font(path: Path = CJK_FONT) -> str:
    """Register the TrueType (or first face of a .ttc) font at ``path`` once; return its name.
    Refuses a file reportlab cannot embed or a font without Chinese characters."""
    path = Path(path)
    name = SHIPPED_FONT_NAME if path == CJK_FONT else f"CJK-{path.stem}"
    _refuse_postscript_outlines(path)
    try:
        font = TTFont(name, str(path), subfontIndex=0)
    except (OSError, TTFError) as error:
        raise UserInputError(f"字体文件“{path}”不是可用的 TrueType 字体（{error}）") from error
    if not all(ord(character) in font.face.charToGlyph for character in PROBE):
        raise UserInputError(f"字体“{path.name}”没有汉字，表格会印成方框；请选择宋体、仿宋等中文字体")
    pdfmetrics.registerFont(font)
    return name
