"""The locator map: no latitude/longitude axes, country names, leader lines, only the selection's places."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
from matplotlib.text import Annotation, Text
from shared import edit_rows

import kit
from kit import analysis
from kit.report import charts
from kit.report.params import check


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _boxes(chart, texts):
    renderer = chart.figure.canvas.get_renderer()
    chart.figure.draw_without_rendering()
    found = []
    for text in texts:
        if isinstance(text, Annotation):
            text.update_positions(renderer)
        found.append(Text.get_window_extent(text, renderer))
    return found


def test_no_degrees_but_country_names_and_leader_lines():
    chart = charts.places_map(check())
    ax = chart.figure.axes[0]
    assert ax.get_xlabel() == ax.get_ylabel() == ""
    assert list(ax.get_xticks()) == [] and list(ax.get_yticks()) == []
    texts = [text.get_text() for text in ax.texts]
    assert not any("\u00b0" in text for text in texts)
    assert {"RUSSIA", "UKRAINE", "KAZAKHSTAN"} <= set(texts)
    labels = [text for text in ax.texts if text.get_text() in set(chart.data["label"])]
    assert {text.get_text() for text in labels} == set(chart.data["label"])
    by_name = chart.data.set_index("label")
    for text in labels:  # each label's leader line ends at its own point
        assert text.arrow_patch is not None
        point = by_name.loc[text.get_text()]
        assert tuple(text.xy) == (point["longitude"], point["latitude"])


def test_labels_and_country_names_never_overlap():
    chart = charts.places_map(check())
    ax = chart.figure.axes[0]
    names = [text for text in ax.texts if text.get_text().isupper() or text.get_text() in set(chart.data["label"])]
    boxes = _boxes(chart, names)
    for i, first in enumerate(boxes):
        for j, second in enumerate(boxes[i + 1 :], start=i + 1):
            assert not first.overlaps(second), (names[i].get_text(), names[j].get_text())


def test_a_page_narrowed_to_a_topic_maps_only_its_places():
    from kit.report import overview

    params = check(topic="troops")
    chart = charts.places_map(params)
    plotted = {place for ids in chart.data["place_ids"] for place in ids.split(",")}
    tied = set(analysis.select(params)["place_id"].dropna())
    assert plotted and plotted <= tied
    whole = charts.places_map(check())
    every = {place for ids in whole.data["place_ids"] for place in ids.split(",")}
    located = kit.places().dropna(subset=["latitude"])
    areas = located["name"].isin(overview.areas_selected(check()))  # listed beside the map, not drawn
    assert every == set(located[~areas]["place_id"])
    assert plotted < every  # the narrowed map leaves places out


def test_the_distances_beside_a_narrowed_map_name_only_its_places():
    from kit.report import overview

    whole = overview.distances(check()).data
    assert whole.count(" km") == 4
    narrowed = check(topic="troops")
    chart = charts.places_map(narrowed)
    shown = overview.distances(narrowed).data
    assert shown.count(" km") == len(overview.routes(narrowed)) == 0  # no base of this topic is on its map
    assert "Distances" not in shown
    assert chart.title == "Places the article names"


def test_place_roles_have_a_scheme_of_their_own_read_from_the_declared_roles():
    """Roles never take a side's colour (sides own the Okabe-Ito hues), every role colour reads at 4.5:1 on white,
    and a role's mark follows its place in the ledger's declared roles, not the kit's knowledge of one article."""
    from kit.report import map as locator
    from kit.report import style

    sides = {colour.upper() for colour in [*style.OKABE_ITO.values(), *style.PALETTE, *style.SIDE_COLOURS]}
    colours = [colour for colour, _ in locator.ROLE_MARKS]
    assert not {colour.upper() for colour in colours} & sides
    assert all(style.contrast(colour, "#FFFFFF") >= style.TEXT_CONTRAST for colour in colours)
    assert len({marker for _, marker in locator.ROLE_MARKS}) == len(locator.ROLE_MARKS)
    marks = locator.role_marks(None)
    declared = analysis.field_enum(kit.ledger.package(), "places", "role")
    assert list(marks) == declared and marks[declared[0]] == locator.ROLE_MARKS[0]
    legend = [text.get_text() for text in charts.places_map(check()).figure.legends[0].get_texts()]
    assert "great circle to the front" in legend  # the packaged ledger's words for the role distances run to


def test_areas_are_listed_and_the_countries_of_the_places_named():
    """A place whose precision makes it an area (a region) is listed beside the map, not drawn as a point, unless a
    declared distance is measured to it; the countries the places lie in are named, however small."""
    chart = charts.places_map(check())
    texts = [text.get_text() for text in chart.figure.axes[0].texts]
    regions = kit.places().query("precision == 'region'")
    routed = set(analysis.distances_between_roles()["to_id"])
    listed = set(regions[~regions["place_id"].isin(routed)]["name"])
    assert listed and not listed & set(chart.data["label"])
    note = next(text for text in texts if text.startswith("Not mapped"))
    assert "Not mapped (areas, not points):" in note and all(name in note.splitlines() for name in listed)
    assert set(regions[regions["place_id"].isin(routed)]["name"]) <= set(chart.data["label"])  # a route's end
    assert {"RUSSIA", "CHINA", "NORTH KOREA", "SOUTH KOREA"} <= set(texts)


def test_the_map_credits_geonames_only_for_points_it_gave(ledger_copy) -> None:
    """A curator's own point (no GeoNames id) was credited "coordinates: GeoNames" (a made-up earthquake report)."""

    def credit(ledger) -> str:
        chart = charts.places_map(check(ledger=str(ledger)))
        plt.close(chart.figure)
        return chart.figure.kit_frame["source"]

    assert "; coordinates: GeoNames; country names: GeoNames;" in credit(ledger_copy)
    edit_rows(ledger_copy / "places.csv", lambda k, row: {**row, "geonames_id": "" if k == 0 else row["geonames_id"]})
    assert [problem for problem in kit.validate(ledger_copy) if problem.severity == "error"] == []
    assert "; coordinates: GeoNames and the ledger's places.csv;" in credit(ledger_copy)
