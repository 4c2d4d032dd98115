"""Parts and shares against their wholes, across the claims: no cycle of parts, no whole of zero.

A part names its whole in ``of``: a claim, or a quantity whose level estimates are its wholes (as
``kit.analysis.shares`` reads it). A cycle (A a part of B, B a part of A) has no whole at all, and the pages
would print a share of thousands of percent; a whole of zero makes every share undefined, and the page would
drop the part without a word. Both are errors on the part's line, naming the claims.
"""

from __future__ import annotations

import math

from kit.ledger.cells import PLAIN_NUMBER
from kit.ledger.lines import Table
from kit.ledger.model import OF_KINDS
from kit.ledger.problems import Checker


def check_wholes(checker: Checker, claims: Table, ids: set[str]) -> None:
    """Every cycle of parts once, on its first claim's line; every part whose whole is zero."""
    lines = {row.get("claim_id", ""): number for number, row in claims.rows}
    for cycle in _cycles(_edges(claims, ids)):
        first = min(cycle, key=lambda claim: lines.get(claim, 0))
        at = cycle.index(first)
        chain = " -> ".join(repr(claim) for claim in cycle[at:] + cycle[:at] + [first])
        message = f"the parts form a cycle ({chain}): a whole cannot be a part of its own part; check of"
        checker.add(claims.path, lines[first], "of", message)
    _check_zero_wholes(checker, claims, ids)


def _edges(claims: Table, ids: set[str]) -> dict[str, list[str]]:
    """Each part or share -> the claim it names as its whole.

    A quantity named in ``of`` is no edge: its wholes are its levels, which are parts of nothing (and a share
    of its own quantity, such as the share of a plan fulfilled, is sound)."""
    edges: dict[str, list[str]] = {}
    for _, row in claims.rows:
        claim, of = row.get("claim_id", ""), row.get("of", "")
        if row.get("kind") in OF_KINDS and claim and of in ids and of != claim:  # itself: claim_rules.check_of
            edges.setdefault(claim, []).append(of)
    return edges


def _cycles(edges: dict[str, list[str]]) -> list[list[str]]:
    """One cycle for each back edge a depth-first walk meets, in a stable order: linear in the edges."""
    state: dict[str, int] = {}  # 1 on the walk's path, 2 done
    found: list[list[str]] = []
    for start in sorted(edges):
        if start in state:
            continue
        path, stack = [start], [iter(sorted(edges.get(start, ())))]
        state[start] = 1
        while stack:
            step = next(stack[-1], None)
            if step is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(step) == 1:
                found.append(path[path.index(step) :])
            elif step not in state:
                state[step] = 1
                path.append(step)
                stack.append(iter(sorted(edges.get(step, ()))))
    return found


def number_in(cell: str) -> float | None:
    """A cell's finite plain number, or None: the value a rule judges (a malformed one is reported elsewhere)."""
    return float(cell) if PLAIN_NUMBER.fullmatch(cell) and math.isfinite(float(cell)) else None


def _check_zero_wholes(checker: Checker, claims: Table, ids: set[str]) -> None:
    """A part of a claim of zero, or of a quantity whose every level in its unit is zero, has no share to show."""
    by_id = {row.get("claim_id", ""): row for _, row in claims.rows}
    levels: dict[tuple[str, str], list[tuple[str, float | None]]] = {}
    for _, row in claims.rows:
        if row.get("kind") == "level" and row.get("quantity"):
            key = (row["quantity"], row.get("unit", ""))
            levels.setdefault(key, []).append((row.get("claim_id", ""), number_in(row.get("value", ""))))
    for number, row in claims.rows:
        of = row.get("of", "")
        if row.get("kind") != "part" or not of or of == row.get("claim_id"):
            continue
        if of in ids:
            if number_in(by_id[of].get("value", "")) == 0:
                message = f"its whole {of!r} is 0, so no share of it can be stated; check the value or of"
                checker.add(claims.path, number, "of", message)
            continue
        wholes = levels.get((of, row.get("unit", "")), [])
        if wholes and all(value == 0 for _, value in wholes):
            named = ", ".join(repr(claim) for claim, _ in wholes[:5]) + (", ..." if len(wholes) > 5 else "")
            message = f"every level of its whole {of!r} is 0 ({named}), so no share of it can be stated"
            checker.add(claims.path, number, "of", message)
