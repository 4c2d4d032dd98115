"""Group arithmetic: what a count of groups and a figure of their members from one claimant imply together.

A ledger declares which of its units count groups of another (``"group_of"`` beside the unit's rules under
``units`` in datapackage.json: ``"crews": {"whole": true, "group_of": "people"}``); the kit knows no article's
groups. A claimant who gives a count of groups and a figure of their members at the same stage implies the other
measure: "around 1,500" in "three" groups means about 500 a group; "700 each" in "two" groups means 1,400 in all.
This module is the one place that arithmetic is done: the group chart, its sentences and the reconciliation all
read :func:`group_arithmetic`.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping

import pandas as pd

from kit import ledger as _ledger
from kit.analysis.bounds import ABOUT_TOLERANCE, combine_bounds, interval

#: The key beside a unit's rules that names the unit its groups are made of.
GROUP_KEY = "group_of"
#: The measure of a figure in all (not per group).
TOTAL = "total"
COLUMNS = [
    "claimant",
    "claimant_name",
    "side",
    "stage",
    "group_unit",
    "member_unit",
    "groups",
    "groups_bound",
    "groups_claim",
    "per_group",
    "per_group_bound",
    "per_group_claim",
    "per_group_low",
    "per_group_high",
    "total",
    "total_bound",
    "total_claim",
    "total_low",
    "total_high",
    "per_group_implied",
    "total_implied",
]


def group_units(ledger: str | os.PathLike | None = None, package: dict | None = None) -> dict[str, str]:
    """Each unit the ledger declares a group of another, with the unit of its members (``group_of``); ``package``
    is its data package when the caller has read it already."""
    units = (_ledger.package(ledger) if package is None else package).get("units", {})
    return {str(unit): str(rule[GROUP_KEY]) for unit, rule in units.items() if rule.get(GROUP_KEY)}


def one_of(unit: str) -> str:
    """One of a unit in words, as a measure names it: "crews" -> "crew"; a unit of many ("thousand residents", "100,000
    people") stays plural: "per thousand residents", never "per thousand resident"."""
    if re.match(r"(?:\d[\d,]*|ten|hundred|thousand|million|billion)[\s-]", unit, re.IGNORECASE):
        return unit
    return unit[:-1] if unit.endswith("s") and not unit.endswith("ss") else unit


def per_measure(group_unit: str) -> str:
    """The measure of a size per group, in words: "per crew". Estimates of one measure are compared together."""
    return f"per {one_of(group_unit)}"


def with_groups(
    claims: pd.DataFrame, ledger: str | os.PathLike | None = None, groups: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Claims with their ledger's group declarations beside each: ``group_of`` (the unit of the members when the
    claim's unit counts groups, else "") and ``per_group`` (the group unit a per_unit figure is a size per, else
    ""). ``groups`` stands in for the ledger's declarations (:func:`group_units`)."""
    groups = group_units(ledger) if groups is None else dict(groups)
    units = [_text(unit) for unit in (claims["unit"] if "unit" in claims else [""] * len(claims))]
    kinds = [_text(kind) for kind in (claims["kind"] if "kind" in claims else [""] * len(claims))]
    pers = [_text(per) for per in (claims["per"] if "per" in claims else [""] * len(claims))]
    return claims.assign(
        group_of=[groups.get(unit, "") for unit in units],
        per_group=[per if kind == "per_unit" and per in groups else "" for kind, per in zip(kinds, pers, strict=True)],
    )


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _pair(count: pd.Series, members: pd.Series, tolerance: float) -> dict:
    """One count of groups with one figure of their members: the stated measure as given, the other one implied."""
    n, n_bound = float(count["value"]), str(count["bound"])
    n_low, n_high = interval(n, n_bound, tolerance)
    value, bound = float(members["value"]), str(members["bound"])
    low, high = interval(value, bound, tolerance)
    joint = combine_bounds(bound, n_bound)
    row = {
        "claimant": str(count["claimant"]),
        "claimant_name": str(count.get("claimant_name", count["claimant"])),
        "side": str(count.get("side", "")),
        "stage": _text(count.get("stage")),
        "group_unit": str(count["unit"]),
        "member_unit": str(members["unit"]),
        "groups": n,
        "groups_bound": n_bound,
        "groups_claim": str(count["claim_id"]),
    }
    if _text(members.get("per_group")):
        return row | {
            "per_group": value,
            "per_group_bound": bound,
            "per_group_claim": str(members["claim_id"]),
            "per_group_low": low,
            "per_group_high": high,
            "total": value * n,
            "total_bound": joint,
            "total_claim": None,
            "total_low": low * n_low,
            "total_high": high * n_high,
        }
    return row | {
        "per_group": float(round(value / n)),
        "per_group_bound": joint,
        "per_group_claim": None,
        "per_group_low": low / n_high,
        "per_group_high": high / n_low if n_low else math.inf,
        "total": value,
        "total_bound": bound,
        "total_claim": str(members["claim_id"]),
        "total_low": low,
        "total_high": high,
    }


def group_arithmetic(claims: pd.DataFrame, tolerance: float = ABOUT_TOLERANCE) -> pd.DataFrame:
    """Per claimant, stage and group unit with one count of groups: members per group and in all, stated or implied.

    ``claims`` carry their ledger's group declarations (:func:`with_groups`; without them nothing is a group).
    Each figure of the members (a total, or a size per group of that unit) of the same claimant at the same stage
    pairs with the count. The implied value carries the combined bound of its inputs and the interval both inputs
    allow. A claimant with two counts of one group unit at one stage is ambiguous and implies nothing; so is one who
    states both a total and a size per group (the total may hold members outside the groups).
    """
    rows = []
    if "group_of" not in claims or "per_group" not in claims:
        claims = claims.assign(group_of="", per_group="")
    group_of = claims["group_of"].map(_text)
    counted = claims[(group_of != "") & (claims["kind"].astype(str) == "level")] if (group_of != "").any() else None
    if counted is None or counted.empty:  # no count of groups: nothing to pair (most ledgers, every page)
        return _table(rows)
    stages = claims["stage"].map(_text) if "stage" in claims else pd.Series("", index=claims.index)
    per_group = claims["per_group"].map(_text)
    claimants = claims["claimant"].astype(str)
    keys = list(zip(claimants, stages, strict=True))
    with_counts = set(zip(claimants[counted.index], stages[counted.index], strict=True))
    for claimant, stage in dict.fromkeys(key for key in keys if key in with_counts):  # the others pair nothing
        mine = (claimants == claimant) & (stages == stage)
        for unit, counts in counted[mine[counted.index]].groupby(counted["unit"].astype(str), sort=False):
            if len(counts) != 1 or counts["value"].iloc[0] == 0:
                continue
            count = counts.iloc[0]
            members = claims[mine & (claims["unit"].astype(str) == str(count["group_of"]))]
            sized = members[per_group[members.index] == unit]
            totals = members[members["kind"].astype(str) == "level"]
            if len(sized) and len(totals):
                continue  # both measures stated: the total may hold members outside the groups ("three battalions of
                # about 800 each, plus engineers"), so neither implies the other
            for _, figure in pd.concat([sized, totals]).iterrows():
                rows.append(_pair(count, figure, tolerance))
    return _table(rows)


def _table(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["per_group_implied"] = frame["per_group_claim"].isna()
    frame["total_implied"] = frame["total_claim"].isna()
    return frame
