"""Coverage sees the shapes real reporting uses, each as one figure of the right kind (issue 11, item 7).

The examples of the issue and of the shapes table each parse into exactly one figure; page residue and
repeated lines are reported once with a note; the shared non-figures lists are honoured; and two sets of
hand-written fact-check claims (tests/coverage_claims*.txt, read by benchmarks/coverage_shapes.py) stay
above floors set below their measured scores, per sentence and per kind, so a broken shape fails here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

from kit.cli import main as cli
from kit.ledger import shapes
from kit.ledger.coverage import SHARED_NONFIGURES, find_figures, shared_nonfigures, uncovered, uncovered_in

ROOT = Path(__file__).resolve().parents[1]
NO_NONFIGURES = pd.DataFrame(columns=["text", "reason"])
SEED_NAME = "000_1ed963706c63bb85.txt"
CLAIM_COLUMNS = ["claim_id", "as_written", "when_written", "counts", "quote"]

_spec = importlib.util.spec_from_file_location("coverage_shapes", ROOT / "benchmarks" / "coverage_shapes.py")
bench = sys.modules.setdefault("coverage_shapes", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(bench)

#: Measured with `python benchmarks/coverage_shapes.py [FILE]`: 186 of 187, and 103 of 110 on the held-out set
#: (95 of 110 when it was first run, before the fixes it prompted). Floors sit a few sentences below.
FLOORS = {"coverage_claims.txt": 178, "coverage_claims.heldout.txt": 99}
#: Every kind keeps at least this share of its expected figures, over both sets (the lowest measured is 97%).
KIND_FLOOR = 0.95


def claims_of(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=CLAIM_COLUMNS)


def claim(quote: str, as_written: str, when_written: str = "", claim_id: str = "c") -> dict:
    return {"claim_id": claim_id, "as_written": as_written, "when_written": when_written, "quote": quote}


@pytest.mark.parametrize(
    ("text", "figure", "kind"),
    [
        ("said between 1,200 and 1,500 structures", "between 1,200 and 1,500", "range"),
        ("six to 10 branch libraries", "six to 10", "range"),
        ("eliminates 25-30 vacant positions", "25-30", "range"),
        ("closer to around 11 to 12,000 troops", "11 to 12,000", "range"),
        ("said that 3 to 3,500 people were", "3 to 3,500", "range"),
        ("farmers lose 30-40% of crops", "30-40%", "range"),
        ("prices range from €180 to €950", "from €180 to €950", "range"),
        ("the number has risen by about 2,000 since", "risen by about 2,000", "change"),
        ("the share fell from 12% to 4.5% last year", "from 12% to 4.5%", "change"),
        ("arrivals were down by as many as 300 a day", "down by as many as 300", "change"),
        ("sea levels have risen by 21 to 24 centimetres", "risen by 21 to 24", "change"),
        ("food prices are up 19% on a year ago", "up 19%", "change"),
        ("deaths rose by between 10% and 15%", "rose by between 10% and 15%", "change"),
        ("homicides saw a drop of about 20%", "drop of about 20%", "change"),
        ("arrests, a 25% increase on", "25% increase", "change"),
        ("cut the risk of a stroke by 20% in", "by 20%", "change"),
        ("Around 1 in 5 of them", "1 in 5", "ratio"),
        ("three for every four players", "three for every four", "ratio"),
        ("Nine out of 10 patients", "Nine out of 10", "ratio"),
        ("a murder rate of 6.8 per 100,000 people", "6.8 per 100,000", "ratio"),
        ("the risk is eight times higher", "eight times", "multiple"),
        ("capacity grew eightfold in", "eightfold", "multiple"),
        ("cases have doubled since", "doubled", "multiple"),
        ("about two-thirds of voters", "two-thirds", "fraction"),
        ("A third of schools", "A third", "fraction"),
        ("Seventy-two per cent of residents", "Seventy-two per cent", "percent"),
        ("up to 4.5 per cent of", "4.5 per cent", "percent"),
        ("about 45% of beds", "45%", "percent"),
        ("Some 450 000 people", "450 000", "number"),
        ("donors pledged $250m in", "$250m", "money"),
        ("a fine of $1.2bn for", "$1.2bn", "money"),
        ("give £3 billion a year", "£3 billion", "money"),
        ("passed a $1.2 Billion budget", "$1.2 Billion", "money"),
        ("spending will reach 13.5 trillion roubles", "13.5 trillion roubles", "money"),
        ("passed by voters in 2018, caps", "2018", "year"),
        ("rates fell between 2019 and 2022 as", "between 2019 and 2022", "year"),
        ("pupils absent in 2022-23 were", "2022-23", "year"),
        ("since the 1990s the glacier", "1990s", "year"),
        ("approval fell since March 3,2024 when", "March 3,2024", "date"),
        ("GENEVA, Sept. 14, 2023 (Wire)", "Sept. 14, 2023", "date"),
        ("on 28 April 2025 the", "28 April 2025", "date"),
        ("November 5, 2024, 2:31 AM", "2:31 AM", "time"),
        ("the outage began at 4:30 a.m. and", "4:30 a.m.", "time"),
        ("Manchester City won 4-1 to", "4-1", "score"),
        ("returning a 10-2 verdict", "10-2", "score"),
        ("by 51 votes to 49", "51 votes to 49", "score"),
        ("crews from Station 51 were", "51", "number"),
        ("tens of thousands of people", "tens of thousands", "count"),
    ],
)
def test_each_shape_is_one_figure_of_its_kind(text: str, figure: str, kind: str) -> None:
    assert (figure, kind) in [(f.text, f.kind) for f in find_figures(text)]  # figures never overlap: one, whole


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what a shape must not swallow
        ("rose 4% to 50,510 offences", [("rose 4%", "change"), ("50,510", "number")]),
        ("the cap falls by £122 to £1,568 a year", [("falls by £122", "change"), ("£1,568", "money")]),
        # a change in points and the level it reached (a made-up drought report: one "range", both notes on 41%)
        ("rose 12 percentage points to 41% in March", [("rose 12 percentage points", "change"), ("41%", "percent")]),
        ("narrowed 2 to 3 percentage points", [("2 to 3 percentage points", "range")]),
        ("capacity will rise by 8,000 to 60,000 seats", [("rise by 8,000", "change"), ("60,000", "number")]),
        ("cases rose from 368 in 2022 to 2,911", [("368", "number"), ("2022", "year"), ("2,911", "number")]),
        ("it passed with 52 per cent to 48 per cent", [("52 per cent", "percent"), ("48 per cent", "percent")]),
        ("Migrants make up 14.3 percent of", [("14.3 percent", "percent")]),
        ("air defences shot down 14 of 16 drones", [("14", "number"), ("16", "number")]),
        ("mortgage rates fell below 4% for", [("4%", "percent")]),
        ("up 3 in 2023 alone", [("up 3", "change"), ("2023", "year")]),
        ("424 parts per million", [("424", "number")]),
        ("delayed by more than 15 minutes", [("15", "number")]),
        ("up to 12,000 soldiers", [("12,000", "number")]),
        ("deployed by November 1 to reinforce", [("November 1", "date")]),
    ],
)
def test_shapes_do_not_swallow_their_neighbours(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(f.text, f.kind) for f in find_figures(text)] == expected


# -- page residue and repeated lines --------------------------------------------------------------


def test_a_clock_alone_on_its_line_is_residue_and_says_so() -> None:
    text = "The fire grew on Monday.\n\n02:22\n\nWatch: crews at work at 14:32 today\n"
    figures = find_figures(text)
    assert [(f.text, f.kind, f.line) for f in figures] == [("02:22", "residue", 3), ("14:32", "time", 5)]
    assert "page residue" in figures[0].note


def test_a_repeated_line_is_reported_once_and_said_to_be_repeated(ledger: Path, capsys) -> None:
    text = "Council Passes $1.2 Billion Budget\n\nBody with 45 jobs.\n\nCouncil Passes $1.2 Billion Budget\n"
    (headline, body) = uncovered_in(text, claims_of(), NO_NONFIGURES)
    assert (headline.text, headline.line, headline.repeated_on) == ("$1.2 Billion", 1, (5,))
    assert headline.note == "the line is repeated verbatim on line 5"
    assert body.repeated_on == ()
    covered = claims_of(claim("Council Passes $1.2 Billion Budget", "$1.2 Billion"))
    assert [f.text for f in uncovered_in(text, covered, NO_NONFIGURES)] == ["45"]


def test_report_lines_name_the_kind_the_figure_and_its_context(ledger: Path, capsys) -> None:
    (ledger / "nonfigures.csv").write_text("text,reason\n", encoding="utf-8")
    assert cli(["coverage", "ledger"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f'ledger/{SEED_NAME}:13:351: count "two" in "further entwining the two nations\' military cooperation."',
        f'ledger/{SEED_NAME}:38:339: number "2" in "Sverdlov weapons factory, Lipetsk-2 airbase, and the"',
        f'ledger/{SEED_NAME}:50:1: number "0" in "0 Comments"',
    ]


# -- what covers a figure ---------------------------------------------------------------------------


@pytest.mark.parametrize("as_written", ["between 1,800 and 2,100", "1,800 and 2,100", "2,100"])
def test_a_range_is_covered_by_its_whole_phrase_or_an_end(as_written: str) -> None:
    text = "The agency said that between 1,800 and 2,100 structures were threatened."
    rows = claims_of(claim("between 1,800 and 2,100 structures were threatened", as_written))
    assert uncovered_in(text, rows, NO_NONFIGURES) == []


def test_a_change_is_covered_by_its_amount_and_a_date_by_when_written() -> None:
    text = "The fire has grown by about 12,000 acres since Monday, and was contained by Aug. 14, 2025."
    rows = claims_of(
        claim("has grown by about 12,000 acres", "12,000", claim_id="growth"),
        claim("grown by about 12,000 acres", "12,000", when_written="by Aug. 14, 2025", claim_id="dated"),
    )
    assert uncovered_in(text, rows, NO_NONFIGURES) == []
    assert [f.kind for f in uncovered_in(text, rows.iloc[:1], NO_NONFIGURES)] == ["date"]


def test_the_shared_list_is_data_with_a_reason_per_row_and_each_row_hides_a_figure() -> None:
    shared = pd.read_csv(SHARED_NONFIGURES, dtype=str, keep_default_na=False)
    assert list(shared.columns) == ["text", "reason"]
    assert shared["text"].is_unique and (shared["reason"].str.len() > 10).all()
    for text in shared["text"]:
        assert find_figures(text), text  # a row that hides no figure is dead weight


def test_coverage_honours_the_shared_list_and_the_ledgers_copy(ledger: Path, capsys) -> None:
    text = "An F-16 and a G7 summit cost $63m."
    assert [f.text for f in uncovered_in(text, claims_of(), shared_nonfigures())] == ["$63m"]
    nonfigures = ledger / "nonfigures.csv"
    rows = nonfigures.read_text(encoding="utf-8").splitlines(keepends=True)
    lipetsk = [row for row in rows if row.startswith("Lipetsk-2,")]
    nonfigures.write_text("".join(row for row in rows if row not in lipetsk), encoding="utf-8")
    assert [f.text for f in uncovered(ledger)] == ["2"]
    (ledger / "shared-nonfigures.csv").write_text("text,reason\n" + "".join(lipetsk), encoding="utf-8")
    assert uncovered(ledger) == []
    assert "Lipetsk-2" in set(shared_nonfigures(ledger)["text"]) and "F-16" in set(shared_nonfigures(ledger)["text"])


def test_a_malformed_shared_list_is_named_not_a_traceback(ledger: Path, capsys) -> None:
    (ledger / "shared-nonfigures.csv").write_text("name\nF-16\n", encoding="utf-8")
    assert cli(["coverage", "ledger"]) == 2
    assert "shared-nonfigures.csv: needs the columns text,reason (missing reason, text)" in capsys.readouterr().err


# -- the benchmark and its floors -------------------------------------------------------------------


def floor_failures() -> list[str]:
    """What falls below a floor: a set's sentences parsed exactly right, or a kind's figures found."""
    failures, expected, right = [], {}, {}
    for name, floor in FLOORS.items():
        score, _misses, by_kind, found_by_kind = bench.measure(bench.read_claims(ROOT / "tests" / name))
        if score < floor:
            failures.append(f"{name}: {score} sentences parsed exactly right, floor {floor}")
        for kind, count in by_kind.items():
            expected[kind] = expected.get(kind, 0) + count
            right[kind] = right.get(kind, 0) + found_by_kind[kind]
    failures += [f"{kind}: {right[kind]} of {n}" for kind, n in expected.items() if right[kind] < KIND_FLOOR * n]
    return failures


def test_the_claim_sets_are_large_and_varied() -> None:
    claims = bench.read_claims()
    assert len(claims) >= 100 and all(claim.expected for claim in claims)
    kinds = {kind for claim in claims for kind, _ in claim.expected}
    assert kinds >= {"range", "change", "ratio", "multiple", "percent", "money", "number", "year", "date", "time"}


def test_the_finder_stays_above_its_floors() -> None:
    assert floor_failures() == []


@pytest.mark.parametrize("kind", ["range", "change", "ratio", "multiple", "year", "date", "money", "percent"])
def test_the_floors_catch_a_broken_shape(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tuple(shape for shape in shapes.SHAPES if shape.kind != kind)
    monkeypatch.setattr(shapes, "SHAPES", broken)
    assert floor_failures()


def test_the_benchmark_prints_its_score(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--quiet"]) == 0
    assert capsys.readouterr().out.endswith(" sentences parsed into exactly the right figures (99%)\n")
