"""The synthetic 信访 register of the sample department (遂宁市船山区信访局, 2023, with 2022 visits).

Invented people with fictitious but well-formed ID numbers (region 510903, correct GB 11643
check digit), drawn from ``random.Random(SEED)`` so every build is the same. The records are
made so that the statistics computed from them (``desktop.domain.register_statistics``)
reproduce what the seed report states; the figures below are the *inputs* of the generator
(how many letters, how many visitors), never stored results:

- 2023: 782 matters (来访 163, 来信 245, 网上 374); the 43 received last are still open on
  31 December (closed in January–February 2024), every other one accepted within 15 days and
  closed by its deadline (9 after an approved 30-day extension); 258 closed 网上 matters are
  纳入满意度评价 and rated: 256 满意, 1 基本满意, 1 不满意; 22 复查 requests, 21 answered in 2023,
  the last one received in December; one matter received on 31 December.
- Visits: 到区 176 batches / 2354 person-times (集访 60 / 2188), 到市 97 / 1091 (集访 47 / 1021),
  到省 13 / 23, 进京 31 / 36; 2022: 到区 181 / 1902 (集访 62 / 1744), 到市 104 / 1180
  (集访 51 / 1098), 到省 19 / 28, 进京 35 / 41. 163 of the 2023 到区 batches are the 来访 matters.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import cast

from sqlalchemy import Connection, insert, select

from desktop.domain.petition_input import id_check_character
from desktop.domain.petitions import COLLECTIVE_VISIT_PERSONS
from desktop.storage.models import Petition, Visit

SEED = 20231231

# level: (batches, persons, collective batches, collective persons)
VISITS = {
    2023: {
        "到区": (176, 2354, 60, 2188),
        "到市": (97, 1091, 47, 1021),
        "到省": (13, 23, 0, 0),
        "进京": (31, 36, 0, 0),
    },
    2022: {
        "到区": (181, 1902, 62, 1744),
        "到市": (104, 1180, 51, 1098),
        "到省": (19, 28, 0, 0),
        "进京": (35, 41, 0, 0),
    },
}
CHANNEL_COUNTS = {"来信": 245, "网上": 374}  # 来访 = the 163 到区 batches linked to a matter
VISITING_MATTERS = 163
OPEN_AT_YEAR_END = 43
EXTENDED = 9
EVALUATED = 258
REVIEWS_ANSWERED = 21

LOCALITIES = (
    "凯旋路街道", "南津路街道", "镇江寺街道", "育才路街道", "嘉禾街道", "广德街道", "富源路街道",
    "龙坪街道", "仁里镇", "永兴镇", "老池镇", "河沙镇", "唐家镇", "桂花镇", "新桥镇", "北固镇",
    "保升镇", "复桥镇", "龙凤镇",
)  # fmt: skip
CATEGORIES = {
    "城乡建设": ("区住房和城乡建设局", "反映小区房屋漏水、开裂，要求开发商维修"),
    "集资融资": ("区处置非法集资工作领导小组办公室", "反映投资理财公司逾期不兑付，要求追回本金"),
    "政法": ("区委政法委", "反映案件办理进度缓慢，要求依法处理"),
    "劳动社保": ("区人力资源和社会保障局", "反映企业拖欠工资，要求支付劳动报酬"),
    "自然资源": ("市自然资源和规划局船山分局", "反映土地征收补偿标准，要求落实补偿"),
    "农村农业": ("区农业农村局", "反映承包地流转费用未兑现，要求协调解决"),
    "卫生健康": ("区卫生健康局", "反映医疗纠纷处理结果，要求重新鉴定"),
    "民政": ("区民政局", "反映低保资格认定，要求重新审核"),
    "生态环境": ("市生态环境局船山分局", "反映餐饮油烟、噪声扰民，要求整改"),
    "教育": ("区教育局", "反映子女入学划片问题，要求就近入学"),
}
CATEGORY_WEIGHTS = (22, 14, 10, 14, 8, 9, 5, 6, 7, 5)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林蒲唐蒋谢"
GIVEN = "建国秀英志强桂兰德明淑芬光辉玉华晓东丽娟文军春燕海涛红梅家福永胜小平学军凤英"
ORIGIN_WEIGHTS = {"直接受理": 60, "上级交办": 20, "上级转送": 15, "领导批示": 5}
ASSIGNING_LEVELS = ("国家", "省", "市")


def _split(rng: random.Random, total: int, parts: int, low: int, high: int) -> list[int]:
    """``parts`` random integers in [low, high] adding up to ``total``."""
    values = [low] * parts
    rest = total - low * parts
    while rest:
        index = rng.randrange(parts)
        if values[index] < high:
            step = min(rest, high - values[index], rng.randint(1, 8))
            values[index] += step
            rest -= step
    return values


def _day_of(rng: random.Random, year: int) -> date:
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def _visits(rng: random.Random, year: int) -> list[dict]:
    batches = []
    for level, (count, persons, collective, collective_persons) in VISITS[year].items():
        small = _split(rng, persons - collective_persons, count - collective, 1, COLLECTIVE_VISIT_PERSONS - 1)
        large = (
            _split(rng, collective_persons, collective, COLLECTIVE_VISIT_PERSONS, 200) if collective else []
        )
        for size in small + large:
            batches.append(
                {
                    "visited_on": _day_of(rng, year),
                    "level": level,
                    "persons": size,
                    "collective": size >= COLLECTIVE_VISIT_PERSONS,
                    "locality": rng.choice(LOCALITIES),
                    "note": "",
                }
            )
    batches.sort(key=lambda batch: cast(date, batch["visited_on"]))
    return batches


def _person(rng: random.Random) -> dict:
    birth = date(1950, 1, 1) + timedelta(days=rng.randrange(50 * 365))
    first = f"510903{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return {
        "petitioner_name": rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2)))),
        "id_number": first + id_check_character(first),
        "phone": f"1{rng.choice('3589')}{rng.randrange(10**9):09d}",
    }


def _matter(rng: random.Random, channel: str, registered_on: date, persons: int) -> dict:
    category = rng.choices(list(CATEGORIES), CATEGORY_WEIGHTS)[0]
    unit, summary = CATEGORIES[category]
    locality = rng.choice(LOCALITIES)
    origin = rng.choices(list(ORIGIN_WEIGHTS), list(ORIGIN_WEIGHTS.values()))[0]
    return {
        "registered_on": registered_on,
        "channel": channel,
        "origin": origin,
        "assigned_level": rng.choice(ASSIGNING_LEVELS) if origin != "直接受理" else "",
        "handling_type": "申诉求决类" if rng.random() < 0.85 else rng.choice(("建议意见类", "检举控告类")),
        **_person(rng),
        "address": f"遂宁市船山区{locality}{rng.choice('东南西北')}{rng.randint(1, 12)}社区{rng.randint(1, 15)}组",
        "persons": persons,
        "locality": locality,
        "category": category,
        "summary": summary,
        "responsible_unit": unit,
        "repeat": rng.random() < 0.08,
        "backlog": rng.random() < 0.03,
    }


def _handle(rng: random.Random, matters: list[dict]) -> None:
    """受理 and 办结 dates: the last ``OPEN_AT_YEAR_END`` received are closed only in 2024."""
    year_end = date(2023, 12, 31)
    closed_in_year = matters[:-OPEN_AT_YEAR_END]
    for matter in matters:
        accepted = matter["registered_on"] + timedelta(days=rng.randint(0, 6))
        matter["accepted_on"] = accepted
        matter["closed_on"] = accepted + timedelta(days=rng.randint(20, 55))
    for matter in closed_in_year:
        matter["closed_on"] = max(matter["accepted_on"], min(matter["closed_on"], year_end))
    for matter in matters[-OPEN_AT_YEAR_END:]:
        in_new_year = date(2024, 1, 2) + timedelta(days=rng.randint(0, 20))
        matter["closed_on"] = min(
            max(matter["closed_on"], in_new_year), matter["accepted_on"] + timedelta(days=60)
        )
    for matter in rng.sample([m for m in closed_in_year if m["registered_on"] < date(2023, 8, 1)], EXTENDED):
        matter["extended"] = True
        matter["extension_approved_on"] = matter["accepted_on"] + timedelta(days=50)
        matter["extension_days"] = 30
        matter["closed_on"] = matter["accepted_on"] + timedelta(days=rng.randint(65, 88))


def _evaluate(rng: random.Random, matters: list[dict]) -> None:
    online = [m for m in matters[:-OPEN_AT_YEAR_END] if m["channel"] == "网上"]
    rated = rng.sample(online, EVALUATED)
    for matter in rated:
        matter["in_evaluation_scope"] = True
        matter["satisfaction"] = "满意"
    rated[0]["satisfaction"] = "基本满意"
    rated[1]["satisfaction"] = "不满意"


def _review(rng: random.Random, matters: list[dict]) -> None:
    """复查: 21 requests answered within 30 days in 2023, one received in December and answered in 2024."""
    early = [m for m in matters if not m.get("extended") and m["closed_on"] <= date(2023, 9, 30)]
    for matter in rng.sample(early, REVIEWS_ANSWERED):
        matter["review_requested_on"] = matter["closed_on"] + timedelta(days=rng.randint(5, 25))
        matter["review_closed_on"] = matter["review_requested_on"] + timedelta(days=rng.randint(10, 28))
        matter["review_outcome"] = "维持原处理意见"
    late = next(m for m in matters if date(2023, 11, 25) <= m["closed_on"] <= date(2023, 11, 30))
    late["review_requested_on"] = late["closed_on"] + timedelta(days=rng.randint(12, 20))
    late["review_closed_on"] = late["review_requested_on"] + timedelta(days=25)
    late["review_outcome"] = "维持原处理意见"


def add_sample_register(connection: Connection, department_id: int) -> None:
    """Insert the synthetic 2023 register and the 2022 and 2023 visits of ``department_id``."""
    rng = random.Random(SEED)
    visits = {year: _visits(rng, year) for year in VISITS}
    to_district = [batch for batch in visits[2023] if batch["level"] == "到区"]
    visited = rng.sample(to_district, VISITING_MATTERS)
    pending: list[tuple[dict, dict | None]] = [
        (_matter(rng, "来访", batch["visited_on"], batch["persons"]), batch) for batch in visited
    ]
    for channel, count in CHANNEL_COUNTS.items():
        pending += [(_matter(rng, channel, _day_of(rng, 2023), 1), None) for _ in range(count)]
    pending.append((_matter(rng, "网上", date(2023, 12, 31), 1), None))
    pending.remove(next(item for item in pending if item[0]["channel"] == "网上" and item[1] is None))
    pending.sort(key=lambda item: item[0]["registered_on"])
    matters = [matter for matter, _ in pending]
    for number, matter in enumerate(matters, start=1):
        matter["number"] = f"船信〔2023〕{number:04d}号"
    _handle(rng, matters)
    _evaluate(rng, matters)
    _review(rng, matters)
    defaults = {
        "extended": False,
        "extension_approved_on": None,
        "extension_days": 0,
        "in_evaluation_scope": False,
        "satisfaction": "未评价",
        "review_requested_on": None,
        "review_closed_on": None,
        "review_outcome": "",
    }
    table = Petition.__table__
    connection.execute(insert(table), [{**defaults, **m, "department_id": department_id} for m in matters])
    numbers = select(table.c.number, table.c.id).where(table.c.department_id == department_id)
    ids = {number: petition_id for number, petition_id in connection.execute(numbers)}
    for matter, batch in pending:
        if batch is not None:
            batch["petition_id"] = ids[matter["number"]]
            batch["locality"] = matter["locality"]
    rows = [
        {"petition_id": None, **batch, "department_id": department_id}
        for year in visits
        for batch in visits[year]
    ]
    connection.execute(insert(Visit.__table__), rows)
