"""``kit draft``'s twelfth round, drafted from a made-up article through ``kit new`` and ``kit draft``: a sentence
whose subject only names a thing a speaker runs ("The canal", "The trust's boats" after "the canal trust") is the
outlet's reporting, not that speaker's; "hoped to" and "is to" put a clause in the future; and a clause the reporter
hangs on an attribution ("..., the trust said on Monday, leaving 900 boats ...") is the outlet's, at the publication
day."""

from __future__ import annotations

from pathlib import Path

from test_draft_grammar import _drafts
from test_draft_since import _article

CANAL = _article(
    "Ostley Canal Closed by Burst Lock",
    "OSTLEY, March 3, 2031",
    "A lock gate that burst on Saturday will keep the Ostley canal shut for six weeks, the canal trust said on"
    " Monday, leaving some 900 boats stranded on the western reach.",
    "The canal carried about 14,000 boats last year. The trust has 60 engineers on the site.",
    "The trust's chair, Ada Venn, said the repair would cost £3 million.",
    "She said the trust hoped to raise about £1 million of it from boat owners.",
    "Of the new gates, two are to go to the eastern locks.",
)


def _speakers(tmp_path: Path) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    rows, names = _drafts(tmp_path, "canal", CANAL, "2031-03-03")
    return rows, {written: names.get(row["claimant"], row["claimant"]) for written, row in rows.items()}


def test_a_subject_that_only_names_what_a_speaker_runs_is_the_outlets(tmp_path: Path) -> None:
    rows, speaker = _speakers(tmp_path)
    assert speaker["14,000"] == "Test Wire"  # "The canal" is not "the canal trust": the reporter's own figure
    # "The trust has 60 engineers": the trust itself, but a state the reporter tells with no attribution is the
    # outlet's (rule 5); only a plan or expectation its subject states is the subject's (tests/test_draft_round15.py)
    assert speaker["60"] == "Test Wire"
    assert "no attribution" in rows["60"]["draft_note"]


def test_hoped_to_and_is_to_are_plans(tmp_path: Path) -> None:
    rows, _ = _speakers(tmp_path)
    assert rows["£1 million"]["when"] == ""  # "hoped to raise": a plan that names no time
    assert rows["two"]["when"] == ""  # "are to go": a plan, not the publication day
    assert "forecast or plan" in rows["two"]["draft_note"]


def test_the_reporters_aside_after_an_attribution(tmp_path: Path) -> None:
    rows, speaker = _speakers(tmp_path)
    assert speaker["900"] == "Test Wire"  # "..., the canal trust said on Monday, leaving some 900 boats ..."
    assert rows["900"]["when"] == "2031-03-03"  # not under the main clause's "will": the publication day
    assert rows["900"]["quote"].startswith("leaving")
    assert speaker["six"] == "the canal trust"  # the main clause stays the trust's
