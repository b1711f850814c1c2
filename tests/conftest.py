"""Shared fixtures: temporary databases on disk (never a mock), offscreen Qt, and the sample
database built once per run and copied for each test that uses it."""

from __future__ import annotations

import gc
import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from desktop.storage.database import open_database  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def no_garbage_collection_in_worker_threads():
    """As the window does (``desktop/ui/garbage.py``): no automatic collection, which could start in a
    background worker and free a Qt object of the main thread (a segfault); each test's garbage is
    collected after it, in the main thread."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def collect_garbage_after_each_test():
    yield
    gc.collect()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "ziping.sqlite3"


@pytest.fixture
def engine(db_path):
    """A new, migrated, empty database file."""
    engine = open_database(db_path, create=True)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def sample_original(tmp_path_factory):
    """The sample database (``ziping-cli demo``), built once for the whole run. Never open it:
    tests use a copy (``sample_path``, ``sample_engine``, or ``copy_sample`` for a module's copy)."""
    from desktop.services.sample import build_sample_database

    path = tmp_path_factory.mktemp("sample") / "示例.sqlite3"
    build_sample_database(path)
    return path


def copy_sample(original, folder):
    """A copy of the sample database in ``folder``, named as ``ziping-cli demo`` would name it."""
    path = folder / "示例.sqlite3"
    shutil.copyfile(original, path)
    return path


@pytest.fixture
def sample_path(sample_original, tmp_path):
    """This test's own copy of the sample database, free to change."""
    return copy_sample(sample_original, tmp_path)


@pytest.fixture
def sample_engine(sample_path):
    """This test's copy of the sample database, opened."""
    engine = open_database(sample_path)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def sample_module_engine(sample_original, tmp_path_factory):
    """One copy of the sample for a module whose tests only read it, opened."""
    engine = open_database(copy_sample(sample_original, tmp_path_factory.mktemp("sample_copy")))
    yield engine
    engine.dispose()
