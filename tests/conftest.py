"""Shared fixtures: temporary databases on disk (never a mock), offscreen Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from desktop.storage.database import open_database  # noqa: E402


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "ziping.sqlite3"


@pytest.fixture
def engine(db_path):
    """A new, migrated, empty database file."""
    engine = open_database(db_path, create=True)
    yield engine
    engine.dispose()
