"""``kit draft`` and the data README's claimant rule, drafted from made-up articles through ``kit new`` and ``kit
draft``: an unnamed speaker ("an official who asked not to be named said", "two people familiar with the plan said")
is a source of its own with ``named`` ``no``, never the outlet nor a thing their description names, and the number
that counts them is no figure; the headline's figures are the outlet's unless the headline names its speaker."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from test_draft_grammar import _drafts
from test_draft_since import _article

from kit.cli import main as cli
from kit.ledger import draft_unnamed, draft_who, validate

PORT = _article(
    "Dockers Offered 6% Pay Rise",
    "KESSWICK, June 4, 2030",
    "The port will hire 300 more dockers next year, an official who asked not to be named said.",
    "A government official who asked not to be named said the state would pay €12 million toward the new cranes.",
    "The plan would cut 40 jobs at the old terminal, two people familiar with the plan said.",
    "About 1,500 containers were stuck on the quay on Monday, officials said.",
    "Some 25 ships waited offshore, said a senior official, who spoke on condition of anonymity because talks were"
    " continuing.",
    "Three harbour pilots, who asked not to be named, said 18 berths were closed.",
)


def _sources(tmp_path: Path, name: str, text: str) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    rows, _ = _drafts(tmp_path, name, text, "2030-06-04")
    with (tmp_path / name / "drafts" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        return rows, {row["source_id"]: row for row in csv.DictReader(handle)}


def test_an_unnamed_speaker_is_a_source_of_its_own(tmp_path: Path) -> None:
    rows, sources = _sources(tmp_path, "port", PORT)
    speaker = {written: sources[row["claimant"]] for written, row in rows.items()}
    assert speaker["300"]["name"] == "an official"  # not the outlet: "an official who asked not to be named said"
    assert speaker["€12 million"]["name"] == "A government official"  # the speaker before the figure
    assert speaker["40"]["name"] == "two people familiar with the plan"  # not "the plan said"
    assert speaker["25"]["name"] == "a senior official"  # "said a senior official, who spoke on condition ..."
    assert speaker["18"]["name"] == "Three harbour pilots"
    for written in ("300", "€12 million", "40", "25", "18"):
        assert speaker[written]["named"] == "no"
        assert speaker[written]["side"] == "unattributed reports"  # kit new's side list has it
        assert speaker[written]["role"].startswith("unnamed ")
        assert "unnamed speaker" in rows[written]["draft_note"]
    assert speaker["300"]["source_id"] == "unnamed-official"
    assert speaker["40"]["source_id"] == "unnamed-people"
    # "an official", "A government official" and "officials" are three speakers, not one matched by a word
    assert len({speaker[written]["source_id"] for written in ("300", "€12 million", "1,500")}) == 3
    assert speaker["1,500"]["name"] == "officials"
    assert "Test Wire" not in {speaker[written]["name"] for written in ("300", "€12 million", "40", "25", "18")}


def test_an_accepted_unnamed_speakers_claim_validates(tmp_path: Path) -> None:
    rows, _ = _sources(tmp_path, "port", PORT)
    ledger = tmp_path / "port"
    wanted = [rows[written]["claim_id"] for written in ("€12 million", "25")]
    assert cli(["draft", str(ledger), "--accept", *wanted]) == 0  # validate finds no error
    with (ledger / "sources.csv").open(encoding="utf-8", newline="") as handle:
        moved = {row["name"]: row for row in csv.DictReader(handle)}
    assert moved["a senior official"]["named"] == moved["A government official"]["named"] == "no"
    assert [problem for problem in validate(ledger) if problem.severity == "error"] == []


def test_the_number_that_counts_unnamed_speakers_is_no_figure(tmp_path: Path) -> None:
    rows, _ = _sources(tmp_path, "port", PORT)
    assert "two" not in rows and "Three" not in rows  # "two people familiar with ...", "Three harbour pilots, who ..."
    assert {"40", "18"} <= set(rows)  # what they said is still drafted
    assert not draft_unnamed.counts_speakers("The port has two cranes.", 13, 16)


def test_a_ledger_without_the_unattributed_side_leaves_the_side_to_the_curator(tmp_path: Path) -> None:
    seed = tmp_path / "port.txt"
    seed.write_text(PORT, encoding="utf-8")
    options = ["--published", "2030-06-04", "--outlet", "Test Wire", "--url", "https://example.org/port"]
    assert cli(["new", "port", "--seed", str(seed), "--dir", str(tmp_path), *options]) == 0
    package = tmp_path / "port" / "datapackage.json"
    data = json.loads(package.read_text(encoding="utf-8"))
    sources = next(resource for resource in data["resources"] if resource["name"] == "sources")
    side = next(field for field in sources["schema"]["fields"] if field["name"] == "side")
    side["constraints"]["enum"].remove("unattributed reports")
    package.write_text(json.dumps(data, indent=2), encoding="utf-8")
    assert cli(["draft", str(tmp_path / "port")]) == 0
    with (tmp_path / "port" / "drafts" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        official = next(row for row in csv.DictReader(handle) if row["name"] == "an official")
    assert official["side"] == "" and "pick the side" in official["draft_note"]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("The port will hire 300 more dockers, an official who asked not to be named said.", "an official"),
        ("An official at the ministry who asked not to be named said 300 would go.", "An official at the ministry"),
        ("City officials, speaking on condition of anonymity, said 300 would go.", "City officials"),
        ("A ransom of €12 million was asked, according to two people familiar with it.", "two people familiar"),
        ("A ransom of €12 million was asked, according to sources close to the inquiry.", "sources close to"),
        ("About 300 would go, a person briefed on the talks said.", "a person briefed on the talks"),
        ("According to an official who asked not to be named, 300 would go.", "an official"),
    ],
)
def test_the_unnamed_speaker_of_a_sentence(sentence: str, name: str) -> None:
    found = draft_who.in_sentence(sentence)
    assert found is not None and found.unnamed and found.name.startswith(name)


def test_according_to_opening_a_sentence_names_its_speaker() -> None:
    found = draft_who.speaker("According to a senior official, the port lost €3 million.", [], "Test Wire", 40)
    assert found.name == "a senior official"  # an unnamed speaker, never the outlet
    found = draft_who.speaker("According to the port authority, 300 would go.", [], "Test Wire", 32)
    assert found.name == "the port authority"


def test_a_thing_a_described_speaker_knows_is_not_the_speaker() -> None:
    found = draft_who.in_sentence("The plan would cut 40 jobs, two people familiar with the plan said.")
    assert found is not None and found.name != "the plan"
    plain = draft_who.in_sentence("The plan would cut 40 jobs, the port authority said.")
    assert plain is not None and plain.name == "the port authority" and not plain.unnamed  # a named body as before


HEADLINES = [
    ("Port Cuts 40 Jobs", "Test Wire"),  # the outlet's own words, though the body credits the figure
    ("Port to Cut 40 Jobs, Union Says", "the dockers' union"),  # the headline names its speaker
    ("Union Says Port Will Cut 40 Jobs", "the dockers' union"),  # first
    ("Port Will Cut 40 Jobs, Says Union", "the dockers' union"),  # last, the other way round
    ("Dockers Warn of Strike as Port Cuts 40 Jobs", "Test Wire"),  # "warn of" names no figure's speaker
    ("Port Cuts 40 Jobs, Survey Finds", "Test Wire"),  # a document's finding: the outlet's, as curators credit it
]


@pytest.mark.parametrize(("headline", "speaker"), HEADLINES)
def test_the_headlines_figures_are_the_outlets_unless_it_names_its_speaker(
    tmp_path: Path, headline: str, speaker: str
) -> None:
    text = _article(headline, "KESSWICK, June 4, 2030", "The port will cut 40 jobs this year, the dockers' union said.")
    _, sources = _sources(tmp_path, "jobs", text)
    with (tmp_path / "jobs" / "drafts" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        title, body = list(csv.DictReader(handle))  # the headline restates the body's 40
    assert title["quote"] in headline and body["quote"] not in headline
    assert sources[body["claimant"]]["name"] == "the dockers' union"
    assert sources[title["claimant"]]["name"] == speaker
