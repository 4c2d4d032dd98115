"""Found on the sixteenth held-out set's tracker (tests/drafts/2026-09-15-fjordpost-salmon-escape): a share that went
from 8% to "one in five" was "higher by 12%". Between two percents the move is 12 percentage points; a rise of 12%
on 8% would be 8.96%."""

from __future__ import annotations

import html

import pytest
from test_period_lengths import one_source

from kit.analysis import tracker as track
from kit.report import tracker


# two whole percents are roundings (8% is 7.5% to 8.5%), so their difference is "about" 12 points; two counts are not
@pytest.mark.parametrize(("unit", "amount"), [("percent", "about *12 percentage points*"), ("people", "*12*")])
def test_a_move_between_percents_is_in_percentage_points(unit: str, amount: str) -> None:
    frame = one_source([(8.0, "2025-01"), (20.0, "2026-01")]).assign(unit=unit)
    (line,) = tracker._moves(track.tracked(frame))
    assert f"higher by {amount} (the kit's arithmetic)" in line


def test_a_gap_between_two_roundings_wider_than_about_gives_its_ends() -> None:
    """Found on a made-up jobs report's tracker: "higher by about 700,000" where the two rounded figures (1.2
    million, 1.9 million) allow a gap of 350,000 to 1,050,000. A gap "about" covers stays "about"."""
    from types import SimpleNamespace

    wide = SimpleNamespace(change=700_000.0, change_bound="about", change_low=350_000.0, change_high=1_050_000.0)
    assert html.unescape(tracker._amount(wide, "people")) == "*350,000* to *1.05 million*"
    narrow = SimpleNamespace(change=1.3, change_bound="about", change_low=-1.4, change_high=-1.2)
    assert html.unescape(tracker._amount(narrow, "metres")) == "about *1.3*"
