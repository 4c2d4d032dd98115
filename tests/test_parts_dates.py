"""The parts and shares page dates every figure it has a date for: found on a made-up two-day fire story, where
"10%, on 8 September 2026" was followed by "5%, share of the fire contained" (its date resolved by the curator,
with no date words in its quote), which read as undated beside a dated figure of the same quantity."""

from __future__ import annotations

import pandas as pd

from kit.report.markdown import when_dated


def _row(**fields) -> pd.Series:
    return pd.Series(
        {"when": "2026-09-10", "when_written": None, "when_kind": "", "counts": "share contained"} | fields
    )


def test_a_figure_with_no_date_words_gives_the_date_resolved_for_it() -> None:
    assert when_dated(_row()) == ", on 10 September 2026"
    assert when_dated(_row(when_written="on Tuesday", when="2026-09-08")) == ", on 8 September 2026"


def test_no_date_is_invented_where_none_is_known_or_the_figure_lies_ahead() -> None:
    assert when_dated(_row(when="")) == ""
    assert when_dated(_row(when_kind="forecast")) == ""
    assert when_dated(_row(when_written="in the first week", counts="cut in the first week")) == ""


def test_a_bare_year_after_a_figure_not_stated_as_fact_gets_its_preposition() -> None:
    """Found on a made-up earnings report's overview: "a forecast of €10 billion to €10.5 billion 2027"."""
    from kit.report.overview import _when_words

    assert _when_words(_row(when_written="2027")) == " in 2027"
    assert _when_words(_row(when_written="3 May")) == " on 3 May"
    assert _when_words(_row(when_written="by December")) == " by December"
    assert _when_words(_row()) == ""


def test_a_size_per_a_unit_of_many_keeps_its_plural() -> None:
    """Found on a made-up hospital report's overview: "38 patients per thousand resident"."""
    from kit.analysis.sizes import per_measure

    assert per_measure("thousand residents") == "per thousand residents"
    assert per_measure("100,000 people") == "per 100,000 people"
    assert per_measure("residents") == "per resident"
