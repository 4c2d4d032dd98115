"""A story tracked across a corpus: each quantity's statements over time, who moved an estimate and by how much,
and which estimates of one date can all be right.

A corpus (kit.corpus) holds many articles of one story; a figure repeated by several outlets is one statement
(:func:`kit.analysis.time.corpus_statements`), counted once. Statements at different dates are a series: a
source that gives a new figure has moved its estimate, not contradicted itself. So moves are read within one
source, date after date, and reconciliation stays within one date (:mod:`kit.analysis.reconcile`), never
across dates. Every interval comes from :func:`kit.analysis.bounds.interval`. Pandas only.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kit import vocab
from kit.analysis import changes, reconcile
from kit.analysis.bounds import ABOUT_TOLERANCE, combine_bounds
from kit.analysis.status import AHEAD as _AHEAD
from kit.analysis.status import estimates_only, is_estimate, retracting, statuses
from kit.analysis.time import (
    UNDATED,
    comparable_periods,
    corpus_statements,
    figure_interval,
    rounded,
    stated_changes,
    when_key,
)

#: Kinds of figure a tracker follows: counts or amounts at a time, and shares. Changes are checked elsewhere
#: (kit.analysis.time.change_checks); parts, per-unit figures belong to their whole.
TRACKED_KINDS = vocab.kinds_where(over_time=True)
#: Times that lie ahead of the figure's source: a forecast or a deadline is not a move of the estimate.
AHEAD = _AHEAD
#: Bounds whose figures can be subtracted into an amount; a floor, a ceiling or a range gives only a direction.
SUBTRACTABLE = tuple(name for name, row in vocab.bounds().items() if row.interval in ("rounding", "tolerance"))
#: Fields of a statement's own claim the tracker carries beside corpus_statements' columns.
_CARRIED = ["unit", "unit_whole", "side", "claimant_role", "stage", "when_start", "when_end", "when_kind", "as_written"]
_CARRIED += ["stage_includes", "stage_words"]  # the stage declarations of each statement's ledger (with_stages)
_CARRIED += ["period"]  # a rate's period: "14 trips a day", never "14 trips"


def tracked(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per level or share statement of the corpus (kit.corpus), with its unit, side, dates, outlets and
    the date it was first reported; ordered by quantity, then oldest first (undated first, having no date)."""
    withdrawn = retracting(frame)
    # a statement a later report withdraws is withdrawn in every report of it: its claims are grouped with the
    # estimates, then the statements that hold one are left out (the story's count of withdrawn figures says so)
    found = corpus_statements(frame[is_estimate(frame) | withdrawn])
    taken_back = set(frame["article"].astype(str)[withdrawn] + "/" + frame["claim_id"].astype(str)[withdrawn])
    withdrawn_statements = [bool(taken_back.intersection(claims)) for claims in found["claims"]]
    found = found[~np.array(withdrawn_statements, dtype=bool)]  # a mask, even of no rows (an empty corpus)
    frame = estimates_only(frame)  # a request, pledge, target or forecast is not an estimate that moves
    found = found[found["kind"].astype(str).isin(TRACKED_KINDS)].reset_index(drop=True)
    pairs = frame["article"].astype(str) + "/" + frame["claim_id"].astype(str)
    own = frame.assign(statement=pairs).drop_duplicates("statement").set_index("statement")
    carried = [column for column in _CARRIED if column in own and column not in found]
    found = found.join(own[carried], on="statement")
    found["outlets"] = [tuple(outlet for outlet in outlets if outlet) for outlets in found["outlets"]]
    found["n_outlets"] = found["outlets"].map(len)  # an article with no outlet named names none
    published = pd.Series(frame["published"].to_numpy(), index=pairs)
    reports = found["claims"].explode()  # each statement's claims, one row each, under the statement's row
    found["first_reported"] = published.reindex(reports.to_numpy()).groupby(reports.index.to_numpy()).min()
    found["stated_changes"] = _stated_changes(frame, found)
    found["dated"] = found["when"] != UNDATED
    order = ["quantity", "dated", "when_start", "when_end", "statement"]
    return found.sort_values(order, ignore_index=True, na_position="first").drop(columns="dated")


def not_followed(frame: pd.DataFrame) -> list[tuple[int, vocab.Status | vocab.Kind]]:
    """The story's claims :func:`tracked` does not follow, counted by why, in the registries' order: each status
    that is not an estimate (a request, a pledge, a target, a forecast), then each kind of figure stated as fact
    that is not followed over time (a rise, a fall, a part of a whole, a size per unit); empty when it follows
    every claim. A page says so, so that no figure of the story is dropped without a word."""
    said = statuses(frame)
    found = [(int((said == name).sum()), row) for name, row in vocab.statuses().items() if not row.estimate]
    kinds = frame[is_estimate(frame)]["kind"].astype(str)
    found += [(int((kinds == name).sum()), row) for name, row in vocab.kinds().items() if name not in TRACKED_KINDS]
    return [(count, row) for count, row in found if count]


def _stated_changes(frame: pd.DataFrame, found: pd.DataFrame) -> list[tuple]:
    """Each statement's changes the article states from an earlier figure (kit.analysis.changes, keyed by
    article/claim): (earlier claim, rise or fall, the words, the claim whose quote has them, that quote), for each of
    its claims."""
    stated: dict[str, list[tuple]] = {}
    for change in stated_changes(frame).itertuples(index=False):
        stated.setdefault(change.change_claim, []).append(
            (change.start_claim, change.stated, change.words, change.words_claim, change.quote)
        )
    return [tuple(link for claim in claims for link in stated.get(claim, ())) for claims in found["claims"]]


def quantities(statements: pd.DataFrame) -> pd.DataFrame:
    """Each tracked quantity with its count of statements, dates and outlets and its latest date, most worth
    reading first: quantities with two or more statements, then the most recent, then the most reported."""
    rows = []
    for quantity, group in statements.groupby("quantity", sort=False):
        outlets = {outlet for found in group["outlets"] for outlet in found}
        dated = group[when_key(group) != UNDATED]
        rows.append(
            {
                "quantity": quantity,
                "statements": len(group),
                "dates": dated["when"].nunique(),
                "outlets": len(outlets),
                "reports": int(group["n_outlets"].sum()),
                "latest": dated["when_end"].max() if not dated.empty else pd.NaT,
            }
        )
    table = pd.DataFrame(rows, columns=["quantity", "statements", "dates", "outlets", "reports", "latest"])
    table["several"] = table["statements"] >= 2
    order = ["several", "latest", "reports", "quantity"]
    table = table.sort_values(order, ascending=[False, False, False, True], na_position="last", ignore_index=True)
    return table.drop(columns="several")


def _interval(row: pd.Series, tolerance: float) -> tuple[float, float]:
    return figure_interval(row, tolerance)


def _change_bound(bounds: tuple[str, str], roundings: tuple[bool, bool]) -> str:
    """The bound of the difference of two figures: exact only when both are exact and neither is a rounding
    ("6.2 metres" less "4.9 metres" is about 1.3: each is rounded, so the gap is 1.2 to 1.4; the page words a wider gap
    by its ends, kit.report.tracker)."""
    found = combine_bounds(*bounds)
    return "about" if found == "exact" and any(roundings) else found


def moves(statements: pd.DataFrame, tolerance: float = ABOUT_TOLERANCE) -> pd.DataFrame:
    """Each time one source gave a quantity a new figure at a later date: from which statement to which, the
    change (later less earlier) when both figures can be subtracted, and its direction read from the intervals
    the bounds allow: higher, lower, or unclear when the two intervals overlap (the figures do not show a move) or
    the two periods differ in length and the article states no change between them (``periods_differ``: a year's
    total and a quarter's show no move).
    Where the later statement's article states the change from the earlier one ("up from"), ``stated`` is that
    change (rise or fall), ``stated_words`` its words, ``stated_claim`` and ``stated_quote`` the claim quoting them
    and its quote, ``stated_verdict`` the check (kit.analysis.changes: shown, not shown, contradicted); else "".
    Forecasts and deadlines are left out; so are undated statements."""
    rows = []
    dated = statements[(when_key(statements) != UNDATED) & ~statements["when_kind"].astype(str).isin(AHEAD)]
    stage = dated["stage"].astype("string").fillna("") if "stage" in dated else pd.Series("", index=dated.index)
    for _, group in dated.groupby([dated["quantity"], dated["claimant"].astype(str), stage], sort=False):
        # by the day each figure holds to: a count "since the spill" to 16 March comes after one of 9 March, though
        # its period starts before it
        group = group.sort_values(["when_end", "when_start", "statement"])
        for (_, before), (_, after) in zip(group.iloc[:-1].iterrows(), group.iloc[1:].iterrows(), strict=True):
            if before["when"] == after["when"]:
                continue  # two figures at one date are reconciled, not a move
            b_low, b_high = _interval(before, tolerance)
            a_low, a_high = _interval(after, tolerance)
            low, high = a_low - b_high, a_high - b_low
            bounds = (str(before["bound"]), str(after["bound"]))
            links = after.get("stated_changes") or ()
            said = next((link for link in links if link[0] in before["claims"]), ("",) * 5)
            # a year's total and a quarter's show no move from one to the other, unless the article itself sets them
            # against each other ("up from about 8,000 in September": a level held over each period)
            spans = [(row["when_start"], row["when_end"]) for row in (before, after)]
            periods_differ = not comparable_periods(*spans) and not said[1]
            roundings = (rounded(before, tolerance), rounded(after, tolerance))
            direction = (
                changes.UNCLEAR if periods_differ else changes.direction((b_low, b_high), (a_low, a_high), roundings)
            )
            amount = set(bounds) <= set(SUBTRACTABLE) and direction != "unclear"
            rows.append(
                {
                    "quantity": before["quantity"],
                    "claimant": before["claimant"],
                    "from_statement": before["statement"],
                    "to_statement": after["statement"],
                    "from_when": before["when"],
                    "to_when": after["when"],
                    "direction": direction,
                    "periods_differ": periods_differ,
                    "change": round(abs(float(after["value"]) - float(before["value"])), 9) if amount else math.nan,
                    "change_bound": _change_bound(bounds, roundings) if amount else "",
                    "change_low": low,
                    "change_high": high,
                    "stated": said[1],
                    "stated_words": said[2],
                    "stated_claim": said[3],
                    "stated_quote": said[4],
                    "stated_verdict": changes.verdict(said[1], direction) if said[1] else "",
                }
            )
    columns = ["quantity", "claimant", "from_statement", "to_statement", "from_when", "to_when", "direction"]
    columns += ["periods_differ"]
    columns += ["change", "change_bound", "change_low", "change_high"]
    return pd.DataFrame(
        rows, columns=[*columns, "stated", "stated_words", "stated_claim", "stated_quote", "stated_verdict"]
    )


def within_dates(statements: pd.DataFrame, tolerance: float = ABOUT_TOLERANCE) -> pd.DataFrame:
    """Every pair of statements of one quantity at one date, with reconcile's verdict (compatible, conflict) and
    the values both allow; pairs at different dates never meet, and pairs reconcile cannot compare (stages the
    article never relates) are left out. Figures are compared as stated: implied figures are not tracked."""
    frame = statements.assign(claim_id=statements["statement"])
    found = [e for e in reconcile.estimates(reconcile.claims_frame(frame), tolerance) if not e.derived]
    pairs = reconcile.pairs_of(found)
    pairs = pairs[pairs["relation"] != "not comparable"].reset_index(drop=True)
    when = dict(zip(frame["statement"], when_key(frame), strict=True))
    pairs.insert(2, "when", [when[claim] for claim in pairs["claim_a"]])
    return pairs
