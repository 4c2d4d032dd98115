"""Two sources of one name ("the unions", of two cities) are two bars on the sources chart. Found on a real protest
report: seaborn drew one bar per label, so the chart showed 7 labour statements beside a title that counted 8."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
from shared import small_ledger

from kit.report import charts
from kit.report.params import check

ARTICLE = """Marches in Two Cities

BORDEAUX (Northwire) - The unions counted 12,000 marchers in Bordeaux and 5,000 in Pau. In Pau the unions said \
4,000 had marched a week earlier. Police counted 3,000 in Bordeaux.
"""
SOURCES = [
    "bdx,the unions,Bordeaux unions,labour,no",
    "pau,the unions,Pau unions,labour,no",
    "police,police,Bordeaux police,government,no",
]


def _claim(claim_id: str, claimant: str, value: str, written: str, when: str, quote: str) -> dict:
    return {"claim_id": claim_id, "topic": "society", "quantity": "marchers", "kind": "level", "value": value,
            "unit": "people", "bound": "exact", "as_written": written, "claimant": claimant, "when": when,
            "counts": "people marching", "quote": quote}  # fmt: skip


def test_two_sources_of_one_name_are_two_bars(tmp_path: Path) -> None:
    claims = [
        _claim("bdx-12000", "bdx", "12000", "12,000", "2026-09-30", "The unions counted 12,000 marchers in Bordeaux"),
        _claim("pau-5000", "pau", "5000", "5,000", "2026-09-30", "5,000 in Pau"),
        _claim("pau-4000", "pau", "4000", "4,000", "2026-09-23", "the unions said 4,000 had marched a week earlier"),
        _claim("police-3000", "police", "3000", "3,000", "2026-09-30", "Police counted 3,000 in Bordeaux"),
    ]
    package = {"quantities": {"marchers": {"label": "people marching"}}}
    chart = charts.sources_by_side(check(ledger=str(small_ledger(tmp_path, ARTICLE, package, SOURCES, claims))))
    try:
        ax = chart.figure.axes[0]
        labels = [label.get_text() for label in ax.get_yticklabels()]
        assert len(labels) == 3 and len(set(labels)) == 3, labels
        assert sorted(round(bar.get_width()) for bar in ax.patches if bar.get_width() > 0) == [1, 1, 2], labels
    finally:
        plt.close(chart.figure)


def test_an_undated_statement_left_out_of_the_tracker_is_not_called_earlier(tmp_path: Path, monkeypatch) -> None:
    """The same report's tracker said "(1 earlier statement not listed here.)" of the union's undated "never
    exceeded 500,000"."""
    from kit.report import tracker

    claims = [
        _claim("bdx-12000", "bdx", "12000", "12,000", "", "The unions counted 12,000 marchers in Bordeaux"),
        _claim("pau-4000", "pau", "4000", "4,000", "2026-09-23", "the unions said 4,000 had marched a week earlier"),
        _claim("pau-5000", "pau", "5000", "5,000", "2026-09-30", "5,000 in Pau"),
    ]
    package = {"quantities": {"marchers": {"label": "people marching"}}}
    ledger = small_ledger(tmp_path, ARTICLE, package, SOURCES, claims)
    monkeypatch.setattr(tracker, "MAX_LISTED", 2)
    text = "\n".join(
        str(getattr(block, "data", block))
        for section in tracker.found_sections(tracker.check_ledgers([str(ledger)]))
        for block in section.blocks
    )
    assert "(1 undated statement not listed here.)" in text and "earlier statement" not in text, text


def test_the_key_figures_give_each_figure_its_date(tmp_path: Path) -> None:
    """The same real report's overview listed one union's "500,000 people" twice, of two days, in two rows that
    read alike: the table has a When column wherever a figure has a date, and none where none has."""
    from kit.report import overview

    claims = [
        _claim("pau-a", "pau", "4000", "4,000", "2026-09-23", "the unions said 4,000 had marched a week earlier"),
        _claim("pau-b", "pau", "5000", "5,000", "2026-09-30", "5,000 in Pau"),
    ]
    package = {"quantities": {"marchers": {"label": "people marching"}}}
    table = overview.key_figures(check(ledger=str(small_ledger(tmp_path, ARTICLE, package, SOURCES, claims)))).data
    header = table.splitlines()[0].split(" | ")
    rows = [line.split(" | ") for line in table.splitlines()[2:] if line.startswith("|")]
    assert sorted(row[header.index("When")] for row in rows) == ["on 23 September 2026", "on 30 September 2026"]
    undated = [claim | {"when": ""} for claim in claims]
    bare = overview.key_figures(check(ledger=str(small_ledger(tmp_path, ARTICLE, package, SOURCES, undated, "b"))))
    assert "When" not in bare.data.splitlines()[0]
