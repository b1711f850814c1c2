"""Work that takes seconds runs off the window's thread, and never outlives the window's database.

Every job runs in one thread pool. A worker never touches a widget: what it reports (``post``)
goes through one object that lives in the window's thread and is never deleted, and reaches its
receiver there — or nowhere, if the receiver was deleted or the job abandoned meanwhile.
``settle(window)`` cancels and abandons the jobs the window owns (and those of tabs already taken
down), then waits until no job runs: the window calls it before it closes its database (closing,
opening another file, restoring a backup), so no worker ever uses a disposed engine.

``BackgroundRunner.start(compute)`` runs ``compute`` and hands its result (or the
``UserInputError`` / ``DatabaseError`` it raised) to ``on_done`` in the window's thread. A result
that arrives after a newer ``start`` is dropped, so typing in a filter never shows an older answer.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.errors import UserInputError
from desktop.storage.database import DatabaseError


class Job:
    """One background task for ``owner`` (the object whose window it belongs to).

    ``work`` polls ``job.cancelled`` to stop early; an abandoned job's reports are dropped;
    ``job.finished`` is set once the worker has let go of it."""

    def __init__(self, work: Callable[[Job], None], owner: QObject) -> None:
        self.work, self.owner = work, owner
        self.cancelled = threading.Event()
        self.finished = threading.Event()
        self.abandoned = False


class _Runnable(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        job = self._job
        try:
            if not job.cancelled.is_set():
                job.work(job)
        finally:
            with _lock:
                _running.discard(job)
            job.finished.set()


class _Mailbox(QObject):
    """Lives in the window's thread: a report posted from a worker is delivered in that thread."""

    posted = Signal(object, object, object)


def _deliver(job: Job, callback: Callable[[object], None], value: object) -> None:
    if not job.abandoned and shiboken6.isValid(job.owner):
        callback(value)


_lock = threading.Lock()
_running: set[Job] = set()
_state: dict[str, object] = {}


def _pool() -> QThreadPool:
    if not _state:
        mailbox = _Mailbox()
        mailbox.posted.connect(_deliver)
        _state.update(pool=QThreadPool(), mailbox=mailbox)
        atexit.register(_stop_all)
    return _state["pool"]


def _stop_all() -> None:
    """At exit, before Python tears itself down: no worker may still be running then."""
    _abandon(None)
    _state["pool"].waitForDone()


def submit(job: Job) -> None:
    """Run ``job`` in the pool (called from the window's thread)."""
    pool = _pool()
    with _lock:
        _running.add(job)
    pool.start(_Runnable(job))


def post(job: Job, callback: Callable[[object], None], value: object = None) -> None:
    """From the worker: call ``callback(value)`` in the window's thread, unless the job's owner
    is gone or the job was abandoned by then."""
    _state["mailbox"].posted.emit(job, callback, value)


def _belongs_to(owner: QObject, window: QObject) -> bool:
    """True when ``owner`` is inside ``window``, or was deleted (a tab taken down keeps no claim)."""
    while owner is not None:
        if not shiboken6.isValid(owner) or owner is window:
            return True
        owner = owner.parent()
    return False


def settle(window: QObject, timeout_ms: int = -1) -> bool:
    """Cancel and abandon the window's jobs, then wait until no background job runs.

    Returns False if ``timeout_ms`` passed first."""
    _abandon(window)
    return _pool().waitForDone(timeout_ms)


def _abandon(window: QObject | None) -> None:
    """Cancel the jobs of ``window`` (all jobs when None) and drop what they still report."""
    with _lock:
        jobs = list(_running)
    for job in jobs:
        if window is None or _belongs_to(job.owner, window):
            job.abandoned = True
            job.cancelled.set()


class _Unexpected:
    """A bug in the background work: raised again in the window's thread, where it is reported."""

    def __init__(self, error: Exception) -> None:
        self.error = error


class BackgroundRunner(QObject):
    def __init__(self, on_done: Callable[[object], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_done = on_done
        self._newest = [0]  # read by the workers too: a started job that is already stale skips its work
        self._running = False

    @property
    def running(self) -> bool:
        """True from ``start`` until the newest result has been handed over."""
        return self._running

    def start(self, compute: Callable[[], object]) -> None:
        self._newest[0] += 1
        self._running = True
        generation, newest = self._newest[0], self._newest

        def work(job: Job) -> None:
            if generation != newest[0]:
                return
            try:
                result = compute()
            except (UserInputError, DatabaseError) as error:
                result = error
            except Exception as error:  # noqa: BLE001 — handed to the window's thread, raised there
                result = _Unexpected(error)
            post(job, lambda value: self._finished(generation, value), result)

        submit(Job(work, self))

    def cancel(self) -> None:
        """Forget the running job: its result will be dropped."""
        self._newest[0] += 1
        self._running = False

    def _finished(self, generation: int, result: object) -> None:
        if generation != self._newest[0]:
            return
        self._running = False
        if isinstance(result, _Unexpected):
            raise result.error
        self._on_done(result)
