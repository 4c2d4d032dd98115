"""``kit draft``'s dates from context: a figure with no date phrase of its own, a headline, a plan, a comparison,
a distance and a title-case fraction, each drafted from a made-up article through ``kit new`` and ``kit draft``."""

from __future__ import annotations

import csv
from pathlib import Path

from kit.cli import main as cli
from kit.ledger import draft_when

ARTICLE = """Rainfall Cuts Apple Harvest by a Fifth in Orlen

By A. Writer

ORLEN, Sept. 2, 2026 (Test Wire) - A made-up report for the kit's tests.

Growers picked 80,000 tonnes of apples this summer, the growers' board said on Tuesday.

The market hall sold 4,000 crates in 2025, and a further 900 crates went abroad. The board said 25 stalls are empty.

The town welcomed 5,000 visitors in 2025. About a quarter of them came from abroad, the board said.

He said 12 growers had applied for aid, and the yield was about 3 tonnes a hectare, the lowest since 2012.

The council said it would cut its grant by 10% from April. Frost between May and July cost 8% of the crop.

The nearest cold store is 14 miles away, and growers drive 30 miles to each market.
"""


def _drafts(tmp_path: Path) -> dict[str, dict[str, str]]:
    seed = tmp_path / "apples.txt"
    seed.write_text(ARTICLE, encoding="utf-8")
    options = ["--published", "2026-09-02", "--outlet", "Test Wire", "--url", "https://example.org/apples"]
    assert cli(["new", "apples", "--seed", str(seed), "--dir", str(tmp_path), *options]) == 0
    assert cli(["draft", str(tmp_path / "apples")]) == 0
    with (tmp_path / "apples" / "drafts" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        return {row["as_written"]: row for row in csv.DictReader(handle)}


def test_figures_without_a_date_phrase_take_their_context(tmp_path: Path) -> None:
    rows = _drafts(tmp_path)
    assert rows["a Fifth"]["value"] == "0.2" and rows["a Fifth"]["unit"] == "fraction"
    assert rows["a Fifth"]["when"] == "2026-06/2026-08"  # the headline takes the lead's date
    assert rows["900"]["when"] == "2025"  # an event in its sentence's period
    assert rows["25"]["when"] == "2026-09-02"  # present tense: at the publication day
    assert rows["a quarter"]["when"] == "2025"  # an event, dated by the sentence before in its paragraph
    assert rows["12"]["when"] == "2026-09-02"  # a perfect ("had applied") holds now, not at the last phrase
    assert rows["3"]["when"] == "2026-09-02"  # "the lowest since 2012" compares; it is not the figure's period
    assert rows["10%"]["when"] == "2027-04"  # "from April" in a plan is the April ahead
    assert rows["8%"]["when"] == "2026-05/2026-07"
    assert rows["14"]["when"] == rows["30"]["when"] == ""  # a distance holds at no time


def test_month_spans_and_plans_resolve() -> None:
    published = draft_when.date(2026, 9, 2)
    assert draft_when.resolve("between May and July", published).when == "2026-05/2026-07"
    assert draft_when.resolve("between November and February", published).when == "2025-11/2026-02"
    assert draft_when.resolve("from April", published, future=True).when == "2027-04"
    assert draft_when.resolve("from April", published).when == "2026-04"
    assert draft_when.governing("the lowest since 2012", 0, published) is None
