"""Figures crowd and casualty reports print that the kit could find but not record: found on a real protest report,
where "half a million" and "Over 500k" were listed by coverage and refused by validate ("not a figure the kit can
read"), and on a made-up hospital report, where "fell 3 percentage points" could not keep its points in as_written."""

from __future__ import annotations

import pytest

from kit.analysis.changes import in_points
from kit.figures import read_figure
from kit.ledger.shapes import value_of


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("half a million", 500_000),
        ("a quarter of a million", 250_000),
        ("half a billion", 500_000_000),
        ("500k", 500_000),
        ("3 percentage points", 3),
        ("$250m", 250_000_000),
    ],
)
def test_the_figure_as_written_is_read(written: str, value: float) -> None:
    assert read_figure(written) == value


def test_what_stays_unread() -> None:
    assert read_figure("250m") is None  # metres or millions: only money is read so
    assert read_figure("half") == 0.5 and read_figure("half a dozen apples") is None


def test_the_finder_and_the_validator_read_half_a_million_alike() -> None:
    assert value_of("half a million") == (500_000, "number")


def test_a_change_written_with_its_points_is_in_points() -> None:
    assert in_points("fell 3 percentage points to 38%", "3 percentage points")
    assert not in_points("fell 3% to 38%", "3%")
