"""Budget aggregates and derived figures, on hand-made numbers."""

from __future__ import annotations

from decimal import Decimal

from desktop.domain.budget import (
    CodedFigures,
    Figures,
    ProgressTarget,
    change_rate,
    expense_kind,
    function_tree,
    progress,
    progress_points,
    share,
)


def test_rates_without_a_base_are_none():
    assert change_rate(Decimal(5), Decimal(0)) is None
    assert share(Decimal(5), Decimal(0)) is None
    assert progress(Decimal(5), Decimal(0)) is None
    assert change_rate(Decimal("0.37"), Decimal("0.89")) == (Decimal("0.37") - Decimal("0.89")) / Decimal(
        "0.89"
    )


def test_personnel_and_public_by_economic_class():
    assert [expense_kind(code) for code in ("30101", "30302", "30201", "31002")] == [
        "人员经费",
        "人员经费",
        "公用经费",
        "公用经费",
    ]


def test_function_tree_sums_lines_sharing_a_code():
    lines = [
        CodedFigures("2101101", Figures(final_amount=Decimal("3.92"))),
        CodedFigures("2010301", Figures(final_amount=Decimal("124.14"))),
        CodedFigures("2010301", Figures(final_amount=Decimal("1.56"))),
        CodedFigures("2010308", Figures(final_amount=Decimal("20.84"))),
    ]
    tree = function_tree(lines)
    assert [(node.code, node.figures.final_amount) for node in tree] == [
        ("201", Decimal("146.54")),  # 124.14 + 1.56 + 20.84
        ("210", Decimal("3.92")),
    ]
    (section,) = tree[0].children
    assert [(item.code, item.figures.final_amount) for item in section.children] == [
        ("2010301", Decimal("125.70")),
        ("2010308", Decimal("20.84")),
    ]


def test_checkpoint_points_are_proportional_below_target():
    june = ProgressTarget(6, Decimal("0.40"), Decimal(3), "checkpoints")
    december = ProgressTarget(12, Decimal(1), Decimal(10), "completion")
    assert progress_points(Decimal("0.30"), june) == Decimal("2.25")  # 3 × 30/40
    assert progress_points(Decimal("0.45"), june) == Decimal("3.00")
    assert progress_points(Decimal("0.9587"), december) == Decimal("9.59")
    assert progress_points(None, june) == Decimal("0.00")
