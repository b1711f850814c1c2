"""What a clerk may type into a scorecard input: numbers, rates, a level of the template, 是/否."""

from __future__ import annotations

from desktop.domain.indicator_input import IndicatorInputError, normalise_nature
from desktop.domain.money import NumberFormatError, parse_percent, parse_quantity
from desktop.domain.scorecards import input_label
from desktop.domain.templates import TemplateNode
from desktop.errors import UserInputError

RATES = {"rate", "progress"}
TEXTS = {"actual", "label", "target"}


def check_input(leaf: TemplateNode, name: str, text: str) -> None:
    """Raise UserInputError naming the item and the input when ``text`` cannot be read."""
    place = f"“{leaf.name}”的“{input_label(name)}”"
    if name in TEXTS:
        return
    if name == "level":
        if text not in leaf.params["levels"]:
            raise UserInputError(f"{place}应为：{'、'.join(leaf.params['levels'])}")
        return
    if name == "nature":
        try:
            normalise_nature(text)
        except IndicatorInputError as error:
            raise UserInputError(f"{place}：{error}") from error
        return
    if leaf.method == "checklist":
        if text not in ("是", "否"):
            raise UserInputError(f"{place}应填“是”或“否”")
        return
    try:
        if name in RATES or (name.startswith("m") and name[1:].isdigit()):
            parse_percent(text)
        else:
            parse_quantity(text)
    except NumberFormatError as error:
        raise UserInputError(f"{place}：{error}") from error
