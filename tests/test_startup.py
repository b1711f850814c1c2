"""The window shows before the exporters load: building the services imports neither
reportlab nor openpyxl (a few hundred ms each); they load on the first export or import."""

from __future__ import annotations

import subprocess
import sys


def test_building_the_services_loads_no_exporter():
    probe = (
        "import sys, desktop.services.container; "
        "print(sorted(m for m in ('reportlab', 'openpyxl') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
