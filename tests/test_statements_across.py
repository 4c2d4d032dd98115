"""Statements across the articles of a story (kit.analysis.across): a claim left to the rule joins the statement
of the same figure in another article even where that article's curator gave it an id; a curator's split within one
article stays. Found on a made-up two-article drought story: the tracker set the ministry's 1.46 million against
the ministry's 1.46 million, one of them curated as a headline and body pair."""

from __future__ import annotations

from pathlib import Path

import pytest
from shared import ROOT, corpus_with_own_cache, edit_rows

import kit
from kit.analysis import time
from kit.analysis.across import joined

CORPUS = ROOT / "tests" / "corpus"
BRIEFING = "2025-04-08-riverwire-briefing"


def _with_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ids: dict[str, str]) -> Path:
    """A copy of the test corpus (and a ledger cache of its own) where claims of the briefing carry a curator's
    statement ids (claim id: statement id)."""
    corpus = corpus_with_own_cache(tmp_path, monkeypatch)
    edit_rows(
        corpus / BRIEFING / "claims.csv",
        lambda _, row: {**row, "statement": ids.get(row["claim_id"], row["statement"])},
    )
    return corpus


def _statement_of(corpus: Path, pair: str) -> tuple[str, ...]:
    ledgers = sorted(path for path in corpus.iterdir() if (path / "datapackage.json").is_file())
    statements = time.corpus_statements(kit.corpus(ledgers))
    return next(claims for claims in statements["claims"] if pair in claims)


def test_a_claim_left_to_the_rule_joins_another_articles_curated_statement(tmp_path: Path, monkeypatch) -> None:
    """The briefing's curator gives its headline and its body sentence on the seven dead one id; the other two
    articles' plain "seven" join them: one statement, four claims, three outlets' reports."""
    pair = {"headline-veld-seven-dead": "briefing-dead", "veld-seven-dead": "briefing-dead"}
    corpus = _with_id(tmp_path, monkeypatch, pair)
    assert [problem for problem in kit.validate(corpus / BRIEFING) if problem.severity == "error"] == []
    assert _statement_of(corpus, f"{BRIEFING}/veld-seven-dead") == (
        f"{BRIEFING}/headline-veld-seven-dead",
        f"{BRIEFING}/veld-seven-dead",
        "2025-04-08-valleycourier-shelters/veld-seven-dead",
        "2025-04-10-valleycourier-revision/veld-seven-dead-tuesday",
    )


def test_a_claim_a_curator_set_apart_stays_apart(tmp_path: Path, monkeypatch) -> None:
    """An id no other claim has sets the claim apart: the other articles' 2,300 homes do not join it."""
    corpus = _with_id(tmp_path, monkeypatch, {"veld-2300-homes": "briefing-own-count"})
    assert _statement_of(corpus, f"{BRIEFING}/veld-2300-homes") == (f"{BRIEFING}/veld-2300-homes",)


def test_the_rule_never_joins_two_statements_of_one_article() -> None:
    """Article A's curator keeps two claims of one figure apart (labels 0 and 1); B's claim (2) matches both by the
    rule. It joins the first; the second stays its own statement."""
    assert joined([0, 1, 2], [7, 7, 7], ["a", "a", "b"]) == [0, 1, 0]
    assert joined([0, 1, 2], [7, 8, 7], ["a", "b", "c"]) == [0, 1, 0]  # only the rule's groups join
    assert joined([3, 3, 5], [7, 7, 9], ["a", "b", "c"]) == [3, 3, 5]
    assert joined([0, 1, 2], [7, 7, 7], ["a", "b", "c"], alone={0}) == [0, 1, 1]  # set apart: joins nothing


def test_a_figure_a_later_report_withdraws_is_withdrawn_in_every_report_of_it() -> None:
    """A made-up three-article story: the company's "about 40,000 litres" (Monday's article) was withdrawn in the
    third article, which gave 85,000; the tracker still set the 40,000 against the 85,000 as rival estimates."""
    from kit.analysis import tracker

    ledgers = sorted(path for path in CORPUS.iterdir() if (path / "datapackage.json").is_file())
    corpus = kit.corpus(ledgers)
    homes = "2025-04-10-valleycourier-revision", "veld-2300-homes-tuesday"
    before = tracker.tracked(corpus.assign(status=""))
    assert any(f"{homes[0]}/{homes[1]}" in claims for claims in before["claims"])
    later = (corpus["article"] == homes[0]) & (corpus["claim_id"] == homes[1])
    after = tracker.tracked(corpus.assign(status=[("withdrawn" if taken else "") for taken in later]))
    assert not any("veld-2300-homes" in " ".join(claims) for claims in after["claims"])  # all three reports
    assert len(after) == len(before) - 1


def test_a_story_with_no_claims_tracks_nothing() -> None:
    """The withdrawn statements are left out by a mask; on a story with no claims, an empty mask selected columns and
    the tracker's notebook failed (the full suite's tiny ledgers)."""
    from kit.analysis import tracker

    ledgers = sorted(path for path in CORPUS.iterdir() if (path / "datapackage.json").is_file())
    corpus = kit.corpus(ledgers)
    assert tracker.tracked(corpus.iloc[0:0]).empty and "kind" in tracker.tracked(corpus.iloc[0:0])
