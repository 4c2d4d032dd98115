"""``kit draft`` on a fresh ``kit new`` of each held-out article (tests/drafts/, curated by hand after the drafter
was frozen) against the issue's targets, and ``--accept`` of its drafts giving a ledger that validates.

The scoring is the benchmark's (benchmarks/draft_accuracy.py), so the test and RESULTS.md measure one thing.
Targets the frozen drafter does not reach are strict expected failures: they say so in every run, and the test
fails (so the mark must go) the day they are met.
"""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest
from shared import quick_share

from kit.cli import main as cli
from kit.ledger import validate

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("draft_accuracy", ROOT / "benchmarks" / "draft_accuracy.py")
accuracy = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(accuracy)
#: The held-out set the current drafter was never tuned on (tests/drafts/README.md).
HELDOUT = [ROOT / folder for folder in accuracy.HELDOUT]
#: Every article written for the drafter: accepted drafts must validate on each (under the quick profile of
#: ``make check``, on the held-out set and one in QUICK_SHARE of the others: shared.quick_share).
WRITTEN = sorted(path.parent for path in (ROOT / "tests" / "drafts").glob("*/datapackage.json"))
ACCEPTED = [
    ROOT / "tests" / "drafts" / name
    for name in quick_share([folder.name for folder in WRITTEN], always=tuple(folder.name for folder in HELDOUT))
]


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    work = tmp_path_factory.mktemp("heldout")
    return [accuracy.score(folder, work) for folder in HELDOUT]


def _rate(scores: list[dict], field: str) -> float:
    found = sum(score["found"] for score in scores)
    return 100 * sum(score["hits"][field] for score in scores) / found


def test_the_benchmark_compares_numbers_as_the_validator_does() -> None:
    assert accuracy._same_number("0.6666666667", repr(2 / 3)) and accuracy._same_number("", "")
    assert not accuracy._same_number("0.67", repr(2 / 3)) and not accuracy._same_number("", "0")
    assert accuracy.same_speaker("the county", "Harlan County") and not accuracy.same_speaker("the state", "county")


def test_there_are_three_held_out_articles() -> None:
    assert len(HELDOUT) >= 3 and all((folder / "datapackage.json").is_file() for folder in HELDOUT)


#: Where the held-out set was measured once (benchmarks/RESULTS.md, Drafting accuracy, seventeenth round, frozen at
#: 96313e7).
MEASURED = "the seventeenth held-out set: benchmarks/RESULTS.md, seventeenth round"


@pytest.mark.xfail(strict=True, reason=f"59 of 60 curated figures drafted on {MEASURED} (a ferry's 'nearly double')")
def test_every_curated_figure_is_drafted(scores: list[dict]) -> None:
    assert [score["missed"] for score in scores] == [[] for _ in scores]


@pytest.mark.parametrize("field", ["value", "value_high", "bound"])
def test_figures_and_bounds_meet_their_targets(scores: list[dict], field: str) -> None:
    assert _rate(scores, field) >= accuracy.TARGETS[field]


#: Measured once on the seventeenth held-out set: unit 42/59 (nouns the curator declared as units of their own,
#: "rooms" for "places", "beds"), when 43/59. Its claimant, 49/59 (83%) when scored, is 53/59 since a fix tuned on
#: the set itself ("in September last year, said Mirela Costan": a month is no speaker), so it is no longer a
#: held-out measure of the claimant: the next held-out set's is.
MISSED = {"unit": 71.2, "when": 72.9}


@pytest.mark.parametrize(
    "field",
    [
        pytest.param(
            field,
            marks=pytest.mark.xfail(
                strict=True,
                reason=f"measured {MISSED[field]}% on {MEASURED}, target {accuracy.TARGETS[field]}%",
            ),
        )
        for field in MISSED
    ]
    + ["claimant"],
)
def test_units_dates_and_speakers_meet_their_targets(scores: list[dict], field: str) -> None:
    assert _rate(scores, field) >= accuracy.TARGETS[field]


def test_no_draft_for_page_residue_dates_years_or_names_with_digits(scores: list[dict]) -> None:
    extras = [extra for score in scores for extra in score["extras"]]
    assert [extra for extra in extras if accuracy.NOT_FIGURES.search(extra[2])] == []


@pytest.mark.parametrize("folder", ACCEPTED, ids=[folder.name for folder in ACCEPTED])
def test_accepted_drafts_validate(folder: Path, tmp_path: Path) -> None:
    fresh = accuracy.draft_fresh(folder, tmp_path)
    with (fresh / "drafts" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        drafts = list(csv.DictReader(handle))
    # what a curator does first: declare each new unit the drafts name, in the one place units are declared
    package = json.loads((fresh / "datapackage.json").read_text(encoding="utf-8"))
    for row in drafts:
        package["units"].setdefault(row["unit"], {"whole": False, "minimum": 0})
    (fresh / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    chosen = [row["claim_id"] for row in drafts if row["unit"]]
    assert len(chosen) >= len(drafts) - 2  # a draft without a unit waits for the curator
    assert cli(["draft", str(fresh), "--accept", *chosen]) == 0
    assert [problem for problem in validate(fresh) if problem.severity == "error"] == []
    with (fresh / "claims.csv").open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == len(chosen)
