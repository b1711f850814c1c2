"""Export the sample, import it into a new database, export again: every cell comes back the same."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from desktop.cli import main
from desktop.services.departments import resolve_department
from desktop.services.excel import ExcelService, import_into_path
from desktop.storage import models as M
from desktop.storage.database import open_database
from tests.services.excel_helpers import add_register, cells


@pytest.fixture
def sample_db(sample_path):
    engine = open_database(sample_path)
    add_register(engine, resolve_department(engine).id)
    engine.dispose()
    return sample_path


def test_round_trip_gives_back_every_cell(sample_db, tmp_path, capsys):
    first, second, copy = tmp_path / "first.xlsx", tmp_path / "second.xlsx", tmp_path / "copy.sqlite3"
    year = ["--year", "2023", "--unmasked"]
    assert main(["export-xlsx", "--db", str(sample_db), *year, "--out", str(first)]) == 0
    assert main(["import-xlsx", "--db", str(copy), str(first)]) == 0
    assert main(["export-xlsx", "--db", str(copy), *year, "--out", str(second)]) == 0

    exported, again = cells(first), cells(second)
    assert list(exported) == [
        "单位",
        "信访事项",
        "走访记录",
        "收入",
        "支出",
        "结转结余",
        "基本支出",
        "三公经费",
        "执行进度",
        "公开数",
        "项目支出经济分类",
        "其他重要事项金额",
        "其他重要事项数量",
        "项目",
        "绩效指标",
        "项目自评",
        "评价表",
        "评价打分",
        "核对说明",
        "自评得分",  # computed; passed over by the import, the same again after it
    ]
    for sheet, rows in exported.items():
        assert len(rows) == len(again[sheet]), sheet
        for number, (row, row_again) in enumerate(zip(rows, again[sheet], strict=True), start=1):
            assert row == row_again, f"{sheet} 第 {number} 行"
    report = capsys.readouterr().out
    assert "项目：新增 7 条，更新 0 条" in report  # seven projects, 总额 and source rows each
    added = (
        "信访事项", "走访记录", "收入", "支出", "结转结余", "基本支出", "三公经费", "执行进度", "公开数",
        "项目支出经济分类", "其他重要事项金额", "其他重要事项数量",
    )  # fmt: skip
    for sheet in (*added, "绩效指标", "评价表"):
        assert f"{sheet}：新增 {len(exported[sheet]) - 1} 条，更新 0 条" in report
    assert "项目自评：新增 0 条，更新 7 条" in report  # the seven projects of the 项目 sheet get their texts


def test_round_trip_keeps_the_fen(sample_db, tmp_path):
    """Money is written in 万元 with all its digits: 12,345.67 元 comes back to the 分."""
    engine = open_database(sample_db)
    with engine.begin() as connection:
        table = M.IncomeLine.__table__
        first_id = connection.execute(select(table.c.id).order_by(table.c.id)).scalars().first()
        connection.execute(
            table.update().where(table.c.id == first_id).values(final_amount=Decimal("12345.67"))
        )
    department = resolve_department(engine)
    ExcelService(engine).export(department.id, 2023, tmp_path / "out.xlsx", unmasked=True)
    engine.dispose()

    sheet = load_workbook(tmp_path / "out.xlsx")["收入"]
    assert sheet["G2"].value == pytest.approx(1.234567)  # 决算数, after 资金性质
    assert sheet["F2"].number_format == "0.00"

    import_into_path(tmp_path / "new.sqlite3", tmp_path / "out.xlsx")
    engine = open_database(tmp_path / "new.sqlite3")
    with engine.connect() as connection:
        amounts = connection.execute(select(M.IncomeLine.__table__.c.final_amount)).scalars().all()
    engine.dispose()
    assert Decimal("12345.67") in amounts


def test_importing_the_same_file_again_changes_no_record(sample_db, tmp_path):
    out = tmp_path / "out.xlsx"
    engine = open_database(sample_db)
    ExcelService(engine).export(resolve_department(engine).id, 2023, out, unmasked=True)
    engine.dispose()

    report = import_into_path(sample_db, out)

    counts = {count.sheet: (count.added, count.updated, count.unchanged) for count in report.counts}
    assert counts["项目"] == (0, 0, 7)
    assert counts["收入"] == (0, 0, 16)
    assert all(added == updated == 0 for added, updated, _unchanged in counts.values())


def test_export_masks_id_and_phone_and_a_masked_file_keeps_them(sample_db, tmp_path):
    out = tmp_path / "masked.xlsx"
    assert main(["export-xlsx", "--db", str(sample_db), "--year", "2023", "--out", str(out)]) == 0
    sheet = load_workbook(out)["信访事项"]
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "T2023-0001")
    assert row[header.index("身份证号")] == "110105********002X"
    assert row[header.index("联系电话")] == "138****1234"

    import_into_path(sample_db, out)

    engine = open_database(sample_db)
    with engine.connect() as connection:
        table = M.Petition.__table__
        stored = connection.execute(select(table).where(table.c.number == "T2023-0001")).one()
    engine.dispose()
    assert (stored.id_number, stored.phone) == ("11010519491231002X", "13800001234")


def test_export_is_formatted_for_printing(sample_db, tmp_path):
    out = tmp_path / "out.xlsx"
    main(["export-xlsx", "--db", str(sample_db), "--year", "2023", "--out", str(out)])
    workbook = load_workbook(out)
    projects = workbook["项目"]
    assert [cell.value for cell in projects[1]] == [
        "年度", "项目编码", "项目名称", "主管部门", "实施单位", "资金来源",
        "年初预算", "调整后预算", "执行数", "年度目标", "完成情况",
    ]  # fmt: skip
    assert projects["A1"].font.b and projects["A1"].fill.fgColor.rgb == "00D9D9D9"
    assert projects.freeze_panes == "A2"
    assert projects.print_title_rows == "$1:$1"
    assert projects.page_setup.paperSize == 9 and projects.page_setup.orientation == "landscape"
    assert projects["G2"].number_format == "0.00"
    assert projects.column_dimensions["B"].width == 24
    assert "金额单位：万元" in projects.oddHeader.center.text
    petitions = workbook["信访事项"]
    assert petitions["B2"].number_format == "yyyy-mm-dd"


def test_template_has_every_sheet_with_its_headers(tmp_path, capsys):
    out = tmp_path / "template.xlsx"
    assert main(["template", "--out", str(out)]) == 0
    workbook = load_workbook(out)
    assert workbook.sheetnames[-1] == "说明"
    assert [cell.value for cell in workbook["绩效指标"][1]] == [
        "年度", "项目编码", "一级指标", "二级指标", "三级指标", "指标性质",
        "指标值", "度量单位", "权重", "完成值", "未完成原因", "指标方向", "调整后得分", "得分调整理由",
    ]  # fmt: skip
    assert [cell.value for cell in workbook["评价打分"][1]] == [
        "年度", "项目编码", "模板", "指标编号", "指标名称", "输入项", "录入值", "取数来源",
        "手工得分", "手工得分理由", "评价说明",
    ]  # fmt: skip
    assert workbook.sheetnames[-5:-1] == ["项目自评", "评价表", "评价打分", "核对说明"]
    assert "共 19 张表" in capsys.readouterr().out
    assert workbook["信访事项"].max_row == 1
