"""``kit draft``'s eleventh round of ``when`` rules, drafted from a made-up article through ``kit new`` and ``kit
draft``: a poll's or survey's figures hold when it was taken (its date phrase, else the publication day), and a
"would" in its finding is what those asked said, not a forecast ("35% said they would ..."); a headline figure that
restates a plan or forecast ("Town to Add 40 Water Taxis" for the body's "by 2032") has no date of its own."""

from __future__ import annotations

import csv
from pathlib import Path

from test_draft_grammar import _drafts

PARAGRAPHS = (
    "Orvale to Add 40 Water Taxis",
    "By A. Writer",
    "ORVALE, May 16, 2030 (Test Wire) - A made-up report for the kit's tests.",
    "The canal authority plans to put 40 water taxis on the canals by 2032, its chief said.",
    "In a poll of 900 boat owners carried out for the Orvale Canal Trust in March, 35% said they would use the"
    " taxis every week.",
    "A survey of 1,200 residents by the Orvale Civic Society, released on Sunday, found that 58% would pay a"
    " higher fare for a faster boat.",
    "The boatmen's guild said a survey of 640 of its members found that 71% feared their moorings would be sold.",
    "The trust would spend £2 million on new piers, its chair said, citing a poll that found strong support.",
)
CANAL = "\n\n".join(PARAGRAPHS)


def test_a_headline_that_restates_a_plan_has_no_date(tmp_path: Path) -> None:
    _drafts(tmp_path, "canal", CANAL, "2030-05-16")
    with (tmp_path / "canal" / "drafts" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        title, body = (row for row in csv.DictReader(handle) if row["value"] == "40")  # the headline's comes first
    assert body["when"] == "2032" and body["when_kind"] == "deadline"
    assert title["when"] == "" and "restates a plan" in title["draft_note"]


def test_a_polls_figures_hold_when_it_was_taken_and_its_would_is_no_forecast(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "canal", CANAL, "2030-05-16")
    assert rows["900"]["when"] == rows["35%"]["when"] == "2030-03"  # "in March" just past, not the March ahead
    assert rows["1,200"]["when"] == rows["58%"]["when"] == "2030-05-12"  # the Sunday before, not the one after
    assert rows["640"]["when"] == rows["71%"]["when"] == "2030-05-16"  # undated: as of the publication day
    assert rows["£2 million"]["when"] == ""  # a forecast before the poll is named is no finding of it
