"""``kit draft`` on two readings a made-up flood report showed wrong: a person an outlet "quoted ... as saying" is the
figure's speaker, not the outlet that quotes them; and a weekend a forecast or "by" points to is the one ahead,
not the one just past (the article is of Friday 3 April 2026; "by the weekend" is 4 to 5 April)."""

from __future__ import annotations

from pathlib import Path

from test_draft_grammar import _drafts

FLOOD = "\n\n".join(
    [
        "Floods Damage Homes in River Valley",
        "LISBON, April 3, 2026 (Test Wire) - A made-up report for the kit's tests.",
        "The national broadcaster quoted Maria Lopes, the civil protection agency's director, as saying 1,200 people"
        " had been moved to shelters.",
        "Insurers expect claims of up to 90 million euros by the weekend, the industry association said.",
        "Rain over the weekend flooded 300 cellars, the fire service said.",
        "The river board said 45 pumps would be running this weekend.",
    ]
)


def test_the_person_quoted_as_saying_a_figure_is_its_speaker(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "flood", FLOOD, "2026-04-03")
    assert rows["1,200"]["claimant"] == "maria-lopes"


def test_a_weekend_ahead_in_a_plan_or_after_by_and_just_past_in_a_report(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "flood", FLOOD, "2026-04-03")
    assert (rows["90 million euros"]["when"], rows["90 million euros"]["when_kind"]) == (
        "2026-04-04/2026-04-05",
        "deadline",
    )
    assert rows["300"]["when"] == "2026-03-28/2026-03-29"  # what the rain did: the weekend just past
    assert rows["45"]["when"] == "2026-04-04/2026-04-05"  # "would be running this weekend": the one ahead
