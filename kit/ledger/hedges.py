"""A claim's bound checked against the article's words: the hedge vocabulary and how a quote is read with it.

The vocabulary is data, not code: ``kit/vocab/hedges.csv`` maps the phrases that qualify a figure ("at least",
"as many as", "some", "or more") to the bound each allows, and a ledger may add its own with a ``hedges``
resource (same columns), whose rows replace the kit's rows of the same phrase and position.

The words right before the figure as written (and right after it) are matched against the vocabulary,
longest phrase first, case-insensitive; a currency sign and spaces between the phrase and the figure are not
words. A range as written ("1,800 to 2,100", "25-30", or "X and Y" after "between") is a range. No hedge
means exact: the article's word for an unqualified figure, which the analysis reads with its rounding.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from kit import vocab as registry
from kit.figures import parse_range
from kit.ledger.model import KIT_ENUMS
from kit.ledger.problems import Checker
from kit.paths import KIT_DIR

VOCABULARY_FILE = KIT_DIR / "vocab" / "hedges.csv"
#: (phrase, position) -> bound.
Vocabulary = dict[tuple[str, str], str]


@cache
def kit_vocabulary() -> Vocabulary:
    """The kit's hedge vocabulary, read once from kit/vocab/hedges.csv."""
    with VOCABULARY_FILE.open(encoding="utf-8", newline="") as handle:
        return {(row["phrase"].lower(), row["position"]): row["bound"] for row in csv.DictReader(handle)}


def vocabulary(own: list[dict[str, str]] | None = None) -> Vocabulary:
    """The kit's vocabulary extended by a ledger's own rows (phrase, bound, position); the ledger's rows win.

    A row whose bound or position is not one the kit reads is left out (the schema check reports it).
    """
    merged = dict(kit_vocabulary())
    for row in own or []:
        phrase = " ".join(row.get("phrase", "").lower().split())
        if phrase and row.get("position") in ("before", "after") and row.get("bound") in KIT_ENUMS["hedges"]["bound"]:
            merged[(phrase, row["position"])] = row["bound"]
    return merged


@dataclass(frozen=True)
class Reading:
    """What the words around a figure allow: the bounds, the words that say so, and each hedge found."""

    allowed: frozenset[str]
    words: str
    hedges: tuple[tuple[str, str], ...]  # (phrase as the quote prints it, bound)
    range_written: bool = False


def _figure_at(quote: str, written: str) -> int:
    """Where the figure as written stands in the quote: the first place not inside a longer number."""
    pattern = rf"(?<![\w.,]){re.escape(written)}(?!\w|[.,]\d)"
    match = re.search(pattern, quote)
    return match.start() if match else quote.find(written)


def _phrases(words: Vocabulary, position: str) -> tuple[list[tuple[str, str]], re.Pattern[str] | None]:
    """The phrases of one position, longest first, so 'no more than' wins over 'more than'; and one pattern that
    matches where any of them does (None for no phrase), so a figure without a hedge is one search, not one per
    phrase. Built once per vocabulary: every claim of every ledger asks."""
    return _by_position(tuple(words.items()))[position]


@lru_cache(maxsize=64)
def _by_position(words: tuple[tuple[tuple[str, str], str], ...]) -> dict[str, tuple[list, re.Pattern[str] | None]]:
    found: dict[str, tuple[list, re.Pattern[str] | None]] = {}
    for position, shape in (("before", r"(?<!\w)(?:{})$"), ("after", r"\s*(?:{})(?!\w)")):
        phrases = [(phrase, bound) for (phrase, where), bound in words if where == position]
        phrases.sort(key=lambda item: (-len(item[0].split()), -len(item[0]), item[0]))
        either = "|".join(_spaced(phrase) for phrase, _ in phrases)
        found[position] = (phrases, re.compile(shape.format(either), re.IGNORECASE) if phrases else None)
    return found


def _spaced(phrase: str) -> str:
    return r"\s+".join(re.escape(word) for word in phrase.split())


@cache
def _ending(phrase: str) -> re.Pattern[str]:
    """The phrase closing the text before a figure (compiled once: every claim of every ledger tries each)."""
    return re.compile(rf"(?<!\w){_spaced(phrase)}$", re.IGNORECASE)


@cache
def _opening(phrase: str) -> re.Pattern[str]:
    """The phrase opening the text after a figure."""
    return re.compile(rf"\s*{_spaced(phrase)}(?!\w)", re.IGNORECASE)


def read_bound(quote: str, written: str, words: Vocabulary) -> Reading | None:
    """What bounds the words around the figure allow; None when the figure is not in the quote."""
    start = _figure_at(quote, written)
    if start < 0 or not written:
        return None
    end = start + len(written)
    before = re.sub(r"[\s$£€]+$", "", quote[:start])
    hedges, first, last = [], start, end
    phrases, either = _phrases(words, "before")
    for phrase, bound in phrases if either is not None and either.search(before) else ():
        match = _ending(phrase).search(before)
        if match:
            hedges.append((match.group(), bound))
            first = match.start()
            break
    phrases, either = _phrases(words, "after")
    for phrase, bound in phrases if either is not None and either.match(quote[end:]) else ():
        match = _opening(phrase).match(quote[end:])
        if match:
            hedges.append((match.group().strip(), bound))
            last = end + match.end()
            break
    if registry.vague_interval(written) is not None:
        return Reading(frozenset({"vague"}), quote[first:last], tuple(hedges))
    two_figures = parse_range(written) is not None
    between = [(phrase, bound) for phrase, bound in hedges if bound == "range"]
    if two_figures and between:
        return Reading(_accepted({"range"}), quote[first:end], tuple(between))
    if two_figures and not re.search(r"\band\b", written, re.IGNORECASE):
        hedged = any(bound == "about" for _, bound in hedges)
        words = quote[first:end] if hedged else quote[start:end]
        return Reading(_accepted({"about_range" if hedged else "range"}), words, tuple(hedges), range_written=True)
    if hedges:
        allowed = _accepted({bound for _, bound in hedges})
        if _ACROSS.match(quote[first:start]) and _SPAN_NOUN.match(quote[end:]):
            allowed |= {"exact"}  # "spread over two years": across them, or more than them; the curator reads which
        return Reading(allowed, quote[first:last], tuple(hedges))
    context = re.search(r"(?:\S+\s+){0,2}$", quote[:start])
    after = re.match(r"[^\w\s]*\s*\S+", quote[end:])
    around = quote[context.start() if context else start : end + (after.end() if after else 0)]
    return Reading(frozenset({"exact"}), around, ())


#: "over" may be "across" before a span of time or a distance ("spread over two years", "over 31 kilometres of
#: coast"): there the words allow the figure as stated too, not only more than it.
_ACROSS = re.compile(r"(?i)over\s*$")
_SPAN_NOUN = re.compile(
    r"(?i)[\s-]+(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries|century|seasons?|"
    r"kilomet(?:re|er)s?|km|miles?|met(?:re|er)s?)\b"
)


def _accepted(meant: set[str]) -> frozenset[str]:
    """The bounds the words allow: each bound they mean, and its coarser reading (kit/vocab/bounds.csv), so a
    ledger that reads "more than" as at_least stays valid until ``kit migrate`` upgrades it."""
    return frozenset().union(*(registry.accepted(bound) for bound in meant))


def bound_problem(bound: str, reading: Reading, written: str) -> str | None:
    """Why a bound contradicts the words, quoting them and naming both bounds; None when it agrees."""
    if bound in reading.allowed:
        return None
    if reading.range_written:
        meant = "about_range (a hedged range)" if "about_range" in reading.allowed else "range"
        return f"the quote has {reading.words!r}: a range as written means {meant}, not {bound}"
    if "vague" in reading.allowed:
        return f"the quote has {reading.words!r}: a vague amount means vague, not {bound}"
    if reading.hedges:
        means = " and ".join(f"{phrase!r} means {meant}" for phrase, meant in reading.hedges)
        return f"the quote has {reading.words!r}: {means}, not {bound}"
    return (
        f"nothing in the quote qualifies {written!r} ({reading.words!r}), so the bound is exact, not {bound}; "
        "if the article's words do qualify it, add them to the ledger's hedges.csv"
    )


def check_bound(checker: Checker, path: Path, number: int, row: dict, words: Vocabulary) -> Reading | None:
    """A claim's bound is one its quote's words allow; the reading, for the checks that depend on it."""
    quote, written, bound = row.get("quote", ""), row.get("as_written", ""), row.get("bound", "")
    if not quote or not written or written not in quote:
        return None
    reading = read_bound(quote, written, words)
    if reading is not None and bound in KIT_ENUMS["claims"]["bound"]:
        problem = bound_problem(bound, reading, written)
        held = next((phrase for phrase, where in words if where == "before" and _opens(written, phrase)), None)
        if problem and held:  # "About 450" as written: the hedge is in the figure's cell, not before it
            start = len(held) + (len(written) - len(written.lstrip())) + 1
            problem = (
                f"as_written {written!r} holds the hedge {written[:start].strip()!r}: write the figure alone "
                f"({written[start:].strip()!r}); the bound is read from the words before it in the quote"
            )
        if problem:
            checker.add(path, number, "bound", problem)
        finer = finer_bound(reading, bound)
        if not problem and finer:  # valid, but the words say more than the bound
            message = (
                f"the quote's words mean {finer}, which {bound} reads more loosely (a verdict may then allow the "
                f"figure itself); write {finer}, or run python -m kit migrate on the ledger"
            )
            checker.add(path, number, "bound", message, "warning")
    return reading


def _opens(written: str, phrase: str) -> bool:
    """Whether a figure as written opens with a hedge phrase ("About 450"), whole words, any case."""
    return re.match(rf"\s*{re.escape(phrase)}\s+\S", written, re.IGNORECASE) is not None


def finer_bound(reading: Reading, bound: str) -> str | None:
    """The finer bound the words mean where ``bound`` is only its ``coarser`` reading (kit/vocab/bounds.csv): "less
    than 50" recorded as up_to means less_than; None when the bound is what the words mean."""
    bounds = registry.bounds()
    finer = [meant for meant in reading.allowed if meant in bounds and bounds[meant].coarser == bound]
    looser = {bounds[meant].coarser for meant in reading.allowed if meant in bounds}  # readings only as a coarser
    own = {meant for meant in reading.allowed if meant not in looser}
    return finer[0] if len(finer) == 1 and bound not in own else None
