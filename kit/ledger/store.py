"""The on-disk cache of checked, typed ledgers, so a second load of an unchanged corpus skips the checks and the
typing, and the in-process memo of file digests, so a page that calls the loaders fifty times reads each file once.

Where: ``$KIT_CACHE`` when set (``off`` turns the cache off), else ``$XDG_CACHE_HOME/kit/ledgers``, else
``~/.cache/kit/ledgers``. One file per ledger folder and working folder (problems show paths relative to where
the user stands); deleting the folder only costs the next load its time.

An entry is trusted only when every file the ledger was read from still has the bytes it had (sha256, the
digests the checker recorded), and the kit's ledger code and the libraries that type the tables are the same
(:func:`fingerprint`); otherwise it is rebuilt. An entry that cannot be read back whole (truncated, edited, or
written by another pickle protocol) is rebuilt too, with a :class:`CacheWarning`.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import platform
import sys
import tempfile
import time
import warnings
from contextlib import suppress
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

# pandas and numpy are imported where a table is encoded or decoded, not here: checking a ledger
# (``python -m kit validate``) needs neither.

CACHE_ENV = "KIT_CACHE"
_OFF = ("", "0", "off", "no", "false")
#: a file whose status changed this recently may change again within the time stamps' resolution: hash it again
_RACY_NS = 2_000_000_000
_MAGIC = b"kit-ledger-cache 1\n"


class CacheWarning(UserWarning):
    """A cache entry could not be trusted and was rebuilt (the ledger itself is fine)."""


@dataclass
class Entry:
    """One ledger as the loaders need it: the digest of every file it was read from, the checked ledger (a
    :class:`kit.ledger.check.Ledger`) and the typed tables built so far, by name, each pickled on its own (a reader
    unpickles only the tables it uses)."""

    read: dict[Path, str | None]
    ledger: Any
    frames: dict[str, dict] = field(default_factory=dict)
    #: each file's status when it was hashed (:func:`digest_of`), so the next process hashes only changed files
    hashed: dict[Path, tuple] = field(default_factory=dict)


def cache_folder() -> Path | None:
    """Where entries live (None when ``KIT_CACHE=off``)."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in _OFF else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kit" / "ledgers"


@functools.cache
def fingerprint() -> str:
    """The kit's ledger code and vocabularies and the versions of what types the tables: a change to any of them
    can change what a ledger loads as, so it retires every entry."""
    kit = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    sources = [*sorted((kit / "ledger").glob("*.py")), *sorted((kit / "ledger").glob("*.json"))]
    sources += [kit / "figures.py", kit / "paths.py", *sorted((kit / "vocab").glob("*.csv"))]
    for path in sources:
        digest.update(path.relative_to(kit).as_posix().encode() + b"\0" + path.read_bytes())
    libraries = (metadata.version("pandas"), metadata.version("numpy"))  # as pd/np.__version__, without importing them
    versions = (sys.version, platform.machine(), *libraries, pickle.HIGHEST_PROTOCOL)
    digest.update(repr(versions).encode())
    return digest.hexdigest()


#: path -> (its status when hashed, the time it was hashed, its digest)
_DIGESTS: dict[Path, tuple[tuple[int, ...], int, str | None]] = {}


def _status(path: Path) -> tuple[int, ...] | None:
    try:
        found = path.stat()
    except (OSError, ValueError):
        return None
    return (found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_mode)


def digest_of(path: Path) -> str | None:
    """The sha256 of a file's bytes (None when it is not a file), hashed again only when its status changed.

    An edit changes a file's ctime even when the editor restores its size and mtime; a file whose ctime is within
    two seconds of when it was last hashed is hashed every time (its next edit could keep the same ctime).
    """
    status = _status(path)
    known = _DIGESTS.get(path)
    if status is not None and known is not None and known[0] == status and known[1] - status[3] > _RACY_NS:
        return known[2]
    try:
        data = path.read_bytes() if path.is_file() else None
    except (OSError, ValueError):
        data = None
    return record(path, status, data)


def record(path: Path, status: tuple[int, ...] | None, data: bytes | None) -> str | None:
    """The digest of bytes just read from ``path`` (None for no file), remembered with the status the file had
    before they were read, as :func:`digest_of` does: the checker hashes what it reads once, and saving its entry
    then stats each file instead of reading and hashing it again."""
    digest = None if data is None else hashlib.sha256(data).hexdigest()
    if status is not None:
        _DIGESTS[path] = (status, time.time_ns(), digest)
    return digest


def unchanged(read: dict[Path, str | None]) -> bool:
    """True when every file a result was built from still has the same bytes (or is still missing)."""
    return all(digest_of(path) == digest for path, digest in read.items())


def entry_of(folder: Path) -> Path | None:
    """Where a ledger folder's entry lives (None when the cache is off)."""
    return _entry_path(folder)


def _entry_path(folder: Path) -> Path | None:
    return entry_path(f"{folder.resolve()}\0{os.getcwd()}", ".pickle")


def entry_path(key: str, suffix: str) -> Path | None:
    """Where the entry of a key lives (None when the cache is off); the kit's fingerprint is part of the name."""
    root = cache_folder()
    if root is None:
        return None
    name = hashlib.sha256(f"{fingerprint()}\0{key}".encode()).hexdigest()
    return root / f"{name[:40]}{suffix}"


def status(path: Path) -> tuple[int, ...] | None:
    """A file's inode, size, modification and change times, mode; None when it cannot be looked at."""
    return _status(path)


def load(folder: Path) -> Entry | None:
    """The cached entry of a ledger folder when it still holds, else None (a damaged one warns and is removed)."""
    path = _entry_path(folder)
    entry = None if path is None else read_entry(path, Entry)
    if entry is None:
        return None
    remember(entry.hashed)
    return entry if unchanged(entry.read) else None


def remember(hashed: dict[Path, tuple]) -> None:
    """Take digests recorded with their files' statuses: a file whose status is as it was is not hashed again."""
    for file, known in hashed.items():
        _DIGESTS.setdefault(file, known)


def read_entry(path: Path, kind: type) -> Any:
    """The object of type ``kind`` stored at ``path``, or None: missing, or damaged (then it warns and is removed)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as problem:
        return _distrust(path, f"it cannot be read ({problem.strerror or problem})")
    head, _, rest = data.partition(b"\n\n")
    if head + b"\n" != _MAGIC + hashlib.sha256(rest).hexdigest().encode() + b"\n":
        return _distrust(path, "it is damaged (its checksum does not match)")
    try:
        entry = pickle.loads(rest)
    except Exception as problem:  # a checksum-valid entry that does not unpickle: another kit wrote it
        return _distrust(path, f"it cannot be read back ({type(problem).__name__})")
    if not isinstance(entry, kind):
        return _distrust(path, "it holds something else than a ledger")
    return entry


def _distrust(path: Path, why: str) -> None:
    warnings.warn(f"ledger cache entry {path} is not used: {why}; rebuilding it", CacheWarning, stacklevel=4)
    with suppress(OSError):
        path.unlink()
    return None


def save(folder: Path, entry: Entry) -> None:
    """Store an entry atomically (readers see the old entry or the new one); a cache that cannot be written is
    skipped: it only saves time."""
    path = _entry_path(folder)
    if path is None:
        return
    if not entry.hashed:
        entry.hashed = statuses(entry.read)
    write_entry(path, entry)


def statuses(read: dict[Path, str | None]) -> dict[Path, tuple]:
    """The statuses of the bytes a result was read from, as :func:`digest_of` recorded them (a file changed since
    is left out, so it is hashed again)."""
    current = {file: digest_of(file) for file in read}
    return {file: _DIGESTS[file] for file in read if file in _DIGESTS and current[file] == read[file]}


def write_entry(path: Path, entry: object) -> None:
    """Store an object at ``path`` with a checksum, atomically; skipped when the cache cannot be written."""
    payload = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
    data = _MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n\n" + payload
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError:
        with suppress(OSError):
            os.unlink(temporary)


def encode(frame: pd.DataFrame) -> dict[str, tuple[str, Any]]:
    """A typed table as plain arrays (categorical codes, strings, values and masks): they pickle, unpickle and
    join in a fraction of a DataFrame's time, which is most of a warm load of a thousand ledgers."""
    import numpy as np
    import pandas as pd

    columns: dict[str, tuple[str, Any]] = {}
    for name in frame.columns:
        column = frame[name]
        if isinstance(column.dtype, pd.CategoricalDtype):
            payload = (list(column.cat.categories), column.cat.ordered, column.cat.codes.to_numpy())
            columns[name] = ("category", payload)
        elif isinstance(column.dtype, pd.StringDtype):
            columns[name] = ("string", column.to_numpy(dtype=object, na_value=None))
        elif isinstance(column.dtype, pd.Int64Dtype):
            columns[name] = ("Int64", (column.array._data, column.array._mask))
        elif isinstance(column.dtype, np.dtype) and column.dtype.kind in "fiMb":
            columns[name] = ("numpy", column.to_numpy())
        else:  # anything else keeps pandas' own form
            columns[name] = ("series", column)
    return columns


def split(table: dict[str, tuple[str, Any]], bounds: list[int]) -> list[dict[str, tuple[str, Any]]]:
    """An encoded table cut into consecutive parts, ``bounds`` apart (tables typed together, back per ledger)."""
    parts = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        part: dict[str, tuple[str, Any]] = {}
        for name, (kind, payload) in table.items():
            if kind == "category":
                part[name] = (kind, (payload[0], payload[1], payload[2][start:end]))
            elif kind == "Int64":
                part[name] = (kind, (payload[0][start:end], payload[1][start:end]))
            elif kind == "series":
                part[name] = (kind, payload.iloc[start:end].reset_index(drop=True))
            else:
                part[name] = (kind, payload[start:end])
        parts.append(part)
    return parts


def rows(table: dict[str, tuple[str, Any]]) -> int:
    """How many rows a table of :func:`encode` has."""
    for kind, payload in table.values():
        return len(payload[2] if kind == "category" else payload[0] if kind == "Int64" else payload)
    return 0


def _signature(table: dict[str, tuple[str, Any]]) -> tuple:
    """What must agree for tables to be joined array by array: columns, their kinds and categories."""
    return tuple(
        (name, kind, (tuple(payload[0]), payload[1]) if kind == "category" else None)
        for name, (kind, payload) in table.items()
    )


def decode(encoded: list[dict[str, tuple[str, Any]]]) -> pd.DataFrame:
    """The tables of :func:`encode`, one after the other in one frame, as ``pd.concat(..., ignore_index=True)`` of
    their DataFrames would make it. Tables of one shape are joined array by array; pandas joins the few shapes."""
    import numpy as np
    import pandas as pd

    shapes: dict[tuple, list[int]] = {}
    for position, table in enumerate(encoded):
        shapes.setdefault(_signature(table), []).append(position)
    if len(shapes) == 1:
        return _joined(encoded)
    parts = [_joined([encoded[position] for position in positions]) for positions in shapes.values()]
    frame = pd.concat(parts, ignore_index=True)
    sizes = [rows(table) for table in encoded]
    starts, offset = [0] * len(encoded), 0
    for positions in shapes.values():
        for position in positions:
            starts[position], offset = offset, offset + sizes[position]
    order = np.concatenate([np.arange(start, start + size) for start, size in zip(starts, sizes, strict=True)])
    return frame.take(order).reset_index(drop=True)


def _joined(encoded: list[dict[str, tuple[str, Any]]]) -> pd.DataFrame:
    """Tables of one shape (:func:`_signature`) in one frame."""
    import numpy as np
    import pandas as pd

    names = list(encoded[0])
    columns: dict[str, Any] = {}
    for name in names:
        kind, first = encoded[0][name]
        parts = [table[name][1] for table in encoded]
        if kind == "category":
            codes = np.concatenate([codes for _, _, codes in parts])
            columns[name] = pd.Categorical.from_codes(codes, categories=first[0], ordered=first[1])
        elif kind == "string":
            columns[name] = pd.array(np.concatenate(parts), dtype="string")
        elif kind == "Int64":
            values, masks = np.concatenate([part[0] for part in parts]), np.concatenate([part[1] for part in parts])
            columns[name] = pd.arrays.IntegerArray(values, masks)
        elif kind == "numpy":
            columns[name] = np.concatenate(parts)
        else:
            columns[name] = pd.concat(parts, ignore_index=True)
    return pd.DataFrame(columns, columns=names)
