"""A claim's own rules in the version-2 model: what its figure means, what it is, and when it applies.

- The figure: ``as_written`` must be a figure the kit reads and mean ``value``; for a range, both ends, with
  a first number that borrows the second one's scale ("4 to 4,500" means 4,000 to 4,500). A value whose scale
  disagrees with the words is an error that says what the words mean.
- What it is: a part or a share names in ``of`` a claim_id or a quantity of this ledger; a per_unit figure
  names in ``per`` a unit of this ledger; other kinds leave both empty.
- When: ``when`` is an ISO 8601 year, month, day or interval on the calendar, not after the article's
  publication unless ``when_kind`` says it is a deadline or a forecast.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kit import vocab as registry
from kit.figures import CURRENCY_SIGNS, format_figure, money_unit, parse_range, read_figure, read_share
from kit.ledger import change_from, dates, hedges, quotes, rules, statement_check
from kit.ledger.cells import plain
from kit.ledger.declarations import whole_units
from kit.ledger.lines import Table
from kit.ledger.model import AHEAD, KIT_ENUMS, OF_KINDS, PER_KIND
from kit.ledger.one_unit import check_one_unit
from kit.ledger.problems import Checker
from kit.ledger.wholes import check_wholes, number_in

RANGE_EXAMPLES = "'1,800 and 2,100', '3 to 3,500', '25-30'"


@dataclass
class Context:
    """What the claim rules need besides the row: the article, its publication day, units, hedge vocabulary."""

    article: str | None
    published: date | None
    units: dict
    declared_units: list[str]
    words: hedges.Vocabulary = field(default_factory=hedges.vocabulary)
    #: False when the claims field unit declares no enum: the units are then those under ``units`` alone.
    unit_enum: bool = True
    #: The ``quantities`` labels of datapackage.json; None when not checked.
    labels: dict | None = None
    #: False when the ledger declares ``value`` not required (so it may record a change without a size).
    value_required: bool = True


def check_claims(checker: Checker, claims: Table, context: Context) -> None:
    """Every claim against the rules of its figure, its kind and its time."""
    ids = {row.get("claim_id", "") for _, row in claims.rows} - {""}  # built once: per row, validation went quadratic
    quantities = {row.get("quantity", "") for _, row in claims.rows} - {""}
    unlabelled: set[str] = set()
    for number, row in claims.rows:
        rules.check_value_in_unit(checker, claims.path, number, row, context.units)
        check_declared(checker, claims.path, number, row, context)
        quantity = row.get("quantity", "")
        if context.labels is not None and quantity and quantity not in context.labels and quantity not in unlabelled:
            unlabelled.add(quantity)
            message = (
                f'quantity {quantity!r} has no label: add "{quantity}": {{"label": "words"}} under \'quantities\' '
                "in datapackage.json (headings and sentences name it by its label)"
            )
            checker.add(claims.path, number, "quantity", message, "warning")
        if context.article is not None:
            quotes.check_claim(checker, claims.path, number, row, context.article)
        reading = hedges.check_bound(checker, claims.path, number, row, context.words)
        empty = not row.get("value", "")  # a change stated without a size ("Numbers have risen"), or an error
        if not (empty and change_from.check_sizeless(checker, claims.path, number, row, context.value_required)):
            check_figure(checker, claims.path, number, row, reading)
        check_kind(checker, claims.path, number, row, context.declared_units)
        if claims.complete:
            check_of(checker, claims.path, number, row, ids, quantities)
        check_time(checker, claims.path, number, row, context.published)
    if claims.complete:
        check_wholes(checker, claims, ids)
    check_one_unit(checker, claims)
    statement_check.check_statements(checker, claims, whole_units(context.units))
    change_from.check_changes(checker, claims)


def check_declared(checker: Checker, path: Path, number: int, row: dict, context: Context) -> None:
    """Where ``units`` alone declares the units (no enum on the claims field unit), a claim's unit is one of them."""
    unit = row.get("unit", "")
    if context.unit_enum or not unit or unit in context.units:
        return
    known = ", ".join(context.units) or "none yet"
    message = (
        f"{unit!r} is not a unit of this ledger ({known}); declare it under 'units' in datapackage.json with its "
        'rules, like "units": {"' + unit + '": {"whole": true, "minimum": 0}}'
    )
    checker.add(path, number, "unit", message)


#: A whole number written with points between groups of three ("39.000", "1.250.000"), as many outlets print
#: thousands: the curator records the value the article means, 39 or 39,000; the pages write it from the value.
POINT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")


def check_figure(checker: Checker, path: Path, number: int, row: dict, reading: hedges.Reading | None) -> None:
    """The figure as written is one the kit reads, and value (and value_high, for a range) are what it means."""
    written, bound = row.get("as_written", ""), row.get("bound", "")
    value, high = number_in(row.get("value", "")), number_in(row.get("value_high", ""))
    if bound == "vague":
        _check_vague(checker, path, number, written, value, high)
        return
    if bound in registry.ranged():
        _check_range(checker, path, number, row, value, high)
        return
    if row.get("value_high", ""):
        checker.add(path, number, "value_high", "only a range has a high end; empty value_high, or set bound to range")
    if not written:
        return
    share = read_share(written) if row.get("unit", "") == "percent" else None
    meant = share if share is not None else read_figure(written)  # "one in four", "a quarter" of a whole: 25 percent
    if value is not None and POINT_GROUPED.fullmatch(written.strip()):  # "39.000" may be 39,000
        meant = value if math.isclose(value, float(written.replace(".", ""))) else meant
    if meant is None and parse_range(written) is not None:
        if reading is None or "range" not in reading.allowed:
            message = (
                f"{written!r} holds two figures; give each its own claim, or record the range as the quote words it"
            )
            checker.add(path, number, "as_written", message)
    elif meant is None:
        checker.add(
            path,
            number,
            "as_written",
            f"{written!r} is not a figure the kit can read; write only the figure, as the quote prints it "
            "(like '1,500', '$2 billion', '45%', 'three'); a vague amount ('dozens') takes bound vague",
        )
    elif (named := money_unit(written)) and row.get("unit", "") in CURRENCY_SIGNS and row["unit"] != named:
        message = f"{written!r} is in {named}, not {row['unit']}: the unit is the money the figure is written in"
        checker.add(path, number, "unit", message + ("; declare a unit for it" if named in ("cents", "pence") else ""))
    elif value is not None and not math.isclose(meant, value):
        shown = plain(repr(meant)) or meant
        checker.add(
            path, number, "value", f"{row['value']} does not match the figure as written ({written!r} means {shown})"
        )


def _check_vague(checker: Checker, path: Path, number: int, written: str, value: float | None, high: float | None):
    """A vague amount's words are one of kit/vocab/vague.csv's, and value and value_high the interval they allow."""
    ends = registry.vague_interval(written)
    if ends is None:
        message = f"{written!r} is not a vague amount the kit reads ('several hundred', 'dozens'; kit/vocab/vague.csv)"
        checker.add(path, number, "as_written", message)
        return
    for column, cell, end in (("value", value, ends[0]), ("value_high", high, ends[1])):
        if cell is None or not math.isclose(cell, end):
            checker.add(path, number, column, f"{written!r} is read as {ends[0]:g} to {ends[1]:g}; write {end:g}")


def _check_range(checker: Checker, path: Path, number: int, row: dict, value: float | None, high: float | None) -> None:
    written = row.get("as_written", "")
    if not row.get("value_high", ""):
        checker.add(
            path, number, "value_high", "a range needs its high end: value holds the low end, value_high the high"
        )
    if not written:
        return
    ends = parse_range(written)
    if ends is None:
        what = "holds one figure" if read_figure(written) is not None else "is not a range the kit can read"
        message = (
            f"{written!r} {what}; for a range, write the words from the first number to the last ({RANGE_EXAMPLES})"
        )
        checker.add(path, number, "as_written", message)
        return
    means = f"{written!r} means {format_figure(ends[0], '')} to {format_figure(ends[1], '')}"
    wrong = False
    for column, cell, end in (("value", value, ends[0]), ("value_high", high, ends[1])):
        if cell is not None and not math.isclose(cell, end):
            checker.add(path, number, column, f"{row[column]} does not match the range as written ({means})")
            wrong = True
    if not wrong and value is not None and high is not None and high <= value:
        message = f"{row['value_high']} is not above value {row['value']}; a range runs from its low end to its high"
        checker.add(path, number, "value_high", message)


def check_kind(checker: Checker, path: Path, number: int, row: dict, declared_units: list[str]) -> None:
    """A part or a share has of; a per_unit figure has per, a unit of this ledger; other kinds neither."""
    kind, of, per = row.get("kind", ""), row.get("of", ""), row.get("per", "")
    if kind in OF_KINDS and not of:
        message = f"a {kind} names what it is a {kind} of: the claim_id of the whole, or a quantity of this ledger"
        checker.add(path, number, "of", message)
    elif kind and kind not in OF_KINDS and of:
        checker.add(
            path, number, "of", f"only a part or a share names what it is of; empty of, or set kind (not {kind})"
        )
    if kind == PER_KIND and not per:
        checker.add(path, number, "per", "a per_unit figure names the unit it is per (like crews)")
    elif kind and kind != PER_KIND and per:
        checker.add(path, number, "per", f"only a per_unit figure has per; empty per, or set kind (not {kind})")
    elif per and per == per.strip() and per not in declared_units:
        units = ", ".join(declared_units)
        checker.add(
            path, number, "per", f"{per!r} is not a unit of this ledger ({units}); declare it or use one of them"
        )


def check_of(checker: Checker, path: Path, number: int, row: dict, ids: set[str], quantities: set[str]) -> None:
    """What a part or a share belongs to is a claim_id or a quantity of this ledger, and not the claim itself."""
    kind, of = row.get("kind", ""), row.get("of", "")
    if kind not in OF_KINDS or not of or of != of.strip():
        return
    if of == row.get("claim_id"):
        checker.add(path, number, "of", f"{of!r} is this claim itself; of names the whole this {kind} belongs to")
    elif of not in ids and of not in quantities:
        checker.add(path, number, "of", f"{of!r} is not a claim_id or a quantity in {path.name}; check the spelling")


def check_time(checker: Checker, path: Path, number: int, row: dict, published: date | None) -> None:
    """When is an ISO 8601 period on the calendar, not after publication unless a deadline or forecast."""
    when, written, kind = row.get("when", ""), row.get("when_written", ""), row.get("when_kind", "")
    if kind in KIT_ENUMS["claims"]["when_kind"] and not when and not written:
        checker.add(path, number, "when_kind", f"a {kind} needs its time: the words in when_written, the date in when")
    if not when or when != when.strip():
        if written and not when and published is not None:
            message = f"{written!r} is not resolved; write the date or period it means in when (published {published})"
            checker.add(path, number, "when", message, "warning")
        return
    try:
        start, _ = dates.period(when)
    except ValueError as error:
        checker.add(path, number, "when", str(error))
        return
    if published is not None and start > published and kind not in AHEAD:
        message = (
            f"{when!r} begins after the article was published ({published}); "
            "only a deadline or a forecast lies ahead: set when_kind, or check the date"
        )
        checker.add(path, number, "when", message)
