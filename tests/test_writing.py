"""The kit's sentences: a date at its resolution ("In 2026", never "On 2026"), one of a unit singular ("1 person"),
no nested parentheses after a name, an article inside a sentence in lower case, and how the chart draws its
figures said once per section, not after every figure."""

from __future__ import annotations

import html
import re

import pandas as pd
from shared import ROOT

from kit.figures import format_with_unit, singular
from kit.report import narrative, overview, reconciliation, tracker, units, words
from kit.report.markdown import in_sentence, who
from kit.report.params import check


def test_a_date_opens_a_sentence_at_its_resolution() -> None:
    assert words.on_date("2026") == "In 2026"
    assert words.on_date("2025-04") == "In April 2025"
    assert words.on_date("2025-04-08") == "On 8 April 2025"
    assert words.on_date("2025-02-24/2025-03-02") == "From 24 February 2025 to 2 March 2025"
    said = str(tracker.narrative(tracker.check_ledgers([str(ROOT / "tests" / "ledgers" / "budget")]), "jobs-cut").data)
    assert "- In 2026, Marcus Bell" in said and "On 2026" not in said


def test_one_of_a_unit_is_singular() -> None:
    assert format_with_unit(1, "people") == "1 person"
    assert format_with_unit(2, "people") == "2 people"
    assert [singular(unit) for unit in ("branches", "soldiers", "aircraft", "km2")] == [
        "branch",
        "soldier",
        "aircraft",
        "km2",
    ]
    assert units.with_unit("1", "people", 1) == "1 person"


def test_a_name_in_parentheses_takes_its_role_after_a_comma() -> None:
    row = pd.Series({"claimant_name": "National Intelligence Service (NIS)", "claimant_role": "the spy agency"})
    assert html.unescape(who(row)) == "National Intelligence Service (NIS), the spy agency"
    said = html.unescape(str(narrative.estimates(check(), "nk-soldiers-in-russia").data))
    assert ") (" not in said and "National Intelligence Service (NIS), South Korea's" in said


def test_a_role_holding_parentheses_follows_its_name_after_a_comma() -> None:
    """The test corpus's director of the Relief Society: one pair of parentheses, never one inside another."""
    row = pd.Series({"claimant_name": "Omar Lisk", "claimant_role": "the director (the Relief Society)"})
    assert html.unescape(who(row)) == "Omar Lisk, the director (the Relief Society)"
    said = html.unescape(
        str(
            overview.key_figures(
                check(ledger=str(ROOT / "tests" / "corpus" / "2025-04-08-valleycourier-shelters"))
            ).data
        )
    )
    assert "((" not in said.replace(" ", "") and "))" not in said.replace(" ", "")


def test_a_role_that_only_repeats_its_name_is_left_out() -> None:
    row = pd.Series({"claimant_name": "Lindar interior ministry", "claimant_role": "the Lindar interior ministry"})
    assert who(row) == "Lindar interior ministry"
    row = pd.Series({"claimant_name": "Lindar interior ministry", "claimant_role": "the ministry's spokesman"})
    assert html.unescape(who(row)) == "Lindar interior ministry (the ministry's spokesman)"


def test_a_role_that_opens_with_its_name_says_the_name_once() -> None:
    """Found reading a held-out article's single figures: "the state agriculture department (the state agriculture
    department, in an inspection report)"."""
    row = pd.Series({"claimant_name": "the farm department", "claimant_role": "The farm department, in a report"})
    assert html.unescape(who(row)) == "the farm department (in a report)"
    row = pd.Series({"claimant_name": "Farm department", "claimant_role": "the farm department's spokesman"})
    assert html.unescape(who(row)) == "Farm department (the farm department's spokesman)"
    # and before its own parentheses: "national trade office, the national trade office (its report)" on a frost
    # article's over-time page
    row = pd.Series({"claimant_name": "trade office", "claimant_role": "the trade office (its report)"})
    assert html.unescape(who(row)) == "trade office (its report)"


def test_a_count_of_millions_reads_as_wire_copy_writes_it() -> None:
    """Found reading a frost article's over-time page: "40,000,000 bottles" for "40 million" bottles. Two decimals
    or fewer take the scale word; a count they cannot say exactly keeps every digit."""
    from kit.figures import format_figure, format_with_unit

    assert format_with_unit(40_000_000, "bottles") == "40 million bottles"
    assert format_figure(5_900_000, "customers") == "5.9 million"
    assert format_figure(37_500_000, "bottles") == "37.5 million"
    assert format_figure(1_234_567, "people") == "1,234,567"
    assert format_figure(999_999, "people") == "999,999"
    # a made-up earthquake report's "2 trillion rials" was written "2,000 billion rials" on the overview
    assert format_figure(2e12, "rials") == "2 trillion" and format_figure(3.5e12, "usd") == "$3.5 trillion"


def test_an_article_before_a_common_noun_is_lower_case_inside_a_sentence() -> None:
    assert in_sentence("An official at the agency") == "an official at the agency"
    assert in_sentence("The ministry") == "the ministry"
    assert in_sentence("The Times") == "The Times"  # a proper name keeps its capital
    row = pd.Series({"claimant_name": "An official at the agency", "claimant_role": "an official"})
    assert who(row, mid=True).startswith("an official at the agency")


def test_how_the_chart_draws_is_said_once_per_section() -> None:
    said = str(narrative.estimates(check(), "nk-soldiers-in-russia").data)
    assert "Drawn as" not in said
    assert said.count("On the chart:") == 1
    assert "a floor with an arrow pointing up the scale" in said and "a dot with a whisker" in said


def test_the_estimates_section_names_its_quantity_in_its_heading_and_title_not_in_every_line() -> None:
    from kit.report import sections
    from kit.report.marks import Chart

    section = sections.estimates(check(ledger=str(ROOT / "tests" / "ledgers" / "budget")))[0]
    label = "city jobs cut"
    assert label in section.heading.lower()
    said, chart = (str(section.blocks[0].data), next(b for b in section.blocks if isinstance(b, Chart)))
    assert label not in said.split("\n")[0].lower() and label not in chart.subtitle.lower()
    assert label in chart.title.lower()


def test_a_figure_and_an_interval_end_keep_every_decimal() -> None:
    """Found reading a held-out article's reconciliation: two unqualified "$3.2 billion" were said to "allow between
    $3.1 billion and $3.2 billion", where the documented reading (rounded to its last non-zero digit) allows $3.15
    billion to $3.25 billion; one decimal was kept for every figure, so $1.25 billion read as $1.2 billion."""
    assert format_with_unit(1.25e9, "usd") == "$1.25 billion" and format_with_unit(1.2e9, "usd") == "$1.2 billion"
    assert format_with_unit(2_650.5, "people") == "2,650.5 people"
    said = html.unescape(
        str(reconciliation.narrative_markdown(check(ledger=str(ROOT / "tests" / "drafts" / "pension"))).data)
    )
    said = re.sub(r"<[^>]+>", "", said)  # the dollar sign is wrapped against MathJax
    assert "between $3.15 billion and $3.25 billion" in said and "$3.1 billion" not in said


def test_an_empty_state_speaks_of_the_article_and_names_no_parameter_the_reader_did_not_set() -> None:
    """Read on every page of a held-out article: "the ledger has no quantity ... for the whole ledger"."""
    from kit.report.markdown import nothing_to_show
    from kit.report.params import Params

    assert nothing_to_show(Params(), "figures").data == "**Nothing to show:** this article has no figures."
    narrowed = nothing_to_show(Params(topic="aid"), "figures").data
    assert narrowed == "**Nothing to show:** this article has no figures for topic aid."
    committed = (ROOT / "notebooks" / "04-over-time.ipynb").read_text(encoding="utf-8")
    assert "whole ledger" not in committed.replace("Selection: the whole ledger", "")


def test_money_takes_its_currency_sign_and_a_fraction_its_words() -> None:
    """Read on a held-out article's overview: "a pledge of 25,000,000 gbp" for "£25 million", "about 0.5 fraction"
    for "about half"."""
    assert format_with_unit(25e6, "gbp") == "\u00a325 million" and format_with_unit(12e6, "eur") == "\u20ac12 million"
    assert format_with_unit(250_000, "usd") == "$250,000"  # a sum under a million is written in full
    said = html.unescape(str(overview.key_figures(check(ledger=str(ROOT / "tests" / "drafts" / "heatpumps"))).data))
    said = re.sub(r"<[^>]+>", "", said)
    assert "gbp" not in said.split("Not estimates")[-1] and "\u00a325 million" in said
    assert "0.5 fraction" not in said and "about half" in said
    assert "half fraction" not in said  # the key figures table writes the article's words alone


def test_a_share_sentence_opens_with_a_capital_whatever_the_speakers_name() -> None:
    """Found reading a made-up outage article: "telecoms regulator, Estmark's telecoms regulator ..., speaking for
    government: about 54%" opened a paragraph in lower case."""
    from kit.report import narrative
    from kit.report.params import check

    text = html.unescape(narrative.shares(check(ledger=str(ROOT / "tests" / "drafts" / "outage"))).data)
    opening = [line for line in text.splitlines() if ", speaking for " in line]
    assert opening and all(line[:1].isupper() for line in opening), opening
