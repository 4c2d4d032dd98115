"""The marks every chart is made of: one figure drawn by its bound, legends, axes, rows grouped by side.

Bounds are drawn honestly and never alike: an unqualified figure is a dot, "about" a dot with a whisker
spanning the interval :func:`kit.analysis.interval` gives it, "at least" a floor with an arrow pointing up
the scale, "up to" a ceiling with an arrow pointing down it; numbers the kit derives are grey and outlined
or hollow, never a claimant's colour. Every chart returns a :class:`Chart`: the figure plus a DataFrame of
what was drawn, so tests check marks without looking at pixels.
"""

from __future__ import annotations

import base64
import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from kit import analysis
from kit import ledger as _ledger
from kit.figures import CURRENCY_SIGNS, format_figure
from kit.report import chart_data, narrow, story_palette, style, units, words
from kit.report.markdown import escape_markdown
from kit.report.params import Params
from kit.report.ticks import SpacedLocator
from kit.report.value_labels import ARROW_SHARE, label_place

#: A value axis's label is wrapped to this many characters a line (two lines at most: style.fit).
AXIS_CHARS = 70


@dataclass
class Chart:
    """A drawn chart: the figure, what it shows (one row per mark), its frame texts, and how to draw it again
    (kit.report.narrow: a phone's rendering)."""

    figure: Figure
    data: pd.DataFrame
    title: str
    source: str
    subtitle: str | None = None
    name: str = ""
    notes: dict = field(default_factory=dict)
    redraw: Callable[[], Chart | None] | None = field(default=None, repr=False)

    def to_bytes(self, figure_format: str = "png") -> bytes:
        """The chart as deterministic PNG or SVG bytes."""
        return style.to_bytes(self.figure, figure_format)


def show(chart: Chart | None, params: Params) -> None:
    """Display a chart in the notebook in the chosen format and close it; or say there is nothing to draw.

    Only the image and a plain-text title are displayed: no '<Figure size ...>' repr, no memory address. Under the
    image, a link downloads the chart's data as CSV (kit.report.chart_data), inside the page. A PNG carries its
    phone rendering in its metadata (kit.report.narrow), which the reader's page shows on a narrow screen.
    """
    if chart is None:
        display(Markdown(f"*No chart: nothing to draw{escape_markdown(params.scope())}.*"))
        return
    alt, data = alt_text(chart), chart.to_bytes(params.figure_format)
    plt.close(chart.figure)
    if params.figure_format == "svg":
        display({"image/svg+xml": data.decode("utf-8"), "text/plain": alt}, raw=True)
    else:
        metadata = {"image/png": {"width": style.WIDTH_PX, "alt": alt}} | narrow.rendering(chart, "png")
        display({"image/png": base64.b64encode(data).decode("ascii"), "text/plain": alt}, raw=True, metadata=metadata)
    display(Markdown(chart_data.link(chart.data, chart.name, chart.title)))


#: At most this many figures are read out in a chart's alt text; the rest are counted.
ALT_FIGURES = 12


def alt_text(chart: Chart) -> str:
    """What a chart shows, for a reader who cannot see it: its title, its subtitle and the figures it draws, each
    with its label and bound, from the same data the chart drew."""
    said = []
    if "value" in chart.data and "label" in chart.data:
        for row in chart.data.head(ALT_FIGURES).itertuples(index=False):
            unit, bound = getattr(row, "unit", "count"), getattr(row, "bound", "exact")
            label = " ".join(str(row.label).split())
            shown = getattr(row, "written", None)  # the words a chart labels a figure with, where it keeps them
            shown = (
                shown
                if isinstance(shown, str) and shown
                else words.plain(row.value, str(unit), str(bound), words.high_of(row))
            )
            said.append(f"{label}: {shown}")
    rest = len(chart.data) - len(said) if said else 0
    figures = f" Figures shown: {'; '.join(said)}" + (f"; and {rest} more" if rest > 0 else "") + "." if said else ""
    return f"Chart: {chart.title}" + (f". {chart.subtitle}" if chart.subtitle else "") + "." + figures


# -- drawing one figure with its bound --------------------------------------------------------------


def draw(
    ax,
    y: float,
    value: float,
    bound: str,
    colour: str,
    span: float,
    implied: bool = False,
    high: float | None = None,
    hollow: bool = False,
    stacked: bool = False,
) -> str:
    """Draw one figure on a horizontal axis with the glyph the registry gives its bound; return its mark (the
    legend key), so the legend shows the glyph actually drawn.

    ``high`` is the high end of a range, hedged range or vague amount: a thick segment from low to high.
    ``hollow`` draws the glyph unfilled (a forecast, target or deadline: :func:`kit.analysis.drawn_hollow`).
    ``stacked``: the figure is a share, the first part of a bar of its whole (the rest stacked after it), so an
    unqualified share is a bar from zero; nowhere else is a figure a bar from zero beside dots.
    """
    kind = words.DRAWN_AS[bound]
    glyph = words.GLYPH_OF[kind]
    if glyph == "dot" and stacked:
        kind, glyph = "bar", "bar"
    if glyph == "dot":
        face = "white" if implied or hollow else colour
        edge = style.GREY if implied else colour
        ax.plot([value], [y], marker="o", ls="", markersize=9, color=edge, markerfacecolor=face, markeredgewidth=2)
        return "implied_point" if implied else kind
    if glyph in ("segment", "segment_whisker", "hatched_segment"):
        _segment(ax, y, value, high, bound, colour, glyph, hollow)
        return kind
    if glyph == "bar":
        if implied:
            ax.barh(y, value, height=0.56, color="white", edgecolor=style.GREY, linewidth=0.8)
            return "implied_bar"
        ax.barh(y, value, height=0.56, color="white" if hollow else colour, edgecolor=colour, linewidth=1.8)
        return kind
    if glyph == "whisker":
        low, high = analysis.interval(value, bound)
        face = "white" if implied or hollow else colour
        edge = style.GREY if implied else colour
        ax.errorbar(
            value,
            y,
            xerr=[[value - low], [max(0.0, high - value)]],
            fmt="o",
            color=edge,
            markerfacecolor=face,
            markeredgecolor=edge,
            markersize=9,
            capsize=6,
            elinewidth=2,
            capthick=2,
        )
        return "implied_point_whisker" if implied and kind == "point_whisker" else kind
    direction = 1 if glyph == "arrow_up" else -1
    ax.plot([value, value], [y - 0.3, y + 0.3], color=colour, linewidth=4 if hollow else 3.5, solid_capstyle="butt")
    if hollow:  # an outline, white inside, as a hollow dot is: a forecast's floor is never drawn as measured
        ax.plot([value, value], [y - 0.25, y + 0.25], color="white", linewidth=1.6, solid_capstyle="butt")
    ax.annotate(
        "",
        xy=(value + direction * span * ARROW_SHARE, y),
        xytext=(value, y),
        arrowprops={"arrowstyle": "->" if hollow else "-|>", "color": colour, "lw": 2, "mutation_scale": 16},
    )
    return kind


def _segment(
    ax, y: float, value: float, high: float | None, bound: str, colour: str, glyph: str, hollow: bool = False
) -> None:
    """A range's thick segment between its stated ends, capped; a hedged range adds thin whiskers out to the
    interval it allows; a vague amount is hatched (no end of it was stated); hollow, the segment is an outline."""
    top = value if high is None else high
    if glyph == "hatched_segment":
        ax.barh(y, top - value, left=value, height=0.4, color="white", edgecolor=colour, hatch="///", linewidth=1.2)
        return
    if glyph == "segment_whisker":
        low, wide = analysis.interval(value, bound, high=top)
        ax.plot([low, wide], [y, y], color=colour, linewidth=1.5)
    if hollow:
        ax.barh(y, top - value, left=value, height=0.22, color="white", edgecolor=colour, linewidth=1.8)
    else:
        ax.plot([value, top], [y, y], color=colour, linewidth=7, solid_capstyle="butt")
    for end in (value, top):
        ax.plot([end, end], [y - 0.3, y + 0.3], color=colour, linewidth=2.5)


def count_axis(
    ax, unit: str, limit: float, nbins: int = 6, ledger=None, what: str | None = None, label: str | None = None
) -> None:
    """A value axis from zero, labelled with what it draws and its unit (:func:`units.axis_label`, or ``label``
    when the page's model has it)."""
    ax.set_xlim(0, limit)
    said = functools.partial(tick, unit=unit)
    ax.xaxis.set_major_locator(SpacedLocator(style.ticks(nbins), said, steps=[1, 2, 2.5, 5, 10], integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: tick(value, unit)))
    ax.set_xlabel(style.fit(label or units.axis_label(unit, ledger, what), style.chars(AXIS_CHARS, 26), lines=2))
    ax.grid(axis="x")
    ax.set_axisbelow(True)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)


def tick(value: float, unit: str) -> str:
    if value == 0:
        return "0"
    return format_figure(value, unit if unit in CURRENCY_SIGNS or unit == "percent" else "count")


def row_label(row: pd.Series) -> str:
    """A mark's row: who gave the figure, with its stage and its date; the date as the curator resolved it ("13
    April 2023"), since a chart shared on its own cannot say "this Thursday", else the article's words (and always
    for a deadline or a forecast, whose words say "by")."""
    detail = [str(row["stage"])] if pd.notna(row.get("stage")) else []
    when, ahead = row.get("when"), str(row.get("when_kind") or "") in ("deadline", "forecast")
    if isinstance(when, str) and when and not (ahead and words.when_written(row)):  # "by 2030" keeps its "by"
        detail.append(words.date_words(when))
    elif words.when_written(row):
        detail.append(words.when_written(row))
    name = style.fit(str(row["claimant_name"]), style.chars(30), lines=2)
    return name + ("\n" + style.fit(f"({', '.join(detail)})", style.chars(40), lines=2) if detail else "")


def heading(ax, y: float, side: str, colour: str) -> None:
    """A side's name above its group of rows, on white so reference lines pass behind it."""
    ax.text(
        0,
        y,
        style.fit(side[:1].upper() + side[1:], style.chars(60), lines=1),
        transform=ax.get_yaxis_transform(),
        ha="left",
        va="center",
        weight="bold",
        color=colour,
        fontsize=11,
        zorder=5,
        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5},
    )


def source(params: Params, names: list[str]) -> str:
    return style.source_line(names, _ledger.article(params.ledger).title)


def side_colours(params: Params) -> dict[str, str]:
    return story_palette.story_colours([params.ledger])


def rows_by_side(claims: pd.DataFrame) -> tuple[list[float], list[tuple[float, str]]]:
    """y positions top-down, grouped by side with a heading row per side."""
    positions, headings, y = [], [], 0.0
    for side, group in claims.groupby("side", sort=False, observed=True):
        headings.append((y, str(side)))
        y += 0.75
        for _ in range(len(group)):
            positions.append(y)
            y += 1.0
        y += 0.35
    return positions, headings


def mark(
    ax,
    panel: int,
    claim_id: str | None,
    label: str,
    side: str,
    value: float,
    unit: str,
    bound: str,
    drawn_as: str,
    implied: bool,
    y: float,
) -> dict:
    """One row of a chart's data: what one mark shows, so tests read marks instead of pixels."""
    return {
        "panel": panel,
        "claim_id": claim_id,
        "label": label,
        "side": side,
        "value": value,
        "unit": unit,
        "bound": bound,
        "drawn_as": drawn_as,
        "implied": implied,
        "y": y,
        "axis_label": ax.get_xlabel(),
    }


def claim_mark(ax, panel: int, row: pd.Series, label: str, drawn_as: str, y: float) -> dict:
    """The chart-data row of a mark that draws one claim as stated."""
    value, unit, bound = float(row["value"]), str(row["unit"]), str(row["bound"])
    drawn = mark(ax, panel, row["claim_id"], label, str(row["side"]), value, unit, bound, drawn_as, False, y)
    return {**drawn, "value_high": words.high_of(row)}  # a range's high end, for the alt text and the tests


def framed(
    figure: Figure,
    data: pd.DataFrame,
    title: str,
    subtitle: str,
    params: Params,
    names: list[str],
    name: str,
    credit: str | None = None,
) -> Chart:
    """Frame a drawn chart in the house style (title, subtitle, source line) and wrap it with what it shows;
    ``credit`` is the source line when the page's model has written it."""
    credit = source(params, names) if credit is None else credit
    with style.using(params.style):
        style.finalise(figure, title, credit, subtitle)
    return Chart(figure, data, title, credit, subtitle, name)


def bound_rows(
    ax, claims: pd.DataFrame, colours: Mapping[str, str], positions: list[float], limit: float, panel: int = 0
) -> list[dict]:
    """Each claim drawn on its row by its bound, in its side's colour, with its figure beside it."""
    rows = []
    hollows = analysis.drawn_hollow(claims)
    for y, (_, row), hollow in zip(positions, claims.iterrows(), hollows, strict=True):
        colour = colours[str(row["side"])]
        high = words.high_of(row)
        drawn = draw(ax, y, row["value"], str(row["bound"]), colour, limit, high=high, hollow=bool(hollow))
        text = words.figure_text(row, str(row["unit"]))  # a vague amount in its words, never the kit's reading
        x, align, text = label_place(row["value"], drawn, limit, high, text)
        ax.text(
            x,
            y,
            text,
            va="center",
            ha=align,
            fontsize=10.5,
            color=style.INK,
            in_layout=False,
        )
        vague = str(row["bound"]) == "vague"  # the alt text reads a vague amount in its words
        written = words.figure_text(row, str(row["unit"])) if vague else ""
        rows.append(
            {**claim_mark(ax, panel, row, row_label(row), drawn, y), "hollow": bool(hollow), "written": written}
        )
    return rows


def _top(row: pd.Series) -> float:
    """The right end of what a figure's mark draws: its interval's high end (a hedged range's whisker), or the
    figure itself for a floor, whose arrow has a length of its own."""
    high = analysis.interval(float(row["value"]), str(row["bound"]), high=words.high_of(row))[1]
    return high if math.isfinite(high) else float(row["value"])


def by_side(params: Params, claims: pd.DataFrame, frame_in: float, reading=None):  # noqa: ANN001 (model.Reading)
    """A chart of one quantity's figures, one row per claim, grouped under a heading per side; call inside the style.

    ``frame_in`` is the height in inches the title and legend need; ``reading`` is the page's model's reading of
    the ledger (labels, colours, units), when the page has one. Returns the figure, its axes, the rows drawn and
    their y positions.
    """
    positions, headings = rows_by_side(claims)
    tops = [_top(row) for _, row in claims.iterrows()]
    room = 1.42 if style.scale() == 1 else 1.75  # past the largest figure, for the labels (more on a phone)
    limit = max(tops) * room if max(tops) > 0 else 1.0
    figure, axes = style.new_figure(frame_in + 0.62 * (positions[-1] + 1), params.style)
    ax = axes[0][0]
    quantities = claims["quantity"].astype(str).unique() if "quantity" in claims else []
    labels = reading.labels if reading is not None else words.quantity_labels(params.ledger)
    what = labels.get(quantities[0]) if len(quantities) == 1 else None
    unit = str(claims["unit"].iloc[0])
    label = reading.axis_label(unit, what) if reading is not None else None
    count_axis(ax, unit, limit, ledger=params.ledger, what=what, label=label)
    colours = reading.colours if reading is not None else side_colours(params)
    rows = bound_rows(ax, claims, colours, positions, limit)
    for y, side in headings:
        heading(ax, y, side, colours[side])
    return figure, ax, rows, positions
