"""Which way two figures of one quantity at two dates moved, and whether a change the article states from an
earlier figure ("9,000 to 9,500 this week, up from about 8,000 in September") is what the figures show.

One rule reads a move from two intervals (:func:`direction`): higher when every value the later figure allows lies
above every value the earlier allows, lower when below, unclear when the intervals overlap (the figures do not show
a move). Two unqualified figures read by rounding that only touch have moved: "1.1 million" allows 1.05 to 1.15
million and "1.2 million" 1.15 to 1.25 million, but the point they share is half a unit of each one's last digit,
no one's figure, and a true value there rounds to one of them, not to both. The tracker's moves, the stated
changes and the changes stated without a size all read it here (:func:`kit.analysis.time.stated_changes`,
:func:`kit.analysis.time.change_checks`). No pandas: two intervals in, a word out.
"""

from __future__ import annotations

import re

from kit import vocab

#: How the intervals of two figures read, and the direction each change kind states (kinds.csv: change sign).
HIGHER, LOWER, UNCLEAR = "higher", "lower", "unclear"
SHOWS = {1: HIGHER, -1: LOWER}
#: The check of a stated change: the figures show it, do not show a move, or move the other way.
SHOWN, NOT_SHOWN, CONTRADICTED = "shown", "not shown", "contradicted"


def direction(
    before: tuple[float, float], after: tuple[float, float], rounded: tuple[bool, bool] = (False, False)
) -> str:
    """How a later interval reads against an earlier one: higher, lower, or unclear when they overlap. ``rounded``
    says whether each interval is an unqualified figure's rounding: two such intervals that only touch have moved."""
    touch = all(rounded) and after != before
    if after[0] > before[1] or (touch and after[0] == before[1]):
        return HIGHER
    if after[1] < before[0] or (touch and after[1] == before[0]):
        return LOWER
    return UNCLEAR


def verdict(stated: str, found: str) -> str:
    """A stated change (rise or fall) against the direction the intervals show."""
    if found == UNCLEAR:
        return NOT_SHOWN
    return SHOWN if SHOWS[vocab.kinds()[stated].change] == found else CONTRADICTED


#: The unit in which a change is relative to the level it starts from ("40% more than the €1 billion budget"; "fell
#: 28%" from a share of 32%: to 23.04%), unless its words say percentage points ("rose 12 percentage points").
RELATIVE_UNIT = "percent"
#: Words after a change's figure that make a change in percent of a share in percent one of points, added.
_POINTS = re.compile(r"\s*(?:-\s*)?(?:(?:percentage|per\s*cent(?:age)?)[\s-]+)?(?:points?|pp|ppts?)\b", re.IGNORECASE)


def in_points(quote: str, as_written: str) -> bool:
    """Whether the quote writes the change's figure (``as_written``) as percentage points ("12 percentage points",
    "12 points", "12pp"): then a change in percent of a share in percent is added, else it is relative."""
    if as_written and _POINTS.search(as_written):  # written with its points: "3 percentage points"
        return True
    start = quote.find(as_written) if as_written else -1
    while start >= 0:
        if _POINTS.match(quote, start + len(as_written)):
            return True
        start = quote.find(as_written, start + 1)
    return False


def relative(change_unit: str, level_unit: str, points: bool) -> bool | None:
    """How a change in ``change_unit`` applies to a level in ``level_unit``: added (False) in the levels' own unit,
    relative (True) in percent of them, except a change in percent points of percent levels (added); None when
    the kit cannot check it (another unit: the kit converts none)."""
    if change_unit == RELATIVE_UNIT:
        return not (level_unit == RELATIVE_UNIT and points)
    return False if change_unit == level_unit else None


def moved(start: tuple[float, float], change: tuple[float, float], sign: int, relative: bool) -> tuple[float, float]:
    """The interval a start level's interval allows after a change's interval: the level plus (``sign`` 1) or less
    (-1) the change, or, for a ``relative`` change in percent, the level times one plus (or less) the change over
    100. Every pair of ends is tried, so the interval holds every value the two allow (a fall of "about 10" from
    "about 100" allows 79 to 101, not 81 to 99)."""
    corners = []
    for level in start:
        for size in change:
            step = sign * size
            corners.append(level * (1 + step / 100) if relative else level + step)
    found = [corner for corner in corners if corner == corner]  # an infinite end times zero is no end
    return (min(found), max(found)) if found else (float("-inf"), float("inf"))
