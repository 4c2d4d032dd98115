"""Figures as an article writes them, and back.

The ledger stores plain numbers (1500, 2000000000, 45, 3); readers see them
as an article writes them ("1,500", "$2 billion", "45%", "three"). Both
directions live here so the validator and the narrative agree on one style.
"""

from __future__ import annotations

import math
import re

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
WORDS_BY_NUMBER = {number: word for word, number in NUMBER_WORDS.items()}
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

_WRITTEN = re.compile(
    r"^(?P<dollar>\$)?(?P<number>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?"
    r"(?:\s(?P<scale>thousand|million|billion))?(?P<percent>%)?$"
)

#: Units whose values are counted in words below ten, as news style does.
WORD_COUNT_UNITS = frozenset({"brigades"})


def parse_written(text: str) -> float | None:
    """Return the number a written figure means, or None when it is not one.

    "1,500" -> 1500, "$2 billion" -> 2000000000, "45%" -> 45, "three" -> 3.
    """
    text = text.strip()
    if text.lower() in NUMBER_WORDS:
        return float(NUMBER_WORDS[text.lower()])
    match = _WRITTEN.match(text)
    if not match:
        return None
    number = float(match["number"].replace(",", "") + (match["fraction"] or ""))
    if match["scale"]:
        number *= SCALES[match["scale"]]
    return number


def _grouped(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}".rstrip("0").rstrip(".")


def format_figure(value: float, unit: str) -> str:
    """Write a number the way the article writes figures of this unit.

    Counts get thousands separators ("1,500"), dollars a scale word
    ("$2 billion"), percentages a sign ("45%"), brigades a word ("three").
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise ValueError("cannot format a missing value")
    if unit == "percent":
        return f"{_grouped(value)}%"
    if unit == "usd":
        for word, scale in sorted(SCALES.items(), key=lambda item: -item[1]):
            if abs(value) >= scale:
                return f"${_grouped(value / scale)} {word}"
        return f"${_grouped(value)}"
    if unit in WORD_COUNT_UNITS and float(value).is_integer() and int(value) in WORDS_BY_NUMBER:
        return WORDS_BY_NUMBER[int(value)]
    return _grouped(value)


def format_with_unit(value: float, unit: str) -> str:
    """A figure with its unit in words, for sentences: "1,500 soldiers", "three brigades"."""
    written = format_figure(value, unit)
    if unit in {"usd", "percent"}:
        return written
    noun = unit[:-1] if value == 1 and unit.endswith("s") else unit
    return f"{written} {noun}"
