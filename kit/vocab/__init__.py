"""The kit's one registry of bounds and vague amounts, read from the tables beside this module.

Why a registry: a bound is one idea with many faces (the hedge words that give it, the interval it allows, how a
sentence writes it, how a chart draws it, what the legend says). Kept as one row of ``bounds.csv`` they cannot drift
apart; the ledger model, the analysis, the words and the marks all read from here, and adding a bound is one row
plus its tests. ``hedges.csv`` (phrases to bounds) and ``vague.csv`` (vague amounts to intervals) are the words;
``changes.csv`` the words that state a change from a starting level ("up from": a rise).

Columns of ``bounds.csv``: ``bound`` (the value of the claims column), ``interval`` (the rule
:func:`kit.analysis.bounds.interval` applies), ``ends`` (1, or 2 for bounds with ``value_high``), ``words`` (what a
sentence writes before the figure), ``drawn`` (the mark in words, for the narrative), ``mark`` (the key of the mark
and of its legend entry), ``glyph`` (what the chart draws), ``legend`` (the legend entry; ``{tolerance}`` is the
reading of "about" in words) and ``coarser`` (a wider bound the validator still accepts for the same words, so an
older ledger stays valid; ``kit migrate`` upgrades it).

This module is the foundation, like :mod:`kit.figures`: any layer may import it, and it imports no layer.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

VOCAB_DIR = Path(__file__).parent
BOUNDS_FILE = VOCAB_DIR / "bounds.csv"
VAGUE_FILE = VOCAB_DIR / "vague.csv"
KINDS_FILE = VOCAB_DIR / "kinds.csv"
STATUSES_FILE = VOCAB_DIR / "statuses.csv"
PERIODS_FILE = VOCAB_DIR / "periods.csv"
WORD_COUNTS_FILE = VOCAB_DIR / "word_counts.csv"
CHANGES_FILE = VOCAB_DIR / "changes.csv"
#: The interval rules :func:`kit.analysis.bounds.interval` knows; a row naming another is an error at import.
INTERVAL_RULES = (
    "rounding", "tolerance", "floor", "floor_open", "ceiling", "ceiling_open", "below", "ends", "ends_widened"
)  # fmt: skip
#: The glyphs :mod:`kit.report.marks` draws.
GLYPHS = ("dot", "bar", "whisker", "arrow_up", "arrow_down", "segment", "segment_whisker", "hatched_segment")
#: Scale words that may follow a vague amount ("several hundred", "a couple thousand").
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


@dataclass(frozen=True)
class Bound:
    """One row of the registry: everything the kit does with one bound."""

    bound: str
    interval: str
    ends: int
    words: str
    drawn: str
    mark: str
    glyph: str
    legend: str
    coarser: str

    @property
    def worded(self) -> bool:
        """A vague amount ("dozens"): its words are the figure, and its ends only the kit's reading of them."""
        return self.mark == "vague_bar"

    @property
    def short(self) -> str:
        """The bound in a few words, for a table's cell: its legend before the parenthesis ("as stated", "at least",
        "a range"); never the registry's key, so an unqualified figure does not read as "exact"."""
        return self.legend.split(" (")[0]

    @property
    def ranged(self) -> bool:
        """Whether a claim of this bound carries a high end in ``value_high``."""
        return self.ends == 2


@cache
def bounds() -> dict[str, Bound]:
    """Every bound, in the registry's order, read once from bounds.csv and checked."""
    with BOUNDS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = [Bound(**{**row, "ends": int(row["ends"])}) for row in csv.DictReader(handle)]
    found = {row.bound: row for row in rows}
    for row in rows:
        if row.interval not in INTERVAL_RULES or row.glyph not in GLYPHS or row.ends not in (1, 2):
            raise ValueError(f"{BOUNDS_FILE}: bound {row.bound!r}: unknown interval rule, glyph or ends")
        if row.coarser and row.coarser not in found:
            raise ValueError(f"{BOUNDS_FILE}: bound {row.bound!r}: coarser bound {row.coarser!r} is not a bound")
    return found


def names() -> tuple[str, ...]:
    """The bound values a claim may carry, in the registry's order."""
    return tuple(bounds())


def ranged() -> tuple[str, ...]:
    """The bounds whose claims carry a high end (a range, a hedged range, a vague amount)."""
    return tuple(name for name, row in bounds().items() if row.ranged)


def accepted(bound: str) -> frozenset[str]:
    """The bounds the validator accepts where the words mean ``bound``: itself and its coarser reading."""
    row = bounds().get(bound)
    return frozenset({bound, row.coarser} - {""}) if row else frozenset({bound})


@dataclass(frozen=True)
class Kind:
    """One row of ``kinds.csv``: what a kind of figure is and the rules the kit applies to it.

    ``names`` is the column the figure names what it belongs to in (``of``, ``per`` or none); ``change`` is +1
    or -1 for a change (its sign when set against levels), 0 otherwise; ``over_time`` says whether a chart over
    time and the tracker follow it; ``one`` and ``many`` name figures of the kind in a count ("2 parts of a whole")."""

    kind: str
    names: str
    change: int
    over_time: bool
    one: str
    many: str
    meaning: str


@cache
def kinds() -> dict[str, Kind]:
    """Every kind of figure, in the registry's order, read once from kinds.csv."""
    with KINDS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = [
            Kind(
                row["kind"],
                row["names"],
                int(row["change"]),
                row["over_time"] == "yes",
                row["one"],
                row["many"],
                row["meaning"],
            )
            for row in csv.DictReader(handle)
        ]
    return {row.kind: row for row in rows}


def counted(count: int, row: Kind | Status) -> str:
    """A count of figures of one kind or status in words: "1 forecast", "2 parts of a whole"."""
    return f"{count:,} {row.one if count == 1 else row.many}"


def kinds_where(**rule: object) -> tuple[str, ...]:
    """The kinds whose registry fields equal ``rule`` (``names="of"``, ``over_time=True``), in order; for a
    change, ``change=True`` means any non-zero sign."""
    found = []
    for name, row in kinds().items():
        values = {"names": row.names, "change": row.change != 0, "over_time": row.over_time}
        if all(values[key] == wanted for key, wanted in rule.items()):
            found.append(name)
    return tuple(found)


@dataclass(frozen=True)
class Status:
    """One row of ``statuses.csv``: what a source does with a figure (states it, asks for it, pledges it...).

    ``estimate`` says whether the figure is an estimate of what is, drawn, counted and reconciled (only a figure
    stated as fact is); ``retracts`` whether a report of the figure with this status takes back every report of
    the same statement (a figure withdrawn in a later article is withdrawn in the earlier one too); ``words`` is what
    a sentence writes before the figure ("a request for"), ``label`` the status in a table ("a request"), ``one`` and
    ``many`` figures of the status in a count ("2 forecasts")."""

    status: str
    estimate: bool
    retracts: bool
    words: str
    label: str
    one: str
    many: str
    meaning: str


#: The status of a claim whose status cell is empty or whose ledger declares no status column.
STATED = "stated"


@cache
def statuses() -> dict[str, Status]:
    """Every status a claim may carry, in the registry's order, read once from statuses.csv."""
    with STATUSES_FILE.open(encoding="utf-8", newline="") as handle:
        rows = [
            Status(**{**row, "estimate": row["estimate"] == "yes", "retracts": row["retracts"] == "yes"})
            for row in csv.DictReader(handle)
        ]
    found = {row.status: row for row in rows}
    if STATED not in found or not found[STATED].estimate or found[STATED].words:
        raise ValueError(f"{STATUSES_FILE}: {STATED!r} must be a row, an estimate, with no words")
    return found


def status_of(cell: object) -> str:
    """A status cell as the kit reads it: an empty or missing cell is ``stated``."""
    return cell if isinstance(cell, str) and cell else STATED


@cache
def periods() -> dict[str, str]:
    """Each period a rate may be per (``period`` column: "month") and its words after the figure ("a month")."""
    with PERIODS_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["period"]: row["words"] for row in csv.DictReader(handle)}


@cache
def change_words() -> dict[str, str]:
    """Each phrase that states a change from a starting level ("up from") and the kind of change it states (a
    change kind of kinds.csv: rise or fall), read once from changes.csv."""
    with CHANGES_FILE.open(encoding="utf-8", newline="") as handle:
        found = {" ".join(row["phrase"].lower().split()): row["kind"] for row in csv.DictReader(handle)}
    for phrase, kind in found.items():
        if kind not in kinds() or kinds()[kind].change == 0:
            raise ValueError(f"{CHANGES_FILE}: {phrase!r}: {kind!r} is not a change kind of kinds.csv")
    return found


def stated_change(text: str, start: str = "", end: str = "") -> tuple[str, str] | None:
    """The change a text states from a starting level: its phrase as the text writes it ("up from") and the kind
    it states (rise or fall); None when the text states none, or states both ways (the words do not say which).

    Given the two figures as written (``start``, ``end``), only words tied to them count: a phrase that leads to
    the earlier figure ("up from about 8,000", "higher than") just before ``start``, one that leads to the later
    figure ("risen to 272", "rose 18% to 9.6 billion") just before ``end``, a few words between at most. "has
    risen to 272" states 272's own rise, never a move from 272 to a later figure."""
    found = []
    for phrase, kind in change_words().items():
        words = [re.escape(word) for word in phrase.split()]
        if phrase.endswith(" to"):  # "rose 18% to 9.6 billion": the size, or a date, may stand before "to"
            words[-1] = r"(?:\S+\s+){0,3}?to"
        pattern = r"\b" + r"\s+".join(words) + r"\b"
        tied = end if phrase.endswith(" to") else start
        if start or end:  # the phrase, up to four words, then the figure it leads to
            if not tied:
                continue
            pattern += r"(?=(?:\s+\S+){0,4}?\s+" + re.escape(tied) + r"(?!\w))"
        found += [(match.start(), match.group(0), kind) for match in re.finditer(pattern, text, re.IGNORECASE)]
    if len({kind for *_, kind in found}) != 1:
        return None
    _, written, kind = min(found)
    return written, kind


@cache
def vague_amounts() -> dict[str, tuple[float, float]]:
    """Each vague amount's phrase and the interval the kit reads it as ("several" 3 to 9), from vague.csv."""
    with VAGUE_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["phrase"].lower(): (float(row["low"]), float(row["high"])) for row in csv.DictReader(handle)}


def vague_interval(text: str) -> tuple[float, float] | None:
    """The interval a vague amount as written allows, or None when the text is not one.

    The phrase (longest first) may be followed by one scale word: "several hundred" is 300 to 900, "a couple
    thousand" 2,000 to 3,000, "dozens" 24 to 99.
    """
    words = " ".join(text.lower().split())
    for pattern, (low, high) in _vague_patterns():
        match = pattern.fullmatch(words)
        if match:
            scale = SCALES.get(match["scale"] or "", 1)
            return (low * scale, high * scale)
    return None


@cache
def _vague_patterns() -> list[tuple[re.Pattern[str], tuple[float, float]]]:
    """Each vague amount's pattern (longest phrase first) and interval, compiled once: every claim asks."""
    amounts = vague_amounts()
    return [
        (re.compile(rf"{re.escape(phrase)}(?:\s+(?P<scale>{'|'.join(SCALES)}))?"), amounts[phrase])
        for phrase in sorted(amounts, key=len, reverse=True)
    ]


@cache
def word_count_units() -> frozenset[str]:
    """Units whose whole counts below thirteen are written in words ("four"), from word_counts.csv: house style,
    data rather than code, so no unit of one article is named in the kit's code."""
    with WORD_COUNTS_FILE.open(encoding="utf-8", newline="") as handle:
        return frozenset(row["unit"] for row in csv.DictReader(handle))
