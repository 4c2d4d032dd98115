"""Which claims are estimates: a figure stated as fact is one; a request, a pledge, a target or a forecast is not.

Why here, in one place: a pledge of $5 million or a target of 15,000 people is a figure the article states, but not
an estimate of anything that is. Drawn or reconciled beside estimates it would read as one source's count. Every
page selects its claims through :func:`estimates_only` (see :func:`kit.analysis.subset.select`), so such figures
are never drawn, counted or reconciled as estimates; the overview lists them with their status in words
(:mod:`kit.vocab` ``statuses.csv``). A ledger with no ``status`` column, or an empty cell, means stated.
"""

from __future__ import annotations

import pandas as pd

from kit import vocab


def statuses(claims: pd.DataFrame) -> pd.Series:
    """Each claim's status as text (``stated`` where the cell is empty or the ledger has no status column)."""
    if "status" not in claims.columns:
        return pd.Series(vocab.STATED, index=claims.index, dtype="object")
    return pd.Series([vocab.status_of(cell) for cell in claims["status"].astype("object")], index=claims.index)


def is_estimate(claims: pd.DataFrame) -> pd.Series:
    """True for each claim whose status is an estimate (stated as fact)."""
    estimates = {name for name, row in vocab.statuses().items() if row.estimate}
    return statuses(claims).isin(estimates)


def retracting(claims: pd.DataFrame) -> pd.Series:
    """True for each claim whose status takes back every report of its statement (statuses.csv: retracts)."""
    retracts = {name for name, row in vocab.statuses().items() if row.retracts}
    return statuses(claims).isin(retracts)


def estimates_only(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims that are estimates, in their order: what charts draw, counts count and reconciliation compares."""
    return claims[is_estimate(claims)]


#: ``when_kind`` values for a time ahead of the source: a forecast or a deadline, not a figure of what is yet.
AHEAD = ("forecast", "deadline")


def drawn_hollow(claims: pd.DataFrame) -> pd.Series:
    """True for each claim every chart draws hollow (an unfilled glyph): a figure that is not an estimate of what is
    (its status in statuses.csv: a request, pledge, target or forecast) or one dated ahead (a forecast or a
    deadline in ``when_kind``). Why one rule: a reader tells a measured figure from an expected one at a glance, on
    every chart alike."""
    kinds = claims["when_kind"].astype("object") if "when_kind" in claims else pd.Series(None, index=claims.index)
    return ~is_estimate(claims) | kinds.isin(AHEAD)
