"""Figures as wire reports print them: one figure in any common style, and ranges with their true ends.

A range whose first number is written without the second one's scale ("11 to 12,000") means 11,000 to
12,000; reading it as 11 would put a false figure in the ledger, which is what the version-1 model did.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shared import examples

from kit.figures import parse_range, parse_written, read_figure


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("1,800 and 2,100", (1800, 2100)),
        ("11,000 to 12,000", (11000, 12000)),
        ("11 to 12,000", (11000, 12000)),
        ("11 and 12,000", (11000, 12000)),
        ("3 to 3,500", (3000, 3500)),
        ("25-30", (25, 30)),
        ("25\u201330", (25, 30)),
        ("six to 10", (6, 10)),
        ("seventy-two to 80", (72, 80)),
        ("$2 to $3 billion", (2e9, 3e9)),
        ("two to three million", (2e6, 3e6)),
        ("1.5 to 2 million", (1.5e6, 2e6)),
        ("10-15%", (10, 15)),
        ("12% to 4.5%", (12, 4.5)),  # in the order written: the validator says a range runs low to high
    ],
)
def test_a_range_as_written_means_its_true_ends(text: str, ends: tuple[float, float]):
    assert parse_range(text) == ends


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("100 and 1,500", (100, 1500)),  # borrowing would make the low end above the high one
        ("20 to 1,500", (20, 1500)),
        ("500 to 3 million", (500, 3e6)),
        ("2 to 2 million", (2, 2e6)),
    ],
)
def test_the_first_number_borrows_the_scale_only_when_that_stays_below_the_second(text: str, ends: tuple[float, float]):
    assert parse_range(text) == ends


@pytest.mark.parametrize(
    "text", ["12,000", "Lipetsk-2", "seventy-two", "Seventy-two per cent", "dozens", "", "to", "and 5"]
)
def test_one_figure_or_no_figure_is_not_a_range(text: str):
    assert parse_range(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("450 000", 450_000),
        ("$250m", 250_000_000),
        ("£3bn", 3_000_000_000),
        ("€40m", 40_000_000),
        ("1.2bn", 1_200_000_000),
        ("Seventy-two per cent", 72),
        ("4.5 per cent", 4.5),
        ("45 percent", 45),
        ("three million", 3_000_000),
        ("Twenty", 20),
        ("zero", 0),
        ("$1.5 trillion", 1.5e12),
    ],
)
def test_read_figure_reads_what_news_copy_prints(text: str, value: float):
    assert read_figure(text) == value


@pytest.mark.parametrize("text", ["dozens", "several hundred", "100m", "$three", "a dozen", "12,00", "1 in 5", ""])
def test_vague_or_ambiguous_text_is_not_a_figure(text: str):
    """ "100m" without a currency is as likely metres; vague amounts have no honest number."""
    assert read_figure(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,500", 1500), ("$2 billion", 2e9), ("45%", 45), ("three", 3), ("Four", 4), ("1,000.5", 1000.5), ("12", 12)],
)
def test_read_figure_agrees_with_parse_written_which_is_unchanged(text: str, value: float):
    assert parse_written(text) == value == read_figure(text)


@pytest.mark.parametrize("text", ["450 000", "$250m", "Seventy-two per cent", "2 Million", "11 to 12,000"])
def test_parse_written_still_refuses_what_it_refused(text: str):
    assert parse_written(text) is None


@settings(derandomize=True, database=None, max_examples=examples(300))
@given(st.text(alphabet=st.sampled_from("0123456789,. -\u2013$%£mbnkto andsixpercent"), max_size=24))
def test_reading_never_raises(text: str):
    parse_range(text)
    read_figure(text)


@settings(derandomize=True, database=None, max_examples=examples(200))
@given(low=st.integers(1, 999), high=st.integers(1, 999_999))
def test_a_range_of_plain_figures_reads_back(low: int, high: int):
    """Both ends written in full always read back as themselves, whatever their sizes."""
    assert parse_range(f"{low * 1000:,} to {high:,}") == (low * 1000, high)
