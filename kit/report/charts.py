"""The charts of the single-article pages, each in the house style, each exposing what it drew.

Every chart function takes checked notebook parameters and returns a :class:`~kit.report.marks.Chart`
(the figure plus a DataFrame of what was drawn), or None when the subset selects nothing, which
:func:`show` says in words. The map lives in :mod:`kit.report.map`, the reconciliation chart in
:mod:`kit.report.reconciliation_chart`; both are re-exported here so a notebook imports one module.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import seaborn as sns
from matplotlib.ticker import MaxNLocator

from kit import analysis
from kit.figures import format_with_unit
from kit.report import narrative, style, words
from kit.report.map import places_map
from kit.report.marks import (
    Chart,
    claim_mark,
    count_axis,
    draw,
    framed,
    label_x,
    legend,
    mark,
    row_label,
    show,
    side_colours,
    soldiers_by_side,
)
from kit.report.params import Params
from kit.report.reconciliation_chart import chart as reconciliation

__all__ = [
    "Chart",
    "brigade_arithmetic",
    "first_batch",
    "munitions_and_aid",
    "places_map",
    "reconciliation",
    "recruitment",
    "show",
    "sources_by_side",
    "troop_estimates",
]


# -- notebook 1 -----------------------------------------------------------------------------------


def troop_estimates(params: Params) -> Chart | None:
    """Every soldier count of the whole, by source, grouped by side, each drawn by its bound."""
    claims = analysis.troop_totals(analysis.select(params, topic="troops"))
    if claims.empty:
        return None
    with style.using(params.style):
        figure, ax, rows, positions = soldiers_by_side(params, claims, 0.9)
        ax.set_yticks(positions, [row["label"] for row in rows])
        ax.set_ylim(positions[-1] + 0.8, -0.6)
        subtitle = "Each figure the article quotes, by who gave it, grouped by the side they speak for"
        data = pd.DataFrame(rows)
        legend(figure, list(data["drawn_as"]))
        title = narrative.troops_title(data)
    return framed(figure, data, title, subtitle, params, list(claims["claimant_name"]), "troop_estimates")


def brigade_arithmetic(params: Params) -> Chart | None:
    """Soldiers per brigade and in all, per source that gives a brigade count; implied values in grey."""
    table = analysis.brigade_arithmetic(analysis.select(params, topic="troops"))
    if table.empty:
        return None
    colours = side_colours(params)
    positions = [float(index) for index in range(len(table))]
    labels = [
        f"{textwrap.fill(str(row['claimant_name']), 26)}\n{format_with_unit(row['brigades'], 'brigades')}"
        for _, row in table.iterrows()
    ]
    rows = []
    with style.using(params.style):
        figure, axes = style.new_figure(1.5 + 0.9 * len(table), params.style, ncols=2, sharey=True)
        panels = (("per_brigade", "Soldiers per brigade"), ("total", "Soldiers in all"))
        for panel, (column, heading) in enumerate(panels):
            ax = axes[0][panel]
            limit = max(table["per_brigade"].max(), table["total"].max()) * 1.75  # one scale: same unit
            count_axis(ax, "soldiers", limit, nbins=4)
            ax.set_title(heading, fontsize=12)
            for y, (_, row) in zip(positions, table.iterrows(), strict=True):
                implied = bool(row[f"{column}_implied"])
                bound = str(row[f"{column}_bound"])
                drawn = draw(ax, y, row[column], bound, colours[str(row["side"])], limit, implied=implied)
                text = words.plain(row[column], "soldiers", bound) + (" (implied)" if implied else "")
                ax.text(
                    label_x(row[column], drawn, limit), y, text, va="center", ha="left", fontsize=10.5, in_layout=False
                )
                rows.append(
                    mark(
                        ax,
                        panel,
                        row[f"{column}_claim"],
                        labels[int(y)],
                        str(row["side"]),
                        float(row[column]),
                        "soldiers",
                        bound,
                        drawn,
                        implied,
                        y,
                    )
                )
        axes[0][0].set_yticks(positions, labels)
        axes[0][0].set_ylim(len(table) - 0.4, -0.6)
        data = pd.DataFrame(rows)
        legend(figure, list(data["drawn_as"]))
        title = narrative.brigades_title(table)
        subtitle = "What each source's brigade count implies; grey values are the kit's arithmetic, not quotes"
    return framed(figure, data, title, subtitle, params, list(table["claimant_name"]), "brigade_arithmetic")


def first_batch(params: Params) -> Chart | None:
    """Each estimate of the total, with each partial figure (a soldier count of a part) as a reference line."""
    claims = analysis.select(params, topic="troops")
    shares = analysis.batch_shares(claims)
    if shares.empty:
        return None
    totals = claims[claims["claim_id"].isin(shares["total_claim"])].reset_index(drop=True)
    batches = claims[claims["claim_id"].isin(shares["batch_claim"])].reset_index(drop=True)
    with style.using(params.style):
        figure, ax, rows, positions = soldiers_by_side(params, totals, 1.0)
        for _, batch in batches.iterrows():
            ax.axvline(batch["value"], color=style.INK, linestyle="--", linewidth=1.5)
            when = f" by {batch['deadline']}" if pd.notna(batch["deadline"]) else ""
            ax.text(
                batch["value"],
                -0.45,
                f" {words.plain(batch['value'], 'soldiers')}{when} ({batch['claimant_name']})",
                ha="left",
                va="center",
                fontsize=10,
                color=style.INK,
            )
            rows.append(
                mark(
                    ax,
                    0,
                    batch["claim_id"],
                    row_label(batch),
                    str(batch["side"]),
                    float(batch["value"]),
                    "soldiers",
                    str(batch["bound"]),
                    "reference",
                    False,
                    float("nan"),
                )
            )
        ax.set_yticks(positions, [row["label"] for row in rows if row["drawn_as"] != "reference"])
        ax.set_ylim(positions[-1] + 0.8, -0.8)
        legend(figure, [row["drawn_as"] for row in rows if row["drawn_as"] != "reference"])
        data = pd.DataFrame(rows)
        title = narrative.batch_title(
            shares, dict(zip(batches["claim_id"], batches["counts"].astype(str), strict=True))
        )
        subtitle = "Estimates of the total; the dashed line is a part of it, as the article counts it"
    return framed(
        figure, data, title, subtitle, params, [*totals["claimant_name"], *batches["claimant_name"]], "first_batch"
    )


# -- notebook 2 -----------------------------------------------------------------------------------


def munitions_and_aid(params: Params) -> Chart | None:
    """One panel per munitions or aid figure, each with its own axis and unit: never one shared axis."""
    claims = narrative.munitions_and_aid_claims(params)
    if claims.empty:
        return None
    colours = side_colours(params)
    rows = []
    with style.using(params.style):
        figure, axes = style.new_figure(0.3 + 1.75 * len(claims), params.style, nrows=len(claims))
        for panel, (_, row) in enumerate(claims.iterrows()):
            ax = axes[panel][0]
            limit = row["value"] * 1.45
            count_axis(ax, str(row["unit"]), limit)
            ax.set_title(textwrap.fill(f"{row['claimant_name']}: {row['counts']}", 80), fontsize=11.5)
            drawn = draw(ax, 0, row["value"], str(row["bound"]), colours[str(row["side"])], limit)
            ax.text(
                label_x(row["value"], drawn, limit),
                0,
                words.plain(row["value"], row["unit"], str(row["bound"])),
                va="center",
                fontsize=11,
                in_layout=False,
            )
            ax.set_yticks([0], [textwrap.fill(str(row["topic"]).capitalize(), 14)])
            ax.set_ylim(0.7, -0.7)
            rows.append(claim_mark(ax, panel, row, str(row["claimant_name"]), drawn, 0.0))
        data = pd.DataFrame(rows)
        title = narrative.munitions_title(claims)
        subtitle = (
            "Each figure on its own scale, with who gave it and what it covers: "
            "bar lengths do not compare across panels"
        )
    return framed(figure, data, title, subtitle, params, list(claims["claimant_name"]), "munitions_and_aid")


# -- notebook 3 -----------------------------------------------------------------------------------


def recruitment(params: Params) -> Chart | None:
    """The share of the plan claimed fulfilled, and the implied remainder as a hatched grey bar."""
    claims = analysis.recruitment_shortfalls(analysis.select(params, topic="recruitment"))
    rows: list[dict] = []
    if claims.empty:
        return None
    colours = side_colours(params)
    with style.using(params.style):
        figure, axes = style.new_figure(1.3 + 0.9 * len(claims), params.style)
        ax = axes[0][0]
        count_axis(ax, "percent", 100)
        for y, (_, row) in enumerate(claims.iterrows()):
            drawn = draw(ax, y, row["value"], str(row["bound"]), colours[str(row["side"])], 100)
            ax.text(
                row["value"] / 2,
                y,
                f"claimed: {words.plain(row['value'], 'percent', str(row['bound']))}",
                ha="center",
                va="center",
                color="white",
                weight="bold",
                fontsize=11,
            )
            ax.barh(
                y,
                row["shortfall"],
                left=row["value"],
                height=0.56,
                color="white",
                edgecolor=style.GREY,
                hatch="///",
                linewidth=1.2,
            )
            ax.text(
                row["value"] + row["shortfall"] / 2,
                y - 0.52,
                f"implied shortfall: {words.plain(row['shortfall'], 'percent')}",
                ha="center",
                va="center",
                color=style.INK,
                fontsize=10,
            )
            for value, bound, kind, implied, claim in (
                (row["value"], str(row["bound"]), drawn, False, row["claim_id"]),
                (row["shortfall"], str(row["bound"]), "implied_bar", True, None),
            ):
                rows.append(
                    mark(
                        ax,
                        0,
                        claim,
                        str(row["claimant_name"]),
                        str(row["side"]),
                        float(value),
                        "percent",
                        bound,
                        kind,
                        implied,
                        float(y),
                    )
                )
        ax.set_yticks(range(len(claims)), [textwrap.fill(str(name), 20) for name in claims["claimant_name"]])
        ax.set_ylim(len(claims) - 0.4, -1.0)
        data = pd.DataFrame(rows)
        legend(figure, list(data["drawn_as"]), colour=colours[str(claims["side"].iloc[0])])
        title = narrative.recruitment_title(claims.iloc[0])
        subtitle = "The claim as stated; the shortfall is the kit's arithmetic, not a figure in the article"
    return framed(figure, data, title, subtitle, params, list(claims["claimant_name"]), "recruitment")


def sources_by_side(params: Params) -> Chart | None:
    """How many of the selected figures each source gives, coloured by side (seaborn bar chart)."""
    claims = analysis.select(params)
    table = analysis.sources_by_side(claims, params.ledger)
    if table.empty:
        return None
    frame = pd.DataFrame(
        {
            "source": [textwrap.fill(str(name), 34) for name in table["name"]],
            "figures": table["figures"].astype("int64").to_numpy(),
            "side": [str(side) for side in table["side"]],
        }
    )
    colours = side_colours(params)
    with style.using(params.style):
        figure, axes = style.new_figure(0.9 + 0.45 * len(frame), params.style)
        ax = axes[0][0]
        sns.barplot(
            data=frame,
            y="source",
            x="figures",
            hue="side",
            palette=colours,
            dodge=False,
            ax=ax,
            hue_order=[side for side in colours if side in set(frame["side"])],
            orient="h",
            width=0.6,
            legend=True,
            saturation=1,
        )
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("Figures given (count)")
        ax.set_ylabel("")
        ax.grid(axis="x")
        ax.set_axisbelow(True)
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
        ax.legend(title=None, loc="lower right")
        data = pd.DataFrame(
            {
                "panel": 0,
                "label": list(table["name"]),
                "side": frame["side"],
                "value": frame["figures"].astype(float),
                "unit": "figures",
                "bound": "exact",
                "drawn_as": "bar",
                "axis_label": ax.get_xlabel(),
            }
        )
        title = narrative.sources_title(table)
        subtitle = "Figures the article quotes, per source, coloured by the side the source speaks for"
    return framed(figure, data, title, subtitle, params, list(table["name"]), "sources_by_side")
