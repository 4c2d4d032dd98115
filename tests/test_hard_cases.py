"""The label-overlap and clipping checks on what breaks charts in practice: generated hard cases (coincident values
and dates, very long names and labels, ten sides; tests/hard_cases.py), the test ledgers test_articles does not
cover (camp, port), the test corpus and the tracker over it; and where coincident figures are drawn."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import chart_checks
import matplotlib.pyplot as plt
import pytest
from hard_cases import SIDES, hard_ledger
from matplotlib.dates import date2num
from shared import ROOT, quick_share

from kit.report import sections, style, time_chart, tracker
from kit.report.marks import Chart
from kit.report.params import check

PAGES = ("estimates", "single_figures", "parts_and_shares", "over_time", "reconciliation", "overview")
CORPUS = ROOT / "tests" / "corpus"
OTHER_LEDGERS = [ROOT / "tests" / "ledgers" / "camp", ROOT / "tests" / "ledgers" / "port"]
OTHER_LEDGERS += sorted(path for path in CORPUS.iterdir() if (path / "datapackage.json").is_file())
#: The other ledgers each chart is checked on: all of them in ``make test``, one in QUICK_SHARE under the quick
#: profile of ``make check`` (tests/shared.py, quick_share); the hard cases and the trackers are checked in full.
SWEPT = [ledger for ledger in OTHER_LEDGERS if ledger.name in quick_share([path.name for path in OTHER_LEDGERS])]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def hard(tmp_path_factory) -> Path:
    return hard_ledger(tmp_path_factory.mktemp("hard") / "hard-cases")


def _charts(ledger: Path, pages: tuple[str, ...] = PAGES) -> dict[str, Chart]:
    """The charts of ``pages`` (every page unless a test reads only some) on one ledger, by page and heading."""
    params = check(ledger=str(ledger))
    found = {}
    for page in pages:
        for section in getattr(sections, page)(params):
            for block in section.blocks:
                if isinstance(block, Chart):
                    found[f"{page}: {section.heading}"] = block
    return found


def _tracker_charts(ledgers: list[str]) -> dict[str, Chart]:
    """Every chart of the tracker over ``ledgers``, by section heading and place in it."""
    charts = {}
    for section in tracker.found_sections(tracker.check_ledgers(ledgers)):
        charts |= {
            f"{section.heading} {i}": block for i, block in enumerate(section.blocks) if isinstance(block, Chart)
        }
    return charts


def _problems(charts: dict[str, Chart]) -> dict[str, list]:
    found = {}
    for name, chart in charts.items():
        found[name] = chart_checks.label_problems(chart)
        plt.close(chart.figure)
    return {name: problems for name, problems in found.items() if problems}


def _phone(charts: dict[str, Chart]) -> dict[str, Chart]:
    """Each chart's phone rendering (kit.report.narrow), drawn again from the same model."""
    drawn = {}
    for name, chart in charts.items():
        plt.close(chart.figure)
        with style.narrow():
            drawn[name] = chart.redraw()
    return drawn


def test_the_hard_cases_draw_every_kind_of_chart_without_overlap_or_clipping(hard: Path) -> None:
    charts = dict(_other(hard))
    kinds = {name.split(":")[0] for name in charts}
    assert {"estimates", "parts_and_shares", "over_time", "reconciliation", "overview"} <= kinds
    estimates = next(chart for name, chart in charts.items() if name.startswith("estimates"))
    assert estimates.data["side"].nunique() == SIDES  # the hard case is drawn: ten sides on one chart
    assert _problems(charts) == {}


@functools.cache
def _other(ledger: Path) -> dict[str, Chart]:
    """Every chart of the hard cases or of one of the other test ledgers, drawn once for the wide and the phone
    checks (a phone's rendering is drawn anew from each chart's model)."""
    return _charts(ledger)


@pytest.mark.parametrize("ledger", SWEPT, ids=lambda path: path.name)
def test_no_chart_of_the_other_test_ledgers_has_overlapping_or_clipped_labels(ledger: Path) -> None:
    assert _problems(dict(_other(ledger))) == {}


def test_the_phone_renderings_of_the_hard_cases_keep_their_labels_apart(hard: Path) -> None:
    phone = _phone(dict(_other(hard)))
    assert {chart.figure.get_size_inches()[0] for chart in phone.values()} == {style.NARROW_PX / style.DISPLAY_DPI}
    assert _problems(phone) == {}


@pytest.mark.parametrize("ledger", SWEPT, ids=lambda path: path.name)
def test_no_phone_rendering_of_the_other_test_ledgers_has_overlapping_or_clipped_labels(ledger: Path) -> None:
    assert _problems(_phone(dict(_other(ledger)))) == {}


def test_the_tracker_over_the_corpus_and_over_the_hard_cases_keeps_its_labels_apart(hard: Path, tmp_path) -> None:
    twin = tmp_path / "hard-cases-twin"  # a second report of the same figures: every date coincides twice over
    shutil.copytree(hard, twin)
    for ledgers in ([str(CORPUS / path.name) for path in OTHER_LEDGERS[2:]], [str(hard), str(twin)]):
        charts = _tracker_charts(ledgers)
        assert charts
        phone = _phone(dict(charts))
        assert _problems(charts) == {}
        assert _problems(phone) == {}


def test_the_clipping_check_sees_a_label_past_the_edge(hard: Path) -> None:
    """The check must be able to fail: a label written past the right edge is caught, and nothing else is."""
    name, chart = next(iter(_charts(hard, PAGES[:1]).items()))
    assert chart_checks.label_problems(chart) == [], name
    chart.figure.text(0.97, 0.5, "a label that runs off the figure")
    assert chart_checks.label_problems(chart) == [("a label that runs off the figure", "the figure's edge")]


def test_coincident_points_sit_side_by_side_at_their_day(hard: Path) -> None:
    """Two figures of 1 March: both at the day itself in the chart's data (a date is a day, never an hour of the
    day before), drawn apart on the page, and labelled once when they read the same."""
    chart = next(chart for name, chart in _charts(hard, ("over_time",)).items() if name.startswith("over_time"))
    first = chart.data[chart.data["when"] == "2025-03-01"]
    assert len(first) == 2 and set(first["y"]) == {date2num(pd_day("2025-03-01"))}
    ax = chart.figure.axes[0]
    chart.figure.canvas.draw()
    spots = {tuple(line.get_xydata()[0]) for line in ax.lines if len(line.get_xydata()) == 1}
    at_first = sorted(x for x, y in spots if abs(x - date2num(pd_day("2025-03-01"))) < 0.5 and y == 4000)
    assert len(at_first) == 2 and at_first[1] - at_first[0] > 0  # side by side, not one on the other
    labels = [text.get_text() for text in ax.texts if text.get_text() == "4,000"]
    assert len(labels) == 2  # two dates with figures of 4,000: one label each, not one per figure


def pd_day(when: str):
    import pandas as pd

    return pd.Timestamp(when).to_datetime64()


def test_dodging_keeps_a_lone_point_on_its_date_and_spreads_a_pair_evenly() -> None:
    assert time_chart.dodged([10.0, 20.0, 20.0], 47.0) == pytest.approx([10.0, 19.55, 20.45])


def test_the_tracker_over_every_test_ledger_keeps_its_labels_inside_on_a_phone() -> None:
    """Found by looking at the story's tracker at 390 px: "$85 million (forecast" ran off the phone rendering's
    right edge. A label that would pass the plot's edge reads leftward."""
    charts = _tracker_charts(sorted(str(path) for path in (ROOT / "tests" / "ledgers").iterdir()))
    assert charts
    phone = _phone(dict(charts))
    assert _problems(phone) == {}


def test_a_label_the_parts_line_crosses_stays_readable() -> None:
    """Found on a phone rendering of a made-up outage article: the dashed line of 6 million customers ran through
    the label "6.3 million". Labels the line crosses sit on a white box, drawn over the line."""
    chart = _phone({"part": _part("tests/drafts/outage", "telvia-6m-customers-cut-off")})["part"]
    ax = chart.figure.axes[0]
    chart.figure.draw_without_rendering()
    renderer = chart.figure.canvas.get_renderer()
    (line,) = [line for line in ax.lines if line.get_linestyle() == "--"]
    x = ax.transData.transform((line.get_xdata()[0], 0))[0]
    crossed = [
        text for text in ax.texts if text.get_window_extent(renderer).x0 < x < text.get_window_extent(renderer).x1
    ]
    assert crossed, "the check needs a label the line crosses"
    for text in crossed:
        box = text.get_bbox_patch()
        assert box is not None and tuple(box.get_facecolor()) == (1.0, 1.0, 1.0, 1.0), text.get_text()
        assert text.get_zorder() > line.get_zorder(), text.get_text()


def _part(ledger: str, claim: str) -> Chart:
    from kit.report import charts

    return charts.part(check(ledger=str(ROOT / ledger)), claim)
