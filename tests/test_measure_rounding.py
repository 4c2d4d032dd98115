"""A whole figure of a measure is a rounding, as a whole percent is; only a count's whole figure below 1,000 is read
as stated. Found on a made-up seizure report: the headline's "8 Tonnes" and the body's "8.3 tonnes" were a
"Conflict ... no number fits both", and the curator could not give them one statement id."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from shared import small_ledger

from kit import ledger as _ledger
from kit.analysis.reconcile import reconcile
from kit.vocab.intervals import interval

ARTICLE = """Customs Seize 8 Tonnes of Cocaine, Arrest 64

ROTTERDAM, Oct 2 (Northwire) - Dutch customs seized 8.3 tonnes of cocaine at the port last week, prosecutors said on \
Friday. Police arrested 65 people, the police said.
"""
HEADER = "claim_id,quantity,kind,value,unit,bound,as_written,claimant,when,quote,statement"
ROWS = [
    "headline-8,haul,level,8,tonnes,exact,8,northwire,2026-09-28,Customs Seize 8 Tonnes of Cocaine,{haul}",
    "body-8-3,haul,level,8.3,tonnes,exact,8.3,prosecutors,2026-09-28,seized 8.3 tonnes of cocaine,{haul}",
    "headline-64,arrests,level,64,people,exact,64,northwire,2026-09-28,Arrest 64,",
    "body-65,arrests,level,65,people,exact,65,police,2026-09-28,Police arrested 65 people,",
]


def _ledger_of(tmp_path: Path, statement: str = "") -> Path:
    rows = [dict(zip(HEADER.split(","), next(csv.reader([line.format(haul=statement)])), strict=True)) for line in ROWS]
    package = {
        "units": {"tonnes": {"whole": False, "minimum": 0}},
        "quantities": {"haul": {"label": "cocaine seized"}, "arrests": {"label": "people arrested"}},
    }
    sources = [
        "northwire,Northwire,the outlet's own reporting,news outlet,yes",
        "prosecutors,prosecutors,prosecutors,government,no",
        "police,police,police,government,no",
    ]
    return small_ledger(
        tmp_path, ARTICLE, package, sources, [row | {"topic": "society", "counts": "seized"} for row in rows]
    )


@pytest.mark.parametrize(("value", "whole", "expected"), [
    (8, False, (7.5, 8.5)), (8, True, (8.0, 8.0)), (1381, False, (1380.5, 1381.5)), (1381, True, (1381.0, 1381.0)),
    (1380, False, (1375.0, 1385.0)), (58, True, (57.5, 58.5)),
])  # fmt: skip
def test_a_measures_whole_figure_is_read_to_its_last_written_place(value: int, whole: bool, expected: tuple) -> None:
    unit = "percent" if value == 58 else "tonnes"  # a whole percent is a rounding whatever the package says
    assert interval(value, "exact", unit=unit, whole=whole) == expected


def test_a_headline_rounding_a_measure_agrees_with_its_body(tmp_path: Path) -> None:
    folder = _ledger_of(tmp_path)
    assert [p for p in _ledger.validate(folder) if p.severity == "error"] == []
    verdicts = reconcile(_ledger.claims_with_sources(folder))
    status = verdicts.set_index("quantity")["group_status"].to_dict()
    assert status["haul"] != "conflict", verdicts
    assert status["arrests"] == "conflict", verdicts  # "64" and "65" are counts: as stated, two numbers


def test_a_headline_rounding_a_measure_may_share_its_bodys_statement(tmp_path: Path) -> None:
    folder = _ledger_of(tmp_path, statement="haul-seized")
    assert [p.message for p in _ledger.validate(folder) if p.severity == "error"] == []


def test_the_tracker_reads_a_measure_as_its_pages_do(tmp_path: Path) -> None:
    """The story's tracker still said "Northwire's 8 tonnes and prosecutors' 8.3 tonnes cannot both be right"."""
    from kit.report import tracker

    lines = [
        line
        for section in tracker.found_sections(tracker.check_ledgers([str(_ledger_of(tmp_path))]))
        for block in section.blocks
        for line in str(getattr(block, "data", block)).splitlines()
        if "cannot both be right" in line
    ]
    assert lines and all("tonnes" not in line for line in lines), lines
    assert any("64" in line and "65" in line for line in lines), lines
