"""A whole scorecard: headings and total add up their leaves; no score outside its weight."""

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.scorecards import InputValue, LeafEntry, score_scorecard
from desktop.domain.templates import load_template
from desktop.paths import FORMS

DEPARTMENT = load_template(FORMS / "sichuan_department.toml")
PROJECT = load_template(FORMS / "sichuan_project.toml")


def _value(name, text):
    return InputValue(name, name, text, "录入")


def test_unscored_leaf_says_why_and_counts_nothing():
    card = score_scorecard(DEPARTMENT, {})
    line = next(line for line in card.lines if line.key == "violations")
    assert (line.formula_score, line.working) == (None, "缺少“发现问题数”，无法计算得分")
    assert card.total == 0
    assert card.full_marks == 90


def test_seed_progress_inside_the_card():
    entries = {
        "progress": LeafEntry(
            {n: _value(n, v) for n, v in (("m6", "43.58%"), ("m9", "66.03%"), ("m11", "78.03%"))}
        )
    }
    card = score_scorecard(DEPARTMENT, entries)
    assert next(line for line in card.lines if line.key == "progress").score == D("9.75")
    assert next(line for line in card.lines if line.key == "execution").score == D("9.75")


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_totals_are_the_sum_of_their_items(data):
    template = data.draw(st.sampled_from([DEPARTMENT, PROJECT]))
    entries = {}
    for leaf in template.leaves():
        manual = data.draw(
            st.none()
            | st.decimals(min_value=D(0), max_value=leaf.weight, places=2).map(
                lambda v: v.quantize(D("0.01"))
            )
        )
        findings = data.draw(st.integers(min_value=0, max_value=30))
        rate = data.draw(st.decimals(min_value=D(0), max_value=D(2), places=4))
        values = {"findings": str(findings), "rate": f"{rate * 100}%", "progress": f"{rate * 100}%"}
        entries[leaf.key] = LeafEntry(
            {n: _value(n, v) for n, v in values.items()}, manual, "理由" if manual else ""
        )
    card = score_scorecard(template, entries)
    leaves = [line for line in card.lines if line.is_leaf]
    for line in leaves:
        assert line.score is None or 0 <= line.score <= line.weight
    assert card.total == sum((line.score or 0 for line in leaves if line.self_scored), D(0))
    for heading in (line for line in card.lines if not line.is_leaf and line.score is not None):
        keys = {heading.key}
        for line in card.lines:
            if line.parent in keys:
                keys.add(line.key)
        assert heading.score == sum(
            (leaf.score or 0 for leaf in leaves if leaf.key in keys and leaf.self_scored), D(0)
        )
