"""The 科目 of a department-year: editions by year, codes the clerk adds, V18 through ``check --json``."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from desktop.cli import main
from desktop.errors import UserInputError
from desktop.services.budget import BudgetService
from desktop.services.classification import CodeChoice, classification_for_year
from desktop.storage.database import open_database
from desktop.storage.models import Department, ExpenditureLine, UserFunctionCode


@pytest.fixture
def wenlv(engine):
    """A 文旅局 of another province with no lines and no previous year."""
    with Session(engine) as session:
        department = Department(name="某县文化广播电视和旅游局", province="湖南省")
        session.add(department)
        session.commit()
        return BudgetService(engine), department.id


def test_the_editions_name_the_codes_of_a_wenlv_ju_and_the_2024_changes():
    for year in (2023, 2024, 2025):
        edition = classification_for_year(year)
        assert edition.year == year and edition.edition == f"{year}年政府收支分类科目"
        assert edition.function_name("2070101") == "行政运行"
        assert edition.function_name("2070199") == "其他文化和旅游支出"
        assert edition.function_name("20799") == "其他文化旅游体育与传媒支出"
        assert edition.economic_name("39907") == "国家赔偿费用支出"
    assert "20140" not in classification_for_year(2023).function
    assert classification_for_year(2024).function_name("20140") == "信访事务"
    assert classification_for_year(2024).function_name("2014001") == "行政运行"
    assert classification_for_year(2024).function_name("2010308") == "信访事务"  # kept, see 2024.toml
    assert classification_for_year(2026).year == 2025  # a later year uses the newest earlier edition


def test_every_kuan_of_the_classes_a_county_uses_has_its_xiang():
    county = {
        "201",
        "204",
        "205",
        "206",
        "207",
        "208",
        "210",
        "211",
        "212",
        "213",
        "214",
        "220",
        "221",
        "224",
        "229",
    }
    for year in (2023, 2024, 2025):
        function = classification_for_year(year).function
        for code in function:
            if len(code) == 5 and code[:3] in county:
                assert any(len(item) == 7 and item.startswith(code) for item in function), (year, code)


def test_a_code_added_by_the_clerk_is_offered_from_its_year_on(wenlv):
    service, department_id = wenlv
    assert CodeChoice("2070188", "乡村文化振兴", True) not in service.function_choices(department_id, 2024)
    assert service.codes.add_function_code(department_id, 2024, "2070188", "乡村文化振兴") == "2070188"
    assert CodeChoice("2070188", "乡村文化振兴", True) in service.function_choices(department_id, 2024)
    assert CodeChoice("2070188", "乡村文化振兴", True) in service.function_choices(department_id, 2025)
    assert "2070188" not in {choice.code for choice in service.function_choices(department_id, 2023)}
    assert CodeChoice("2070101", "行政运行", False) in service.function_choices(department_id, 2024)
    line_id = service.add_expenditure_line(department_id, 2024, "2070188", "项目支出")
    with Session(service._engine) as session:
        assert session.get(ExpenditureLine, line_id).name == "乡村文化振兴"
    with pytest.raises(UserInputError) as error:
        service.codes.add_function_code(department_id, 2025, "2070188", "再来一次")
    assert str(error.value) == "添加科目：科目编码“2070188”已有，是“乡村文化振兴”"
    # added again for an earlier year: offered from that year on, one row
    service.codes.add_function_code(department_id, 2023, "2070188", "乡村文化振兴")
    with Session(service._engine) as session:
        assert [(r.code, r.from_year) for r in session.exec(select(UserFunctionCode))] == [("2070188", 2023)]
    service.codes.remove_function_code(department_id, "2070188")
    assert "2070188" not in {choice.code for choice in service.function_choices(department_id, 2024)}


def test_a_new_kuan_and_its_xiang(wenlv):
    service, department_id = wenlv
    service.codes.add_function_code(department_id, 2024, "20709", "乡村文旅")
    service.codes.add_function_code(department_id, 2024, "2070901", "乡村文旅推广")
    service.add_expenditure_line(department_id, 2024, "2070901", "项目支出")
    (class_node,) = service.expenditure_tree(department_id, 2024)
    (section,) = class_node.children
    assert (section.code, section.name) == ("20709", "乡村文旅")
    with pytest.raises(
        UserInputError, match="添加科目：科目编码“2071001”的上级款“20710”不在2024年政府收支分类科目中"
    ):
        service.codes.add_function_code(department_id, 2024, "2071001", "x")


def findings_of(path, year: int, capsys) -> list[dict]:
    assert main(["check", "--db", str(path), "--year", str(year), "--json"]) == 0
    return json.loads(capsys.readouterr().out)["findings"]


def test_v18_in_check_json_and_gone_once_the_clerk_adds_the_code(sample_path, capsys):
    engine = open_database(sample_path)
    with Session(engine) as session:
        department_id = session.exec(select(Department.id)).one()
        session.add(
            ExpenditureLine(
                department_id=department_id,
                year=2023,
                function_code="2010397",
                name="维稳专项",
                category="项目支出",
                funding="一般公共预算财政拨款",
                final_amount=Decimal("0.00"),
            )  # fmt: skip
        )
        line = session.exec(select(ExpenditureLine).where(ExpenditureLine.function_code == "2010308")).first()
        line.name = "信访工作"
        session.add(line)
        session.commit()
    v18 = [f for f in findings_of(sample_path, 2023, capsys) if f["rule"] == "V18"]
    assert [(f["severity"], f["message"], f["place"]) for f in v18] == [
        (
            "确定",
            "支出 2010397：功能分类科目“2010397”不在2023年政府收支分类科目中，也不是本单位添加的科目",
            {"tab": "预算决算", "function_code": "2010397", "column": "科目编码"},
        ),
        (
            "疑似",
            "支出 2010308：科目名称为“信访工作”，2023年政府收支分类科目中 2010308 是“信访事务”",
            {"tab": "预算决算", "function_code": "2010308", "column": "科目名称"},
        ),
    ]
    BudgetService(engine).codes.add_function_code(department_id, 2023, "2010397", "维稳专项")
    engine.dispose()
    rules = [(f["rule"], f["place"].get("function_code")) for f in findings_of(sample_path, 2023, capsys)]
    assert ("V18", "2010397") not in rules and ("V18", "2010308") in rules
