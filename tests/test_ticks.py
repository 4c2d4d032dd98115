"""Value-axis ticks whose labels have room (kit/report/ticks.py). Found on a phone rendering of a reconciliation chart
of a made-up poultry-cull story: "1 million" and "2 million" ran into each other on a plot narrowed by its row
labels, though the chart's width allowed three ticks."""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter, MaxNLocator

from kit.figures import format_figure
from kit.report.ticks import SpacedLocator


def _said(value: float) -> str:
    return "0" if value == 0 else format_figure(value, "count")


def _labels(width_in: float, locator) -> list:
    figure, ax = plt.subplots(figsize=(width_in, 1.5), dpi=100)
    try:
        ax.set_xlim(0, 2_300_000)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(
            FuncFormatter(lambda value, _: "0" if value == 0 else format_figure(value, "count"))
        )
        figure.canvas.draw()
        renderer = figure.canvas.get_renderer()
        lo, hi = ax.get_xlim()
        return [
            label.get_window_extent(renderer)
            for tick, label in zip(ax.get_xticks(), ax.get_xticklabels(), strict=True)
            if lo <= tick <= hi and label.get_text()
        ]
    finally:
        plt.close(figure)


def _overlaps(boxes: list) -> int:
    return sum(a.x1 > b.x0 for a, b in itertools.pairwise(sorted(boxes, key=lambda box: box.x0)))


def test_labels_that_do_not_fit_take_fewer_ticks() -> None:
    narrow = _labels(1.2, SpacedLocator(3, _said, steps=[1, 2, 2.5, 5, 10]))
    assert len(narrow) >= 2 and _overlaps(narrow) == 0
    assert _overlaps(_labels(1.2, MaxNLocator(3, steps=[1, 2, 2.5, 5, 10]))) > 0  # the check can fail
    wide = _labels(8, SpacedLocator(6, _said, steps=[1, 2, 2.5, 5, 10]))
    assert len(wide) == len(_labels(8, MaxNLocator(6, steps=[1, 2, 2.5, 5, 10])))  # room: as many as before
