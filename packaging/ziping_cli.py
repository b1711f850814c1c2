"""PyInstaller's entry script for ``ziping-cli.exe`` (the console), as the ``ziping-cli`` command."""

from desktop.cli import main

raise SystemExit(main())
