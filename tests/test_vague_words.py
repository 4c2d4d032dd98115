"""Found on a real earthquake report (curated locally, not in the project): the headline's "thousands of homes" was
titled "more than 1,200 (22 July 2013) to 2,000 to 9,999 (23 July 2013)" and read out in a chart's alt text as
"2,000". Neither number is the article's: a vague amount's interval is the kit's reading of its words, so chart
text writes the words."""

from __future__ import annotations

import pandas as pd

from kit.report import marks
from kit.report.titles import over_time_title
from kit.report.words import figure_text


def _claims(*rows: tuple[str, float, float | None, str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "claim_id": [f"c{n}" for n in range(len(rows))],
            "when": [when for *_, when in rows],
            "when_start": [pd.Timestamp(when) for *_, when in rows],
            "when_end": [pd.Timestamp(when) for *_, when in rows],
            "bound": [bound for _, _, _, bound, _ in rows],
            "value": [value for _, value, _, _, _ in rows],
            "value_high": [high for _, _, high, _, _ in rows],
            "as_written": [written for written, *_ in rows],
            "unit": "homes",
        }
    )


def test_a_vague_amount_is_written_in_its_words() -> None:
    claims = _claims(
        ("1,200", 1200.0, None, "more_than", "2013-07-22"), ("Thousands", 2000.0, 9999.0, "vague", "2013-07-23")
    )
    assert [figure_text(row, "homes") for _, row in claims.iterrows()] == ["more than 1,200", "thousands"]
    title = over_time_title(claims, "homes destroyed")
    assert "thousands (23 July 2013)" in title and "9,999" not in title and "2,000" not in title


def test_a_date_with_a_vague_amount_among_its_figures_lists_their_words() -> None:
    claims = _claims(
        ("1,200", 1200.0, None, "more_than", "2013-07-23"), ("thousands", 2000.0, 9999.0, "vague", "2013-07-23")
    )
    claims = pd.concat([_claims(("900", 900.0, None, "exact", "2013-07-22")), claims], ignore_index=True)
    claims["claim_id"] = ["c0", "c1", "c2"]
    title = over_time_title(claims, "homes destroyed")
    assert title.endswith("more than 1,200 and thousands (23 July 2013)") and "9,999" not in title


def test_the_alt_text_reads_the_words_a_chart_labels_a_figure_with() -> None:
    data = pd.DataFrame(
        {"label": ["NBC News"], "value": [2000.0], "unit": ["homes"], "bound": ["vague"], "written": ["thousands"]}
    )
    chart = marks.Chart(figure=None, data=data, title="Homes destroyed", source="", subtitle=None)
    said = marks.alt_text(chart)
    assert "NBC News: thousands" in said and "2,000" not in said
