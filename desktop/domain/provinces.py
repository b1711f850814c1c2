"""The 34 provincial-level divisions (省级行政区) a department can belong to, and their names as typed.

A province decides which forms apply (``services/catalogue.py``), so it is always stored under its
full name: “四川” → “四川省”, “新疆” → “新疆维吾尔自治区”, “北京” → “北京市”.
"""

from __future__ import annotations

PROVINCES = (
    "北京市",
    "天津市",
    "河北省",
    "山西省",
    "内蒙古自治区",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "上海市",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "广西壮族自治区",
    "海南省",
    "重庆市",
    "四川省",
    "贵州省",
    "云南省",
    "西藏自治区",
    "陕西省",
    "甘肃省",
    "青海省",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
    "台湾省",
    "香港特别行政区",
    "澳门特别行政区",
)

# longest first, so that 广西壮族自治区 loses 壮族自治区, not 自治区
_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")


def short_name(province: str) -> str:
    """“新疆维吾尔自治区” → “新疆”, “四川省” → “四川”, “内蒙古自治区” → “内蒙古”."""
    for suffix in _SUFFIXES:
        if province.endswith(suffix):
            return province.removesuffix(suffix)
    return province


# what a clerk types for each: the full name, the short one, and the short one + 自治区 / 特区
_SPELLINGS = {
    spelling: province
    for province in PROVINCES
    for spelling in (
        province,
        short_name(province),
        short_name(province) + ("自治区" if province.endswith("自治区") else ""),
        short_name(province) + ("特区" if province.endswith("特别行政区") else ""),
    )
}


def normalise_province(text: str) -> str | None:
    """The full name of the province ``text`` names (spaces ignored), None when it names none."""
    return _SPELLINGS.get("".join(text.split()))
