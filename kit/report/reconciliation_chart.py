"""The reconciliation chart: the interval each estimate allows, coloured by its verdict."""

from __future__ import annotations

import functools
import math

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from kit import analysis, vocab
from kit.analysis.bounds import ABOUT_TOLERANCE
from kit.analysis.sizes import TOTAL, one_of
from kit.figures import CURRENCY_SIGNS, format_figure
from kit.report import limits, model, narrow, style, words
from kit.report.marks import Chart
from kit.report.params import Params
from kit.report.reconciliation import STATUS_COLOURS, STATUS_WORDS, row_status
from kit.report.ticks import SpacedLocator


def _label(row: pd.Series) -> str:
    """Who gave an estimate, with its stage and date when it has them."""
    detail = ", ".join(
        str(part) for part in (row["stage"], words.date_words(row["when"]) if row["when"] else "") if part
    )
    name = style.fit(str(row["claimant_name"]), style.chars(32), lines=2)
    return name + ("\n" + style.fit(f"({detail})", style.chars(40), lines=2) if detail else "")


#: The dotted line of an estimate that stands alone at its stage (nothing to fit or conflict with).
LONE = (0, (1, 1.2))


def _key(status: str, text: str) -> Line2D:
    """A verdict's legend key: the line the chart draws for it, in its colour and dash."""
    dash = LONE if status == "single claim" else "-"
    return Line2D([], [], color=STATUS_COLOURS[status], linewidth=3.2, linestyle=dash, label=text)


def _recent(group: pd.DataFrame, share: int) -> pd.DataFrame:
    """At most ``share`` estimates of one panel: the most recent dates first, in the panel's own order."""
    if len(group) <= share:
        return group
    chosen = group.sort_values(["when", "claim_id"], ascending=[False, True], kind="stable").head(share)
    return group.loc[sorted(chosen.index)]


def chart(params: Params, tolerance: float = ABOUT_TOLERANCE) -> Chart | None:
    """The reconciliation chart of the notebook's subset (:func:`chart_of` its page's model)."""
    return chart_of(model.reconciliation_page(params, tolerance))


@narrow.redrawable
def chart_of(page: model.ReconciliationPage) -> Chart | None:
    """One panel per contested quantity: the interval each claim allows, coloured by its verdict.

    Shading marks the range every estimate of one stage allows, so agreement reads as overlap and a
    conflict as a gap. Returns None when no quantity has two estimates in the subset.
    """
    table, params, reading = page.contested, page.reading.params, page.reading
    if table.empty:
        return None
    every = reading.claims
    hollow_ids = set(every.loc[analysis.drawn_hollow(every), "claim_id"])  # a forecast, target or deadline
    claims = every.set_index("claim_id")
    stated_high = {  # a range's high end as stated (the interval's high end is read with its rounding)
        claim: float(claims.at[claim, "value_high"]) if claim in claims.index else None
        for claim in table.loc[table["bound"].isin(vocab.ranged()), "claim_id"]
    }
    declared = reading.stages  # stages in the ledger's order
    table = table.assign(stage_rank=[declared.index(s) if s in declared else len(declared) for s in table["stage"]])
    panels = list(table.groupby(["quantity", "measure"], sort=False))
    total = len(table)
    if len(panels) > limits.PANELS or total > limits.RECONCILE_ROWS:  # small multiples, each a few rows
        share = max(2, limits.RECONCILE_ROWS // min(len(panels), limits.PANELS))
        panels = [(key, _recent(group, share)) for key, group in panels[: limits.PANELS]]
    heights = [len(group) + 1.2 for _, group in panels]
    rows, shaded = [], False
    with style.using(params.style):
        figure, axes = style.new_figure(
            2.3 + 0.5 * sum(heights), params.style, nrows=len(panels), gridspec_kw={"height_ratios": heights}
        )
        for panel, ((quantity, measure), group) in enumerate(panels):
            ax = axes[panel][0]
            group = group.sort_values(["when", "stage_rank", "stage", "derived", "claim_id"], ignore_index=True)
            unit = group["unit"].iloc[0]
            finite = [v for v in (*group["high"], *group["value"]) if v != math.inf]
            limit = max(finite) * 1.3 if max(finite) > 0 else 1.0
            for _group, members in group.groupby(["stage", "when"], sort=False):
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
                status = row_status(row)
                colour = STATUS_COLOURS[status]
                hollow = row["claim_id"] in hollow_ids
                high = min(row["high"], limit)
                style_args = {"color": colour, "linewidth": 3.2, "solid_capstyle": "butt"}
                if row["derived"]:
                    style_args |= {"linestyle": (0, (3, 1.5))}
                elif status == "single claim":  # grey like a fitting estimate: the dots tell it apart
                    style_args |= {"linestyle": LONE}
                if row["low"] == row["high"]:
                    ax.plot(
                        [row["low"]],
                        [y],
                        marker="o",
                        markersize=9,
                        color=colour,
                        markerfacecolor="white" if row["derived"] or hollow else colour,
                        markeredgewidth=2,
                    )
                else:
                    ax.plot([row["low"], high], [y, y], **style_args)
                    if hollow:  # an outline: the line's inside left white
                        ax.plot([row["low"], high], [y, y], color="white", linewidth=1.2, solid_capstyle="butt")
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
                high_end = stated_high.get(row["claim_id"]) if row["bound"] in vocab.ranged() else None
                stated = row if high_end is None else {**row, "value_high": high_end}
                label = words.figure_text(stated, unit) + (" (implied)" if row["derived"] else "")
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
                        "label": _label(row),
                        "stage": row["stage"],
                        "low": row["low"],
                        "high": row["high"],
                        "value": row["value"],
                        "value_high": high_end,
                        "unit": unit,
                        "bound": row["bound"],
                        "derived": bool(row["derived"]),
                        "status": status,
                        "hollow": hollow,
                        "y": y,
                        "written": label if row["bound"] == "vague" else "",  # the alt text: "tens of thousands"
                    }
                )
            labels = [_label(row) for _, row in group.iterrows()]
            ax.set_yticks(list(group.index), labels)
            ax.set_ylim(len(group) - 0.4, -0.6)
            ax.set_xlim(0, limit)
            tick_unit = unit if unit in CURRENCY_SIGNS or unit == "percent" else "count"
            label = functools.partial(_tick, unit=tick_unit)
            ax.xaxis.set_major_locator(SpacedLocator(style.ticks(5), label, steps=[1, 2, 2.5, 5, 10]))
            ax.xaxis.set_major_formatter(lambda value, _pos, said=label: said(value))
            per = "" if measure == TOTAL else f" {measure}"
            title = words.upper_first(reading.labels.get(quantity, quantity))
            ax.set_title(
                style.fit(f"{title}{per}", style.chars(52, 22), lines=2), loc="left", fontsize=11, weight="bold"
            )
            ax.grid(axis="x")
            ax.set_axisbelow(True)
            ax.tick_params(axis="y", length=0)
        data = pd.DataFrame(rows)
        drawn = set(data["status"])
        handles = [_key(key, text) for key, text in STATUS_WORDS.items() if key in drawn]
        if data["derived"].any():
            grouped = list(reading.groups)  # the ledger's units of groups, in its words
            counted = f"a {one_of(grouped[0])} count" if len(grouped) == 1 else "a count of groups"
            implied = f"Implied by {counted} (dashed or hollow)"
            handles.append(Line2D([], [], color=style.GREY, linestyle=(0, (3, 1.5)), linewidth=3, label=implied))
        if data["hollow"].any():  # the outlined line this chart draws for an expected figure
            outline = Patch(facecolor="white", edgecolor=style.INK, linewidth=1.2, label=words.LEGEND_TEXT["hollow"])
            handles.append(outline)
        if shaded:  # the shade spans the estimates of one stage and date (one date where the ledger has no stages)
            staged = data["stage"].fillna("").astype(str).str.strip().ne("").any()
            shade = f"What all estimates of one {'stage and ' if staged else ''}date allow"
            handles.append(Patch(color=STATUS_COLOURS["agree"], alpha=0.3, label=shade))
        for handle in handles:  # a key's words wrap to the chart's width
            handle.set_label(style.fit(handle.get_label(), style.chars(80)))
        figure.legend(handles=handles, loc="outside lower left", ncol=style.columns(2))
        conflicts = data[data["status"] == "conflict"]
        title = (
            "Where the sources' estimates cannot all be right"
            if not conflicts.empty
            else "Every source's estimate can be right at once"
        )
        # how each bound is read is said once, in the section's sentences above the chart
        subtitle = "Each line is the range a claim allows, coloured by how it fares against the others"
        left_out = limits.capped(len(data), total, "estimates, per quantity the most recent", limits.claims_csv())
        subtitle += f". {left_out}" if left_out else ""
        drawn_names = table["claimant_name"] if len(data) == total else data["label"].str.split("\n").str[0]
        source = reading.source_line(list(drawn_names))
        style.finalise(figure, title, source, subtitle)
    return Chart(figure, data, title, source, subtitle, "reconciliation")


def _tick(value: float, unit: str) -> str:
    """A value axis's tick label: "0", or the figure as the article's style writes it."""
    return "0" if value == 0 else format_figure(value, unit)
