"""``kit draft`` after the seventeenth held-out set was scored (benchmarks/RESULTS.md, seventeenth round): a change
written as a range ("fell by between 40% and 45%") was drafted with "between" in ``as_written``, which the validator
cannot read, so accepting the draft failed."""

from __future__ import annotations

from pathlib import Path

from test_draft_grammar import _drafts

#: Published on Thursday 3 December 2026.
BRIDGE = "\n\n".join(
    (
        "Toll Cuts Bridge Traffic",
        "SUNDMARK, Dec 3 (Test Wire) - Lorry traffic fell by between 40% and 45% in November, the authority said.",
    )
)


def test_a_change_written_as_a_range_is_drafted_as_a_range(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "bridge", BRIDGE, "2026-12-03")
    row = rows["40% and 45%"]
    assert (row["value"], row["value_high"], row["bound"], row["kind"]) == ("40", "45", "range", "fall")


#: Published on Thursday 12 November 2026.
HOUSING = "\n\n".join(
    (
        "Students Without Rooms",
        "TERVANE, November 12 (Test Wire) - The university received more than 6,400 applications for its 4,500 "
        "places in September, up from 5,100 in September last year, said Mirela Costan, director of the housing "
        "office. Of the students still without a room, 620 came from abroad, she said.",
    )
)


def test_a_month_before_said_is_no_speaker(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "housing", HOUSING, "2026-11-12")
    assert {rows[written]["claimant"] for written in ("6,400", "620")} == {"mirela-costan"}, rows
