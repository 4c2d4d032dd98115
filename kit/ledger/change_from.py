"""Changes the article states: a figure it sets against an earlier one ("9,000 to 9,500 this week, up from about
8,000 in September") names that earlier claim in the optional ``change_from`` column, and the link must hold before
the kit checks the move; a rise or a fall it states without a size ("Numbers have risen") leaves ``value`` empty.

Why: the kit checks the stated direction ("up from": a rise) against the intervals of the two figures
(kit.analysis.changes). That check means something only when both are figures of one quantity, one unit and one
kind followed over time, the earlier one is not dated after the later, and the article's words state the direction
(kit/vocab/changes.csv). Each broken link is an error naming the line, the column and what to write.
"""

from __future__ import annotations

from pathlib import Path

from kit import vocab
from kit.figures import parse_range, read_figure
from kit.ledger import dates
from kit.ledger.lines import Table
from kit.ledger.problems import Checker

#: The kinds that may change from an earlier figure: those followed over time (kinds.csv, over_time).
CHANGING_KINDS = vocab.kinds_where(over_time=True)
#: The kinds that are a change (kinds.csv: a sign), the only ones whose size the article may leave unsaid.
CHANGE_KINDS = vocab.kinds_where(change=True)


def check_sizeless(checker: Checker, path: Path, number: int, row: dict, value_required: bool) -> bool:
    """A claim with an empty ``value``: only a rise or a fall the article states without a size ("Numbers have
    risen") may be one, with ``as_written`` the words that state it, not a figure, and no high end (its bound is
    checked against the quote like any other: no hedge, exact). True when the row is such a change."""
    kind, written = row.get("kind", ""), row.get("as_written", "")
    if kind not in CHANGE_KINDS:
        if not value_required:  # a ledger that requires value has the schema's message already
            message = "value is required; only a rise or a fall the article states without a size leaves it empty"
            checker.add(path, number, "value", message)
        return False
    if written and (read_figure(written) is not None or parse_range(written) is not None):
        checker.add(path, number, "value", f"{written!r} is a figure: write it in value (the size of the {kind})")
    if row.get("value_high", ""):
        checker.add(path, number, "value_high", f"a {kind} stated without a size has no high end; empty value_high")
    return True


def _start(when: str) -> object | None:
    """The first day a ``when`` covers, or None when it is empty or not a period (check_time says so)."""
    try:
        return dates.period(when)[0] if when else None
    except ValueError:
        return None


def check_changes(checker: Checker, claims: Table) -> None:
    """Every ``change_from`` names another claim of the same quantity, unit and kind, not dated after this one,
    and one of the two quotes states the direction."""
    rows = {row.get("claim_id", ""): (number, row) for number, row in claims.rows}
    for number, row in claims.rows:
        named = (row.get("change_from") or "").strip()
        if named:
            problem = _problem(row, named, rows)
            if problem:
                checker.add(Path(claims.path), number, "change_from", problem)


def _problem(row: dict, named: str, rows: dict[str, tuple[int, dict]]) -> str | None:
    """What is wrong with one link, or None when it holds."""
    kind = row.get("kind", "")
    if named == row.get("claim_id"):
        return f"{named!r} is this claim itself; change_from names the claim of the earlier figure"
    if named not in rows:
        return f"{named!r} is not a claim_id in claims.csv; name the claim of the earlier figure, or empty change_from"
    if not kind:
        return None  # the empty kind has its own message ("value is required"); "not a ;" said nothing
    if kind not in CHANGING_KINDS:
        kinds = " or ".join(CHANGING_KINDS)
        return f"only a {kinds} changes from an earlier figure, not a {kind}; empty change_from, or set kind"
    line, start = rows[named]
    there = f"{named!r} (line {line})"
    for column, what in (("quantity", "quantity"), ("unit", "unit"), ("kind", "kind"), ("period", "period")):
        mine, theirs = row.get(column, "") or "", start.get(column, "") or ""
        if mine != theirs:
            return (
                f"{there} has {what} {theirs!r}, this claim {mine!r}; a change runs between two figures of one "
                f"{what}: name a claim of {what} {mine!r}"
            )
    begins, before = _start(row.get("when", "")), _start(start.get("when", ""))
    if begins is not None and before is not None and before > begins:
        return (
            f"{there} applies from {start['when']}, after this claim ({row['when']}); change_from names the earlier "
            "figure, on the claim of the later one"
        )
    tied = (start.get("as_written", "") or "", row.get("as_written", "") or "")
    if all(vocab.stated_change(quote or "", *tied) is None for quote in (row.get("quote"), start.get("quote"))):
        phrases = ", ".join(f"'{phrase}'" for phrase in list(vocab.change_words())[:2])
        quotes = (row.get("quote") or "", start.get("quote") or "")
        loose = [found for found in map(vocab.stated_change, quotes) if found]  # words there, tied to neither figure
        if loose:
            return (
                f"{loose[0][0]!r} is in the quotes but not tied to {tied[0]!r} or {tied[1]!r}: the kit reads a change "
                "phrase only a few words before the figure it leads to (kit/data/README.md, change_from); quote the "
                "words that tie them, or empty change_from"
            )
        return (
            f"neither this claim's quote nor that of {there} states the direction in words the kit reads ({phrases}, "
            "...: kit/vocab/changes.csv); quote the article's words that state it, or empty change_from"
        )
    return None
