"""The generated 信访 register every register benchmark measures (10k, 100k or 1M matters).

One department, matters registered 2022–2024 with 2023 holding most of them (so “a year” is the
heavy case), their 走访 batches (every 来访 matter has one, plus batches not tied to a matter) and
some 复查 and 复核. Written with Core ``insert`` in chunks, from ``random.Random(1)`` so every build
is the same.

A build is kept: ``python -m bench`` names one cache folder for the whole run
(``ZIPING_BENCH_CACHE``) and asks for the matters count in ``ZIPING_BENCH_MATTERS``, so the 1M
register is built once per run and every module links to the same file. The file is shared:
a benchmark that writes to it must copy it first.
"""

from __future__ import annotations

import os
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Engine, insert, select

from desktop.domain.petitions import CHANNELS, COLLECTIVE_VISIT_PERSONS
from desktop.services.sample_register import CATEGORIES, CATEGORY_WEIGHTS, LOCALITIES, SURNAMES
from desktop.storage.database import open_database
from desktop.storage.models import Department, Petition, Visit

CACHE_ENV = "ZIPING_BENCH_CACHE"
MATTERS_ENV = "ZIPING_BENCH_MATTERS"
MILLION = 1_000_000
DEPARTMENT = "基准测试单位"
CHUNK = 50_000
YEAR_WEIGHTS = {2022: 2, 2023: 6, 2024: 2}  # 2023 holds 60 % of the matters
VISIT_LEVELS = {"到区": 70, "到市": 20, "到省": 6, "进京": 4}
NO_REVIEW = {
    "review_requested_on": None,
    "review_closed_on": None,
    "review_outcome": "",
    "recheck_requested_on": None,
    "recheck_closed_on": None,
    "recheck_outcome": "",
}


def run_matters() -> int:
    """How many matters this run measures: ``--matters`` / ``--quick`` of ``python -m bench``."""
    return int(os.environ.get(MATTERS_ENV, MILLION))


def _matter(rng: random.Random, department_id: int, number: int) -> tuple[dict, list[dict]]:
    year = rng.choices(list(YEAR_WEIGHTS), list(YEAR_WEIGHTS.values()))[0]
    registered = date(year, 1, 1) + timedelta(days=rng.randrange(365))
    accepted = registered + timedelta(days=rng.randint(0, 10)) if rng.random() < 0.97 else None
    closed = accepted + timedelta(days=rng.randint(5, 80)) if accepted and rng.random() < 0.9 else None
    category = rng.choices(list(CATEGORIES), CATEGORY_WEIGHTS)[0]
    channel = rng.choice(CHANNELS)
    persons = rng.randint(1, 4) if rng.random() < 0.97 else rng.randint(COLLECTIVE_VISIT_PERSONS, 60)
    locality = rng.choice(LOCALITIES)
    matter = {
        "department_id": department_id,
        "number": f"B{number:07d}",
        "registered_on": registered,
        "channel": channel,
        "petitioner_name": rng.choice(SURNAMES) + rng.choice(SURNAMES),
        "persons": persons,
        "locality": locality,
        "category": category,
        "summary": CATEGORIES[category][1],
        "responsible_unit": CATEGORIES[category][0],
        "accepted_on": accepted,
        "closed_on": closed,
        "in_evaluation_scope": closed is not None and rng.random() < 0.3,
        "satisfaction": "满意" if closed is not None and rng.random() < 0.3 else "未评价",
        **NO_REVIEW,  # every row names every column: an executemany takes its columns from the first
    }
    if closed is not None and rng.random() < 0.03:
        matter["review_requested_on"] = closed + timedelta(days=rng.randint(5, 30))
        matter["review_closed_on"] = matter["review_requested_on"] + timedelta(days=rng.randint(10, 30))
        matter["review_outcome"] = "维持原处理意见"
        if rng.random() < 0.25:
            matter["recheck_requested_on"] = matter["review_closed_on"] + timedelta(days=rng.randint(5, 30))
            matter["recheck_closed_on"] = matter["recheck_requested_on"] + timedelta(days=rng.randint(10, 30))
            matter["recheck_outcome"] = "维持复查意见"
    visits = []
    if channel == "来访":
        visits.append(_visit(rng, department_id, registered, "到区", persons, locality, number))
    if rng.random() < 0.05:  # a batch at a higher level, not tied to a matter
        level = rng.choices(list(VISIT_LEVELS), list(VISIT_LEVELS.values()))[0]
        visits.append(_visit(rng, department_id, registered, level, rng.randint(1, 3), locality, None))
    return matter, visits


def _visit(
    rng: random.Random,
    department_id: int,
    day: date,
    level: str,
    persons: int,
    locality: str,
    row: int | None,
) -> dict:
    return {
        "department_id": department_id,
        "visited_on": day + timedelta(days=rng.randint(0, 2)) if row is None else day,
        "level": level,
        "persons": persons,
        "collective": persons >= COLLECTIVE_VISIT_PERSONS,
        "petition_id": None if row is None else row + 1,  # ids follow the numbers: one empty table
        "locality": locality,
        "note": "",
    }


def _write(path: Path, matters: int) -> None:
    engine = open_database(path, create=True)
    rng = random.Random(1)
    try:
        with engine.begin() as connection:
            department_id = connection.execute(
                insert(Department.__table__).values(name=DEPARTMENT)
            ).inserted_primary_key[0]
            for start in range(0, matters, CHUNK):
                rows, visits = [], []
                for number in range(start, min(start + CHUNK, matters)):
                    matter, batches = _matter(rng, department_id, number)
                    rows.append(matter)
                    visits += batches
                connection.execute(insert(Petition.__table__), rows)
                connection.execute(insert(Visit.__table__), visits)
    finally:
        engine.dispose()


def build(path: Path, matters: int) -> tuple[Engine, int]:
    """The register of ``matters`` matters at ``path`` (opened) and its department's id.

    Built once per matters count in the run's cache folder (``ZIPING_BENCH_CACHE``, else beside
    ``path``) and linked (or copied, where links are not possible) to ``path``."""
    path = Path(path)
    cache = Path(os.environ.get(CACHE_ENV, path.parent))
    cache.mkdir(parents=True, exist_ok=True)
    built = cache / f"register-{matters}.sqlite3"
    if not built.exists():
        partial = built.with_name(f"building-{built.name}")
        partial.unlink(missing_ok=True)
        _write(partial, matters)
        partial.replace(built)  # only a whole build is ever reused
    if path.resolve() != built.resolve():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        try:
            os.link(built, path)
        except OSError:
            shutil.copyfile(built, path)
    engine = open_database(path)
    with engine.connect() as connection:
        department_id = connection.execute(
            select(Department.__table__.c.id).where(Department.__table__.c.name == DEPARTMENT)
        ).scalar_one()
    return engine, department_id
