"""Units on axes and in cells: an axis names its unit, and says "(count)" only for a unit the ledger counts."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import matplotlib.pyplot as plt
from shared import ROOT

from kit.report import charts, time_chart, tracker, units
from kit.report.params import check

FLOOD = ROOT / "tests" / "corpus" / "2025-04-07-riverwire-flood"


def _labels(chart) -> list[str]:
    try:
        every = [label for ax in chart.figure.axes for label in (ax.get_xlabel(), ax.get_ylabel())]
        return [label for label in every if label and label != "Date the figure applies to"]
    finally:
        plt.close(chart.figure)


def test_an_acres_axis_says_acres_and_a_homes_axis_count():
    chart = time_chart.over_time(check(ledger=str(ROOT / "tests" / "ledgers" / "wildfire")), "acres-burned")
    assert chart is not None
    (label,) = _labels(chart)
    assert label.endswith("(acres)") and "count" not in label
    revision = ROOT / "tests" / "corpus" / "2025-04-10-valleycourier-revision"
    chart = time_chart.over_time(check(ledger=str(revision)), "homes-flooded")
    assert chart is not None
    (label,) = _labels(chart)
    assert label.endswith("(count)")


def test_a_counted_unit_says_count_and_a_measure_its_name():
    assert units.axis_label("people", FLOOD, "people evacuated") == "People evacuated (count)"
    assert units.axis_label("hectares", FLOOD) == "Hectares"
    assert units.axis_label("usd", FLOOD, "the budget") == "The budget (US dollars)"
    assert units.axis_label("percent", FLOOD) == "Percent (%)"


def test_the_count_rule_is_the_ledgers_declaration(tmp_path: Path):
    """Break a copy: once hectares are declared whole, the same axis says count (the rule reads the ledger)."""
    copy = tmp_path / "flood"
    shutil.copytree(FLOOD, copy)
    package = (copy / "datapackage.json").read_text(encoding="utf-8")
    fixed = package.replace('"hectares": {\n      "whole": false', '"hectares": {\n      "whole": true')
    assert fixed != package
    (copy / "datapackage.json").write_text(fixed, encoding="utf-8")
    assert units.is_count("hectares", copy) and not units.is_count("hectares", FLOOD)
    assert units.axis_label("hectares", copy, "farmland") == "Farmland (count)"
    assert units.axis_label("hectares", FLOOD, "farmland") == "Farmland (hectares)"


def test_estimates_and_tracker_axes_name_their_quantity_and_unit():
    estimates = charts.estimates(check(), "nk-soldiers-in-russia")
    assert estimates is not None
    assert "North Korean soldiers in Russia (count)" in _labels(estimates)
    folders = [str(path) for path in sorted((ROOT / "tests" / "corpus").iterdir()) if path.is_dir()]
    drawn = tracker.chart(tracker.check_ledgers(folders), "river-level")
    assert drawn is not None
    wrapped = [label.replace("\n", " ") for label in _labels(drawn)]  # a long label is wrapped to the axis
    assert wrapped == ["The Marren River's level at the Carrow gauge (metres)"]


def test_every_figure_cell_of_the_key_figures_table_carries_its_unit():
    from kit import analysis
    from kit.report import overview

    params = check(ledger=str(FLOOD))
    table = html.unescape(overview.key_figures(params).data)
    rows = [line for line in table.splitlines() if line.startswith("| **")]
    claims = analysis.select(params)
    assert len(rows) == len(claims)
    assert "| **6.2 metres**" in table
    assert "| **between 2,000 and 2,500 hectares**" in table
    for row in rows:
        figure = row.split("|")[1]
        assert any(units.unit_name(unit) in figure for unit in claims["unit"]), figure


def test_a_unit_after_a_written_figure():
    assert units.with_unit("1", "tents", 1.0) == "1 tent"
    assert units.with_unit("dozens", "people", 24.0) == "dozens of people"
    assert units.with_unit("$2 billion", "usd", 2e9) == "$2 billion"
    assert units.with_unit("45%", "percent", 45.0) == "45%"


def test_a_unit_slug_of_several_words_reads_as_words_and_a_possessive_date_as_a_date() -> None:
    """Found by reading a made-up frost article: "6 degrees-below-zero" in the key figures, and a forecast "of about
    210,000 hectolitres this year's" (the article's "this year's harvest")."""
    from kit.figures import format_with_unit
    from kit.report import overview, words
    from kit.report.params import check

    assert units.with_unit("6", "degrees-below-zero", 6.0) == "6 degrees below zero"
    assert format_with_unit(6.0, "degrees-below-zero") == "6 degrees below zero"
    assert words.when_written({"when_written": "this year\u2019s"}) == "this year"
    assert words.when_written({"when_written": "last week"}) == "last week"
    assert words.when_written({"when_written": float("nan")}) is None
    text = html.unescape(overview.key_figures(check(ledger=str(ROOT / "tests" / "drafts" / "vineyard"))).data)
    assert "degrees-below-zero" not in text and "**6 degrees below zero**" in text
    assert "210,000 hectolitres** this year (wine the region's harvest is expected to yield), according to" in text
    assert "this year's." not in text


def test_a_figure_written_with_its_unit_is_not_given_it_twice() -> None:
    """Found on a made-up seizure report's key figures: "8.3 tonnes tonnes" for a figure written "8.3 tonnes"."""
    from kit.report.units import with_unit

    assert with_unit("8.3 tonnes", "tonnes", 8.3) == "8.3 tonnes"
    assert with_unit("1 tonne", "tonnes", 1) == "1 tonne"
    assert with_unit("8.3", "tonnes", 8.3) == "8.3 tonnes"
