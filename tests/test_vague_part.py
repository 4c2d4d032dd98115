"""A part given as a vague amount or a range is drawn and written as the article gives it. Found on a made-up
earthquake report: "dozens of victims had been counted in two provinces", part of a toll of 1,210, was titled
"...: 24 to 99, ...", listed "(11 March 2026): 24" in the alt text and drawn as a dashed line at 24."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
from shared import small_ledger

from kit.report import charts, tracker
from kit.report.marks import Chart, alt_text
from kit.report.params import check

ARTICLE = """Quake Toll Revised

VELA, March 12 (Northwire) - The government said on Wednesday that 1,210 people had been killed. Officials \
later found that dozens of victims had been counted in two provinces, the government said. Tens of thousands \
of people were displaced, the government said, and about 85,000 a day later.
"""
QUOTE_WHOLE = "government said on Wednesday that 1,210 people had been killed"
QUOTE_PART = "dozens of victims had been counted in two provinces"
COMMON = {"topic": "disaster", "unit": "people", "claimant": "government", "when": "2026-03-11"}
CLAIMS = [
    COMMON | {"claim_id": "toll", "quantity": "killed", "kind": "level", "value": "1210", "bound": "exact",
              "as_written": "1,210", "quote": QUOTE_WHOLE, "counts": "people killed"},
    COMMON | {"claim_id": "twice", "quantity": "counted-twice", "kind": "part", "of": "toll", "value": "24",
              "value_high": "99", "bound": "vague", "as_written": "dozens", "quote": QUOTE_PART,
              "counts": "victims counted twice"},
    COMMON | {"claim_id": "displaced", "quantity": "displaced", "kind": "level", "value": "20000",
              "value_high": "99999", "bound": "vague", "as_written": "Tens of thousands", "counts": "people displaced",
              "quote": "Tens of thousands of people were displaced"},
    COMMON | {"claim_id": "displaced-later", "quantity": "displaced", "kind": "level", "value": "85000",
              "bound": "about", "as_written": "85,000", "counts": "people displaced", "when": "2026-03-12",
              "quote": "about 85,000 a day later"},
]  # fmt: skip
PACKAGE = {
    "quantities": {
        "killed": {"label": "people killed"},
        "counted-twice": {"label": "victims counted twice"},
        "displaced": {"label": "people displaced"},
    }
}
SOURCES = ["government,the government,government,government,no"]


def test_a_vague_part_is_titled_listed_and_drawn_in_its_words(tmp_path: Path) -> None:
    ledger = small_ledger(tmp_path, ARTICLE, PACKAGE, SOURCES, CLAIMS)
    chart = charts.part(check(ledger=str(ledger)), "twice")
    try:
        said = alt_text(chart)
        assert ": dozens," in chart.title and "24" not in chart.title, chart.title
        assert "dozens" in said and ": 24" not in said, said
        ax = chart.figure.axes[0]
        assert not [line for line in ax.get_lines() if line.get_xdata()[0] == 24], "a line drawn at the low end"
        assert [patch for patch in ax.patches if patch.get_hatch()], "no band over the interval its words allow"
    finally:
        plt.close(chart.figure)


def test_the_tracker_draws_a_vague_amount_hatched_as_its_legend_shows(tmp_path: Path) -> None:
    """The same story's tracker drew "tens of thousands" as a solid bar beside a hatched legend key."""
    ledger = small_ledger(tmp_path, ARTICLE, PACKAGE, SOURCES, CLAIMS)
    found = [
        block
        for section in tracker.found_sections(tracker.check_ledgers([str(ledger)]))
        for block in section.blocks
        if isinstance(block, Chart) and "displaced" in block.title.lower()
    ]
    assert found, "no tracker chart of the people displaced"
    try:
        (chart,) = found
        ax = chart.figure.axes[0]
        hatched = [patch for patch in ax.patches if patch.get_hatch()]
        assert len(hatched) == 1 and hatched[0].get_height() == 99_999 - 20_000, hatched
    finally:
        plt.close("all")
