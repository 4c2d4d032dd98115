"""Planning ``kit run --corpus`` over many articles checks each ledger once (later reads come from the loader's
memo or the on-disk cache), and a second plan of an unchanged corpus checks none."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from shared import NOTEBOOKS, ROOT, forget_loaded_ledgers

from kit.ledger import load, store
from kit.run import articles, cache, cli, runsfile


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Twelve articles: the test corpus's four ledgers, each copied three times under new names."""
    target = tmp_path / "corpus"
    for copy in range(3):
        for ledger in sorted((ROOT / "tests" / "corpus").glob("*/datapackage.json")):
            shutil.copytree(ledger.parent, target / f"{copy}-{ledger.parent.name}")
    monkeypatch.setenv(store.CACHE_ENV, str(tmp_path / "cache"))
    return target


def _plan(corpus: Path) -> list[str]:
    """What ``kit run --corpus`` does before the first kernel starts, and the index's identities after the batch."""
    found = articles.gather([], [corpus])
    planned = articles.plan(runsfile.load_runs(NOTEBOOKS / "corpus.yaml"), found)
    cli._warn_unsound(found)
    versions = cache.environment()
    keys = [cache.cache_key(item.run, versions) for item in planned]
    assert len(set(keys)) == len(planned)
    for article in found:  # the corpus index names every article
        assert articles.identity(article).headline
    return [article.id for article in found]


def test_planning_a_corpus_batch_checks_each_ledger_once(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[str] = []
    check = load.check_ledger
    monkeypatch.setattr(load, "check_ledger", lambda folder: checked.append(Path(folder).name) or check(folder))
    forget_loaded_ledgers()
    ids = _plan(corpus)
    assert len(ids) == 12 and sorted(checked) == sorted(ids)
    forget_loaded_ledgers()
    checked.clear()
    assert _plan(corpus) == ids
    assert checked == []
