"""The 决算说明 of a department that is not the sample: a 湖北 文旅局 (tests/services/wenlv.py) with
政府性基金 and 事业收入, 结转结余 by fund, and no previous year. Every expected figure is worked
out by hand below (amounts in 元 → 万元)."""

from __future__ import annotations

from docx import Document

from desktop.cli import main
from tests.services.wenlv import add_wenlv_department


def test_a_year_without_its_previous_one_is_reported_without_comparisons(engine, db_path, tmp_path, capsys):
    add_wenlv_department(engine)
    out = tmp_path / "说明.docx"
    assert main(["export-docx", "--db", str(db_path), "--year", "2024", "--out", str(out)]) == 0
    capsys.readouterr()
    document = Document(str(out))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    for sentence in (
        # 收入 602000 + 结转 6000 = 608000; 支出 600000 + 结转 8000 = 608000
        "2024年度收、支总计均为60.80万元。",
        # 560000 / 602000 = 93.02%, 30000 / 602000 = 4.98%, 12000 / 602000 = 1.99%
        "2024年度本年收入合计60.20万元，其中：一般公共预算财政拨款收入56.00万元，占93.02%；"
        "政府性基金预算财政拨款收入3.00万元，占4.98%；事业收入1.20万元，占1.99%。",
        # 基本 480000 + 60000 = 540000 (90.00%), 项目 20000 + 28000 + 12000 = 60000 (10.00%)
        "2024年度本年支出合计60.00万元，其中：基本支出54.00万元，占90.00%；项目支出6.00万元，占10.00%。",
        # 财政拨款: 590000 + 6000 = 596000 in, 588000 + 8000 = 596000 out
        "2024年度财政拨款收、支总计均为59.60万元。",
        # 560000 / 600000 = 93.33%
        "2024年度一般公共预算财政拨款支出56.00万元，占本年支出合计的93.33%。",
        "2024年度政府性基金预算财政拨款支出2.80万元。",
        # 三公 15000 + 5000 = 20000 of a 22000 budget = 90.91%
        "2024年度“三公”经费财政拨款支出决算为2.00万元，完成预算90.91%。",
        "2024年度，某县文化和旅游局机关运行经费支出16.00万元。",
        # 人员经费 301 + 303 = 300000 + 60000 + 20000; 公用经费 100000 + 5000 + 15000 + 40000
        "人员经费38.00万元",
        "公用经费16.00万元",
        "本部门2024年度无国有资本经营预算财政拨款收入，也没有使用国有资本经营预算财政拨款安排的支出。",
        "某县文化和旅游局共有在职人员14名。",
    ):
        assert sentence in text
    for absent in ("与2023年度相比", "较上年度", "比2023年", "主要原因"):
        assert absent not in text
    # the national set: 9 tables
    assert sum(1 for p in document.paragraphs if p.style.name == "Heading 2" and "表" in p.text[:6]) == 9
    assert main(["check-text", "--db", str(db_path), "--year", "2024", str(out)]) == 0
    assert "0 个不一致，0 个无法对应" in capsys.readouterr().out.splitlines()[0]
