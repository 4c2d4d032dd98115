"""Shares written as fractions in words, and counts in dozens, as a curator met them on a held-out article
(tests/drafts/2026-09-17-valleypress-hail, "Hail Destroyed a Third of Corvale Harvest"): its pages wrote the
headline's "a Third" mid-sentence, and the rest of the whole as "66.666667%"; and "a dozen", which coverage lists as
a figure, could not be recorded at all."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import chart_checks
import matplotlib.pyplot as plt
import pytest
from shared import ROOT, rewrite_article

import kit
from kit import vocab
from kit.figures import read_figure, rest_in_words
from kit.ledger import coverage
from kit.report import charts, marks, parts, style
from kit.report.model import read, shares_section
from kit.report.params import check

HAIL = ROOT / "tests" / "drafts" / "2026-09-17-valleypress-hail"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.mark.parametrize(
    ("written", "rest"),
    [
        ("a third", "two-thirds"),
        ("A Third", "two-thirds"),
        ("two-thirds", "a third"),
        ("a quarter", "three-quarters"),
        ("half", "half"),
        ("a fifth", "four-fifths"),
        ("one in five", "four in five"),
        ("1 in 4", "3 in 4"),
        ("nine out of 10", "1 out of 10"),
        ("45%", None),
        ("1/3", None),
    ],
)
def test_the_rest_of_a_share_in_words_is_written_in_words(written: str, rest: str | None) -> None:
    assert rest_in_words(written) == rest


def test_a_headline_third_reads_a_third_and_its_rest_two_thirds() -> None:
    reading = read(check(ledger=str(HAIL)))
    section = shares_section(reading)
    assert section is not None
    said = parts.shares_of(reading, section).data
    assert "**a third**" in said and "the rest of the whole is *two&#45;thirds*." in said
    assert "about **a third**" in said and "the rest of the whole is about *two&#45;thirds*." in said
    assert "Third" not in said.split("The article sets the figure in this context")[0] and "66.6" not in said
    alt = marks.alt_text(charts.shares_of(reading, section))
    assert "Corvale Growers' Union: a third; Corvale Growers' Union: two-thirds" in alt and "33.3" not in alt


@pytest.mark.parametrize(("written", "ends"), [("a dozen", (10, 14)), ("half a dozen", (5, 7)), ("dozens", (24, 99))])
def test_a_dozen_is_a_vague_amount_not_twelve(written: str, ends: tuple[int, int]) -> None:
    assert vocab.vague_interval(written) == ends and read_figure(written) is None


@pytest.mark.parametrize("hedge", ["", "As many as "])
def test_a_dozen_is_recorded_and_covered(tmp_path: Path, hedge: str) -> None:
    """Coverage lists "a dozen" as a figure; the validator now records it, hedged or not, as the vague amount."""
    copy = shutil.copytree(ROOT / "tests" / "ledgers" / "port", tmp_path / "port")
    quote = f"{hedge}a dozen ferries were cancelled"
    quote = quote[:1].upper() + quote[1:]
    text = (copy / "article.txt").read_text(encoding="utf-8").rstrip("\n")
    rewrite_article(copy, text + f"\n\n{quote}, the operator said.\n")
    with (copy / "claims.csv").open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    row = {
        "claim_id": "operator-dozen-ferries",
        "topic": "economy",
        "quantity": "ships-waiting",
        "kind": "level",
        "value": "10",
        "value_high": "14",
        "unit": "vessels",
        "bound": "vague",
        "as_written": "a dozen" if hedge else "A dozen",
        "claimant": "baltica-terminals",
        "when": "2025-11-04",
        "counts": "ferries cancelled",
        "quote": quote,
    }
    with (copy / "claims.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow([row.get(name, "") for name in header])
    assert kit.validate(copy) == []
    assert not any("dozen" in str(figure) for figure in coverage.uncovered(copy))


def test_shares_in_words_keep_their_labels_apart_on_a_phone() -> None:
    """Found on the resale article's phone rendering: "the rest: about half", too long for its outline, went below
    its bar onto the next bar's "stated: about one in eight". A rest that fits without "the rest:" is written
    bare inside its outline, which the legend names; one that fits on two lines there ("more than half", the rest of
    "nearly half") is written on two."""
    reading = read(check(ledger=str(ROOT / "tests" / "drafts" / "2026-10-06-northgate-resale")))
    chart = charts.shares_of(reading, shares_section(reading))
    with style.narrow():
        phone = chart.redraw()
    assert chart_checks.label_problems(chart) == [] and chart_checks.label_problems(phone) == []
    texts = {text.get_text() for text in phone.figure.axes[0].texts}
    assert {"more than\nhalf", "about seven in eight"} <= texts


def test_a_single_share_in_words_is_titled_in_its_words() -> None:
    """Found on the sixteenth held-out set: "World Harvest Programme: 33.333333% (...), leaving 66.666667%"."""
    reading = read(check(ledger=str(ROOT / "tests" / "drafts" / "2026-11-05-easterncourier-locusts")))
    title = charts.shares_of(reading, shares_section(reading)).title
    assert title.startswith("World Harvest Programme: one in three (") and title.endswith(", leaving two in three")
