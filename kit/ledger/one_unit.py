"""One quantity, one unit: the claims of one quantity and kind are counted in one unit.

Why: the pages set the figures of one quantity against each other as numbers. A quantity with "39 thousand-people"
beside "about 40,000 people" was reconciled as "between 36,000 and 44,000 thousand people", and drawn with one of
them left off its chart; "€12 million" beside "$13 million" would be compared as 12 against 13 million. So a second
unit in one quantity is an error on its line, naming the first. A change (a rise or a fall, kit/vocab/kinds.csv)
may be stated in percent as well as in the quantity's own unit ("up 12%", "up by 300").
"""

from __future__ import annotations

from kit import vocab
from kit.ledger.lines import Table
from kit.ledger.problems import Checker


def check_one_unit(checker: Checker, claims: Table) -> None:
    """Each claim in another unit than the one most claims of its quantity and kind are in (the first, on a tie), on
    its own line, naming that unit and its first line."""
    lines: dict[tuple[str, str, bool], dict[str, list[int]]] = {}
    for number, row in claims.rows:
        quantity, kind, unit = row.get("quantity", ""), row.get("kind", ""), row.get("unit", "")
        if not (quantity and kind and unit):  # an empty cell is the schema's error; nothing to compare here
            continue
        change = kind in vocab.kinds() and vocab.kinds()[kind].change != 0
        key = (quantity, kind, change and unit == "percent")  # a change in percent is apart from one in units
        lines.setdefault(key, {}).setdefault(unit, []).append(number)
    for (quantity, kind, _), units in lines.items():
        main = max(units, key=lambda unit: len(units[unit]))  # the first of the most common, as dicts keep order
        for unit, numbers in units.items():
            for number in numbers if unit != main else ():
                message = (
                    f"quantity {quantity!r} ({kind}) is counted in {main} (line {units[main][0]}) and in {unit} here: "
                    "one quantity is counted in one unit, or the pages would set the figures against each other as "
                    f"numbers; write this figure in {main}, or give it a quantity of its own"
                )
                checker.add(claims.path, number, "unit", message)
