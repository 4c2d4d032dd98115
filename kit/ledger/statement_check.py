"""Claims the curator merges as one statement (the ``statement`` column) must allow a common value.

Why: a statement's reading is the interval its claims allow (kit.analysis.statements); claims whose intervals
share no value cannot be one statement (the headline's "10,000" and a body's "up to 8,000" say different things),
so merging them is an error that names both lines, never a reading chosen silently.
"""

from __future__ import annotations

import math
from pathlib import Path

from kit import vocab
from kit.ledger.cells import PLAIN_NUMBER
from kit.ledger.lines import Table
from kit.ledger.problems import Checker, Problem
from kit.ledger.text import bounded
from kit.paths import shown
from kit.vocab.intervals import interval


def _span(row: dict, whole: frozenset[str]) -> tuple[float, float] | None:
    """The interval one row allows, or None when its figure or bound is not readable (other checks say so)."""
    value, high, bound = row.get("value", ""), row.get("value_high", ""), row.get("bound", "")
    if not PLAIN_NUMBER.fullmatch(value) or bound not in vocab.bounds():
        return None
    ranged = vocab.bounds()[bound].ranged
    if ranged and not PLAIN_NUMBER.fullmatch(high):
        return None
    try:
        low_end, high_end = interval(
            float(value),
            bound,
            high=float(high) if ranged else None,
            unit=row.get("unit", ""),
            written=row.get("as_written", ""),
            whole=row.get("unit", "") in whole,
        )
    except ValueError:
        return None
    return None if math.isnan(low_end) or math.isnan(high_end) else (low_end, high_end)


def check_statements(checker: Checker, claims: Table, whole: frozenset[str]) -> None:
    """Every two claims with the same ``statement`` allow a common value; otherwise an error on the later line.
    ``whole``: the units the package declares whole (counts; kit.ledger.declarations.whole_units)."""
    merged: dict[str, list[tuple[int, dict, tuple[float, float]]]] = {}
    for number, row in claims.rows:
        statement = (row.get("statement") or "").strip()
        span = _span(row, whole) if statement else None
        if span is None:
            continue
        for other_number, other, other_span in merged.get(statement, []):
            if max(span[0], other_span[0]) > min(span[1], other_span[1]):
                checker.add(
                    Path(claims.path),
                    number,
                    "statement",
                    f"{row.get('claim_id', '')!r} and {other.get('claim_id', '')!r} (line {other_number}) are merged "
                    f"as statement {statement!r}, but {row.get('as_written', '')!r} ({row.get('bound', '')}) and "
                    f"{other.get('as_written', '')!r} ({other.get('bound', '')}) allow no common value; give them "
                    "different statement ids",
                )
        merged.setdefault(statement, []).append((number, row, span))


def check_across(ledgers: list[tuple[Table, frozenset[str]]]) -> list[tuple[int, Problem]]:
    """Claims of different ledgers of a story that share a ``statement`` id must allow a common value too (an id is
    one statement "in one article or several": kit/data/README.md). Each ledger is (its claims table, the units its
    package declares whole), in the story's order; each problem comes with the position of the ledger it is in, the
    later one, so a story can leave that article out (kit.ledger.corpus) rather than read two figures as one."""
    merged: dict[str, list[tuple[int, int, dict, tuple[float, float], Path]]] = {}
    found: list[tuple[int, Problem]] = []
    for position, (claims, whole) in enumerate(ledgers):
        for number, row in claims.rows:
            statement = (row.get("statement") or "").strip()
            span = _span(row, whole) if statement else None
            if span is None:
                continue
            for other_position, other_number, other, other_span, other_path in merged.get(statement, []):
                if other_position != position and max(span[0], other_span[0]) > min(span[1], other_span[1]):
                    said = f"{row.get('as_written', '')!r} ({row.get('bound', '')})"
                    other_said = f"{other.get('as_written', '')!r} ({other.get('bound', '')})"
                    message = (
                        f"{row.get('claim_id', '')!r} and {other.get('claim_id', '')!r} ({other_path.parent.name}/"
                        f"{other_path.name}:{other_number}) share statement id {statement!r} across the story, but "
                        f"{said} and {other_said} allow no common value; an id is one statement in every article: "
                        "give them different statement ids"
                    )
                    found.append((position, Problem(shown(Path(claims.path)), number, "statement", bounded(message))))
                    break
            merged.setdefault(statement, []).append((position, number, row, span, Path(claims.path)))
    return found
