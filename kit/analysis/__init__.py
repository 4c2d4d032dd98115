"""Every number the notebooks derive from the ledger, each from one named function.

Narrative and charts never compute: they call these. A test can then check
that every number a reader sees is either a ledger value or the result of a
function here applied to ledger values.
"""

from __future__ import annotations

import math
import os
import re
from typing import TYPE_CHECKING

import pandas as pd

from kit import ledger as _ledger

if TYPE_CHECKING:
    from kit.report.params import Params

#: Mean Earth radius R1 = (2a + b) / 3 of the WGS84 ellipsoid, in km (IUGG; Moritz 2000).
#: A sphere of this radius gives great-circle distances within about 0.5% of the ellipsoid's.
EARTH_RADIUS_KM = 6371.0088
#: Distances are rounded to this many km: the points are city centres, not the bases themselves.
DISTANCE_ROUNDING_KM = 10


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
    """A distance as the narrative states it: to the nearest DISTANCE_ROUNDING_KM."""
    return int(round(km / DISTANCE_ROUNDING_KM) * DISTANCE_ROUNDING_KM)


def distances_to_front(ledger: str | os.PathLike | None = None) -> pd.DataFrame:
    """Great-circle km from each training base (role training_base) to each front (role front).

    Places without coordinates are left out; bases that share a point with another are kept, each by name.
    """
    places = _ledger.places(ledger)
    located = places.dropna(subset=["latitude", "longitude"])
    bases = located[located["role"] == "training_base"]
    fronts = located[located["role"] == "front"]
    rows = []
    for _, base in bases.iterrows():
        for _, front in fronts.iterrows():
            km = haversine_km(base["latitude"], base["longitude"], front["latitude"], front["longitude"])
            rows.append(
                {
                    "base_id": base["place_id"],
                    "base": base["name"],
                    "front_id": front["place_id"],
                    "front": front["name"],
                    "km": km,
                    "km_rounded": round_km(km),
                }
            )
    columns = ["base_id", "base", "front_id", "front", "km", "km_rounded"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["km", "base_id"], ascending=[False, True], ignore_index=True)


def side_order(ledger: str | os.PathLike | None = None) -> list[str]:
    """Sides in the order the data package lists them, then any others alphabetically: one stable order."""
    package = _ledger.package(ledger)
    order: list[str] = []
    for resource in package["resources"]:
        if isinstance(resource, dict) and resource.get("name") == "sources":
            for field in resource.get("schema", {}).get("fields", []):
                if field.get("name") == "side":
                    order = list(field.get("constraints", {}).get("enum", []))
    present = sorted(str(side) for side in _ledger.sources(ledger)["side"].dropna().unique())
    return order + [side for side in present if side not in order]


def select(params: Params, topic: str | None = None) -> pd.DataFrame:
    """Claims with their sources, narrowed to the notebook's subset, in a stable order (side, value, id).

    ``topic`` is the notebook's own topic; when the parameters name another topic nothing is selected.
    """
    claims = _ledger.claims_with_sources(params.ledger)
    keep = pd.Series(True, index=claims.index)
    for column, wanted in (("topic", topic), ("topic", params.topic), ("side", params.side)):
        if wanted is not None:
            keep &= claims[column].astype("string") == wanted
    if params.claimant is not None:
        keep &= claims["claimant"] == params.claimant
    chosen = claims[keep].copy()
    order = {side: index for index, side in enumerate(side_order(params.ledger))}
    chosen["side_rank"] = chosen["side"].astype("string").map(order).astype("int64")
    chosen = chosen.sort_values(["side_rank", "value", "claim_id"], ascending=[True, False, True], ignore_index=True)
    return chosen.drop(columns="side_rank")


def combine_bounds(first: str, second: str) -> str:
    """The bound of a number computed from two figures: exact only if both are exact.

    One qualified input passes its bound on; two different qualifications make the result approximate.
    """
    if first == "exact":
        return second
    if second == "exact" or second == first:
        return first
    return "about"


def main_quantity(claims: pd.DataFrame) -> str | None:
    """The soldier count most claims estimate (the total the article's figures argue about)."""
    totals = claims[(claims["unit"] == "soldiers") & (claims["basis"] == "total")]
    if totals.empty:
        return None
    counts = totals.groupby("quantity", observed=True).size().reset_index(name="n")
    counts = counts.sort_values(["n", "quantity"], ascending=[False, True])
    return str(counts.iloc[0]["quantity"])


def troop_totals(claims: pd.DataFrame) -> pd.DataFrame:
    """Soldier counts of the whole (basis total), main quantity or not, in the given order."""
    return claims[(claims["unit"] == "soldiers") & (claims["basis"] == "total")].reset_index(drop=True)


def brigade_arithmetic(claims: pd.DataFrame) -> pd.DataFrame:
    """Per claimant who gives a brigade count: soldiers per brigade and in all, stated or implied.

    A total and a brigade count imply a size per brigade (total / brigades); a size per brigade and a
    count imply a total (size x brigades). The implied value carries the combined bound of its inputs.
    """
    rows = []
    for claimant, group in claims.groupby("claimant", sort=False, observed=True):
        brigades = group[(group["unit"] == "brigades") & (group["basis"] == "total")]
        soldiers = group[group["unit"] == "soldiers"]
        per = soldiers[soldiers["basis"] == "per_brigade"]
        totals = soldiers[soldiers["basis"] == "total"]
        for _, brigade in brigades.iterrows():
            base = {
                "claimant": claimant,
                "claimant_name": brigade["claimant_name"],
                "side": brigade["side"],
                "brigades": brigade["value"],
                "brigades_bound": brigade["bound"],
                "brigades_claim": brigade["claim_id"],
            }
            for _, size in per.iterrows():
                rows.append(
                    base
                    | {
                        "per_brigade": size["value"],
                        "per_brigade_bound": size["bound"],
                        "per_brigade_claim": size["claim_id"],
                        "total": size["value"] * brigade["value"],
                        "total_bound": combine_bounds(size["bound"], brigade["bound"]),
                        "total_claim": None,
                    }
                )
            for _, total in totals.iterrows():
                if brigade["value"] == 0:
                    continue
                rows.append(
                    base
                    | {
                        "per_brigade": float(round(total["value"] / brigade["value"])),
                        "per_brigade_bound": combine_bounds(total["bound"], brigade["bound"]),
                        "per_brigade_claim": None,
                        "total": total["value"],
                        "total_bound": total["bound"],
                        "total_claim": total["claim_id"],
                    }
                )
    columns = [
        "claimant",
        "claimant_name",
        "side",
        "brigades",
        "brigades_bound",
        "brigades_claim",
        "per_brigade",
        "per_brigade_bound",
        "per_brigade_claim",
        "total",
        "total_bound",
        "total_claim",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    frame["per_brigade_implied"] = frame["per_brigade_claim"].isna()
    frame["total_implied"] = frame["total_claim"].isna()
    return frame


def shortfall(percent: float) -> float:
    """The share of a plan left unfilled when a claim says ``percent`` of it is fulfilled: 100 - percent."""
    return 100.0 - float(percent)


def recruitment_shortfalls(claims: pd.DataFrame) -> pd.DataFrame:
    """Each percent claim with the shortfall it implies (never stated in the article: the kit's arithmetic)."""
    percent = claims[claims["unit"] == "percent"].reset_index(drop=True).copy()
    percent["shortfall"] = [shortfall(value) for value in percent["value"]]
    return percent


def share_percent(part: float, whole: float) -> int:
    """``part`` as a whole-number percentage of ``whole``, as a sentence states it."""
    return int(round(100 * part / whole))


def share_bound(whole_bound: str) -> str:
    """The bound of part / whole when only the whole is qualified: a floor on the whole caps the share."""
    return {"at_least": "up_to", "up_to": "at_least"}.get(whole_bound, whole_bound)


def batch_shares(claims: pd.DataFrame) -> pd.DataFrame:
    """Each partial troop figure (a soldier total of another quantity, e.g. a first batch) against each total.

    One row per (batch, total) pair with the share in percent and its bound.
    """
    main = main_quantity(claims)
    totals = troop_totals(claims)
    whole = totals[totals["quantity"] == main]
    parts = totals[totals["quantity"] != main]
    rows = []
    for _, part in parts.iterrows():
        for _, total in whole.iterrows():
            if total["value"] == 0:
                continue
            rows.append(
                {
                    "batch_claim": part["claim_id"],
                    "batch": part["value"],
                    "total_claim": total["claim_id"],
                    "total": total["value"],
                    "total_bound": total["bound"],
                    "claimant_name": total["claimant_name"],
                    "share": share_percent(part["value"], total["value"]),
                    "share_bound": share_bound(str(total["bound"])),
                }
            )
    columns = ["batch_claim", "batch", "total_claim", "total", "total_bound", "claimant_name", "share", "share_bound"]
    return pd.DataFrame(rows, columns=columns)


def sources_by_side(claims: pd.DataFrame, ledger: str | os.PathLike | None = None) -> pd.DataFrame:
    """Each source that gives a selected figure, with its side and how many figures it gives."""
    counts = claims.groupby("claimant", observed=True).size().rename("figures")
    sources = _ledger.sources(ledger)
    sources = sources[sources["source_id"].isin(counts.index)].copy()
    sources["figures"] = sources["source_id"].map(counts).astype("int64")
    order = {side: index for index, side in enumerate(side_order(ledger))}
    sources["side_rank"] = sources["side"].astype("string").map(order).astype("int64")
    sources = sources.sort_values(["side_rank", "figures", "source_id"], ascending=[True, False, True])
    return sources.drop(columns="side_rank").reset_index(drop=True)


def article_paragraph(quote: str, ledger: str | os.PathLike | None = None) -> str:
    """The article paragraph holding a quote: the context the article itself gives a figure."""
    text = _ledger.article(ledger).text
    for paragraph in re.split(r"\n\s*\n", text):
        if quote in paragraph:
            return " ".join(paragraph.split())
    return ""
