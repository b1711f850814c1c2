"""The error log: what went wrong and where, written to a file in the data folder, personal data masked.

The window and the command line write every exception that is not the clerk's own mistake here
(traceback included) and name the file in what they show, so that nothing fails in silence, not
even in a window started without a console. ID numbers and phone numbers (which reach tracebacks
through SQL parameters and messages) are masked as the Excel export masks them.
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.domain.petition_input import mask_id_number, mask_phone

_ID_NUMBER = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9Xx])")
_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
_LANDLINE = re.compile(r"(?<![0-9])0[1-9][0-9]{1,2}-[0-9]{7,8}(?![0-9])")
_KEPT_BYTES = 1_000_000  # past this the log is moved to ziping.log.1 and a new one begun


def mask_personal_data(text: str) -> str:
    """``text`` with every ID number and phone number in it masked."""
    text = _ID_NUMBER.sub(lambda match: mask_id_number(match.group()), text)
    text = _MOBILE.sub(lambda match: mask_phone(match.group()), text)
    return _LANDLINE.sub(lambda match: mask_phone(match.group()), text)


def error_summary(error: BaseException) -> str:
    """One masked line for a dialog or the terminal: the kind of error and the first line of its message."""
    message = str(error).strip().splitlines()
    return mask_personal_data(f"{type(error).__name__}: {message[0]}" if message else type(error).__name__)


def error_details(error: BaseException) -> str:
    """The masked traceback, as it is written to the log."""
    return mask_personal_data("".join(traceback.format_exception(error)))


@dataclass(frozen=True)
class ErrorLog:
    """The log file at ``path`` (made by the composition root: ``ErrorLog(error_log_path())``)."""

    path: Path

    def write(self, error: BaseException, where: str) -> None:
        """Append ``error`` with its traceback; ``where`` says what was running (窗口, 命令 stats).
        Raises ``OSError`` when the file cannot be written, so the caller can say so."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists() and self.path.stat().st_size > _KEPT_BYTES:
            self.path.replace(self.path.with_name(self.path.name + ".1"))
        stamp = datetime.now().isoformat(sep=" ", timespec="seconds")
        with self.path.open("a", encoding="utf-8") as log:
            log.write(f"==== {stamp} {where}\n{error_details(error)}\n")
