"""Which claim of a statement gives its reading: a documented rule, never the order of claim ids.

Claims merged as one statement (a headline and a body sentence; one briefing reported by several outlets; the
curator's ``statement`` column) keep each claim's bound and quote. The statement is read by this rule
(kit/data/README.md, "Statements"):

1. the speaker's own quoted words (the figure stands inside quotation marks, in the quote or in the article
   around it: kit/ledger/voices.py, the claims column ``voice``) over an outlet's paraphrase;
2. a body sentence over the headline;
3. otherwise, when the claims the first two rules leave still differ, the interval all the statement's claims
   allow (their intersection), with no claim's bound chosen over another's.

Pandas only.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from kit.analysis.bounds import ABOUT_TOLERANCE, interval, whole_of
from kit.ledger.voices import voice, voices

#: How each voice is said on a page, in rank order: the first outranks the rest.
VOICES = ("the speaker's own quoted words", "a body sentence", "the headline")
#: The rule that read a statement when no voice outranks the others.
ALL_ALLOW = "the interval all its claims allow"


@dataclass(frozen=True)
class Reading:
    """A statement's reading: the claim that gives it (its row is the statement's row), the interval it allows,
    the rule that chose it, and whether its claims' bounds differ (a page then quotes them all)."""

    claim_id: str
    low: float
    high: float
    rule: str
    bounds_differ: bool


def _span(row: Mapping, tolerance: float) -> tuple[float, float]:
    high = row.get("value_high")
    high = None if high is None or pd.isna(high) else float(high)
    unit, written = str(row.get("unit") or ""), str(row.get("as_written") or "")
    return interval(float(row["value"]), str(row["bound"]), tolerance, high, unit, written, whole_of(row))


def _said(row: Mapping) -> tuple:
    high = row.get("value_high")
    return (str(row["bound"]), float(row["value"]), None if high is None or pd.isna(high) else float(high))


def read(members: pd.DataFrame, ranks: pd.Series, tolerance: float = ABOUT_TOLERANCE) -> Reading:
    """The reading of one statement's claims (rows of a claims frame), given each claim's voice rank."""
    members = members.assign(_rank=ranks.reindex(members.index).fillna(1).astype(int)).sort_values(
        ["_rank", "claim_id"], kind="stable"
    )
    rows = members.to_dict("records")  # plain rows: a Series per row was most of the tracker's time at 1,000 articles
    differ = len({_said(row) for row in rows}) > 1
    best = members[members["_rank"] == members["_rank"].iloc[0]]
    if len({_said(row) for row in rows if row["_rank"] == rows[0]["_rank"]}) == 1:
        first = best.iloc[0]
        low, high = _span(first, tolerance)
        rule = VOICES[int(first["_rank"])] if differ else "its claims agree"
        return Reading(str(first["claim_id"]), low, high, rule, differ)
    spans = [_span(row, tolerance) for row in rows]
    low, high = max(span[0] for span in spans), min(span[1] for span in spans)
    narrowest = min(range(len(spans)), key=lambda k: (spans[k][1] - spans[k][0], str(rows[k]["claim_id"])))
    return Reading(str(members.iloc[narrowest]["claim_id"]), low, high, ALL_ALLOW, differ)


def ranks_of(claims: pd.DataFrame, text: str | None = None, headline: str | None = None) -> pd.Series:
    """Each claim's voice rank (an index of :data:`VOICES`). A loaded frame carries it: the ``voice`` column, worked
    out from each claim's own article when its ledger was loaded (kit/ledger/voices.py), so a page and a corpus
    (which does not carry the articles' text) read a statement alike. A frame without it (built in code) is ranked
    from ``text`` and ``headline``, or a corpus frame's own ``headline`` column; claims without quotes are all body
    sentences: no voice outranks another."""
    if "voice" in claims and not claims["voice"].isna().any():
        return claims["voice"].astype("int64")
    if "quote" not in claims:
        return pd.Series(1, index=claims.index, dtype="int64")
    if "headline" not in claims:
        return pd.Series(voices(claims, text, headline), index=claims.index, dtype="int64")
    written = claims["as_written"] if "as_written" in claims else pd.Series("", index=claims.index)
    return pd.Series(
        [
            voice(str(quote), shown if isinstance(shown, str) else "", text, head if isinstance(head, str) else None)
            for quote, shown, head in zip(claims["quote"], written, claims["headline"], strict=True)
        ],
        index=claims.index,
        dtype="int64",
    )


def overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two intervals share a value."""
    return max(a[0], b[0]) <= min(a[1], b[1]) and not math.isnan(a[0] + b[0])


def quoted_words(quote: str) -> str:
    """A quote with its whitespace folded, for a sentence that sets two claims' words side by side."""
    return re.sub(r"\s+", " ", quote).strip()
