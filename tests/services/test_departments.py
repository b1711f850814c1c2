"""单位信息: saving name, 主管部门, 实施单位, 省份 and 统一社会信用代码; a new 单位 always names its province."""

from __future__ import annotations

import pytest
from alembic import command
from openpyxl import load_workbook
from sqlmodel import Session

from desktop.errors import UserInputError
from desktop.services.department_setup import create_department
from desktop.services.departments import department_info, update_department
from desktop.services.excel import ExcelService
from desktop.storage.database import _alembic_config, make_engine, open_database
from desktop.storage.models import Department
from tests.services.excel_helpers import workbook_file


def _save(engine, department_id, **changes):
    department = department_info(engine, department_id)
    values = {
        "name": department.name,
        "competent_department": department.competent_department,
        "implementing_unit": department.implementing_unit,
        "province": department.province,
        "credit_code": department.credit_code,
    }
    return update_department(engine, department_id, **(values | changes))


def test_the_department_is_saved_with_its_province_in_full_and_its_code(engine):
    department_id = create_department(engine, "乌鲁木齐市天山区信访局", province="新疆").id
    assert department_info(engine, department_id).province == "新疆维吾尔自治区"
    saved = _save(
        engine,
        department_id,
        province="北京",
        credit_code=" 91350100m000100y43 ",
        competent_department=" 某部门 ",
    )
    assert (saved.province, saved.credit_code, saved.competent_department) == (
        "北京市",
        "91350100M000100Y43",
        "某部门",
    )
    assert department_info(engine, department_id) == saved


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"province": ""}, "省份：请选择单位所在的省份（决定使用哪一套自评表和评价表）"),
        ({"province": "遂宁"}, "省份：“遂宁”不是省级行政区（如“四川省”“新疆维吾尔自治区”“北京市”）"),
        ({"name": " "}, "单位名称：不能为空"),
        ({"name": "财政局"}, "单位名称：已有名为“财政局”的单位"),
        (
            {"credit_code": "91350100M000100Y44"},
            "统一社会信用代码：“91350100M000100Y44”的校验位应为“3”而不是“4”（GB 32100-2015），请核对是否抄错",
        ),
    ],
)
def test_a_bad_value_is_refused_and_nothing_is_saved(engine, changes, message):
    department_id = create_department(engine, "信访局", "信访局部门", province="四川省").id
    create_department(engine, "财政局", province="四川省")
    before = department_info(engine, department_id)
    with pytest.raises(UserInputError) as refused:
        _save(engine, department_id, **(changes | {"competent_department": "改过的"}))
    assert str(refused.value) == message
    assert department_info(engine, department_id) == before


def test_a_new_department_has_no_province_until_one_is_chosen(engine):
    with pytest.raises(UserInputError, match="^省份：请选择单位所在的省份"):
        create_department(engine, "信访局", province=" ")
    with Session(engine) as session:  # a row made without one is “not chosen”, never 四川省
        department = Department(name="测试局")
        session.add(department)
        session.commit()
        assert department.province == ""


def test_a_workbook_for_a_new_department_must_name_its_province(engine, tmp_path):
    service = ExcelService(engine)
    without = workbook_file(tmp_path / "无省份.xlsx", {"单位": [["单位名称"], ["某区民政局"]]})
    with pytest.raises(UserInputError) as refused:
        service.import_workbook(without)
    assert "工作表“单位”第 2 行“省份”列：请选择单位所在的省份" in str(refused.value)
    short = workbook_file(tmp_path / "新疆.xlsx", {"单位": [["单位名称", "省份"], ["某区民政局", "新疆"]]})
    service.import_workbook(short)
    (department,) = [department_info(engine, 1)]
    assert (department.name, department.province) == ("某区民政局", "新疆维吾尔自治区")


def test_the_credit_code_goes_through_excel_and_a_wrong_one_is_named(engine, tmp_path):
    service = ExcelService(engine)
    header = ["单位名称", "省份", "统一社会信用代码"]
    wrong = workbook_file(
        tmp_path / "错.xlsx", {"单位": [header, ["某区民政局", "安徽", "91350100M000100Y44"]]}
    )
    with pytest.raises(UserInputError) as refused:
        service.import_workbook(wrong)
    assert "工作表“单位”第 2 行“统一社会信用代码”列：“91350100M000100Y44”的校验位应为“3”而不是“4”" in str(
        refused.value
    )
    right = workbook_file(
        tmp_path / "对.xlsx", {"单位": [header, ["某区民政局", "安徽", "91350100m000100y43"]]}
    )
    service.import_workbook(right)
    assert department_info(engine, 1).credit_code == "91350100M000100Y43"
    exported = tmp_path / "导出.xlsx"
    service.export(1, 2023, exported)
    sheet = load_workbook(exported)["单位"]
    row = {
        sheet.cell(1, column).value: sheet.cell(2, column).value for column in range(1, sheet.max_column + 1)
    }
    assert (row["省份"], row["统一社会信用代码"]) == ("安徽省", "91350100M000100Y43")


def test_a_workbook_without_the_code_column_keeps_the_stored_code(engine, tmp_path):
    department_id = create_department(engine, "某区民政局", province="安徽省").id
    _save(engine, department_id, credit_code="91350100M000100Y43")
    ExcelService(engine).import_workbook(
        workbook_file(
            tmp_path / "旧格式.xlsx", {"单位": [["单位名称", "主管部门"], ["某区民政局", "某区政府"]]}
        )
    )
    saved = department_info(engine, department_id)
    assert (saved.competent_department, saved.province, saved.credit_code) == (
        "某区政府",
        "安徽省",
        "91350100M000100Y43",
    )


def test_a_database_made_before_the_code_column_keeps_its_departments(db_path):
    old = make_engine(db_path)
    config = _alembic_config()
    with old.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.exec_driver_sql(
            "INSERT INTO department (name, competent_department, implementing_unit, province, region)"
            " VALUES ('遂宁市船山区信访局', '', '', '四川省', '遂宁市船山区')"
        )
    old.dispose()
    engine = open_database(db_path)
    (department,) = [department_info(engine, 1)]
    engine.dispose()
    assert (department.name, department.province, department.credit_code) == (
        "遂宁市船山区信访局",
        "四川省",
        "",
    )
