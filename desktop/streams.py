"""Standard streams that can always carry Chinese, whatever the Windows code page.

Python writes to a pipe or a file in the locale's encoding: on a Windows whose ANSI code page is
1252 that is ``cp1252``, and ``ziping-cli … | more`` or ``> out.txt`` died with
``UnicodeEncodeError``. ``use_utf8_streams()`` (called first by ``ziping-cli`` and ``ziping
--selftest``) makes the rule simple:

- output that is not a console (pipe, file) is UTF-8, on every system and code page;
- a console keeps its encoding (on Windows Python writes to it in UTF-16, so Chinese shows
  whatever the code page); a console that cannot show a character gets ``\\u81ea``-style escapes
  instead of a crash;
- ``PYTHONIOENCODING``, when set, is the user's choice and is left alone.
"""

from __future__ import annotations

import codecs
import os
import sys


def _can_show_chinese(encoding: str) -> bool:
    try:
        "自评".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def reconfigure(stream) -> None:
    """Make ``stream`` (a text stream of the standard kind) safe for Chinese, as described above."""
    if stream is None or not hasattr(stream, "reconfigure"):
        return
    try:
        console = stream.isatty()
    except ValueError:  # closed
        return
    if not console:
        if codecs.lookup(stream.encoding).name != "utf-8":
            stream.reconfigure(encoding="utf-8")
    elif not _can_show_chinese(stream.encoding):
        stream.reconfigure(errors="backslashreplace")


def use_utf8_streams() -> None:
    if os.environ.get("PYTHONIOENCODING"):
        return
    reconfigure(sys.stdout)
    reconfigure(sys.stderr)
