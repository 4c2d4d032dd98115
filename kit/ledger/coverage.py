"""Coverage: every figure in the seed article must be in the ledger.

``python -m kit coverage [LEDGER_DIR]`` scans the article for anything that
looks like a figure (numbers, money, percentages, spelled-out counts,
ordinals, dates) and lists those no ledger row accounts for, one per line as
``PATH:LINE:COL: "context"`` (1-based; COL counts characters, not bytes). It
exits 1 when any figure is uncovered and 0, silently, when all are.

A figure is covered when:

* it lies inside an occurrence of a claim's quote *and* is that claim's
  ``as_written`` figure (a quote may hold several figures, each needs its own
  row: "two brigades of 700 soldiers each" is two claims);
* or it is a claim's ``deadline`` as written (inside the claim's quote, or
  anywhere in the article when the quote does not hold it);
* or it is an ordinal inside a claim's quote that the claim's ``counts``
  repeats ("the first batch"): an ordinal names what is counted, it is not a
  quantity of its own;
* or it lies inside text declared in ``nonfigures.csv`` ("Lipetsk-2",
  "0 Comments"). What is not a figure is declared in the ledger, never here.

The scanner errs towards finding too much: a false alarm costs a curator one
``nonfigures.csv`` row, a missed figure goes unchecked.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass

import pandas as pd

from kit.figures import NUMBER_WORDS
from kit.ledger import LedgerError, article, claims, nonfigures
from kit.paths import shown as _shown

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
)
_COUNT_WORDS = sorted(
    set(NUMBER_WORDS)
    | {
        "zero",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
        "dozen",
        "dozens",
        "hundreds",
        "thousands",
        "millions",
        "billions",
        "half",
        "twice",
    },
    key=len,
    reverse=True,
)
_ORDINAL_WORDS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth"
    "|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth"
    "|fiftieth|hundredth|thousandth|millionth"
)
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s(?:thousand|million|billion|trillion)\b|\s?(?:bn|m)\b)?"
_WORD = "|".join(_COUNT_WORDS)

#: (kind, pattern) in order of preference: where two matches overlap, the longer wins, then the earlier kind.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "date",
        re.compile(
            rf"\b(?:{MONTHS})\s\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s\d{{4}}\b)?"
            rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s(?:{MONTHS})(?:,?\s\d{{4}}\b)?"
            rf"|\b(?:{MONTHS})\s\d{{4}}\b"
        ),
    ),
    ("money", re.compile(rf"[$€£¥](?:{_NUMBER}){_SCALE}")),
    ("percent", re.compile(rf"(?:{_NUMBER})\s?(?:%|percent\b|per cent\b|percentage points?\b)")),
    ("ordinal", re.compile(rf"\b\d+(?:st|nd|rd|th)\b|\b(?:{_ORDINAL_WORDS})\b", re.IGNORECASE)),
    ("number", re.compile(rf"(?:{_NUMBER}){_SCALE}")),
    ("count", re.compile(rf"\b(?:{_WORD})(?:(?:[\s-]|\sand\s)(?:{_WORD}))*\b", re.IGNORECASE)),
)


@dataclass(frozen=True)
class Figure:
    """One figure found in a text: where it is, what it says, and what kind it is."""

    start: int
    end: int
    text: str
    kind: str
    line: int
    column: int
    context: str


def _context(text: str, start: int, end: int, words: int = 3) -> str:
    """The figure with a few words either side, on one line, so a reader sees what it counts."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    before = text[line_start:start].split(" ")
    after = text[end:line_end].split(" ")
    left = " ".join(before[-(words + 1) :]) if len(before) > words else text[line_start:start]
    right = " ".join(after[: words + 1]) if len(after) > words else text[end:line_end]
    return (left + text[start:end] + right).strip()


def find_figures(text: str) -> list[Figure]:
    """Every span of the text that looks like a figure, in reading order, never two overlapping."""
    found: list[tuple[int, int, int, str]] = []
    for rank, (kind, pattern) in enumerate(PATTERNS):
        for match in pattern.finditer(text):
            found.append((match.start(), match.end(), rank, kind))
    found.sort(key=lambda item: (item[0], -(item[1] - item[0]), item[2]))
    chosen: list[tuple[int, int, str]] = []
    for start, end, _rank, kind in found:
        if chosen and start < chosen[-1][1]:
            continue  # inside a longer or preferred figure already taken ("1" inside "November 1")
        chosen.append((start, end, kind))
    figures = []
    for start, end, kind in chosen:
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        figures.append(Figure(start, end, text[start:end], kind, line, column, _context(text, start, end)))
    return figures


def _occurrences(text: str, part: str) -> list[tuple[int, int]]:
    """Every place a piece of text occurs, overlapping ones included."""
    spans, at = [], text.find(part) if part else -1
    while at != -1:
        spans.append((at, at + len(part)))
        at = text.find(part, at + 1)
    return spans


def _cell(row: pd.Series, name: str) -> str:
    value = row.get(name)
    return "" if value is None or pd.isna(value) else str(value)


def covering_spans(text: str, claims_df: pd.DataFrame, nonfigures_df: pd.DataFrame) -> list[tuple[int, int, str]]:
    """Spans of the text the ledger accounts for, each with the row that does (claim_id or nonfigure text)."""
    spans: list[tuple[int, int, str]] = []
    for _, row in claims_df.iterrows():
        claim_id, quote = _cell(row, "claim_id"), _cell(row, "quote")
        written, deadline, counts = _cell(row, "as_written"), _cell(row, "deadline"), _cell(row, "counts")
        deadline_found = False
        for q_start, _q_end in _occurrences(text, quote):
            for part, label in ((written, claim_id), (deadline, f"{claim_id} (deadline)")):
                for start, end in _occurrences(quote, part):
                    spans.append((q_start + start, q_start + end, label))
                    deadline_found |= part == deadline
            for figure in find_figures(quote):
                if figure.kind == "ordinal" and counts and re.search(rf"\b{re.escape(figure.text)}\b", counts):
                    spans.append((q_start + figure.start, q_start + figure.end, f"{claim_id} (counts)"))
        if deadline and not deadline_found:
            spans.extend((start, end, f"{claim_id} (deadline)") for start, end in _occurrences(text, deadline))
    for _, row in nonfigures_df.iterrows():
        declared = _cell(row, "text")
        spans.extend((start, end, f"nonfigure {declared!r}") for start, end in _occurrences(text, declared))
    return spans


def _covered(figure: Figure, spans: list[tuple[int, int, str]]) -> bool:
    for start, end, label in spans:
        if label.startswith("nonfigure"):
            if start <= figure.start and figure.end <= end:
                return True
        elif (start <= figure.start and figure.end <= end) or (figure.start <= start and end <= figure.end):
            return True  # the figure is the as_written text, or holds it ("$2 billion" for "2 billion")
    return False


def uncovered_in(text: str, claims_df: pd.DataFrame, nonfigures_df: pd.DataFrame) -> list[Figure]:
    """The figures of a text that no claim row or nonfigure row accounts for."""
    spans = covering_spans(text, claims_df, nonfigures_df)
    return [figure for figure in find_figures(text) if not _covered(figure, spans)]


def uncovered(ledger: str | os.PathLike | None = None) -> list[Figure]:
    """The figures of a ledger's seed article that the ledger does not cover (raises LedgerError if unsound)."""
    return uncovered_in(article(ledger).text, claims(ledger), nonfigures(ledger))


def report_lines(ledger: str | os.PathLike | None = None) -> list[str]:
    """``PATH:LINE:COL: "context"`` for each uncovered figure, the way editors jump to a location."""
    path = _shown(article(ledger).path)
    return [f'{path}:{figure.line}:{figure.column}: "{figure.context}"' for figure in uncovered(ledger)]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ledger", nargs="?", default=None, help="ledger folder (default: the packaged ledger)")


def main(args: argparse.Namespace) -> int:
    try:
        lines = report_lines(args.ledger)
    except LedgerError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print("coverage needs a sound ledger: fix the problems above (python -m kit validate)", file=sys.stderr)
        return 2
    for line in lines:
        print(line)
    return 1 if lines else 0
