"""检查说明文本: a 决算说明 written elsewhere (.docx, .txt, or a PDF with a text layer) checked
against the year's figures (``desktop.domain.report_check``).

A PDF is read with pypdf (pure Python, so it works on Windows where no pdftotext exists); a PDF
without a text layer (a scan) is refused by name rather than checked as empty.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from desktop.domain.report_check import StatedValue, TextCheck, check_text
from desktop.errors import UserInputError
from desktop.services.report_data import report_catalogue

READABLE = (".docx", ".txt", ".pdf")


def read_report_text(path: Path) -> str:
    """The text of a report file, paragraph by paragraph (tables of a .docx included)."""
    suffix = path.suffix.lower()
    if suffix not in READABLE:
        raise UserInputError(f"{path.name}：只能检查 .docx、.txt 或带文字层的 .pdf 文件")
    if not path.is_file():
        raise UserInputError(f"{path}：文件不存在")
    if suffix == ".txt":
        return _read_txt(path)
    if suffix == ".docx":
        return _read_docx(path)
    return _read_pdf(path)


def _read_txt(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserInputError(f"{path.name}：不是 UTF-8 或 GBK 编码的文本文件")


def _read_docx(path: Path) -> str:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise UserInputError(f"{path.name}：不是可以读取的 Word（.docx）文件") from error
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        # a PDF breaks lines inside sentences; Chinese needs no space where they are joined again
        text = "\n".join((page.extract_text() or "").replace("\n", "") for page in PdfReader(str(path)).pages)
    except (PdfReadError, ValueError) as error:
        raise UserInputError(f"{path.name}：不是可以读取的 PDF 文件") from error
    if not text.strip():
        raise UserInputError(f"{path.name}：PDF 没有文字层（可能是扫描件），请提供 Word 或文本文件")
    return text


def check_report_text(engine: Engine, department_id: int, year: int, text: str) -> TextCheck:
    """Every amount and percentage of ``text`` against the department's figures of ``year``."""
    return check_text(text, report_catalogue(engine, department_id, year))


def format_text_check(result: TextCheck) -> str:
    """The check as the command line prints it: mismatches first, then what could not be matched."""
    lines = [
        f"核对了 {len(result.values)} 个数字：{len(result.agreeing)} 个一致，"
        f"{len(result.mismatches)} 个不一致，{len(result.unmatched)} 个无法对应。"
    ]
    if result.mismatches:
        lines.append("不一致：")
        lines += [_line(value) for value in result.mismatches]
    if result.unmatched:
        lines.append("无法对应：")
        lines += [f"  {value.stated}（{value.note}）：{value.sentence}" for value in result.unmatched]
    return "\n".join(lines)


def _line(value: StatedValue) -> str:
    return f"  {value.figure}{value.kind}：文中 {value.stated}，计算 {value.computed}。句子：{value.sentence}"


def text_check_json(result: TextCheck) -> list[dict]:
    return [
        {
            "sentence": value.sentence,
            "stated": value.stated,
            "figure": value.figure,
            "kind": value.kind,
            "computed": value.computed,
            "agrees": value.agrees,
            "note": value.note,
        }
        for value in result.values
    ]
