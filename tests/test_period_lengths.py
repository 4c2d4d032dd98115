"""Found by reading the pages of a made-up ferry report (tests/drafts/ferry-fares): a year's passengers and the
passengers of the year so far were titled "6.8 million (2027) to 1.4 million (1 January 2028 to 14 March 2028)",
a fall the figures do not show; and a fare of $4.20 was written "$4.2"."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from kit.figures import format_figure
from kit.report.markdown import when_said
from kit.report.titles import over_time_title


def _series(*whens: tuple[str, str, str, float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "claim_id": [f"c{n}" for n in range(len(whens))],
            "when": [when for when, _, _, _ in whens],
            "when_start": [pd.Timestamp(start) for _, start, _, _ in whens],
            "when_end": [pd.Timestamp(end) for _, _, end, _ in whens],
            "value": [value for _, _, _, value in whens],
            "unit": "passengers",
            "bound": "exact",
        }
    )


def test_figures_over_periods_of_different_lengths_are_not_titled_as_a_move() -> None:
    year_and_part = _series(
        ("2027", "2027-01-01", "2027-12-31", 6.8e6), ("2028-01-01/2028-03-14", "2028-01-01", "2028-03-14", 1.4e6)
    )
    title = over_time_title(year_and_part, "passengers carried")
    assert " to 1.4 million" not in title and title.endswith("dated to periods of different lengths")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("2027-09", "2027-09-01", "2027-09-30", 100.0), ("2027-10", "2027-10-01", "2027-10-31", 120.0)),
        (("2027", "2027-01-01", "2027-12-31", 100.0), ("2028", "2028-01-01", "2028-12-31", 120.0)),
        (("2027-09-03", "2027-09-03", "2027-09-03", 100.0), ("2027-09-10", "2027-09-10", "2027-09-10", 120.0)),
    ],
)
def test_figures_over_periods_of_one_length_read_from_one_to_the_other(first: tuple, second: tuple) -> None:
    title = over_time_title(_series(first, second), "passengers carried")
    assert ") to 120 (" in title and "different lengths" not in title


def test_figures_of_two_sources_at_two_dates_are_not_titled_as_a_move() -> None:
    """Found on a made-up hospital story: a trust's 14,600 (28 February) and a board's "about 13,800" (13 March),
    rival counts, were titled "14,600 (28 February 2026) to about 13,800 (13 March 2026)", a fall no one stated."""
    first, second = ("2027-09", "2027-09-01", "2027-09-30", 100.0), ("2027-10", "2027-10-01", "2027-10-31", 120.0)
    title = over_time_title(_series(first, second).assign(claimant=["trust", "board"]), "patients waiting")
    assert ") to 120 (" not in title and title.endswith(") and 120 (October 2027), from different sources"), title
    same = over_time_title(_series(first, second).assign(claimant="trust"), "patients waiting")
    assert ") to 120 (" in same


def test_one_source_at_both_dates_among_others_is_not_from_different_sources() -> None:
    """Found on a made-up earthquake story: a government's 1,210 (11 March) and its revised 1,140 (12 March), beside
    rescuers' "more than 1,300" that day, were titled "..., from different sources"."""
    first, second = (
        ("2026-03-11", "2026-03-11", "2026-03-11", 1210.0),
        ("2026-03-12", "2026-03-12", "2026-03-12", 1140.0),
    )
    third = ("2026-03-12", "2026-03-12", "2026-03-12", 1300.0)
    series = _series(first, second, third).assign(claimant=["government", "government", "rescuers"])
    title = over_time_title(series, "people killed")
    assert title.endswith(", not all from the same sources") and "from different sources" not in title, title


def test_money_in_cents_keeps_two_decimals() -> None:
    assert [format_figure(value, "usd") for value in (4.2, 3.75, 5.0, 4.125)] == ["$4.20", "$3.75", "$5", "$4.125"]


@pytest.mark.parametrize(
    ("written", "when", "kind", "said"),
    [
        ("Since then", "2027-08-02/2027-09-23", "", ", from 2 August 2027 to 23 September 2027"),
        ("last week", "2027-09-13/2027-09-19", "as_of", ", from 13 September 2027 to 19 September 2027"),
        ("in 2019", "2019", "", ", in 2019"),
        ("on Wednesday", "2027-09-22", "", ", on 22 September 2027"),
        ("by 2031", "2031", "deadline", ", by 2031"),  # a deadline keeps the article's words
        ("by November 1", None, "deadline", ", by November 1"),  # an undated article resolves nothing
    ],
)
def test_a_sentence_dates_a_figure_by_its_resolved_date(written: str, when: str | None, kind: str, said: str) -> None:
    """Found on the measles report: "Northfold Press: 11 towns, Since then." leaned on a sentence the page omits."""
    row = pd.Series({"when_written": written, "when": when, "when_kind": kind, "counts": "towns the virus reached"})
    assert when_said(row) == said


def one_source(figures: list[tuple[float, str]]) -> pd.DataFrame:
    """One source's exact figures (value, when) as the tracker reads a story's statements."""
    from test_verdict_properties import _frame

    return _frame(
        [
            {"claim_id": f"c{k}", "claimant": "ana", "claimant_name": "Ana", "bound": "exact", "value": value,
             "value_high": math.nan, "when": when}
            for k, (value, when) in enumerate(figures)
        ]
    )  # fmt: skip


def test_the_tracker_reads_no_move_between_totals_over_periods_of_different_lengths() -> None:
    """One source's year's total and its total of the year so far: no "... lower by 5.4 million"."""
    from kit.analysis import tracker as track
    from kit.report import tracker as report_tracker

    frame = one_source([(6.8e6, "2027-01"), (1.4e6, "2028-01")])
    spans = [("2027-01-01", "2027-12-31"), ("2028-01-01", "2028-03-14")]
    frame["when"] = ["2027", "2028-01-01/2028-03-14"]
    frame["when_start"] = [pd.Timestamp(start) for start, _ in spans]
    frame["when_end"] = [pd.Timestamp(end) for _, end in spans]
    (line,) = report_tracker._moves(track.tracked(frame))
    assert "dated to periods of different lengths" in line and "): lower" not in line and "lower by" not in line
    frame["when_end"] = [pd.Timestamp("2027-12-31"), pd.Timestamp("2028-12-31")]  # two years: a move
    frame["when"] = ["2027", "2028"]
    (line,) = report_tracker._moves(track.tracked(frame))
    assert re.search(r"\): (?:higher|lower)", line) and "different lengths" not in line


def test_running_totals_from_one_start_are_a_move() -> None:
    """Found on a made-up story of a poultry cull over three articles: "culled since the outbreak began in late
    September", 1.2 million to 8 December and more than 1.5 million to 10 December, read "over periods of different
    lengths: no move to read". Two totals from the same start are one running count: the later includes the
    earlier, so the move is read; a year's total and the next year's so far still are not."""
    from kit.analysis import comparable_periods
    from kit.analysis import tracker as track
    from kit.report import tracker as report_tracker

    day = pd.Timestamp
    assert comparable_periods((day("2027-09-21"), day("2027-12-08")), (day("2027-09-21"), day("2027-12-10")))
    assert not comparable_periods((day("2027-01-01"), day("2027-12-31")), (day("2028-01-01"), day("2028-03-14")))
    frame = one_source([(38.0, "2027-09-21/2027-12-08"), (51.0, "2027-09-21/2027-12-10")])
    frame["when"] = ["2027-09-21/2027-12-08", "2027-09-21/2027-12-10"]
    frame["when_start"] = [day("2027-09-21")] * 2
    frame["when_end"] = [day("2027-12-08"), day("2027-12-10")]
    (line,) = report_tracker._moves(track.tracked(frame))
    assert "higher by *13*" in line and "different lengths" not in line
    title = over_time_title(
        _series(("2027-09-21/2027-12-08", "2027-09-21", "2027-12-08", 38.0), ("2027-09-21/2027-12-10", "2027-09-21",
                "2027-12-10", 51.0)), "farms where birds were culled"
    )  # fmt: skip
    assert ") to 51 (" in title and "different lengths" not in title
