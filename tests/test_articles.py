"""The kit on articles it was not built for: each test article's pages show the sections its data supports
and no other, its charts have no overlapping labels, and nothing compares figures from different dates."""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

import chart_checks
import matplotlib.pyplot as plt
import nbformat
import pandas as pd
import pytest
from shared import ARTICLE_NOTEBOOKS, PACKAGED_LEDGER, ROOT, drop_first_batch

from kit import analysis
from kit.analysis import reconcile
from kit.report import narrative, overview, sections
from kit.report.marks import Chart, alt_text
from kit.report.params import check

LEDGERS = {
    "packaged": PACKAGED_LEDGER,
    "second": ROOT / "tests" / "ledgers" / "second",
    "wildfire": ROOT / "tests" / "ledgers" / "wildfire",
    "crossings": ROOT / "tests" / "ledgers" / "crossings",
    "budget": ROOT / "tests" / "ledgers" / "budget",
}
PAGES = {
    "estimates": sections.estimates,
    "single figures": sections.single_figures,
    "parts and shares": sections.parts_and_shares,
    "over time": sections.over_time,
    "reconciliation": sections.reconciliation,
    "overview": sections.overview,
}
#: The headings each page must show on each ledger, exactly; an empty list means "not applicable".
EXPECTED = {
    "packaged": {
        "estimates": ["Estimates of North Korean soldiers in Russia", "Estimates of North Korean brigades"],
        "single figures": ["Figures from a single source"],
        "parts and shares": [
            "A part against its whole: first batch of North Korean soldiers that could be deployed to Kursk",
            "Shares and the rest of the whole",
            "What the brigade counts imply",
        ],
        "over time": [],  # the article is undated
        "reconciliation": ["Which estimates can all be right"],
        "overview": ["Key figures", "Places", "Sources by side"],
    },
    "wildfire": {
        "estimates": [],  # each quantity has one statement per date: a series, not rival estimates
        "single figures": ["Figures from a single source"],
        "parts and shares": [
            "A part against its whole: threatened structures destroyed",
            "A part against its whole: children among the people in shelters",
            "Shares and the rest of the whole",
        ],
        "over time": ["Acres burned by the Ridge Fire over time", "The share of the fire contained over time"],
        "reconciliation": [],  # the headline and the body state one figure: nothing to reconcile
        "overview": ["Key figures", "Sources by side"],  # every place is invented: no map
    },
    "crossings": {
        "estimates": ["Estimates of people who crossed into the Lindar Republic last week"],
        "single figures": ["Figures from a single source"],
        "parts and shares": [
            "A part against its whole: people waiting without documents",
            "Shares and the rest of the whole",
        ],
        "over time": [],
        "reconciliation": ["Which estimates can all be right"],
        "overview": ["Key figures", "Sources by side"],
    },
    "budget": {
        "estimates": ["Estimates of city jobs cut", "Estimates of the property tax increase"],
        "single figures": ["Figures from a single source"],
        "parts and shares": ["Shares and the rest of the whole"],
        "over time": ["City borrowing over time", "The library system's share of spending over time"],
        "reconciliation": ["Which estimates can all be right"],
        "overview": ["Key figures", "Sources by side"],
    },
    "second": {
        "estimates": ["Estimates of strikers", "Estimates of terminals closed"],
        "single figures": ["Figures from a single source"],
        "parts and shares": [],
        "over time": [],
        "reconciliation": ["Which estimates can all be right"],
        "overview": ["Key figures", "Places", "Sources by side"],
    },
}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.mark.parametrize(("ledger", "page"), [(ledger, page) for ledger in EXPECTED for page in PAGES])
def test_each_page_shows_exactly_the_sections_its_data_supports(ledger: str, page: str) -> None:
    found = _pages(str(LEDGERS[ledger]))[page]
    assert [section.heading for section in found] == EXPECTED[ledger][page]


@functools.cache
def _pages(ledger: str) -> dict[str, list]:
    """Every page's sections on one ledger, rendered once for this file's tests (they only read them)."""
    params = check(ledger=ledger)
    pages = {}
    for page, build in PAGES.items():
        pages[page] = build(params)
        plt.close("all")  # kept as figures, out of pyplot's reach; drawn again on their own canvas when measured
    return pages


def _charts(ledger: Path) -> list[tuple[str, Chart]]:
    """Every chart of every page on one ledger."""
    pages = _pages(str(ledger))
    found = []
    for page, built in pages.items():
        for section in built:
            found += [(f"{page}: {section.heading}", block) for block in section.blocks if isinstance(block, Chart)]
    return found


def _first_chart(ledger: Path) -> tuple[str, Chart]:
    """The first chart of the pages in their order, rendered anew (the pages after it are not), for a test that draws
    on it."""
    params = check(ledger=str(ledger))
    for page, build in PAGES.items():
        for section in build(params):
            charts = [block for block in section.blocks if isinstance(block, Chart)]
            if charts:
                return f"{page}: {section.heading}", charts[0]
    raise AssertionError(f"{ledger} draws no chart")


@pytest.mark.parametrize("ledger", sorted(LEDGERS))
def test_no_chart_on_any_ledger_has_overlapping_or_clipped_labels(ledger: str) -> None:
    charts = _charts(LEDGERS[ledger])
    assert charts, "every ledger draws some chart"
    found = {}
    for name, chart in charts:
        found[name] = chart_checks.label_problems(chart)
        plt.close(chart.figure)
    assert {name: pairs for name, pairs in found.items() if pairs} == {}


def test_the_overlap_check_sees_overlapping_labels() -> None:
    """The check must be able to fail: two labels written on the same spot are caught."""
    name, chart = _first_chart(LEDGERS["packaged"])
    chart.figure.axes[0].text(0.5, 0.5, "one label", transform=chart.figure.axes[0].transAxes)
    chart.figure.axes[0].text(0.5, 0.5, "another label", transform=chart.figure.axes[0].transAxes)
    assert ("one label", "another label") in chart_checks.label_problems(chart), name


def test_no_chart_title_holds_a_quantity_key() -> None:
    for ledger in LEDGERS.values():
        keys = {key for key in analysis.select(check(ledger=str(ledger)))["quantity"] if "-" in key or "_" in key}
        for name, chart in _charts(ledger):
            plt.close(chart.figure)
            assert not [key for key in keys if key in chart.title or key in chart.subtitle], name


# -- time: a rise between two dates is a series, and the change is checked against the levels ---------------


def test_reconciliation_never_sets_estimates_of_different_dates_against_each_other() -> None:
    for ledger in LEDGERS.values():
        claims = analysis.one_per_statement(analysis.select(check(ledger=str(ledger))))
        whens = dict(zip(claims["claim_id"], analysis.when_key(claims), strict=True))
        pairs = reconcile.pairs(claims)
        assert all(whens[a] == whens[b] for a, b in zip(pairs["claim_a"], pairs["claim_b"], strict=True))


def test_a_rise_is_checked_against_the_levels_it_links() -> None:
    wildfire = check(ledger=str(LEDGERS["wildfire"]))
    claims = analysis.select(wildfire)
    checks = analysis.change_checks(claims)
    assert list(checks["verdict"]) == ["consistent"]  # some 28,000 plus about 12,000 allows more than 40,000
    assert (checks["expected_low"].iloc[0], checks["expected_high"].iloc[0]) == pytest.approx((36_000, 44_000))
    assert "fits the levels it links" in narrative.over_time(wildfire, "acres-burned").data
    # Break a copy: had the fire covered some 18,000 acres on Monday, the stated rise could not reach 40,000.
    broken = claims.copy()
    broken.loc[broken["claim_id"] == "tillman-28000-acres-monday", "value"] = 18_000.0
    flagged = analysis.change_checks(broken)
    assert list(flagged["verdict"]) == ["inconsistent"]
    assert (flagged["expected_low"].iloc[0], flagged["expected_high"].iloc[0]) == pytest.approx((27_000, 33_000))


def test_an_estimates_title_spans_a_range_to_its_high_end() -> None:
    """Found by looking: "between 11 and 12,000" against 9,400 once read "run from 9,400 to 11,000"."""
    from kit.report import charts

    drawn = charts.estimates(check(ledger=str(LEDGERS["crossings"])), "crossings-last-week")
    plt.close(drawn.figure)
    assert drawn.title.endswith("run from 9,400 to 12,000 people")


def test_an_estimates_title_keeps_the_bound_words_of_its_ends() -> None:
    """Found by looking: "run from 2,400 to 3,000 workers" dropped "about" and "more than", and "run from 25 to
    120 positions" the floor of "at least 120": each end keeps the words the article gives it."""
    from kit.report import narrative

    figures = pd.DataFrame(
        {"value": [2400.0, 3000.0, 2500.0], "bound": ["about", "more_than", "nearly"], "unit": "workers"}
    )
    figures["value_high"] = float("nan")
    title = narrative.estimates_title(figures, "strikers", figures=figures)
    assert title == "Estimates of strikers run from about 2,400 to more than 3,000 workers"
    ranged = pd.DataFrame({"value": [9400.0, 11000.0], "value_high": [float("nan"), 12000.0]})
    ranged = ranged.assign(bound=["exact", "range"], unit="people")
    assert narrative.estimates_title(ranged, "people", 12000.0, figures=ranged).endswith("from 9,400 to 12,000 people")


# -- the words on every page: ranges, dates, headings --------------------------------------------------------

#: A figure after "between" with no second end: a range written as its low end alone.
HALF_RANGE = re.compile(r"\bbetween \**\$?\d[\d,]*+(?:\.\d++)?+%?\**(?!\s*(?:and|to)\b)")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _shown(ledger: Path) -> list[str]:
    """Every line the kit writes on a ledger's pages: headings, sentences (quotes included), each chart's
    title, subtitle, source line and alt text."""
    shown = []
    for built in _pages(str(ledger)).values():
        for section in built:
            shown.append(section.heading)
            for block in section.blocks:
                if isinstance(block, Chart):
                    shown += [block.title, block.subtitle or "", block.source, alt_text(block)]
                    plt.close(block.figure)
                elif block is not None:
                    shown.append(str(getattr(block, "data", block)))  # an IPython Markdown object holds its text
    return shown


def _said(ledger: Path) -> str:
    """Everything a ledger's pages say in the kit's own words: sentences, headings, chart frames and alt text;
    quotes from the article (blockquotes, text in curly quotes) and code spans are left out."""
    text = "\n".join(line for line in "\n".join(_shown(ledger)).splitlines() if not line.startswith(">"))
    return re.sub(r"\u201c[^\u201d]*\u201d|<code>.*?</code>|`[^`]*`", "", html.unescape(text))


@pytest.mark.parametrize("ledger", sorted(LEDGERS))
def test_a_range_is_written_with_both_ends_and_dates_in_words(ledger: str) -> None:
    said = _said(LEDGERS[ledger])
    assert HALF_RANGE.findall(said) == []
    assert ISO_DATE.findall(said) == []


def test_the_word_checks_see_a_half_range_and_an_iso_date() -> None:
    assert HALF_RANGE.findall("Figures shown: Jon Brekke: between 3,000.") == ["between 3,000"]
    assert HALF_RANGE.findall("between *21%* of **3,000 to 3,500**") == ["between *21%*"]
    assert HALF_RANGE.findall("between 1,800 and 2,100 structures; 6 to 10 branches") == []
    assert ISO_DATE.findall("Acres burned: about 28,000 (2025-08-11)") == ["2025-08-11"]


def test_a_part_of_a_range_is_a_range_of_shares() -> None:
    """640 of "3,000 to 3,500" people waiting: 640/3,500 to 640/3,000 rounded outward (18.3% down, 21.3% up), the
    kit's arithmetic, with the whole's two ends."""
    said = _said(LEDGERS["crossings"])
    assert "*18% to 22%* of **3,000 to 3,500**" in said
    assert "640, 18% to 22% of the whole" in said


def test_headings_keep_the_ledgers_capitals() -> None:
    headings = [section.heading for section in sections.single_figures(check(ledger=str(LEDGERS["crossings"])))]
    said = _said(LEDGERS["crossings"])
    assert "People waiting at the Kessa crossing" in said and "kessa" not in said, headings


def test_estimates_that_differ_in_place_or_date_say_so() -> None:
    """Four estimates of the soldiers in Russia, three of them at named places: each sentence says where (or
    that no place is given); the budget's estimates share their date and name no place, and say neither."""
    packaged = str(narrative.estimates(check(ledger=str(LEDGERS["packaged"])), "nk-soldiers-in-russia").data)
    assert packaged.count("place: ") == 3 and packaged.count("no place given") == 1
    assert "place: Vladivostok" in packaged
    budget = str(narrative.estimates(check(ledger=str(LEDGERS["budget"])), "jobs-cut").data)
    assert "place" not in budget


def test_reconciliation_says_where_when_the_estimates_it_sets_side_by_side_differ_in_place() -> None:
    from kit.report import reconciliation

    params = check(ledger=str(LEDGERS["packaged"]))
    said = html.unescape(str(reconciliation.narrative_markdown(params).data))
    training = next(line for line in said.splitlines() if "in training agree" in line)
    assert "Kyrylo Budanov, in eastern Russia" in training and "Reports, in Russia's Far East" in training
    deploying = next(line for line in said.splitlines() if "deploying agree" in line)
    assert "place" not in deploying and ", in " not in deploying  # neither names a place: nothing to tell apart
    table = str(reconciliation.pairs_table(params).data)
    assert "| North Korean brigades |" in table and "| nk-brigades |" not in table


def _everything_shown(ledger: Path) -> str:
    """All the text the article notebooks show on a ledger: their own Markdown cells, everything the kit
    writes on the pages, and the provenance line."""
    cells = [cell for path in ARTICLE_NOTEBOOKS for cell in nbformat.read(path, 4).cells]
    shown = [cell.source for cell in cells if cell.cell_type == "markdown"] + _shown(ledger)
    shown.append(str(overview.provenance(check(ledger=str(ledger))).data))
    return html.unescape("\n".join(shown)).lower()


def test_without_the_first_batch_claim_no_page_mentions_a_first_batch(ledger_copy: Path) -> None:
    """A section exists only where the ledger has what it needs: drop the one part, and the part vanishes."""
    assert "first batch" in _everything_shown(PACKAGED_LEDGER)  # with the claim it is shown: the check can fail
    drop_first_batch(ledger_copy)
    assert "first batch" not in _everything_shown(ledger_copy)


def test_a_range_written_with_and_reads_between_in_the_key_figures() -> None:
    """Found by reading a made-up article's overview: the Figure column showed "300 and 350 workers" for "between
    300 and 350 workers" (as_written runs from the first number to the last: kit/data/README.md)."""
    for ledger, figure in (("crossings", "between 11 and 12,000 people"), ("wildfire", "between 1,800 and 2,100")):
        text = html.unescape(overview.key_figures(check(ledger=str(LEDGERS[ledger]))).data)
        cells = [line.split(" | ")[0] for line in text.splitlines() if line.startswith("| **")]
        assert any(figure in cell for cell in cells), cells
        assert not any(re.match(r"\| \*\*[\d,.]+ and ", cell) for cell in cells), cells


def test_estimates_of_one_date_all_give_it_when_one_does() -> None:
    """Two estimates of 9 March: the ministry's quote says "on Monday", the aid group's says no day. The page gave
    "on 9 March 2026" to one and nothing to the other, as if the second had no date (a made-up drought report); and
    estimates of different dates read "…, 12 March 2026" without the "on" the others have."""
    import pandas as pd

    shown = pd.DataFrame(
        {"when": ["2026-03-09", "2026-03-09"], "when_written": ["on Monday", None], "when_kind": "",
         "counts": "people facing acute hunger", "place_id": None}
    )  # fmt: skip
    assert [narrative._differs(row, shown, {}) for _, row in shown.iterrows()] == [", on 9 March 2026"] * 2
    apart = shown.assign(when=["2026-03-09", "2026-03-12"], when_written=None)
    assert [narrative._differs(row, apart, {}) for _, row in apart.iterrows()] == [
        ", on 9 March 2026",
        ", on 12 March 2026",
    ]
    undated = shown.assign(when_written=None)
    assert [narrative._differs(row, undated, {}) for _, row in undated.iterrows()] == ["", ""]
