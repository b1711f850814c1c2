"""``python -m desktop`` opens the window, as the ``ziping`` command does."""

from desktop.app import main

raise SystemExit(main())
