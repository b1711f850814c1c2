"""Hypothesis fills cells with anything a spreadsheet can hold: the import reports, it never crashes."""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, insert, select

from desktop.errors import UserInputError
from desktop.exchange.sheets import INDICATORS, PETITIONS, PROJECTS, VISITS
from desktop.services.excel import ExcelService
from desktop.storage import models as M
from tests.services.excel_helpers import workbook_file

_WORDS = [
    "来信",
    "来访",
    "网上",
    "是",
    "否",
    "满意",
    "到区",
    "总额",
    "财政资金",
    "≥",
    "定性",
    "2023-01-05",
    "12.5万",
    "1e400",
]
_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
_cell = st.one_of(
    st.none(),
    st.sampled_from(_WORDS),
    _text,
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 1, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
)


def _sheet(spec):
    headers = [column.header for column in spec.columns]
    return st.lists(st.lists(_cell, min_size=len(headers), max_size=len(headers)), max_size=4).map(
        lambda rows: [headers, *rows]
    )


_workbooks = st.fixed_dictionaries(
    {spec.name: _sheet(spec) for spec in (PETITIONS, VISITS, PROJECTS, INDICATORS)}
).map(lambda sheets: {"单位": [["单位名称", "省份"], ["测试局", "四川省"]]} | sheets)


def _count(engine, model) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(model.__table__)).scalar()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sheets=_workbooks, dry_run=st.booleans())
def test_import_of_broken_cells_reports_or_imports(engine, sheets, dry_run):
    with engine.begin() as connection:
        if not connection.execute(select(M.Department.__table__.c.id)).first():
            connection.execute(insert(M.Department.__table__).values(name="测试局"))
    before = [_count(engine, model) for model in (M.Petition, M.Visit, M.Project, M.Indicator)]
    with tempfile.TemporaryDirectory() as folder:
        path = workbook_file(Path(folder) / "fuzz.xlsx", sheets)
        try:
            ExcelService(engine).import_workbook(path, dry_run=dry_run)
        except UserInputError as error:
            assert str(error)
            assert [
                _count(engine, model) for model in (M.Petition, M.Visit, M.Project, M.Indicator)
            ] == before
