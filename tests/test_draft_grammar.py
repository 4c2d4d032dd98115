"""``kit draft``'s reading of attribution, units and dates from the grammar of a sentence: a speaker named in an
apposition after "said", a relative clause after a speaker, "which officials said", "Its ..." and "N of them" after a
named speaker, "and says"; adverbs before a noun, a number word after a figure, a part of a whole named after it;
open month spans, "so far this winter", "until Friday", "last winter" in January, caps, targets, lengths, typical
values, undated surveys and owned counts. Each check is drafted from a made-up article through ``kit new`` and
``kit draft``, or read from a made-up sentence."""

from __future__ import annotations

import csv
from pathlib import Path

from kit.cli import main as cli
from kit.ledger import draft_context, draft_refer, draft_when, draft_who

ARTICLE = "\n\n".join(
    [
        "Harbour Town Ferries Carried 2.4 Million Riders in Pilot's First Year",
        "By A. Writer",
        "BRENMOOR, Jan. 12, 2028 (Test Wire) - A made-up report for the kit's tests.",
        "Ferries on the new harbour line made 9,000 crossings on Sunday, the port authority said on Monday.",
        (
            "Heavy swells cancelled 140 sailings between March 2027 and February, the port authority said. "
            "Twelve of them were night sailings. Its six piers handled 30,000 cyclists."
        ),
        (
            "\"Demand keeps growing,\" said the boatmen's guild's secretary, Ilse Marten. She said the guild "
            "now had 2,100 members, up from 1,500 three years ago."
        ),
        (
            "The operator, Kestrel Lines, paints its boats yellow and says it repaired 75 badly damaged boats"
            " in December."
        ),
        (
            "Mooring fees rose 4% this year, said Paul Arno, who chairs the Brenmoor Harbour Trust, which "
            "manages some 380 moorings."
        ),
        ("A poll of 900 commuters by the Brenmoor Rail Users' Group found that 44% of them took the ferry to work."),
        (
            "The town will vote on Feb. 3 on a rule limiting fares to £3 a trip for three years, which "
            "officials said could save riders up to £90,000 a year."
        ),
        "Only 1,300 of an estimated 20,000 households have bought a season ticket.",
        (
            "The harbour has flooded on 19 days so far this winter, against 11 days in the whole of last "
            "winter. Ferries to four islands will stay suspended until Friday, keeping 5,000 riders off the "
            "water."
        ),
        (
            "Crossings fell to 800 a day, down from about 2,000 on a normal winter weekday. Ferries made 9,500"
            " crossings in December, short of the 12,000 a month its expansion plan calls for."
        ),
        "Average fares in Brenmoor rose 6% in the year to December, to £4.20.",
        "Cars queued on the quay as waves reached 9 metres, far above the safe limit of 4.",
    ]
)


def speakers(rows: dict, names: dict) -> dict[str, str]:
    """Each drafted figure as written -> the name of the source it was credited to."""
    return {written: names.get(row["claimant"], row["claimant"]) for written, row in rows.items()}


def _drafts(
    tmp_path: Path, name: str = "ferries", text: str = ARTICLE, published: str = "2028-01-12"
) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    seed = tmp_path / f"{name}.txt"
    seed.write_text(text, encoding="utf-8")
    options = ["--published", published, "--outlet", "Test Wire", "--url", f"https://example.org/{name}"]
    assert cli(["new", name, "--seed", str(seed), "--dir", str(tmp_path), *options]) == 0
    assert cli(["draft", str(tmp_path / name)]) == 0
    drafts = tmp_path / name / "drafts"
    with (drafts / "claims.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["as_written"]: row for row in csv.DictReader(handle)}
    with (drafts / "sources.csv").open(encoding="utf-8", newline="") as handle:
        names = {row["source_id"]: row["name"] for row in csv.DictReader(handle)}
    return rows, names


def test_speakers_from_appositions_relative_clauses_and_pronouns(tmp_path: Path) -> None:
    rows, names = _drafts(tmp_path)
    speaker = {written: names.get(row["claimant"], row["claimant"]) for written, row in rows.items()}
    assert speaker["2,100"] == speaker["1,500"] == "Ilse Marten"  # "said the guild's secretary, Ilse Marten"; "She"
    assert speaker["Twelve"] == "the port authority"  # "Twelve of them": a part of the sentence before's figure
    assert speaker["six"] == speaker["30,000"] == "the port authority"  # "Its six piers" after the authority
    assert speaker["75"] == "Kestrel Lines"  # "The operator, Kestrel Lines, ... and says it repaired 75"
    assert speaker["4%"] == "Paul Arno"
    assert speaker["380"] == "Test Wire"  # "said Paul Arno, who chairs X, which manages 380": the reporter's words
    assert speaker["£90,000"] == "officials" and speaker["£3"] == "Test Wire"


def test_units_skip_adverbs_and_read_the_whole(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path)
    assert rows["75"]["unit"] == "vessels"  # "75 badly damaged boats": boats, not "badly"
    assert rows["1,500"]["unit"] == "people"  # "1,500 three years ago": members, not years
    assert rows["1,300"]["unit"] == "households"  # "1,300 of an estimated 20,000 households"
    assert rows["30,000"]["unit"] == rows["900"]["unit"] == "people"  # cyclists, commuters


def test_dates_from_spans_seasons_caps_and_standing_counts(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path)
    assert rows["140"]["when"] == rows["Twelve"]["when"] == "2027-03/2028-02"  # "between March 2027 and February"
    assert rows["19"]["when"] == "2027-12-01/2028-01-12"  # so far this winter
    assert rows["11"]["when"] == "2026-12/2027-02"  # last winter, in January: the one before the winter under way
    assert rows["5,000"]["when"] == rows["four"]["when"] == "2028-01-12/2028-01-14"  # until Friday
    assert rows["£3"]["when"] == rows["three"]["when"] == ""  # a cap "limiting fares to"; "for three years"
    assert rows["2,000"]["when"] == ""  # "on a normal winter weekday": a typical value
    assert rows["12,000"]["when"] == ""  # what a plan calls for
    assert rows["900"]["when"] == rows["44%"]["when"] == "2028-01-12"  # an undated poll's finding
    assert rows["six"]["when"] == "2028-01-12"  # "Its six piers": a count its owner holds, not the lead's Sunday


def test_resolving_open_spans_and_seasons() -> None:
    published = draft_when.date(2028, 1, 19)
    assert draft_when.resolve("between June 2026 and May", published).when == "2026-06/2027-05"
    assert draft_when.resolve("so far this year", published).when == "2028-01-01/2028-01-19"
    assert draft_when.resolve("last winter", published).when == "2026-12/2027-02"
    assert draft_when.resolve("last summer", draft_when.date(2027, 9, 10)).when == "2027-06/2027-08"
    assert draft_when.resolve("until Friday", published, future=True).when == "2028-01-19/2028-01-21"
    assert draft_context.timeless("a rule capping rents to ", "% a year")
    assert not draft_context.timeless("up from fewer than ", " on a typical day last year")


def test_a_speaker_after_said_ends_at_its_apposition() -> None:
    sentence = "Rents rose 6% this year, said the tenants' group's chair, Mira Solt."
    found = draft_who.speaker(sentence, [], "Wire", sentence.index("6%"))
    assert (found.name, found.role) == ("Mira Solt", "the tenants' group's chair")
    said = {
        "Rents rose 6%, said the head of the tenants' union.": "the head of the tenants' union",
        "Rents rose 6%, said the tenants' group which represents renters.": "the tenants' group",
    }
    for sentence, name in said.items():
        assert draft_who.speaker(sentence, [], "Wire", sentence.index("6%")).name == name, sentence
    sentence = "The city sold 40 plots, which officials said would raise up to $2 million."
    assert draft_who.speaker(sentence, [], "Wire", sentence.index("40")).name == "Wire"


def test_a_level_reached_and_a_limit_after_a_figure(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path)
    assert rows["6%"]["when"] == "2027-01/2027-12" and rows["£4.20"]["when"] == "2027-12"  # the level at the end
    assert rows["4"]["unit"] == rows["9"]["unit"] == "metres"  # the figure before in its sentence, not "Cars"


def test_a_description_after_said_names_the_sentences_subject() -> None:
    def named(sentence: str) -> str:  # the speaker found, then what a description refers to (kit.ledger.draft_refer)
        return draft_refer.resolve(draft_who.speaker(sentence, [], "Wire", sentence.index("46")), sentence, "", []).name

    assert named("Kestrel Lines cancelled 46 sailings last week, the operator said on Wednesday.") == "Kestrel Lines"
    assert named("The ferries cancelled 46 sailings last week, the operator said on Wednesday.") == "the operator"


def test_a_scheme_s_first_year_and_the_whole_of_a_part(tmp_path: Path) -> None:
    text = "\n\n".join(
        [
            "Bike Hire Riders Took 80,000 Trips in Scheme's First Year",
            "By A. Writer",
            "TALLOW, Aug. 3, 2027 (Test Wire) - A made-up report for the kit's tests.",
            "Riders took 80,000 trips in the first year of the town's bike scheme, the council said.",
            "The council counted 40 thefts between August 2026 and July.",
            "The town offered grants of £200 last year, but only 300 of an estimated 5,000 households applied.",
        ]
    )
    rows, _ = _drafts(tmp_path, "bikes", text, "2027-08-03")
    assert rows["80,000"]["when"] == rows["40"]["when"] == "2026-08/2027-07"
    assert rows["80,000"]["when_written"] == "in the first year"
    assert rows["300"]["when"] == "2026" and rows["5,000"]["when"] == "2027-08-03"  # the whole stands now
