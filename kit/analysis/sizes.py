"""Implied per-unit sizes: what a brigade count and a soldier figure from one claimant imply together.

A claimant who gives a number of brigades and a soldier count at the same stage implies the other
measure: "around 1,500 troops" in "three brigades" means about 500 a brigade; "700 soldiers each" in
"two brigades" means 1,400 in all. This module is the one place that arithmetic is done: the brigade
chart, its sentences and the reconciliation all read :func:`brigade_arithmetic`.
"""

from __future__ import annotations

import math

import pandas as pd

from kit.analysis.bounds import ABOUT_TOLERANCE, combine_bounds, interval

BRIGADE_UNIT = "brigades"
SOLDIER_UNIT = "soldiers"
COLUMNS = [
    "claimant",
    "claimant_name",
    "side",
    "stage",
    "brigades",
    "brigades_bound",
    "brigades_claim",
    "per_brigade",
    "per_brigade_bound",
    "per_brigade_claim",
    "per_brigade_low",
    "per_brigade_high",
    "total",
    "total_bound",
    "total_claim",
    "total_low",
    "total_high",
    "per_brigade_implied",
    "total_implied",
]


def per_brigade(kind: object, per: object) -> bool:
    """True for a size per brigade: a per-unit claim whose unit of the whole is brigades."""
    return str(kind) == "per_unit" and str(per) == BRIGADE_UNIT


def _stage(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _pair(brigade: pd.Series, soldiers: pd.Series, tolerance: float) -> dict:
    """One brigade count with one soldier figure: the stated measure as given, the other one implied."""
    n, n_bound = float(brigade["value"]), str(brigade["bound"])
    n_low, n_high = interval(n, n_bound, tolerance)
    value, bound = float(soldiers["value"]), str(soldiers["bound"])
    low, high = interval(value, bound, tolerance)
    joint = combine_bounds(bound, n_bound)
    row = {
        "claimant": str(brigade["claimant"]),
        "claimant_name": str(brigade.get("claimant_name", brigade["claimant"])),
        "side": str(brigade.get("side", "")),
        "stage": _stage(brigade.get("stage")),
        "brigades": n,
        "brigades_bound": n_bound,
        "brigades_claim": str(brigade["claim_id"]),
    }
    if per_brigade(soldiers["kind"], soldiers.get("per")):
        return row | {
            "per_brigade": value,
            "per_brigade_bound": bound,
            "per_brigade_claim": str(soldiers["claim_id"]),
            "per_brigade_low": low,
            "per_brigade_high": high,
            "total": value * n,
            "total_bound": joint,
            "total_claim": None,
            "total_low": low * n_low,
            "total_high": high * n_high,
        }
    return row | {
        "per_brigade": float(round(value / n)),
        "per_brigade_bound": joint,
        "per_brigade_claim": None,
        "per_brigade_low": low / n_high,
        "per_brigade_high": high / n_low if n_low else math.inf,
        "total": value,
        "total_bound": bound,
        "total_claim": str(soldiers["claim_id"]),
        "total_low": low,
        "total_high": high,
    }


def brigade_arithmetic(claims: pd.DataFrame, tolerance: float = ABOUT_TOLERANCE) -> pd.DataFrame:
    """Per claimant and stage with one brigade count: soldiers per brigade and in all, stated or implied.

    Each soldier figure (a total or a size per brigade) of the same claimant at the same stage pairs with
    the brigade count. The implied value carries the combined bound of its inputs and the interval both
    inputs allow. A claimant with two brigade counts at one stage is ambiguous and implies nothing.
    """
    rows = []
    stages = claims["stage"].map(_stage) if "stage" in claims else pd.Series("", index=claims.index)
    keys = list(zip(claims["claimant"].astype(str), stages, strict=True))
    for claimant, stage in dict.fromkeys(keys):
        group = claims[(claims["claimant"].astype(str) == claimant) & (stages == stage)]
        brigades = group[(group["unit"] == BRIGADE_UNIT) & (group["kind"] == "level")]
        if len(brigades) != 1 or brigades["value"].iloc[0] == 0:
            continue
        brigade = brigades.iloc[0]
        soldiers = group[group["unit"] == SOLDIER_UNIT]
        sizes = [per_brigade(kind, per) for kind, per in zip(soldiers["kind"], soldiers["per"], strict=True)]
        for _, figure in soldiers[sizes].iterrows():
            rows.append(_pair(brigade, figure, tolerance))
        for _, figure in soldiers[soldiers["kind"] == "level"].iterrows():
            rows.append(_pair(brigade, figure, tolerance))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["per_brigade_implied"] = frame["per_brigade_claim"].isna()
    frame["total_implied"] = frame["total_claim"].isna()
    return frame
