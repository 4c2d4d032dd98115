"""The coverage scan finds every kind of figure, and the ledger, not the code, says what is covered.

Small texts written here exercise each kind of figure and each trap; copies of real
ledgers with one claim row removed must name exactly that figure's line and column.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

import kit
from kit.cli import main as cli
from kit.ledger.coverage import find_figures, uncovered, uncovered_in
from kit.paths import DEFAULT_LEDGER

ROOT = Path(__file__).resolve().parents[1]
SECOND = ROOT / "tests" / "ledgers" / "second"
SEED_NAME = "000_1ed963706c63bb85.txt"

CLAIM_COLUMNS = ["claim_id", "as_written", "deadline", "counts", "quote"]
NO_NONFIGURES = pd.DataFrame(columns=["text", "reason"])


def claim(quote: str, as_written: str, deadline: str = "", counts: str = "", claim_id: str = "c") -> dict:
    return {"claim_id": claim_id, "as_written": as_written, "deadline": deadline, "counts": counts, "quote": quote}


def claims_of(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=CLAIM_COLUMNS)


def found(text: str) -> list[tuple[str, str]]:
    return [(figure.text, figure.kind) for figure in find_figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("up to 12,000 soldiers", [("12,000", "number")]),
        ("a 1,234,567.5 total", [("1,234,567.5", "number")]),
        ("at least 40 vessels", [("40", "number")]),
        ("a new $400 million package", [("$400 million", "money")]),
        ("costs €2.5bn a year", [("€2.5bn", "money")]),
        ("the plan was 78% fulfilled", [("78%", "percent")]),
        ("4.5 percent on the year", [("4.5 percent", "percent")]),
        ("up 4.5 percent on the year", [("up 4.5 percent", "change")]),
        ("deploy four brigades", [("four", "count")]),
        ("Two brigades of soldiers", [("Two", "count")]),
        ("twenty-five ships", [("twenty-five", "count")]),
        ("thousands of troops", [("thousands", "count")]),
        ("the first batch", [("first", "ordinal")]),
        ("its 3rd brigade", [("3rd", "ordinal")]),
        ("deployed by November 1 to", [("November 1", "date")]),
        ("on 1 November 2024 at", [("1 November 2024", "date")]),
        ("since March 2024", [("March 2024", "date")]),
        ("the Lipetsk-2 airbase", [("2", "number")]),
        ("0 Comments", [("0", "number")]),
        ("no figure here, someone said, alone", []),
    ],
)
def test_each_kind_of_figure_is_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_figures_have_one_based_line_and_column_and_context() -> None:
    text = "Title\n\nThey said “around 12,000 troops” had gone.\n"
    (figure,) = find_figures(text)
    assert (figure.line, figure.column) == (3, 19)  # characters, not bytes: the curly quote counts once
    assert figure.context == "They said “around 12,000 troops” had gone."


def test_a_figure_is_covered_only_as_its_claims_as_written() -> None:
    text = "Zelenskyy said two brigades of 6,000 soldiers each were ready."
    quote = "two brigades of 6,000 soldiers each"
    only_size = claims_of(claim(quote, "6,000"))
    assert [f.text for f in uncovered_in(text, only_size, NO_NONFIGURES)] == ["two"]
    both = claims_of(claim(quote, "6,000", claim_id="size"), claim(quote, "two", claim_id="count"))
    assert uncovered_in(text, both, NO_NONFIGURES) == []


def test_a_figure_outside_every_quote_is_uncovered_even_when_its_text_matches() -> None:
    text = "Up to 12,000 are in training. Later: 12,000 more."
    rows = claims_of(claim("Up to 12,000 are in training", "12,000"))
    (left,) = uncovered_in(text, rows, NO_NONFIGURES)
    assert (left.text, left.column) == ("12,000", 38)


def test_money_is_covered_by_its_as_written_with_or_without_the_sign() -> None:
    text = "He announced a new $400 million military aid package."
    for written in ("$400 million", "400 million"):
        rows = claims_of(claim("a new $400 million military aid package", written))
        assert uncovered_in(text, rows, NO_NONFIGURES) == []


def test_trap_date_carried_as_a_deadline_inside_the_quote() -> None:
    text = "The first batch, numbering 2,600, could be deployed by November 1 to Kursk."
    quote = "numbering 2,600, could be deployed by November 1"
    assert [f.text for f in uncovered_in(text, claims_of(claim(quote, "2,600")), NO_NONFIGURES)] == [
        "first",
        "November 1",
    ]
    dated = claims_of(claim(quote, "2,600", deadline="November 1"))
    assert [f.text for f in uncovered_in(text, dated, NO_NONFIGURES)] == ["first"]


def test_trap_deadline_stated_outside_the_quote_is_covered_where_the_article_says_it() -> None:
    text = "The company has offered 4.5%. The offer stands until March 3."
    rows = claims_of(claim("The company has offered 4.5%", "4.5%", deadline="March 3"))
    assert uncovered_in(text, rows, NO_NONFIGURES) == []
    undated = claims_of(claim("The company has offered 4.5%", "4.5%"))
    assert [f.text for f in uncovered_in(text, undated, NO_NONFIGURES)] == ["March 3"]


def test_an_ordinal_is_covered_when_the_claims_counts_names_it() -> None:
    text = "Sources say the first batch, numbering 2,600, is ready."
    quote = "the first batch, numbering 2,600"
    plain = claims_of(claim(quote, "2,600", counts="soldiers ready"))
    assert [f.text for f in uncovered_in(text, plain, NO_NONFIGURES)] == ["first"]
    named = claims_of(claim(quote, "2,600", counts="first batch of soldiers"))
    assert uncovered_in(text, named, NO_NONFIGURES) == []


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("Drones hit the Lipetsk-2 airbase.", "Lipetsk-2"),  # digit inside a name
        ("The end.\n\nPost a Comment\n\n0 Comments", "0 Comments"),  # page residue
        ("further entwining the two nations' military cooperation", "two nations"),
    ],
)
def test_traps_are_declared_in_nonfigures_not_in_code(text: str, declared: str) -> None:
    assert len(uncovered_in(text, claims_of(), NO_NONFIGURES)) == 1
    nonfigures = pd.DataFrame([{"text": declared, "reason": "not a figure"}])
    assert uncovered_in(text, claims_of(), nonfigures) == []


def test_a_nonfigure_covers_only_figures_wholly_inside_it() -> None:
    text = "Berth 7 handled 7,500 boxes."
    nonfigures = pd.DataFrame([{"text": "7", "reason": "test"}])
    assert [f.text for f in uncovered_in(text, claims_of(), nonfigures)] == ["7,500"]


# -- real ledgers ---------------------------------------------------------------


def drop_claim(folder: Path, claim_id: str) -> None:
    path = folder / "claims.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(f"{claim_id},")]
    assert len(kept) == len(lines) - 1
    path.write_text("".join(kept), encoding="utf-8")


@pytest.mark.parametrize("folder", [DEFAULT_LEDGER, SECOND], ids=["packaged", "second"])
def test_real_ledgers_cover_every_figure(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["coverage", str(folder)]) == 0
    assert capsys.readouterr() == ("all figures covered\n", "")


def test_packaged_ledger_needs_each_of_its_nonfigures() -> None:
    text, rows = kit.article().text, kit.claims()
    declared = kit.nonfigures()
    for index in declared.index:
        assert len(uncovered_in(text, rows, declared.drop(index=index))) == 1, declared.loc[index, "text"]


def test_removing_a_claim_names_its_line_and_column(ledger: Path, capsys: pytest.CaptureFixture[str]) -> None:
    drop_claim(ledger, "zelenskyy-6000-per-brigade")
    assert cli(["coverage", "ledger"]) == 1
    out = capsys.readouterr().out
    assert out == f'ledger/{SEED_NAME}:19:293: number "6,000" in "two brigades of 6,000 soldiers each were"\n'


def test_removing_a_count_inside_another_claims_quote_is_still_caught(
    ledger: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drop_claim(ledger, "zelenskyy-two-brigades")  # its "two" lies inside the 6,000 claim's quote
    assert cli(["coverage", "ledger"]) == 1
    expected = f'ledger/{SEED_NAME}:19:277: count "two" in "issue, noting that two brigades of 6,000"\n'
    assert capsys.readouterr().out == expected


def test_path_is_shown_absolute_outside_the_working_folder(
    ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    drop_claim(ledger, "medvedev-recruitment-78pct")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert cli(["coverage", str(ledger)]) == 1
    assert capsys.readouterr().out.startswith(f"{ledger / SEED_NAME}:34:415: ")


@pytest.mark.parametrize("folder", [DEFAULT_LEDGER, SECOND], ids=["packaged", "second"])
def test_every_claim_row_is_needed(folder: Path, tmp_path: Path) -> None:
    """Drop each claim in turn: coverage must name where that claim's figure stands, and nothing else."""
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy, symlinks=False)
    text = kit.article(copy).text
    with (copy / "claims.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    all_claims = kit.claims(copy)
    declared = kit.nonfigures(copy)
    for row in rows:
        start = text.index(row["quote"]) + row["quote"].index(row["as_written"])
        end = start + len(row["as_written"])
        left = uncovered_in(text, all_claims[all_claims["claim_id"] != row["claim_id"]], declared)
        # the claim's figure: its as_written, or the figure holding it ("risen by about 2,000" for "2,000")
        mine = {figure.start for figure in left if figure.start <= start and end <= figure.end}
        assert len(mine) == 1, row["claim_id"]
        if not (row.get("deadline") or row.get("when_written")):
            assert {figure.start for figure in left} <= mine | _ordinal_starts(text, row), row["claim_id"]


def _ordinal_starts(text: str, row: dict) -> set[int]:
    base = text.index(row["quote"])
    return {base + f.start for f in find_figures(row["quote"]) if f.kind == "ordinal"}


def test_unsound_ledger_exits_2_and_says_why(ledger: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = ledger / "claims.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",12000,", ",12,000x,", 1))
    assert cli(["coverage", "ledger"]) == 2
    err = capsys.readouterr().err
    assert "ledger/claims.csv:" in err and "python -m kit validate" in err


def test_uncovered_accepts_a_ledger_folder() -> None:
    assert uncovered(SECOND) == []
