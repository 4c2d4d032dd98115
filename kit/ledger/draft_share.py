"""A share written as a fraction or a ratio in words, drafted as the data README's curation rule 3 records it.

"a third", "nearly half", "one in eight" and "One in five" are shares: a curator records each in ``percent`` with the
percent it means (33.333333333333336, 50, 12.5, 20), its words as written, so the drafter does too
(:func:`kit.figures.read_share` reads the words). A change by a fraction ("cut by a quarter", "rose by about a
third") is no share and keeps the drafter's other readings; a rate written as a ratio ("6.8 per 100,000") is not a
share either, and is not drafted.
"""

from __future__ import annotations

import re

from kit.figures import read_share
from kit.ledger.shapes import Figure

#: The kinds of figure the finder gives a share written in words ("a third" a fraction, "one in eight" a ratio).
SHARE_KINDS = frozenset({"fraction", "ratio"})
#: A change by a fraction: "by"/"up"/"down" right before it, a hedge between ("cut by about a fifth").
_CHANGE = re.compile(
    r"\b(?:by|up|down)\s+(?:(?:about|nearly|almost|roughly|some|around|more\s+than|less\s+than|over|under)\s+)?$",
    re.IGNORECASE,
)


def percent(figure: Figure, written: str, text: str) -> float | None:
    """The percent a share written as a fraction or ratio in words means; None for any other figure (a percent in
    digits, a count, a change by a fraction, a rate)."""
    if figure.kind not in SHARE_KINDS:
        return None
    if _CHANGE.search(text[max(0, figure.start - 30) : figure.start]):
        return None
    return read_share(written)


def in_percent(figure: Figure, written: str, text: str) -> tuple[float, None] | None:
    """(value, value_high) of a share in words, in percent ("one in eight": 12.5, none); None for any other figure."""
    share = percent(figure, written, text)
    return None if share is None else (share, None)


def is_rate(figure: Figure, written: str) -> bool:
    """A ratio that is no share in words ("6.8 per 100,000", "3:1"): never drafted, as before ratios were."""
    return figure.kind == "ratio" and read_share(written) is None
