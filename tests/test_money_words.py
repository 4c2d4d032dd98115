"""Money named after its number, as wire copy writes it ("between 30 million and 50 million euros", "41 cents"): the
kit reads the figure, the validator checks that the unit is the money it is written in, and ``kit draft`` drafts it.
Found on a curated article the kit could not take as written (tests/drafts/dairy-prices)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_draft_grammar import _drafts
from test_draft_since import _article

from kit.figures import money_unit, parse_range, read_figure, read_share
from kit.ledger import validate

DAIRY = Path(__file__).resolve().parent / "drafts" / "dairy-prices"


@pytest.mark.parametrize(
    ("written", "value", "unit"),
    [("50 million euros", 50e6, "eur"), ("41 cents", 41, "cents"), ("200 dollars", 200, "usd"), ("$3bn", 3e9, "usd")],
)
def test_a_figure_reads_its_money_words(written: str, value: float, unit: str) -> None:
    assert read_figure(written) == value and money_unit(written) == unit


def test_a_range_reads_money_named_after_its_last_number() -> None:
    assert parse_range("30 million and 50 million euros") == (30e6, 50e6)
    assert money_unit("30 million and 50 million euros") == "eur" and money_unit("12%") is None


def _edited(tmp_path: Path, old: str, new: str) -> list[str]:
    ledger = tmp_path / "dairy"
    shutil.copytree(DAIRY, ledger)
    claims = ledger / "claims.csv"
    text = claims.read_text(encoding="utf-8")
    assert old in text
    claims.write_text(text.replace(old, new, 1), encoding="utf-8")
    return [f"{problem.column}: {problem.message}" for problem in validate(ledger) if problem.severity == "error"]


def test_the_article_s_words_validate_as_written(tmp_path: Path) -> None:
    assert _edited(tmp_path, ",range,30 million and 50 million,", ",range,30 million and 50 million euros,") == []
    assert _edited(tmp_path / "b", ",cents-per-litre,exact,34,", ",cents-per-litre,exact,34 cents,") == []


def test_a_figure_in_one_money_with_the_unit_of_another_is_an_error(tmp_path: Path) -> None:
    found = _edited(tmp_path, ",cents-per-litre,exact,34,", ",eur,exact,34 cents,")
    said = "unit: '34 cents' is in cents, not eur: the unit is the money the figure is written in; "
    said += "declare a unit for it"
    assert said in found


def test_kit_draft_takes_money_words_as_written(tmp_path: Path) -> None:
    text = _article(
        "Milk Price Cut",
        "OSTRAVEL, May 5, 2029",
        "The dairy pays 34 cents a litre, its chief executive said on Thursday.",
        "The ministry is preparing a fund of between 30 million and 50 million euros, an official said.",
    )
    rows, _ = _drafts(tmp_path, text=text, published="2029-05-05")
    assert (rows["34 cents"]["value"], rows["34 cents"]["unit"]) == ("34", "cents-per-litre")  # per what it buys
    fund = rows["30 million and 50 million euros"]
    assert (fund["value"], fund["value_high"], fund["unit"]) == ("30000000", "50000000", "eur")


POTHOLES = Path(__file__).resolve().parent / "drafts" / "potholes"
#: A share written as a ratio, which this ledger had to declare a non-figure while the kit could not record one.
RATIO_ROW = (
    "wheelsafe-one-in-five-old,society,potholes-reported-still-open,share,potholes-reported-still-open,,{value},,"
    "percent,exact,one in five,wheelsafe,,,,2027-04-15,,potholes its members reported that are still open,"
    "one in five of the potholes its members had reported online,,,,\n"
)


def _with_ratio(tmp_path: Path, value: str) -> list[str]:
    ledger = tmp_path / "potholes"
    shutil.copytree(POTHOLES, ledger)
    nonfigures = ledger / "nonfigures.csv"
    lines = nonfigures.read_text(encoding="utf-8").splitlines(keepends=True)
    nonfigures.write_text("".join(line for line in lines if not line.startswith("one in five")), encoding="utf-8")
    with (ledger / "claims.csv").open("a", encoding="utf-8") as handle:
        handle.write(RATIO_ROW.format(value=value))
    return [f"{problem.column}: {problem.message}" for problem in validate(ledger) if problem.severity == "error"]


def test_a_share_written_as_a_ratio_is_recorded_in_percent(tmp_path: Path) -> None:
    """Found curating a made-up measles report: "one in four" was found by coverage and refused by the validator."""
    assert _with_ratio(tmp_path, "20") == []
    assert any("does not match" in problem for problem in _with_ratio(tmp_path / "b", "0.2"))


@pytest.mark.parametrize(
    ("written", "percent"), [("one in four", 25), ("1 in 5", 20), ("nine out of 10", 90), ("a quarter", 25)]
)
def test_a_ratio_or_a_fraction_means_a_percent(written: str, percent: float) -> None:
    assert read_share(written) == percent
