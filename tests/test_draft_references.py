"""``kit draft``'s tenth round: a speaker that only describes is resolved to who stands behind it, drafted from a
made-up article through ``kit new`` and ``kit draft``: a document with its author in a reduced relative ("a study
the water board carried out"), a bare "the study" that points back to it or to "X said in its yearly survey", "the
firm" or "the operator" for the organisation named before, and a pronoun for the person a paragraph introduces
("The board's chief engineer, Ola Brenn, blamed ..."); "She promised to ..." is the speaker's pledge; a comparison
set off after "according to X" is X's; and "One lock keeper, who ..., said" names an unnamed person of two words."""

from __future__ import annotations

from pathlib import Path

from test_draft_grammar import _drafts
from test_draft_readings import _speakers

from kit.ledger import draft_refer
from kit.ledger.draft_who import Speaker

CANALS = "\n\n".join(
    [
        "Canal Leaks Double in Two Years",
        "By A. Writer",
        "TARNMOUTH, May 3, 2028 (Test Wire) - A made-up report for the kit's tests.",
        "Some 340 leaks were found along the Tarnmouth canals last year, up from 160 two years earlier, according to a"
        " study the water board carried out in March.",
        'The board\'s chief engineer, Ola Brenn, blamed old brickwork. "The walls are a century old," she told'
        " reporters. She said crews had sealed about 90 leaks this spring."
        " She promised to seal 150 more by 2030.",
        "Sealing the rest would cost up to €14 million, the study estimated. Hire boats made up 30% of traffic,"
        " according to the study, up from 22% in 2020.",
        "One lock keeper, who asked not to be named, said about 25 gates needed new hinges.",
        "About 2,000 boats use the canals each summer, the Tarnmouth Boating Club said in its yearly survey. Half of"
        " them are rented, the survey said.",
        "Around 40 boats were stuck behind a broken lock in Kessel Marine's yard on Friday, the firm said.",
        "Kessel Marine said it hires out 120 boats. Trips fell by 15% in April, the company said.",
        "At least 1,200 tonnes of freight a week moved on the canals in April, port operator Vanto Haulage said. The"
        " operator said 300 tonnes were delayed.",
    ]
)


def test_documents_credit_their_authors(tmp_path: Path) -> None:
    rows, names = _drafts(tmp_path, "canals", CANALS, "2028-05-03")
    speaker = _speakers(rows, names)
    assert speaker["340"] == speaker["160"] == "the water board"  # "a study the water board carried out in March"
    assert speaker["€14 million"] == "the water board"  # "the study estimated": the study named before, its author's
    assert speaker["Half"] == "the Tarnmouth Boating Club"  # "the survey said", after "X said in its yearly survey"
    assert speaker["30%"] == speaker["22%"] == "the water board"  # "according to the study, up from 22%"
    assert speaker["25"] == "One lock keeper"  # "One lock keeper, who asked not to be named, said"
    assert "the study" not in names.values() and "the survey" not in names.values()


def test_organisation_nouns_and_a_pronoun_for_the_person_introduced(tmp_path: Path) -> None:
    rows, names = _drafts(tmp_path, "canals", CANALS, "2028-05-03")
    speaker = _speakers(rows, names)
    assert speaker["150"] == "Ola Brenn"  # "She promised to seal 150 more": her pledge, not the outlet's
    assert speaker["90"] == "Ola Brenn"  # "She said", after "The board's chief engineer, Ola Brenn, blamed ..."
    assert speaker["40"] == "Kessel Marine"  # "in Kessel Marine's yard ..., the firm said"
    assert speaker["15%"] == "Kessel Marine"  # "the company said", after "Kessel Marine said"
    assert speaker["300"] == "Vanto Haulage"  # "The operator said", after "port operator Vanto Haulage said"


def test_a_place_is_never_the_firm() -> None:
    found = Speaker("the firm", "", "X said")
    sentence = "A depot near Carrow Head took 40 lorries, the firm said."
    assert draft_refer.resolve(found, sentence, "", []) == found  # no organisation named: the description stays
    known = [("Tomas Berg", "union leader"), ("Vanto Haulage", "Vanto Haulage")]
    assert draft_refer.resolve(found, sentence, "", known).name == "Vanto Haulage"  # a person is never the firm
