"""docs/excel-template.md lists every sheet and column the code defines."""

from __future__ import annotations

from pathlib import Path

from desktop.exchange.sheets import ALL_SHEETS

DOC = Path(__file__).parents[2] / "docs" / "excel-template.md"


def test_the_document_lists_every_column():
    text = DOC.read_text(encoding="utf-8")
    for spec in ALL_SHEETS:
        section = text.split(f"### {spec.name}\n", 1)[1].split("###", 1)[0]
        for column in spec.columns:
            required = "是" if column.required else ""
            assert f"| {column.header} | {column.kind.value} | {required} |" in section, (
                spec.name,
                column.header,
            )
