"""Parts and shares: a partial figure against a whole, a percentage and what it leaves."""

from __future__ import annotations

import math
from fractions import Fraction

import pandas as pd

from kit import vocab
from kit.analysis.bounds import share_bound
from kit.analysis.time import statements, when_key
from kit.vocab.intervals import interval


def part_shares(claims: pd.DataFrame) -> pd.DataFrame:
    """Each part (kind part) against each figure of its whole: the claim it names in ``of``, or the level
    estimates of the quantity it names, in the same unit; of those, only the ones at the part's own date (``when``)
    when the article gives any, since figures of different dates are never set against each other where it can
    be helped (a whole of another date is set against the part only when there is none of its own). One row per
    (part, whole) pair, with the share in percent and its bound (:func:`share_of`: a range share runs from
    ``share`` to ``share_high``; a share the two bounds leave open has ``share`` NaN and no bound, and the page says
    so). A part whose whole the subset does not hold has no row."""
    columns = ["part_claim", "part", "whole_claim", "whole", "whole_bound", "claimant_name", "share", "share_bound"]
    columns.append("share_high")  # a range whole gives a range share: the part over its high end, then its low end
    parts = claims[claims["kind"] == "part"]
    if parts.empty:
        return pd.DataFrame(columns=columns)
    # Each part's wholes, found once for the page (a part section's chart and sentences ask again): the claim
    # its ``of`` names, or the levels of the quantity it names, in the ledger's order, in its unit, non-zero.
    ids, quantity = claims["claim_id"].to_numpy(), claims["quantity"].to_numpy()
    kind, unit = claims["kind"].to_numpy(), claims["unit"].to_numpy()
    value, high, bound = claims["value"].to_numpy(), claims["value_high"].to_numpy(), claims["bound"].to_numpy()
    by_of: dict[str, list[int]] = {}
    for position, (claim, named, what) in enumerate(zip(ids, quantity, kind, strict=True)):
        if isinstance(claim, str):
            by_of.setdefault(claim, []).append(position)
        if what == "level" and isinstance(named, str):
            by_of.setdefault(named, []).append(position)
    names, whens = claims["claimant_name"].to_numpy(), when_key(claims).to_numpy()
    named_ids = {claim for claim in ids if isinstance(claim, str)}
    said_as = statements(claims).astype(str).to_numpy()
    rows = []
    for part, when in zip(parts.itertuples(index=False), when_key(parts), strict=True):
        found = [at for at in sorted(set(by_of.get(str(part.of), []))) if unit[at] == part.unit and value[at] != 0]
        if str(part.of) not in named_ids and any(whens[at] == when for at in found):
            found = [at for at in found if whens[at] == when]  # the whole at the part's own date, when there is one
        # one statement's claims of one figure (a headline and the body sentence it repeats) are one figure of the
        # whole, not two accounts of it; claims of a statement that differ in figure or bound stay apart
        figures = {
            (said_as[at], value[at], bound[at], None if pd.isna(high[at]) else high[at]): at for at in found[::-1]
        }
        found = sorted(figures.values())
        for at in found:  # a missing unit matches nothing, as in pandas
            whole = (float(value[at]), str(bound[at]), None if pd.isna(high[at]) else float(high[at]))
            stated = (float(part.value), str(part.bound), None if pd.isna(part.value_high) else float(part.value_high))
            share, said, share_high = share_of(stated, whole)
            rows.append((part.claim_id, part.value, ids[at], value[at], bound[at], names[at], share, said, share_high))
    return pd.DataFrame(rows, columns=columns)


def shortfall(percent: float) -> float:
    """The share of a plan left unfilled when a claim says ``percent`` of it is fulfilled: 100 - percent."""
    return 100.0 - float(percent)


def share_complements(claims: pd.DataFrame) -> pd.DataFrame:
    """Each share (kind share, in percent) with the rest of its whole, 100 less the share, and that rest's
    bound (a floor on the share caps the rest). The rest is never stated in the article: the kit's arithmetic."""
    shares = claims[(claims["kind"] == "share") & (claims["unit"] == "percent")].reset_index(drop=True).copy()
    shares["rest"] = [shortfall(value) for value in shares["value"]]
    shares["rest_bound"] = [share_bound(str(bound)) for bound in shares["bound"]]
    return shares


#: A share with a bound is rounded away from what its bound claims, so the rounded words stay true: "up to 2.3%"
#: when the exact share is 2.25% and no more, "at least 21%" when it is 21.67% and no less.
#: Read from the registry's interval rule of the share's bound (kit/vocab/bounds.csv): a ceiling up, a floor down.
ROUNDED_TOWARD = {"ceiling": "up", "ceiling_open": "up", "floor": "down", "floor_open": "down"}


def toward(bound: str) -> str:
    """Which way a share with this bound is rounded (:data:`ROUNDED_TOWARD`), "nearest" for the others."""
    row = vocab.bounds().get(bound)
    return ROUNDED_TOWARD.get(row.interval, "nearest") if row is not None else "nearest"


def share_of(part: tuple[float, str, float | None], whole: tuple[float, str, float | None]) -> tuple:
    """(share, its bound, its high end or NaN) of a part against one figure of its whole, each given as (value,
    bound, high end or None), so that the words the share is given in are true for every value both figures allow.

    - A part as stated (exact): the whole's bound decides (:func:`kit.analysis.bounds.share_bound`); a range
      whole gives a range share. "About" a part against an exact or "about" whole is "about" the share.
    - Any other part ("more than 1,200", "up to 300", a range): the share's interval is the part's interval over
      the whole's (kit.vocab.intervals, an unqualified figure read as stated): both ends known give a range, one
      end gives "at least" or "up to", none (a floor over a floor: "more than 1,200 of at least 10,000") gives no
      share at all: (NaN, "", NaN).

    A whole with only a floor ("at least 75") holds its part, so a share of it is never above 100%: 87 of at least
    75 is up to 100% (the whole is at least 87), not up to 116%.

    Each end is rounded away from what it claims (:func:`share_percent`)."""
    (value, bound, high), (whole_value, whole_bound, whole_high) = part, whole
    nan = float("nan")
    rule, whole_rule = vocab.bounds()[bound].interval, vocab.bounds()[whole_bound].interval
    # a whole just under its figure ("nearly 380,000") is read by its interval below: 375,000 of it is 98.7% to 110%
    if whole_rule != "below" and (
        rule == "rounding" or (rule == "tolerance" and whole_rule in ("rounding", "tolerance"))
    ):
        if whole_bound in vocab.ranged():
            low, said, top = share_percent(value, whole_high, "down"), share_bound(whole_bound), whole_value
            return low, said, share_percent(value, top, "up")  # "about 18% to 22%" of about 300 to 350
        said = bound if rule == "tolerance" else share_bound(whole_bound)
        if whole_rule in ("floor", "floor_open") and whole_value < value:  # a whole holds its part: at least 87
            return share_percent(value, value, "up"), "up_to", nan  # "87 of at least 75": up to 100%, never 116%
        return share_percent(value, whole_value, toward(said)), said, nan
    low, top = _as_stated(value, bound, high), _as_stated(whole_value, whole_bound, whole_high)
    least = low[0] / top[1] if math.isfinite(top[1]) else 0.0
    most = low[1] / top[0] if top[0] > 0 and math.isfinite(low[1]) else math.inf
    if whole_rule in ("floor", "floor_open") and math.isfinite(most):
        most = min(most, 1.0)  # a whole with only a floor holds its part, whatever the floor: at most 100%
    if least > 0 and math.isfinite(most):
        return share_percent(least, 1, "down"), "range", share_percent(most, 1, "up")
    if least > 0:
        return share_percent(least, 1, "down"), "at_least", nan
    if math.isfinite(most):
        return share_percent(most, 1, "up"), "up_to", nan
    return nan, "", nan


def _as_stated(value: float, bound: str, high: float | None) -> tuple[float, float]:
    """The values a figure allows, an unqualified one read as stated (a share is not widened by rounding)."""
    return (value, value) if vocab.bounds()[bound].interval == "rounding" else interval(value, bound, high=high)


def share_percent(part: float, whole: float, toward: str = "nearest") -> float:
    """``part`` as a percentage of ``whole``, as a sentence states it: whole numbers from 10% up, one decimal
    below (so a small share is never "0%"), rounded ``toward`` "up", "down" or the "nearest" step.

    The arithmetic is exact on the figures as written (2.25 is not read as 2.2499999), so a ceiling rounded up
    is never below the share it caps."""
    exact = Fraction(repr(float(part))) * 100 / Fraction(repr(float(whole)))
    step = Fraction(1) if abs(exact) >= 10 else Fraction(1, 10)
    steps = exact / step
    if toward == "up":
        counted = math.ceil(steps)
    elif toward == "down":
        counted = math.floor(steps)
    else:
        counted = math.floor(steps + Fraction(1, 2))  # halves up, as a reader rounds
    return float(counted * step)
