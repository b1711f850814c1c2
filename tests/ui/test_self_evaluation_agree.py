"""Property (issue 9): for random projects — random funding sources, weights, targets with units,
natures typed in any accepted spelling, completions that can or cannot be scored — the 执行率, each
indicator's score, the total and the grade are the same in the tab's models, the PDF text, the
Excel export and ``ziping-cli score --json``."""

from __future__ import annotations

import contextlib
import io
import json
from decimal import Decimal as D

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlmodel import Session

from desktop.cli import main
from desktop.domain.funding import FUNDING_SOURCES
from desktop.services.excel import ExcelService
from desktop.services.pdf_export import PdfExportService
from desktop.services.projects import ProjectService
from desktop.storage.models import Department
from desktop.ui.project_models import FundingModel, IndicatorModel, ProjectListModel
from tests.printing.pdf_reading import pdf_text

SPELLINGS = {
    "≥": ("≥", "正向", ">=", "大于等于", "不低于"),
    "≤": ("≤", "反向", "<=", "≦", "不超过"),
    "＝": ("＝", "=", "等于"),
    "定性": ("定性",),
}
UNITS = ("个", "万元", "%", "人次", "百分比", "次")
WORDS = ("达成", "基本达成", "未达成", "好", "有效提升")
CODE = "P-PROPERTY"

amounts = st.decimals(min_value=D("0"), max_value=D("500"), places=2)


@st.composite
def indicators(draw):
    kind = draw(st.sampled_from(tuple(SPELLINGS)))
    nature = draw(st.sampled_from(SPELLINGS[kind]))
    weight = draw(st.sampled_from((D(0), D(5), D("7.5"), D(10), D(20), D(30), D(45))))
    if kind == "定性":
        return nature, "好坏", "", weight, draw(st.sampled_from(WORDS))
    goal = draw(st.decimals(min_value=D("0") if kind == "＝" else D("1"), max_value=D("1000"), places=1))
    unit = draw(st.sampled_from(UNITS))
    sign = draw(st.sampled_from(("", kind)))
    target = f"{sign}{goal}{unit}"
    done = draw(st.decimals(min_value=D("0"), max_value=D("2200"), places=1))
    actual = draw(st.sampled_from((f"{done}", f"{done}{unit}", f"约{done}")))
    typed_unit = draw(st.sampled_from(("", unit)))
    return nature, target, typed_unit, weight, actual


projects = st.tuples(
    st.lists(
        st.tuples(st.sampled_from(FUNDING_SOURCES), amounts, amounts, amounts),
        min_size=1,
        max_size=3,
        unique_by=lambda row: row[0],
    ).filter(lambda rows: sum(row[2] for row in rows) > 0),
    st.lists(indicators(), min_size=1, max_size=4),
)


def _cli_json(db_path) -> dict:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["score", "--db", str(db_path), "--year", "2023", "--json"]) == 0
    return next(p["self_evaluation"] for p in json.loads(out.getvalue())["projects"] if p["code"] == CODE)


def _points(value) -> str:
    return "" if value is None else f"{D(str(value)):.2f}"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(project=projects)
def test_every_view_shows_the_same_figures(qtbot, engine, db_path, tmp_path, project):
    funding, rows = project
    with Session(engine) as session:
        if session.get(Department, 1) is None:
            session.add(Department(id=1, name="某区民政局", province="四川省"))
            session.commit()
    service = ProjectService(engine)
    created = service.create_project(1, 2023, CODE, "随机项目")
    try:
        for source, initial, adjusted, executed in funding:
            for field, amount in (
                ("initial_budget", initial),
                ("adjusted_budget", adjusted),
                ("executed", executed),
            ):
                service.update_funding(created.id, source, field, str(amount))
        for number, (nature, target, unit, weight, actual) in enumerate(rows, start=1):
            service.add_indicator(
                created.id, f"指标{number}", level1="产出指标", level2="数量指标", nature=nature,
                unit=unit, target=target, weight=weight, actual=actual,
            )  # fmt: skip
        detail = service.get(created.id)
        event(f"待评 {detail.scores.pending > 0}, 超过满分 {detail.scores.weights.over_full_marks}")

        # the tab's models
        listed = ProjectListModel()
        listed.set_projects(service.list(1, 2023))
        rate, total, grade = (listed.index(0, column).data() for column in (4, 5, 6))
        money = FundingModel(service, None)
        money.set_detail(detail)
        assert money.index(0, 3).data() == rate
        execution = money.index(0, 5).data()
        scores = IndicatorModel(service, None)
        scores.set_indicators(detail.indicators)
        indicator_scores = [scores.index(row, 8).data() for row in range(scores.rowCount())]

        # score --json
        own = _cli_json(db_path)
        assert f"{D(str(own['execution_rate'])):.2f}%" == rate
        assert _points(own["execution_score"]) == execution
        assert [
            ("待评" if i["pending"] else _points(i["score"])) for i in own["indicators"]
        ] == indicator_scores
        assert _points(own["total"]) == total
        assert (own["grade"] or own["note"]) == grade

        # the Excel export's 自评得分 sheet
        xlsx = tmp_path / "export.xlsx"
        ExcelService(engine).export(1, 2023, xlsx)
        sheet = load_workbook(xlsx, read_only=True)["自评得分"]
        exported = [row[3:] for row in sheet.iter_rows(min_row=2, values_only=True) if row[1] == CODE]
        assert exported[0][:3] == ("预算执行", rate, execution)
        assert [row[2] for row in exported[1:-1]] == indicator_scores
        assert (exported[-1][2] or "", exported[-1][3] or "") == (total, grade)

        # the printed 自评表 (a draft when it is not final)
        pdf = tmp_path / "self.pdf"
        PdfExportService(engine).export(1, 2023, "self-eval", pdf, CODE, draft=True)
        text = pdf_text(pdf)
        assert f"{rate}{detail.scores.execution_weight.normalize():f}{execution}" in text
        for row, score in zip(detail.indicators, indicator_scores, strict=True):
            assert f"{row.weight.normalize():f}{score}" in text
        assert (
            f"合计{detail.scores.weights.total_weight.normalize():f}{total or grade.replace(' ', '')}" in text
        )
        assert ("草稿" in text) == bool(detail.scores.draft_reasons)
    finally:
        service.delete_project(created.id)
