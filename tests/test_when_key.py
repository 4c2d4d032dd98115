"""One span of days written two ways is one date: figures dated "2024-10" and "2024-10-01/2024-10-31" are set
against each other, as figures of one date are, and figures of two months are not (kit.ledger.dates.canonical)."""

from __future__ import annotations

import pytest

import kit
from kit.analysis.reconcile import pairs
from kit.ledger.dates import canonical, period


@pytest.mark.parametrize(
    ("written", "one_way"),
    [
        ("2027-01-01/2027-12-31", "2027"),
        ("2027/2029-05-05", "2027-01-01/2029-05-05"),
        ("2027-01-01/2027-03-31", "2027-01/2027-03"),
        ("2027-05-01/2027-05-31", "2027-05"),
        ("2027-05-03/2027-05-03", "2027-05-03"),
        ("2025-08-11/2025-08-14", "2025-08-11/2025-08-14"),
    ],
)
def test_a_span_is_written_one_way_and_keeps_its_days(written: str, one_way: str) -> None:
    assert canonical(written) == one_way and period(one_way) == period(written)


def _paired(first: str, second: str) -> bool:
    claims = kit.claims()
    a, b = claims.loc[claims["quantity"] == "nk-soldiers-in-russia", "claim_id"].head(2)
    claims["when"] = claims["when"].astype(object)
    claims.loc[claims["claim_id"] == a, "when"] = first
    claims.loc[claims["claim_id"] == b, "when"] = second
    found = pairs(claims)
    return bool(
        (
            ((found["claim_a"] == a) & (found["claim_b"] == b)) | ((found["claim_a"] == b) & (found["claim_b"] == a))
        ).any()
    )


def test_figures_of_one_span_written_two_ways_are_set_against_each_other() -> None:
    assert _paired("2024-10", "2024-10-01/2024-10-31")
    assert not _paired("2024-10", "2024-11")
