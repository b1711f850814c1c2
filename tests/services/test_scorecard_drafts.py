"""A scorecard item that cannot be scored prints 待评, never the reason it cannot (issue 11,
observation 9): the reason is said before export, and the 评价表 — alone or in the year pack —
is a draft under the 自评表's rule (NotFinalError unless ``draft``; 草稿 on every page)."""

from __future__ import annotations

import pytest

from desktop.services.container import build_services
from desktop.services.departments import list_departments
from desktop.services.pdf_export import NotFinalError
from desktop.storage.database import open_database
from tests.printing.pdf_reading import pdf_text

CARD = "2023年部门整体支出绩效评价指标体系"
REASON = f"评价表“{CARD}”：“结果整改”待评（缺少“发现问题数”，无法计算得分）"
DRAFT = "草稿：未定稿，不能签字报送"


@pytest.fixture
def sample(sample_original, tmp_path):
    copy = tmp_path / "示例.sqlite3"
    copy.write_bytes(sample_original.read_bytes())
    engine = open_database(copy)
    yield build_services(engine), list_departments(engine)[0].id
    engine.dispose()


def clear_findings(services, department_id: int) -> None:
    """结果整改 loses its 发现问题数 (the clerk emptied the cell)."""
    card = services.scoring.department_scorecard(department_id, 2023)
    services.scoring.set_input(card.scorecard_id, "rectification", "findings", "")


def test_a_complete_scorecard_is_final(sample, tmp_path):
    services, department_id = sample
    assert services.pdf.draft_reasons(department_id, 2023, "dept-scorecard") == ()
    out = tmp_path / "评价表.pdf"
    services.pdf.export(department_id, 2023, "dept-scorecard", out)
    assert DRAFT not in pdf_text(out)


def test_an_item_that_cannot_be_scored_prints_daiping_in_a_draft(sample, tmp_path):
    services, department_id = sample
    clear_findings(services, department_id)
    assert services.pdf.draft_reasons(department_id, 2023, "dept-scorecard") == (REASON,)
    out = tmp_path / "评价表.pdf"
    with pytest.raises(NotFinalError, match="结果整改"):
        services.pdf.export(department_id, 2023, "dept-scorecard", out)
    assert not out.exists()
    services.pdf.export(department_id, 2023, "dept-scorecard", out, draft=True)
    text = pdf_text(out)
    assert "无法计算得分" not in text and "缺少" not in text
    assert "结果整改" in text and "待评" in text and DRAFT in text


def test_the_year_pack_with_that_scorecard_is_a_draft_without_the_error_text(sample, tmp_path):
    services, department_id = sample
    clear_findings(services, department_id)
    assert REASON in services.pdf.draft_reasons(department_id, 2023, "pack")
    out = tmp_path / "汇编.pdf"
    with pytest.raises(NotFinalError):
        services.pdf.export(department_id, 2023, "pack", out)
    services.pdf.export(department_id, 2023, "pack", out, draft=True)
    text = pdf_text(out)
    assert "无法计算得分" not in text and DRAFT in text
    # 资金使用率 of a project scorecard has no 分子 but a 手工得分: the score and its 理由 print
    assert "调整为2.50分：原自评表自评得分2.5" in text
