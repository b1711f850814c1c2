"""The print font: the shipped one, one the clerk picks by its path, and files refused with a reason."""

from __future__ import annotations

import shutil

import pytest

from desktop.cli import main
from desktop.errors import UserInputError
from desktop.paths import CJK_FONT
from desktop.printing.fonts import available_fonts
from desktop.services.pdf_export import PdfExportService
from tests.printing.pdf_reading import font_problems, pdf_text
from tests.services.chufei import CODE, add_chufei_project

POSTSCRIPT_REFUSED = (
    "是 PostScript（CFF）轮廓的 OpenType 字体，PDF 无法嵌入；请选择 TrueType 字体（.ttf 或 .ttc）"
)


@pytest.fixture
def chosen_font(tmp_path):
    """A TrueType collection outside the program's folder, as a font the clerk picked would be."""
    path = tmp_path / "字体" / "chosen.ttc"
    path.parent.mkdir()
    shutil.copyfile(CJK_FONT, path)
    return path


@pytest.fixture
def postscript_font(tmp_path):
    """An OpenType file with CFF outlines starts with the tag “OTTO” (OpenType spec, table directory)."""
    path = tmp_path / "SourceHanSerif.otf"
    path.write_bytes(b"OTTO" + bytes(60))
    return path


def test_the_list_offers_the_shipped_font_then_the_windows_fonts_present(tmp_path):
    fonts = tmp_path / "Windows" / "Fonts"
    fonts.mkdir(parents=True)
    for name in ("SIMFANG.TTF", "simsun.ttc", "arial.ttf"):
        (fonts / name).write_bytes(b"")
    choices = available_fonts(fonts)
    assert [choice.title for choice in choices] == ["文泉驿微米黑（随软件提供）", "宋体", "仿宋"]
    assert [choice.path for choice in choices] == [CJK_FONT, fonts / "simsun.ttc", fonts / "SIMFANG.TTF"]
    assert [choice.title for choice in available_fonts(None)] == ["文泉驿微米黑（随软件提供）"]


def test_a_font_chosen_by_its_path_prints_the_form_embedded(engine, chosen_font, tmp_path):
    department_id, _ = add_chufei_project(engine)
    out = tmp_path / "处非.pdf"
    PdfExportService(engine, font_file=chosen_font).export(department_id, 2023, "self-eval", out, CODE)
    text = pdf_text(out)
    assert "总额85.00131.65117.6589.37%108.94" in text and "项目负责人：" in text
    assert font_problems(out) == []


def test_a_postscript_font_is_refused_and_no_file_is_left(engine, postscript_font, tmp_path):
    department_id, _ = add_chufei_project(engine)
    out = tmp_path / "导出" / "处非.pdf"
    out.parent.mkdir()
    service = PdfExportService(engine, font_file=postscript_font)
    with pytest.raises(UserInputError) as refused:
        service.export(department_id, 2023, "self-eval", out, CODE)
    assert (
        str(refused.value)
        == f"字体文件“{postscript_font}”{POSTSCRIPT_REFUSED}，例如宋体 simsun.ttc、仿宋 simfang.ttf"
    )
    assert list(out.parent.iterdir()) == []


def test_the_command_line_takes_a_font(engine, db_path, chosen_font, postscript_font, tmp_path, capsys):
    add_chufei_project(engine)
    out = tmp_path / "处非.pdf"
    args = ["export-pdf", "--db", str(db_path), "--year", "2023", "--form", "self-eval", "--project", CODE]
    assert main([*args, "--out", str(out), "--font", str(chosen_font)]) == 0
    assert "89.37%" in pdf_text(out)
    capsys.readouterr()
    assert main([*args, "--out", str(tmp_path / "x.pdf"), "--font", str(postscript_font)]) == 2
    assert POSTSCRIPT_REFUSED in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
