"""One quantity tracked across a corpus, as a chart: each statement at the date it applies to, drawn by its bound,
coloured by the side of its source, with one marker per outlet that reported it.

The x axis is the date a figure applies to (a period spans it), as in :mod:`kit.report.time_chart`; bounds read
as in every chart of the kit (a whisker for "about" and for a rounded figure, an arrow for a floor or ceiling, a
thick segment for a range), each interval from :func:`kit.analysis.interval`. A statement reported by two
outlets is one mark with two outlet markers side by side, never two estimates.
"""

from __future__ import annotations

import os

import pandas as pd
from matplotlib.dates import date2num
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import offset_copy

from kit import analysis
from kit.report import narrow, style, time_chart, units, words
from kit.report.legends import legend_keys
from kit.report.marks import Chart, mark
from kit.report.time_chart import ARROW_SHARE, LABEL_CHAR_PT, dated_axes, dodged, label_anchors, label_rises, leader

#: One marker shape per outlet, in the order outlets first appear in the corpus.
OUTLET_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "h")
#: At most this many statements are drawn in one chart: the most recent; the rest are counted in the subtitle.
MAX_POINTS = 12


def outlet_markers(outlets: list[str]) -> dict[str, str]:
    """A marker shape per outlet, stable across every chart of one page."""
    return {outlet: OUTLET_MARKERS[index % len(OUTLET_MARKERS)] for index, outlet in enumerate(outlets)}


def _bound(ax, x: float, row: pd.Series, colour: str, span: float, per_pt: float) -> tuple[str, float]:
    """The statement's bound at x: whisker, arrow, range bar or, for a vague amount, a hatched bar (``per_pt``: days
    a point of the plot's width). Returns how it was drawn and where its outlet markers sit (the figure, or a range's
    middle)."""
    value, bound, high = float(row["value"]), str(row["bound"]), words.high_of(row)
    glyph = words.GLYPH_OF[words.DRAWN_AS[bound]]
    if high is not None:
        if glyph == "hatched_segment":  # a vague amount: hatched, as the legend shows it (no end of it was stated)
            ax.bar(x, float(high) - value, 9 * per_pt, bottom=value, color="white", edgecolor=colour, hatch="///", lw=1)
        else:
            ax.plot([x, x], [value, high], color=colour, linewidth=7, solid_capstyle="butt", alpha=0.55)
        return words.DRAWN_AS[bound], (value + float(high)) / 2
    if glyph in ("arrow_up", "arrow_down"):
        step = span * ARROW_SHARE * (1 if glyph == "arrow_up" else -1)
        props = {"arrowstyle": "-|>", "color": colour, "lw": 2, "mutation_scale": 14}
        ax.annotate("", xy=(x, value + step), xytext=(x, value), arrowprops=props)
        return words.DRAWN_AS[bound], value
    low, top = analysis.interval(value, bound, high=high)
    if top > low and glyph != "dot":  # "about" or "nearly"; an unqualified figure is a dot, as the legend and every
        # other chart draw it (its rounding is read in the words, never drawn as if it were "about")
        spread = [[max(0.0, value - low)], [max(0.0, top - value)]]  # "nearly" reaches below the figure only
        ax.errorbar([x], [value], yerr=spread, fmt="none", ecolor=colour, capsize=5, lw=1.6)
    return words.DRAWN_AS[bound], value


#: Points between two outlet markers of one statement.
OUTLET_PT = 8.0
#: A value label's width a character, in points (9 pt type: a little under the 9.5 pt labels of the time charts).
LABEL_PT = LABEL_CHAR_PT * 9 / 9.5


def _fitted(text: str, at_pt: float) -> tuple[str, bool]:
    """A value label placed ``at_pt`` points into the plot, kept inside it (a phone's plot is narrow): to the right
    of its mark when it fits there, else to the left, else wrapped onto two lines on the roomier side. Returns the
    text as drawn and whether it reads leftward."""
    right, left = (time_chart.plot_width_pt() - at_pt - 7) / LABEL_PT, (at_pt - 7) / LABEL_PT
    if len(text) <= right:
        return text, False
    if len(text) <= left:
        return text, True
    return style.fit(text, int(max(right, left)), lines=2), left > right


def _positions(statements: pd.DataFrame, x_span: float) -> list[float]:
    """Each statement's x: the middle of its period, set side by side with the statements that share its date
    (time_chart.dodged, room for each one's outlet markers), so a date is drawn at its day, never a day off."""
    middles = [
        (date2num(start) + date2num(end)) / 2
        for start, end in zip(statements["when_start"], statements["when_end"], strict=True)
    ]
    widest = max((len(found) for found in statements["outlets"]), default=1) or 1
    centres = [
        (float(row["value"]) + (words.high_of(row) or float(row["value"]))) / 2 for _, row in statements.iterrows()
    ]
    return dodged(middles, x_span, time_chart.DODGE_PT + OUTLET_PT * (widest - 1), centres)


@narrow.redrawable
def chart(
    statements: pd.DataFrame,
    label: str,
    colours: dict[str, str],
    markers: dict[str, str],
    source: str,
    figure_style: str = style.DEFAULT_STYLE,
    ledger: str | os.PathLike | None = None,
    counts: frozenset[str] | None = None,
) -> Chart | None:
    """The dated statements of one quantity (rows of kit.analysis.tracker.tracked), the most recent
    MAX_POINTS of them; None when none is dated. ``counts``, the units the story's ledgers count in whole numbers,
    says whether the axis is a count, as read with the story (else ``ledger``'s data package says)."""
    dated = statements[statements["when"].astype(str) != analysis.UNDATED]
    if dated.empty:
        return None
    dropped = max(0, len(dated) - MAX_POINTS)
    dated = dated.sort_values(["when_end", "when_start", "statement"]).tail(MAX_POINTS)
    unit = str(dated["unit"].iloc[0])
    first, last = date2num(dated["when_start"].min()), date2num(dated["when_end"].max())
    days = max(1.0, last - first)
    top = max(words.high_of(row) or float(row["value"]) for _, row in dated.iterrows())
    span = top * 1.35 if top > 0 else 1.0
    rows, kinds, hollows = [], [], []
    pad = max(1.0, days * 0.15)
    x_low, x_high = first - pad, last + pad * 1.6  # room on the right for the last label
    xs = _positions(dated, x_high - x_low)
    texts = [
        words.figure_text(row, unit) + (" (forecast)" if str(row.get("when_kind")) == "forecast" else "")
        for _, row in dated.iterrows()
    ]
    centres = [(float(row["value"]) + (words.high_of(row) or float(row["value"]))) / 2 for _, row in dated.iterrows()]
    dates = [
        (date2num(start) + date2num(end)) / 2 for start, end in zip(dated["when_start"], dated["when_end"], strict=True)
    ]
    anchors = label_anchors(
        dates, xs, list(zip(centres, texts, strict=True))
    )  # the labels of one date's statements stacked right of them, with leaders
    spots = [(x - x_low, y, text) for x, y, text in zip(anchors, centres, texts, strict=True)]
    rises = label_rises(spots, x_high - x_low, span, time_chart.plot_width_pt(), 3.4 / 4.6 * time_chart.PLOT_PT[1])
    with style.using(figure_style):
        figure, axes = style.new_figure(3.4, figure_style)
        ax = axes[0][0]
        for x, anchor, text, rise, (_, row) in zip(xs, anchors, texts, rises, dated.iterrows(), strict=True):
            colour = colours[str(row["side"])]
            start, end = date2num(row["when_start"]), date2num(row["when_end"])
            if end > start:  # a period: the figure holds across it
                ax.plot([start, end], [row["value"], row["value"]], color=colour, alpha=0.45, lw=2)
            drawn, y = _bound(ax, x, row, colour, span, (x_high - x_low) / time_chart.plot_width_pt())
            kinds.append(drawn)
            outlets = list(row["outlets"]) or [""]
            hollow = bool(analysis.drawn_hollow(row.to_frame().T).iloc[0])
            hollows.append(hollow)
            for k, outlet in enumerate(outlets):
                dx = (k - (len(outlets) - 1) / 2) * OUTLET_PT * (x_high - x_low) / time_chart.plot_width_pt()
                shape = markers.get(outlet, "o")
                edge = (colour, 1.6) if hollow else ("white", 0.8)  # a forecast or deadline: an unfilled marker
                face = "white" if hollow else colour
                ax.plot([x + dx], [y], marker=shape, color=colour, mfc=face, ms=8, mec=edge[0], mew=edge[1], ls="")
            if rise is not None:  # the same figure at the same spot is labelled once
                shown, leftward = _fitted(text, (anchor - x_low) / (x_high - x_low) * time_chart.plot_width_pt())
                at = offset_copy(ax.transData, fig=figure, x=-7 if leftward else 7, y=rise, units="points")
                ax.annotate(shown, (x, y), xytext=(anchor, y), textcoords=at, fontsize=9,
                            ha="right" if leftward else "left", arrowprops=leader(anchor, x, rise))  # fmt: skip
            name, side = str(row["claimant_name"]), str(row["side"])
            rows.append(
                mark(ax, 0, row["statement"], name, side, float(row["value"]), unit, str(row["bound"]), drawn, False, x)
            )
            rows[-1].update(when=row["when"], outlets=tuple(row["outlets"]), n_outlets=int(row["n_outlets"]))
            rows[-1]["written"] = words.figure_text(row, unit)
        count = None if counts is None else unit in counts
        dated_axes(ax, unit, span, units.axis_label(unit, ledger, label, count=count))
        ax.set_xlim(x_low, x_high)
        handles, handler_map = _handles(dated, colours, markers, kinds + (["hollow"] if any(hollows) else []))
        wide = max(len(handle.get_label()) for handle in handles) > 30
        columns = style.columns(2 if wide else 3)
        figure.legend(handles=handles, handler_map=handler_map, loc="lower left", ncol=columns, fontsize=8.5)
        n, n_sources = len(dated), dated["claimant"].nunique()
        title = f"{label[:1].upper()}{label[1:]}: {n} {'statement' if n == 1 else 'statements'} by date"
        subtitle = (
            "Each statement once, at the date it applies to; colour: the side of its source; marker: each outlet "
            "that reported it"
            + (f"; {dropped} older {'statement' if dropped == 1 else 'statements'} not drawn" if dropped else "")
        )
        if n_sources > 1:
            subtitle += f"; {n_sources} sources"
        style.finalise(figure, title, source, subtitle)
    return Chart(figure, pd.DataFrame(rows), title, source, subtitle, "tracker")


def _handles(
    dated: pd.DataFrame, colours: dict[str, str], markers: dict[str, str], kinds: list[str]
) -> tuple[list, dict]:
    """One legend: the outlets by marker, the sides by colour, the bounds by how they are drawn."""
    outlets = list(dict.fromkeys(outlet for found in dated["outlets"] for outlet in found))
    handles: list = [
        Line2D(
            [],
            [],
            marker=markers[outlet],
            color=style.GREY,
            ls="",
            markersize=7,
            label=style.fit(f"Outlet: {outlet}", style.chars(44), 1),
        )
        for outlet in outlets
    ]
    sides = list(dict.fromkeys(str(side) for side in dated["side"]))
    handles += [Patch(color=colours[side], label=style.fit(f"Side: {side}", style.chars(44), 1)) for side in sides]
    drawn = [kind for kind in dict.fromkeys(kinds) if kind == "hollow" or words.GLYPH_OF.get(kind, "dot") != "dot"]
    keys, handler_map = legend_keys(drawn, vertical=True)  # the glyphs the chart draws: a whisker, an arrow, a segment
    return handles + keys, handler_map
