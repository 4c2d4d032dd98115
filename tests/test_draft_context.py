"""``kit draft``'s dates from context: a figure with no date phrase of its own, a headline, a plan, a comparison,
a distance and a title-case fraction, each drafted from a made-up article through ``kit new`` and ``kit draft``."""

from __future__ import annotations

import csv
from pathlib import Path

from kit.cli import main as cli
from kit.ledger import draft_when, draft_who

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


STORM = """Storm Floods 300 Homes in Avel

By A. Writer

AVEL, April 14, 2027 (Test Wire) - A made-up report for the kit's tests.

A storm flooded 300 homes in Avel on Saturday, the county said.

Crews pumped out 40 cellars, and 9 residents were taken to hospital.

Temperatures fell to 4C, the lowest since the town began keeping records in 1950.

Of the 120 volunteers who signed up, 95 turned out, organisers said on Monday. Last year 70 turned out.

Farmers lost 12% of their lambs over the winter, the farmers' union said. The survey covered 210 farms.

A normal winter costs farms about 5% of their lambs. The union plans to hire 15 advisers next month.

Mara Lind, who runs 30 shelters, said the county would spend $2 million on drains over the next two years.

The county said it had cleared 25 roads by Tuesday and could close 14 more. It offered them two years of free advice.

A bag of sand sold for $8 on Friday, up from $5 a year earlier, shopkeepers said.
"""


def _storm(tmp_path: Path) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    seed = tmp_path / "storm.txt"
    seed.write_text(STORM, encoding="utf-8")
    options = ["--published", "2027-04-14", "--outlet", "Test Wire", "--url", "https://example.org/storm"]
    assert cli(["new", "storm", "--seed", str(seed), "--dir", str(tmp_path), *options]) == 0
    assert cli(["draft", str(tmp_path / "storm")]) == 0
    with (tmp_path / "storm" / "drafts" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["as_written"]: row for row in csv.DictReader(handle)}
    with (tmp_path / "storm" / "drafts" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        names = {row["source_id"]: row["name"] for row in csv.DictReader(handle)}
    return rows, names


def test_an_event_report_dates_undated_past_events_from_its_lead(tmp_path: Path) -> None:
    rows, _ = _storm(tmp_path)
    assert rows["300"]["when"] == "2027-04-10"  # the lead: "on Saturday"
    assert rows["40"]["when"] == rows["9"]["when"] == rows["4"]["when"] == "2027-04-10"  # events of the storm
    assert rows["120"]["when"] == rows["95"]["when"] == "2027-04-12"  # "said on Monday": the README's step 1
    assert rows["70"]["when"] == "2026"  # "Last year" opening a sentence
    assert rows["12%"]["when"] == "2026-12/2027-02"  # the winter just past, in an April report
    assert rows["5%"]["when"] == "" and rows["two"]["when"] == ""  # a typical value; a length
    assert rows["$2 million"]["when"] == "2027-04-14/2029-04-14"  # over the next two years
    assert rows["25"]["when"] == "2027-04-13"  # "by Tuesday" is past: "and could close" is another clause
    assert rows["$5"]["when"] == "2026-04"  # a weekday a year back is its month


def test_speakers_and_units_from_plural_nouns_subjects_and_appositions(tmp_path: Path) -> None:
    rows, names = _storm(tmp_path)
    speaker = {written: names.get(row["claimant"], row["claimant"]) for written, row in rows.items()}
    assert speaker["95"] == speaker["70"] == "organisers"  # a bare plural; "Last year 70 ..." continues it
    assert speaker["$8"] == "shopkeepers"
    assert speaker["210"] == "the farmers' union"  # "The survey": its author, named just before
    assert speaker["15"] == "the farmers' union"  # "The union plans": a speaker named before
    assert speaker["30"] == "Test Wire"  # inside "Mara Lind, who runs 30 shelters, said": the reporter's words
    assert speaker["$2 million"] == "Mara Lind"
    assert rows["120"]["unit"] == rows["95"]["unit"] == rows["9"]["unit"] == "people"  # volunteers, residents
    assert rows["4"]["unit"] == "celsius"


def test_more_periods_resolve() -> None:
    published = draft_when.date(2027, 3, 10)
    resolved = {words: draft_when.resolve(words, published).when for _, _, words in draft_when.phrases(
        "in the three months to February; by the end of 2028; in late 2026; the first half of 2026;"
        " since the start of the year; over the winter; this season; over the past two weeks"
    )}  # fmt: skip
    assert resolved == {
        "in the three months to February": "2026-12/2027-02",
        "by the end of 2028": "2028",
        "in late 2026": "2026",
        "the first half of 2026": "2026-01/2026-06",
        "since the start of the year": "2027-01-01/2027-03-10",
        "over the winter": "2026-12/2027-02",
        "this season": "2027",
        "over the past two weeks": "2027-02-24/2027-03-10",
    }
    assert draft_when.resolve("over the winter", published, future=True).when == "2027-12/2028-02"


def test_attributions_read_as_a_curator_reads_them() -> None:
    said = {
        "Jobless claims rose to 6,200, according to figures from the regional statistics office.": (
            "the regional statistics office"
        ),
        "About 300 homes lost power, utility officials said.": "utility officials",
        '"We lost 40 sheep," said farmer Ann Kell.': "Ann Kell",
        "Inspectors found 12 faults, the agency said on Friday.": "the agency",
    }
    for sentence, name in said.items():
        figure = next(word for word in sentence.split() if word[:1].isdigit())
        assert draft_who.speaker(sentence, [], "Wire", sentence.index(figure)).name == name, sentence
