"""Work that takes seconds on a large register runs off the window's thread; the newest result wins.

``BackgroundRunner.start(compute)`` runs ``compute`` in ``QThreadPool`` and hands its result
(or the ``UserInputError`` / ``DatabaseError`` it raised) to ``on_done`` in the window's thread.
A result that arrives after a newer ``start`` is dropped, so typing in a filter never shows an
older answer.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.services.errors import UserInputError
from desktop.storage.database import DatabaseError


class _Relay(QObject):
    finished = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, compute: Callable[[], object], relay: _Relay, generation: int) -> None:
        super().__init__()
        self._compute, self._relay, self._generation = compute, relay, generation

    def run(self) -> None:
        try:
            result = self._compute()
        except (UserInputError, DatabaseError) as error:
            result = error
        self._relay.finished.emit(self._generation, result)


class BackgroundRunner(QObject):
    def __init__(self, on_done: Callable[[object], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_done = on_done
        self._generation = 0
        self._running = False
        self._relay = _Relay()  # no parent: a job still running keeps it alive
        self._relay.finished.connect(self._deliver)

    @property
    def running(self) -> bool:
        """True from ``start`` until the newest result has been handed over."""
        return self._running

    def start(self, compute: Callable[[], object]) -> None:
        self._generation += 1
        self._running = True
        QThreadPool.globalInstance().start(_Job(compute, self._relay, self._generation))

    def cancel(self) -> None:
        """Forget the running job: its result will be dropped."""
        self._generation += 1
        self._running = False

    def _deliver(self, generation: int, result: object) -> None:
        if generation == self._generation:
            self._running = False
            self._on_done(result)
