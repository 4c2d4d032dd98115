"""What the chart tests measure on a drawn chart: its visible texts, pairs of texts that overlap, and texts cut off
at the figure's edge (shared by test_articles and test_hard_cases, so both measure the same way)."""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.transforms import Bbox

from kit.report.marks import Chart


def texts(chart: Chart) -> list[tuple[str, Bbox]]:
    """Every visible piece of text a chart draws (titles, labels, tick labels, legends, annotations), with the box it
    takes, from one layout: each text is measured once (measuring was most of a check's cost)."""
    figure = chart.figure
    if not hasattr(figure.canvas, "get_renderer"):  # closed by pyplot (the pages are rendered once, then read)
        FigureCanvasAgg(figure)
    figure.draw_without_rendering()  # lays out and measures every text as a draw does, without painting pixels
    undrawn = set()  # tick labels matplotlib keeps for ticks outside the view, and does not draw
    for ax in figure.axes:
        for axis, limits in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            low, high = sorted(limits)
            for tick in axis.get_major_ticks():
                if not low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                    undrawn |= {id(tick.label1), id(tick.label2)}
    renderer = figure.canvas.get_renderer()
    found = [text for text in figure.findobj(plt.Text) if text.get_visible() and text.get_text().strip()]
    boxes = [(text.get_text(), text.get_window_extent(renderer)) for text in found if id(text) not in undrawn]
    return [(words, box) for words, box in boxes if box.width > 0]


def overlaps(found: list[tuple[str, Bbox]]) -> list[tuple[str, str]]:
    """Pairs of texts (of ``texts``) that share more than a pixel."""
    return [(a, b) for (a, box_a), (b, box_b) in itertools.combinations(found, 2) if _shared_area(box_a, box_b) > 1]


def clipped(chart: Chart, found: list[tuple[str, Bbox]]) -> list[str]:
    """Texts (of ``texts``) that reach past the figure's edge by more than a pixel: cut off in the saved image."""
    edge = chart.figure.bbox
    cut = []
    for words, box in found:
        if box.x0 < edge.x0 - 1 or box.y0 < edge.y0 - 1 or box.x1 > edge.x1 + 1 or box.y1 > edge.y1 + 1:
            cut.append(words)
    return cut


def keys_over_marks(chart: Chart) -> list[str]:
    """Legends drawn inside a plot that cover one of its bars or patches, on a chart ``texts`` has laid out: a key
    must never hide a mark."""
    renderer = chart.figure.canvas.get_renderer()
    found = []
    for ax in chart.figure.axes:
        legend = ax.get_legend()
        if legend is None or not legend.get_visible():
            continue
        key = legend.get_window_extent(renderer)
        for patch in ax.patches:
            if patch.get_visible() and _shared_area(key, patch.get_window_extent(renderer)) > 1:
                found.append(" / ".join(text.get_text() for text in legend.get_texts()))
                break
    return found


def label_problems(chart: Chart) -> list[tuple[str, str]]:
    """Overlapping pairs, each text cut at the edge as (text, "the figure's edge"), and each legend over a mark
    as (its words, "a mark it covers"), from one layout of the chart."""
    found = texts(chart)
    problems = overlaps(found) + [(text, "the figure's edge") for text in clipped(chart, found)]
    return problems + [(key, "a mark it covers") for key in keys_over_marks(chart)]


def _shared_area(a, b) -> float:
    """Pixels two boxes share (0 when they only touch)."""
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return max(width, 0) * max(height, 0)
