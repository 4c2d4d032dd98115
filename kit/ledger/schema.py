"""The Table Schema rules of ``datapackage.json``, applied to the rows of the tables.

Types, ``required``, ``unique``, ``enum``, ``minimum``/``maximum``, ``pattern``, the primary key and the
foreign keys are all read from the data package, never restated here: a ledger that adds a unit, a side or
a key to its own ``datapackage.json`` is checked by it at once, and any other Table Schema tool agrees.
"""

from __future__ import annotations

import math
from pathlib import Path

from kit.ledger.cells import PLAIN_INTEGER, PLAIN_NUMBER, QUOTE_MARKS, not_a_number, suspicious
from kit.ledger.datapackage import ForeignKey, foreign_keys, primary_key
from kit.ledger.lines import Table
from kit.ledger.model import KIT_ENUMS
from kit.ledger.patterns import SLUG, full_match, pattern_error, shorten
from kit.ledger.problems import Checker
from kit.ledger.quotes import ARTICLE_COLUMNS
from kit.paths import shown

_INT64 = 2**63


def check_fields(checker: Checker, table: Table) -> None:
    """Every cell of a table against its field's type and constraints, one problem per bad cell."""
    from_article = ARTICLE_COLUMNS.get(table.name, ())
    for spec in table.fields:
        name = spec["name"]
        rules = spec.get("constraints", {})
        firsts: dict[str, tuple[int, str]] = {}
        plain = _printable("".join(row.get(name, "") for _, row in table.rows))
        kind = spec.get("type", "string")
        valued = kind != "string" or "enum" in rules or "pattern" in rules  # else check_value has nothing to check
        for number, row in table.rows:
            if name not in row:
                continue
            cell = row[name]
            if cell == "":
                if rules.get("required"):
                    checker.add(table.path, number, name, "value is required")
                continue
            odd = None if plain else suspicious(cell)
            if odd and name not in from_article:
                checker.add(table.path, number, name, f"{cell!r} contains {odd}")
                continue
            if cell != cell.strip():
                checker.add(table.path, number, name, f"{cell!r} has leading or trailing spaces; delete them")
                continue
            if valued:
                check_value(checker, table.path, number, name, cell, kind, rules)
            if rules.get("unique"):
                key = cell.lower()
                if key in firsts:
                    checker.add(table.path, number, name, _duplicate(cell, *firsts[key]))
                else:
                    firsts[key] = (number, cell)


def _printable(text: str) -> bool:
    """True when no cell of a column can hold a character ``suspicious`` names: all of them printable, no U+FFFD
    (one look at the column, where most columns need none per cell)."""
    return text.isprintable() and "\ufffd" not in text


def _duplicate(cell: str, first_line: int, first: str) -> str:
    """A repeated id; one differing only in case is named as such, since a reader would take the two for one."""
    if first == cell:
        return f"duplicate {cell!r} (first on line {first_line})"
    return (
        f"{cell!r} differs only in case from {first!r} on line {first_line}; "
        "use one spelling for one thing, or tell the two apart"
    )


def where_declared(path: Path, name: str) -> str:
    """Where a vocabulary is declared, so an error about it says which file and key to edit."""
    if path.name == "claims.csv" and name == "unit":
        return (
            "; a new unit goes under 'units' in datapackage.json, and into the claims field unit's "
            "constraints.enum where the ledger declares one"
        )
    if name in KIT_ENUMS.get(path.stem, {}):
        return ""  # the kit's own words (kind, bound...): a ledger cannot add to them
    return f"; the list is the constraints.enum of field {name!r} of {path.name} in datapackage.json"


def check_value(checker: Checker, path: Path, number: int, name: str, cell: str, kind: str, rules: dict) -> None:
    """One non-empty cell against its type, enum, pattern and range, with the fix in each message."""
    if kind == "number":
        if not PLAIN_NUMBER.fullmatch(cell):
            checker.add(path, number, name, not_a_number(cell))
            return
        if not math.isfinite(float(cell)):
            checker.add(path, number, name, f"{cell[:20]!r}... is too large a number; check the value")
            return
    elif kind == "integer":
        if not PLAIN_INTEGER.fullmatch(cell):
            checker.add(path, number, name, f"{cell!r} is not a whole number; write digits only")
            return
        if abs(int(cell)) >= _INT64:
            checker.add(path, number, name, f"{cell[:20]!r}... is too large a whole number; check the value")
            return
    if "enum" in rules and cell not in rules["enum"]:
        choices = ", ".join(rules["enum"])
        cased = [choice for choice in rules["enum"] if choice.lower() == cell.lower()]
        hint = f"; values are case-sensitive: write {cased[0]!r}" if cased else ""
        if cell in KIT_ENUMS.get(path.stem, {}).get(name, ()):  # the kit knows it; the ledger predates it
            hint += f"; {cell!r} is newer than this ledger: python -m kit migrate {shown(path.parent)} declares it"
        checker.add(path, number, name, f"{cell!r} is not one of: {choices}{hint}{where_declared(path, name)}")
    if "pattern" in rules and not pattern_error(rules["pattern"]) and not full_match(rules["pattern"], cell):
        message = (
            f"{cell!r} is not a valid id: use lowercase letters, digits and hyphens"
            if rules["pattern"] == SLUG
            else f"{shorten(cell)} does not match the pattern {shorten(rules['pattern'])}"
        )
        if QUOTE_MARKS & set(cell):
            message += " (delete the quotation marks)"
        checker.add(path, number, name, message)
    if kind in ("number", "integer"):
        value = float(cell)
        hint = " (are latitude and longitude swapped?)" if name in ("latitude", "longitude") else ""
        if "minimum" in rules and value < rules["minimum"]:
            checker.add(path, number, name, f"{cell} is below the minimum {rules['minimum']}{hint}")
        if "maximum" in rules and value > rules["maximum"]:
            checker.add(path, number, name, f"{cell} is above the maximum {rules['maximum']}{hint}")


def _key(row: dict[str, str], names: tuple[str, ...] | list[str]) -> tuple[str, ...] | None:
    """A row's cells of a key, or None when one is empty or padded (reported on its own, not as a key)."""
    cells = tuple(row.get(name, "") for name in names)
    return None if any(cell == "" or cell != cell.strip() for cell in cells) else cells


def _shown(cells: tuple[str, ...]) -> str:
    return repr(cells[0]) if len(cells) == 1 else "(" + ", ".join(map(repr, cells)) + ")"


def check_keys(checker: Checker, tables: dict[str, Table], resources: list[dict]) -> None:
    """The primary key of several fields is unique, and every foreign key of every table points at a row.

    A primary key of one field is checked as that field's ``required`` and ``unique``, cell by cell.
    """
    for resource in resources:
        table = tables.get(resource["name"])
        if table is None:
            continue
        primary = primary_key(resource)
        if len(primary) > 1:
            firsts: dict[tuple[str, ...], int] = {}
            for number, row in table.rows:
                cells = _key(row, primary)
                if cells is not None and cells in firsts:
                    message = f"duplicate primary key {_shown(cells)} (first on line {firsts[cells]})"
                    checker.add(table.path, number, primary[0], message)
                elif cells is not None:
                    firsts[cells] = number
        for key in foreign_keys(resource):
            _check_foreign_key(checker, table, tables.get(key.resource), key)


def _check_foreign_key(checker: Checker, table: Table, target: Table | None, key: ForeignKey) -> None:
    """Each row's key cells are a row of the referenced table; not judged when that table could not all be read."""
    if target is None or not target.complete:
        return
    known = {tuple(row.get(name) for name in key.reference) for _, row in target.rows}
    for number, row in table.rows:
        cells = _key(row, key.fields)
        if cells is not None and cells not in known:
            checker.add(table.path, number, key.fields[0], _dangling(cells, known, key.reference, target.path.name))


def _dangling(cells: tuple[str, ...], known: set[tuple], names: tuple[str, ...], table: str) -> str:
    """A reference to no row; one that differs from a row only in case says so, since ids are case-sensitive."""
    column = names[0] if len(names) == 1 else "(" + ", ".join(names) + ")"
    message = f"{_shown(cells)} is not a {column} in {table}"
    lowered = tuple(cell.lower() for cell in cells)
    cased = sorted(
        key for key in known if all(isinstance(c, str) for c in key) and tuple(c.lower() for c in key) == lowered
    )
    if cased:
        message += f"; ids are case-sensitive: write {_shown(cased[0])}"
    return message
