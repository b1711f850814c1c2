"""Child process of the broken-workbooks test: import each file through the CLI, measure, report JSON.

Run as ``python -m tests.services.broken_child DB FILE…``; prints one JSON object: per file its
exit status, stderr, seconds and whether the database bytes changed, and the child's peak
resident memory (``resource.getrusage``), which bounds every single import's.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import resource
import sys
import time
import traceback
from pathlib import Path

from desktop.cli import main


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(db: Path, files: list[str]) -> dict:
    results = []
    for name in files:
        before = _digest(db)
        stderr = io.StringIO()
        started = time.perf_counter()
        try:
            with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
                status = main(["import-xlsx", "--db", str(db), name])
        except BaseException:  # the test counts these: none may escape
            status, stderr = -1, io.StringIO(traceback.format_exc())
        results.append(
            {
                "file": Path(name).name,
                "status": status,
                "stderr": stderr.getvalue(),
                "seconds": time.perf_counter() - started,
                "changed": _digest(db) != before,
            }
        )
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {"results": results, "peak_mib": peak_kib / 1024}


if __name__ == "__main__":
    print(json.dumps(run(Path(sys.argv[1]), sys.argv[2:]), ensure_ascii=False))
