"""Errors that the user caused and can fix: the CLI prints them on one line, the window in a dialog."""


class UserInputError(Exception):
    """Bad input from the user (a value, a file, a year with no data); the message is Chinese
    and names the place: file, sheet, row, column or field."""
