"""The tracker: one story across a corpus, each statement once with its outlets, the curator's override of the
grouping rule, reconciliation only within a date, and every number in its sentences traceable."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from shared import ROOT, edit_csv

import kit
from kit import analysis
from kit.analysis import tracker as track
from kit.figures import NUMBER_WORDS, format_figure
from kit.report import tracker
from kit.report.marks import alt_text

CORPUS = ROOT / "tests" / "corpus"
FOLDERS = sorted(path.parent for path in CORPUS.glob("*/datapackage.json"))
BRIEFING, COURIER = "2025-04-08-riverwire-briefing", "2025-04-08-valleycourier-shelters"


@pytest.fixture(scope="module")
def story() -> tracker.Tracked:
    return tracker.check_ledgers([str(folder) for folder in FOLDERS])


def _statement(statements, quantity: str, when: str, value: float):
    found = statements[(statements["quantity"] == quantity) & (statements["when"] == when)]
    found = found[found["value"] == value]
    assert len(found) == 1, found
    return found.iloc[0]


def test_each_statement_once_with_every_outlet_that_reported_it(story):
    evacuated = _statement(story.statements, "people-evacuated", "2025-04-08", 3100)
    assert evacuated["outlets"] == ("Riverwire", "Valley Courier") and evacuated["n_outlets"] == 2
    dead = _statement(story.statements, "people-dead", "2025-04-08", 7)
    assert dead["n_outlets"] == 2  # Riverwire's headline repeating it is not another outlet
    assert f"{BRIEFING}/headline-veld-seven-dead" in dead["claims"] and f"{BRIEFING}/veld-seven-dead" in dead["claims"]
    assert not story.statements.duplicated(["quantity", "when", "claimant", "value", "bound"]).any()
    text = tracker.narrative(story, "people-evacuated").data
    line = next(line for line in text.splitlines() if "3,100 people" in line and line.startswith("- 8 April"))
    assert line.endswith("reported by 2 outlets: Riverwire and Valley Courier.")
    assert sum(1 for line in text.splitlines() if line.startswith("- 8 April")) == 1  # listed once


def _copy(tmp_path: Path) -> Path:
    copy = tmp_path / "corpus"
    shutil.copytree(CORPUS, copy, ignore=shutil.ignore_patterns("*.md"))
    return copy


def test_the_curators_statement_column_merges_what_the_rule_keeps_apart(tmp_path: Path):
    statements = analysis.corpus_statements(kit.corpus(CORPUS))
    merged = statements[statements["curated"] != ""]
    assert len(merged) == 1 and f"{COURIER}/headline-3100-out-of-homes" in merged.iloc[0]["claims"]
    assert merged.iloc[0]["claimant"] == "civil-protection-veld"  # the official's figure, not the headline's
    copy = _copy(tmp_path)  # without the curator's ids, the rule sees the outlet's headline as its own statement
    for name in (BRIEFING, COURIER):
        claims = copy / name / "claims.csv"
        claims.write_text(claims.read_text(encoding="utf-8").replace("veld-briefing-2025-04-08-evacuated", ""))
    ruled = analysis.corpus_statements(kit.corpus(copy))
    assert len(ruled) == len(statements) + 1
    assert (ruled["claims"] == (f"{COURIER}/headline-3100-out-of-homes",)).any()


def test_the_curators_statement_column_splits_what_the_rule_joins(tmp_path: Path):
    copy = _copy(tmp_path)
    text = (copy / COURIER / "claims.csv").read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("veld-nine-missing,"))
    assert row.endswith(",")  # the statement cell is the last one
    edit_csv(copy / COURIER / "claims.csv", row, row + "courier-own-wording")
    assert kit.validate(copy / COURIER) == []
    statements = track.tracked(kit.corpus(copy))
    nine = statements[(statements["quantity"] == "people-missing") & (statements["value"] == 9)]
    assert sorted(nine["outlets"]) == [("Riverwire",), ("Valley Courier",)]
    assert set(nine["n_outlets"]) == {1}


def test_a_ledger_without_the_column_stays_valid_and_the_rule_applies():
    assert kit.validate() == [] and "statement" not in kit.claims().columns
    assert all(kit.validate(folder) == [] for folder in FOLDERS)
    assert analysis.curated(kit.claims()).eq("").all()


def test_no_sentence_sets_two_dates_against_each_other(story):
    pairs = track.within_dates(story.statements)
    assert not pairs.empty
    when = dict(zip(story.statements["statement"], story.statements["when"], strict=True))
    assert all(when[a] == when[b] for a, b in zip(pairs["claim_a"], pairs["claim_b"], strict=True))
    for quantity in story.statements["quantity"].unique():
        text = tracker.narrative(story, quantity).data.split("Notes:")[0]
        for line in text.splitlines():
            if "can both be right" in line or "cannot both be right" in line:
                dates = set(re.findall(r"\d{1,2} [A-Z][a-z]+ \d{4}", re.sub(r"<[^>]+>", "", line)))
                assert len(dates) <= 1, line


def _allowed(story: tracker.Tracked) -> set[str]:
    """Every number a reader may see: a ledger value, a date or count from the ledgers, or a kit result."""
    allowed: set[str] = set()
    frame = story.frame
    for _, row in frame.iterrows():
        allowed |= {format_figure(row["value"], row["unit"]), str(row["as_written"])}
        if row["bound"] == "range":
            allowed.add(format_figure(row["value_high"], row["unit"]))
        for text in (row["when"], row["when_written"]):
            if isinstance(text, str):
                allowed.update(str(int(part)) for part in re.findall(r"\d+", text))
    allowed |= {str(count) for count in story.statements["n_outlets"]}
    for move in track.moves(story.statements).dropna(subset=["change"]).itertuples():
        unit = story.statements.set_index("statement").loc[move.to_statement, "unit"]
        allowed.add(format_figure(move.change, unit))
        allowed |= {format_figure(abs(end), unit) for end in (move.change_low, move.change_high)}  # a gap's ends
    for pair in track.within_dates(story.statements).itertuples():
        unit = story.statements.set_index("statement").loc[pair.claim_a, "unit"]
        allowed |= {format_figure(value, unit) for value in (pair.joint_low, pair.joint_high) if abs(value) < 1e18}
    return allowed


def _numbers(markdown: str, story: tracker.Tracked) -> list[str]:
    text = markdown.split("Notes:")[0]
    text = re.sub(r"<sup>.*?</sup>", " ", text)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    for name in sorted(set(story.frame["claimant_name"]) | set(story.frame["claimant_role"]), key=len, reverse=True):
        text = text.replace(str(name), " ")
    for label in sorted(story.labels.values(), key=len, reverse=True):
        text = text.replace(label, " ")
    numbers = re.findall(r"\$?\d[\d,]*(?:\.\d+)?%?", text)
    return [*numbers, *[w for w in re.findall(r"[A-Za-z]+", text) if w.lower() in NUMBER_WORDS]]


def _blocks(story: tracker.Tracked) -> list[str]:
    return [
        block.data
        for section in tracker.found_sections(story)
        for block in section.blocks
        if hasattr(block, "_repr_markdown_")
    ]


@pytest.fixture(scope="module")
def story_blocks(story) -> list[str]:
    """The story's sentences, rendered once for the tests that only read them."""
    return _blocks(story)


def test_every_number_in_the_sentences_is_a_ledger_value_or_a_kit_result(story, story_blocks):
    allowed = _allowed(story)
    blocks = story_blocks
    assert len(blocks) >= 5
    for markdown in blocks:
        for number in _numbers(markdown, story):
            assert number.rstrip(",") in allowed, f"{number!r} is neither a ledger value nor a kit result"


def test_a_figure_typed_into_a_sentence_is_caught(story, story_blocks):
    """The check above can fail: a sentence with a number no ledger holds and no kit function gives."""
    broken = story_blocks[0].replace("higher by", "higher by 4,321, by")
    allowed = _allowed(story)
    assert any(number not in allowed for number in _numbers(broken, story))


def test_the_outlet_count_check_fails_on_a_broken_copy(tmp_path: Path):
    """Break a copy of the data: give the Courier's 3,100 a statement id of its own, and the briefing figure is no
    longer one statement reported by two outlets; the check used above says so."""
    copy = _copy(tmp_path)
    text = (copy / COURIER / "claims.csv").read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("veld-3100-evacuated,"))
    edit_csv(copy / COURIER / "claims.csv", row, row.replace("veld-briefing-2025-04-08-evacuated", "courier-own"))
    broken = track.tracked(kit.corpus(copy))
    with pytest.raises(AssertionError):
        _statement(broken, "people-evacuated", "2025-04-08", 3100)


def test_charts_use_human_labels_and_draw_each_statement_once(story):
    chart = tracker.chart(story, "people-evacuated")
    label = story.labels["people-evacuated"]
    assert label != "people-evacuated"
    assert chart.title.lower().startswith(label.lower()) and "people-evacuated" not in alt_text(chart)
    assert label.lower() in alt_text(chart).lower()
    assert chart.data["n_outlets"].tolist() == [1, 2, 1] and chart.data["claim_id"].is_unique
    assert {"Riverwire", "Valley Courier"} <= {
        text.get_text().removeprefix("Outlet: ") for text in chart.figure.legends[0].get_texts()
    }


def test_the_seed_alone_claims_no_outlet_and_no_move():
    seed = tracker.check_ledgers([])
    assert track.moves(seed.statements).empty and set(seed.statements["n_outlets"]) == {0}
    text = "\n".join(_blocks(seed))
    assert "reported by" not in text and ", then " not in text and "Reported by" not in text
    assert all(tracker.chart(seed, quantity) is None for quantity in seed.statements["quantity"].unique())


def test_bad_ledgers_stop_with_a_clear_message(tmp_path: Path):
    with pytest.raises(tracker.ParameterError, match="list of ledger folders"):
        tracker.check_ledgers("tests/corpus")
    with pytest.raises(tracker.ParameterError, match="not a ledger folder"):
        tracker.check_ledgers([str(tmp_path)])


def test_the_page_counts_every_figure_it_does_not_follow_by_status_and_kind():
    """A tracker follows levels and shares stated as fact; a story's requests, pledges, targets, forecasts, changes,
    parts and sizes per unit are counted in a line, never dropped without a word. Expected counts are read from
    the ledgers' own claims.csv, not from the kit."""
    import csv

    folders = [ROOT / "kit" / "data", ROOT / "tests" / "ledgers" / "camp", ROOT / "tests" / "ledgers" / "port"]
    rows = [row for folder in folders for row in csv.DictReader((folder / "claims.csv").open(encoding="utf-8"))]
    statuses = [row.get("status") or "stated" for row in rows]
    parts = sum(1 for row, status in zip(rows, statuses, strict=True) if row["kind"] == "part" and status == "stated")
    asked = statuses.count("requested")
    assert parts >= 2 and asked >= 1, "the chosen ledgers have parts and a request"
    story = tracker.check_ledgers([str(folder) for folder in folders])
    note = tracker.not_followed_note(story).data
    assert note.startswith("This page follows levels and shares stated as fact.")
    assert f"{parts} parts of a whole" in note and f"{asked} request" in note
    budget = ROOT / "tests" / "ledgers" / "budget"  # levels and shares stated as fact only: nothing to say
    kinds = {row["kind"] for row in csv.DictReader((budget / "claims.csv").open(encoding="utf-8"))}
    assert kinds <= {"level", "share"}
    assert tracker.not_followed_note(tracker.check_ledgers([str(budget)])) is None


def test_a_rate_keeps_its_period_on_the_tracker():
    """Read on a tracker over a held-out article: the article's page said "14 trips a day", the tracker "14 trips"."""
    import csv

    from kit import vocab
    from kit.figures import format_with_unit

    ledger = ROOT / "tests" / "drafts" / "landslide"
    story = tracker.check_ledgers([str(ledger)])
    followed = set(story.statements["quantity"])
    rates = [row for row in csv.DictReader((ledger / "claims.csv").open(encoding="utf-8")) if row.get("period")]
    rates = [row for row in rates if row["quantity"] in followed]
    assert rates, "the held-out article states a rate the tracker follows"
    said = html.unescape("\n".join(tracker.narrative(story, quantity).data for quantity in followed))
    for row in rates:
        written = f"{format_with_unit(float(row['value']), row['unit'])} {vocab.periods()[row['period']]}"
        assert f"**{written}**" in said, written


def test_every_line_of_the_tracker_opens_with_a_capital():
    """Read on a tracker over a made-up frost article: "national trade office went from 40 million bottles ..." (a
    source the curator names in lower case) opened a line."""
    story = tracker.check_ledgers([str(ROOT / "tests" / "drafts" / "vineyard")])
    said = html.unescape(
        "\n".join(tracker.narrative(story, quantity).data for quantity in set(story.statements["quantity"]))
    )
    lines = [line[2:] for line in said.splitlines() if line.startswith("- ")]
    assert any(" gave " in line and ", then " in line for line in lines), lines
    assert all(line[:1].isupper() or line[:1].isdigit() or line[:1] in "(*" for line in lines), [
        line[:40] for line in lines
    ]


def test_the_listing_says_its_dates_are_when_each_figure_applies(story) -> None:
    """A real earthquake report: "8 October 2005: Aaj television gave more than 25,000 people" read as the day Aaj
    spoke; the article reported it on the 9th, for the day of the quake."""
    for quantity in story.statements["quantity"].unique():
        text = tracker.narrative(story, quantity).data
        assert "at the date each figure applies to (not the day it was said)" in text.splitlines()[0]


def test_past_the_cap_the_pairs_shown_are_the_conflicts_then_the_latest_dates(story, monkeypatch) -> None:
    """A made-up spill story: the six pairs shown were the first in the ledgers' order, and the revised figure set
    against the regulator's range, the latest and the one the article was about, was among those not shown."""
    import pandas as pd

    statements = story.statements
    a, b = statements["statement"].iloc[0], statements["statement"].iloc[1]
    pairs = pd.DataFrame(
        {"claim_a": a, "claim_b": b, "when": ["2025-04-08", "2025-04-10", "2025-04-09"],
         "verdict": ["compatible", "compatible", "conflict"], "relation": "", "joint_low": 1.0, "joint_high": 2.0}
    )  # fmt: skip
    monkeypatch.setattr(track, "within_dates", lambda _statements: pairs)
    monkeypatch.setattr(tracker, "MAX_PAIRS", 2)
    shown = tracker._same_date(statements)
    assert [line.split(",")[0] for line in shown] == [
        "- On 9 April 2025",
        "- On 10 April 2025",
        "- (1 more pairs of the same date not shown.)",
    ]
