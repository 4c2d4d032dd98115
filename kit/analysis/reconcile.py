"""Reconcile estimates of the same quantity: which sources can all be right, and which cannot.

Claims that share a ``quantity`` slug estimate the same thing. Each claim allows the interval
:func:`kit.analysis.bounds.interval` gives its bound. Two claims are *compatible* when one number can
satisfy both, otherwise they *conflict*. Estimates of the same stage are compared as the same number.
Counts at different stages are not the same number, so they are not set against each other, with one
exception: soldiers who are training or deploying have arrived, so a count of a later stage may not
exceed a count of arrivals (the pair is compared as ``subset``: compatible when the later count's lowest
value fits under the arrivals' highest). Training against deploying, or a staged count against an
unstaged one, is ``not comparable``: the article never says how those groups overlap.

Figures implied by a brigade count come from :func:`kit.analysis.sizes.brigade_arithmetic`, the one
place they are computed, and carry the ids of both claims they rest on. This module returns data only;
:mod:`kit.report.reconciliation` words and draws it.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from itertools import combinations

import pandas as pd

from kit.analysis.bounds import ABOUT_TOLERANCE, interval
from kit.analysis.sizes import BRIGADE_UNIT, brigade_arithmetic, per_brigade
from kit.analysis.time import when_key

#: Stages whose counts include the counts of other stages: everyone training or deploying has arrived.
STAGE_INCLUDES = {"arrived": frozenset({"training", "deploying"})}
MEASURES = ("total", "per_brigade")
#: Kinds of claim that state a change, not a level: checked against levels by kit.analysis.time, not reconciled.
CHANGES = ("rise", "fall")


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def claims_frame(data: pd.DataFrame | str | os.PathLike | None) -> pd.DataFrame:
    """Claims as plain strings and floats, with claimant names when the ledger has them."""
    if isinstance(data, pd.DataFrame):
        frame = data.copy()
    else:
        from kit.ledger import claims_with_sources

        frame = claims_with_sources(data)
    if "claimant_name" not in frame:
        frame["claimant_name"] = frame["claimant"]
    for column, default in (("stage", ""), ("kind", "level"), ("per", "")):
        if column not in frame:
            frame[column] = default  # a ledger whose schema has no stages or no per-brigade figures
    for column in ("claim_id", "quantity", "unit", "kind", "per", "bound", "claimant", "stage", "claimant_name"):
        frame[column] = [_text(cell) for cell in frame[column]]
    frame["when"] = when_key(frame)
    frame = frame[~frame["kind"].astype("string").isin(CHANGES)] if "kind" in frame else frame
    frame["value"] = frame["value"].astype("float64")
    return frame.sort_values("claim_id", ignore_index=True)


@dataclass(frozen=True)
class Estimate:
    """One claim read in one measure: as stated, or as implied together with a brigade count."""

    claim_id: str
    quantity: str
    measure: str
    stage: str
    when: str
    claimant: str
    claimant_name: str
    bound: str
    value: float
    unit: str
    low: float
    high: float
    rests_on: tuple[str, ...]
    value_high: float = math.nan

    @property
    def derived(self) -> bool:
        return len(self.rests_on) > 1


def estimates(claims: pd.DataFrame, tolerance: float = ABOUT_TOLERANCE) -> list[Estimate]:
    """One estimate per claim in its own measure, plus the measure it implies with its claimant's brigade count."""
    implied = brigade_arithmetic(claims, tolerance)
    result = []
    for row in claims.itertuples(index=False):
        high_end = getattr(row, "value_high", None)
        low, high = interval(row.value, row.bound, tolerance, None if pd.isna(high_end) else float(high_end))
        measure = "per_brigade" if per_brigade(row.kind, row.per) else "total"
        common = {
            "claim_id": row.claim_id,
            "quantity": row.quantity,
            "stage": row.stage,
            "when": row.when,
            "claimant": row.claimant,
            "claimant_name": row.claimant_name,
            "unit": row.unit,
        }
        stated = {"measure": measure, "bound": row.bound, "value": row.value, "low": low, "high": high}
        stated["value_high"] = math.nan if high_end is None or pd.isna(high_end) else float(high_end)
        result.append(Estimate(**common, **stated, rests_on=(row.claim_id,)))
        if row.unit == BRIGADE_UNIT:
            continue
        given = implied[implied[f"{measure}_claim"] == row.claim_id]
        other = "total" if measure == "per_brigade" else "per_brigade"
        for size in given.itertuples(index=False):
            result.append(
                Estimate(
                    **common,
                    measure=other,
                    bound=getattr(size, f"{other}_bound"),
                    value=float(getattr(size, other)),
                    low=getattr(size, f"{other}_low"),
                    high=getattr(size, f"{other}_high"),
                    rests_on=(row.claim_id, size.brigades_claim),
                )
            )
    return result


def relation(a: Estimate, b: Estimate) -> str:
    """How two estimates' stages relate: the same stage, one stage inside the other, or not comparable."""
    if a.stage == b.stage:
        return "same stage"
    if b.stage in STAGE_INCLUDES.get(a.stage, ()) or a.stage in STAGE_INCLUDES.get(b.stage, ()):
        return "subset"
    return "not comparable"


def whole_and_part(a: Estimate, b: Estimate) -> tuple[Estimate, Estimate]:
    """Of a subset pair, the estimate of the including stage first."""
    return (a, b) if b.stage in STAGE_INCLUDES.get(a.stage, ()) else (b, a)


def _verdict(a: Estimate, b: Estimate, kind: str) -> tuple[str, float, float]:
    """compatible / conflict / not comparable, and the joint range a same-stage pair allows."""
    if kind == "same stage":
        low, high = max(a.low, b.low), min(a.high, b.high)
        return ("compatible" if low <= high else "conflict", low, high)
    if kind == "subset":
        whole, part = whole_and_part(a, b)
        return ("compatible" if part.low <= whole.high else "conflict", math.nan, math.nan)
    return ("not comparable", math.nan, math.nan)


PAIR_COLUMNS = [
    "quantity",
    "measure",
    "claim_a",
    "claim_b",
    "stage_a",
    "stage_b",
    "relation",
    "verdict",
    "joint_low",
    "joint_high",
    "claim_ids",
]


def pairs_of(found: list[Estimate]) -> pd.DataFrame:
    """The verdict on every pair of estimates of the same quantity and measure."""
    rows = []
    for a, b in combinations(found, 2):
        if a.quantity != b.quantity or a.measure != b.measure or a.claim_id == b.claim_id or a.when != b.when:
            continue  # different dates are a series, never a conflict
        kind = relation(a, b)
        verdict, low, high = _verdict(a, b, kind)
        rows.append(
            {
                "quantity": a.quantity,
                "measure": a.measure,
                "claim_a": a.claim_id,
                "claim_b": b.claim_id,
                "stage_a": a.stage,
                "stage_b": b.stage,
                "relation": kind,
                "verdict": verdict,
                "joint_low": low,
                "joint_high": high,
                "claim_ids": tuple(sorted(set(a.rests_on) | set(b.rests_on))),
            }
        )
    frame = pd.DataFrame(rows, columns=PAIR_COLUMNS)
    return frame.sort_values(["quantity", "measure", "claim_a", "claim_b"], ignore_index=True)


def pairs(data: pd.DataFrame | str | os.PathLike | None = None, tolerance: float = ABOUT_TOLERANCE) -> pd.DataFrame:
    """One row per pair of estimates of the same quantity and measure, with their verdict: the tidy view."""
    return pairs_of(estimates(claims_frame(data), tolerance))


def groups(found: list[Estimate]) -> dict[tuple[str, str, str, str], list[Estimate]]:
    """Estimates of one quantity, measure, stage and date: the ones that must agree on one number."""
    grouped: dict[tuple[str, str, str, str], list[Estimate]] = {}
    for e in found:
        grouped.setdefault((e.quantity, e.measure, e.stage, e.when), []).append(e)
    return grouped


def group_range(members: list[Estimate]) -> tuple[float, float, str]:
    """The range every member allows at once, and whether they agree (an empty range is a conflict)."""
    low, high = max(e.low for e in members), min(e.high for e in members)
    if len(members) == 1:
        return (low, high, "single claim")
    return (low, high, "agree" if low <= high else "conflict")


def reconcile(data: pd.DataFrame | str | os.PathLike | None = None, tolerance: float = ABOUT_TOLERANCE) -> pd.DataFrame:
    """One row per estimate (claim x measure): the interval it allows, its stage group's range, its verdicts.

    ``data`` is a ledger folder (None: the packaged ledger) or a claims DataFrame.
    ``group_low``/``group_high`` intersect every estimate of the same quantity, measure and stage;
    ``group_status`` is ``conflict`` when that intersection is empty.
    """
    found = estimates(claims_frame(data), tolerance)
    verdicts = pairs_of(found)
    grouped = groups(found)
    rows = []
    for e in found:
        low, high, status = group_range(grouped[(e.quantity, e.measure, e.stage, e.when)])
        mine = verdicts[
            (verdicts["measure"] == e.measure)
            & ((verdicts["claim_a"] == e.claim_id) | (verdicts["claim_b"] == e.claim_id))
        ]

        def others(verdict: str, mine: pd.DataFrame = mine, claim_id: str = e.claim_id) -> str:
            chosen = mine[mine["verdict"] == verdict]
            ids = [b if a == claim_id else a for a, b in zip(chosen["claim_a"], chosen["claim_b"], strict=True)]
            return ", ".join(sorted(ids))

        rows.append(
            {
                "quantity": e.quantity,
                "measure": e.measure,
                "stage": e.stage,
                "when": e.when,
                "claim_id": e.claim_id,
                "claimant": e.claimant,
                "bound": e.bound,
                "value": e.value,
                "unit": e.unit,
                "low": e.low,
                "high": e.high,
                "derived": e.derived,
                "rests_on": ", ".join(e.rests_on),
                "group_low": low,
                "group_high": high,
                "group_status": status,
                "compatible_with": others("compatible"),
                "conflicts_with": others("conflict"),
                "not_comparable_with": others("not comparable"),
            }
        )
    return pd.DataFrame(rows).sort_values(["quantity", "measure", "when", "stage", "claim_id"], ignore_index=True)
