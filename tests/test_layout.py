"""The package layout of DESIGN.md: only desktop/ui may import Qt."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "desktop"


def qt_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [
                alias.name for alias in node.names if alias.name.split(".")[0] in ("PySide6", "shiboken6")
            ]
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.split(".")[0] in ("PySide6", "shiboken6")
        ):
            found.append(node.module)
    return found


def test_only_the_ui_package_imports_pyside6():
    offenders = {
        str(path.relative_to(PACKAGE.parent)): qt_imports(path)
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts[:1] and qt_imports(path)
    }
    assert offenders == {}


def test_the_rule_catches_an_import(tmp_path):
    module = tmp_path / "leak.py"
    module.write_text("def f():\n    from PySide6.QtCore import QDate\n    return QDate\n", encoding="utf-8")
    assert qt_imports(module) == ["PySide6.QtCore"]


def test_the_layers_of_design_md_exist():
    for layer in ("domain", "storage", "services", "exchange", "printing", "ui"):
        assert (PACKAGE / layer / "__init__.py").is_file(), layer
    assert (PACKAGE / "cli.py").is_file() and (PACKAGE / "app.py").is_file()
