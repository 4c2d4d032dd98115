"""Charts of the ledger's figures, each in the house style, each exposing what it drew.

Every chart function takes checked notebook parameters and returns a
:class:`Chart`: the matplotlib Figure plus a DataFrame of what was drawn
(label, value, unit, bound, drawn_as, panel), so tests check bar lengths,
bounds and axes without looking at pixels. When the subset selects nothing
they return None and :func:`show` says so.

Bounds are drawn honestly and never alike: an exact count is a solid bar,
"about" a dot with a whisker, "at least" a floor with an arrow pointing up
the scale, "up to" a ceiling with an arrow pointing down it; numbers the
kit derives are grey and hatched or hollow, never a claimant's colour.
"""

from __future__ import annotations

import base64
import textwrap
from dataclasses import dataclass, field

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from IPython.display import Markdown, display
from matplotlib.figure import Figure
from matplotlib.legend_handler import HandlerBase
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from kit import analysis
from kit import ledger as _ledger
from kit.figures import format_figure, format_with_unit
from kit.report import narrative, style
from kit.report.params import Params

#: Half-width of the whisker drawn for an "about" figure, as a share of the figure. The article gives no
#: range; the whisker only marks the figure as approximate and is labelled so in every legend.
ABOUT_SPREAD = 0.1
#: Length of the arrow on a floor or ceiling, as a share of the axis span.
ARROW_SHARE = 0.07

#: Axis labels with units, per ledger unit.
UNIT_AXIS = {
    "soldiers": "Soldiers (count)",
    "brigades": "Brigades (count)",
    "containers": "Containers (count)",
    "usd": "US dollars",
    "percent": "Share of the plan (%)",
}
DRAWN_AS = {
    "exact": "bar",
    "about": "point_whisker",
    "at_least": "floor",
    "up_to": "ceiling",
}
LEGEND_TEXT = {
    "bar": "exact figure",
    "point_whisker": "about (no range given; whisker marks it approximate)",
    "floor": "at least (a floor)",
    "ceiling": "up to (a ceiling)",
    "implied_bar": "implied by the kit's arithmetic",
    "implied_point_whisker": "implied, about (the kit's arithmetic)",
    "reference": "reference line",
}
ROLE_COLOURS = {
    "training_base": style.OKABE_ITO["blue"],
    "landing_port": style.OKABE_ITO["blue"],
    "front": style.OKABE_ITO["vermillion"],
    "strike_target": style.OKABE_ITO["reddish purple"],
    "id_region": style.OKABE_ITO["bluish green"],
    "training_area": style.OKABE_ITO["sky blue"],
    "visit": style.OKABE_ITO["orange"],
    "mentioned": style.GREY,
}
ROLE_WORDS = {
    "training_base": "training base",
    "landing_port": "landing port",
    "front": "front",
    "strike_target": "strike target",
    "id_region": "region named on fake IDs",
    "training_area": "training area",
    "visit": "visited",
    "mentioned": "mentioned",
}


@dataclass
class Chart:
    """A drawn chart: the figure, what it shows (one row per mark), and its frame texts."""

    figure: Figure
    data: pd.DataFrame
    title: str
    source: str
    subtitle: str | None = None
    name: str = ""
    notes: dict = field(default_factory=dict)

    def to_bytes(self, figure_format: str = "png") -> bytes:
        """The chart as deterministic PNG or SVG bytes."""
        return style.to_bytes(self.figure, figure_format)


def show(chart: Chart | None, params: Params) -> None:
    """Display a chart in the notebook in the chosen format and close it; or say there is nothing to draw.

    Only the image and a plain-text title are displayed: no '<Figure size ...>' repr, no memory address.
    """
    if chart is None:
        display(Markdown(f"*No chart: nothing to draw for {narrative.escape_markdown(params.describe())}.*"))
        return
    alt = f"Chart: {chart.title}" + (f". {chart.subtitle}" if chart.subtitle else "")
    data = chart.to_bytes(params.figure_format)
    plt.close(chart.figure)
    if params.figure_format == "svg":
        display({"image/svg+xml": data.decode("utf-8"), "text/plain": alt}, raw=True)
    else:
        display(
            {"image/png": base64.b64encode(data).decode("ascii"), "text/plain": alt},
            raw=True,
            metadata={"image/png": {"width": style.WIDTH_PX}},
        )


# -- drawing one figure with its bound --------------------------------------------------------------


def _draw(ax, y: float, value: float, bound: str, colour: str, span: float, implied: bool = False) -> str:
    """Draw one figure on a horizontal axis according to its bound; return how it was drawn."""
    kind = DRAWN_AS[bound]
    arrow = span * ARROW_SHARE
    if kind == "bar":
        if implied:
            ax.barh(y, value, height=0.56, color="white", edgecolor=style.GREY, hatch="///", linewidth=1.2)
            return "implied_bar"
        ax.barh(y, value, height=0.56, color=colour)
        return "bar"
    if kind == "point_whisker":
        face = "white" if implied else colour
        edge = style.GREY if implied else colour
        ax.errorbar(
            value,
            y,
            xerr=value * ABOUT_SPREAD,
            fmt="o",
            color=edge,
            markerfacecolor=face,
            markeredgecolor=edge,
            markersize=9,
            capsize=6,
            elinewidth=2,
            capthick=2,
        )
        return "implied_point_whisker" if implied else "point_whisker"
    direction = 1 if kind == "floor" else -1
    ax.plot([value, value], [y - 0.3, y + 0.3], color=colour, linewidth=3.5, solid_capstyle="butt")
    ax.annotate(
        "",
        xy=(value + direction * arrow, y),
        xytext=(value, y),
        arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 2, "mutation_scale": 16},
    )
    return kind


def _label_x(value: float, drawn_as: str, span: float) -> float:
    if drawn_as == "floor":
        return value + span * (ARROW_SHARE + 0.015)
    if drawn_as.endswith("point_whisker"):
        return value * (1 + ABOUT_SPREAD) + span * 0.015
    return value + span * 0.012


class _BoundHandler(HandlerBase):
    """Legend key for a floor or ceiling: the same cap and arrow the chart draws."""

    def __init__(self, direction: int):
        super().__init__()
        self.direction = direction

    def create_artists(self, legend, orig_handle, xdescent, ydescent, width, height, fontsize, trans):
        colour = orig_handle.get_color()
        middle = height / 2 - ydescent
        cap_x = width * (0.25 if self.direction > 0 else 0.75) - xdescent
        cap = Line2D(
            [cap_x, cap_x], [middle - height * 0.55, middle + height * 0.55], color=colour, lw=3, transform=trans
        )
        arrow = FancyArrowPatch(
            (cap_x, middle),
            (cap_x + self.direction * width * 0.55, middle),
            arrowstyle="-|>",
            mutation_scale=12,
            color=colour,
            lw=1.8,
            transform=trans,
        )
        return [cap, arrow]


def _legend(target, kinds: list[str], colour: str = style.INK, **where: object) -> None:
    """A key for every kind of mark drawn, below the chart (a figure legend, so layout makes room for it)."""
    handles, handler_map = [], {}
    for kind in dict.fromkeys(kinds):
        if kind == "bar":
            handles.append(Patch(color=colour, label=LEGEND_TEXT[kind]))
        elif kind == "implied_bar":
            handles.append(Patch(facecolor="white", edgecolor=style.GREY, hatch="///", label=LEGEND_TEXT[kind]))
        elif kind == "point_whisker":
            handles.append(Line2D([], [], color=colour, marker="o", linestyle="-", label=LEGEND_TEXT[kind]))
        elif kind == "implied_point_whisker":
            handles.append(
                Line2D([], [], color=style.GREY, marker="o", markerfacecolor="white", label=LEGEND_TEXT[kind])
            )
        elif kind in ("floor", "ceiling"):
            handle = Line2D([], [], color=colour, label=LEGEND_TEXT[kind])
            handler_map[handle] = _BoundHandler(1 if kind == "floor" else -1)
            handles.append(handle)
    if handles:
        columns = 1 if getattr(target, "kit_style", style.DEFAULT_STYLE) == "large" else 2
        options = {"loc": "lower left", "ncol": columns, "handlelength": 2.4} | where  # finalise() places it
        target.legend(handles=handles, handler_map=handler_map, **options)


def _count_axis(ax, unit: str, limit: float, nbins: int = 6) -> None:
    ax.set_xlim(0, limit)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=nbins, steps=[1, 2, 2.5, 5, 10], integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: _tick(value, unit)))
    ax.set_xlabel(UNIT_AXIS.get(unit, unit))
    ax.grid(axis="x")
    ax.set_axisbelow(True)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)


def _tick(value: float, unit: str) -> str:
    if value == 0:
        return "0"
    return format_figure(value, "usd" if unit == "usd" else ("percent" if unit == "percent" else "count"))


def _row_label(row: pd.Series) -> str:
    detail = [str(row["stage"])] if pd.notna(row.get("stage")) else []
    if pd.notna(row.get("deadline")):
        detail.append(f"by {row['deadline']}")
    name = textwrap.fill(str(row["claimant_name"]), 30)
    return name + (f"\n({', '.join(detail)})" if detail else "")


def _heading(ax, y: float, side: str, colour: str) -> None:
    """A side's name above its group of rows, on white so reference lines pass behind it."""
    ax.text(
        0,
        y,
        side[:1].upper() + side[1:],
        transform=ax.get_yaxis_transform(),
        ha="left",
        va="center",
        weight="bold",
        color=colour,
        fontsize=11,
        zorder=5,
        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5},
    )


def _source(params: Params, names: list[str]) -> str:
    return style.source_line(names, _ledger.article(params.ledger).title)


def _side_colours(params: Params) -> dict[str, str]:
    return style.side_colours(analysis.side_order(params.ledger))


def _rows_by_side(claims: pd.DataFrame) -> tuple[list[float], list[tuple[float, str]]]:
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


def _bound_rows(ax, claims: pd.DataFrame, params: Params, positions: list[float], limit: float, panel: int = 0):
    colours = _side_colours(params)
    rows = []
    for y, (_, row) in zip(positions, claims.iterrows(), strict=True):
        colour = colours[str(row["side"])]
        drawn = _draw(ax, y, row["value"], str(row["bound"]), colour, limit)
        ax.text(
            _label_x(row["value"], drawn, limit),
            y,
            narrative.plain(row["value"], row["unit"], str(row["bound"])),
            va="center",
            ha="left",
            fontsize=10.5,
            color=style.INK,
            in_layout=False,
        )
        rows.append(
            {
                "panel": panel,
                "claim_id": row["claim_id"],
                "label": _row_label(row),
                "side": str(row["side"]),
                "value": float(row["value"]),
                "unit": str(row["unit"]),
                "bound": str(row["bound"]),
                "drawn_as": drawn,
                "implied": False,
                "y": y,
                "axis_label": ax.get_xlabel(),
            }
        )
    return rows


# -- notebook 1 -----------------------------------------------------------------------------------


def troop_estimates(params: Params) -> Chart | None:
    """Every soldier count of the whole, by source, grouped by side, each drawn by its bound."""
    claims = analysis.troop_totals(analysis.select(params, topic="troops"))
    if claims.empty:
        return None
    positions, headings = _rows_by_side(claims)
    limit = claims["value"].max() * 1.42
    with style.using(params.style):
        figure, axes = style.new_figure(0.9 + 0.62 * (positions[-1] + 1), params.style)
        ax = axes[0][0]
        _count_axis(ax, "soldiers", limit)
        rows = _bound_rows(ax, claims, params, positions, limit)
        colours = _side_colours(params)
        for y, side in headings:
            _heading(ax, y, side, colours[side])
        ax.set_yticks(positions, [row["label"] for row in rows])
        ax.set_ylim(positions[-1] + 0.8, -0.6)
        _legend(figure, [row["drawn_as"] for row in rows])
        data = pd.DataFrame(rows)
        title = narrative.troops_title(data)
        subtitle = "Each figure the article quotes, by who gave it, grouped by the side they speak for"
        source = _source(params, list(claims["claimant_name"]))
        style.finalise(figure, title, source, subtitle)
    return Chart(figure, data, title, source, subtitle, "troop_estimates")


def brigade_arithmetic(params: Params) -> Chart | None:
    """Soldiers per brigade and in all, per source that gives a brigade count; implied values in grey."""
    claims = analysis.select(params, topic="troops")
    table = analysis.brigade_arithmetic(claims)
    if table.empty:
        return None
    colours = _side_colours(params)
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
            _count_axis(ax, "soldiers", limit, nbins=4)
            ax.set_title(heading, fontsize=12)
            for y, (_, row) in zip(positions, table.iterrows(), strict=True):
                implied = bool(row[f"{column}_implied"])
                bound = str(row[f"{column}_bound"])
                drawn = _draw(ax, y, row[column], bound, colours[str(row["side"])], limit, implied=implied)
                text = narrative.plain(row[column], "soldiers", bound) + (" (implied)" if implied else "")
                ax.text(
                    _label_x(row[column], drawn, limit), y, text, va="center", ha="left", fontsize=10.5, in_layout=False
                )
                rows.append(
                    {
                        "panel": panel,
                        "claim_id": row[f"{column}_claim"],
                        "label": labels[int(y)],
                        "side": str(row["side"]),
                        "value": float(row[column]),
                        "unit": "soldiers",
                        "bound": bound,
                        "drawn_as": drawn,
                        "implied": implied,
                        "y": y,
                        "axis_label": ax.get_xlabel(),
                    }
                )
        axes[0][0].set_yticks(positions, labels)
        axes[0][0].set_ylim(len(table) - 0.4, -0.6)
        data = pd.DataFrame(rows)
        _legend(figure, list(data["drawn_as"]))
        title = narrative.brigades_title(table)
        subtitle = "What each source's brigade count implies; grey values are the kit's arithmetic, not quotes"
        source = _source(params, list(table["claimant_name"]))
        style.finalise(figure, title, source, subtitle)
    return Chart(figure, data, title, source, subtitle, "brigade_arithmetic")


def first_batch(params: Params) -> Chart | None:
    """Each estimate of the total, with the first batch as a reference line across them."""
    claims = analysis.select(params, topic="troops")
    shares = analysis.batch_shares(claims)
    if shares.empty:
        return None
    totals = claims[claims["claim_id"].isin(shares["total_claim"])].reset_index(drop=True)
    batches = claims[claims["claim_id"].isin(shares["batch_claim"])].reset_index(drop=True)
    positions, headings = _rows_by_side(totals)
    limit = totals["value"].max() * 1.42
    with style.using(params.style):
        figure, axes = style.new_figure(1.0 + 0.62 * (positions[-1] + 1), params.style)
        ax = axes[0][0]
        _count_axis(ax, "soldiers", limit)
        rows = _bound_rows(ax, totals, params, positions, limit)
        colours = _side_colours(params)
        for y, side in headings:
            _heading(ax, y, side, colours[side])
        for _, batch in batches.iterrows():
            ax.axvline(batch["value"], color=style.INK, linestyle="--", linewidth=1.5)
            when = f" by {batch['deadline']}" if pd.notna(batch["deadline"]) else ""
            ax.text(
                batch["value"],
                -0.45,
                f" first batch: {narrative.plain(batch['value'], 'soldiers')}{when}",
                ha="left",
                va="center",
                fontsize=10,
                color=style.INK,
            )
            rows.append(
                {
                    "panel": 0,
                    "claim_id": batch["claim_id"],
                    "label": _row_label(batch),
                    "side": str(batch["side"]),
                    "value": float(batch["value"]),
                    "unit": "soldiers",
                    "bound": str(batch["bound"]),
                    "drawn_as": "reference",
                    "implied": False,
                    "y": float("nan"),
                    "axis_label": ax.get_xlabel(),
                }
            )
        ax.set_yticks(positions, [row["label"] for row in rows if row["drawn_as"] != "reference"])
        ax.set_ylim(positions[-1] + 0.8, -0.8)
        _legend(figure, [row["drawn_as"] for row in rows if row["drawn_as"] != "reference"])
        data = pd.DataFrame(rows)
        title = narrative.batch_title(shares)
        subtitle = "Estimates of the total, with the first batch as a dashed line"
        source = _source(params, [*totals["claimant_name"], *batches["claimant_name"]])
        style.finalise(figure, title, source, subtitle)
    return Chart(figure, data, title, source, subtitle, "first_batch")


# -- notebook 2 -----------------------------------------------------------------------------------


def munitions_and_aid(params: Params) -> Chart | None:
    """One panel per munitions or aid figure, each with its own axis and unit: never one shared axis."""
    claims = narrative._munitions_and_aid_claims(params)
    if claims.empty:
        return None
    colours = _side_colours(params)
    rows = []
    with style.using(params.style):
        figure, axes = style.new_figure(0.3 + 1.75 * len(claims), params.style, nrows=len(claims))
        for panel, (_, row) in enumerate(claims.iterrows()):
            ax = axes[panel][0]
            limit = row["value"] * 1.45
            _count_axis(ax, str(row["unit"]), limit)
            ax.set_title(textwrap.fill(f"{row['claimant_name']}: {row['counts']}", 80), fontsize=11.5)
            drawn = _draw(ax, 0, row["value"], str(row["bound"]), colours[str(row["side"])], limit)
            ax.text(
                _label_x(row["value"], drawn, limit),
                0,
                narrative.plain(row["value"], row["unit"], str(row["bound"])),
                va="center",
                fontsize=11,
                in_layout=False,
            )
            ax.set_yticks([0], [textwrap.fill(str(row["topic"]).capitalize(), 14)])
            ax.set_ylim(0.7, -0.7)
            rows.append(
                {
                    "panel": panel,
                    "claim_id": row["claim_id"],
                    "label": str(row["claimant_name"]),
                    "side": str(row["side"]),
                    "value": float(row["value"]),
                    "unit": str(row["unit"]),
                    "bound": str(row["bound"]),
                    "drawn_as": drawn,
                    "implied": False,
                    "y": 0.0,
                    "axis_label": ax.get_xlabel(),
                }
            )
        data = pd.DataFrame(rows)
        title = narrative.munitions_title(claims)
        subtitle = (
            "Each figure on its own scale, with who gave it and what it covers: "
            "bar lengths do not compare across panels"
        )
        source = _source(params, list(claims["claimant_name"]))
        style.finalise(figure, title, source, subtitle)
    return Chart(figure, data, title, source, subtitle, "munitions_and_aid")


# -- notebook 3 -----------------------------------------------------------------------------------


def recruitment(params: Params) -> Chart | None:
    """The share of the plan claimed fulfilled, and the implied remainder as a hatched grey bar."""
    claims = analysis.recruitment_shortfalls(analysis.select(params, topic="recruitment"))
    if claims.empty:
        return None
    colours = _side_colours(params)
    rows = []
    with style.using(params.style):
        figure, axes = style.new_figure(1.3 + 0.9 * len(claims), params.style)
        ax = axes[0][0]
        _count_axis(ax, "percent", 100)
        for y, (_, row) in enumerate(claims.iterrows()):
            drawn = _draw(ax, y, row["value"], str(row["bound"]), colours[str(row["side"])], 100)
            ax.text(
                row["value"] / 2,
                y,
                f"claimed: {narrative.plain(row['value'], 'percent', str(row['bound']))}",
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
                f"implied shortfall: {narrative.plain(row['shortfall'], 'percent')}",
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
                    {
                        "panel": 0,
                        "claim_id": claim,
                        "label": str(row["claimant_name"]),
                        "side": str(row["side"]),
                        "value": float(value),
                        "unit": "percent",
                        "bound": bound,
                        "drawn_as": kind,
                        "implied": implied,
                        "y": float(y),
                        "axis_label": ax.get_xlabel(),
                    }
                )
        ax.set_yticks(range(len(claims)), [textwrap.fill(str(name), 20) for name in claims["claimant_name"]])
        ax.set_ylim(len(claims) - 0.4, -1.0)
        data = pd.DataFrame(rows)
        _legend(figure, list(data["drawn_as"]), colour=colours[str(claims["side"].iloc[0])])
        title = narrative.recruitment_title(claims.iloc[0])
        subtitle = "The claim as stated; the shortfall is the kit's arithmetic, not a figure in the article"
        source = _source(params, list(claims["claimant_name"]))
        style.finalise(figure, title, source, subtitle)
    return Chart(figure, data, title, source, subtitle, "recruitment")


# -- notebook 4 -----------------------------------------------------------------------------------


def places_map(params: Params) -> Chart | None:
    """Located places on a plain longitude/latitude map, great circles from training bases to the front."""
    places = _ledger.places(params.ledger)
    located = places.dropna(subset=["latitude", "longitude"]).copy()
    if located.empty:
        return None
    distances = analysis.distances_to_front(params.ledger)
    points = []
    for (lat, lon), group in located.groupby(["latitude", "longitude"], sort=False):
        roles = list(dict.fromkeys(str(role) for role in group["role"]))
        names = list(dict.fromkeys(str(name) for name in group["name"]))
        points.append(
            {
                "latitude": lat,
                "longitude": lon,
                "name": " / ".join(names),
                "role": roles[0],
                "roles": roles,
                "place_ids": list(group["place_id"]),
            }
        )
    points.sort(key=lambda point: (point["longitude"], point["latitude"]))
    lats = [point["latitude"] for point in points]
    lons = [point["longitude"] for point in points]
    pad_lon, pad_lat = 6, 4
    with style.using(params.style):
        aspect = 1 / np.cos(np.radians(np.mean(lats)))
        span_lon, span_lat = max(lons) - min(lons) + 2 * pad_lon, max(lats) - min(lats) + 2 * pad_lat
        figure, axes = style.new_figure(1.0 + 6.6 * span_lat * aspect / span_lon, params.style)
        ax = axes[0][0]
        ax.set_xlim(min(lons) - pad_lon, max(lons) + pad_lon)
        ax.set_ylim(min(lats) - pad_lat, max(lats) + pad_lat)
        ax.set_aspect(aspect)
        ax.grid(True)
        ax.set_axisbelow(True)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:.0f}\u00b0E"))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:.0f}\u00b0N"))
        ax.set_xlabel("Longitude (degrees east)")
        ax.set_ylabel("Latitude (degrees north)")
        for _, route in distances.iterrows():
            base = located[located["place_id"] == route["base_id"]].iloc[0]
            front = located[located["place_id"] == route["front_id"]].iloc[0]
            path = analysis.great_circle_points(
                base["latitude"], base["longitude"], front["latitude"], front["longitude"]
            )
            ax.plot(
                [lon for _, lon in path],
                [lat for lat, _ in path],
                color=style.GREY,
                linewidth=1,
                linestyle=(0, (4, 3)),
                zorder=1,
            )
        for point in points:
            ax.scatter(
                point["longitude"],
                point["latitude"],
                s=46,
                color=ROLE_COLOURS.get(point["role"], style.INK),
                edgecolor="white",
                linewidth=0.8,
                zorder=3,
            )
        unlocated = narrative.unlocated_places(params.ledger)
        if unlocated:
            ax.text(
                0.01,
                0.02,
                "Not mapped (no point in the article):\n" + "\n".join(unlocated),
                transform=ax.transAxes,
                ha="left",
                va="bottom",
                fontsize=9.5,
                color=style.INK,
                bbox={"facecolor": "white", "edgecolor": "#BBBBBB", "boxstyle": "round,pad=0.4"},
            )
        roles = list(dict.fromkeys(role for point in points for role in point["roles"]))
        handles = [
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                color=ROLE_COLOURS.get(role, style.INK),
                label=ROLE_WORDS.get(role, role),
            )
            for role in roles
            if role != "landing_port"
        ]
        if not distances.empty:
            handles.append(Line2D([], [], color=style.GREY, linestyle=(0, (4, 3)), label="great circle to the front"))
        figure.legend(handles=handles, ncol=4, fontsize=9.5, handlelength=2.4)
        data = pd.DataFrame(
            [
                {
                    "label": point["name"],
                    "longitude": point["longitude"],
                    "latitude": point["latitude"],
                    "role": point["role"],
                    "place_ids": ",".join(point["place_ids"]),
                    "drawn_as": "point",
                }
                for point in points
            ]
        )
        title = narrative.map_title(distances)
        subtitle = "Places the article names, on a plain longitude/latitude grid; dashed lines are great circles"
        claims = analysis.select(params)
        source = _source(params, list(claims[claims["place_id"].notna()]["claimant_name"])) + "; coordinates: GeoNames"
        style.finalise(figure, title, source, subtitle)
        _place_labels(figure, ax, points)  # after the frame: labels are placed in the final layout's pixels
    return Chart(figure, data, title, source, subtitle, "places_map", notes={"distances": distances})


_OFFSETS = [
    (6, 3),
    (6, -13),
    (-6, 3),
    (-6, -13),
    (9, -5),
    (-9, -5),
    (0, 8),
    (0, -18),
    (14, 12),
    (14, -22),
    (-14, 12),
    (-14, -22),
    (26, -5),
    (-26, -5),
]


def _gap(rect: tuple[float, float, float, float], point) -> float:
    """Distance in pixels from a point to a rectangle (0 inside it)."""
    x, y = point
    return float(np.hypot(max(rect[0] - x, 0, x - rect[2]), max(rect[1] - y, 0, y - rect[3])))


def _place_labels(figure: Figure, ax, points: list[dict]) -> None:
    """Label each point at the first offset that overlaps no label or point and is nearest its own point.

    Labels sit on a translucent white box so route lines pass visibly behind them.
    """
    renderer = figure.canvas.get_renderer()
    figure.draw_without_rendering()
    inside = ax.get_window_extent(renderer)
    centres = [ax.transData.transform((point["longitude"], point["latitude"])) for point in points]
    taken = [(x - 5, y - 5, x + 5, y + 5) for x, y in centres]
    for index, point in enumerate(points):
        chosen = None
        for candidate in [*_OFFSETS, None]:
            first = candidate is None
            dx, dy = _OFFSETS[0] if first else candidate
            text = ax.annotate(
                point["name"],
                (point["longitude"], point["latitude"]),
                xytext=(dx, dy),
                textcoords="offset points",
                fontsize=9.5,
                ha="left" if dx >= 0 else "right",
                va="bottom",
                color=style.INK,
                zorder=4,
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.75, "pad": 0.6},
            )
            if first:  # every spot is taken: keep the first, readable if crowded
                break
            box = text.get_window_extent(renderer)
            rect = (box.x0, box.y0, box.x1, box.y1)
            clear = all(rect[2] < o[0] or rect[0] > o[2] or rect[3] < o[1] or rect[1] > o[3] for o in taken)
            fits = box.x0 >= inside.x0 and box.x1 <= inside.x1 and box.y0 >= inside.y0 and box.y1 <= inside.y1
            own = _gap(rect, centres[index])
            nearest = all(own < _gap(rect, centre) for other, centre in enumerate(centres) if other != index)
            if clear and fits and nearest:
                chosen = rect
                break
            text.remove()
        if chosen is None:
            box = text.get_window_extent(renderer)
            chosen = (box.x0, box.y0, box.x1, box.y1)
        taken.append(chosen)


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
    colours = _side_colours(params)
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
        source = _source(params, list(table["name"]))
        style.finalise(figure, title, source, subtitle)
    return Chart(figure, data, title, source, subtitle, "sources_by_side")
