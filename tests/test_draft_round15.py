"""``kit draft``'s fifteenth round, drafted from made-up articles through ``kit new`` and ``kit draft``: a report,
survey or poll is the statement of the body that published or commissioned it (the data README's claimant rule 5);
"she added" is a person, never the body the sentence opens with; a sentence with no attribution whose subject is a
speaker named before is that speaker's only when its verb states the speaker's plan or expectation."""

from __future__ import annotations

from pathlib import Path

from test_draft_grammar import _drafts

#: Published on Thursday 3 June 2032.
MILL = "\n\n".join(
    (
        "Dunmore Mill to Cut 80 Jobs",
        "By A. Writer",
        "DUNMORE, June 3, 2032 (Test Wire) - The Dunmore Paper Mill said on Thursday it will cut 80 of its 600 jobs.",
        "The cuts will start in August, manager Kay Doran told reporters.",
        "The mill expects to save 9 million euros a year and plans to spend 2 million euros on new presses, she added.",
        "A survey of 1,200 workers carried out for the Paper Workers' Guild in May found that 58% feared for their"
        " jobs. Output fell 12% last year, according to a report published on Monday by the Regional Trade Office.",
        "The guild expects 150 more jobs to go. The mill has set aside 300,000 euros for retraining.",
    )
)


def _speakers(tmp_path: Path) -> dict[str, str]:
    rows, names = _drafts(tmp_path, "mill", MILL, "2032-06-03")
    return {written: names.get(row["claimant"], row["claimant"]) for written, row in rows.items()}


def test_a_survey_or_report_is_the_statement_of_the_body_behind_it(tmp_path: Path) -> None:
    speaker = _speakers(tmp_path)
    assert speaker["1,200"] == speaker["58%"] == "Paper Workers' Guild"  # "carried out for the ... Guild"
    assert speaker["12%"] == "Regional Trade Office"  # "a report published on Monday by the ..."


def test_she_added_is_a_person_not_the_body_the_sentence_opens_with(tmp_path: Path) -> None:
    speaker = _speakers(tmp_path)
    assert speaker["9 million euros"] == speaker["2 million euros"] == "Kay Doran"  # not "The mill"


def test_an_act_the_reporter_tells_is_the_outlets_a_plan_the_subjects(tmp_path: Path) -> None:
    speaker = _speakers(tmp_path)
    assert speaker["300,000 euros"] == "Test Wire"  # "The mill has set aside": the outlet's reporting
    assert speaker["150"] == "Paper Workers' Guild"  # "The guild expects": the guild's forecast
