"""The Windows build files name the version the program reports (desktop.__version__)."""

import re
from pathlib import Path

from desktop import __version__

PACKAGING = Path(__file__).resolve().parents[1] / "packaging"


def test_version_resource_names_the_program_version():
    text = (PACKAGING / "version_info.txt").read_text(encoding="utf-8")
    numbers = tuple(int(part) for part in __version__.split(".")) + (0,)
    assert re.findall(r"(?:filevers|prodvers)=\(([\d, ]+)\)", text) == [", ".join(map(str, numbers))] * 2
    assert re.findall(r'StringStruct\("(?:File|Product)Version", "([^"]+)"\)', text) == [__version__] * 2


def test_installer_names_the_program_version():
    text = (PACKAGING / "ziping.iss").read_text(encoding="utf-8")
    assert re.findall(r'^#define AppVersion "([^"]+)"$', text, re.MULTILINE) == [__version__]
