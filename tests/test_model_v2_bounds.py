"""A claim's bound is checked against the article's words with the hedge vocabulary, which is data.

The four contradictions of the issue are each rejected on a copy of the packaged ledger, with the line and
the column ``bound``; the vocabulary reads the longest phrase, ignores case and currency signs, and a
ledger extends it with rows of its own.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from shared import edit_csv

import kit
from kit.ledger.hedges import VOCABULARY_FILE, bound_problem, kit_vocabulary, read_bound, vocabulary
from kit.ledger.model import KIT_ENUMS

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        (
            "3000,,soldiers,at_least",
            "3000,,soldiers,exact",
            4,
            "the quote has 'at least 3,000': 'at least' means at_least, not exact",
        ),
        (
            "12000,,soldiers,about",
            "12000,,soldiers,exact",
            6,
            "the quote has 'around 12,000': 'around' means about, not exact",
        ),
        (
            "12000,,soldiers,up_to",
            "12000,,soldiers,at_least",
            9,
            "the quote has 'up to 12,000': 'up to' means up_to, not at_least",
        ),
        (
            "11000,,soldiers,exact",
            "11000,,soldiers,about",
            2,
            "nothing in the quote qualifies '11,000' ('revealed that 11,000 North'), so the bound is exact, not about"
            "; if the article's words do qualify it, add them to the ledger's hedges.csv",
        ),
    ],
    ids=["at_least-made-exact", "about-made-exact", "up_to-made-at_least", "unhedged-made-about"],
)
def test_a_bound_that_contradicts_its_quote_is_rejected(ledger: Path, old: str, new: str, line: int, message: str):
    edit_csv(ledger / "claims.csv", old, new)
    problems = kit.validate(ledger)
    assert [(p.path, p.line, p.column, p.message) for p in problems] == [("ledger/claims.csv", line, "bound", message)]
    with pytest.raises(kit.LedgerError):
        kit.claims(ledger)


def test_the_packaged_ledger_agrees_with_its_words():
    """Every packaged claim's bound is one its quote allows (the validator is silent on it)."""
    words = vocabulary()
    for row in kit.claims().itertuples():
        reading = read_bound(row.quote, row.as_written, words)
        assert row.bound in reading.allowed, row.claim_id


def test_the_vocabulary_is_data_with_the_phrases_the_issue_names():
    with VOCABULARY_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["phrase", "bound", "position"]
    assert {row["bound"] for row in rows} <= set(KIT_ENUMS["hedges"]["bound"])
    assert {row["position"] for row in rows} == {"before", "after"}
    words = kit_vocabulary()
    expected = {
        "at_least": ["at least", "no fewer than"],
        "more_than": ["more than", "over"],
        "up_to": ["up to", "as many as", "at most", "no more than"],
        "about": ["about", "around", "some", "roughly", "approximately", "an estimated"],
        "nearly": ["nearly", "almost", "just under"],
        "range": ["between"],
    }
    for bound, phrases in expected.items():
        for phrase in phrases:
            assert words[(phrase, "before")] == bound, phrase
    assert words[("or more", "after")] == "at_least" and words[("or fewer", "after")] == "up_to"
    assert len(set((row["phrase"], row["position"]) for row in rows)) == len(rows)


@pytest.mark.parametrize(
    ("quote", "written", "allowed", "words"),
    [
        ("no more than 300 people", "300", {"up_to"}, "no more than 300"),  # the longest phrase wins
        ("Some 450 000 people", "450 000", {"about"}, "Some 450 000"),  # case does not matter
        ("UP TO 40 vessels", "40", {"up_to"}, "UP TO 40"),
        ("around $12 million a day", "$12 million", {"about"}, "around $12 million"),
        ("around $12 million a day", "12 million", {"about"}, "around $12 million"),  # the $ is not a word
        ("Moreover 40 ships sailed", "40", {"exact"}, "Moreover 40 ships"),  # 'over' inside a word is not a hedge
        ("5,000 or more in reserve", "5,000", {"at_least"}, "5,000 or more"),
        ("about 3,000 or more", "3,000", {"about", "at_least"}, "about 3,000 or more"),
        ("between 1,800 and 2,100 at the front", "1,800 and 2,100", {"range"}, "between 1,800 and 2,100"),
        ("closer to around 11 to 12,000", "11 to 12,000", {"about_range", "range"}, "around 11 to 12,000"),  # hedged
        ("more than 10,000 fled", "10,000", {"more_than", "at_least"}, "more than 10,000"),  # at_least: coarser
        ("nearly 40% of", "40%", {"nearly", "about"}, "nearly 40%"),
        ("a couple thousand people", "a couple thousand", {"vague"}, "a couple thousand"),
        ("counted 640 and 900 at two bases", "640 and 900", {"exact"}, "counted 640 and 900 at"),
        ("eliminates 25-30 vacant posts", "25-30", {"range"}, "25-30"),
        ("a total of 12, of 120 in all", "12", {"exact"}, "total of 12, of"),  # the figure, not a number inside 120
        # "over" before a span of time or a distance may be "across" (found curating a made-up hospital strike)
        ("spread over two years", "two", {"more_than", "at_least", "exact"}, "over two"),
        ("surveyed by drone over 31 kilometres of coast", "31", {"more_than", "at_least", "exact"}, "over 31"),
        ("over 300 nurses walked out", "300", {"more_than", "at_least"}, "over 300"),  # a count: more than it
    ],
)
def test_what_the_words_around_a_figure_allow(quote: str, written: str, allowed: set[str], words: str):
    reading = read_bound(quote, written, vocabulary())
    assert (set(reading.allowed), reading.words) == (allowed, words)


def test_both_hedges_are_named_when_neither_allows_the_bound():
    reading = read_bound("about 3,000 or more", "3,000", vocabulary())
    message = "the quote has 'about 3,000 or more': 'about' means about and 'or more' means at_least, not exact"
    assert bound_problem("exact", reading, "3,000") == message


def test_a_ledger_extends_and_overrides_the_vocabulary():
    own = [
        {"phrase": "Numbering", "bound": "about", "position": "before"},
        {"phrase": "some", "bound": "exact", "position": "before"},
        {"phrase": "whatever", "bound": "roughly", "position": "before"},  # not a bound: left out
    ]
    words = vocabulary(own)
    assert words[("numbering", "before")] == "about" and words[("some", "before")] == "exact"
    assert ("whatever", "before") not in words
    assert kit_vocabulary()[("some", "before")] == "about"  # the kit's own list is untouched


def test_a_ledger_hedges_resource_is_read_and_its_rows_checked(ledger: Path):
    model = json.loads((ROOT / "kit" / "ledger" / "model.json").read_text(encoding="utf-8"))
    (hedges,) = [resource for resource in model["resources"] if resource["name"] == "hedges"]
    package = json.loads((ledger / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"].insert(-1, hedges)
    (ledger / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    (ledger / "hedges.csv").write_text("phrase,bound,position\nnumbering,about,before\n", encoding="utf-8")
    assert [str(p) for p in kit.validate(ledger)] == [
        "ledger/claims.csv:3: bound: the quote has 'numbering 2,600': 'numbering' means about, not exact"
    ]
    edit_csv(ledger / "claims.csv", "2600,,soldiers,exact", "2600,,soldiers,about")
    assert kit.validate(ledger) == []
    before = kit.ledger_version(ledger)
    (ledger / "hedges.csv").write_text("phrase,bound,position\nnumbering,about,before\nfully,exact,after\n")
    assert kit.ledger_version(ledger) != before  # the ledger's own hedges are part of its data


def test_the_data_readme_says_how_an_unqualified_figure_is_read():
    readme = (ROOT / "kit" / "data" / "README.md").read_text(encoding="utf-8")
    assert re.search(r"its rounding: half a unit of its last non-zero digit either way,\s+never wider than", readme)
    assert "nonfigures.csv" in readme and "dozens" in readme and "several hundred" in readme
    assert "A vague amount is recorded, never refused and never a false point" in readme


def test_the_contributing_guide_shows_a_real_bound_message(ledger: Path):
    """The guide's example of a bound error is what the validator prints for its example row, made exact."""
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    shown = re.search(r"kit/data/claims\.csv:\d+: (bound: .+)", guide).group(1)
    seed = next(ledger.glob("*.txt"))
    sentence = re.search(r"\*\"(.+?)\"\*", guide).group(1)
    seed.write_text(seed.read_text(encoding="utf-8") + sentence + "\n", encoding="utf-8")
    row = re.search(r"```csv\n\s*(.+)\n", guide).group(1).replace(",about,", ",exact,")
    with (ledger / "claims.csv").open("a", encoding="utf-8") as handle:
        handle.write(row + "\n")
    bound = [p for p in kit.validate(ledger) if p.column == "bound"]
    assert [f"{p.column}: {p.message}" for p in bound] == [shown]


@pytest.mark.parametrize(
    ("quote", "written", "bound"),
    [
        ("Cull Tops 1.5 Million Birds", "1.5 Million", "more_than"),
        ("the toll exceeded 400", "400", "more_than"),
        ("Avian Flu Cull Nears 1.9 Million", "1.9 Million", "nearly"),
        ("Budget Passes $1.2 Billion", "$1.2 Billion", "exact"),  # "passes" may mean approved: the ledger's words
        ("Drought Losses Near 1.6 Million Tonnes", "1.6 Million", "about"),  # close to it, either side
        ("near 1.6 million tonnes", "1.6 million", "about"),
    ],
)
def test_headline_verbs_that_qualify_a_figure(quote: str, written: str, bound: str) -> None:
    """Found on a made-up story's headlines: "Cull Nears 1.9 Million" was refused as nearly until the curator added
    the verb to the ledger's hedges.csv; "tops", "exceeds", "surpasses" and "nears" are the kit's own now."""
    from kit.ledger import hedges

    reading = hedges.read_bound(quote, written, hedges.vocabulary())
    assert (reading.allowed if reading else {"exact"}) >= {bound}
