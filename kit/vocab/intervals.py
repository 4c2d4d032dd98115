"""The interval each bound allows, by the rule the registry (kit/vocab/bounds.csv) names: one tolerance, one
reading of rounding.

Why here, at the foundation: the ledger's own checks (claims merged as one statement must allow a common value)
and the analysis read a bound the same way, and neither may import the other's layer. The analysis re-exports
these from :mod:`kit.analysis.bounds`, the name pages use.
"""

from __future__ import annotations

import math
import re

from kit import vocab

#: How far an "about" figure may be from the truth, as a share of the figure: "about 1,500" is a rounded
#: figure, and ten percent covers rounding to two significant figures. The one reading of "about" in the
#: kit: charts draw it as the whisker, reconciliation tests it, implied figures carry it.
ABOUT_TOLERANCE = 0.1
#: How an unqualified figure is read: rounded to its last non-zero digit, so it allows this share of one unit
#: of that digit either way ("14,000" allows 13,500 to 14,500; "3,700" allows 3,650 to 3,750; "64" and "five"
#: allow only themselves). Newsrooms round without saying so; a bare "14,000" is not a count to the person.
UNQUALIFIED_ROUNDING = 0.5
#: Unqualified whole counts below this are read as stated: "40 vessels" or "10 branches" are counts, not roundings.
#: A whole figure of a measure (a unit not declared whole: "8 tonnes", "27 degrees") is a rounding at any size.
ROUNDED_FROM = 1000
#: The unit whose whole figures below ROUNDED_FROM are roundings too: a share is a ratio, rarely a whole number, so
#: "58%" is read as 57.5% to 58.5% and agrees with "58.2%".
ROUNDED_UNIT = "percent"
#: Every bound, in the registry's order (kit/vocab/bounds.csv).
BOUNDS = vocab.names()


def rounding(value: float, unit: str = "", whole: bool = True) -> float:
    """How far an unqualified figure may be from the truth, read from its digits: half its last written place when it
    has decimals ("58.2%", "2.5 tonnes"), is a whole percent ("58%") or a whole figure of a measure, a unit not
    declared ``whole`` ("8 tonnes"); half its last non-zero place from ROUNDED_FROM up ("14,000"); else none (a
    count such as "64")."""
    if not float(value).is_integer():
        return half_place(value)
    if abs(value) < ROUNDED_FROM:
        return half_place(value) if unit == ROUNDED_UNIT or not whole else 0.0
    place, digits = 1, abs(int(value))
    while digits % (place * 10) == 0:
        place *= 10
    if place == 1:  # "1,381": a count as stated, a measure to its last digit
        return 0.0 if whole else half_place(value)
    return place * UNQUALIFIED_ROUNDING


def half_place(value: float) -> float:
    """Half a unit of the last decimal place a figure is written in ("23%": 0.5; "12.5": 0.05)."""
    return 0.5 * 10.0 ** -places_of(value)


def places_of(value: float) -> int:
    """Decimal places a figure is written in (23 has none, 12.5 one), at most six."""
    text = f"{value:.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def in_words(written: str, unit: str) -> bool:
    """Whether a share is written as a fraction or a ratio in words ("a third", "one in five", "half"): no digit and
    no "per cent" ("Seventy-two per cent" is a percent). An article rounds to such words (34% is "a third"), so an
    unqualified one is read as "about" its value."""
    text = written.strip().lower()
    return unit == ROUNDED_UNIT and bool(text) and not re.search(r"\d|per\s?cent", text)


def interval(
    value: float,
    bound: str,
    tolerance: float = ABOUT_TOLERANCE,
    high: float | None = None,
    unit: str = "",
    written: str = "",
    whole: bool = True,
) -> tuple[float, float]:
    """The range of true values a figure allows, by the rule the registry (kit/vocab/bounds.csv) gives its bound.

    Why these rules (each documented in kit/data/README.md): ``rounding`` (exact, an unqualified figure) is [v - r,
    v + r] with r = :func:`rounding` (of the figure in its ``unit``, ``whole`` when the ledger declares the unit a
    count; a whole figure from ROUNDED_FROM up never wider
    than the "about" reading; a share in words, ``written`` "a third", read as "about": :func:`in_words`);
    ``tolerance`` (about) [v(1-t), v(1+t)]; ``floor`` (at least) [v, inf); ``floor_open`` (more than) (v, inf);
    ``ceiling`` (up to) [0, v]; ``ceiling_open`` (less than) [0, v); ``below`` (nearly) [v(1-t), v); ``ends`` (a
    range, a vague amount) its stated ends [v, high]; ``ends_widened`` (a hedged range) [v(1-t), high(1+t)]. An open
    end is the next float past the figure, so "more than 10,000" and "up to 10,000" share no value, nor do "less
    than 10,000" and "at least 10,000".
    """
    if not 0 <= tolerance < 1:
        raise ValueError(f"tolerance must be in [0, 1), not {tolerance}")
    row = vocab.bounds().get(bound)
    if row is None:
        raise ValueError(f"unknown bound {bound!r}: expected one of {', '.join(BOUNDS)}")
    if row.ranged and high is None:
        raise ValueError(f"a {bound} needs its high end")
    rule = row.interval
    if rule == "rounding" and in_words(written, unit):
        rule = "tolerance"  # "a third" of a headline that rounds 34%: about a third
    if rule == "rounding":
        spread = rounding(value, unit, whole)
        if float(value).is_integer() and abs(value) >= ROUNDED_FROM:  # "10,000": never wider than "about"
            spread = min(spread, abs(value) * tolerance)
        return (max(0.0, value - spread) if value >= 0 else value - spread, value + spread)  # "0%" is never below 0
    if rule == "tolerance":
        return (value * (1 - tolerance), value * (1 + tolerance))
    if rule == "floor":
        return (value, math.inf)
    if rule == "floor_open":
        return (math.nextafter(value, math.inf), math.inf)
    if rule == "ceiling":
        return (0.0, value)
    if rule == "ceiling_open":
        return (0.0, math.nextafter(value, -math.inf))
    if rule == "below":
        return (value * (1 - tolerance), math.nextafter(value, -math.inf))
    if rule == "ends":
        return (value, float(high))
    return (value * (1 - tolerance), float(high) * (1 + tolerance))  # ends_widened


def open_figure(end: float, side: str) -> float | None:
    """The figure an open end stops short of, or None for a closed end. An open end is one float step from its
    figure, in the direction its rule steps: the floor of "more than 2,000" (rule floor_open) is the next float
    above 2,000, the ceiling of "nearly 2,000" (rule below) the float just under it. So a ``side`` "low" end one
    step above a whole number, or a "high" end one step below one, is that figure, open; words then say "more than"
    or "less than", never the figure itself as allowed. Whole numbers only: the about tolerance puts closed ends one
    step from decimals (13 gives 11.700000000000001), never from a whole number (tests/test_bound_registry.py), so
    "more than 12.5%" reads "at least 12.5%" in a range's words."""
    if side not in ("low", "high"):
        raise ValueError(f"side must be 'low' or 'high', not {side!r}")
    if not math.isfinite(end):
        return None
    figure = math.nextafter(end, -math.inf if side == "low" else math.inf)
    return figure if figure != end and figure == round(figure) else None
