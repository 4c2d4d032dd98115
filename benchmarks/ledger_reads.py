"""Counting how often a page reads its ledger: loads (calls into ``kit.ledger``'s one read function, each of which
looks at every file of the ledger) and file opens (every open of a file inside the ledger's folder, seen by a
Python audit hook, whatever opens it).

Used by ``benchmarks/page_loads.py`` (the loads-per-page table in RESULTS.md) and by ``tests/test_page_model.py``
(a page reads each ledger file once).
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kit.ledger import load, store


@dataclass
class Reads:
    """What one counted stretch of work read: loads, and opens per ledger file (by name)."""

    loads: int = 0
    opens: Counter = field(default_factory=Counter)


#: The counter the audit hook adds to, and the folder it watches; None outside :func:`counting`.
_ACTIVE: list[tuple[Reads, Path]] = []
_HOOKED = False


def _hook(event: str, args: tuple) -> None:
    if event != "open" or not _ACTIVE or not isinstance(args[0], str | bytes | os.PathLike):
        return
    reads, folder = _ACTIVE[-1]
    path = Path(os.fsdecode(args[0]))
    mode = args[1] if len(args) > 1 and isinstance(args[1], str) else "r"
    if path.is_absolute() and folder in path.parents and "w" not in mode:
        reads.opens[path.relative_to(folder).as_posix()] += 1


def forget() -> None:
    """Empty this process's memo of checked ledgers and file digests, so the next load reads the files again (set
    ``KIT_CACHE=off`` as well, so the on-disk cache does not serve them)."""
    load._CACHE.clear()
    load._FRAMES.clear()
    load._ENTRIES.clear()
    store._DIGESTS.clear()


@contextmanager
def counting(folder: Path) -> Iterator[Reads]:
    """Count loads and opens of files in ``folder`` while the block runs."""
    global _HOOKED
    if not _HOOKED:
        sys.addaudithook(_hook)  # an audit hook cannot be removed: it counts only while _ACTIVE is set
        _HOOKED = True
    reads = Reads()
    original = load._read

    def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        reads.loads += 1
        return original(*args, **kwargs)

    load._read = counted
    _ACTIVE.append((reads, folder.resolve()))
    try:
        yield reads
    finally:
        _ACTIVE.pop()
        load._read = original
