"""Value-axis ticks whose labels have room: never more ticks than their labels fit on the axis as drawn.

Why: the number of ticks was chosen for the chart's width, but a phone's plot can be much narrower than its chart (the
row labels take half of it), and "1 million" beside "2 million" then ran into each other. The locator measures the
axis when matplotlib asks it for ticks, at draw time, and drops to fewer ticks until the widest label fits between
two of them.
"""

from __future__ import annotations

from collections.abc import Callable

import matplotlib as mpl
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import MaxNLocator

#: Width of a character of tick label text, as a share of the font size (DejaVu Sans digits and letters average
#: about 0.6 em), and the room kept between two labels, in characters.
CHAR_EM = 0.6
GAP_CHARS = 1.5


class SpacedLocator(MaxNLocator):
    """At most ``nbins`` intervals, as MaxNLocator chooses them, fewer when the labels ``label(value)`` would not fit
    between the ticks on the axis as drawn."""

    def __init__(self, nbins: int, label: Callable[[float], str], **kwargs) -> None:
        super().__init__(nbins=nbins, **kwargs)
        self._most, self._label, self._kwargs = nbins, label, kwargs

    def tick_values(self, vmin: float, vmax: float):
        for nbins in range(self._most, 0, -1):
            ticks = MaxNLocator(nbins=nbins, **self._kwargs).tick_values(vmin, vmax)
            if nbins == 1 or self._fits(ticks, vmin, vmax):
                return ticks
        return ticks

    def _fits(self, ticks, vmin: float, vmax: float) -> bool:
        axis = self.axis
        if axis is None or axis.axes is None:
            return True
        shown = [tick for tick in ticks if min(vmin, vmax) <= tick <= max(vmin, vmax)]
        if len(shown) < 2:
            return True
        size = FontProperties(size=mpl.rcParams["xtick.labelsize"]).get_size_in_points() * axis.figure.dpi / 72
        widest = max(len(self._label(tick)) for tick in shown) + GAP_CHARS
        spacing = axis.axes.bbox.width * (shown[1] - shown[0]) / abs(vmax - vmin)  # px between two ticks
        return spacing >= widest * CHAR_EM * size
