"""The package layout of DESIGN.md: the direction of every import in ``desktop/``.

``ui`` and ``cli`` → ``services`` → ``storage``, ``exchange``, ``printing`` → ``domain``: a module
imports its own layer and the layers below it, never one above (skipping a layer downwards, as
``ui`` does for ``DatabaseError``, is allowed), and never a sibling of the same rank. ``desktop``
itself, ``desktop.errors``, ``desktop.paths`` and ``desktop.streams`` are the base every layer may
use. ``app.py`` and ``cli.py`` are the composition roots; ``selftest.py``, which both run, builds the
same pieces in a temporary folder. Only ``desktop/ui`` imports Qt; ``domain`` imports neither Qt
nor SQLAlchemy. Every import is read with ``ast``, function-local ones included.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "desktop"

BASE = {"__init__", "errors", "paths", "streams"}
ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    "storage": {"domain"},
    "exchange": {"domain"},
    "printing": {"domain"},
    "services": {"storage", "exchange", "printing", "domain"},
    "ui": {"services", "storage", "exchange", "printing", "domain"},
    "selftest": {"ui", "services", "storage", "exchange", "printing", "domain"},
    "cli": {"selftest", "services", "storage", "exchange", "printing", "domain"},
    "app": {"selftest", "ui", "services", "storage", "exchange", "printing", "domain"},
    "__main__": {"app"},
}
QT = {"PySide6", "shiboken6"}
FORBIDDEN_OUTSIDE: dict[str, set[str]] = {"domain": QT | {"sqlalchemy", "sqlmodel", "alembic"}}


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = (package.name, *path.relative_to(package).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, package: Path = PACKAGE) -> list[str]:
    """Every module ``path`` imports, at the top or inside a function; relative imports resolved."""
    name = module_name(path, package)
    here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                found.append(".".join([*base, node.module] if node.module else base))
            else:
                found.append(node.module)
    return found


def layer_of(path: Path, package: Path = PACKAGE) -> str:
    parts = path.relative_to(package).parts
    return parts[0] if len(parts) > 1 else Path(parts[0]).stem


def wrong_imports(path: Path, package: Path = PACKAGE) -> list[str]:
    """The imports of ``path`` that go upwards, sideways, or to a library its layer must not use."""
    layer = layer_of(path, package)
    wrong = []
    for module in imported_modules(path, package):
        parts = module.split(".")
        if parts[0] == package.name:
            target = parts[1] if len(parts) > 1 else "__init__"
            allowed = BASE if layer in BASE else BASE | ALLOWED[layer] | {layer}
            if target not in allowed:
                wrong.append(module)
        elif parts[0] in QT and layer != "ui" or parts[0] in FORBIDDEN_OUTSIDE.get(layer, set()):
            wrong.append(module)
    return wrong


def test_every_import_in_desktop_goes_downwards():
    offenders = {
        module_name(path): wrong for path in sorted(PACKAGE.rglob("*.py")) if (wrong := wrong_imports(path))
    }
    assert offenders == {}


def test_every_module_belongs_to_a_known_layer():
    layers = {layer_of(path) for path in PACKAGE.rglob("*.py")}
    assert layers <= BASE | set(ALLOWED)


def write(package: Path, relative: str, text: str) -> Path:
    path = package / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_rule_catches_upward_sideways_and_library_imports(tmp_path):
    package = tmp_path / "desktop"
    upward = write(package, "printing/forms.py", "def f():\n    from desktop.services import errors\n")
    relative = write(package, "storage/tables.py", "from ..services.projects import load\n")
    sideways = write(package, "exchange/cells.py", "import desktop.printing.fonts\n")
    qt = write(package, "services/leak.py", "def f():\n    from PySide6.QtCore import QDate\n")
    orm = write(package, "domain/rows.py", "import sqlalchemy\nfrom desktop import errors\n")
    base = write(package, "errors.py", "from desktop.domain import money\n")
    assert wrong_imports(upward, package) == ["desktop.services"]
    assert wrong_imports(relative, package) == ["desktop.services.projects"]
    assert wrong_imports(sideways, package) == ["desktop.printing.fonts"]
    assert wrong_imports(qt, package) == ["PySide6.QtCore"]
    assert wrong_imports(orm, package) == ["sqlalchemy"]
    assert wrong_imports(base, package) == ["desktop.domain"]


def test_the_rule_lets_a_layer_use_those_below_it_and_itself(tmp_path):
    package = tmp_path / "desktop"
    ui = write(
        package, "ui/tab.py", "from PySide6.QtWidgets import QWidget\nfrom desktop.services import x\n"
    )
    services = write(
        package, "services/a.py", "from . import b\nfrom desktop.storage import m\nimport sqlalchemy\n"
    )
    root = write(package, "app.py", "from desktop.ui.application import run\n")
    assert wrong_imports(ui, package) == []
    assert wrong_imports(services, package) == []
    assert wrong_imports(root, package) == []


def test_the_layers_of_design_md_exist():
    for layer in ("domain", "storage", "services", "exchange", "printing", "ui"):
        assert (PACKAGE / layer / "__init__.py").is_file(), layer
    assert (PACKAGE / "cli.py").is_file() and (PACKAGE / "app.py").is_file()
