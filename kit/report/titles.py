"""Chart titles that state the finding, in words, from the data each chart drew."""

from __future__ import annotations

import pandas as pd

from kit.figures import format_figure, format_with_unit
from kit.report.words import plain


def troops_title(drawn: pd.DataFrame) -> str:
    """The finding of the troop chart: the spread of the figures."""
    low, high = drawn["value"].min(), drawn["value"].max()
    if low == high:
        return f"Every troop figure shown is {format_with_unit(high, 'soldiers')}"
    return f"Troop figures run from {format_figure(low, 'soldiers')} to {format_with_unit(high, 'soldiers')}"


def brigades_title(table: pd.DataFrame) -> str:
    """The finding of the brigade chart: whether the brigade accounts reach the same total."""
    totals = sorted(set(table["total"]))
    if len(totals) == 1 and len(table) > 1:
        return f"Different brigade counts, same total: {format_with_unit(totals[0], 'soldiers')}"
    if len(totals) == 1:
        return f"{table['claimant_name'].iloc[0]}'s brigades add up to {format_with_unit(totals[0], 'soldiers')}"
    return (
        f"Brigade accounts total {format_figure(totals[0], 'soldiers')} to {format_with_unit(totals[-1], 'soldiers')}"
    )


def batch_title(shares: pd.DataFrame, counts: dict[str, str]) -> str:
    """The finding of the part-of-the-total chart: the part, in the ledger's words, as a share of the largest total.

    ``counts`` maps each part's claim id to what it counts, as the ledger's ``counts`` column words it.
    """
    largest = shares.sort_values(["total", "total_claim"], ascending=[False, True], kind="stable").iloc[0]
    what = counts[largest["batch_claim"]]
    return (
        f"{what[:1].upper()}{what[1:]}: {format_with_unit(largest['batch'], 'soldiers')}, "
        f"{plain(largest['share'], 'percent', str(largest['share_bound']))} of the largest estimate"
    )


def recruitment_title(row: pd.Series) -> str:
    """The finding of the recruitment chart: the claim and what it leaves."""
    return (
        f"{row['claimant_name']} claimed {plain(row['value'], 'percent', str(row['bound']))}, "
        f"leaving {plain(row['shortfall'], 'percent', str(row['bound']))} of the plan unfilled"
    )


def munitions_title(claims: pd.DataFrame) -> str:
    """The finding of the munitions and aid chart: different things, different scales."""
    parts = [format_with_unit(row["value"], row["unit"]) for _, row in claims.iterrows()]
    if len(parts) == 1:
        return f"{parts[0]}: {claims['counts'].iloc[0]}"
    return f"{', '.join(parts[:-1])} and {parts[-1]} measure different things"


def map_title(distances: pd.DataFrame) -> str:
    """The finding of the map: how far the training bases are from the front."""
    if distances.empty:
        return "Places the article names"
    low, high = distances["km_rounded"].min(), distances["km_rounded"].max()
    front = distances["front"].iloc[0]
    return f"Training bases lie {format_figure(low, 'km')} to {format_figure(high, 'km')} km from {front}"


def sources_title(table: pd.DataFrame) -> str:
    """The finding of the sources chart: which side gives the most figures."""
    per_side = table.groupby("side", sort=False, observed=True)["figures"].sum()
    most = per_side.max()
    top = [str(side) for side, count in per_side.items() if count == most]
    if len(top) == 1:
        whole = format_figure(per_side.sum(), "figures")
        return f"Most figures come from {top[0]}: {format_figure(most, 'figures')} of {whole}"
    return f"{', '.join(top[:-1])} and {top[-1]} give the most figures, {format_figure(most, 'figures')} each"
