"""The article's figures, each marked by what the ledger says of it: curated, drafted, declared, or not yet covered.

Every figure the coverage finder reads in the article gets one mark: ``curated`` when it is a claim's figure (the
claims whose figure it is, by id), ``declared`` when ``nonfigures.csv`` (or the shared list) says it is not a
figure (with the reason) or a claim accounts for it as its date or as part of what it counts ("in 2022", "the
first batch"), ``drafted`` when only a row of ``drafts/claims.csv`` covers it (``kit draft``; not curated), and
``uncovered`` otherwise. Coverage decides "covers" (:func:`kit.ledger.coverage.covering_spans`), so this page
and ``kit coverage`` never disagree. A repeated line's figures are marked where the line first stands.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

import pandas as pd

from kit.ledger import article, claims, coverage, ledger_dir, nonfigures
from kit.ledger.shapes import find_figures

#: The statuses, in the order a legend lists them.
STATUSES = ("curated", "drafted", "declared", "uncovered")
#: Why a number a claim accounts for without being its figure is not a figure, by the claim column that holds it
#: (kit.ledger.coverage): it is marked declared with this reason, never linked as if it were the claim's figure.
ACCOUNTED = {
    "when_written": "when a figure in the ledger applies",
    "deadline": "when a figure in the ledger applies",
    "counts": "part of what a figure in the ledger counts",
}


@dataclass(frozen=True)
class Mark:
    """One figure of the article and what the ledger says of it."""

    start: int
    end: int
    text: str
    kind: str
    status: str
    refs: tuple[str, ...]  # claim ids (curated, drafted) or the declared reason


def _drafts(ledger: str | os.PathLike | None) -> pd.DataFrame:
    path = ledger_dir(ledger) / "drafts" / "claims.csv"
    if path.is_symlink() or not path.is_file():
        return pd.DataFrame(columns=["claim_id", "quote", "as_written"])
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _covering(start: int, end: int, spans: list[tuple[int, int, str]]) -> list[str]:
    found = []
    for span_start, span_end, label in spans:
        inside = span_start <= start and end <= span_end
        holds = start <= span_start and span_end <= end and not label.startswith("nonfigure")
        if inside or holds:
            found.append(label)
    return found


def marks(
    ledger: str | os.PathLike | None = None, read: tuple[str, pd.DataFrame, pd.DataFrame] | None = None
) -> list[Mark]:
    """Every figure of a sound ledger's article, in reading order, with its status (raises LedgerError if unsound).
    ``read``: the article's text, its claims and its non-figures, when the caller has read them already."""
    text, claimed, declared_here = read or (article(ledger).text, claims(ledger), nonfigures(ledger))
    declared = pd.concat([declared_here[["text", "reason"]], coverage.shared_nonfigures(ledger)])
    reasons = dict(zip(declared["text"], declared["reason"], strict=True))
    curated = coverage.covering_spans(text, claimed, declared.iloc[0:0])
    drafted = coverage.covering_spans(text, _drafts(ledger), declared.iloc[0:0])
    excluded = coverage.covering_spans(text, claimed.iloc[0:0], declared)
    found = []
    for figure in find_figures(text):
        labels = _covering(figure.start, figure.end, curated)
        accounted = [ACCOUNTED[tag] for label in labels for tag in ACCOUNTED if label.endswith(f" ({tag})")]
        ids = _ids([label for label in labels if not any(label.endswith(f" ({tag})") for tag in ACCOUNTED)])
        declared_as = [label[len("nonfigure ") :] for label in _covering(figure.start, figure.end, excluded)]
        draft_ids = _ids(_covering(figure.start, figure.end, drafted))
        if ids:
            status, refs = "curated", ids
        elif accounted:  # a date a claim's when_written holds ("in 2022"), an ordinal its counts repeats ("the first")
            status, refs = "declared", (accounted[0],)
        elif declared_as:
            name = declared_as[0].strip("'\"")
            status, refs = "declared", (reasons.get(name, ""),)
        elif draft_ids:
            status, refs = "drafted", draft_ids
        else:
            status, refs = "uncovered", ()
        found.append(Mark(figure.start, figure.end, figure.text, figure.kind, status, refs))
    return found


def _ids(labels: list[str]) -> tuple[str, ...]:
    """Claim ids from coverage labels ("id", "id (when_written)", "id (counts)"), each once, in order."""
    return tuple(dict.fromkeys(re.sub(r" \(.*\)$", "", label) for label in labels))
