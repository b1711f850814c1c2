"""desktop.paths.shipped_root: one function finds resources/ and forms/ wherever Ziping runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop import paths


def layout(root: Path) -> Path:
    for name in ("resources", "forms"):
        (root / name).mkdir(parents=True)
    return root


def test_a_checkout_has_them_beside_the_package(tmp_path):
    layout(tmp_path)
    assert paths.shipped_root(tmp_path / "desktop", bundle="") == tmp_path


def test_an_installed_wheel_has_them_inside_the_package(tmp_path):
    package = tmp_path / "site-packages" / "desktop"
    layout(package / "_shipped")
    layout(tmp_path / "site-packages")  # another distribution's top-level folders are not Ziping's
    assert paths.shipped_root(package, bundle="") == package / "_shipped"


def test_the_frozen_program_has_them_in_its_bundle(tmp_path):
    assert (
        paths.shipped_root(tmp_path / "desktop", bundle=str(tmp_path / "_internal")) == tmp_path / "_internal"
    )


def test_a_broken_installation_is_named(tmp_path):
    (tmp_path / "resources").mkdir()  # forms/ missing
    with pytest.raises(FileNotFoundError) as raised:
        paths.shipped_root(tmp_path / "desktop", bundle="")
    assert str(raised.value) == (
        f"找不到自评的 resources 和 forms 文件夹（既不在 {tmp_path}，也不在 {tmp_path / 'desktop' / '_shipped'}），请重新安装"
    )


def test_this_checkout_is_found():
    assert Path(__file__).resolve().parents[2] / "resources" == paths.RESOURCES
