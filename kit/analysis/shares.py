"""Parts and shares: a partial figure against a whole, a percentage and what it leaves."""

from __future__ import annotations

import pandas as pd

from kit import vocab
from kit.analysis.bounds import share_bound


def part_shares(claims: pd.DataFrame) -> pd.DataFrame:
    """Each part (kind part) against each figure of its whole: the claim it names in ``of``, or the level
    estimates of the quantity it names, in the same unit. One row per (part, whole) pair, with the share in
    percent and its bound (a whole given as a range gives a range share, from ``share`` to ``share_high``). A part
    whose whole the subset does not hold has no row."""
    columns = ["part_claim", "part", "whole_claim", "whole", "whole_bound", "claimant_name", "share", "share_bound"]
    columns.append("share_high")  # a range whole gives a range share: the part over its high end, then its low end
    parts = claims[claims["kind"] == "part"]
    if parts.empty:
        return pd.DataFrame(columns=columns)
    # Each part's wholes, found once for the page (a part section's chart and sentences ask again): the claim
    # its ``of`` names, or the levels of the quantity it names, in the ledger's order, in its unit, non-zero.
    ids, quantity = claims["claim_id"].to_numpy(), claims["quantity"].to_numpy()
    kind, unit = claims["kind"].to_numpy(), claims["unit"].to_numpy()
    value, high, bound = claims["value"].to_numpy(), claims["value_high"].to_numpy(), claims["bound"].to_numpy()
    by_of: dict[str, list[int]] = {}
    for position, (claim, named, what) in enumerate(zip(ids, quantity, kind, strict=True)):
        if isinstance(claim, str):
            by_of.setdefault(claim, []).append(position)
        if what == "level" and isinstance(named, str):
            by_of.setdefault(named, []).append(position)
    names = claims["claimant_name"].to_numpy()
    rows = []
    for part in parts.itertuples(index=False):
        for at in sorted(set(by_of.get(str(part.of), []))):
            if not unit[at] == part.unit or value[at] == 0:  # a missing unit matches nothing, as in pandas
                continue
            ranged = bound[at] in vocab.ranged()
            rows.append(
                (part.claim_id, part.value, ids[at], value[at], bound[at], names[at],
                 share_percent(part.value, high[at] if ranged else value[at]), share_bound(str(bound[at])),
                 share_percent(part.value, value[at]) if ranged else float("nan"))
            )  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def shortfall(percent: float) -> float:
    """The share of a plan left unfilled when a claim says ``percent`` of it is fulfilled: 100 - percent."""
    return 100.0 - float(percent)


def share_complements(claims: pd.DataFrame) -> pd.DataFrame:
    """Each share (kind share, in percent) with the rest of its whole, 100 less the share, and that rest's
    bound (a floor on the share caps the rest). The rest is never stated in the article: the kit's arithmetic."""
    shares = claims[(claims["kind"] == "share") & (claims["unit"] == "percent")].reset_index(drop=True).copy()
    shares["rest"] = [shortfall(value) for value in shares["value"]]
    shares["rest_bound"] = [share_bound(str(bound)) for bound in shares["bound"]]
    return shares


def share_percent(part: float, whole: float) -> int:
    """``part`` as a whole-number percentage of ``whole``, as a sentence states it."""
    return int(round(100 * part / whole))
