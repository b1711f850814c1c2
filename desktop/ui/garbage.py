"""Python's garbage collection, run in the window's thread only.

A collection that starts in a worker thread of the background pool can destroy a Qt object that
belongs to the window's thread, and PySide6 crashes (a segfault seen while a register page was
read in the background). As calibre and Anki do, automatic collection is switched off and a timer
in the window's thread collects each generation once its count passes Python's own threshold.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class MainThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start(INTERVAL_MS)

    def collect_due(self) -> int:
        """Collect the oldest generation whose count is over its threshold; the objects freed."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._threshold[generation]:
                return gc.collect(generation)
        return 0
