"""openpyxl's own temporary files written beside the workbook, never in the system temp folder.

While it writes a workbook openpyxl keeps each sheet's XML in a temporary file it makes with
``tempfile`` in the system temp folder; a killed export left them there (6–57 MB holding full ID
numbers, issue 10). Inside ``beside(path)`` the files this thread's openpyxl makes go into
``path``'s folder, named after ``path`` (``path.name`` + ``.sheet-XXXX.xml``), so they lie next to
the file being written and are removed with it (``atomic_file.remove_leftovers`` after a kill).
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_local = threading.local()


def _create_temporary_file(suffix: str = "") -> str:
    from openpyxl.worksheet import _writer

    folder, prefix, made = getattr(_local, "place", (None, "openpyxl.", []))
    handle, name = tempfile.mkstemp(suffix=suffix or ".xml", prefix=prefix, dir=folder)
    os.close(handle)
    _writer.ALL_TEMP_FILES.append(name)
    made.append(Path(name))
    return name


@contextmanager
def beside(path: Path) -> Iterator[None]:
    """openpyxl's temporary files of this thread go beside ``path`` within the block, and are
    removed at its end (openpyxl removes them itself after a save, not after a failure)."""
    from openpyxl.worksheet import _writer  # openpyxl's one maker of temporary files

    _writer.create_temporary_file = _create_temporary_file
    path = Path(path)
    made: list[Path] = []
    _local.place = (str(path.parent), f"{path.name}.sheet-", made)
    try:
        yield
    finally:
        del _local.place
        for name in made:
            name.unlink(missing_ok=True)
