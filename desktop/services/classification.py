"""Loading the 政府收支分类科目 edition of a fiscal year from resources/classification/."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from desktop.domain.classification import Classification, ClassificationError, parse_classification
from desktop.paths import CLASSIFICATION
from desktop.services.errors import UserInputError


def _editions(folder: Path) -> dict[int, Path]:
    return {int(path.stem): path for path in folder.glob("*.toml") if path.stem.isdigit()}


@cache
def _load(path: Path, year: int) -> Classification:
    with path.open("rb") as handle:
        return parse_classification(year, tomllib.load(handle))


def classification_for_year(year: int, folder: Path = CLASSIFICATION) -> Classification:
    """The edition of ``year``, or the newest earlier one when the year has no file of its own.

    A later year keeps using the last known codes until its file is added (DOMAIN.md §4: the
    editions change yearly, so the file, not the code, says which codes exist).
    """
    editions = _editions(folder)
    usable = [edition for edition in editions if edition <= year]
    if not usable:
        raise UserInputError(f"没有 {year} 年或更早的政府收支分类科目（{folder}）")
    chosen = max(usable)
    try:
        return _load(editions[chosen], chosen)
    except (ClassificationError, tomllib.TOMLDecodeError) as error:
        raise UserInputError(f"{editions[chosen].name}：{error}") from error
