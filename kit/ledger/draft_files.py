"""The drafts folder of a ledger (``LEDGER/drafts/``): reading its CSVs and counting the claims that wait.

Apart from :mod:`kit.ledger.draft` so that ``kit validate`` and ``kit coverage`` can say how many drafts wait
without importing the drafter (its patterns and pandas cost about a third of a second a command).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from kit.ledger.load import ledger_dir
from kit.paths import shown

#: the folder of a ledger that holds its drafted claims and sources
DRAFTS = "drafts"


class DraftError(Exception):
    """Drafts that cannot be written or accepted; the message says why."""


def read_rows(path: Path, needed: tuple[str, ...] = ()) -> list[dict]:
    """The rows of a drafts or ledger CSV; a DraftError names the file when it cannot be read as one."""
    if not path.is_file():
        return []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
            missing = [name for name in needed if name not in (reader.fieldnames or [])]
    except (UnicodeDecodeError, csv.Error) as error:
        raise DraftError(f"{shown(path)} cannot be read as a UTF-8 CSV ({error}); run kit draft again") from error
    if missing:
        raise DraftError(f"{shown(path)}:1: header lacks {', '.join(missing)}; run kit draft again to rewrite it")
    return [{key: value or "" for key, value in row.items() if key is not None} for row in rows]


def waiting(ledger: str | os.PathLike | None = None) -> int:
    """How many drafted claims wait in LEDGER/drafts/claims.csv (0 when there are none)."""
    path = ledger_dir(ledger) / DRAFTS / "claims.csv"
    return 0 if path.is_symlink() else len(read_rows(path))


def waiting_line(ledger: str | os.PathLike | None = None) -> str:
    """The line validate and coverage print when drafts wait; '' when none do."""
    count = waiting(ledger)
    if not count:
        return ""
    path = shown(ledger_dir(ledger) / DRAFTS / "claims.csv")
    plural = "s" if count != 1 else ""
    return f"note: {count} drafted claim{plural} wait in {path} (not curated; python -m kit draft --accept ID)"
