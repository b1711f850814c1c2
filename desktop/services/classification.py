"""Loading the 政府收支分类科目 edition of a fiscal year from resources/classification/."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from desktop.domain.classification import Classification, ClassificationError, parse_classification
from desktop.errors import UserInputError
from desktop.paths import CLASSIFICATION


def _editions(folder: Path) -> dict[int, Path]:
    return {int(path.stem): path for path in folder.glob("*.toml") if path.stem.isdigit()}


@cache
def _load(path: Path, year: int) -> Classification:
    with path.open("rb") as handle:
        return parse_classification(year, tomllib.load(handle))


def _by_nearness(year: int, folder: Path) -> list[tuple[int, Path]]:
    """The editions, nearest first: ``year`` itself, then earlier ones newest first, then later
    ones oldest first (a year before the first file is shown in the earliest codes there are)."""
    editions = _editions(folder)
    if not editions:
        raise UserInputError(f"没有任何年度的政府收支分类科目（{folder}）")
    earlier = sorted((edition for edition in editions if edition <= year), reverse=True)
    later = sorted(edition for edition in editions if edition > year)
    return [(edition, editions[edition]) for edition in earlier + later]


def _read(edition: int, path: Path) -> Classification:
    try:
        return _load(path, edition)
    except (ClassificationError, tomllib.TOMLDecodeError) as error:
        raise UserInputError(f"{path.name}：{error}") from error


def classification_for_year(year: int, folder: Path = CLASSIFICATION) -> Classification:
    """The edition of ``year``, else the newest earlier one, else the earliest later one.

    A later year keeps using the last known codes until its file is added (DOMAIN.md §4: the
    editions change yearly, so the file, not the code, says which codes exist); an older year
    is shown in the earliest edition there is. ``result.year`` says which edition it is.
    """
    return _read(*_by_nearness(year, folder)[0])


def edition_note(year: int, folder: Path = CLASSIFICATION) -> str | None:
    """“按 2023 年科目显示” when ``year`` has no edition of its own, else None."""
    shown = classification_for_year(year, folder).year
    return None if shown == year else f"按 {shown} 年科目显示"


def function_name(year: int, code: str, folder: Path = CLASSIFICATION) -> str:
    """The name of a 功能分类 code in the nearest edition that has it; a ``ClassificationError``
    from the nearest edition when no edition knows the code."""
    return _name(year, code, folder, Classification.function_name)


def economic_name(year: int, code: str, folder: Path = CLASSIFICATION) -> str:
    """The name of a 经济分类 code in the nearest edition that has it (as ``function_name``)."""
    return _name(year, code, folder, Classification.economic_name)


def _name(year: int, code: str, folder: Path, look_up) -> str:
    editions = [_read(*edition) for edition in _by_nearness(year, folder)]
    for classification in editions:
        try:
            return look_up(classification, code)
        except ClassificationError:
            continue
    return look_up(editions[0], code)
