"""Checks of what a data package declares for the kit beyond Table Schema: the kit's own enums on a field, and a
field's ``includes`` and ``words`` (a ledger's stages: which stage's count includes which, and how each reads) and
``distances`` (a ledger's place roles: the distances its map and overview give); and each unit's rules under
``units``, ``group_of`` among them (a unit that counts groups of another, whose arithmetic the kit does).

Why apart from :mod:`kit.ledger.datapackage`: these are the kit's own declarations, one rule each, and each
message says what to write.
"""

from __future__ import annotations

from kit.ledger.cells import is_number
from kit.ledger.model import KIT_ENUMS


def whole_units(units: object) -> frozenset[str]:
    """The units a package declares whole (``"whole": true``): counts such as people or tents. A whole figure below
    1,000 of a count is read as stated, one of a measure (tonnes, degrees, euros) as rounded (kit.vocab.intervals)."""
    if not isinstance(units, dict):
        return frozenset()
    return frozenset(str(unit) for unit, rule in units.items() if isinstance(rule, dict) and rule.get("whole") is True)


def kit_enum_problem(table: str, name: str, rules: dict) -> str | None:
    """A field whose values the kit's code reads must declare an enum of those values."""
    values = KIT_ENUMS.get(table, {}).get(name)
    enum = rules.get("enum")
    if values and not (isinstance(enum, list) and enum and set(enum) <= set(values)):
        return f"the kit reads {name} as one of {', '.join(values)}; declare an enum of those values"
    return None


def declared_problems(spec: dict) -> list[tuple[str, str]]:
    """(key, message) for a field's ``includes`` and ``words`` that do not map values of its own enum."""
    rules = spec.get("constraints", {})
    values = set(rules.get("enum", [])) if isinstance(rules, dict) and isinstance(rules.get("enum"), list) else set()
    includes, words = spec.get("includes", {}), spec.get("words", {})
    found = []
    if not isinstance(includes, dict) or not all(
        key in values and isinstance(parts, list) and all(part in values - {key} for part in parts)
        for key, parts in includes.items()
    ):
        found.append(("includes", "includes must map a value of the field's enum to a list of its other values, "
                      "e.g. {\"registered\": [\"housed\"]}: a count of the first includes the others"))  # fmt: skip
    if not isinstance(words, dict) or not all(
        key in values and isinstance(text, str) and text.strip() for key, text in words.items()
    ):
        found.append(("words", "words must map a value of the field's enum to the words it reads as after a count, "
                      "e.g. {\"under_way\": \"under way\"}"))  # fmt: skip
    distances = spec.get("distances", {})
    if not isinstance(distances, dict) or (
        distances and (set(distances) != {"from", "to"} or not set(distances.values()) <= values)
    ):
        found.append(("distances", "distances must name two values of the field's enum, "
                      "e.g. {\"from\": \"shelter\", \"to\": \"river\"}"))  # fmt: skip
    return found


def unit_problems(unit: str, rule: dict, units: dict) -> list[tuple[str, str]]:
    """(key, message) for a unit's rules that the kit cannot apply: ``whole`` true or false, ``minimum`` and
    ``maximum`` numbers, ``group_of`` another unit of the ledger (its groups' members)."""
    found = [("whole", "must be true or false")] if "whole" in rule and not isinstance(rule["whole"], bool) else []
    found += [
        (key, "must be a finite number") for key in ("minimum", "maximum") if key in rule and not is_number(rule[key])
    ]
    if "group_of" in rule and rule["group_of"] not in [other for other in units if other != unit]:
        found.append(("group_of", "must name another unit under 'units'"))
    return found
