"""The on-disk cache of checked, typed ledgers (kit/ledger/store.py): a second load of an unchanged corpus reads
it, an edited ledger is checked and typed again (that ledger only), and a damaged entry is rebuilt with a warning.

Each load after the first starts from empty in-process caches, as a new process would (``forget_loaded_ledgers``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from shared import ROOT, corpus_with_own_cache, edit_csv, forget_loaded_ledgers

import kit
from kit.ledger import load, store

CORPUS = ROOT / "tests" / "corpus"


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the test corpus, and a cache folder of its own."""
    return corpus_with_own_cache(tmp_path, monkeypatch)


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ledger folders checked from their files (not read from the cache) since the test began."""
    names: list[str] = []
    check = load.check_ledger

    def counting(folder: Path):
        names.append(Path(folder).name)
        return check(folder)

    monkeypatch.setattr(load, "check_ledger", counting)
    return names


def test_a_second_load_of_an_unchanged_corpus_reads_the_cache(corpus: Path, checked: list[str]) -> None:
    first = kit.corpus(corpus)
    ledgers = sorted(path.parent.name for path in corpus.glob("*/datapackage.json"))
    assert sorted(checked) == ledgers
    assert len(list((corpus.parent / "cache").glob("*.pickle"))) == len(ledgers)
    forget_loaded_ledgers()
    checked.clear()
    second = kit.corpus(corpus)
    assert checked == []  # nothing checked or typed again: every ledger came from the cache
    pd.testing.assert_frame_equal(second, first)


def test_editing_one_file_of_one_ledger_rebuilds_that_ledger_only(corpus: Path, checked: list[str]) -> None:
    before = kit.corpus(corpus)
    edited = corpus / "2025-04-08-riverwire-briefing"
    forget_loaded_ledgers()
    checked.clear()
    said = "metres the river fell since its Monday peak"
    edit_csv(edited / "claims.csv", f",{said},", f",{said} (the authority's gauge),")
    after = kit.corpus(corpus)
    assert checked == [edited.name]
    changed = (after["article"] == edited.name) & after["counts"].str.startswith(said)
    assert after.loc[changed, "counts"].tolist() == [f"{said} (the authority's gauge)"]
    unchanged = after.drop(columns="counts"), before.drop(columns="counts")
    pd.testing.assert_frame_equal(*unchanged)
    pd.testing.assert_frame_equal(after[~changed], before[~changed])


def test_a_damaged_entry_is_rebuilt_with_a_warning(corpus: Path, checked: list[str]) -> None:
    first = kit.corpus(corpus)
    entries = sorted((corpus.parent / "cache").glob("*.pickle"))
    damaged = entries[0]
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte in the middle of the pickled tables
    damaged.write_bytes(bytes(data))
    entries[1].write_bytes(entries[1].read_bytes()[:100])  # and one cut short
    forget_loaded_ledgers()
    checked.clear()
    with pytest.warns(store.CacheWarning, match="is not used: it is damaged") as warned:
        second = kit.corpus(corpus)
    assert {str(damaged), str(entries[1])} == {str(warning.message).split()[3] for warning in warned}
    assert len(checked) == 2  # the two damaged ledgers, checked again from their files
    pd.testing.assert_frame_equal(second, first)
    forget_loaded_ledgers()
    checked.clear()
    kit.corpus(corpus)
    assert checked == []  # the rebuilt entries are good again


def test_the_cache_can_be_turned_off(corpus: Path, checked: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(store.CACHE_ENV, "off")
    first = kit.corpus(corpus)
    forget_loaded_ledgers()
    second = kit.corpus(corpus)
    assert len(checked) == 2 * len(list(corpus.glob("*/datapackage.json")))
    assert not (corpus.parent / "cache").exists()
    pd.testing.assert_frame_equal(second, first)


def test_a_page_reads_its_ledger_files_once(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = corpus / "2025-04-08-riverwire-briefing"
    kit.claims_with_sources(ledger)
    monkeypatch.setattr(store, "_RACY_NS", -(10**18))  # as if the files were last changed long ago
    kit.claims(ledger)  # the digests are now taken as settled
    reads: list[Path] = []
    read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: reads.append(path) or read_bytes(path))
    for _ in range(20):  # a page calls the loaders in every chart and sentence
        kit.claims(ledger), kit.sources(ledger), kit.claims_with_sources(ledger), kit.article(ledger)
    assert reads == []
    said = "metres the river fell since its Monday peak"
    edit_csv(ledger / "claims.csv", f",{said},", f",{said} (edited),")  # a new status: read again
    assert f"{said} (edited)" in set(kit.claims(ledger)["counts"])
    assert ledger / "claims.csv" in reads
