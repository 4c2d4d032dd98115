"""A locator map of the places a page's figures name, with great circles between the place roles the ledger
declares (``distances`` on its places field ``role``).

A reader's map, not a GIS plot: no latitude/longitude axes, the countries around the places named, each place
labelled with a leader line to its point, and only the places the page's selection ties its figures to.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from kit import analysis
from kit import ledger as _ledger
from kit.report import countries, land, limits, model, narrative, narrow, style
from kit.report.marks import Chart
from kit.report.params import Params

#: Country names: a quiet grey, still 4.5:1 on the land colour.
COUNTRY_INK = "#5F5F5F"

#: Place roles' marks, a scheme of their own: the sides own the Okabe-Ito hues and Tol's indigo and wine
#: (kit.report.style.SIDE_COLOURS), so a role never looks like a side. Paul Tol's other "muted" hues, each
#: darkened to 4.5:1 on white, with a shape each, so roles differ in shape as well as hue. A role takes the mark
#: of its place in the ledger's declared roles.
ROLE_MARKS = [
    (style.for_text(colour), marker)
    for colour, marker in zip(
        ["#117733", "#AA4499", "#44AA99", "#999933", "#CC6677", "#88CCEE", "#DDCC77"],
        ["o", "s", "D", "^", "v", "P", "X"],
        strict=True,
    )
]


def role_marks(ledger: object) -> dict[str, tuple[str, str]]:
    """Each place role the ledger declares, in its order, with its colour and marker (the scheme repeats)."""
    return marks_of(analysis.field_enum(_ledger.package(ledger), "places", "role"))


def marks_of(roles: Iterable[str]) -> dict[str, tuple[str, str]]:
    """:func:`role_marks` of the roles a ledger declares, in its order."""
    return {role: ROLE_MARKS[index % len(ROLE_MARKS)] for index, role in enumerate(roles)}


def places_map(params: Params) -> Chart | None:
    """Located places on a locator map (:func:`places_map_of`)."""
    reading = model.read(params)
    return places_map_of(reading, model.places_of(reading))


def _coordinates_credit(located: pd.DataFrame) -> str:
    """Where the drawn points come from: GeoNames where the ledger gives each a GeoNames id, else the ledger's own
    places.csv (a curator's point is not GeoNames')."""
    ids = located["geonames_id"] if "geonames_id" in located else pd.Series(dtype="object")
    given = int(ids.notna().sum())
    if given == len(located):
        return "GeoNames"
    return "GeoNames and the ledger's places.csv" if given else "the ledger's places.csv"


@narrow.redrawable
def places_map_of(reading: model.Reading, places: model.Places) -> Chart | None:
    """Located places on a locator map, great circles between the place roles the ledger declares: the page's
    places, from its model."""
    params, distances = reading.params, places.routes
    areas = list(places.areas)  # areas are listed, not drawn as a point
    located = places.places.dropna(subset=["latitude", "longitude"])
    located = located[~located["name"].astype(str).isin(areas)].copy()
    if located.empty:
        return None
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
    paths = []
    for _, route in distances.iterrows():
        origin = located[located["place_id"] == route["from_id"]].iloc[0]
        to = located[located["place_id"] == route["to_id"]].iloc[0]
        paths.append(
            analysis.great_circle_points(origin["latitude"], origin["longitude"], to["latitude"], to["longitude"])
        )
    lats = [point["latitude"] for point in points] + [lat for path in paths for lat, _ in path]  # routes fit too
    lons = [point["longitude"] for point in points] + [lon for path in paths for _, lon in path]
    pad_lon, pad_lat = 6, 4
    with style.using(params.style):
        aspect = 1 / np.cos(np.radians(np.mean(lats)))
        span_lon, span_lat = max(lons) - min(lons) + 2 * pad_lon, max(lats) - min(lats) + 2 * pad_lat
        figure, axes = style.new_figure(1.0 + 6.6 * style.scale() * span_lat * aspect / span_lon, params.style)
        ax = axes[0][0]
        ax.set_xlim(min(lons) - pad_lon, max(lons) + pad_lon)
        ax.set_ylim(min(lats) - pad_lat, max(lats) + pad_lat)
        ax.set_aspect(aspect)
        ax.set_facecolor(land.WATER)
        land.draw(ax, (*ax.get_xlim(), *ax.get_ylim()))
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():  # a thin frame, no axes: a locator map reads by its countries
            spine.set(visible=True, color=land.COAST, linewidth=0.8)
        for path in paths:
            ax.plot(
                [lon for _, lon in path],
                [lat for lat, _ in path],
                color=style.INK,
                linewidth=1.2,
                linestyle=(0, (4, 3)),
                zorder=1,
            )
        marks = marks_of(places.roles)
        for point in points:
            colour, marker = marks.get(point["role"], (style.INK, "o"))
            ax.scatter(
                point["longitude"],
                point["latitude"],
                s=46,
                marker=marker,
                color=colour,
                edgecolor="white",
                linewidth=0.8,
                zorder=3,
            )
        notes, unmapped_lines = [], []
        for heading, names in (("no point in the article", list(places.unlocated)), ("areas, not points", areas)):
            if not names:
                continue
            if style.scale() < 1:  # a phone's map is small: the places it cannot show go under it, in the key
                unmapped_lines.append(f"Not mapped ({heading}): {', '.join(names)}")
                continue
            shown = names[: limits.MAP_UNLOCATED]
            more = [f"and {len(names) - len(shown)} more (places.csv)"] if len(names) > len(shown) else []
            notes += [f"Not mapped ({heading}):", *shown, *more]
        if notes:
            ax.text(
                0.01,
                0.02,
                "\n".join(notes),
                transform=ax.transAxes,
                ha="left",
                va="bottom",
                fontsize=9.5,
                color=style.INK,
                bbox={"facecolor": "white", "edgecolor": "#BBBBBB", "boxstyle": "round,pad=0.4"},
            )
        roles = list(dict.fromkeys(point["role"] for point in points))  # the roles drawn: a point shows its first
        role_words = places.role_words
        handles = [
            Line2D(
                [],
                [],
                marker=marks.get(role, (style.INK, "o"))[1],
                linestyle="",
                color=marks.get(role, (style.INK, "o"))[0],
                label=role_words.get(role, role),
            )
            for role in roles
        ]
        destination = places.destination
        route_words = f"great circle to {destination}"
        if not distances.empty:
            handles.append(Line2D([], [], color=style.INK, linestyle=(0, (4, 3)), label=route_words))
        handles.append(Line2D([], [], color=land.BORDER, linestyle=(0, (3, 2)), label="country border"))
        handles += [Line2D([], [], ls="", label=style.fit(line, style.chars(80), 3)) for line in unmapped_lines]
        figure.legend(handles=handles, ncol=4 if style.scale() == 1 else 1, fontsize=9.5, handlelength=2.4)
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
        subtitle = "Places the article names, with country borders"
        if not distances.empty:  # the routes, as the legend draws them: only where the ledger gives them
            subtitle += f"; dashed lines are great circles to {destination}"
        cap = max(3, round(limits.MAP_LABELS * style.scale()))  # fewer names on a phone's smaller map
        if style.scale() < 1 and len(points) > 1:  # a phone's map names a place only where its name has room
            subtitle += f". Names of at most {cap} places, where they have room; all are in places.csv"
        elif len(points) > cap:
            subtitle += f". Names of the {cap} places most figures are tied to; all are in places.csv"
        claims = reading.selected
        credit = reading.source_line(list(claims[claims["place_id"].notna()]["claimant_name"]))
        credit += f"; coordinates: {_coordinates_credit(located)}; country names: GeoNames; {land.CREDIT}"
        style.finalise(figure, title, credit, subtitle)
        labelled = _most_cited(points, claims, cap)
        box = (*ax.get_xlim(), *ax.get_ylim())
        names = countries.in_box(box, places=[(point["longitude"], point["latitude"]) for point in points])
        _place_labels(figure, ax, [point for point in points if point["name"] in labelled], names)  # final pixels
    return Chart(figure, data, title, credit, subtitle, "places_map", notes={"distances": distances})


def _overlaps(rect: tuple[float, float, float, float], others: list[tuple[float, float, float, float]]) -> bool:
    return any(not (rect[2] < o[0] or rect[0] > o[2] or rect[3] < o[1] or rect[1] > o[3]) for o in others)


def _country_names(ax, names: list[tuple[str, list[tuple[float, float]]]], renderer, avoid: list) -> list[tuple]:
    """Each country's name in grey capitals at one of its label points, or a line above or below it, clear of the
    places' points and the boxes already drawn (``avoid``), the label point with the fewest places near it first (their
    labels need the room); a name with no clear spot is left out. Returns the names' boxes in pixels so place labels
    keep clear of them."""
    centres = [((box[0] + box[2]) / 2, (box[1] + box[3]) / 2) for box in avoid]

    def crowd(anchor: tuple[float, float]) -> int:
        x, y = ax.transData.transform(anchor)
        return sum(np.hypot(x - cx, y - cy) < _CROWD_PX for cx, cy in centres)

    drawn = [text.get_bbox_patch() or text for text in ax.texts]  # a boxed note: its box, padding and all
    avoid = avoid + [tuple(item.get_window_extent(renderer).extents) for item in drawn]
    boxes = []
    for name, anchors in names:
        ranked = sorted(anchors, key=crowd)  # stable: the median first among the equally clear
        for (lon, lat), dy in ((anchor, dy) for anchor in ranked for dy in (0, -14, 14, -28, 28)):
            text = ax.annotate(name.upper(), (lon, lat), xytext=(0, dy), textcoords="offset points", ha="center",
                               va="center", fontsize=8, color=COUNTRY_INK, zorder=0.8)  # fmt: skip
            box = tuple(text.get_window_extent(renderer).extents)
            inside = ax.get_window_extent(renderer).extents
            fits = box[0] >= inside[0] and box[2] <= inside[2] and box[1] >= inside[1] and box[3] <= inside[3]
            if fits and not _overlaps(box, avoid + boxes):
                boxes.append(box)
                break
            text.remove()
    return boxes


def _most_cited(points: list[dict], claims: pd.DataFrame, cap: int) -> set[str]:
    """The names of at most ``cap`` points to label: those the most claims are tied to, then in map order."""
    if len(points) <= cap:
        return {point["name"] for point in points}
    cited = claims["place_id"].value_counts()
    ranked = sorted(points, key=lambda point: -sum(int(cited.get(place, 0)) for place in point["place_ids"]))
    return {point["name"] for point in ranked[:cap]}


#: Pixels around a country's label point within which a place counts as crowding it.
_CROWD_PX = 90
#: Label offsets in points, tried in order: beside the point first, then further out.
_OFFSETS = [(6, 3), (6, -13), (-6, 3), (-6, -13), (9, -5), (-9, -5), (0, 8),
    (0, -18), (14, 12), (14, -22), (-14, 12), (-14, -22), (26, -5), (-26, -5)]  # fmt: skip


#: Pixels around a label's text that its white box covers: two labels are apart only when their boxes are.
_PAD = 1


def _gap(rect: tuple[float, float, float, float], point) -> float:
    """Distance in pixels from a point to a rectangle (0 inside it)."""
    x, y = point
    return float(np.hypot(max(rect[0] - x, 0, x - rect[2]), max(rect[1] - y, 0, y - rect[3])))


def _place_labels(figure: Figure, ax, points: list[dict], names: list[tuple[str, list[tuple[float, float]]]]) -> None:
    """Label each point at the first offset that overlaps no label, point or country name and is nearest its own
    point, with a thin leader line from the label to its point.

    Labels sit on a translucent white box so route lines pass visibly behind them.
    """
    renderer = figure.canvas.get_renderer()
    figure.draw_without_rendering()
    inside = ax.get_window_extent(renderer)
    centres = [ax.transData.transform((point["longitude"], point["latitude"])) for point in points]
    taken = [(x - 5, y - 5, x + 5, y + 5) for x, y in centres]
    taken += [tuple((text.get_bbox_patch() or text).get_window_extent(renderer).extents) for text in ax.texts]
    taken += _country_names(ax, names, renderer, [(x - 8, y - 8, x + 8, y + 8) for x, y in centres])
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
                arrowprops={"arrowstyle": "-", "color": style.INK, "linewidth": 0.6, "shrinkA": 0, "shrinkB": 3},
            )
            if first:  # every spot is taken: keep the first, readable if crowded
                break
            text.update_positions(renderer)
            box = Text.get_window_extent(text, renderer)  # the label alone, not its leader line
            rect = (box.x0 - _PAD, box.y0 - _PAD, box.x1 + _PAD, box.y1 + _PAD)  # with its white box's padding
            clear = all(rect[2] < o[0] or rect[0] > o[2] or rect[3] < o[1] or rect[1] > o[3] for o in taken)
            fits = box.x0 >= inside.x0 and box.x1 <= inside.x1 and box.y0 >= inside.y0 and box.y1 <= inside.y1
            own = _gap(rect, centres[index])
            nearest = all(own < _gap(rect, centre) for other, centre in enumerate(centres) if other != index)
            if clear and fits and nearest:
                chosen = rect
                break
            text.remove()
        if chosen is None and style.scale() < 1:  # a phone's small map: no name rather than one over another
            text.remove()
            continue
        if chosen is None:
            text.update_positions(renderer)
            box = Text.get_window_extent(text, renderer)
            chosen = (box.x0 - _PAD, box.y0 - _PAD, box.x1 + _PAD, box.y1 + _PAD)
        taken.append(chosen)
