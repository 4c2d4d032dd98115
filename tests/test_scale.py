"""Pages stay bounded as a ledger grows: charts, sentences and tables of a 1,000-claim ledger obey the caps.

The ledger comes from the scale benchmark's generator (``benchmarks/scale.py``), so the test and the benchmark
measure the same data. Charts are rendered through kit.report directly (no kernel); no timing is asserted.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from kit.report import charts, limits, overview, reconciliation, style
from kit.report.params import check

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import scale  # noqa: E402

#: The tallest chart a page may carry, in PNG pixels (1,200 wide at the kit's resolution).
TALLEST = 3000


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory):
    """A valid ledger of 1,000 claims: 50 sources, 5 quantities at 6 dates, parts, shares and rises."""
    return check(ledger=str(scale.make_ledger(tmp_path_factory.mktemp("scale") / "ledger-1000", 1000)))


def _height(chart) -> int:
    """The chart's PNG height in pixels: its figure's height at the PNG resolution (a chart is saved whole, with no
    cropping); the first test below checks this against the PNG's own header."""
    height = int(chart.figure.get_size_inches()[1] * style.PNG_DPI)
    plt.close(chart.figure)
    return height


def _left_out(text: str) -> int:
    """The count a capped block states: "Showing 16 of 219 ...; the other 203 are ..."."""
    found = re.search(r"the other ([\d,]+) are", text)
    return int(found.group(1).replace(",", "")) if found else 0


def test_the_generated_ledger_is_valid(large) -> None:
    from kit.ledger import validate

    assert validate(large.ledger) == []


def test_the_estimates_chart_is_capped_and_says_how_many_it_leaves_out(large) -> None:
    drawn = charts.estimates(large, "acres-burned")
    assert len(drawn.data) == limits.CHART_ROWS
    assert _left_out(drawn.subtitle) > 0 and "claims.csv" in drawn.subtitle
    # uncapped, these rows would make a chart of about 200 rows: tens of thousands of pixels
    png = scale.png_size(drawn.to_bytes("png"))
    assert png[1] == _height(drawn) <= TALLEST


@pytest.mark.parametrize("name", ["reconciliation", "sources_by_side", "shares", "places_map"])
def test_no_chart_of_a_large_ledger_is_taller_than_the_limit(large, name: str) -> None:
    assert _height(getattr(charts, name)(large)) <= TALLEST


def test_the_chart_over_time_draws_a_bounded_sample(large) -> None:
    drawn = charts.over_time(large, "acres-burned")
    assert len(drawn.data) <= limits.TIME_POINTS and _left_out(drawn.subtitle) > 0
    assert _height(drawn) <= TALLEST


def test_reconciliation_words_at_most_the_cap_of_conflicts_and_counts_the_rest(large) -> None:
    text = html.unescape(reconciliation.narrative_markdown(large).data)
    conflicts = [line for line in text.splitlines() if line.startswith("- Conflict:")]
    assert 0 < len(conflicts) <= limits.CONFLICTS
    assert not any(line.startswith("- Compatible:") for line in text.splitlines())  # counted, never listed
    compatible = re.search(r"- ([\d,]+) further pairs of estimates are compatible", text)
    further = re.search(r"- ([\d,]+) further pairs of estimates conflict", text)
    assert compatible and int(compatible.group(1).replace(",", "")) > 1000
    assert further and int(further.group(1).replace(",", "")) > 0


def test_the_pairs_table_is_truncated_with_a_count(large) -> None:
    text = html.unescape(reconciliation.pairs_table(large).data)
    rows = [line for line in text.splitlines() if line.startswith("| ") and "Quantity" not in line]
    assert len(rows) == limits.TABLE_ROWS
    assert _left_out(text) > 10_000


def test_the_key_figures_table_is_truncated_with_a_count(large) -> None:
    text = html.unescape(overview.key_figures(large).data)
    rows = [line for line in text.splitlines() if line.startswith("| **")]
    assert len(rows) == limits.TABLE_ROWS
    assert _left_out(text) == 1000 - limits.TABLE_ROWS


def test_a_ledger_under_the_caps_says_nothing_is_left_out() -> None:
    """The packaged ledger is far under every cap: no chart or table mentions a cap."""
    params = check()
    assert "Showing" not in overview.key_figures(params).data
    assert "Showing" not in reconciliation.pairs_table(params).data
    drawn = charts.estimates(params, "nk-soldiers-in-russia")
    plt.close(drawn.figure)
    assert "Showing" not in drawn.subtitle


def test_the_height_check_can_fail(large, monkeypatch: pytest.MonkeyPatch) -> None:
    """Raise the cap and the same chart outgrows the limit: the checks above can see a chart that grows (40 rows,
    well past the limit's height; more rows only take longer to draw)."""
    monkeypatch.setattr(limits, "CHART_ROWS", 40)
    drawn = charts.estimates(large, "acres-burned")
    assert len(drawn.data) == 40
    assert _height(drawn) > TALLEST


def test_the_conflict_check_can_fail(large, monkeypatch: pytest.MonkeyPatch) -> None:
    """Raise the cap from 20 to 40 and 40 conflicts are worded: the count above is the cap's doing (a higher cap
    only takes longer to word)."""
    monkeypatch.setattr(limits, "CONFLICTS", 40)
    text = html.unescape(reconciliation.narrative_markdown(large).data)
    assert len([line for line in text.splitlines() if line.startswith("- Conflict:")]) == 40  # the cap, not 20
