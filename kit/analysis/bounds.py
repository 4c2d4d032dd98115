"""What a figure allows, given the bound the article puts on it: one interval per bound, one tolerance.

Every chart whisker, every reconciliation and every implied figure reads a bound through
:func:`interval` (computed in :mod:`kit.vocab.intervals`, the foundation, so the ledger's checks read bounds
the same way), so "about 1,500" means the same range everywhere in the kit.
"""

from __future__ import annotations

from collections.abc import Mapping

from kit import vocab
from kit.vocab.intervals import (
    ABOUT_TOLERANCE,
    BOUNDS,
    ROUNDED_FROM,
    UNQUALIFIED_ROUNDING,
    half_place,
    interval,
    open_figure,
    places_of,
    rounding,
)

__all__ = [
    "ABOUT_TOLERANCE",
    "BOUNDS",
    "ROUNDED_FROM",
    "UNQUALIFIED_ROUNDING",
    "combine_bounds",
    "half_place",
    "interval",
    "meet",
    "open_figure",
    "places_of",
    "rounding",
    "share_bound",
    "whole_of",
]


def whole_of(row: Mapping) -> bool:
    """Whether a claim's unit is a count (its ledger declares it ``whole``; the claims column ``unit_whole``): a
    count's whole figure below 1,000 is read as stated, a measure's as rounded ("8 tonnes" allows 7.5 to 8.5). A
    frame built in code without the column reads its figures as counts."""
    whole = row.get("unit_whole")
    return True if whole is None or whole != whole else bool(whole)  # NaN: a row joined from elsewhere


def combine_bounds(first: str, second: str) -> str:
    """The bound of a number computed from two figures: exact only if both are exact.

    One qualified input passes its bound on; two different qualifications make the result approximate.
    """
    if first == "exact":
        return second
    if second == "exact" or second == first:
        return first
    return "about"


def share_bound(whole_bound: str) -> str:
    """The bound of a figure that falls as the given one rises (part / whole, or 100 less a share) when only the
    given one is qualified: a floor on the whole caps the share, a ceiling floors it (each open when the given
    one's end is: "more than 1,000" gives "less than"), and a figure just under its value ("nearly") puts the
    result just over it: "more than" ("nearly two-thirds" leaves more than a third; "about" would allow less)."""
    row = vocab.bounds()[whole_bound]
    if row.interval == "below":
        return next(bound for bound, other in vocab.bounds().items() if other.interval == "floor_open")
    mirrored = MIRRORED.get(row.interval)
    if mirrored is None:
        return whole_bound
    # an open end stays open: the rest of "less than half" is more than half, of "up to half" at least half
    return next(bound for bound, other in vocab.bounds().items() if other.interval == mirrored)


def meet(low, high, roundings):  # noqa: ANN001, ANN201 (numbers or numpy arrays alike)
    """Whether a joint range [low, high] holds a value: two unqualified roundings that only touch ("34%" and "35%"
    meet at 34.5%, which rounds to one of them) hold none, as kit.analysis.changes reads them; else any value."""
    import numpy as np

    return np.less(low, high) | (np.equal(low, high) & np.logical_not(roundings))


#: Interval rules that mirror each other: a figure that falls as one of the first rises has the second.
MIRRORED = {"floor": "ceiling", "floor_open": "ceiling_open", "ceiling": "floor", "ceiling_open": "floor_open"}
