"""A 自评表 template for a province that ships none (湖北省), whose 预算执行 weighs 20, not 10."""

from __future__ import annotations

# 117.65 / 131.65 = 0.893657…: 10 × that = 8.94, 20 × that = 17.873… → 17.87
HUBEI_TEMPLATE = """
title = "项目支出绩效自评表（湖北）"
kind = "self_evaluation"
province = "湖北省"
from_year = 2023
total = 100

[[nodes]]
key = "execution"
name = "预算执行率"
weight = 20
method = "execution"

[[nodes]]
key = "indicators"
name = "绩效指标"
weight = 80
method = "indicators"
"""
