"""A figure ahead of its article (a forecast, a target, a deadline) is drawn hollow whatever its bound: found on a
made-up budget chart, where a forecast "at least $45 million" was a filled floor beside a hollow forecast dot, and
the legend said hollow marks are the expected ones."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_hex

from kit.report.marks import draw


@pytest.mark.parametrize("bound", ["at_least", "more_than", "up_to", "less_than", "exact", "about"])
def test_a_hollow_mark_is_white_inside(bound: str) -> None:
    inks = {}
    for hollow in (False, True):
        figure, ax = plt.subplots()
        draw(ax, 0.0, 45.0, bound, "#0072b2", 100.0, hollow=hollow)
        inks[hollow] = {to_hex(line.get_markerfacecolor() if line.get_marker() not in (None, "None", "") else
                               line.get_color()) for line in ax.lines}  # fmt: skip
        plt.close(figure)
    assert "#ffffff" in inks[True] and "#ffffff" not in inks[False], inks
