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


def test_the_installer_takes_its_chinese_pages_from_the_repository():
    text = (PACKAGING / "ziping.iss").read_text(encoding="utf-8")
    (messages,) = re.findall(r'^Name: "chinesesimplified"; MessagesFile: "([^"]+)"$', text, re.MULTILINE)
    isl = (PACKAGING / messages.replace("\\", "/")).read_text(encoding="utf-8-sig")
    assert "LanguageName=简体中文" in isl and "LanguageCodePage=936" in isl
    assert "Jordan Russell" in (PACKAGING / "inno" / "LICENSE-innosetup.txt").read_text(encoding="utf-8")


def test_every_shipped_file_has_an_ascii_name():
    # The Windows bundle is built under Wine, where a non-ASCII file name did not reach the
    # installed program (resources/report/名词解释.txt was missing there); Chinese goes inside files.
    root = PACKAGING.parent
    shipped = [path for folder in ("resources", "forms") for path in (root / folder).rglob("*")]
    assert shipped
    assert [str(path.relative_to(root)) for path in shipped if not path.name.isascii()] == []
