"""The errors Ziping raises on purpose: one root, so the window and the CLI can tell them from bugs.

Every message is Chinese and names the place (file, sheet, row, column or field). The CLI prints it
on one line and exits 2; the window shows it in a dialog. Anything else that escapes is a bug: the
window reports it with the log file's place, the CLI likewise.
"""


class ZipingError(Exception):
    """An error Ziping raises on purpose; its message is meant for the clerk."""


class UserInputError(ZipingError):
    """Bad input from the user (a value, a file, a year with no data); the message is Chinese
    and names the place: file, sheet, row, column or field."""
