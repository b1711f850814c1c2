"""PyInstaller's entry script for ``ziping.exe`` (the window), as the ``ziping`` command."""

from desktop.app import main

raise SystemExit(main())
