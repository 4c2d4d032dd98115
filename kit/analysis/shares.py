"""Parts and shares: a partial figure against a whole, a percentage and what it leaves."""

from __future__ import annotations

import pandas as pd

from kit.analysis.bounds import share_bound
from kit.analysis.subset import main_quantity, troop_totals


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
