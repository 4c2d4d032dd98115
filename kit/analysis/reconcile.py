"""Reconcile estimates of the same quantity: which sources can all be right, and which cannot.

Claims that share a ``quantity`` slug estimate the same thing. Each claim
allows an interval given its ``bound``:

* ``exact``    ``[v, v]``
* ``about``    ``[v*(1-t), v*(1+t)]``, t = ``tolerance`` (default 0.1: "around
  1,500" is a rounded figure, and ten percent covers rounding to two
  significant figures)
* ``at_least`` ``[v, inf)``
* ``up_to``    ``[0, v]``

Two claims are *compatible* when one number can satisfy both, otherwise they
*conflict*. Estimates of the same stage are compared as the same number.
Counts at different stages are not the same number, so they are not set
against each other, with one exception: soldiers who are training or
deploying have arrived, so a count of a later stage may not exceed a count
of arrivals (the pair is compared as ``subset``: compatible when the later
count's lowest value fits under the arrivals' highest). Training against
deploying, or a staged count against an unstaged one, is ``not comparable``:
the article never says how those groups overlap.

A claimant who gives both a number of brigades and a soldier count implies
the other measure: "around 1,500" in "three brigades" means about 500 per
brigade; "700 soldiers each" in "two brigades" means 1,400 in all. Such
derived rows carry the ids of both claims they rest on.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

import pandas as pd

from kit.figures import format_figure, format_with_unit

if TYPE_CHECKING:
    from IPython.display import Markdown

    from kit.report.charts import Chart
    from kit.report.params import Params

DEFAULT_TOLERANCE = 0.1
#: Stages whose counts include the counts of other stages: everyone training or deploying has arrived.
STAGE_INCLUDES = {"arrived": frozenset({"training", "deploying"})}
BRIGADE_UNIT = "brigades"
MEASURES = ("total", "per_brigade")

_STAGE_WORDS = {"arrived": "arrived", "training": "in training", "deploying": "deploying", "": ""}


def interval(value: float, bound: str, tolerance: float = DEFAULT_TOLERANCE) -> tuple[float, float]:
    """The range of true values a figure allows, given how the article qualifies it."""
    if not 0 <= tolerance < 1:
        raise ValueError(f"tolerance must be in [0, 1), not {tolerance}")
    if bound == "exact":
        return (value, value)
    if bound == "about":
        return (value * (1 - tolerance), value * (1 + tolerance))
    if bound == "at_least":
        return (value, math.inf)
    if bound == "up_to":
        return (0.0, value)
    raise ValueError(f"unknown bound {bound!r}: expected exact, about, at_least or up_to")


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _claims_frame(data: pd.DataFrame | str | os.PathLike | None) -> pd.DataFrame:
    """Claims as plain strings and floats, with claimant names when the ledger has them."""
    if isinstance(data, pd.DataFrame):
        frame = data.copy()
    else:
        from kit.ledger import claims_with_sources

        frame = claims_with_sources(data)
    if "claimant_name" not in frame:
        frame["claimant_name"] = frame["claimant"]
    for column, default in (("stage", ""), ("basis", "total")):
        if column not in frame:
            frame[column] = default  # a ledger whose schema has no stages or no per-brigade figures
    for column in ("claim_id", "quantity", "unit", "basis", "bound", "claimant", "stage", "claimant_name"):
        frame[column] = [_text(cell) for cell in frame[column]]
    frame["value"] = frame["value"].astype("float64")
    return frame.sort_values("claim_id", ignore_index=True)


@dataclass(frozen=True)
class _Estimate:
    claim_id: str
    quantity: str
    measure: str
    stage: str
    claimant: str
    claimant_name: str
    bound: str
    value: float
    unit: str
    low: float
    high: float
    rests_on: tuple[str, ...]
    via: str  # the brigades claim's figure as written, for sentences; empty when not derived


def _via(row: object, count: pd.Series) -> str:
    """What a derived estimate follows from, in words: "around 1,500 soldiers in three brigades"."""
    prefix = {"exact": "", "about": "around ", "at_least": "at least ", "up_to": "up to "}[row.bound]
    brigades = format_with_unit(count["value"], BRIGADE_UNIT)
    if row.basis == "per_brigade":
        return f"{brigades} of {prefix}{format_with_unit(row.value, row.unit)} each"
    return f"{prefix}{format_with_unit(row.value, row.unit)} in {brigades}"


def _estimates(claims_df: pd.DataFrame, tolerance: float) -> list[_Estimate]:
    """One estimate per claim in its own measure, plus the measure it implies with its claimant's brigade count."""
    estimates = []
    brigades = claims_df[claims_df["unit"] == BRIGADE_UNIT]
    for row in claims_df.itertuples(index=False):
        low, high = interval(row.value, row.bound, tolerance)
        measure = "per_brigade" if row.basis == "per_brigade" else "total"
        common = {
            "claim_id": row.claim_id,
            "quantity": row.quantity,
            "stage": row.stage,
            "claimant": row.claimant,
            "claimant_name": row.claimant_name,
            "bound": row.bound,
            "unit": row.unit,
        }
        estimates.append(
            _Estimate(**common, measure=measure, value=row.value, low=low, high=high, rests_on=(row.claim_id,), via="")
        )
        if row.unit == BRIGADE_UNIT:
            continue
        mine = brigades[(brigades["claimant"] == row.claimant) & (brigades["stage"] == row.stage)]
        if len(mine) != 1:
            continue  # no brigade count from this claimant at this stage, or an ambiguous one
        count = mine.iloc[0]
        n_low, n_high = interval(count["value"], count["bound"], tolerance)
        if measure == "total":
            other = ("per_brigade", row.value / count["value"], low / n_high, high / n_low if n_low else math.inf)
        else:
            other = ("total", row.value * count["value"], low * n_low, high * n_high)
        estimates.append(
            _Estimate(
                **common,
                measure=other[0],
                value=float(round(other[1])),
                low=other[2],
                high=other[3],
                rests_on=(row.claim_id, count["claim_id"]),
                via=_via(row, count),
            )
        )
    return estimates


def _relation(a: _Estimate, b: _Estimate) -> str:
    if a.stage == b.stage:
        return "same stage"
    if b.stage in STAGE_INCLUDES.get(a.stage, ()) or a.stage in STAGE_INCLUDES.get(b.stage, ()):
        return "subset"
    return "not comparable"


def _verdict(a: _Estimate, b: _Estimate, relation: str) -> tuple[str, float, float]:
    """compatible / conflict / not comparable, and the joint range a same-stage pair allows."""
    if relation == "same stage":
        low, high = max(a.low, b.low), min(a.high, b.high)
        return ("compatible" if low <= high else "conflict", low, high)
    if relation == "subset":
        whole, part = (a, b) if b.stage in STAGE_INCLUDES.get(a.stage, ()) else (b, a)
        return ("compatible" if part.low <= whole.high else "conflict", math.nan, math.nan)
    return ("not comparable", math.nan, math.nan)


_PAIR_COLUMNS = [
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


def _pairs(estimates: list[_Estimate]) -> pd.DataFrame:
    rows = []
    for a, b in combinations(estimates, 2):
        if a.quantity != b.quantity or a.measure != b.measure or a.claim_id == b.claim_id:
            continue
        relation = _relation(a, b)
        verdict, low, high = _verdict(a, b, relation)
        rows.append(
            {
                "quantity": a.quantity,
                "measure": a.measure,
                "claim_a": a.claim_id,
                "claim_b": b.claim_id,
                "stage_a": a.stage,
                "stage_b": b.stage,
                "relation": relation,
                "verdict": verdict,
                "joint_low": low,
                "joint_high": high,
                "claim_ids": tuple(sorted(set(a.rests_on) | set(b.rests_on))),
            }
        )
    frame = pd.DataFrame(rows, columns=_PAIR_COLUMNS)
    return frame.sort_values(["quantity", "measure", "claim_a", "claim_b"], ignore_index=True)


def pairs(data: pd.DataFrame | str | os.PathLike | None = None, tolerance: float = DEFAULT_TOLERANCE) -> pd.DataFrame:
    """One row per pair of estimates of the same quantity and measure, with their verdict: the tidy view."""
    return _pairs(_estimates(_claims_frame(data), tolerance))


def _group_range(members: list[_Estimate]) -> tuple[float, float, str]:
    low, high = max(e.low for e in members), min(e.high for e in members)
    if len(members) == 1:
        return (low, high, "single claim")
    return (low, high, "agree" if low <= high else "conflict")


def reconcile(
    data: pd.DataFrame | str | os.PathLike | None = None, tolerance: float = DEFAULT_TOLERANCE
) -> pd.DataFrame:
    """One row per estimate (claim x measure): the interval it allows, its stage group's range, its verdicts.

    ``data`` is a ledger folder (None: the packaged ledger) or a claims DataFrame.
    ``group_low``/``group_high`` intersect every estimate of the same quantity, measure and stage;
    ``group_status`` is ``conflict`` when that intersection is empty.
    """
    estimates = _estimates(_claims_frame(data), tolerance)
    verdicts = _pairs(estimates)
    groups = _groups(estimates)
    rows = []
    for e in estimates:
        low, high, status = _group_range(groups[(e.quantity, e.measure, e.stage)])
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
                "claim_id": e.claim_id,
                "claimant": e.claimant,
                "bound": e.bound,
                "value": e.value,
                "unit": e.unit,
                "low": e.low,
                "high": e.high,
                "derived": len(e.rests_on) > 1,
                "rests_on": ", ".join(e.rests_on),
                "group_low": low,
                "group_high": high,
                "group_status": status,
                "compatible_with": others("compatible"),
                "conflicts_with": others("conflict"),
                "not_comparable_with": others("not comparable"),
            }
        )
    return pd.DataFrame(rows).sort_values(["quantity", "measure", "stage", "claim_id"], ignore_index=True)


# -- sentences ---------------------------------------------------------------


def _figure(e: _Estimate) -> str:
    """An estimate as a reader would say it: "around 1,500 soldiers", "700 soldiers per brigade"."""
    prefix = {"exact": "", "about": "around ", "at_least": "at least ", "up_to": "up to "}[e.bound]
    per = " per brigade" if e.measure == "per_brigade" else ""
    return f"{prefix}{format_with_unit(e.value, e.unit)}{per}"


def _range(low: float, high: float, unit: str) -> str:
    """The range a set of estimates allows, in words; bounds are rounded to whole figures."""
    if high == math.inf:
        return f"at least {format_with_unit(round(low), unit)}"
    if low == high:
        return f"exactly {format_with_unit(round(low), unit)}"
    if low <= 0:
        return f"up to {format_with_unit(round(high), unit)}"
    return f"between {format_figure(round(low), unit)} and {format_with_unit(round(high), unit)}"


def _what(e: _Estimate) -> str:
    per = " per brigade" if e.measure == "per_brigade" else ""
    return " ".join(part for part in (e.unit + per, _STAGE_WORDS.get(e.stage, e.stage)) if part)


def _said(e: _Estimate, stage: bool = True) -> str:
    """Who says what; a derived estimate also says what it follows from."""
    derived = f", which follows from {e.via}" if e.via else ""
    stage_words = f" {_STAGE_WORDS.get(e.stage, e.stage)}" if stage and e.stage else ""
    return f"{_figure(e)}{stage_words} according to {e.claimant_name}{derived}"


def _groups(estimates: list[_Estimate]) -> dict[tuple[str, str, str], list[_Estimate]]:
    groups: dict[tuple[str, str, str], list[_Estimate]] = {}
    for estimate in estimates:
        groups.setdefault((estimate.quantity, estimate.measure, estimate.stage), []).append(estimate)
    return groups


def sentences(
    data: pd.DataFrame | str | os.PathLike | None = None, tolerance: float = DEFAULT_TOLERANCE
) -> pd.DataFrame:
    """Plain sentences stating the reconciliation, each with the claim_ids it rests on, for a narrative to quote.

    Every figure is written by kit.figures from the ledger's values, so a sentence never disagrees with the data.
    """
    estimates = _estimates(_claims_frame(data), tolerance)
    by_id = {(e.claim_id, e.measure): e for e in estimates}
    rows: list[dict] = []
    for members in _groups(estimates).values():
        if len(members) < 2:
            continue
        low, high, status = _group_range(members)
        listed = "; ".join(_said(e, stage=False) for e in members)
        what = _what(members[0])
        if status == "agree":
            text = f"Estimates of {what} agree ({listed}): together they allow {_range(low, high, members[0].unit)}."
        else:
            text = f"Estimates of {what} cannot all be right ({listed})."
        ids = sorted({claim for e in members for claim in e.rests_on})
        rows.append({"kind": "range", "text": text, "claim_ids": tuple(ids)})
    verdicts = _pairs(estimates)
    for pair in verdicts.itertuples(index=False):
        a, b = by_id[(pair.claim_a, pair.measure)], by_id[(pair.claim_b, pair.measure)]
        if pair.verdict == "conflict" and pair.relation == "same stage":
            text = f"Conflict: {_said(a)}, against {_said(b)}; no number of {_what(a)} fits both."
        elif pair.verdict == "conflict":
            whole, part = (a, b) if a.stage in STAGE_INCLUDES else (b, a)
            stage = _STAGE_WORDS[part.stage]
            text = f"Conflict: {_said(part)}, more than {_said(whole)}; no more can be {stage} than arrived."
        elif pair.verdict == "compatible" and pair.relation == "subset":
            whole, part = (a, b) if a.stage in STAGE_INCLUDES else (b, a)
            text = (
                f"Compatible: {_said(whole)}, and {_said(part)}; "
                f"those {_STAGE_WORDS[part.stage]} need not outnumber those who arrived."
            )
        elif pair.verdict == "compatible":
            text = (
                f"Compatible: {_said(a)}, and {_said(b)}; both allow {_range(pair.joint_low, pair.joint_high, a.unit)}."
            )
        else:
            continue
        rows.append({"kind": pair.verdict, "text": text, "claim_ids": pair.claim_ids})
    not_comparable = verdicts[verdicts["verdict"] == "not comparable"]
    for _quantity, chunk in not_comparable.groupby("quantity", sort=True):
        unit = by_id[(chunk["claim_a"].iloc[0], chunk["measure"].iloc[0])].unit
        stages = sorted({s for s in (*chunk["stage_a"], *chunk["stage_b"]) if s})
        ids = sorted({claim for ids in chunk["claim_ids"] for claim in ids})
        text = (
            f"Counts of {unit} at different stages ({', '.join(stages)}) are not set against each other: "
            "the article does not say how those groups overlap."
        )
        rows.append({"kind": "not comparable", "text": text, "claim_ids": tuple(ids)})
    return pd.DataFrame(rows, columns=["kind", "text", "claim_ids"])


# -- notebook 5: chart and narrative ----------------------------------------------------------------

#: Colour of an estimate by how it fares against the others of its stage (Okabe-Ito, colour-blind safe).
STATUS_COLOURS = {"conflict": "#D55E00", "agree": "#009E73", "single claim": "#0072B2"}
STATUS_WORDS = {
    "agree": "Fits every other estimate it is compared with",
    "conflict": "Conflicts with another estimate",
    "single claim": "Only estimate of its stage",
}


def _row_status(row: pd.Series) -> str:
    """How one estimate fares: in conflict with any other, or fitting all, or alone at its stage."""
    if row["conflicts_with"]:
        return "conflict"
    return "single claim" if row["group_status"] == "single claim" else "agree"


def _selected(params: Params) -> pd.DataFrame:
    from kit import analysis

    return analysis.select(params)


def contested(params: Params, tolerance: float = DEFAULT_TOLERANCE) -> pd.DataFrame:
    """The reconciliation table narrowed to the notebook's subset and to quantities with two or more estimates."""
    claims = _selected(params)
    if claims.empty:
        return reconcile(claims, tolerance).iloc[0:0] if len(claims.columns) else pd.DataFrame()
    table = reconcile(claims, tolerance)
    sizes = table.groupby(["quantity", "measure"])["claim_id"].transform("size")
    names = claims.drop_duplicates("claim_id").set_index("claim_id")["claimant_name"].astype(str)
    table = table[sizes >= 2].copy()
    table["claimant_name"] = table["claim_id"].map(names)
    return table.reset_index(drop=True)


def chart(params: Params, tolerance: float = DEFAULT_TOLERANCE) -> Chart | None:
    """One panel per contested quantity: the interval each claim allows, coloured by its verdict.

    Shading marks the range every estimate of one stage allows, so agreement reads as overlap and a
    conflict as a gap. Returns None when no quantity has two estimates in the subset.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    from kit import ledger as _ledger
    from kit.report import narrative, style
    from kit.report.charts import Chart

    table = contested(params, tolerance)
    if table.empty:
        return None
    panels = list(table.groupby(["quantity", "measure"], sort=False))
    heights = [len(group) + 1.2 for _, group in panels]
    rows, shaded = [], False
    with style.using(params.style):
        figure, axes = style.new_figure(
            2.3 + 0.5 * sum(heights), params.style, nrows=len(panels), gridspec_kw={"height_ratios": heights}
        )
        for panel, ((quantity, measure), group) in enumerate(panels):
            ax = axes[panel][0]
            group = group.sort_values(["stage", "derived", "claim_id"], ignore_index=True)
            unit = group["unit"].iloc[0]
            finite = [v for v in (*group["high"], *group["value"]) if v != math.inf]
            limit = max(finite) * 1.3 if max(finite) > 0 else 1.0
            for _stage, members in group.groupby("stage", sort=False):
                low, high, status = (
                    members["group_low"].iloc[0],
                    members["group_high"].iloc[0],
                    members["group_status"].iloc[0],
                )
                if status == "agree" and len(members) > 1:
                    shaded = True
                    ys = list(members.index)
                    span = ([min(ys) - 0.42, max(ys) + 0.42],)
                    if high > low:
                        ax.fill_betweenx(*span, low, min(high, limit), color=STATUS_COLOURS["agree"], alpha=0.14, lw=0)
                    else:  # they agree on one number: mark it with a line through the group
                        ax.plot([low, low], *span, color=STATUS_COLOURS["agree"], alpha=0.45, linewidth=6, zorder=0)
            for y, row in group.iterrows():
                status = _row_status(row)
                colour = STATUS_COLOURS[status]
                high = min(row["high"], limit)
                style_args = {"color": colour, "linewidth": 3.2, "solid_capstyle": "butt"}
                if row["derived"]:
                    style_args |= {"linestyle": (0, (3, 1.5))}
                if row["low"] == row["high"]:
                    ax.plot(
                        [row["low"]],
                        [y],
                        marker="o",
                        markersize=9,
                        color=colour,
                        markerfacecolor="white" if row["derived"] else colour,
                        markeredgewidth=2,
                    )
                else:
                    ax.plot([row["low"], high], [y, y], **style_args)
                    for end in (row["low"], high):
                        if end == high and row["high"] == math.inf:
                            ax.annotate(
                                "",
                                xy=(limit, y),
                                xytext=(limit * 0.96, y),
                                arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 2},
                            )
                        else:
                            ax.plot([end, end], [y - 0.22, y + 0.22], color=colour, linewidth=2)
                label = narrative.plain(row["value"], unit, row["bound"]) + (" (implied)" if row["derived"] else "")
                ax.text(
                    1.02,
                    y,
                    label,
                    transform=ax.get_yaxis_transform(),
                    va="center",
                    ha="left",
                    fontsize=10,
                    color=style.INK,
                )
                rows.append(
                    {
                        "panel": panel,
                        "quantity": quantity,
                        "measure": measure,
                        "claim_id": row["claim_id"],
                        "stage": row["stage"],
                        "low": row["low"],
                        "high": row["high"],
                        "value": row["value"],
                        "unit": unit,
                        "bound": row["bound"],
                        "derived": bool(row["derived"]),
                        "status": status,
                        "y": y,
                    }
                )
            labels = [
                str(row["claimant_name"]) + (f"\n({row['stage']})" if row["stage"] else "")
                for _, row in group.iterrows()
            ]
            ax.set_yticks(list(group.index), labels)
            ax.set_ylim(len(group) - 0.4, -0.6)
            ax.set_xlim(0, limit)
            tick_unit = unit if unit in ("usd", "percent") else "count"
            ax.xaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
            ax.xaxis.set_major_formatter(
                lambda value, _pos, u=tick_unit: "0" if value == 0 else format_figure(value, u)
            )
            per = " per brigade" if measure == "per_brigade" else ""
            ax.set_title(f"{unit.capitalize()}{per} (quantity {quantity})", loc="left", fontsize=11, weight="bold")
            ax.grid(axis="x")
            ax.set_axisbelow(True)
            ax.tick_params(axis="y", length=0)
        data = pd.DataFrame(rows)
        drawn = set(data["status"])
        handles = [Patch(color=STATUS_COLOURS[key], label=text) for key, text in STATUS_WORDS.items() if key in drawn]
        if data["derived"].any():
            implied = "Implied by a brigade count (dashed or hollow)"
            handles.append(Line2D([], [], color=style.GREY, linestyle=(0, (3, 1.5)), linewidth=3, label=implied))
        if shaded:
            handles.append(Patch(color=STATUS_COLOURS["agree"], alpha=0.3, label="What all estimates of a stage allow"))
        figure.legend(handles=handles, loc="outside lower left", ncol=2)
        conflicts = data[data["status"] == "conflict"]
        title = (
            "Where the sources' estimates cannot all be right"
            if not conflicts.empty
            else "Every source's estimate can be right at once"
        )
        within = format_figure(tolerance * 100, "percent")
        subtitle = (
            f"Each line is the range a claim allows ('around' read as within {within}); "
            "counts of different stages are kept apart"
        )
        source = style.source_line(table["claimant_name"], _ledger.article(params.ledger).title)
        style.finalise(figure, title, source, subtitle)
    return Chart(figure, data, title, source, subtitle, "reconciliation")


def narrative_markdown(params: Params, tolerance: float = DEFAULT_TOLERANCE) -> Markdown:
    """The reconciliation in sentences, each citing the claims it rests on, for the notebook's Markdown cell."""
    from IPython.display import Markdown

    from kit.report import narrative

    claims = _selected(params)
    said = sentences(claims, tolerance) if not claims.empty else pd.DataFrame(columns=["kind", "text", "claim_ids"])
    said = said[said["claim_ids"].map(len) > 0]
    if said.empty:
        return narrative.nothing_to_show(params, "quantity estimated by two or more claims")
    within = narrative.escape_markdown(format_figure(tolerance * 100, "percent"))
    lines = [
        f"How the estimates fit together ('around' is read as within {within} of the figure; "
        "counts of different stages are kept apart):",
        "",
    ]
    for kind in ("range", "conflict", "compatible", "not comparable"):
        for sentence in said[said["kind"] == kind].itertuples(index=False):
            cites = "".join(narrative.cite(claim_id) for claim_id in sentence.claim_ids)
            lines.append(f"- {narrative.escape_markdown(sentence.text)}{cites}")
    cited = claims[claims["claim_id"].isin({claim for ids in said["claim_ids"] for claim in ids})]
    return Markdown("\n".join(lines) + "\n" + narrative.claims_cited(cited))


def pairs_table(params: Params, tolerance: float = DEFAULT_TOLERANCE) -> pd.DataFrame:
    """The pairwise verdicts for the notebook's subset, in columns a reader can scan."""
    claims = _selected(params)
    if claims.empty:
        return pd.DataFrame(columns=["quantity", "measure", "claim_a", "claim_b", "relation", "verdict"])
    table = pairs(claims, tolerance)
    return table[["quantity", "measure", "claim_a", "claim_b", "relation", "verdict"]]
