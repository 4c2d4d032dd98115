"""``kit draft`` on two figures a lead often opens with, drafted from made-up articles through ``kit new`` and ``kit
draft``: a change written amount first ("approved a 12% rise in fares") keeps its amount as the figure, and a vague
amount ("Hundreds of farmers blocked ...") is drafted as the data README records one, bound ``vague`` with the
interval the kit's vague vocabulary gives its words (kit/vocab/vague.csv)."""

from __future__ import annotations

from pathlib import Path

from test_draft_grammar import _drafts
from test_draft_since import _article

from kit import vocab

LEAD = _article(
    "Ferry Fares to Rise",
    "HARBOURTON, March 14, 2028",
    "The ferry authority on Monday approved a 12% rise in fares, saying income no longer covers its costs.",
    "Hundreds of dairy farmers blocked the gates of three creameries on Friday, the farmers' association said.",
    "Dozens of ships waited offshore, and a 3% fall in freight followed.",
)


def test_a_change_written_amount_first_keeps_its_amount(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, text=LEAD)
    assert rows["12%"]["value"] == "12" and rows["12%"]["kind"] == "rise"
    assert rows["3%"]["value"] == "3" and rows["3%"]["kind"] == "fall"
    assert "rise" not in rows and "fall" not in rows


def test_a_vague_amount_is_drafted_with_its_interval(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, text=LEAD)
    for written in ("Hundreds", "Dozens"):
        low, high = vocab.vague_interval(written)
        assert rows[written]["bound"] == "vague"
        assert (float(rows[written]["value"]), float(rows[written]["value_high"])) == (low, high)


def test_a_vague_amount_counts_the_noun_after_its_of(tmp_path: Path) -> None:
    """Farmers are counted in the people ``kit new`` declares, ships in its vessels, as "200 farmers" would be."""
    rows, _ = _drafts(tmp_path, text=LEAD)
    assert rows["Hundreds"]["unit"] == "people" and rows["Dozens"]["unit"] == "vessels"


def test_a_collective_noun_without_an_s_is_a_speaker(tmp_path: Path) -> None:
    """Found on a real earthquake report: "state media said Tuesday" was the outlet's; so was "police said", the
    usual source of a protest's count."""
    text = _article(
        "March",
        "PARIS, July 23, 2013",
        "About 12,000 people marched in the capital, police said.",
        "At least 89 people died in the quake, state media said Tuesday.",
        "Some 300 were treated, rescuers said.",
    )
    rows, names = _drafts(tmp_path, text=text, published="2013-07-23")
    speaker = {written: names.get(row["claimant"], row["claimant"]) for written, row in rows.items()}
    assert speaker["12,000"] == "police" and speaker["89"] == "state media" and speaker["300"] == "rescuers"
