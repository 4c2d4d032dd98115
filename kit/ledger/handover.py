"""A batch's checked ledgers handed to its kernels by content, so ``kit run`` validates each ledger once a batch.

``kit run`` checks every ledger its runs read in its own process (it names a broken one before the batch starts).
Each kernel used to check its ledger again: the on-disk cache (kit/ledger/store.py) is kept per working folder,
kernels start in the notebook's folder, and the cache may be off. So the batch writes each checked ledger into a
folder of its own (:func:`hand_over`: one file per ledger, named by its content key, and ``index.json``, each
ledger folder's key) and names that folder in ``$KIT_VALIDATED``. A kernel's loader takes a checked ledger from
there (:func:`take`) only when the content key of the files it was read from, hashed again in the kernel, is the
key the batch recorded: the same bytes and the same kit (:func:`kit.ledger.store.fingerprint`). Otherwise (a file
edited since, another kit, a run on a cluster worker where the folder does not exist) the kernel checks the ledger
itself, as it always did.

Problems keep their paths as the batch showed them, re-rooted at the kernel's working folder. The files are
pickles, trusted as the on-disk cache is: they sit in the batch's own output folder.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import pickle
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path

from kit.ledger import store
from kit.ledger.check import Ledger
from kit.ledger.folder import write_all
from kit.paths import shown

#: the environment variable that names the folder of handed-over ledgers
ENV = "KIT_VALIDATED"
#: each ledger folder (resolved) and the content key of its checked ledger
INDEX = "index.json"


def content_key(read: dict[Path, str | None]) -> str:
    """The files a checked ledger was read from, by path and digest, and the kit that checked it, as one hash."""
    digest = hashlib.sha256(store.fingerprint().encode())
    for path, known in sorted(read.items(), key=lambda item: str(item[0])):
        digest.update(f"\0{path}\0{known}".encode())
    return digest.hexdigest()


def _name(key: str) -> str:
    return f"{key[:40]}.pickle"


def hand_over(folders: Iterable[Path], into: Path) -> dict[str, str]:
    """Check each ledger folder (or take this process's check of it) and write it into ``into`` for the kernels;
    each folder's content key. Raises OSError when ``into`` cannot be written (kernels then check for themselves)."""
    from kit.ledger.load import checked  # here: load.py asks this module in every kernel

    into.mkdir(parents=True, exist_ok=True)
    keys: dict[str, str] = {}
    for folder in dict.fromkeys(Path(folder) for folder in folders):
        if not folder.is_dir():
            continue
        read, ledger = checked(folder)
        key = content_key(read)
        if not (into / _name(key)).is_file():
            write_all({into / _name(key): pickle.dumps((os.getcwd(), read, ledger), protocol=pickle.HIGHEST_PROTOCOL)})
        keys[str(folder.resolve())] = key
    write_all({into / INDEX: json.dumps(keys, sort_keys=True).encode("utf-8")})  # a kernel reads one or the other
    wanted = {_name(key) for key in keys.values()}
    for stale in into.glob("*.pickle"):  # a ledger of an earlier batch
        if stale.name not in wanted:
            with suppress(OSError):
                stale.unlink()
    return keys


def take(folder: Path) -> store.Entry | None:
    """The batch's checked ledger of ``folder`` when ``$KIT_VALIDATED`` holds one whose files still hash to its
    content key; None otherwise (the caller checks the ledger)."""
    where = os.environ.get(ENV)
    if not where:
        return None
    try:
        index = _index(Path(where) / INDEX, *_status(Path(where) / INDEX))
        key = index.get(str(folder.resolve()))
        if key is None:
            return None
        cwd, read, ledger = pickle.loads((Path(where) / _name(key)).read_bytes())
    except Exception:  # no index, a damaged or foreign file: the kernel checks the ledger itself
        return None
    if not isinstance(ledger, Ledger) or content_key({path: store.digest_of(path) for path in read}) != key:
        return None
    return store.Entry(read, _rerooted(ledger, cwd))


def _status(path: Path) -> tuple[int, int]:
    found = path.stat()
    return found.st_mtime_ns, found.st_size


@functools.lru_cache(maxsize=4)
def _index(path: Path, mtime: int, size: int) -> dict[str, str]:
    """The index, read once a process while it is unchanged (a story's kernel looks up every article in it)."""
    found = json.loads(path.read_text(encoding="utf-8"))
    return found if isinstance(found, dict) else {}


def _rerooted(ledger: Ledger, cwd: str) -> Ledger:
    """The ledger with its problems' paths shown from this process's working folder instead of the batch's."""
    if cwd == os.getcwd():
        return ledger
    base = Path(cwd)
    problems = [
        problem if Path(problem.path).is_absolute() else dataclasses.replace(problem, path=shown(base / problem.path))
        for problem in ledger.problems
    ]
    return dataclasses.replace(ledger, problems=problems)
