"""A batch's checked ledgers handed to its kernels by content, so ``kit run`` validates each ledger once a batch.

``kit run`` checks every ledger its runs read in its own process (it names a broken one before the batch starts).
Each kernel used to check its ledger again: the on-disk cache (kit/ledger/store.py) is kept per working folder,
kernels start in the notebook's folder, and the cache may be off. So the batch writes each checked ledger into a
folder of its own (:func:`hand_over`: one file per ledger, named by its content key, and ``index.json``, each
ledger folder's key) and names that folder in ``$KIT_VALIDATED``. A kernel's loader takes a checked ledger from
there (:func:`take`) only when the content key of the files it was read from, hashed again in the kernel, is the
key the batch recorded: the same bytes and the same kit (:func:`kit.ledger.store.fingerprint`). Otherwise (a file
edited since, another kit) the kernel checks the ledger itself, as it always did.

The key names each file by its path inside the ledger's folder, not by where the folder is, so a checked ledger
travels with a run sent to a cluster worker (:func:`shipped`), which unpacks the ledger's files in a scratch folder
of its own and records the hand-over under that folder (:func:`receive`, then :func:`release` when the run is done).
A file that differs there from what the batch checked gives another key: the kernel checks the ledger again.

Problems keep their paths as the batch showed them, re-rooted at the kernel's working folder and the folder the
ledger sits in there. The files are pickles, trusted as the on-disk cache is: they sit in the batch's own output
folder, or come from the batch's client with the run itself.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import pickle
import threading
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path, PurePosixPath

from kit.ledger import store
from kit.ledger.check import Ledger
from kit.ledger.folder import REFUSED, write_all
from kit.paths import shown

#: the environment variable that names the folder of handed-over ledgers
ENV = "KIT_VALIDATED"
#: each ledger folder (resolved) and the content key of its checked ledger
INDEX = "index.json"
#: runs on one cluster worker's threads add and drop their ledgers in one index
_INDEX_LOCK = threading.Lock()


def named(folder: Path, read: dict[Path, str | None]) -> dict[str, str | None] | None:
    """Each file a checked ledger was read from, by its path inside ``folder`` (with ``/``), and its digest; None
    when one lies outside the folder or a file was refused (such a ledger is never handed over)."""
    base = os.path.abspath(folder)
    found: dict[str, str | None] = {}
    for path, digest in read.items():
        inside = os.path.relpath(os.path.abspath(path), base)
        if digest == REFUSED or inside.split(os.sep)[0] == os.pardir:
            return None
        found[PurePosixPath(*Path(inside).parts).as_posix()] = digest
    return found


def content_key(files: dict[str, str | None]) -> str:
    """The files a checked ledger was read from, by their path inside its folder and digest, and the kit that
    checked it, as one hash: the same wherever the folder sits."""
    digest = hashlib.sha256(store.fingerprint().encode())
    for name, known in sorted(files.items()):
        digest.update(f"\0{name}\0{known}".encode())
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
        files = named(folder, read)
        if files is None:
            continue
        key = content_key(files)
        if not (into / _name(key)).is_file():
            entry = (os.getcwd(), os.path.abspath(folder), files, ledger)
            write_all({into / _name(key): pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)})
        keys[str(folder.resolve())] = key
    write_all({into / INDEX: json.dumps(keys, sort_keys=True).encode("utf-8")})  # a kernel reads one or the other
    _drop_unused(into, keys)
    return keys


def _drop_unused(into: Path, keys: dict[str, str]) -> None:
    wanted = {_name(key) for key in keys.values()}
    for stale in into.glob("*.pickle"):  # a ledger of an earlier batch, or of a run that is done
        if stale.name not in wanted:
            with suppress(OSError):
                stale.unlink()


def shipped(folder: Path, into: Path) -> tuple[str, bytes] | None:
    """The batch's hand-over of ``folder`` from ``into``, as its key and bytes, to send with a run to another
    machine; None when there is none (the kernel there checks the ledger itself)."""
    try:
        key = json.loads((into / INDEX).read_text(encoding="utf-8")).get(str(Path(folder).resolve()))
        return None if not isinstance(key, str) else (key, (into / _name(key)).read_bytes())
    except (OSError, ValueError, AttributeError):
        return None


def receive(handed: dict[Path, tuple[str, bytes]], into: Path) -> None:
    """Record hand-overs shipped with a run (:func:`shipped`) for the folders its ledgers were unpacked in, so the
    kernels that ``$KIT_VALIDATED`` points at ``into`` take them. Raises OSError when ``into`` cannot be written."""
    with _INDEX_LOCK:
        into.mkdir(parents=True, exist_ok=True)
        keys = _read_index(into)
        for folder, (key, data) in handed.items():
            write_all({into / _name(key): data})
            keys[str(Path(folder).resolve())] = key
        write_all({into / INDEX: json.dumps(keys, sort_keys=True).encode("utf-8")})


def release(folders: Iterable[Path], into: Path) -> None:
    """Forget the hand-overs :func:`receive` recorded for ``folders`` (their run is done), and their files."""
    with _INDEX_LOCK:
        keys = _read_index(into)
        for folder in folders:
            keys.pop(str(Path(folder).resolve()), None)
        with suppress(OSError):
            write_all({into / INDEX: json.dumps(keys, sort_keys=True).encode("utf-8")})
            _drop_unused(into, keys)


def _read_index(into: Path) -> dict[str, str]:
    try:
        found = json.loads((into / INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def take(folder: Path) -> store.Entry | None:
    """The batch's checked ledger of ``folder`` when ``$KIT_VALIDATED`` holds one whose files, where they are now,
    still hash to its content key; None otherwise (the caller checks the ledger)."""
    where = os.environ.get(ENV)
    if not where:
        return None
    try:
        index = _index(Path(where) / INDEX, *_status(Path(where) / INDEX))
        key = index.get(str(folder.resolve()))
        if key is None:
            return None
        cwd, origin, files, ledger = pickle.loads((Path(where) / _name(key)).read_bytes())
        paths = {name: folder.joinpath(*_inside(name)) for name in files}
    except Exception:  # no index, a damaged or foreign file: the kernel checks the ledger itself
        return None
    if not isinstance(ledger, Ledger):
        return None
    found = {name: store.digest_of(path) for name, path in paths.items()}
    if found != files or content_key(found) != key:
        return None
    return store.Entry({paths[name]: digest for name, digest in found.items()}, _rerooted(ledger, cwd, origin, folder))


def _inside(name: str) -> tuple[str, ...]:
    parts = PurePosixPath(name).parts
    if PurePosixPath(name).is_absolute() or ".." in parts:
        raise ValueError(f"{name!r} is not a path inside a ledger folder")
    return parts


def _status(path: Path) -> tuple[int, int, int]:
    found = path.stat()
    return found.st_ino, found.st_mtime_ns, found.st_size


@functools.lru_cache(maxsize=4)
def _index(path: Path, inode: int, mtime: int, size: int) -> dict[str, str]:
    """The index, read once a process while it is unchanged (a story's kernel looks up every article in it)."""
    found = json.loads(path.read_text(encoding="utf-8"))
    return found if isinstance(found, dict) else {}


def _rerooted(ledger: Ledger, cwd: str, origin: str, folder: Path) -> Ledger:
    """The ledger with its problems' paths shown from this process's working folder instead of the batch's, and
    inside ``folder`` instead of the folder the batch checked (``origin``)."""
    here = os.path.abspath(folder)
    if cwd == os.getcwd() and origin == here:
        return ledger
    problems = [
        dataclasses.replace(problem, path=_moved(problem.path, cwd, origin, here)) for problem in ledger.problems
    ]
    # The files it was read from, where they are here: the article and the tables are read again by path (a
    # relative path of the batch's working folder names nothing in a kernel that starts in the notebook's).
    tables = {name: dataclasses.replace(table, path=_file(table.path, cwd, origin, here)) for name, table in
              ledger.tables.items()}  # fmt: skip
    article = ledger.article
    if article is not None:
        article = dataclasses.replace(article, path=_file(article.path, cwd, origin, here))
    return dataclasses.replace(ledger, folder=Path(here), problems=problems, tables=tables, article=article)


def _file(path: Path, cwd: str, origin: str, here: str) -> Path:
    """A file the batch read under ``origin`` (its path as the batch gave it, from ``cwd``), inside ``here``."""
    inside = os.path.relpath(os.path.abspath(os.path.join(cwd, path)), origin)
    return Path(here, inside) if inside.split(os.sep)[0] != os.pardir else Path(path)


def _moved(path: str, cwd: str, origin: str, here: str) -> str:
    absolute = os.path.abspath(os.path.join(cwd, path))
    inside = os.path.relpath(absolute, origin)
    if inside.split(os.sep)[0] != os.pardir:
        return shown(os.path.join(here, inside))
    return path if os.path.isabs(path) else shown(absolute)
