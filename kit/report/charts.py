"""The charts of the single-article pages, each in the house style, each exposing what it drew.

Every chart function takes checked notebook parameters and returns a :class:`~kit.report.marks.Chart`
(the figure plus a DataFrame of what was drawn), or None when the subset selects nothing, which
:func:`show` says in words. The map lives in :mod:`kit.report.map`, the reconciliation chart in
:mod:`kit.report.reconciliation_chart`; both are re-exported here so a notebook imports one module.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable

import pandas as pd
import seaborn as sns
from matplotlib.ticker import MaxNLocator

from kit import analysis
from kit import ledger as _ledger
from kit.figures import format_with_unit
from kit.report import limits, model, narrative, narrow, style, value_labels, words
from kit.report.legends import legend
from kit.report.map import places_map
from kit.report.marks import (
    Chart,
    by_side,
    count_axis,
    draw,
    framed,
    mark,
    row_label,
    show,
)
from kit.report.params import Params
from kit.report.reconciliation_chart import chart as reconciliation
from kit.report.time_chart import over_time

__all__ = [
    "Chart",
    "group_arithmetic",
    "estimates",
    "has_located_places",
    "over_time",
    "part",
    "places_map",
    "reconciliation",
    "shares",
    "show",
    "sources_by_side",
]


def has_located_places(params: Params) -> bool:
    """True when the ledger locates at least one place: the map has something to show."""
    return not _ledger.places(params.ledger).dropna(subset=["latitude", "longitude"]).empty


# -- estimates of one quantity --------------------------------------------------------------------


def estimates(params: Params, quantity: str) -> Chart | None:
    """Every level estimate of one quantity, by source, grouped by side (:func:`estimates_of`)."""
    return _drawn(params, lambda reading: model.estimates_section(reading, quantity), estimates_of)


def _drawn(params: Params, section_of: Callable, draw_section: Callable) -> Chart | None:
    """One section's chart for the notebook's subset: its model built from the page's reading and drawn; None when
    the subset has nothing for it."""
    reading = model.read(params)
    section = section_of(reading)
    return draw_section(reading, section) if section is not None else None


@narrow.redrawable
def estimates_of(reading: model.Reading, section: model.Estimates) -> Chart | None:
    """The estimates the section's model shows, by source, grouped by side, each drawn by its bound (those in the
    unit of the first: one axis, one unit)."""
    params, every = reading.params, section.statements
    unit = every["unit"].iloc[0]
    every = every[every["unit"] == unit]  # the title states the spread of every estimate, drawn or not
    claims = section.shown[section.shown["unit"] == unit].reset_index(drop=True)
    total = len(every)
    with style.using(params.style):
        figure, ax, rows, positions = by_side(params, claims, 0.9, reading)
        ax.set_yticks(positions, [row["label"] for row in rows])
        ax.set_ylim(positions[-1] + 0.8, -0.6)
        subtitle = "By who gave them, grouped by the side they speak for"  # the title names the quantity
        what, where = "estimates, the most recent", limits.claims_csv(section.quantity)
        left_out = limits.capped(len(claims), total, what, where)
        subtitle += f". {left_out}" if left_out else ""
        data = pd.DataFrame(rows)
        legend(figure, list(data["drawn_as"]), hollow=bool(data["hollow"].any()))
        highest = max(words.high_of(row) or row["value"] for _, row in every.iterrows())
        keys = [every[column].astype("string").fillna("") for column in ("stage", "when") if column in every]
        measures = len(set(zip(*keys, strict=True))) if keys else 1  # stages and dates the estimates cover
        drawn = every if total > len(claims) else data
        title = narrative.estimates_title(drawn, section.label, highest, measures, figures=every)
    names = list(claims["claimant_name"])
    return framed(figure, data, title, subtitle, params, names, "estimates", reading.source_line(names))


def group_arithmetic(params: Params, group_unit: str) -> Chart | None:
    """Members per group and in all, per source that gives a count of one group unit (:func:`group_arithmetic_of`)."""
    return _drawn(params, lambda reading: model.groups_section(reading, group_unit), group_arithmetic_of)


@narrow.redrawable
def group_arithmetic_of(reading: model.Reading, section: model.Groups) -> Chart:
    """Members per group and in all, per source that gives a count of one group unit the ledger declares; implied
    values in grey."""
    params, table, group_unit = reading.params, section.table, section.unit
    member, one = str(table["member_unit"].iloc[0]), analysis.one_of(group_unit)
    colours = reading.colours
    positions = [float(index) for index in range(len(table))]
    labels = [
        f"{textwrap.fill(str(row['claimant_name']), style.chars(26))}\n{format_with_unit(row['groups'], group_unit)}"
        for _, row in table.iterrows()
    ]
    rows = []
    with style.using(params.style):
        across = style.scale() == 1  # a phone's rendering stacks the two panels, each as wide as the chart
        grid = {"ncols": 2, "sharey": True} if across else {"nrows": 2, "sharex": True}
        figure, axes = style.new_figure((1.5 + 0.9 * len(table)) * (1 if across else 2), params.style, **grid)
        heading = words.upper_first(member)
        panels = (("per_group", f"{heading} per {one}"), ("total", f"{heading} in all"))
        for panel, (column, panel_title) in enumerate(panels):
            ax = axes[0][panel] if across else axes[panel][0]
            room = 1.75 if across else 2.2  # room for the labels, past the largest figure
            limit = max(table["per_group"].max(), table["total"].max()) * room  # one scale: same unit
            count_axis(ax, member, limit, nbins=4, label=reading.axis_label(member))
            ax.set_title(style.fit(panel_title, style.chars(34), lines=2), fontsize=12)
            for y, (_, row) in zip(positions, table.iterrows(), strict=True):
                implied = bool(row[f"{column}_implied"])
                bound = str(row[f"{column}_bound"])
                drawn = draw(ax, y, row[column], bound, colours[str(row["side"])], limit, implied=implied)
                text = words.plain(row[column], member, bound) + (" (implied)" if implied else "")
                ax.text(
                    value_labels.label_x(row[column], drawn, limit),
                    y,
                    text,
                    va="center",
                    ha="left",
                    fontsize=10.5,
                    in_layout=False,
                )
                rows.append(
                    mark(
                        ax,
                        panel,
                        row[f"{column}_claim"],
                        labels[int(y)],
                        str(row["side"]),
                        float(row[column]),
                        member,
                        bound,
                        drawn,
                        implied,
                        y,
                    )
                )
        for ax in [axes[0][0]] if across else [axes[0][0], axes[1][0]]:
            ax.set_yticks(positions, labels)
            ax.set_ylim(len(table) - 0.4, -0.6)
        data = pd.DataFrame(rows)
        legend(figure, list(data["drawn_as"]))
        title = narrative.groups_title(table)
        subtitle = f"What each source's {one} count implies; grey values are the kit's arithmetic, not quotes"
    names = list(table["claimant_name"])
    return framed(figure, data, title, subtitle, params, names, "group_arithmetic", reading.source_line(names))


def part(params: Params, part_claim: str) -> Chart | None:
    """Each figure of a whole, with one part of it as a dashed reference line (:func:`part_of`)."""
    return _drawn(params, lambda reading: model.part_section(reading, part_claim), part_of)


@narrow.redrawable
def part_of(reading: model.Reading, section: model.Part) -> Chart:
    """Each figure of a whole the section shows, with its part (a claim of kind part) as a dashed reference line."""
    params, shares, wholes, piece, total = reading.params, section.shares, section.wholes, section.piece, section.total
    part_claim = str(piece["claim_id"])
    with style.using(params.style):
        figure, ax, rows, positions = by_side(params, wholes, 1.0, reading)
        for label in ax.texts:  # a figure's label may sit across the part's line: the line passes behind it
            label.set_bbox({"facecolor": "white", "edgecolor": "none", "pad": 0.5})
        top = words.high_of(piece)  # a part given as a range or a vague amount ("dozens"): the interval, never an end
        if top is None:
            ax.axvline(piece["value"], color=style.INK, linestyle="--", linewidth=1.5, zorder=1.5)
        else:
            ax.axvspan(piece["value"], top, facecolor="none", edgecolor=style.INK, hatch="///", linestyle="--",
                       linewidth=1.0, zorder=1.5)  # fmt: skip
        when = f" {words.when_written(piece)}" if words.when_written(piece) else ""
        right_half = piece["value"] > ax.get_xlim()[1] / 2  # the label reads away from the edge it would run off
        ax.text(
            piece["value"] if top is None or right_half else top + 0.025 * ax.get_xlim()[1],  # beside a band
            -0.45,
            style.fit(  # one line on the wide chart, two on a phone's
                f" {words.figure_text(piece, str(piece['unit']))}{when}"
                f" ({style.fit(piece['claimant_name'], style.chars(40), 1)}) ",
                style.chars(200, 26),
                lines=2,
            ),
            ha="right" if right_half else "left",
            va="center",
            fontsize=10,
            color=style.INK,
            in_layout=False,
        )
        unit, side = str(piece["unit"]), str(piece["side"])
        value, bound = float(piece["value"]), str(piece["bound"])
        reference = mark(ax, 0, part_claim, row_label(piece), side, value, unit, bound, "reference", False, math.nan)
        rows.append({**reference, "written": words.figure_text(piece, unit)} if top is not None else reference)
        ax.set_yticks(positions, [row["label"] for row in rows if row["drawn_as"] != "reference"])
        ax.set_ylim(positions[-1] + 0.8, -0.8)
        drawn = [row for row in rows if row["drawn_as"] != "reference"]
        legend(figure, [row["drawn_as"] for row in drawn], hollow=any(row.get("hollow") for row in drawn))
        data = pd.DataFrame(rows)
        title = narrative.part_title(shares, str(piece["counts"]), piece)
        subtitle = "Each figure of the whole; the dashed {} is the part, as the article counts it".format(
            "line" if top is None else "band, the interval its words allow,"
        )
        left_out = limits.capped(len(wholes), total, "figures of the whole, the most recent", limits.claims_csv())
        subtitle += f". {left_out}" if left_out else ""
    names = [*wholes["claimant_name"], piece["claimant_name"]]
    return framed(figure, data, title, subtitle, params, names, "part", reading.source_line(names))


# -- figures from a single source -----------------------------------------------------------------


#: A share at least this wide (in percent) holds its own label inside its bar.
WIDE_ENOUGH = 25


# -- shares ---------------------------------------------------------------------------------------


def shares(params: Params) -> Chart | None:
    """Each share as stated, and the rest of its whole (:func:`shares_of`)."""
    return _drawn(params, lambda reading: model.shares_section(reading), shares_of)


@narrow.redrawable
def shares_of(reading: model.Reading, section: model.Shares) -> Chart:
    """Each share as stated, a bar from zero in its side's colour (its bound's glyph in ink at its end: a whisker for
    "about", an arrow for a floor or ceiling), and the rest of its whole as a quiet grey outline: the rest is the
    kit's arithmetic, not a figure in the article, so it never outweighs the share."""
    params, every, claims = reading.params, section.every, section.shown
    total = len(every)
    rows: list[dict] = []
    colours = reading.colours
    qualifiers: list[str] = []
    hollows = analysis.drawn_hollow(claims)
    share = value_labels.LABEL_CHAR_SHARE if style.scale() == 1 else value_labels.LABEL_CHAR_SHARE_NARROW
    with style.using(params.style):
        figure, axes = style.new_figure(1.3 + 0.9 * len(claims), params.style)
        ax = axes[0][0]
        count_axis(ax, "percent", 100, label=reading.axis_label("percent"))
        for y, (_, row), hollow in zip(range(len(claims)), claims.iterrows(), hollows, strict=True):
            colour, bound, high = colours[str(row["side"])], str(row["bound"]), words.high_of(row)
            drawn = draw(ax, y, row["value"], "exact", colour, 100, hollow=bool(hollow), stacked=True)
            if bound != "exact":  # the bound, drawn as everywhere, in ink over the bar's end
                drawn = draw(ax, y, row["value"], bound, style.INK, 100, high=high, hollow=bool(hollow))
                qualifiers.append(drawn)
            ax.barh(y, row["rest"], left=row["value"], height=0.56, color="white", edgecolor=style.GREY, lw=0.8)
            said, rest_said, in_words = words.share_and_rest(row, high)  # "a third" in its words, not 33.333333%
            stated = f"stated: {said}"
            inside = not hollow and len(stated) * share * 1.15 < row["value"] / 100 - 0.03
            if inside:  # fits inside its own filled bar
                ax.text(row["value"] / 2, y, stated, ha="center", va="center", color="white", weight="bold")
            else:  # above the bar's start
                ax.text(0, y - 0.52, stated, ha="left", va="center", color=style.INK, fontsize=10)
            room = row["rest"] / 100 - 0.03  # inside its own (white) outline, bare words when "the rest:" does not fit
            two = textwrap.wrap(rest_said, max(1, int(room / share)))  # "more than\nhalf": two lines, still inside
            said_as = (f"the rest: {rest_said}", rest_said, "\n".join(two) if len(two) == 2 else "")
            fits = [text for text in said_as if text and max(map(len, text.split("\n"))) * share < room]
            rest, within = (fits[0], True) if fits else (f"the rest: {rest_said}", False)
            beside = inside or (len(rest) + len(stated)) * share < 0.9  # above the whole's end, clear of "stated"
            ax.text(
                row["value"] + row["rest"] / 2 if within else 100,
                y if within else y - 0.52 if beside else y + 0.52,  # else below it
                rest,
                ha="center" if within else "right",
                va="center",
                color=style.GREY,
                fontsize=10,
            )
            for value, bound_drawn, kind, implied, claim, written in (
                (row["value"], bound, drawn, False, row["claim_id"], said),
                (row["rest"], str(row["rest_bound"]), "implied_bar", True, None, rest_said),
            ):
                drawn_as = (claim, str(row["claimant_name"]), str(row["side"]), float(value), "percent", bound_drawn)
                as_said = {"written": written if in_words else ""}  # "a third", as the alt text should say it
                rows.append(mark(ax, 0, *drawn_as, kind, implied, float(y)) | as_said)
        labels = reading.labels
        rows_named = [
            style.fit(
                labels[str(row["quantity"])] + (f" ({words.date_words(row['when'])})" if pd.notna(row["when"]) else ""),
                style.chars(24, 16),
                lines=4,
            )
            for _, row in claims.iterrows()
        ]
        ax.set_yticks(range(len(claims)), rows_named)
        ax.set_ylim(len(claims) - 0.4, -1.0)
        data = pd.DataFrame(rows)
        inks = dict.fromkeys(qualifiers, style.INK)  # the bar in the side's colour, a bound's glyph in ink
        first = colours[str(claims["side"].iloc[0])]
        expected = ["hollow_bar"] if hollows.any() else []  # a forecast share: its bar outlined
        legend(figure, ["bar", *qualifiers, "implied_bar", *expected], colour=first, inks=inks)
        title = narrative.share_title(every)
        subtitle = "The share as stated; the rest of the whole is the kit's arithmetic, not a figure in the article"
        left_out = limits.capped(len(claims), total, "shares, the most recent", limits.claims_csv())
        subtitle += f". {left_out}" if left_out else ""
    names = list(claims["claimant_name"])
    return framed(figure, data, title, subtitle, params, names, "shares", reading.source_line(names))


def sources_by_side(params: Params) -> Chart | None:
    """How many of the selected figures each source gives, coloured by side (:func:`sources_by_side_of`)."""
    page = model.overview_page(params)
    return sources_by_side_of(page.reading, page.sources) if len(page.sources) else None


@narrow.redrawable
def sources_by_side_of(reading: model.Reading, table: pd.DataFrame) -> Chart:
    """How many of the selected figures each source gives (the overview's ``sources``: a pledge is a statement too),
    coloured by side (seaborn bar chart)."""
    params = reading.params
    total = len(table)
    if total > limits.CHART_ROWS:  # the sources giving most figures, in the table's order
        top = table.sort_values(["figures", "source_id"], ascending=[False, True], kind="stable").head(
            limits.CHART_ROWS
        )
        table = table.loc[sorted(top.index)].reset_index(drop=True)
    labels = words.distinct(table["name"], table["role"])  # two sources of one name: two bars, never one summed
    frame = pd.DataFrame(
        {
            "source": [style.fit(label, style.chars(34), lines=2) for label in labels],
            "figures": table["figures"].astype("int64").to_numpy(),
            "side": [str(side) for side in table["side"]],
        }
    )
    colours = dict(reading.colours)
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
            saturation=1,
            errorbar=None,  # one count per source: no interval
        )
        ax.xaxis.set_major_locator(MaxNLocator(nbins="auto" if style.scale() == 1 else 3, integer=True))
        ax.set_xlabel(style.fit("Statements given (count)", style.chars(28)))
        ax.set_ylabel("")
        ax.grid(axis="x")
        ax.set_axisbelow(True)
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
        handles, labels = ax.get_legend_handles_labels()
        ax.get_legend().remove()  # the key sits below the chart, never over a bar (style.finalise places it)
        if style.scale() == 1:
            longest = max(len(label) for label in labels)  # long side names take fewer columns, never past the edge
            columns = 1 if longest > 30 else 2 if longest > 16 else 4
            figure.legend(handles, labels, ncols=min(len(labels), columns), frameon=False)
        else:  # a phone's rendering: a side a line
            figure.legend(handles, [style.fit(label, style.chars(80), 2) for label in labels], loc="lower left")
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
        subtitle = (
            "Statements the article quotes, per source (a figure said twice counts once), coloured by the side the "
            "source speaks for"
        )
        left_out = limits.capped(len(table), total, "sources, those giving most figures", "in the table above")
        subtitle += f". {left_out}" if left_out else ""
    names = list(table["name"])
    return framed(figure, data, title, subtitle, params, names, "sources_by_side", reading.source_line(names))
