"""Coverage: every figure in the seed article must be in the ledger.

``python -m kit coverage [LEDGER_DIR]`` scans the article for anything that
looks like a figure and lists those no ledger row accounts for, one per line as
``PATH:LINE:COL: KIND "FIGURE" in "CONTEXT"`` (1-based; COL counts characters,
not bytes), with a note in brackets for page residue and repeated lines. It
exits 1 when any figure is uncovered and 0, saying "all figures covered", when all are. Drafted claims
(``kit draft``) are not curated and cover nothing; a note line says how many wait.

What a figure is, and its kind, is :mod:`kit.ledger.shapes`: the shapes real
reporting uses are each one figure ("between 1,200 and 1,500" is one range,
"risen by about 2,000" one change, "1 in 5" one ratio), and years, dates and
times are reported as such so a curator can skip them, never as counts. A line
the article repeats verbatim is reported once.

A figure is covered when:

* it lies inside an occurrence of a claim's quote *and* the claim's
  ``as_written`` figure lies inside it, or it inside ``as_written`` (a quote may
  hold several figures, each needs its own row: "two crews of 12 people
  each" is two claims). So one claim whose ``as_written`` is "2,000" covers the
  change "risen by about 2,000", and one whose ``as_written`` is the whole range
  phrase covers the range; a range recorded as two claims is covered by either;
* or it lies inside a claim's ``when_written`` ("by November 1", "in 2022"; the
  ``deadline`` column of model-1 ledgers), found inside the claim's quote, or
  anywhere in the article when the quote does not hold it;
* or it is an ordinal inside a claim's quote that the claim's ``counts``
  repeats ("the first batch"): an ordinal names what is counted, it is not a
  quantity of its own;
* or it lies wholly inside text declared not to be a figure: the ledger's own
  ``nonfigures.csv`` ("Lipetsk-2", "0 Comments"), the kit's shared list of names
  with digits that recur across articles (``kit/vocab/nonfigures.csv``: "F-16",
  "Section 230", "G7") and the ledger's ``shared-nonfigures.csv`` when present
  (the copy ``kit new`` makes, which a curator may extend). What is not a figure
  is declared in data, never here.

The scanner errs towards finding too much: a false alarm costs a curator one
``nonfigures.csv`` row, a missed figure goes unchecked.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kit.ledger import LedgerError, article, claims, ledger_dir, nonfigures
from kit.ledger import folder as closed
from kit.ledger.draft_files import waiting_line
from kit.ledger.shapes import SHAPES as SHAPES
from kit.ledger.shapes import Figure as Figure
from kit.ledger.shapes import find_figures as find_figures
from kit.ledger.text import for_terminal
from kit.paths import KIT_DIR
from kit.paths import shown as _shown

#: Names with digits that recur across articles, declared once for every ledger (columns text, reason).
SHARED_NONFIGURES = KIT_DIR / "vocab" / "nonfigures.csv"
#: Claim columns that say when a claim applies as the article words it: ``deadline`` in model 1, ``when_written``
#: ("by November 1", "on Monday") in model 2. The date, year or time inside is covered by that claim.
TIME_COLUMNS = ("deadline", "when_written")
#: A ledger's own copy of the shared list, made by ``kit new``.
LEDGER_SHARED_NONFIGURES = "shared-nonfigures.csv"


def _read_nonfigures(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = {"text", "reason"} - set(frame.columns)
    if missing:
        raise ValueError(f"{path}: needs the columns text,reason (missing {', '.join(sorted(missing))})")
    return frame[["text", "reason"]]


def shared_nonfigures(ledger: str | os.PathLike | None = None) -> pd.DataFrame:
    """The shared non-figures a ledger's coverage honours: the kit's list and the ledger's copy, when present."""
    frames = [_read_nonfigures(SHARED_NONFIGURES)]
    copy = ledger_dir(ledger) / LEDGER_SHARED_NONFIGURES
    if copy.is_file() or copy.is_symlink():
        frames.append(_read_nonfigures(closed.check(ledger_dir(ledger), copy)))
    return pd.concat(frames, ignore_index=True).drop_duplicates("text", ignore_index=True)


def _occurrences(text: str, part: str) -> list[tuple[int, int]]:
    """Every place a piece of text occurs, overlapping ones included."""
    spans, at = [], text.find(part) if part else -1
    while at != -1:
        spans.append((at, at + len(part)))
        at = text.find(part, at + 1)
    return spans


def _cell(row: dict, name: str) -> str:
    value = row.get(name)
    return "" if value is None or pd.isna(value) else str(value)


@dataclass(frozen=True)
class Accounts:
    """What a ledger accounts for, as plain rows: its claims (the columns coverage reads) and its declared
    non-figures' texts. Read once from the tables, matched against any number of texts (the coverage benchmark
    matches one ledger's list against thousands of sentences)."""

    claims: tuple[dict, ...]
    nonfigures: tuple[str, ...]


def accounts(claims_df: pd.DataFrame, nonfigures_df: pd.DataFrame) -> Accounts:
    """The rows of a claims table and a non-figures table that coverage reads."""
    read = [column for column in ("claim_id", "quote", "as_written", "counts", *TIME_COLUMNS) if column in claims_df]
    rows = claims_df[read].to_dict("records")  # plain dicts of the columns read: a Series per row cost most
    declared = [_cell(row, "text") for row in nonfigures_df[["text"]].to_dict("records")]
    return Accounts(tuple(rows), tuple(declared))


def covering_spans(text: str, claims_df: pd.DataFrame, nonfigures_df: pd.DataFrame) -> list[tuple[int, int, str]]:
    """Spans of the text the ledger accounts for, each with the row that does (claim_id or nonfigure text)."""
    return spans_of(text, accounts(claims_df, nonfigures_df))


def spans_of(text: str, known: Accounts) -> list[tuple[int, int, str]]:
    """:func:`covering_spans` of rows already read (:func:`accounts`)."""
    spans: list[tuple[int, int, str]] = []
    for row in known.claims:
        claim_id, quote = _cell(row, "claim_id"), _cell(row, "quote")
        written, counts = _cell(row, "as_written"), _cell(row, "counts")
        times = [(phrase, f"{claim_id} ({column})") for column in TIME_COLUMNS if (phrase := _cell(row, column))]
        in_quote: set[str] = set()
        for q_start, _q_end in _occurrences(text, quote):
            spans.extend((q_start + start, q_start + end, claim_id) for start, end in _occurrences(quote, written))
            for phrase, label in times:
                for start, end in _occurrences(quote, phrase):
                    spans.append((q_start + start, q_start + end, label))
                    in_quote.add(phrase)
            for figure in find_figures(quote):
                if figure.kind == "ordinal" and counts and re.search(rf"\b{re.escape(figure.text)}\b", counts):
                    spans.append((q_start + figure.start, q_start + figure.end, f"{claim_id} (counts)"))
        for phrase, label in times:
            if phrase not in in_quote:
                spans.extend((start, end, label) for start, end in _occurrences(text, phrase))
    for declared in known.nonfigures:
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
    return uncovered_by(text, accounts(claims_df, nonfigures_df))


def uncovered_by(text: str, known: Accounts) -> list[Figure]:
    """:func:`uncovered_in` with rows already read (:func:`accounts`)."""
    spans = spans_of(text, known)
    return [figure for figure in find_figures(text) if not _covered(figure, spans)]


def uncovered(ledger: str | os.PathLike | None = None) -> list[Figure]:
    """The figures of a ledger's seed article that the ledger does not cover (raises LedgerError if unsound)."""
    declared = pd.concat([nonfigures(ledger)[["text", "reason"]], shared_nonfigures(ledger)], ignore_index=True)
    return uncovered_in(article(ledger).text, claims(ledger), declared)


def report_line(path: str, figure: Figure) -> str:
    """``PATH:LINE:COL: KIND "FIGURE" in "CONTEXT" (note)``, the way editors jump to a location."""
    line = f'{path}:{figure.line}:{figure.column}: {figure.kind} "{figure.text}"'
    if figure.context != figure.text:
        line += f' in "{figure.context}"'
    return f"{line} ({figure.note})" if figure.note else line


def report_lines(ledger: str | os.PathLike | None = None) -> list[str]:
    """One line per uncovered figure (see :func:`report_line`)."""
    path = _shown(article(ledger).path)
    return [report_line(path, figure) for figure in uncovered(ledger)]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ledger", nargs="?", default=None, help="ledger folder (default: the packaged ledger)")


def main(args: argparse.Namespace) -> int:
    try:
        lines = report_lines(args.ledger)
    except LedgerError as error:
        for problem in error.problems:
            print(for_terminal(str(problem)), file=sys.stderr)
        print("coverage needs a sound ledger: fix the problems above (python -m kit validate)", file=sys.stderr)
        return 2
    except ValueError as error:  # a shared non-figures list that is not a text,reason CSV, or outside the folder
        print(f"python -m kit coverage: {for_terminal(str(error))}", file=sys.stderr)
        return 2
    for line in lines:
        print(for_terminal(line))  # the article's text, escape codes and all: never sent raw to a terminal
    if not lines:
        print("all figures covered")
    waiting = waiting_line(args.ledger)
    if waiting:
        print(waiting)
    return 1 if lines else 0
