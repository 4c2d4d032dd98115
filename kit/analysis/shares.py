"""Parts and shares: a partial figure against a whole, a percentage and what it leaves."""

from __future__ import annotations

import pandas as pd

from kit.analysis.bounds import share_bound


def part_shares(claims: pd.DataFrame) -> pd.DataFrame:
    """Each part (kind part) against each figure of its whole: the claim it names in ``of``, or the level
    estimates of the quantity it names, in the same unit. One row per (part, whole) pair, with the share in
    percent and its bound. A part whose whole the subset does not hold has no row."""
    columns = ["part_claim", "part", "whole_claim", "whole", "whole_bound", "claimant_name", "share", "share_bound"]
    frames = []
    for _, part in claims[claims["kind"] == "part"].iterrows():  # a few parts; the wholes are found with arrays
        of = str(part["of"])
        wholes = claims[
            ((claims["claim_id"] == of) | ((claims["quantity"] == of) & (claims["kind"] == "level")))
            & (claims["unit"] == part["unit"])
            & (claims["value"] != 0)
        ]
        frames.append(
            pd.DataFrame(
                {
                    "part_claim": part["claim_id"],
                    "part": part["value"],
                    "whole_claim": wholes["claim_id"].to_numpy(),
                    "whole": wholes["value"].to_numpy(),
                    "whole_bound": wholes["bound"].to_numpy(),
                    "claimant_name": wholes["claimant_name"].to_numpy(),
                    "share": [share_percent(part["value"], whole) for whole in wholes["value"]],
                    "share_bound": [share_bound(str(bound)) for bound in wholes["bound"]],
                },
                columns=columns,
            )
        )
    frames = [frame for frame in frames if len(frame)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)


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
