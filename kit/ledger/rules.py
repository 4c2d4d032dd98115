"""The kit's own rules, which Table Schema cannot say: ranges per unit, coordinates, sources that state nothing.

A Table Schema range holds for a whole column, but whether a fraction is a sound value depends on the
row's unit (half a person is not; half a percent is), and whether a latitude may be empty depends on the
row's precision. The numbers still come from the data package (``units``), never from here.
"""

from __future__ import annotations

import math
from pathlib import Path

from kit.ledger.cells import PLAIN_NUMBER
from kit.ledger.lines import Table
from kit.ledger.problems import Checker


def check_value_in_unit(checker: Checker, path: Path, number: int, row: dict, units: dict) -> None:
    """A claim's value (and a range's high end) within what its unit allows (``units`` in the data package).

    Whole, not below, not above: the numbers come from the ledger's own rules for the unit.
    """
    unit = row.get("unit", "")
    if unit not in units:
        return
    rule = units[unit]
    for column in ("value", "value_high"):
        cell = row.get(column, "")
        if not PLAIN_NUMBER.fullmatch(cell) or not math.isfinite(float(cell)):
            continue
        value = float(cell)
        if rule.get("whole") and not value.is_integer():
            checker.add(path, number, column, f"{cell} is not a whole number of {unit}")
        if "minimum" in rule and value < rule["minimum"]:
            checker.add(path, number, column, f"{cell} is below {rule['minimum']}, the least a count of {unit} can be")
        if "maximum" in rule and value > rule["maximum"]:
            checker.add(path, number, column, f"{cell} is above {rule['maximum']}, the most a {unit} figure can be")


def check_unused_sources(checker: Checker, sources: Table, claims: Table) -> None:
    """A warning for each source no claim cites: a source is in the ledger because it states a figure."""
    if not claims.complete:
        return
    cited = {row.get("claimant", "").strip() for _, row in claims.rows}
    for number, row in sources.rows:
        if row.get("source_id") and row["source_id"] not in cited:
            checker.add(
                sources.path,
                number,
                "source_id",
                f"{row['source_id']!r} is not used by any claim; delete the source or add the claim it states",
                "warning",
            )


def check_coordinates(checker: Checker, places: Table) -> None:
    """A place's latitude and longitude come together, and are there exactly when its precision says a point."""
    for number, row in places.rows:
        has_point = bool(row.get("latitude")) and bool(row.get("longitude"))
        if bool(row.get("latitude")) != bool(row.get("longitude")):
            checker.add(places.path, number, "longitude", "latitude and longitude go together: give both or neither")
        elif row.get("precision") == "unlocated" and has_point:
            checker.add(
                places.path,
                number,
                "precision",
                "'unlocated' place must have no coordinates; empty latitude and longitude, or set the precision",
            )
        elif row.get("precision") not in ("unlocated", None, "") and not has_point:
            checker.add(
                places.path,
                number,
                "latitude",
                f"a place of precision {row['precision']!r} needs coordinates; add them, or make it 'unlocated'",
            )
