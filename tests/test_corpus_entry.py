"""The corpus's own cache entry (kit/ledger/corpus_store.py): a warm load of an unchanged corpus reads it alone, a
damaged one is rebuilt with a warning, and a file that has become a link out of its folder is refused, not served.

Each load after the first starts from empty in-process caches, as a new process would (``forget_loaded_ledgers``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from shared import ROOT, corpus_with_own_cache, forget_loaded_ledgers

import kit
from kit.ledger import load, store

CORPUS = ROOT / "tests" / "corpus"


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the test corpus, and a cache folder of its own."""
    return corpus_with_own_cache(tmp_path, monkeypatch)


@pytest.fixture
def ledger_entries_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ledger folders whose own entry (or files) a load read since the test began."""
    names: list[str] = []
    entry, check = store.load, load.check_ledger
    monkeypatch.setattr(store, "load", lambda folder: names.append(Path(folder).name) or entry(folder))
    monkeypatch.setattr(load, "check_ledger", lambda folder: names.append(Path(folder).name) or check(folder))
    return names


def test_a_warm_load_reads_the_corpus_entry_alone(corpus: Path, ledger_entries_read: list[str]) -> None:
    first = kit.corpus(corpus)
    assert len(list((corpus.parent / "cache").glob("*.corpus"))) == 1
    forget_loaded_ledgers()
    ledger_entries_read.clear()
    second = kit.corpus(corpus)
    assert ledger_entries_read == []
    pd.testing.assert_frame_equal(second, first)
    assert second.attrs == first.attrs == {"problems": [], "unsound": []}


def test_a_damaged_corpus_entry_is_rebuilt_with_a_warning(corpus: Path, ledger_entries_read: list[str]) -> None:
    first = kit.corpus(corpus)
    (entry,) = (corpus.parent / "cache").glob("*.corpus")
    data = bytearray(entry.read_bytes())
    data[len(data) // 2] ^= 0xFF
    entry.write_bytes(bytes(data))
    forget_loaded_ledgers()
    with pytest.warns(store.CacheWarning, match=f"{entry} is not used: it is damaged"):
        second = kit.corpus(corpus)
    pd.testing.assert_frame_equal(second, first)
    forget_loaded_ledgers()
    ledger_entries_read.clear()
    kit.corpus(corpus)
    assert ledger_entries_read == []  # rebuilt, and good again


def test_a_file_that_became_a_link_out_of_its_folder_is_refused(corpus: Path, tmp_path: Path) -> None:
    kit.corpus(corpus)
    forget_loaded_ledgers()
    claims = corpus / "2025-04-08-riverwire-briefing" / "claims.csv"
    outside = tmp_path / "elsewhere.csv"
    shutil.copy2(claims, outside)  # the same bytes, the same times: only the link is new
    claims.unlink()
    claims.symlink_to(outside)
    with pytest.raises(kit.LedgerError, match="claims.csv:1: -: table file is a link to .*, outside the ledger folder"):
        kit.corpus(corpus)
