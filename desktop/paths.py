"""Where the files that ship with Ziping are: fonts, reference data, templates.

In a checkout (and an editable install) they are the top-level ``resources/`` and ``forms/``
folders; in the Windows build PyInstaller unpacks them beside the program (``sys._MEIPASS``).
"""

from __future__ import annotations

import sys
from pathlib import Path


def _root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) if bundle else Path(__file__).resolve().parents[1]


ROOT = _root()
RESOURCES = ROOT / "resources"
FORMS = ROOT / "forms"
FONTS = RESOURCES / "fonts"
CJK_FONT = FONTS / "wqy-microhei.ttc"
SAMPLE = RESOURCES / "sample"
CLASSIFICATION = RESOURCES / "classification"
APP_ICON = RESOURCES / "icons" / "ziping.png"


def user_data_folder() -> Path:
    """The clerk's data folder (%LOCALAPPDATA%\\Ziping on Windows, ~/.local/share/Ziping on Linux)."""
    import platformdirs

    return platformdirs.user_data_path("Ziping", appauthor=False)


def error_log_path() -> Path:
    """The log file that unexpected errors are written to, in the data folder."""
    return user_data_folder() / "ziping.log"
