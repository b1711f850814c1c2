"""The composition root: ``ziping --demo`` opens a fresh temporary copy of the sample."""

from __future__ import annotations

import tempfile

from desktop.app import _arguments, open_chosen_database
from desktop.services.departments import list_departments


def test_demo_opens_a_fresh_copy_of_the_sample_each_time(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    first = open_chosen_database(_arguments(["--demo"]))
    second = open_chosen_database(_arguments(["--demo"]))
    try:
        assert first.path != second.path
        assert first.path.name == "示例.sqlite3" and first.path.parent.parent == tmp_path
        assert [department.name for department in list_departments(first.engine)] == ["遂宁市船山区信访局"]
    finally:
        first.close()
        second.close()


def test_db_opens_or_makes_the_file_given(tmp_path):
    workspace = open_chosen_database(_arguments(["--db", str(tmp_path / "我的.sqlite3")]))
    try:
        assert workspace.path == tmp_path / "我的.sqlite3"
        assert list_departments(workspace.engine) == []
    finally:
        workspace.close()
