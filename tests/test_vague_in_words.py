"""A vague amount is written in its words on every page, never as the kit's reading of them: found on a real
protest report, where "tens of thousands" from two sources was titled "Estimates ... run from 20,000 to 99,999
people", labelled "20,000 to 99,999" on both bars and written "20,000 to 99,999 people according to" each source."""

from __future__ import annotations

import math

import pandas as pd

from kit.analysis.reconcile import Estimate
from kit.report import reconciliation
from kit.report.titles import estimates_title

VAGUE = {"bound": "vague", "value": 20_000.0, "value_high": 99_999.0, "unit": "people"}


def test_an_estimates_title_of_vague_amounts_gives_their_words() -> None:
    figures = pd.DataFrame([VAGUE | {"as_written": "Tens of thousands"}, VAGUE | {"as_written": "tens of thousands"}])
    title = estimates_title(figures, "people marching abroad", highest=99_999.0, figures=figures)
    assert title == "Every estimate of people marching abroad shown is tens of thousands"
    mixed = pd.concat([figures, pd.DataFrame([{**VAGUE, "bound": "exact", "value": 150_000.0, "as_written": "150,000",
                                              "value_high": math.nan}])], ignore_index=True)  # fmt: skip
    title = estimates_title(mixed, "people marching abroad", highest=150_000.0, figures=mixed)
    assert "20,000" not in title and "tens of thousands" in title, title


def test_a_reconciliation_sentence_gives_a_vague_amount_in_its_words() -> None:
    estimate = Estimate(
        claim_id="afp", quantity="abroad", measure="total", stage="", when="2017-01-21", claimant="afp",
        claimant_name="AFP", bound="vague", value=20_000.0, unit="people", low=20_000.0, high=99_999.0,
        rests_on=("afp",), value_high=99_999.0, as_written="Tens of thousands",
    )  # fmt: skip
    assert reconciliation._figure(estimate) == "tens of thousands of people"


def test_chart_text_gives_a_share_in_words_in_its_words() -> None:
    """Found on a made-up crop report's charts: the headline's "a Third" labelled "33.333333%"."""
    from kit.report.words import figure_text

    third = pd.Series({"value": 100 / 3, "bound": "exact", "as_written": "a Third", "unit": "percent"})
    assert figure_text(third, "percent") == "a third"
