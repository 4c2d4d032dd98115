"""Verdicts on whole percents and on changes in percentage points, found on a made-up election report read as a
fact-checker would: a headline's "58%" restating its body's "58.2%" was called a conflict (a whole percent is a
rounding, 57.5% to 58.5%); a rise dated "2022/2026-11-03" was "not checked" though the ledger gives turnout in 2022
(its start is a year, as the span writes it); "up 6.5 percentage points" was written "a rise of 6.5%" and its check
printed "allows 58%" for 58.1% to 58.3%; an open floor was worded "at least 60" in a stated change's check."""

from __future__ import annotations

import html

import pandas as pd
import pytest
from test_change_sizes import _claims

from kit import analysis
from kit.analysis.bounds import interval, share_bound
from kit.ledger.statement_check import _span
from kit.report import changes as report_changes
from kit.report import narrative, reconciliation


def test_a_whole_percent_is_a_rounding_and_a_count_under_a_thousand_is_not() -> None:
    assert interval(58, "exact", unit="percent") == (57.5, 58.5)
    assert interval(58.2, "exact", unit="percent") == pytest.approx((58.15, 58.25))
    assert interval(42, "exact", unit="homes") == (42, 42)  # "42 homes" is a count
    assert interval(14000, "exact", unit="homes") == (13500, 14500)  # unchanged: rounded to its last non-zero digit


def test_a_headline_rounding_its_body_percent_is_one_statement_and_no_conflict() -> None:
    """The ledger's check of one statement id and the reconciliation read the two alike: 58% holds 58.2%; 56% does
    not (the check can fail)."""
    headline = {"value": "58", "bound": "exact", "unit": "percent", "value_high": ""}
    body = {**headline, "value": "58.2"}
    (low, high), (low2, high2) = _span(headline, frozenset()), _span(body, frozenset())
    assert low <= high2 and low2 <= high  # a common value: the curator may give both one statement id
    other = _span({**headline, "value": "56"}, frozenset())
    assert other[1] < low  # 56% (55.5% to 56.5%) and 58% (57.5% to 58.5%) share none


def _turnout(change_when: str, quote: str, written: str) -> pd.DataFrame:
    """Turnout of 51.7% in 2022 and 58.2% on 3 November 2026, and a rise of 6.5 (percent) dated ``change_when``."""
    claims = _claims((51.7, "exact"), (58.2, "exact"), (6.5, "exact"), "percent", "percent")
    claims["kind"] = ["share", "share", "rise"]
    claims["when"] = ["2022", "2026-11-03", change_when]
    claims.loc[claims["claim_id"] == "c9", ["quote", "as_written"]] = [quote, written]
    return claims


def test_a_change_from_a_year_to_a_day_is_checked_against_the_level_of_that_year() -> None:
    claims = _turnout("2022/2026-11-03", "up 6.5 percentage points from the 2022 election", "6.5")
    (check,) = analysis.change_checks(claims).itertuples(index=False)
    assert (check.start_claim, check.end_claim, check.verdict) == ("c0", "c1", "consistent")


def test_a_change_in_points_is_written_in_points_and_its_interval_as_fine_as_its_figures() -> None:
    claims = _turnout("2022/2026-11-03", "up 6.5 percentage points from the 2022 election", "6.5")
    (check,) = analysis.change_checks(claims).itertuples(index=False)
    by_id = claims.set_index("claim_id", drop=False)
    text = html.unescape(narrative._change_sentence(check, by_id.loc["c9"], by_id))
    assert text.startswith("A rise of **6.5 percentage points**"), text
    assert "allows *58.1% to 58.3%*" in text and "lies within" in text, text


def test_an_end_that_fits_by_its_rounding_alone_says_so() -> None:
    """51.7% plus 6.5 points is 58.1% to 58.3%; a headline's 58% fits as a rounding (57.5% to 58.5%), and the
    sentence says that, never that 58% lies within 58.1% to 58.3%."""
    claims = _turnout("2022/2026-11-03", "up 6.5 percentage points from the 2022 election", "6.5")
    claims.loc[claims["claim_id"] == "c1", "value"] = 58.0
    (check,) = analysis.change_checks(claims).itertuples(index=False)
    by_id = claims.set_index("claim_id", drop=False)
    text = html.unescape(narrative._change_sentence(check, by_id.loc["c9"], by_id))
    assert "read as rounded (57.5% to 58.5%), overlaps it" in text and "lies within" not in text, text


def test_the_rest_of_a_share_just_under_its_figure_is_more_than_its_rest() -> None:
    assert share_bound("nearly") == "more_than"  # nearly two-thirds leaves more than a third, never "about a third"


def test_an_open_floor_stays_open_in_a_stated_change_check() -> None:
    """ "at least 75, up from more than 60": the values each allows are "at least 75 against more than 60"."""

    class Change:
        low, high, start_low, start_high = 75.0, float("inf"), interval(60, "more_than")[0], float("inf")
        verdict, direction, stated = analysis.changes.NOT_SHOWN, analysis.changes.HIGHER, "rise"

    claims = _claims((60, "more_than"), (75, "at_least"), (15, "exact")).set_index("claim_id", drop=False)
    text = html.unescape(report_changes.sentence(Change, claims.loc["c1"], claims.loc["c0"]))
    assert "at least *€75* against more than *€60*" in text, text


def test_a_small_percent_is_read_by_its_place_never_narrowed_to_the_about_reading() -> None:
    """Found on a made-up broadband report: a headline's "3%" against its body's "3.4%" was "no number fits both":
    the "never wider than about" cap, meant for "10,000", cut "3%" to 2.7% to 3.3%."""
    assert interval(3, "exact", unit="percent") == (2.5, 3.5)
    assert interval(0.4, "exact", unit="percent") == pytest.approx((0.35, 0.45))
    assert interval(10_000, "exact", unit="people") == (9_000, 11_000)  # a round count keeps its cap
    assert interval(0, "exact", unit="percent") == (0, 0.5)  # no figure the kit reads is below zero


def test_a_share_in_words_is_read_as_about_its_value() -> None:
    """Found on a made-up crop report: the headline "Rust Hits a Third of Fields" for the body's 34% "cannot both be
    right". Articles round to such words; "Seventy-two per cent" is a percent, read by its place."""
    assert interval(100 / 3, "exact", unit="percent", written="a Third") == pytest.approx((30, 36.667), abs=1e-3)
    assert interval(20, "exact", unit="percent", written="one in five") == pytest.approx((18, 22))
    assert interval(72, "exact", unit="percent", written="Seventy-two per cent") == (71.5, 72.5)
    assert interval(3, "exact", unit="vessels", written="three") == (3, 3)  # a count in words is a count


def test_two_roundings_that_only_touch_cannot_both_be_right() -> None:
    """ "34%" (33.5% to 34.5%) and "35%" (34.5% to 35.5%) meet at 34.5%, which rounds to one of them only: two
    figures, as the stated-change check reads them; "0.4%" and "0.5%" alike."""
    from kit.analysis.reconcile import Estimate, _verdict, group_range

    def estimate(claim: str, value: float) -> Estimate:
        low, high = interval(value, "exact", unit="percent")
        return Estimate(claim_id=claim, quantity="q", measure="total", stage="", when="", claimant=claim,
                        claimant_name=claim, bound="exact", value=value, unit="percent", low=low, high=high,
                        rests_on=(claim,))  # fmt: skip

    assert group_range([estimate("a", 34), estimate("b", 35)])[2] == "conflict"
    assert _verdict(estimate("a", 34), estimate("b", 35), "same stage")[0] == "conflict"
    assert group_range([estimate("a", 34), estimate("b", 34.4)])[2] == "agree"


def test_the_range_two_figures_allow_is_written_to_its_places() -> None:
    """Found on a made-up jobs report: "Together they allow between 41% and 41%" for 40.55% to 40.65%."""
    assert reconciliation._range(40.55, 40.65, "percent") == "between 40.55% and 40.65%"
    assert reconciliation._range(6_350, 6_450, "people") == "between 6,350 and 6,450 people"


def test_a_share_in_words_is_written_in_its_words_in_a_reconciliation() -> None:
    from kit.analysis.reconcile import Estimate

    low, high = interval(100 / 3, "exact", unit="percent", written="a Third")
    third = Estimate(claim_id="h", quantity="q", measure="total", stage="", when="", claimant="h", claimant_name="h",
                     bound="exact", value=100 / 3, unit="percent", low=low, high=high, rests_on=("h",),
                     as_written="a Third")  # fmt: skip
    assert reconciliation._figure(third) == "a third"
