"""Brings the services' ``Change`` reports to the window's thread, for the window to pass to its tabs.

A change may be committed on a worker's thread (an import) or in the middle of a cell edit; it is
always delivered later, from the window's event loop, and the changes that arrive meanwhile as
one (a tab reloads once, after the edit is finished).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from desktop.services.changes import Change, ChangeFeed


class ChangeRelay(QObject):
    """``changed(Change)`` in the window's thread for every change ``watch``'s feed reports."""

    changed = Signal(object)
    _arrived = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: Change | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._arrived.connect(self._collect, Qt.ConnectionType.QueuedConnection)

    def watch(self, feed: ChangeFeed | None) -> None:
        """Relay ``feed``'s changes (None: none any more)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
        self._pending = None
        self._unsubscribe = None if feed is None else feed.subscribe(self._arrived.emit)

    def _collect(self, change: Change) -> None:
        if self._pending is None:
            self._pending = change
            QTimer.singleShot(0, self, self._deliver)
        else:
            self._pending = self._pending.merged(change)

    def _deliver(self) -> None:
        change, self._pending = self._pending, None
        if change is not None:
            self.changed.emit(change)
