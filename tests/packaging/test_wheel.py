"""The built wheel works without the checkout: resources/ and forms/ travel inside it."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]


def build_wheel(out: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(ROOT)],
        check=True,
        cwd=out,
    )
    (wheel,) = out.glob("ziping-*.whl")
    return wheel


def fresh_venv_with(wheel: Path, folder: Path) -> Path:
    """A new virtual environment with the wheel installed; its dependencies are read from this
    environment's site-packages (a path in a .pth file, so this environment's editable install of
    Ziping is not seen)."""
    venv.create(folder, with_pip=False)
    scripts = folder / ("Scripts" if os.name == "nt" else "bin")
    python = scripts / "python"
    purelib = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (purelib / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--ignore-installed",
            str(wheel),
        ],
        check=True,
    )
    return scripts


def test_the_wheel_carries_the_resources_and_forms(tmp_path):
    names = zipfile.ZipFile(build_wheel(tmp_path)).namelist()
    for shipped in ("resources", "forms"):
        for path in (ROOT / shipped).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                assert f"desktop/_shipped/{path.relative_to(ROOT).as_posix()}" in names
    assert not [name for name in names if name.startswith(("resources/", "forms/"))]
    guide = [name for name in names if name.startswith("desktop/_shipped/resources/guide/")]
    assert "desktop/_shipped/resources/guide/index.html" in guide
    assert len([name for name in guide if name.endswith(".png")]) == 10  # 帮助 → 使用说明 and its screenshots


def test_the_installed_wheel_runs_demo_score_and_the_pack_from_another_folder(tmp_path):
    bin_folder = fresh_venv_with(build_wheel(tmp_path), tmp_path / "venv")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    alone = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}  # the wheel alone

    def cli(*args: str) -> str:
        done = subprocess.run(
            [bin_folder / "ziping-cli", *args],
            cwd=elsewhere,
            env=alone,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    where = subprocess.run(
        [bin_folder / "python", "-c", "import desktop.paths as p; print(p.ROOT)"],
        cwd=elsewhere,
        env=alone,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).parts[-2:] == ("desktop", "_shipped")
    assert (tmp_path / "venv") in Path(where).parents
    assert (Path(where) / "resources" / "guide" / "index.html").is_file()  # what 使用说明 opens

    assert cli("demo", "--db", "示例.sqlite3").startswith("已生成示例数据库")
    assert "遂宁市船山区信访局" in cli("score", "--db", "示例.sqlite3", "--year", "2023")
    printed = cli(
        "export-pdf", "--db", "示例.sqlite3", "--year", "2023", "--form", "pack", "--out", "年度.pdf"
    )
    reader = PdfReader(elsewhere / "年度.pdf")
    assert printed.strip() == f"已导出 年度.pdf（共 {len(reader.pages)} 页）"
    assert "遂宁市船山区信访局" in reader.pages[0].extract_text()
