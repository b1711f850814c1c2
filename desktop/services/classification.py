"""The 政府收支分类科目 edition of a fiscal year (resources/classification/), and ``CodeBook``: the
edition with the codes a clerk added for the department (kept in ``user_function_code``)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from desktop.domain.classification import (
    Classification,
    ClassificationError,
    check_new_function_code,
    parse_classification,
)
from desktop.errors import UserInputError
from desktop.paths import CLASSIFICATION
from desktop.storage.audit import track
from desktop.storage.models import UserFunctionCode


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


@dataclass(frozen=True)
class CodeChoice:
    """A 功能分类 项 the 科目 picker offers; ``user_added`` when the clerk added it."""

    code: str
    name: str
    user_added: bool


class CodeBook:
    """The 科目 of a department-year: the year's edition and the codes the clerk added."""

    def __init__(self, engine: Engine, folder: Path = CLASSIFICATION) -> None:
        self._engine = engine
        self._folder = folder

    def edition(self, department_id: int, year: int) -> Classification:
        """The year's edition (or the nearest) with the department's codes from ``from_year`` ≤ year."""
        with Session(self._engine) as session:
            rows = session.exec(
                select(UserFunctionCode).where(
                    UserFunctionCode.department_id == department_id, UserFunctionCode.from_year <= year
                )
            ).all()
        return classification_for_year(year, self._folder).with_user_codes({r.code: r.name for r in rows})

    def function_choices(self, department_id: int, year: int) -> list[CodeChoice]:
        """The 项 a new expenditure line can be charged to, in code order."""
        edition = self.edition(department_id, year)
        return [CodeChoice(code, name, code in edition.user_added) for code, name in edition.function_items()]

    def function_name(self, department_id: int, year: int, code: str) -> str:
        """The name of ``code`` in the department's 科目 of ``year``, else the nearest edition's
        (as ``function_name``); a ``ClassificationError`` when neither has it."""
        edition = self.edition(department_id, year)
        if code in edition.function:
            return edition.function[code]
        return function_name(year, code, self._folder)

    def add_function_code(self, department_id: int, year: int, code: str, name: str) -> str:
        """Keep a code the edition lacks for the department from ``year`` on; returns the code.
        A ``UserInputError`` says what is wrong with it (format, parent, clash, name)."""
        edition = self.edition(department_id, year)
        try:
            code, name = check_new_function_code(edition, code, name)
        except ClassificationError as error:
            raise UserInputError(f"添加科目：{error}") from error
        with track(Session(self._engine)) as session:
            row = session.exec(
                select(UserFunctionCode).where(
                    UserFunctionCode.department_id == department_id, UserFunctionCode.code == code
                )
            ).first()
            if row is None:
                row = UserFunctionCode(department_id=department_id, code=code, name=name, from_year=year)
            else:  # added for a later year: offered from this one on
                row.name, row.from_year = name, year
            session.add(row)
            session.commit()
        return code

    def remove_function_code(self, department_id: int, code: str) -> None:
        """Forget a code the clerk added (the undo of ``add_function_code``)."""
        with track(Session(self._engine)) as session:
            row = session.exec(
                select(UserFunctionCode).where(
                    UserFunctionCode.department_id == department_id, UserFunctionCode.code == code
                )
            ).first()
            if row is not None:
                session.delete(row)
                session.commit()
