"""Each fact once per section: what a section's heading, sentences and chart frame say is not said again by
another of them (the over-time, reconciliation, parts and shares sections; the estimates section is in
test_writing)."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pytest
from shared import ROOT

from kit.report import sections
from kit.report.params import check

BUDGET = ROOT / "tests" / "ledgers" / "budget"
PORT = ROOT / "tests" / "ledgers" / "port"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _text(block) -> str:  # noqa: ANN001
    """A block's words as a reader reads them: the sentences without their notes, or a chart's frame."""
    if hasattr(block, "subtitle"):
        return f"{block.title}\n{block.subtitle}"
    words = re.sub(r"<[^>]+>|\[\d+\]", "", block.data.split("Notes:")[0])
    return re.sub(r"&#(\d+);", lambda found: chr(int(found.group(1))), words)


def test_over_time_says_the_series_rule_and_names_the_quantity_once() -> None:
    for section in sections.over_time(check(ledger=str(BUDGET))):
        said, chart = _text(section.blocks[0]), _text(section.blocks[1])
        assert "not set against each other" in chart and "not set against each other" not in said
        label = section.heading.removesuffix(" over time").lower()
        assert label not in said.lower()  # the heading names it
        assert label not in chart.split("\n")[1].lower()  # the title names it, the subtitle does not again


def test_a_conflict_of_two_is_said_once_not_also_as_a_group_that_cannot_all_be_right() -> None:
    said = _text(sections.reconciliation(check(ledger=str(BUDGET)))[0].blocks[0])
    assert said.count("Conflict:") == 2
    assert "cannot all be right" not in said  # each group is exactly its one conflict's pair
    port = _text(sections.reconciliation(check(ledger=str(PORT)))[0].blocks[0])
    assert "cannot all be right" in port  # three estimates of one date: the group's sentence says what no pair does


def test_reconciliation_reads_the_bounds_once_in_its_sentences() -> None:
    section = sections.reconciliation(check(ledger=str(BUDGET)))[0]
    assert "within 10%" in _text(section.blocks[0])
    assert "within 10%" not in _text(section.blocks[1])


def test_the_kits_arithmetic_is_said_once_per_section_of_shares_and_groups() -> None:
    found = sections.parts_and_shares(check()) + sections.parts_and_shares(check(ledger=str(BUDGET)))
    shares = [section for section in found if section.heading.startswith("Shares")]
    groups = [section for section in found if section.heading.startswith("What the")]
    assert shares and groups
    assert any(len(section.blocks[1].data) > 1 for section in shares)  # a section with several shares
    for section in shares + groups:
        assert _text(section.blocks[0]).count("kit's arithmetic") == 1, section.heading
