"""What a figure allows, given the bound the article puts on it: one interval per bound, one tolerance.

Every chart whisker, every reconciliation and every implied figure reads a bound through
:func:`interval`, so "about 1,500" means the same range everywhere in the kit.
"""

from __future__ import annotations

import math

#: How far an "about" figure may be from the truth, as a share of the figure: "about 1,500" is a rounded
#: figure, and ten percent covers rounding to two significant figures. The one reading of "about" in the
#: kit: charts draw it as the whisker, reconciliation tests it, implied figures carry it.
ABOUT_TOLERANCE = 0.1
#: How an unqualified figure is read: rounded to its last non-zero digit, so it allows this share of one unit
#: of that digit either way ("14,000" allows 13,500 to 14,500; "3,700" allows 3,650 to 3,750; "64" and "five"
#: allow only themselves). Newsrooms round without saying so; a bare "14,000" is not a count to the person.
UNQUALIFIED_ROUNDING = 0.5
#: Unqualified figures below this are read as stated: "40 vessels" or "10 branches" are counts, not roundings.
ROUNDED_FROM = 1000
BOUNDS = ("exact", "about", "at_least", "up_to", "range")


def rounding(value: float) -> float:
    """How far an unqualified figure may be from the truth, read from its digits: half its last non-zero place."""
    if abs(value) < ROUNDED_FROM or not float(value).is_integer():
        return 0.0
    place, whole = 1, abs(int(value))
    while whole % (place * 10) == 0:
        place *= 10
    return 0.0 if place == 1 else place * UNQUALIFIED_ROUNDING


def interval(
    value: float, bound: str, tolerance: float = ABOUT_TOLERANCE, high: float | None = None
) -> tuple[float, float]:
    """The range of true values a figure allows, given how the article qualifies it.

    ``exact`` (the article's word for an unqualified figure) [v - r, v + r] with r = :func:`rounding`;
    ``about`` [v(1-t), v(1+t)]; ``at_least`` [v, inf); ``up_to`` [0, v]; ``range`` [v, high], each end read
    with its rounding ("14,000 to 15,000" allows 13,500 to 15,500).
    """
    if not 0 <= tolerance < 1:
        raise ValueError(f"tolerance must be in [0, 1), not {tolerance}")
    if bound == "exact":
        return (value - rounding(value), value + rounding(value))
    if bound == "about":
        return (value * (1 - tolerance), value * (1 + tolerance))
    if bound == "at_least":
        return (value, math.inf)
    if bound == "up_to":
        return (0.0, value)
    if bound == "range":
        if high is None:
            raise ValueError("a range needs its high end")
        return (value - rounding(value), high + rounding(high))
    raise ValueError(f"unknown bound {bound!r}: expected exact, about, at_least, up_to or range")


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
    """The bound of part / whole when only the whole is qualified: a floor on the whole caps the share."""
    return {"at_least": "up_to", "up_to": "at_least"}.get(whole_bound, whole_bound)
