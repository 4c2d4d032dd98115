"""Which way two figures of one quantity at two dates moved, and whether a change the article states from an
earlier figure ("9,000 to 9,500 this week, up from about 8,000 in September") is what the figures show.

One rule reads a move from two intervals (:func:`direction`): higher when every value the later figure allows lies
above every value the earlier allows, lower when below, unclear when the intervals overlap (the figures do not show
a move). The tracker's moves and the stated changes both read it here. A stated change is a claim whose
``change_from`` names the earlier claim (kit/data/README.md); its direction is the article's words, read with
kit/vocab/changes.csv from the earlier claim's quote, else the later one's. Pandas only.
"""

from __future__ import annotations

import pandas as pd

from kit import vocab
from kit.analysis.bounds import ABOUT_TOLERANCE
from kit.analysis.time import figure_interval

#: How the intervals of two figures read, and the direction each change kind states (kinds.csv: change sign).
HIGHER, LOWER, UNCLEAR = "higher", "lower", "unclear"
SHOWS = {1: HIGHER, -1: LOWER}
#: The check of a stated change: the figures show it, do not show a move, or move the other way.
SHOWN, NOT_SHOWN, CONTRADICTED = "shown", "not shown", "contradicted"
COLUMNS = ["change_claim", "start_claim", "stated", "words", "words_claim", "quote", "direction", "verdict"]
COLUMNS += ["start_low", "start_high", "low", "high"]


def direction(before: tuple[float, float], after: tuple[float, float]) -> str:
    """How a later interval reads against an earlier one: higher, lower, or unclear when they overlap."""
    if after[0] > before[1]:
        return HIGHER
    if after[1] < before[0]:
        return LOWER
    return UNCLEAR


def verdict(stated: str, found: str) -> str:
    """A stated change (rise or fall) against the direction the intervals show."""
    if found == UNCLEAR:
        return NOT_SHOWN
    return SHOWN if SHOWS[vocab.kinds()[stated].change] == found else CONTRADICTED


def _key(claims: pd.DataFrame) -> pd.Series:
    """Each claim's key: its id, or article/id in a corpus (kit.corpus), where ids repeat across articles."""
    ids = claims["claim_id"].astype(str)
    return claims["article"].astype(str) + "/" + ids if "article" in claims else ids


def stated_changes(claims: pd.DataFrame, tolerance: float = ABOUT_TOLERANCE) -> pd.DataFrame:
    """One row per claim whose ``change_from`` names an earlier claim among ``claims``: the change the article
    states (rise or fall), its words as the quote writes them, the claim whose quote has them and that quote, the
    direction the two intervals show, the verdict (shown, not shown, contradicted) and both intervals. Claim ids
    are keys (article/id in a corpus). A link to a claim not among ``claims`` (another page's selection) is left out."""
    if "change_from" not in claims or claims.empty:
        return pd.DataFrame([], columns=COLUMNS)
    keys = _key(claims)
    by_key = dict(zip(keys, (row for _, row in claims.iterrows()), strict=True))
    rows = []
    for key, row in by_key.items():
        named = row.get("change_from")
        if not isinstance(named, str) or not named.strip():
            continue
        start_key = f"{row['article']}/{named.strip()}" if "article" in claims else named.strip()
        start = by_key.get(start_key)
        if start is None:
            continue
        said = vocab.stated_change(str(start["quote"]))
        words_key = start_key if said else key
        said = said or vocab.stated_change(str(row["quote"]))
        if said is None:
            continue  # the validator refuses such a link; a frame built by hand may still hold one
        before, after = figure_interval(start, tolerance), figure_interval(row, tolerance)
        found = direction(before, after)
        quote = str(by_key[words_key]["quote"])
        rows.append(
            [key, start_key, said[1], said[0], words_key, quote, found, verdict(said[1], found), *before, *after]
        )
    return pd.DataFrame(rows, columns=COLUMNS)
