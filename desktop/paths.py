"""Where the files that ship with Ziping are: fonts, reference data, templates.

``shipped_root()`` is the one place that decides, for the three ways Ziping runs:

- the frozen program (PyInstaller): beside the program, ``sys._MEIPASS``;
- an installed wheel: ``desktop/_shipped/`` inside the package (``setup.py`` copies them there);
- a checkout or an editable install: the top-level ``resources/`` and ``forms/`` folders.
"""

from __future__ import annotations

import sys
from pathlib import Path

SHIPPED_FOLDERS = ("resources", "forms")


def shipped_root(package: Path | None = None, bundle: str | None = None) -> Path:
    """The folder holding ``resources/`` and ``forms/``; ``package`` is the ``desktop`` folder."""
    bundle = bundle if bundle is not None else getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    package = package or Path(__file__).resolve().parent
    for root in (package / "_shipped", package.parent):
        if all((root / name).is_dir() for name in SHIPPED_FOLDERS):
            return root
    raise FileNotFoundError(
        f"找不到自评的 resources 和 forms 文件夹（既不在 {package.parent}，也不在 {package / '_shipped'}），"
        "请重新安装"
    )


ROOT = shipped_root()
RESOURCES = ROOT / "resources"
FORMS = ROOT / "forms"
FONTS = RESOURCES / "fonts"
CJK_FONT = FONTS / "wqy-microhei.ttc"
SAMPLE = RESOURCES / "sample"
CLASSIFICATION = RESOURCES / "classification"
APP_ICON = RESOURCES / "icons" / "ziping.png"
GUIDE = RESOURCES / "guide" / "index.html"  # 帮助 → 使用说明, with its screenshots beside it


def user_data_folder() -> Path:
    """The clerk's data folder (%LOCALAPPDATA%\\Ziping on Windows, ~/.local/share/Ziping on Linux)."""
    import platformdirs

    return platformdirs.user_data_path("Ziping", appauthor=False)


def error_log_path() -> Path:
    """The log file that unexpected errors are written to, in the data folder."""
    return user_data_folder() / "ziping.log"
