"""``python -m kit draft``: drafted claims for the figures no claim covers, their dates and speakers, and --accept;
the finder reads fractions and times of day as one figure each."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest

from kit.cli import main as cli
from kit.figures import read_figure, read_fraction
from kit.ledger import draft, draft_context, draft_when, draft_who, validate
from kit.ledger.shapes import find_figures

ROOT = Path(__file__).resolve().parents[1]
WILDFIRE = ROOT / "tests" / "ledgers" / "wildfire"


def _new(tmp_path: Path, source: Path = WILDFIRE, name: str = "fresh") -> Path:
    """A fresh ``kit new`` of a test article's seed, dated and named as its curated ledger is."""
    article = json.loads((source / "datapackage.json").read_text(encoding="utf-8"))["article"]
    options = ["--published", article["published"], "--outlet", article["outlet"], "--url", article["url"]]
    assert cli(["new", name, "--seed", str(source / article["path"]), "--dir", str(tmp_path), *options]) == 0
    return tmp_path / name


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _header(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()[0].split(",")


# -- the finder ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "figure", "kind"),
    [
        ("About a fifth of the staff left.", "a fifth", "fraction"),
        ("A fifth were children.", "A fifth", "fraction"),
        ("Two-thirds of voters agreed.", "Two-thirds", "fraction"),
        ("The odds were 1/1024, he said.", "1/1024", "fraction"),
        ("The quake struck at 5.21 am on Friday.", "5.21 am", "time"),
        ("The train left at 11.05pm.", "11.05pm", "time"),
    ],
)
def test_finder_reads_fractions_and_times_of_day_as_one_figure(text: str, figure: str, kind: str) -> None:
    found = [(item.text, item.kind) for item in find_figures(text)]
    assert found == [(figure, kind)]


def test_a_fraction_means_its_number() -> None:
    assert read_fraction("1/1024") == (1, 1024)
    assert read_figure("1/1024") == pytest.approx(1 / 1024)
    assert read_figure("1/1,024") == pytest.approx(1 / 1024)
    assert read_figure("a fifth") == pytest.approx(0.2)
    assert read_figure("two-thirds") == pytest.approx(2 / 3)
    assert read_fraction("a fifth term") is None
    assert read_fraction("1/0") is None


# -- dates ----------------------------------------------------------------------------------------
THURSDAY = date(2025, 8, 14)


@pytest.mark.parametrize(
    ("words", "when"),
    [
        ("on Wednesday", "2025-08-13"),
        ("on Thursday", "2025-08-14"),  # the publication weekday is the publication day, not a week back
        ("on Monday", "2025-08-11"),
        ("last week", "2025-08-04/2025-08-10"),
        ("in October", "2024-10"),
        ("in July", "2025-07"),
        ("last year", "2024"),
        ("since Monday", "2025-08-11/2025-08-14"),
        ("on Aug. 12", "2025-08-12"),
        ("last Tuesday", "2025-08-12"),
        ("earlier this month", "2025-08"),
        ("in 2023", "2023"),
        ("since 2023", "2023/2025-08-14"),
        ("by 2028", "2028"),
        ("in the first three months of the year", "2025-01/2025-03"),
        ("in the second half of last year", "2024-07/2024-12"),
        ("in the year to March", "2024-04/2025-03"),
        ("in late July", "2025-07"),
        ("two weeks ago", "2025-07-28/2025-08-03"),
        ("the previous day", "2025-08-13"),
        ("this morning", "2025-08-14"),
        ("at the end of July", "2025-07-31"),
        ("all winter", "2024-12/2025-02"),
        ("in the coming months", ""),
        ("until the end of the month", "2025-08-14/2025-08-31"),
    ],
)
def test_date_phrases_resolve_from_the_publication_date(words: str, when: str) -> None:
    assert draft_when.resolve(words, THURSDAY).when == when


def test_a_deadline_ahead_of_publication_is_a_deadline() -> None:
    resolved = draft_when.resolve("by Friday", THURSDAY, future=True)
    assert (resolved.when, resolved.kind) == ("2025-08-15", "deadline")
    assert draft_when.resolve("by Wednesday night", THURSDAY).when == "2025-08-13"


def test_a_month_ahead_in_a_plan_is_next_years_and_the_fall_of_a_count_is_no_season() -> None:
    assert draft_when.resolve("by February", THURSDAY, future=True).when == "2026-02"
    assert draft_when.resolve("since February", THURSDAY, future=True).when == "2025-02/2025-08-14"
    assert [words for _, _, words in draft_when.phrases("the fall of roughly 2,300 pupils")] == []
    assert [words for _, _, words in draft_when.phrases("at the end of February 40 were")] == ["at the end of February"]


def test_the_day_of_saying_is_past_and_a_phrase_ending_the_clause_governs_from_afar() -> None:
    clause = "said on June 2 that at least a third of the fleet could lose its grounds"
    assert draft_when.governing(clause, clause.index("a third"), THURSDAY, future=True).when == "2025-06-02"
    far = "between 1,200 and 1,500 passengers a day had been turned away or moved to later boats since Aug. 1"
    assert draft_when.governing(far, 8, THURSDAY).when == "2025-08-01/2025-08-14"


def test_a_pronoun_after_an_opening_quotation_takes_the_speaker_of_the_paragraph_before() -> None:
    said = draft_who.speaker(
        '"We expect it," she said, adding that 2,000 would go.', [], "Wire", 30, ("Dr. Ann Lee said so.",)
    )
    assert said.name == "Dr. Ann Lee"
    blamed = draft_who.speaker(
        "She blamed the flu, and said sickness ran at 7% all winter.", ["Ann Lee said 40."], "Wire", 40
    )
    assert blamed.name == "Ann Lee"
    relative = "The board on Monday approved a 62-turbine farm, which its developer says will power 400,000 homes."
    assert draft_who.speaker(relative, [], "Wire", relative.index("62")).name == "Wire"
    assert draft_who.speaker(relative, [], "Wire", relative.index("400,000")).name == "its developer"


def test_a_phrase_naming_the_figure_befores_period_reads_it() -> None:
    before = {"when": "2025-11", "when_kind": ""}
    assert draft_context.relative(draft_when.When("a year earlier", "x"), before, THURSDAY).when == "2024-11"
    same = draft_when.When("on the same period of 2024", "x")
    assert draft_context.relative(same, {"when": "2025-01/2025-03"}, THURSDAY).when == "2025-01/2025-03"
    assert draft_context.timeless("against a limit of ", " set by the council")
    assert draft_context.timeless("the capital, ", " km away") and not draft_context.timeless("rose by ", " people")


@pytest.mark.parametrize(
    "text",
    ["Bus route 17 now stops here.", "Route 9 reopened.", "the crew of Flight 370 said", "since Apollo 11 landed",
     "passengers at gate 4 waited.", "trains on platform 3 ran late."],
)  # fmt: skip
def test_a_name_with_digits_is_no_figure(text: str) -> None:
    from kit.ledger import draft_rows

    article = f"Headline of the page\n\nThe first paragraph says enough to be a sentence. {text}\n"
    figures = [figure for figure in find_figures(article) if figure.start > article.index(text)]
    assert figures and all(draft_rows.skip_reason(figure, article) for figure in figures)
    trained = "The first paragraph says enough to be a sentence. The scheme would train 24 officers.\n"
    assert [draft_rows.skip_reason(f, trained) for f in find_figures(trained) if f.text == "24"] == [None]
    counted = "The first paragraph says 40 people waited at the gate on Monday.\n"
    assert [draft_rows.skip_reason(f, counted) for f in find_figures(counted) if f.text == "40"] == [None]


def test_an_undated_article_keeps_the_words_and_resolves_nothing() -> None:
    assert draft_when.resolve("on Monday", None) == draft_when.When("on Monday", "")


# -- speakers -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Up to 4,500 residents remain under evacuation orders, the county said.", "the county"),
        ("The ministry's spokesman, Jon Brekke, said that 300 people waited.", "Jon Brekke"),
        ('"Some 450 000 people registered," said Mira Halden, the agency\'s director.', "Mira Halden"),
        ("It covered 28,000 acres, according to the agency's commander, Ray Tillman.", "Ray Tillman"),
    ],
)
def test_attribution_names_the_speaker(sentence: str, name: str) -> None:
    found = draft_who.in_sentence(sentence)
    assert found is not None and found.name == name


def test_a_pronoun_takes_the_speaker_named_earlier_in_the_paragraph() -> None:
    earlier = ["The fire grew, according to the incident commander, Ray Tillman."]
    assert draft_who.speaker("He said the fire was 35% contained.", earlier, "Valley Wire").name == "Ray Tillman"
    assert draft_who.speaker("The fire was 35% contained.", [], "Valley Wire").name == "Valley Wire"


# -- the command ----------------------------------------------------------------------------------
def test_draft_writes_the_ledgers_columns_and_skips_what_is_not_a_figure(tmp_path: Path) -> None:
    ledger = _new(tmp_path)
    assert cli(["draft", str(ledger)]) == 0
    claims, sources = ledger / "drafts" / "claims.csv", ledger / "drafts" / "sources.csv"
    assert _header(claims) == [*_header(ledger / "claims.csv"), "draft_note"]
    assert _header(sources) == [*_header(ledger / "sources.csv"), "draft_note"]
    rows = _rows(claims)
    written = {row["as_written"] for row in rows}
    # page residue ("02:22", "14 Comments"), names with digits ("Highway 41", "Station 51"), the dateline's date
    assert not written & {"02:22", "14", "41", "7", "51", "Aug. 14", "2025", "6:05 AM", "first"}
    assert {"40,000", "1,800 and 2,100", "640", "900", "12,000", "28,000", "35%", "20%", "4,500"} <= written
    threatened = next(row for row in rows if row["as_written"] == "1,800 and 2,100")
    assert (threatened["value"], threatened["value_high"], threatened["bound"]) == ("1800", "2100", "range")
    assert (threatened["when_written"], threatened["when"]) == ("on Wednesday", "2025-08-13")
    claimants = {row["claimant"] for row in rows}
    assert claimants <= {row["source_id"] for row in _rows(sources)}
    assert all(row["draft_note"] for row in rows)
    # drafts are not curated: the ledger is still empty, and validate and coverage say how many wait
    assert _rows(ledger / "claims.csv") == []
    assert draft.waiting(ledger) == len(rows)


def test_validate_and_coverage_say_how_many_drafts_wait(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ledger = _new(tmp_path)
    cli(["draft", str(ledger)])
    capsys.readouterr()
    assert cli(["validate", str(ledger)]) == 0
    assert f"{draft.waiting(ledger)} drafted claims wait" in capsys.readouterr().out
    assert cli(["coverage", str(ledger)]) == 1  # drafts cover nothing
    assert "drafted claims wait" in capsys.readouterr().out


def test_coverage_says_when_all_figures_are_covered(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["coverage", str(WILDFIRE)]) == 0
    assert capsys.readouterr().out == "all figures covered\n"


def test_accept_moves_rows_and_their_new_sources_then_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = _new(tmp_path)
    cli(["draft", str(ledger)])
    drafted = _rows(ledger / "drafts" / "claims.csv")
    chosen = [row["claim_id"] for row in drafted[:4]]
    assert cli(["draft", str(ledger), "--accept", *chosen]) == 0
    moved = _rows(ledger / "claims.csv")
    assert sorted(row["claim_id"] for row in moved) == sorted(chosen)
    assert {row["claimant"] for row in moved} <= {row["source_id"] for row in _rows(ledger / "sources.csv")}
    assert "draft_note" not in _header(ledger / "claims.csv")
    assert [problem for problem in validate(ledger) if problem.severity == "error"] == []
    assert len(_rows(ledger / "drafts" / "claims.csv")) == len(drafted) - 4
    labels = json.loads((ledger / "datapackage.json").read_text(encoding="utf-8"))["quantities"]
    assert {row["quantity"] for row in moved} <= set(labels)
    # drafting again drafts only what is still uncovered: accepted rows are not drafted twice
    cli(["draft", str(ledger)])
    assert {row["quote"] for row in _rows(ledger / "drafts" / "claims.csv")}.isdisjoint(
        {row["quote"] for row in moved if sum(r["quote"] == row["quote"] for r in drafted) == 1}
    )


def test_accept_names_a_draft_that_is_not_there(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ledger = _new(tmp_path)
    cli(["draft", str(ledger)])
    before = (ledger / "claims.csv").read_bytes()
    assert cli(["draft", str(ledger), "--accept", "no-such-draft"]) == 2
    assert "no draft 'no-such-draft'" in capsys.readouterr().err
    assert (ledger / "claims.csv").read_bytes() == before


def test_draft_refuses_a_drafts_folder_that_is_a_link(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ledger = _new(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (ledger / "drafts").symlink_to(outside, target_is_directory=True)
    assert cli(["draft", str(ledger)]) == 2
    assert "link" in capsys.readouterr().err
    assert list(outside.iterdir()) == []


def test_two_runs_write_the_same_bytes(tmp_path: Path) -> None:
    ledger = _new(tmp_path)
    cli(["draft", str(ledger)])
    first = (ledger / "drafts" / "claims.csv").read_bytes()
    cli(["draft", str(ledger)])
    assert (ledger / "drafts" / "claims.csv").read_bytes() == first


# -- kit new and validate, kinder ---------------------------------------------------------------
def test_new_refuses_a_time_without_its_offset(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = tmp_path / "a.txt"
    seed.write_text("Headline\n\nBody 12 words.\n", encoding="utf-8")
    common = ["--seed", str(seed), "--dir", str(tmp_path), "--outlet", "O", "--url", ""]
    assert cli(["new", "a", *common, "--published", "2024-10-23T20:08"]) == 2
    assert "without its UTC offset" in capsys.readouterr().err and not (tmp_path / "a").exists()
    assert cli(["new", "a", *common, "--published", "2024-10-23T20:08Z"]) == 0
    assert cli(["new", "b", *common, "--published", "2024-10-23T20:08:00+01:00"]) == 0
    assert cli(["new", "c", *common, "--published", "2024-10-23"]) == 0


def test_a_unit_is_declared_once_and_a_missing_one_says_where(tmp_path: Path) -> None:
    ledger = _new(tmp_path)
    row = (
        'fire-4500,disaster,evacuated,level,,,4500,,residents,up_to,"4,500",wire,,,,2025-08-14,,residents,'
        '"Up to 4,500 residents remain under evacuation orders",,,,\n'  # statement, status, period, change_from: empty
    )
    with (ledger / "claims.csv").open("a", encoding="utf-8") as handle:
        handle.write(row)
    (ledger / "sources.csv").write_text(
        "source_id,name,role,side,named\nwire,Valley Wire,the outlet,government,yes\n", encoding="utf-8"
    )
    messages = [str(problem) for problem in validate(ledger)]
    assert any(
        "unit: 'residents' is not a unit of this ledger" in m and "under 'units' in datapackage.json" in m
        for m in messages
    )
    assert any("quantity 'evacuated' has no label" in m and "'quantities'" in m for m in messages)
    package = json.loads((ledger / "datapackage.json").read_text(encoding="utf-8"))
    package["units"]["residents"] = {"whole": True, "minimum": 0}  # one place: the allowed list follows from it
    package["quantities"]["evacuated"] = {"label": "residents under evacuation orders"}
    (ledger / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    assert [str(problem) for problem in validate(ledger)] == []


def test_a_vocabulary_error_names_the_file_and_key_to_edit(tmp_path: Path) -> None:
    ledger = _new(tmp_path)
    (ledger / "sources.csv").write_text(
        "source_id,name,role,side,named\nwire,Valley Wire,the outlet,press,yes\n", encoding="utf-8"
    )
    messages = [str(problem) for problem in validate(ledger)]
    assert any(
        "side: 'press' is not one of:" in m
        and "constraints.enum of field 'side' of sources.csv in datapackage.json" in m
        for m in messages
    )


def test_the_data_readme_lists_what_kit_new_starts_with() -> None:
    from kit.ledger.scaffold import starting_lists

    readme = (ROOT / "kit" / "data" / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- starting-lists -->")[1].split("<!-- /starting-lists -->")[0]
    documented = {
        cells[0].strip("` "): [item.strip() for item in cells[1].split(",")]
        for line in table.strip().splitlines()[2:]
        if (cells := [cell.strip() for cell in line.strip("|").split("|")])
    }
    assert documented == starting_lists()


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (b"id,note\nx,y\n", "header lacks claim_id"),
        (b"\xff\xfeclaim_id\n", "cannot be read as a UTF-8 CSV"),
    ],
)
def test_accept_names_a_damaged_drafts_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: bytes, message: str
) -> None:
    ledger = _new(tmp_path)
    cli(["draft", str(ledger)])
    (ledger / "drafts" / "claims.csv").write_bytes(damage)
    before = (ledger / "claims.csv").read_bytes()
    assert cli(["draft", str(ledger), "--accept", "x"]) == 2
    err = capsys.readouterr().err
    assert message in err and "drafts/claims.csv" in err
    assert (ledger / "claims.csv").read_bytes() == before


def test_accepting_one_id_twice_moves_it_once(tmp_path: Path) -> None:
    ledger = _new(tmp_path)
    cli(["draft", str(ledger)])
    first = _rows(ledger / "drafts" / "claims.csv")[0]["claim_id"]
    assert cli(["draft", str(ledger), "--accept", first, first]) == 0
    assert [row["claim_id"] for row in _rows(ledger / "claims.csv")] == [first]
