"""The overview page says nothing where its data says nothing: no Places section for figures that locate no
place (never a "No chart: nothing to draw for topic ..." line naming the page's parameters), and no sources chart
for a single source (a one-bar chart titled "1 of 1" compares nothing; the table says all there is)."""

from __future__ import annotations

import functools

import matplotlib.pyplot as plt
import pytest

from kit import analysis
from kit.report import sections
from kit.report.marks import Chart
from kit.report.params import check


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@functools.cache
def _page(topic: str | None = None, side: str | None = None) -> tuple:
    """The overview's sections for one subset, drawn once for this file's tests (they only read them)."""
    found = tuple(sections.overview(check(topic=topic, side=side)))
    plt.close("all")
    return found


def _subsets() -> list[dict[str, str]]:
    claims = analysis.select(check())
    topics = [{"topic": str(topic)} for topic in sorted(claims["topic"].dropna().unique())]
    return topics + [{"side": str(side)} for side in sorted(claims["side"].dropna().unique())]


@pytest.mark.parametrize("subset", _subsets(), ids=lambda subset: "-".join(subset.values()))
def test_each_overview_block_has_something_to_show(subset: dict[str, str]) -> None:
    page = _page(**subset)
    for section in page:
        assert section.blocks, section.heading
        for block in section.blocks:
            assert block is not None, section.heading  # None is displayed as "No chart: nothing to draw for ..."
            if not isinstance(block, Chart):
                assert str(block.data).strip(), section.heading
    sources = next(section for section in page if section.heading == "Sources by side")
    speakers = analysis.select(check(**subset))["claimant_name"].nunique()
    assert any(isinstance(block, Chart) for block in sources.blocks) == (speakers > 1), subset


def test_a_page_whose_figures_locate_no_place_has_no_places_section() -> None:
    headings = {tuple(subset.items()): [s.heading for s in _page(**subset)] for subset in _subsets()}
    located = [subset for subset, found in headings.items() if "Places" in found]
    unlocated = [subset for subset, found in headings.items() if "Places" not in found]
    assert located and unlocated  # the packaged ledger has both kinds of subset
    assert "Places" in [s.heading for s in _page()]


def test_a_sources_chart_of_one_side_compares_its_sources() -> None:
    """Found by looking: "Most statements come from United States: 2 of 2" when each of its two sources gave one."""
    import pandas as pd

    from kit.report.titles import sources_title

    one_side = pd.DataFrame({"side": ["s", "s"], "name": ["Ann Lee", "Bo Park"], "figures": [1, 1]})
    assert sources_title(one_side) == "Ann Lee and Bo Park give 1 statement each"
    assert sources_title(one_side.assign(figures=[2, 1])) == "Most statements come from Ann Lee: 2 of 3"
    two_sides = one_side.assign(side=["s", "t"], figures=[2, 1])
    assert sources_title(two_sides) == "Most statements come from the s side: 2 of 3"
    # found on a real protest report: "Most statements come from government: 5 of 11"; a plurality is not most
    three_sides = pd.DataFrame({"side": ["s", "t", "u"], "name": ["A", "B", "C"], "figures": [5, 4, 2]})
    assert sources_title(three_sides) == "More statements come from the s side than from any other side: 5 of 11"
    assert sources_title(one_side.assign(figures=[3, 3], name=["A", "B"]).iloc[[0]]) == (
        "Most statements come from A: 3 of 3"
    )
    half = pd.DataFrame({"side": ["s"] * 3, "name": ["A", "B", "C"], "figures": [2, 1, 1]})
    assert sources_title(half) == "More statements come from A than from any other source: 2 of 4"
    # found on a real refugee report: "International organisation and media give the most statements, 6 each"
    tied = pd.DataFrame({"side": ["s", "t", "u"], "name": ["A", "B", "C"], "figures": [6, 6, 2]})
    assert sources_title(tied.iloc[:2]) == "S and t give 6 statements each"
    assert sources_title(tied) == "S and t give the most statements, 6 each"


def test_a_size_per_unit_keeps_its_unit_in_the_key_figures() -> None:
    """ "two brigades of 6,000 soldiers each": the key figures wrote "6,000 soldiers", and a made-up stadium budget's
    "about $40 per resident each year" read "$40 a year", a total."""
    import html

    from kit.report import overview

    table = html.unescape(str(overview.key_figures(check()).data))
    assert "**6,000 soldiers per brigade**" in table
