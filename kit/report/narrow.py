"""A phone's rendering of a chart: the same chart drawn again NARROW_PX wide in the same type, laid out for that width.

An 800 px chart shrunk into a phone's column (about 360 px) shows its text at 4 to 6 px: unreadable. So each chart
builder is :func:`redrawable`: the chart remembers how it was built, and :func:`rendering` draws it again inside
``style.narrow()`` (labels wrapped and legends folded to the width, kit.report.style.chars). Builders render a
frozen page model (kit.report.model), so drawing twice reads nothing twice. The page shows the narrow PNG below
``style.NARROW_VIEWPORT`` px (kit.report.html.with_narrow_charts); the notebook keeps the wide one as its image.
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import matplotlib.pyplot as plt

from kit.report import style

if TYPE_CHECKING:
    from kit.report.marks import Chart

#: The display metadata key under which a chart's phone rendering travels with its wide image.
KEY = "kit_narrow"
Builder = TypeVar("Builder", bound=Callable)


def redrawable(builder: Builder) -> Builder:
    """A chart builder whose chart remembers how to draw itself again (at another width)."""

    @functools.wraps(builder)
    def built(*args, **kwargs):
        chart = builder(*args, **kwargs)
        if chart is not None and chart.redraw is None:
            chart.redraw = functools.partial(builder, *args, **kwargs)
        return chart

    return built  # type: ignore[return-value]


def rendering(chart: Chart, figure_format: str) -> dict:
    """The display metadata that carries the chart's phone rendering (a PNG, base64) and its width in CSS px; empty
    for an SVG (it scales without loss, and is for print) or a chart that cannot be drawn again."""
    if figure_format != "png" or chart.redraw is None:
        return {}
    with style.narrow():
        again = chart.redraw()
    if again is None:
        return {}
    try:
        data = again.to_bytes("png")
    finally:
        plt.close(again.figure)
    return {KEY: {"image/png": base64.b64encode(data).decode("ascii"), "width": style.NARROW_PX}}
