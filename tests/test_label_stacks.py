"""Value labels of figures drawn side by side at one date (kit.report.time_chart): found on a made-up election
report's chart, where three turnout figures of one day (58.2%, 58% and 56%) were labelled "58.2%" beside the
second mark, "58%" two lines above the marks with none beside it, and 56% not at all. Such labels are stacked,
highest figure on top, a line apart, all kept; one figure given twice at a spot is labelled once."""

from __future__ import annotations

import pytest

from kit.report.time_chart import BASE_RISE_PT, LABEL_LINE_PT, label_rises

SPAN_X, SPAN_Y, WIDTH, HEIGHT = 100.0, 75.0, 470.0, 280.0


def _bottoms(points: list[tuple[float, float, str]]) -> list[float | None]:
    rises = label_rises(points, SPAN_X, SPAN_Y, WIDTH, HEIGHT)
    return [None if rise is None else y / SPAN_Y * HEIGHT + rise for (_, y, _), rise in zip(points, rises, strict=True)]


def test_three_figures_at_one_spot_are_all_labelled_in_order_a_line_apart() -> None:
    points = [(90.0, 58.2, "58.2%"), (90.0, 58.0, "58%"), (90.0, 56.0, "56%")]
    bottoms = _bottoms(points)
    assert None not in bottoms
    assert bottoms[0] > bottoms[1] > bottoms[2]  # the highest figure's label on top
    assert bottoms[0] - bottoms[1] >= LABEL_LINE_PT and bottoms[1] - bottoms[2] >= LABEL_LINE_PT
    assert bottoms[0] == pytest.approx(58.2 / SPAN_Y * HEIGHT + BASE_RISE_PT)  # as near its mark as it can be


def test_one_figure_given_twice_at_a_spot_is_labelled_once_at_its_last_mark() -> None:
    rises = label_rises([(10.0, 40.0, "4,000"), (10.0, 40.0, "4,000")], SPAN_X, SPAN_Y, WIDTH, HEIGHT)
    assert rises == [None, BASE_RISE_PT]


def test_a_lone_figure_keeps_its_label_just_above_it() -> None:
    assert label_rises([(10.0, 40.0, "4,000"), (80.0, 10.0, "900")], SPAN_X, SPAN_Y, WIDTH, HEIGHT) == [
        BASE_RISE_PT,
        BASE_RISE_PT,
    ]


def test_a_stack_near_the_foot_of_the_axis_is_lifted_above_it() -> None:
    """Found on a made-up crossings chart: the lowest label of a stack, 580 under 612 and 650, went below the axis
    onto the date ticks ("S5e80p")."""
    bottoms = _bottoms([(90.0, 0.65, "nearly 650"), (90.0, 0.612, "612"), (90.0, 0.58, "580")])
    assert None not in bottoms and min(bottoms) >= BASE_RISE_PT
    assert bottoms[0] - bottoms[1] >= LABEL_LINE_PT and bottoms[1] - bottoms[2] >= LABEL_LINE_PT
