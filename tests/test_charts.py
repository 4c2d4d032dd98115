"""Charts: what is drawn matches the ledger, bounds are drawn honestly, every chart is framed."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from matplotlib.patches import Rectangle

import kit
from kit import analysis
from kit.report import charts, overview
from kit.report.marks import alt_text
from kit.report.params import Params, check

MAIN = "nk-soldiers-in-russia"


def soldier_estimates(params):
    return charts.estimates(params, MAIN)


def group_arithmetic(params):
    return charts.group_arithmetic(params, "brigades")


def first_batch(params):
    return charts.part(params, "first-batch-2600")


ALL = [
    soldier_estimates,
    group_arithmetic,
    first_batch,
    charts.shares,
    charts.places_map,
    charts.sources_by_side,
]
UNIT_WORDS = ("(count)", "dollars", "(%)", "degrees")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _claims():
    return kit.claims_with_sources().set_index("claim_id", drop=False)


@pytest.mark.parametrize("draw", ALL, ids=lambda f: f.__name__)
def test_every_chart_has_a_finding_title_axis_units_and_a_source_line(draw):
    chart = draw(Params())
    texts = [text.get_text().replace("\n", " ") for text in chart.figure.texts]
    assert chart.title in texts
    assert any(char.isdigit() for char in chart.title) or "most" in chart.title  # the title states a finding
    source = chart.source
    assert source.startswith("Source: ")
    assert f"as quoted in \u201c{kit.article().title}\u201d" in source
    assert source in texts
    if "claim_id" in chart.data:
        for claim_id in chart.data["claim_id"].dropna():
            assert _claims().loc[claim_id, "claimant_name"] in source
    for ax in chart.figure.axes:
        if ax.axison and len(ax.get_xticks()):  # a locator map has no value axis (tests/test_locator_map.py)
            assert any(word in ax.get_xlabel() for word in UNIT_WORDS), ax.get_xlabel()


def test_troop_chart_draws_every_soldier_total_with_its_bound():
    chart = soldier_estimates(Params())
    claims = _claims()
    expected = claims[(claims["quantity"] == MAIN) & (claims["kind"] == "level")]
    data = chart.data.set_index("claim_id")
    assert sorted(data.index) == sorted(expected["claim_id"])
    for claim_id, row in data.iterrows():
        assert row["value"] == claims.loc[claim_id, "value"]
        assert row["bound"] == claims.loc[claim_id, "bound"]
        assert (
            row["drawn_as"]
            == {"exact": "point", "about": "point_whisker", "at_least": "floor", "up_to": "ceiling"}[row["bound"]]
        )
    ax = chart.figure.axes[0]
    bars = [patch for patch in ax.patches if isinstance(patch, Rectangle) and patch.get_width() > 0]
    assert not bars  # no bar from zero beside the dots: an unqualified figure is a dot (kit/vocab/bounds.csv)
    exact = data[data["bound"] == "exact"]
    assert len(exact) > 0
    dots = {(line.get_xdata()[0], line.get_ydata()[0]) for line in ax.get_lines() if line.get_marker() == "o"}
    assert all((row["value"], row["y"]) in dots for _, row in exact.iterrows())


def test_bounds_are_drawn_as_different_marks():
    chart = soldier_estimates(Params())
    ax = chart.figure.axes[0]
    data = chart.data.set_index("claim_id")
    arrows = [a for a in ax.texts if a.__class__.__name__ == "Annotation"]
    directions = sorted((a.xy[0] - a.xyann[0]) > 0 for a in arrows)
    assert len(arrows) == len(data[data["drawn_as"].isin(["floor", "ceiling"])])
    floors = data[data["drawn_as"] == "floor"]
    ceilings = data[data["drawn_as"] == "ceiling"]
    assert directions == sorted([True] * len(floors) + [False] * len(ceilings))  # floor points up the scale
    whiskers = [c for c in ax.containers if c.__class__.__name__ == "ErrorbarContainer"]
    assert len(whiskers) == len(data[data["drawn_as"] == "point_whisker"])


def test_group_chart_shows_stated_and_implied_values():
    chart = charts.group_arithmetic(Params(), "brigades")
    table = analysis.group_arithmetic(analysis.select(Params(), topic="troops"))
    for panel, column in enumerate(["per_group", "total"]):
        drawn = chart.data[chart.data["panel"] == panel]
        assert sorted(drawn["value"]) == sorted(table[column])
        assert list(drawn["implied"]) == list(table[f"{column}_implied"])
        assert all(drawn[drawn["implied"]]["drawn_as"].str.startswith("implied"))
    assert chart.data[chart.data["panel"] == 1]["value"].nunique() == 1  # both reach the same total


def test_first_batch_is_a_reference_line_against_the_totals():
    chart = first_batch(Params())
    batch = _claims().loc["first-batch-2600"]
    reference = chart.data[chart.data["drawn_as"] == "reference"]
    assert list(reference["value"]) == [batch["value"]]
    lines = [line for line in chart.figure.axes[0].get_lines() if list(line.get_xdata()) == [batch["value"]] * 2]
    assert lines


def test_recruitment_chart_stacks_claim_and_implied_shortfall_to_the_whole():
    chart = charts.shares(Params())
    claim = _claims().loc["medvedev-recruitment-78pct"]
    stated = chart.data[~chart.data["implied"]].iloc[0]
    implied = chart.data[chart.data["implied"]].iloc[0]
    assert stated["value"] == claim["value"] and stated["drawn_as"] == "bar"
    assert implied["value"] == analysis.shortfall(claim["value"]) and implied["drawn_as"] == "implied_bar"
    assert chart.figure.axes[0].get_xlim() == (0, 100)


def test_an_about_share_carries_the_ink_and_the_kits_rest_is_a_quiet_grey_outline():
    """The crossings ledger's "about 40%" share: a bar from zero in its side's colour with the whisker of "about" in
    ink at its end; the rest of the whole (the kit's arithmetic) a thin grey outline, no fill, no hatch; the legend
    draws the same three keys."""
    from matplotlib.colors import to_hex

    from kit.report import style

    chart = charts.shares(check(ledger=str(Path(__file__).parent / "ledgers" / "crossings")))
    stated = chart.data[~chart.data["implied"]].iloc[0]
    rest = chart.data[chart.data["implied"]].iloc[0]
    assert stated["bound"] == "about" and stated["drawn_as"] == "point_whisker"
    ax = chart.figure.axes[0]
    bars = {(round(bar.get_x(), 6), round(bar.get_width(), 6)): bar for bar in ax.patches if isinstance(bar, Rectangle)}
    share = bars[(0.0, round(stated["value"], 6))]  # the share, from zero to its figure
    colour = to_hex(share.get_facecolor())
    assert colour not in ("#ffffff", to_hex(style.GREY)) and share.get_hatch() is None
    outline = bars[(round(stated["value"], 6), round(rest["value"], 6))]  # the rest, after it
    assert to_hex(outline.get_facecolor()) == "#ffffff" and to_hex(outline.get_edgecolor()) == style.GREY.lower()
    assert not outline.get_hatch() and outline.get_linewidth() < 1.0
    whiskers = [line for line in ax.get_lines() if list(line.get_xdata()) == [stated["value"]]]
    assert whiskers and all(to_hex(line.get_color()) == style.INK.lower() for line in whiskers)
    (key,) = chart.figure.legends
    words_ = [text.get_text().replace("\n", " ") for text in key.get_texts()]
    assert words_[0] == "the share as stated" and words_[1].startswith("about (whisker")
    assert words_[2] == "the rest of the whole (the kit's arithmetic)"
    handles = key.legend_handles
    assert to_hex(handles[0].get_facecolor()) == colour
    assert to_hex(handles[2].get_facecolor()) == "#ffffff" and not handles[2].get_hatch()


def test_map_plots_located_places_only():
    chart = charts.places_map(Params())
    places = kit.places()
    located = places.dropna(subset=["latitude"])
    plotted = {pid for ids in chart.data["place_ids"] for pid in ids.split(",")}
    areas = located["name"].isin(overview.areas_selected(Params()))  # areas are listed, not drawn as a point
    assert plotted == set(located[~areas]["place_id"]) and areas.any()
    unlocated = places[(places["precision"] == "unlocated") | places["name"].isin(located[areas]["name"])]
    text = " ".join(t.get_text() for t in chart.figure.axes[0].texts)
    for name in unlocated["name"]:
        assert name in text  # listed beside the map
        assert name not in list(chart.data["label"])


def test_sources_chart_counts_figures_per_source():
    chart = charts.sources_by_side(Params())
    counts = kit.claims_with_sources()["claimant_name"].value_counts()
    assert dict(zip(chart.data["label"], chart.data["value"], strict=True)) == counts.astype(float).to_dict()


@pytest.mark.parametrize("draw", ALL[:4], ids=lambda f: f.__name__)
def test_a_subset_with_nothing_to_draw_gives_none(draw):
    assert draw(check(claimant="ru-medvedev", topic="aid")) is None


def test_side_subset_draws_only_that_side():
    chart = soldier_estimates(check(side="Ukraine"))
    assert set(chart.data["side"]) == {"Ukraine"}
    assert "John Kirby" not in chart.source


def test_show_displays_only_the_image_alt_text_and_data_link(capsys):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    published = []
    shell.display_pub.publish = lambda data, metadata=None, **kw: published.append(data)
    for figure_format, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
        chart = soldier_estimates(check(figure_format=figure_format))
        charts.show(chart, check(figure_format=figure_format))
        image, data = published[-2:]
        assert set(image) == {mime, "text/plain"}
        assert image["text/plain"].startswith("Chart: ")
        assert "Download the chart\u2019s data (CSV)" in data["text/markdown"]  # and its data, as CSV
        assert not plt.fignum_exists(chart.figure.number)  # closed after display
    charts.show(None, check(side="Russia", topic="troops"))
    assert "Nothing" in published[-1]["text/markdown"] or "nothing" in published[-1]["text/markdown"]


def test_the_about_whisker_spans_the_interval_reconciliation_uses():
    """One reading of "about": the whisker a reader sees is the range the reconciliation tests against."""
    from matplotlib.collections import LineCollection

    drawn = soldier_estimates(check())
    about = drawn.data[drawn.data["drawn_as"] == "point_whisker"]
    assert not about.empty
    segments = [
        segment
        for collection in drawn.figure.axes[0].collections
        if isinstance(collection, LineCollection)
        for segment in collection.get_segments()
    ]
    for row in about.itertuples():
        ends = [sorted(s[:, 0]) for s in segments if s[0, 1] == s[1, 1] == row.y]
        assert ends == [pytest.approx(list(analysis.interval(row.value, "about")))]


def test_a_map_of_places_no_claim_names_says_who_is_behind_it_in_words(ledger_copy):
    """With no claim tied to a place, the map's source line names no one, and says so."""
    claims = ledger_copy / "claims.csv"
    lines = claims.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    place = header.index("place_id")
    import csv
    import io

    rows = list(csv.reader(io.StringIO("\n".join(lines))))
    for row in rows[1:]:
        row[place] = ""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    claims.write_text(out.getvalue(), encoding="utf-8")
    drawn = charts.places_map(check(ledger=str(ledger_copy)))
    assert "Source: ," not in drawn.source and "no claimant" in drawn.source


def test_the_map_draws_land_coasts_and_borders_from_shipped_shapes():
    from kit.report import land

    drawn = charts.places_map(check())
    ax = drawn.figure.axes[0]
    west, east = ax.get_xlim()
    south, north = ax.get_ylim()
    assert land.draw(ax, (west, east, south, north)) > 10  # the region has coasts and many borders
    assert land.draw(ax, (-150.0, -149.0, -40.0, -39.0)) == 0  # the open Pacific has neither
    assert "GSHHG" in drawn.source
    land_colour = pytest.approx((236 / 255, 234 / 255, 228 / 255))
    filled = [colour for layer in ax.collections for colour in layer.get_facecolor() if colour[:3] == land_colour]
    assert filled, "land is filled under the places"


def test_a_map_without_routes_says_nothing_of_great_circles():
    """The subtitle names the dashed great circles only where the ledger has a base and a front to join."""
    with_routes = charts.places_map(check())
    without = charts.places_map(check(ledger=str(Path(__file__).parent / "ledgers" / "second")))
    assert "great circle" in with_routes.subtitle
    assert without is not None and without.data["label"].size and "great circle" not in without.subtitle
    assert "great circle" not in alt_text(without)
