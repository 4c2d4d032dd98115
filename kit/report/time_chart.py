"""A quantity over time: each estimate at the date it applies to, drawn by its bound, coloured by side.

Estimates at different dates are a series, never set against each other. The x axis is the date each claim applies to
(``when``, as the curator resolved it); a claim that applies to a period spans it. Bounds read as in every
other chart: a dot for a figure as stated, a whisker for "about", a floor or ceiling with an arrow, a thick
segment for a range.
"""

from __future__ import annotations

import warnings

import pandas as pd
from matplotlib.dates import YEARLY, AutoDateLocator, DayLocator, MonthLocator, YearLocator, date2num, num2date
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import offset_copy

from kit import analysis
from kit.figures import format_figure
from kit.report import limits, model, narrative, narrow, style, words
from kit.report.legends import legend_keys
from kit.report.marks import Chart, framed, mark
from kit.report.params import Params

#: Length of a floor's or ceiling's arrow, as a share of the value axis.
ARROW_SHARE = 0.08
#: A value axis's label (vertical, beside the plot) is wrapped to this many characters a line, two lines at most.
VALUE_AXIS_CHARS = 32
#: Coincident marks (one date) are set this many points apart, side by side, so none hides another; their data
#: keep the date itself.
DODGE_PT = 9.0
#: A value label's line height and a character's width in points (9.5 pt type), to keep labels apart.
LABEL_LINE_PT = 12.0
LABEL_CHAR_PT = 5.6
#: The plot area's size in points, as the house style draws it (8 in wide, 4.6 in high, less the axes' labels).
PLOT_PT = (470.0, 280.0)
#: What the axes' labels take of a chart's width, in points (the plot is the rest): 8 in less PLOT_PT's width.
AXES_PT = 8 * 72 - PLOT_PT[0]


def plot_width_pt() -> float:
    """The plot area's width in points for the chart being drawn (narrower in a phone's rendering)."""
    return style.width_px() * 72 / style.DISPLAY_DPI - AXES_PT


#: How far a value label sits above its mark when nothing is in its way, in points.
BASE_RISE_PT = 4.0
#: The most labels stacked beside the marks of one date, each with its leader; a larger crowd is read off the axis.
STACKED_AT_MOST = 4
#: A label rises at most this far above its mark to clear the others; past it, it is left out.
MAX_RISE_PT = BASE_RISE_PT + 2 * LABEL_LINE_PT


class DayTicks(AutoDateLocator):
    """Ticks on whole days or coarser: the ledger dates figures to a day at most, so an axis never reads in
    hours (a short span gets a tick every ``day_step`` days: 1, or 2 on a phone's rendering)."""

    def __init__(self, day_step: int = 1, **options: object) -> None:
        super().__init__(**options)
        self.day_step = day_step  # fixed when the axis is made: the chart is drawn (and ticked) later

    def get_locator(self, dmin, dmax):  # noqa: ANN001, ANN201 (matplotlib's signature)
        if abs((dmax - dmin).total_seconds()) < 7 * 86400:
            days = DayLocator(interval=self.day_step, tz=self.tz)
            days.set_axis(self.axis)
            return days
        with warnings.catch_warnings():
            warnings.simplefilter("error", UserWarning)
            try:
                return super().get_locator(dmin, dmax)
            except UserWarning:  # few ticks allowed over a year or more: no interval of matplotlib's fits them
                pass
        months = abs((dmax.year - dmin.year) * 12 + dmax.month - dmin.month)
        least = months / max(1, self.maxticks[YEARLY] - 1)  # months between ticks, at the fewest ticks allowed
        step = next((step for step in TICK_MONTHS if step >= least), TICK_MONTHS[-1])
        found = (
            MonthLocator(bymonth=range(1, 13, step), tz=self.tz) if step < 12 else YearLocator(step // 12, tz=self.tz)
        )
        found.set_axis(self.axis)
        return found


#: Months between ticks when matplotlib's own intervals find none: steps that keep ticks on calendar boundaries.
TICK_MONTHS = (1, 2, 3, 4, 6, 12, 24, 36, 60, 120)


def date_tick(ax, value: float, pos: int | None) -> str:
    """A date as a reader writes it on an axis: "8 Apr" (with the year on the first tick), or "Apr 2025" for ticks
    a month or more apart; no offset text in a corner."""
    when = num2date(value)
    low, high = sorted(ax.get_xlim())
    if high - low > 120:
        return f"{when:%b %Y}" if pos == 0 or when.month == 1 else f"{when:%b}"
    return f"{when.day} {when:%b}" + (f" {when:%Y}" if pos == 0 else "")


def dated_axes(ax, unit: str, span: float, label: str) -> None:
    """The axes of every chart over time: values from zero in the unit's words, labelled ``label``
    (:func:`units.axis_label`), dates as the x axis."""
    ax.set_ylim(0, span)
    ax.yaxis.set_major_formatter(lambda value, _pos: "0" if value == 0 else format_figure(value, unit))
    ax.set_ylabel(style.fit(label, style.chars(VALUE_AXIS_CHARS), lines=2))
    wide = style.scale() == 1  # a phone's rendering has room for fewer dates
    ax.xaxis.set_major_locator(DayTicks(1 if wide else 2, minticks=3 if wide else 2, maxticks=7 if wide else 3))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, pos: date_tick(ax, value, pos)))
    ax.set_xlabel("Date the figure applies to")
    ax.grid(axis="y")
    ax.set_axisbelow(True)


def dodged(xs: list[float], x_span: float, step_pt: float = DODGE_PT, values: list[float] | None = None) -> list[float]:
    """Each mark's x, set ``step_pt`` points apart from the marks that share its date (centred on the date), so
    coincident points are side by side, not on top of each other, and all stay at their date; the highest of
    ``values`` leftmost (so the leaders of their stacked labels, highest on top, do not cross), else in order."""
    per_point = x_span / plot_width_pt()
    counts = pd.Series(xs).value_counts()
    order = sorted(range(len(xs)), key=lambda i: -values[i]) if values is not None else range(len(xs))
    seen: dict[float, int] = {}
    placed = [0.0] * len(xs)
    for i in order:
        k = seen.get(xs[i], 0)
        seen[xs[i]] = k + 1
        placed[i] = xs[i] + (k - (counts[xs[i]] - 1) / 2) * step_pt * per_point
    return placed


def label_anchors(dates: list[float], xs: list[float], labels: list[tuple[float, str]]) -> list[float]:
    """Where each value label is written from: the labels (figure, text) of marks drawn side by side at one date
    (``xs``, dodged from ``dates``) all sit right of the rightmost, each tied to its own mark by :func:`leader`
    where it is not beside it; never "58.2%" beside the next mark, or floating over none. A crowd of more than
    STACKED_AT_MOST figures at a date keeps each label at its own mark (label_rises leaves the rest to the axis)."""
    rightmost: dict[float, float] = {}
    figures: dict[float, set[tuple[float, str]]] = {}
    for date, x, label in zip(dates, xs, labels, strict=True):
        rightmost[date] = max(x, rightmost.get(date, x))
        figures.setdefault(date, set()).add(label)
    return [rightmost[date] if len(figures[date]) <= STACKED_AT_MOST else x for date, x in zip(dates, xs, strict=True)]


def leader(anchor: float, x: float, rise: float) -> dict | None:
    """A thin line from a value label to its mark when the label is not beside it (written from another mark's
    side, or stacked below its own): the arrowprops of matplotlib's annotate, or None."""
    beside = anchor == x and rise >= BASE_RISE_PT  # only a stacked label sits off or below its mark
    return None if beside else {"arrowstyle": "-", "color": style.GREY, "lw": 0.6, "shrinkB": 5}


def label_rises(
    points: list[tuple[float, float, str]],
    x_span: float,
    y_span: float,
    width_pt: float | None = None,
    height_pt: float = PLOT_PT[1],
) -> list[float | None]:
    """How many points each value label (x from the axis's left end, y, text) rises above its mark so no two
    labels overlap; None for a label already written at the same spot (coincident marks with the same figure are
    labelled together, once). The labels of two or more figures at one spot (marks side by side at one date) are
    stacked first, highest figure on top, a line apart, each as near its mark as the stack allows (below it if need
    be: the chart ties each to its mark by a leader). The plot is ``width_pt`` (by default, the chart's:
    :func:`plot_width_pt`) by ``height_pt``."""
    width_pt = plot_width_pt() if width_pt is None else width_pt
    placed: list[tuple[float, float, float, float]] = []
    rises: list[float | None] = [None] * len(points)
    last = {point: index for index, point in enumerate(points)}  # one label for one figure: its rightmost mark's
    stacked = _stacked(points, last, x_span, y_span, width_pt, height_pt)
    for index, box in stacked.items():
        placed.append(box)
        rises[index] = box[3]
    for index, (x, y, text) in enumerate(points):
        if index in stacked or last[(x, y, text)] != index:
            continue
        left = x / x_span * width_pt + 7
        width = LABEL_CHAR_PT * len(text)
        rise = BASE_RISE_PT
        while any(
            left < right and other < left + width and abs(y / y_span * height_pt + rise - bottom) < LABEL_LINE_PT
            for other, right, bottom, _ in placed
        ):
            rise += LABEL_LINE_PT
        if rise > MAX_RISE_PT:  # a crowd of figures at one spot: the value axis reads the rest
            continue
        placed.append((left, left + width, y / y_span * height_pt + rise, rise))
        rises[index] = rise
    return rises


def _stacked(
    points: list[tuple[float, float, str]],
    last: dict[tuple[float, float, str], int],
    x_span: float,
    y_span: float,
    width_pt: float,
    height_pt: float,
) -> dict[int, tuple[float, float, float, float]]:
    """The label boxes (left, right, bottom, rise) of the points that share their spot with another figure, by index
    (``last``: the index that labels each figure at its spot)."""
    spots: dict[float, list[int]] = {}
    for index, point in enumerate(points):
        if last[point] == index:
            spots.setdefault(point[0], []).append(index)
    boxes = {}
    for x, members in spots.items():
        if not 2 <= len(members) <= STACKED_AT_MOST:  # a crowd: each label rises or is left to the value axis
            continue
        bottom, stack = float("inf"), []
        for index in sorted(members, key=lambda member: -points[member][1]):
            own = points[index][1] / y_span * height_pt
            bottom = min(own + BASE_RISE_PT, bottom - LABEL_LINE_PT)
            stack.append((index, own, bottom))
        lift = max(0.0, BASE_RISE_PT - stack[-1][2])  # never below the value axis's foot, onto the date ticks
        left = x / x_span * width_pt + 7
        for index, own, bottom in stack:
            boxes[index] = (left, left + LABEL_CHAR_PT * len(points[index][2]), bottom + lift, bottom + lift - own)
    return boxes


def _draw(ax, x: float, row: pd.Series, colour: str, span: float, hollow: bool = False) -> str:
    """One estimate at one date, drawn vertically by its bound, unfilled when ``hollow`` (a forecast, target or
    deadline); return how it was drawn."""
    value, bound = float(row["value"]), str(row["bound"])
    low, high = analysis.interval(value, bound, high=words.high_of(row))
    kind = words.DRAWN_AS[bound]
    glyph = words.GLYPH_OF[kind]
    if glyph in ("arrow_up", "arrow_down"):
        direction = 1 if glyph == "arrow_up" else -1
        ax.annotate(
            "",
            xy=(x, value + direction * span * ARROW_SHARE),
            xytext=(x, value),
            arrowprops={"arrowstyle": "->" if hollow else "-|>", "color": colour, "lw": 2, "mutation_scale": 14},
        )
        ax.plot([x], [value], marker="_", markersize=16, markeredgewidth=2 if hollow else 3, color=colour)
        return kind
    if words.high_of(row) is not None:
        ax.plot([x, x], [value, words.high_of(row)], color=colour, linewidth=7, solid_capstyle="butt")
        if hollow:  # an outline: the inside of the segment left white
            ax.plot([x, x], [value, words.high_of(row)], color="white", linewidth=3.5, solid_capstyle="butt")
        return kind
    face = "white" if hollow else colour
    if glyph == "dot":  # a figure as stated: a dot, as on the estimates chart (its key says so)
        ax.plot([x], [value], marker="o", ls="", color=colour, mfc=face, mew=1.8, markersize=8)
        return kind
    spread = [[value - low], [max(0.0, high - value)]]
    ax.errorbar([x], [value], yerr=spread, fmt="o", color=colour, mfc=face, mew=1.8, capsize=5, markersize=8)
    return kind


def over_time(params: Params, quantity: str) -> Chart | None:
    """Every dated level estimate of one quantity at its date; None when it has fewer than two dates
    (:func:`over_time_of`)."""
    page = model.over_time_page(params)
    found = [section for section in page.sections if section.quantity == quantity]
    return over_time_of(page.reading, found[0]) if found else None


@narrow.redrawable
def over_time_of(reading: model.Reading, section: model.OverTime) -> Chart:
    """The estimates the section's model draws, each at its date, by its bound, in its side's colour."""
    params, quantity = reading.params, section.quantity
    every = section.series  # the title states the whole series; the chart draws a bounded sample of it
    claims = section.shown
    labelled = len(claims) <= limits.TIME_LABELS
    label = section.label
    unit = str(claims["unit"].iloc[0])
    colours = reading.colours
    top = max(words.high_of(row) or row["value"] for _, row in claims.iterrows())
    span = top * 1.3 if top > 0 else 1.0
    rows = []
    pad = max(1.0, (date2num(claims["when_end"].max()) - date2num(claims["when_start"].min())) * 0.12)
    x_low, x_high = date2num(claims["when_start"].min()) - pad, date2num(claims["when_end"].max()) + pad
    middles = [
        (date2num(start) + date2num(end)) / 2
        for start, end in zip(claims["when_start"], claims["when_end"], strict=True)
    ]
    xs = dodged(middles, x_high - x_low, values=[float(value) for value in claims["value"]])
    texts = [words.figure_text(row, unit) for _, row in claims.iterrows()]
    anchors = label_anchors(middles, xs, list(zip(claims["value"], texts, strict=True)))
    rises = label_rises(
        [(x - x_low, v, t) for x, v, t in zip(anchors, claims["value"], texts, strict=True)], x_high - x_low, span
    )
    with style.using(params.style):
        figure, axes = style.new_figure(4.6, params.style)
        ax = axes[0][0]
        hollows = [bool(hollow) for hollow in analysis.drawn_hollow(claims)]
        drawn_kinds: list[str] = []
        for (_, row), middle, x, anchor, text, rise, hollow in zip(
            claims.iterrows(), middles, xs, anchors, texts, rises, hollows, strict=True
        ):
            start, end = date2num(row["when_start"]), date2num(row["when_end"])
            if end > start:  # a period: the figure holds across it
                ax.plot([start, end], [row["value"], row["value"]], color=colours[str(row["side"])], alpha=0.5, lw=2)
            drawn = _draw(ax, x, row, colours[str(row["side"])], span, hollow)
            drawn_kinds.append(drawn)
            if labelled and rise is not None:  # beyond a few points the labels overlap: the value axis reads them
                at = offset_copy(ax.transData, fig=figure, x=7, y=rise, units="points")
                ax.annotate(text, (x, row["value"]), xytext=(anchor, row["value"]), textcoords=at, fontsize=9.5,
                            arrowprops=leader(anchor, x, rise))  # fmt: skip
            name, side = str(row["claimant_name"]), str(row["side"])
            value, bound = float(row["value"]), str(row["bound"])
            rows.append(mark(ax, 0, row["claim_id"], name, side, value, unit, bound, drawn, False, middle))
            rows[-1]["when"] = str(row["when"])  # the date as the ledger gives it, for the chart's CSV
            rows[-1]["written"] = text  # the figure as the chart labels it (a vague amount in its words)
            rows[-1]["hollow"] = hollow
        dated_axes(ax, unit, span, reading.axis_label(unit, label))
        ax.set_xlim(x_low, x_high)
        sides = list(dict.fromkeys(str(side) for side in claims["side"]))
        handles = [
            Line2D([], [], color=colours[side], marker="o", ls="", label=style.fit(side, style.chars(40), lines=1))
            for side in sides
        ]
        # how each bound is drawn (a whisker, an arrow, a segment), as on the estimates chart, then the hollow key
        keys, handler_map = legend_keys(
            [*sorted(set(drawn_kinds)), *(["hollow"] if any(hollows) else [])], vertical=True
        )
        handles += keys
        wide = max(len(handle.get_label()) for handle in handles) > 18  # "as stated (no qualifier)" takes two columns
        figure.legend(
            handles=handles,
            handler_map=handler_map,
            loc="lower left",
            ncol=min(style.columns(2 if wide else 4), len(handles)),
        )
        data = pd.DataFrame(rows)
        title = narrative.over_time_title(every, label)
        subtitle = "At the dates they apply to; different dates are not set against each other"  # the title names it
        what = "estimates: each date's lowest, highest and some between"
        left_out = limits.capped(len(claims), len(every), what, limits.claims_csv(quantity))
        subtitle += f". {left_out}" if left_out else ""
    names = list(claims["claimant_name"])
    return framed(figure, data, title, subtitle, params, names, "over_time", reading.source_line(names))
