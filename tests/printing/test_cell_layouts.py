"""A cell's paragraph keeps the lines reportlab gives it, however often the same text is wrapped."""

from __future__ import annotations

from reportlab.platypus import Paragraph

from desktop.printing.cells import cell
from desktop.printing.fonts import register_font
from desktop.printing.styles import form_styles

TEXT = "开展防范和处置非法集资宣传，推进风险企业处置，按时高质量完成上级下达的各项工作任务。"


def _lines(paragraph: Paragraph) -> list[str]:
    """The text of each line reportlab broke the paragraph into (one fragment or several)."""
    if paragraph.blPara.kind == 0:
        return ["".join(words) for _, words in paragraph.blPara.lines]
    return ["".join(word.text for word in line.words) for line in paragraph.blPara.lines]


def test_the_same_text_in_columns_of_different_widths_wraps_to_each_width():
    style = form_styles(register_font(), 9).text
    cells = [cell(TEXT, style) for _ in range(4)]
    for width, paragraph in zip((60, 200, 60, 400), cells, strict=True):
        reference = Paragraph(TEXT, style)
        assert paragraph.wrap(width, 1000) == reference.wrap(width, 1000)
        assert _lines(paragraph) == _lines(reference)
    assert len(_lines(cells[0])) > len(_lines(cells[1])) > len(_lines(cells[3])) == 1
    assert _lines(cells[0]) == _lines(cells[2])
    # wrapped again to another width, a cell takes that width's lines
    assert cells[3].wrap(60, 1000) == Paragraph(TEXT, style).wrap(60, 1000)
    assert _lines(cells[3]) == _lines(cells[0])


def test_a_cell_prints_the_clerks_markup_characters_as_written():
    style = form_styles(register_font(), 9).text
    paragraph = cell("A<B & C\n第二行", style)
    paragraph.wrap(300, 1000)
    assert _lines(paragraph) == ["A<B & C", "第二行"]
