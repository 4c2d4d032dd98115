"""A corpus's own entry in the ledger cache: the frame ``kit.corpus`` returned, so that a warm load of an unchanged
corpus is one read, not one entry per article (a thousand entries cost about 2.5 ms each to read and unpickle).

The entry sits beside the ledgers' entries (kit/ledger/store.py) and is made from them, so it is trusted only while

- every file of every ledger still has the bytes it had (the digests the checks recorded; a file whose status is
  as it was when hashed is not hashed again),
- no file of a ledger has become a link leaving its folder (kit/ledger/folder.py), and
- every ledger's own entry is as it was when the corpus entry was written.

Otherwise the load goes through the ledgers' entries, which rebuild what changed (an edited ledger only) and warn
about a damaged entry, and a new corpus entry is written. A damaged corpus entry is rebuilt with a ``CacheWarning``.
Only a corpus without errors gets an entry.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kit.ledger import load, store

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class CorpusEntry:
    """What a warm load needs: the ledger folders, what each was read from, and the frame ``kit.corpus`` made."""

    #: the ledger folders, resolved (the entry's name) and as given (the paths the digests are recorded under)
    folders: list[str]
    given: list[str]
    #: per ledger, the digest of every file it was read from
    read: list[dict[Path, str | None]]
    #: each file's status when hashed, so a warm load stats files rather than hashing them
    hashed: dict[Path, tuple]
    #: each ledger's own cache entry and its status when this entry was written
    entries: dict[Path, tuple[int, ...] | None]
    frame: pd.DataFrame


def _resolved(folders: list[Path]) -> list[str]:
    return [str(folder.resolve()) for folder in folders]


def _path(folders: list[str]) -> Path | None:
    """The entry's file: named by the ledger folders and the working folder (the ledgers' entries depend on it)."""
    return store.entry_path("\0".join([*folders, os.getcwd()]), ".corpus")


def load_frame(folders: list[Path]) -> pd.DataFrame | None:
    """The frame of an unchanged corpus from its entry, or None when there is none or it no longer holds."""
    resolved = _resolved(folders)
    path = _path(resolved)
    entry = None if path is None else store.read_entry(path, CorpusEntry)
    if entry is None or entry.folders != resolved or entry.given != [str(folder) for folder in folders]:
        return None
    if any(store.status(file) != status for file, status in entry.entries.items()):
        return None
    store.remember(entry.hashed)
    for folder, read in zip(folders, entry.read, strict=True):
        if not store.unchanged(read) or not load.closed_folder(folder, read):
            return None
    return entry.frame


def save_frame(folders: list[Path], frame: pd.DataFrame) -> None:
    """Keep a corpus's frame, when every ledger was read in this process and has its own entry on disk."""
    resolved = _resolved(folders)
    path = _path(resolved)
    reads = [load.files_read(folder) for folder in folders]
    if path is None or any(read is None for read in reads):
        return
    entries = {}
    for folder in folders:
        own = store.entry_of(folder)
        entries[own] = None if own is None else store.status(own)
    if any(status is None for status in entries.values()):
        return
    hashed: dict[Path, tuple] = {}
    for read in reads:
        hashed.update(store.statuses(read))
    given = [str(folder) for folder in folders]
    store.write_entry(path, CorpusEntry(resolved, given, reads, hashed, entries, frame))
