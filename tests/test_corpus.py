"""A corpus of articles of one story: every claim with its article, every ledger's problems at once, and a
statement reported by several outlets counted once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from shared import ROOT, edit_csv

import kit
from kit import analysis

CORPUS = ROOT / "tests" / "corpus"


def test_every_claim_of_every_article_comes_with_its_article_columns() -> None:
    frame = kit.corpus(CORPUS)
    folders = sorted(path.parent for path in CORPUS.glob("*/datapackage.json"))
    assert len(folders) >= 4
    assert len(frame) == sum(len(kit.claims(folder)) for folder in folders)
    assert list(frame.columns[:4]) == ["article", "outlet", "headline", "published"]
    for folder in folders:
        mine = frame[frame["article"] == folder.name]
        assert set(mine["claim_id"]) == set(kit.claims(folder)["claim_id"])
        assert set(mine["outlet"]) == {kit.article(folder).outlet}
        assert set(mine["headline"]) == {kit.article(folder).title}
    assert frame["published"].is_monotonic_increasing
    assert frame["published"].dt.date.nunique() >= 3 and frame["outlet"].nunique() >= 2
    assert not frame.duplicated(["article", "claim_id"]).any()  # the key across the corpus


def test_a_broken_ledger_is_reported_with_its_path_and_the_corpus_does_not_load(tmp_path: Path) -> None:
    copy = tmp_path / "corpus"
    shutil.copytree(CORPUS, copy)
    broken = sorted(copy.glob("*/claims.csv"))[1]
    rows = broken.read_text(encoding="utf-8").splitlines()
    unit = rows[0].split(",").index("unit")
    cells = rows[1].split(",")  # the first claim's cells up to the unit hold no quoted commas
    edit_csv(broken, rows[1], ",".join([*cells[:unit], "persons", *cells[unit + 1 :]]))
    with pytest.raises(kit.LedgerError) as raised:
        kit.corpus(copy)
    assert raised.value.problems and all(broken.parent.name in problem.path for problem in raised.value.problems)
    assert any(problem.line == 2 and problem.column == "unit" for problem in raised.value.problems)
    partial = kit.corpus(copy, strict=False)  # on request: the sound articles, the others flagged
    assert broken.parent.name not in set(partial["article"]) and partial.attrs["problems"]


def test_one_briefing_reported_by_two_outlets_is_one_statement() -> None:
    statements = analysis.corpus_statements(kit.corpus(CORPUS))
    shared = statements[statements["n_outlets"] > 1]
    assert not shared.empty
    for row in shared.itertuples(index=False):
        assert len(set(row.outlets)) == row.n_outlets >= 2 and len(row.claims) >= 2
    assert len(statements) < len(kit.corpus(CORPUS))  # repeats are counted once
