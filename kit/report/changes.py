"""A change the article states from an earlier figure ("up from about 8,000 in September"), written in the
article's words with the kit's check (kit.analysis.changes), on the over-time page and the tracker.

The rule, one per verdict: the figures show the rise (or fall) when every value the later figure allows lies above
(below) every value the earlier one allows; they do not show it when the two intervals overlap; they contradict it
when the later lies wholly on the other side. The article's words are quoted as printed; the kit writes no size of
the change, since the article states none. A rise or a fall the article states without a size ("Numbers have
risen") is written in its words alone, with the same check where levels stand at both ends of its period.
"""

from __future__ import annotations

import pandas as pd

from kit import vocab
from kit.analysis import changes
from kit.report.markdown import cite, derived, escape_markdown, figure, who
from kit.report.words import allowed_words, date_words, upper_first


def check_clause(stated: str, verdict: str) -> str:
    """The check of a stated change in words: "the figures show the rise", "... do not show the stated rise",
    "... contradict the stated rise"."""
    return {
        changes.SHOWN: f"the figures show the {stated}",
        changes.NOT_SHOWN: f"the figures do not show the stated {stated}",
        changes.CONTRADICTED: f"the figures contradict the stated {stated}",
    }[verdict]


def _values(low: float, high: float, unit: str) -> str:
    """The values an interval allows, as the kit's arithmetic; an open end stays open ("more than 60", never "at
    least 60": kit.report.words.allowed_words)."""
    return allowed_words(low, high, lambda end: derived(end, unit))


def _quotes(*rows: pd.Series) -> str:
    """The quotes of the claims, each once, in the article's words."""
    said = list(dict.fromkeys(str(row["quote"]) for row in rows))
    return " and ".join(f"\u201c{escape_markdown(quote)}\u201d" for quote in said)


def sentence(change, later: pd.Series, earlier: pd.Series) -> str:
    """One stated change (a row of kit.analysis.stated_changes) for a page of one article: who states it, the
    article's words, and what the two figures' intervals show, with the values each allows."""
    unit, then, before = str(later["unit"]), _dated(later), _dated(earlier)
    values = (
        f"the values each allows are {_values(change.low, change.high, unit)} against "
        f"{_values(change.start_low, change.start_high, unit)} (the kit's reading of the bounds)"
    )
    if change.verdict == changes.NOT_SHOWN:
        found = f"{then} and {before} overlap: {values}"
    else:
        side = "above" if change.direction == changes.HIGHER else "below"
        found = f"{then} lies wholly {side} {before}: {values}"
    check = check_clause(change.stated, change.verdict)
    return (
        f"{upper_first(who(later))} states a {change.stated}, in the article's words: {_quotes(later, earlier)}. "
        f"{upper_first(check)}: {found}."
    )


def clause(move) -> str:
    """A tracker move's stated change (kit.analysis.tracker.moves) as a sentence to follow it; "" when the
    article states none."""
    if not move.stated:
        return ""
    said = f"\u201c{escape_markdown(move.stated_quote)}\u201d"
    return f" The article says {said}: {check_clause(move.stated, move.stated_verdict)}."


def unchecked(said: str, change: pd.Series) -> str:
    """A stated change no two levels check, naming the two days a level would need ("2023 and 2 October 2026"): a
    page lists levels of other periods just above ("1 January 2026 to 2 October 2026"), and "no level" alone would
    read as if it listed none."""
    when = str(change.get("when") or "")
    ends = [escape_markdown(date_words(end)) for end in when.split("/")] if "/" in when else []
    dated = f" dated at both ends of its period ({ends[0]} and {ends[1]})" if len(ends) == 2 else ""
    return f"{said} has no level{dated or ' at both ends of its period'} to check it against."


def _dated(row: pd.Series) -> str:
    return f"{figure(row, with_unit=True)} ({escape_markdown(date_words(str(row.get('when') or '')))})"


def sizeless(check, change: pd.Series, first: pd.Series | None, last: pd.Series | None) -> str:
    """A rise or a fall stated without a size (a row of kit.analysis.change_checks), in the article's words: its
    quote, never a figure; then the direction the levels at both ends of its period show, or that none stand
    there to check it."""
    said = (
        f"{'A rise' if vocab.kinds()[str(change['kind'])].change > 0 else 'A fall'} with no size given, in the "
        f"article's words \u201c{escape_markdown(change['quote'])}\u201d{cite(change['claim_id'])}"
    )
    if first is None or last is None:
        return unchecked(f"{said},", change)
    clause = check_clause(str(change["kind"]), check.verdict)
    if check.verdict == changes.NOT_SHOWN:
        return f"{said}: {clause}: {_dated(last)} and {_dated(first)} overlap."
    above = (check.verdict == changes.SHOWN) == (vocab.kinds()[str(change["kind"])].change > 0)
    return f"{said}: {clause}: {_dated(last)} lies wholly {'above' if above else 'below'} {_dated(first)}."
