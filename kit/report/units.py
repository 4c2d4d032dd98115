"""Units as a reader reads them: on an axis ("River level (metres)") and in a table cell ("6.2 metres").

Why one module: an axis says "(count)" only for a count, and whether a unit is a count is the ledger's
declaration (``units`` in datapackage.json: ``whole: true`` is counted, anything else is measured), so every
axis and cell asks here instead of guessing from the unit's name.
"""

from __future__ import annotations

import os
import re

from kit import ledger as _ledger
from kit.figures import CURRENCY_SIGNS, MULTIPLE_WORDS, singular, unit_noun
from kit.ledger.declarations import whole_units

#: How a unit reads in words where its slug is not a word ("usd"), and after a number in a table cell.
UNIT_NAMES = {"usd": "US dollars", "eur": "euros", "gbp": "pounds sterling", "percent": "%", "km2": "square kilometres"}


def unit_name(unit: str) -> str:
    """A unit in words: "metres", "US dollars", "%"."""
    return UNIT_NAMES.get(unit) or unit_noun(unit)


def is_count(unit: str, ledger: str | os.PathLike | None = None) -> bool:
    """Whether the ledger declares ``unit`` as counted in whole numbers (people, tents); an undeclared unit is
    not called a count, so an axis never says "(count)" for metres or hectares."""
    return unit in whole_units(_ledger.package(ledger).get("units", {}))


def axis_label(
    unit: str, ledger: str | os.PathLike | None = None, what: str | None = None, count: bool | None = None
) -> str:
    """An axis label naming what is drawn and its unit: "River level (metres)", "People evacuated (count)",
    "Budget (US dollars)"; without ``what`` (a quantity's label) the unit names itself: "Hectares", "People
    (count)"; ``count`` says whether the unit is a count when the caller has read that already."""
    name = unit_name(unit)
    suffix = "count" if (is_count(unit, ledger) if count is None else count) else name
    if what:
        return f"{what[:1].upper()}{what[1:]} ({suffix})"
    if suffix == "count":
        return f"{name[:1].upper()}{name[1:]} (count)"
    return "Percent (%)" if name == "%" else f"{name[:1].upper()}{name[1:]}"


def with_unit(written: str, unit: str, value: float | None = None) -> str:
    """A figure already written as the article writes it ("6.2", "$2 billion", "45%"), with its unit after it
    unless the written figure carries it (a currency sign, a percent sign, a fraction in words: "half"); one of a
    unit reads singular, a vague amount takes "of" ("dozens of people")."""
    if unit in CURRENCY_SIGNS or unit == "percent" or fraction_in_words(written, value):
        return written
    if written.strip().lower() in MULTIPLE_WORDS:  # "twice" says its multiple: never "twice times"
        return written
    name = unit_name(unit)
    if re.search(rf"\b(?:{re.escape(name)}|{re.escape(singular(name))})$", written.strip(), re.IGNORECASE):
        return written  # "8.3 tonnes" written with its unit: never "8.3 tonnes tonnes"
    if not any(char.isdigit() for char in written) and written.endswith("s"):  # "dozens of people"
        written += " of"
    return f"{written} {singular(name) if value == 1 else name}"


def fraction_in_words(written: str, value: float | None) -> bool:
    """Whether the article writes a fraction in words ("half", "a third"): its words are the figure and carry
    their unit, so they are shown as written, never "0.5 fraction" or "half fraction"."""
    in_words = not any(char.isdigit() for char in written)
    return bool(written) and in_words and value is not None and not float(value).is_integer()
