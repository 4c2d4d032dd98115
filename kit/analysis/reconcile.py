"""Reconcile estimates of the same quantity: which sources can all be right, and which cannot.

Claims that share a ``quantity`` slug estimate the same thing. Each claim allows the interval
:func:`kit.analysis.bounds.interval` gives its bound. Two claims are *compatible* when one number can
satisfy both, otherwise they *conflict*. Estimates of the same stage are compared as the same number.
Counts at different stages are not the same number, so they are not set against each other, with one
exception the ledger declares (``includes`` on its claims field ``stage``, see
:func:`kit.analysis.subset.stage_declarations`): when a stage's count includes another's, a count of the
included stage may not exceed it (the pair is compared as ``subset``: compatible when the included count's
lowest value fits under the including count's highest). Any other pair of stages, or a staged count against
an unstaged one, is ``not comparable``: the article never says how those groups overlap.

Figures implied by a count of groups (a unit the ledger declares a group of another) come from
:func:`kit.analysis.sizes.group_arithmetic`, the one place they are computed, and carry the ids of both claims
they rest on. A size per group is its own measure ("per crew"), never set against a figure in all. This module
returns data only; :mod:`kit.report.reconciliation` words and draws it.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kit import vocab
from kit.analysis.bounds import ABOUT_TOLERANCE, interval, meet
from kit.analysis.sizes import TOTAL, group_arithmetic, per_measure, with_groups
from kit.analysis.status import estimates_only
from kit.analysis.subset import with_stages
from kit.analysis.time import when_key

#: Kinds of claim that state a change, not a level: checked against levels by kit.analysis.time, not reconciled.
CHANGES = vocab.kinds_where(change=True)


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def claims_frame(data: pd.DataFrame | str | os.PathLike | None) -> pd.DataFrame:
    """Claims as plain strings and floats, with claimant names when the ledger has them."""
    if isinstance(data, pd.DataFrame):
        frame = data.copy()
    else:
        from kit.ledger import claims_with_sources

        frame = with_groups(with_stages(claims_with_sources(data), data), data)
    if "claimant_name" not in frame:
        frame["claimant_name"] = frame["claimant"]
    for column, default in (("stage", ""), ("kind", "level"), ("per", "")):
        if column not in frame:
            frame[column] = default  # a ledger whose schema has no stages or no sizes per unit
    if "group_of" not in frame:  # a frame without its ledger's group declarations: nothing counts groups
        frame = frame.assign(group_of="", per_group="")
    if "stage_words" not in frame:  # a frame without its ledger's stage declarations: stages read as themselves
        frame = frame.assign(stage_words=frame["stage"], stage_includes=[frozenset()] * len(frame))
    text_columns = ("claim_id", "quantity", "unit", "kind", "per", "bound", "claimant", "stage", "claimant_name")
    text_columns += ("group_of", "per_group")
    for column in (*text_columns, "stage_words"):
        frame[column] = [_text(cell) for cell in frame[column]]
    frame["when"] = when_key(frame)
    frame = estimates_only(frame)  # a request, pledge or target is not an estimate to reconcile
    frame = frame[~frame["kind"].astype("string").isin(CHANGES)] if "kind" in frame else frame
    frame["value"] = frame["value"].astype("float64")
    return frame.sort_values("claim_id", ignore_index=True)


@dataclass(frozen=True)
class Estimate:
    """One claim read in one measure (``total``, or a size per group: "per crew"): as stated, or as implied
    together with a count of groups."""

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
    #: The figure as the article writes it, for a vague amount ("tens of thousands"): never the kit's reading.
    as_written: str = ""
    #: The stages whose counts this estimate's stage includes, and its stage in words, as its ledger declares.
    includes: frozenset[str] = frozenset()
    stage_words: str = ""

    @property
    def derived(self) -> bool:
        return len(self.rests_on) > 1

    @property
    def rounded(self) -> bool:
        """Read by its rounding: two that only touch ("34%", "35%") are two figures (kit.analysis.changes too)."""
        return self.bound == "exact" and self.high > self.low and not self.derived


def estimates(claims: pd.DataFrame, tolerance: float = ABOUT_TOLERANCE) -> list[Estimate]:
    """One estimate per claim in its own measure, plus the measure it implies with its claimant's count of groups."""
    implied = group_arithmetic(claims, tolerance)
    # the implied sizes each claim takes part in, looked up once (a filter per claim is quadratic)
    given_by = {
        measure: {claim: list(rows.itertuples(index=False)) for claim, rows in implied.groupby(f"{measure}_claim")}
        for measure in (TOTAL, "per_group")
    }
    result = []
    for row in claims.itertuples(index=False):
        high_end = getattr(row, "value_high", None)
        stated_high, written = None if pd.isna(high_end) else float(high_end), str(getattr(row, "as_written", "") or "")
        whole = bool(getattr(row, "unit_whole", True))  # a count's "64" as stated, a measure's "8" tonnes rounded
        low, high = interval(row.value, row.bound, tolerance, stated_high, row.unit, written, whole)
        merged = getattr(row, "statement_low", math.nan)
        if not pd.isna(merged):  # a merged statement allows what its reading rule gives (kit.analysis.statements)
            low, high = float(merged), float(row.statement_high)
        measure = per_measure(row.per_group) if row.per_group else TOTAL
        common = {
            "claim_id": row.claim_id,
            "quantity": row.quantity,
            "stage": row.stage,
            "when": row.when,
            "claimant": row.claimant,
            "claimant_name": row.claimant_name,
            "unit": row.unit,
            "includes": frozenset(row.stage_includes) if isinstance(row.stage_includes, frozenset) else frozenset(),
            "stage_words": row.stage_words,
        }
        stated = {"measure": measure, "bound": row.bound, "value": row.value, "low": low, "high": high}
        stated["value_high"] = math.nan if high_end is None or pd.isna(high_end) else float(high_end)
        stated["as_written"] = str(getattr(row, "as_written", "") or "")
        result.append(Estimate(**common, **stated, rests_on=(row.claim_id,)))
        if row.group_of:  # a count of groups implies nothing in its own unit
            continue
        given = given_by["per_group" if row.per_group else TOTAL].get(row.claim_id, [])
        other = TOTAL if row.per_group else "per_group"
        for size in given:
            result.append(
                Estimate(
                    **common,
                    measure=TOTAL if row.per_group else per_measure(size.group_unit),
                    bound=getattr(size, f"{other}_bound"),
                    value=float(getattr(size, other)),
                    low=getattr(size, f"{other}_low"),
                    high=getattr(size, f"{other}_high"),
                    rests_on=(row.claim_id, size.groups_claim),
                )
            )
    return result


def relation(a: Estimate, b: Estimate) -> str:
    """How two estimates' stages relate: the same stage, one stage inside the other, or not comparable."""
    return _relation(a, b)


def whole_and_part(a: Estimate, b: Estimate) -> tuple[Estimate, Estimate]:
    """Of a subset pair, the estimate of the including stage first."""
    return (a, b) if b.stage in a.includes else (b, a)


def _verdict(a: Estimate, b: Estimate, kind: str) -> tuple[str, float, float]:
    """compatible / conflict / not comparable, and the joint range a same-stage pair allows."""
    if kind == "same stage":
        low, high = max(a.low, b.low), min(a.high, b.high)
        return ("compatible" if meet(low, high, a.rounded and b.rounded) else "conflict", low, high)
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
RELATIONS = ("same stage", "subset", "not comparable")
VERDICTS = ("compatible", "conflict", "not comparable")
#: Most claim ids a cell of :func:`reconcile`'s ``*_with`` columns lists; the count columns say how many in all.
LISTED_IDS = 50
_SAME, _SUBSET, _APART = range(3)
_COMPATIBLE, _CONFLICT, _NOT_COMPARABLE = range(3)


@dataclass
class _Block:
    """The pairs of one quantity, measure and date as matrices: estimates of different dates never meet."""

    members: list[Estimate]
    relation: np.ndarray  # n x n relation codes
    verdict: np.ndarray  # n x n verdict codes, -1 where no pair (the diagonal, one claim read twice)
    low: np.ndarray
    high: np.ndarray


def _blocks(found: list[Estimate]) -> list[_Block]:
    """Every pair of estimates of one quantity, measure and date, decided at once with arrays (no pair objects).

    Blocks come sorted by quantity and measure, the most recent date first (undated last).
    """
    grouped: dict[tuple[str, str, str], list[Estimate]] = {}
    for e in found:
        grouped.setdefault((e.quantity, e.measure, e.when), []).append(e)
    order = sorted(grouped, key=lambda key: (key[0], key[1], key[2] == "", _descending(key[2])))
    blocks = []
    for key in order:
        members = grouped[key]
        first = {e.stage: e for e in sorted(members, key=lambda e: e.stage)}  # one estimate per stage
        stages = list(first.values())
        code = {e.stage: index for index, e in enumerate(stages)}
        kinds = np.array([[RELATIONS.index(_relation(a, b)) for b in stages] for a in stages], dtype=np.int8)
        # whole[a, b]: a count of stage a includes one of stage b
        whole = np.array([[b.stage in a.includes for b in stages] for a in stages], dtype=bool)
        s = np.array([code[e.stage] for e in members])
        low = np.array([e.low for e in members], dtype=float)
        high = np.array([e.high for e in members], dtype=float)
        relation_codes = kinds[s[:, None], s[None, :]]
        rounded = np.array([e.rounded for e in members], dtype=bool)
        joint_low, joint_high = np.maximum(low[:, None], low[None, :]), np.minimum(high[:, None], high[None, :])
        same = meet(joint_low, joint_high, rounded[:, None] & rounded[None, :])
        a_whole = whole[s[:, None], s[None, :]]
        subset_ok = np.where(a_whole, low[None, :] <= high[:, None], low[:, None] <= high[None, :])
        fits = np.where(relation_codes == _SAME, same, subset_ok)
        verdict = np.where(fits, _COMPATIBLE, _CONFLICT).astype(np.int8)
        verdict[relation_codes == _APART] = _NOT_COMPARABLE
        ids = np.array([e.claim_id for e in members], dtype=object)
        verdict[ids[:, None] == ids[None, :]] = -1  # one claim in two readings is never a pair
        blocks.append(_Block(members, relation_codes, verdict, low, high))
    return blocks


def _descending(when: str) -> tuple[int, ...]:
    """A sort key that puts later dates first (ISO 8601 text sorts as the dates do)."""
    return tuple(-ord(char) for char in when)


def _relation(a: Estimate, b: Estimate) -> str:
    if a.stage == b.stage:
        return "same stage"
    if b.stage in a.includes or a.stage in b.includes:
        return "subset"
    return "not comparable"


def pairs_of(found: list[Estimate], limit: int | None = None) -> pd.DataFrame:
    """The verdict on every pair of estimates of the same quantity, measure and date.

    ``limit`` keeps at most that many pairs of each verdict per quantity and measure (the most recent dates
    first), so a page can word a few without building millions; :func:`pair_counts` counts them all.
    """
    rows: list[dict] = []
    taken: dict[tuple[str, str, int], int] = {}
    for block in _blocks(found):
        first = block.members[0]
        upper = np.triu(np.ones(block.verdict.shape, dtype=bool), 1) & (block.verdict >= 0)
        for code in range(len(VERDICTS)):
            i, j = np.nonzero(upper & (block.verdict == code))
            if limit is not None:
                key = (first.quantity, first.measure, code)
                room = max(0, limit - taken.get(key, 0))
                i, j = i[:room], j[:room]
                taken[key] = taken.get(key, 0) + len(i)
            for x, y in zip(i.tolist(), j.tolist(), strict=True):
                rows.append(_pair_row(block, x, y))
    frame = pd.DataFrame(rows, columns=PAIR_COLUMNS)
    return frame.sort_values(["quantity", "measure", "claim_a", "claim_b"], ignore_index=True)


def _pair_row(block: _Block, x: int, y: int) -> dict:
    a, b = block.members[x], block.members[y]
    relation_code, verdict_code = int(block.relation[x, y]), int(block.verdict[x, y])
    same = relation_code == _SAME
    return {
        "quantity": a.quantity,
        "measure": a.measure,
        "claim_a": a.claim_id,
        "claim_b": b.claim_id,
        "stage_a": a.stage,
        "stage_b": b.stage,
        "relation": RELATIONS[relation_code],
        "verdict": VERDICTS[verdict_code],
        "joint_low": max(a.low, b.low) if same else math.nan,
        "joint_high": min(a.high, b.high) if same else math.nan,
        "claim_ids": tuple(sorted(set(a.rests_on) | set(b.rests_on))),
    }


def pair_counts(found: list[Estimate]) -> pd.DataFrame:
    """How many pairs of each verdict each quantity and measure has, counted without building the pairs."""
    rows = []
    for block in _blocks(found):
        upper = np.triu(np.ones(block.verdict.shape, dtype=bool), 1)
        first = block.members[0]
        for code, verdict in enumerate(VERDICTS):
            mask = upper & (block.verdict == code)
            count = int(mask.sum())
            if count:
                stages = {block.members[k].stage for k in np.nonzero(mask.any(axis=0) | mask.any(axis=1))[0]}
                rows.append({"quantity": first.quantity, "measure": first.measure, "when": first.when,
                             "verdict": verdict, "pairs": count, "stages": tuple(sorted(stages))})  # fmt: skip
    columns = ["quantity", "measure", "when", "verdict", "pairs", "stages"]
    return pd.DataFrame(rows, columns=columns)


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
    touching = any(e.rounded and e.low == low for e in members) and any(e.rounded and e.high == high for e in members)
    return (low, high, "agree" if meet(low, high, touching) else "conflict")


def reconcile(data: pd.DataFrame | str | os.PathLike | None = None, tolerance: float = ABOUT_TOLERANCE) -> pd.DataFrame:
    """One row per estimate (claim x measure): the interval it allows, its stage group's range, its verdicts.

    ``data`` is a ledger folder (None: the packaged ledger) or a claims DataFrame.
    ``group_low``/``group_high`` intersect every estimate of the same quantity, measure and stage;
    ``group_status`` is ``conflict`` when that intersection is empty.
    """
    return reconcile_of(estimates(claims_frame(data), tolerance))


def reconcile_of(found: list[Estimate] | tuple[Estimate, ...]) -> pd.DataFrame:
    """:func:`reconcile` of estimates already read (a page's model reads them once for its table and sentences)."""
    found = list(found)
    ranges = {key: group_range(members) for key, members in groups(found).items()}
    rows = []
    for block in _blocks(found):
        ids = np.array([e.claim_id for e in block.members], dtype=object)
        for k, e in enumerate(block.members):
            low, high, status = ranges[(e.quantity, e.measure, e.stage, e.when)]
            listed = {}
            for code, verdict in enumerate(VERDICTS):
                others = sorted(ids[block.verdict[k] == code])
                listed[verdict] = (", ".join(others[:LISTED_IDS]), len(others))
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
                    "compatible_with": listed["compatible"][0],
                    "conflicts_with": listed["conflict"][0],
                    "not_comparable_with": listed["not comparable"][0],
                    "compatible": listed["compatible"][1],
                    "conflicts": listed["conflict"][1],
                    "not_comparable": listed["not comparable"][1],
                }
            )
    frame = pd.DataFrame(rows, columns=RECONCILE_COLUMNS)  # the columns stay when a ledger has no estimate
    return frame.sort_values(["quantity", "measure", "when", "stage", "claim_id"], ignore_index=True)


#: The columns of :func:`reconcile`, one row per estimate.
RECONCILE_COLUMNS = [
    "quantity", "measure", "stage", "when", "claim_id", "claimant", "bound", "value", "unit", "low", "high",
    "derived", "rests_on", "group_low", "group_high", "group_status", "compatible_with", "conflicts_with",
    "not_comparable_with", "compatible", "conflicts", "not_comparable",
]  # fmt: skip
