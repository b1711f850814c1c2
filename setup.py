"""The one build step pyproject.toml cannot declare: the top-level ``resources/`` and ``forms/``
folders travel inside the wheel as ``desktop/_shipped/resources`` and ``desktop/_shipped/forms``
(where ``desktop.paths`` looks for them in an installed copy). In the repository they stay at
the top, beside ``desktop/``; an editable install reads them there.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED = ("resources", "forms")


class BuildWithResources(build_py):
    def run(self):
        super().run()
        if self.editable_mode:
            return
        root = Path(__file__).resolve().parent
        for name in SHIPPED:
            target = Path(self.build_lib) / "desktop" / "_shipped" / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(root / name, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithResources})
