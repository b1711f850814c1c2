"""Garbage is collected in the window's thread only (``desktop/ui/garbage.py``)."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject

from desktop.ui.garbage import MainThreadGarbageCollector


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_automatic_collection_is_off_and_the_timer_collects_what_is_due(qapp):
    collector = MainThreadGarbageCollector(QObject())
    assert not gc.isenabled()
    gc.collect()
    assert collector.collect_due() == 0  # nothing is due right after a collection
    threshold = gc.get_threshold()[0]
    for _ in range(threshold + 10):
        Cycle()
    assert collector.collect_due() >= threshold + 10  # each cycle is garbage only a collector frees
