"""``kit draft``'s tenth round of ``when`` rules, drafted from a made-up article through ``kit new`` and ``kit
draft``: a figure asked for names no time (the curators leave it empty, as for an undated forecast), the whole of a
past part stands at the part's time ("4 of its 30 ploughs broke down during the frost in February"), a whole after
a number in words ("two of the town's 9 bridges could close by 2031") stands now, like one after digits, and the
day a speaker spoke ("told reporters on Monday") dates the sentences that go on with their words ("He said the
harbour normally holds about 200 boats"); a change "9% more than a year earlier" is of the period it compares."""

from __future__ import annotations

from pathlib import Path

from test_draft_grammar import _drafts

HARBOUR = "\n\n".join(
    [
        "Harbour Town Seeks Help After Frost",
        "By A. Writer",
        "KELDMOUTH, March 20, 2029 (Test Wire) - A made-up report for the kit's tests.",
        "The mayor, Ines Roke, said on Tuesday she would ask the region for a repair fund of up to €8 million.",
        "The harbour board has asked fishermen for at least 300 more crates, its secretary said.",
        "The winter was hard on the town's own machines: 4 of its 30 ploughs broke down during the frost in February,"
        " officials said.",
        "Yet two of the town's 9 bridges could close by 2031, the engineers' report said.",
        '"We lost 14 boats," harbour master Per Alm told reporters at the quay on Monday. He said the harbour'
        " normally holds about 200 boats. Of its 60 moorings, 45 were damaged, he said.",
        "Visitors made 82,000 ferry trips in the year to February, 9% more than a year earlier, the ferry office said.",
    ]
)


def test_figures_asked_for_name_no_time(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "harbour", HARBOUR, "2029-03-20")
    assert rows["€8 million"]["when"] == ""  # "said on Tuesday she would ask ... for": Tuesday is the saying
    assert rows["300"]["when"] == ""  # "has asked fishermen for at least 300 more crates"
    assert "asked for" in rows["300"]["draft_note"]


def test_the_whole_of_a_past_part_and_a_whole_after_a_number_in_words(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "harbour", HARBOUR, "2029-03-20")
    assert rows["4"]["when"] == rows["30"]["when"] == "2029-02"  # the ploughs the town had in the February frost
    assert rows["9"]["when"] == "2029-03-20"  # the town's bridges now, not the forecast's 2031


def test_the_day_a_speaker_spoke_dates_the_sentences_that_go_on_with_their_words(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "harbour", HARBOUR, "2029-03-20")
    assert rows["14"]["when"] == "2029-03-19"  # "told reporters at the quay on Monday"
    assert rows["200"]["when"] == "2029-03-19"  # "He said the harbour normally holds": what he said on Monday
    assert rows["60"]["when"] == rows["45"]["when"] == "2029-03-19"  # the next sentence of his words, too


def test_a_change_against_a_year_earlier_is_of_the_period_it_compares(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "harbour", HARBOUR, "2029-03-20")
    assert rows["82,000"]["when"] == rows["9%"]["when"] == "2028-03/2029-02"  # not the base year, a year back
