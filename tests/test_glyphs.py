"""One glyph per bound, hollow for what is expected: a forecast, target or deadline is drawn unfilled on the
estimates, over-time and tracker charts (kit.analysis.drawn_hollow), with a legend key for it; verdicts use
colours of their own, never a side's, and every one reads at 4.5:1 on white."""

from __future__ import annotations

import shutil
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_hex
from shared import ROOT, edit_csv

from kit import analysis
from kit.report import charts, reconciliation_chart, style, time_chart, tracker
from kit.report.params import check

BUDGET = ROOT / "tests" / "ledgers" / "budget"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _faces(ax) -> dict[float, str]:
    """Each single-point marker's face colour by its x (dates on a time axis)."""
    return {
        float(line.get_xdata()[0]): to_hex(line.get_markerfacecolor())
        for line in ax.lines
        if len(line.get_xdata()) == 1 and line.get_marker() not in ("None", "_", None, "")
    }


def test_a_forecast_is_drawn_hollow_over_time_and_a_past_figure_filled(tmp_path: Path) -> None:
    chart = time_chart.over_time(check(ledger=str(BUDGET)), "city-borrowing")
    by_when = dict(zip(chart.data["when"], chart.data["y"], strict=True))
    faces = _faces(chart.figure.axes[0])
    assert faces[by_when["2026"]] == "#ffffff"  # "expects to borrow $85 million in the spring": a forecast
    assert faces[by_when["2024"]] != "#ffffff"  # "$140 million last year": measured
    legend = [text.get_text() for text in chart.figure.legends[0].get_texts()]
    assert any(text.startswith("hollow:") for text in legend)
    # Break a copy: mark last year's figure a forecast too, and it is drawn hollow like the other.
    copy = tmp_path / "budget"
    shutil.copytree(BUDGET, copy)
    edit_csv(copy / "claims.csv", "last year,2024,", "last year,2024,forecast")
    both = time_chart.over_time(check(ledger=str(copy)), "city-borrowing")
    assert set(_faces(both.figure.axes[0]).values()) == {"#ffffff"}


def test_the_estimates_chart_draws_forecasts_as_outlines() -> None:
    chart = charts.estimates(check(ledger=str(BUDGET)), "jobs-cut")
    assert list(chart.data["hollow"]) == [True, True]  # both are figures for the coming year
    claims = analysis.select(check(ledger=str(BUDGET)))
    assert analysis.drawn_hollow(claims[claims["quantity"] == "jobs-cut"]).all()
    ax = chart.figure.axes[0]
    assert all(to_hex(bar.get_facecolor()) == "#ffffff" for bar in ax.patches)  # the range: an outline


def test_the_tracker_draws_a_forecast_with_an_unfilled_marker() -> None:
    tracked = tracker.check_ledgers([str(BUDGET)])
    chart = tracker.chart(tracked, "city-borrowing")
    faces = sorted(_faces(chart.figure.axes[0]).values())
    assert faces.count("#ffffff") == 1 and len(faces) == 2


def test_verdict_colours_are_their_own_and_readable() -> None:
    verdicts = set(style.VERDICT_COLOURS.values())
    assert not verdicts & {colour.upper() for colour in style.SIDE_COLOURS}
    assert all(style.contrast(colour) >= style.TEXT_CONTRAST for colour in verdicts | set(style.SIDE_COLOURS))
    chart = reconciliation_chart.chart(check(ledger=str(ROOT / "tests" / "ledgers" / "crossings")))
    drawn = {to_hex(line.get_color()).upper() for ax in chart.figure.axes for line in ax.lines}
    assert drawn and drawn <= {colour.upper() for colour in verdicts}


def test_the_reconciliation_chart_draws_forecasts_hollow_and_keys_them() -> None:
    chart = reconciliation_chart.chart(check(ledger=str(BUDGET)))
    assert chart.data["hollow"].all()  # every contested figure of the budget is for the coming year
    legend = [text.get_text() for text in chart.figure.legends[0].get_texts()]
    assert any(text.startswith("hollow:") for text in legend)
    packaged = reconciliation_chart.chart(check())
    assert not packaged.data["hollow"].any()  # nothing there is expected: every mark filled, no key
    assert not any(text.get_text().startswith("hollow:") for text in packaged.figure.legends[0].get_texts())


def test_the_chart_over_time_keys_every_way_it_draws_a_figure() -> None:
    """Found on a real protest report: an unqualified 1.5 million carried a whisker over time that no key explained,
    while the estimates chart drew it as a plain dot. A figure as stated is a dot on both, and the key names each
    way a figure is drawn."""
    from kit.report import words

    chart = time_chart.over_time(check(ledger=str(ROOT / "tests" / "drafts" / "tram")), "tram-extension-cost")
    legend = [text.get_text() for text in chart.figure.legends[0].get_texts()]
    drawn = set(chart.data["drawn_as"])
    assert {"point", "point_whisker"} <= drawn
    assert all(style.fit(words.LEGEND_TEXT[kind], style.chars(80)) in legend for kind in drawn), legend
    ax = chart.figure.axes[0]
    exact = float(chart.data.loc[chart.data["drawn_as"] == "point", "value"].iloc[0])
    bars = [line for line in ax.lines if len(line.get_ydata()) == 2 and line.get_xdata()[0] == line.get_xdata()[1]]
    assert not any(min(line.get_ydata()) < exact < max(line.get_ydata()) for line in bars)  # no whisker through it
    plt.close(chart.figure)


@pytest.mark.parametrize(("vertical", "glyph"), [(False, "arrow_up"), (True, "arrow_up"), (True, "arrow_down")])
def test_a_floors_key_points_the_way_its_chart_draws_it(vertical: bool, glyph: str) -> None:
    """The over-time chart draws "at least 120" as an arrow up from a cap; its key drew the estimates chart's arrow
    to the right (a made-up earthquake report). A key's arrow runs the way its chart's values run."""
    import matplotlib.pyplot as plt

    from kit.report import legends, words

    kind = next(kind for kind, drawn in words.GLYPH_OF.items() if drawn == glyph)
    figure = plt.figure()
    handles, handler_map = legends.legend_keys([kind], vertical=vertical)
    legend = figure.legend(handles=handles, handler_map=handler_map)
    figure.canvas.draw()
    arrow = next(artist for artist in legend.findobj() if type(artist).__name__ == "FancyArrowPatch")
    (x0, y0), (x1, y1) = arrow.get_path().vertices[0], arrow.get_path().vertices[2]
    plt.close(figure)
    sign = 1 if glyph == "arrow_up" else -1
    if vertical:
        assert abs(x1 - x0) < 1e-6 and sign * (y1 - y0) > 0
    else:
        assert abs(y1 - y0) < 1e-6 and (x1 - x0) > 0
