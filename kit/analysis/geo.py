"""Distances between the places a ledger locates: great circles on the mean Earth sphere."""

from __future__ import annotations

import math
import os

import pandas as pd

from kit import ledger as _ledger
from kit.analysis.subset import field_spec

#: Mean Earth radius R1 = (2a + b) / 3 of the WGS84 ellipsoid, in km (IUGG; Moritz 2000).
#: A sphere of this radius gives great-circle distances within about 0.5% of the ellipsoid's.
EARTH_RADIUS_KM = 6371.0088
#: Distances from ROUNDED_FROM_KM up are rounded to this many km: the points are city centres, not the places
#: themselves. A shorter one is rounded to the km: "12 km" read as "10 km" is a figure the article contradicts.
DISTANCE_ROUNDING_KM = 10
ROUNDED_FROM_KM = 100


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float, radius_km: float = EARTH_RADIUS_KM) -> float:
    """Great-circle distance in km between two WGS84 points on a sphere (haversine formula).

    Haversine rather than the spherical law of cosines because it stays accurate for short distances.
    """
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * radius_km * math.asin(min(1.0, math.sqrt(h)))


def great_circle_points(
    lat1: float, lon1: float, lat2: float, lon2: float, steps: int = 64
) -> list[tuple[float, float]]:
    """Points (lat, lon) along the great circle between two points, so a map can draw the true route."""
    phi1, lam1, phi2, lam2 = map(math.radians, (lat1, lon1, lat2, lon2))
    delta = haversine_km(lat1, lon1, lat2, lon2, radius_km=1.0)
    if delta == 0:
        return [(lat1, lon1)] * (steps + 1)
    points = []
    for step in range(steps + 1):
        f = step / steps
        a, b = math.sin((1 - f) * delta) / math.sin(delta), math.sin(f * delta) / math.sin(delta)
        x = a * math.cos(phi1) * math.cos(lam1) + b * math.cos(phi2) * math.cos(lam2)
        y = a * math.cos(phi1) * math.sin(lam1) + b * math.cos(phi2) * math.sin(lam2)
        z = a * math.sin(phi1) + b * math.sin(phi2)
        points.append((math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))))
    return points


def round_km(km: float) -> int:
    """A distance as the narrative states it: to the nearest DISTANCE_ROUNDING_KM from ROUNDED_FROM_KM up, else to
    the nearest km."""
    step = DISTANCE_ROUNDING_KM if km >= ROUNDED_FROM_KM else 1
    return int(round(km / step) * step)


def distances_between_roles(ledger: str | os.PathLike | None = None) -> pd.DataFrame:
    """Great-circle km from each place of one role to each place of another, as the ledger declares on its places
    field ``role`` (``"distances": {"from": role, "to": role}``); ``from_words`` is the first role in the ledger's
    words (its ``words``, else the role itself). A ledger that declares no distances gets none.

    Places without coordinates are left out; places that share a point with another are kept, each by name.
    """
    spec = field_spec(_ledger.package(ledger), "places", "role")
    if not spec.get("distances", {}):
        return pd.DataFrame(columns=[*_COLUMNS, "from_words"])
    return distances_of(spec, _ledger.places(ledger))


def distances_of(spec: dict, places: pd.DataFrame) -> pd.DataFrame:
    """:func:`distances_between_roles` of a ledger already read: the Table Schema of its places field ``role``
    (``spec``) and its places."""
    roles = spec.get("distances", {})
    if not roles:
        return pd.DataFrame(columns=[*_COLUMNS, "from_words"])
    located = places.dropna(subset=["latitude", "longitude"])
    origins = located[located["role"] == roles["from"]]
    destinations = located[located["role"] == roles["to"]]
    rows = []
    for _, origin in origins.iterrows():
        for _, to in destinations.iterrows():
            km = haversine_km(origin["latitude"], origin["longitude"], to["latitude"], to["longitude"])
            rows.append(
                {
                    "from_id": origin["place_id"],
                    "from": origin["name"],
                    "to_id": to["place_id"],
                    "to": to["name"],
                    "km": km,
                    "km_rounded": round_km(km),
                }
            )
    frame = pd.DataFrame(rows, columns=_COLUMNS).assign(
        from_words=spec.get("words", {}).get(roles["from"], roles["from"])
    )
    return frame.sort_values(["km", "from_id"], ascending=[False, True], ignore_index=True)


_COLUMNS = ["from_id", "from", "to_id", "to", "km", "km_rounded"]
