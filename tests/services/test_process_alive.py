"""The ledger's process-alive check, which decides whether a temporary file beside the database is
still being written (kept) or was left by a killed writer (removed at the next start).

On Windows it asks the kernel (OpenProcess, WaitForSingleObject); that decision is tested here
against a stand-in for kernel32 that answers as Windows does, and the real call runs in the
self-test of the installed program under Wine (packaging/test-windows-installer.sh)."""

from __future__ import annotations

import os
import subprocess
import sys

from desktop.selftest import _processes
from desktop.services.atomic_file import process_alive, windows_process_alive

SYNCHRONIZE, WAIT_OBJECT_0, WAIT_TIMEOUT = 0x00100000, 0x0, 0x102


class Kernel32:
    """Answers as Windows does for one process: ``running``, ended (handle signalled) or gone."""

    def __init__(self, state: str) -> None:
        self.state = state
        self.calls: list[tuple] = []

    def OpenProcess(self, access, inherit, pid):  # noqa: N802 (the Windows name)
        self.calls.append(("OpenProcess", access, inherit, pid))
        return 0 if self.state == "gone" else 1234

    def WaitForSingleObject(self, handle, milliseconds):  # noqa: N802
        self.calls.append(("WaitForSingleObject", handle, milliseconds))
        return WAIT_TIMEOUT if self.state == "running" else WAIT_OBJECT_0

    def CloseHandle(self, handle):  # noqa: N802
        self.calls.append(("CloseHandle", handle))
        return 1


def test_a_running_process_is_alive_and_its_handle_closed():
    kernel32 = Kernel32("running")
    assert windows_process_alive(4242, kernel32) is True
    assert kernel32.calls == [
        ("OpenProcess", SYNCHRONIZE, False, 4242),
        ("WaitForSingleObject", 1234, 0),
        ("CloseHandle", 1234),
    ]


def test_an_ended_process_still_held_open_is_not_alive():
    kernel32 = Kernel32("ended")
    assert windows_process_alive(4242, kernel32) is False
    assert kernel32.calls[-1] == ("CloseHandle", 1234)


def test_a_process_that_cannot_be_opened_is_not_alive_and_nothing_is_closed():
    kernel32 = Kernel32("gone")
    assert windows_process_alive(4242, kernel32) is False
    assert [call[0] for call in kernel32.calls] == ["OpenProcess"]


def test_on_this_system_the_running_test_is_alive_and_an_ended_child_is_not():
    assert process_alive(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert not process_alive(child.pid)


def test_the_selftest_step_reports_both_answers():
    assert _processes(None) == "本进程：运行中；已结束的子进程：已结束"
