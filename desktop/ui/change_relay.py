"""Brings the services' ``Change`` reports to the window's thread, for the window to pass to its tabs.

A change may be committed on a worker's thread (an import) or in the middle of a cell edit; it is
always delivered later, from the window's event loop, and the changes that arrive meanwhile as
one (a tab reloads once, after the edit is finished).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

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


class ReloadWhenShown(QObject):
    """A tab's reload after a change: at once if the tab is shown, else when it is shown next
    (a change made in one tab does not make the hidden ones work until the clerk opens them)."""

    def __init__(self, tab: QWidget, reload: Callable[[], None]) -> None:
        super().__init__(tab)
        self._tab, self._reload = tab, reload
        self._stale = False
        tab.installEventFilter(self)

    def request(self) -> None:
        if self._tab.isVisible():
            self._stale = False
            self._reload()
        else:
            self._stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._tab and event.type() == QEvent.Type.Show and self._stale:
            self._stale = False
            self._reload()
        return False
