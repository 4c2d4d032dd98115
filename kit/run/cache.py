"""What a run's report depends on, hashed into a key, and what the last batch recorded about each run.

A run whose key is unchanged since its last success is skipped. The key covers the notebook, its
parameters as the kernel gets them, the ledger files it reads (every article's, for a story run), the
sides of the story its ledgers belong to (a page's side colours are the story's, kit/report/story_palette.py),
the helper files beside the notebook, the kit's own code and templates, and the versions of the libraries
that shape the outputs: upgrading matplotlib or nbconvert re-renders every report. The same versions
are what a cluster worker must match before it takes a run (see :mod:`kit.run.remote`).

A ledger's files are the ones the kit reads (kit/ledger/folder.py ``ledger_files``: datapackage.json, what it
names, the documented companions), never a file through a link that leaves the folder and never a file the
package does not name (a curator's notes, drafts): such a file changes no page. Their digests are the ledger
store's (kit/ledger/store.py ``digest_of``: a file whose status is unchanged is not hashed again), and a batch
hashes each ledger once however many runs read it (``memo``).
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
from collections.abc import Callable, Iterable
from contextlib import suppress
from importlib import metadata
from pathlib import Path
from typing import Any

from kit.ledger.catalog import CATALOG_FILE
from kit.ledger.folder import ledger_files
from kit.ledger.store import digest_of
from kit.paths import KIT_DIR
from kit.run.atomic import STATE_DIR, atomic_write
from kit.run.execute import KERNEL
from kit.run.runsfile import Run, ledger_folder, ledger_folders_read

CACHE_VERSION = "3"  # 3: a ledger's files as ledger_files names them, and the story's sides
#: the distributions whose versions shape a report: executing, the figures in it, and rendering it
LIBRARIES = (
    "kit",
    "pandas",
    "numpy",
    "matplotlib",
    "seaborn",
    "nbformat",
    "nbconvert",
    "nbclient",
    "papermill",
    "ipykernel",
)
#: files beside the notebooks that change what they compute
HELPER_PATTERNS = ("*.py", "matplotlibrc", "*.mplstyle")


#: Statuses of a run that did what it should: rendered, or found the page not applicable to the ledger and said why.
SUCCEEDED = ("ok", "not applicable")


@functools.cache
def package_version(name: str) -> str:
    """The installed version of one distribution, or ``not installed``; read once a process (the libraries a process
    has imported do not change under it, and each read scans every installed distribution's metadata)."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def environment() -> dict[str, str]:
    """The Python and library versions that shape a report, and a hash of the kit's own source.

    Part of every cache key, and what a cluster worker compares with the client's before it takes a run.
    """
    found = {"python": "{}.{}".format(*sys.version_info[:2])}
    found.update((name, package_version(name)) for name in LIBRARIES)
    found["kit source"] = kit_source_digest()[:16]
    return found


def files_under(folder: Path, keep: Callable[[Path], bool] | None = None) -> list[Path]:
    """Every file below a folder (links followed, caches skipped), in a stable order."""
    if not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and (keep is None or keep(path))
    )


def kit_source_files(root: Path = KIT_DIR) -> list[Path]:
    """The kit's own code in every subpackage, and its templates: a change to any of them can change a report.

    The packaged ledger (``data/``) is not source: it is hashed as the ledger of the runs that read it.
    """

    def keep(path: Path) -> bool:
        inside = path.relative_to(root).parts
        return inside[0] != "data" and (path.suffix == ".py" or inside[0] == "templates")

    return files_under(root, keep)


def helper_files(notebook: Path) -> list[Path]:
    """Files beside a notebook that it may import or read as its style (``*.py``, ``matplotlibrc``)."""
    folder = notebook.parent
    return sorted({path for pattern in HELPER_PATTERNS for path in folder.glob(pattern) if path.is_file()})


def _digest_files(digest: Any, label: str, paths: Iterable[Path], root: Path) -> None:
    for path in paths:
        digest.update(f"\0{label}\0{path.relative_to(root).as_posix()}\0".encode())
        digest.update(path.read_bytes())


def kit_source_digest(root: Path = KIT_DIR) -> str:
    """One hash of the kit's source: part of :func:`environment`, so of every key and every worker's check."""
    digest = hashlib.sha256()
    _digest_files(digest, "kit", kit_source_files(root), root)
    return digest.hexdigest()


def _once(memo: dict, key: tuple, compute: Callable[[], Any]) -> Any:
    """``compute()`` once per key per batch (``memo``): a thousand articles share one notebook and one corpus."""
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def ledger_digest(folder: Path, memo: dict | None = None) -> str:
    """One hash of the files of a ledger the kit reads, by name and content; once per folder per ``memo``."""

    def compute() -> str:
        digest = hashlib.sha256()
        for path in ledger_files(Path(folder)):
            digest.update(f"\0{path.relative_to(folder).as_posix()}\0{digest_of(path)}".encode())
        return digest.hexdigest()

    return _once({} if memo is None else memo, ("ledger", Path(folder)), compute)


def story_sides(folder: Path, memo: dict | None = None) -> list[str]:
    """The sides of the story a ledger belongs to, in the order that gives each its colour; [] for a ledger alone,
    whose sides are in its own files. Once per corpus folder per ``memo``."""
    memo = {} if memo is None else memo
    corpus = _once(memo, ("corpus of", Path(folder)), lambda: Path(folder).resolve().parent)
    if not _once(memo, ("catalog", corpus), (corpus / CATALOG_FILE).is_file):
        return []
    from kit.report import story_palette  # here: a batch of ledgers outside a corpus never loads matplotlib

    return _once(memo, ("story", corpus), lambda: story_palette.story_sides([folder]))


def _file_digest(label: str, paths: Iterable[Path], root: Path) -> str:
    digest = hashlib.sha256()
    _digest_files(digest, label, paths, root)
    return digest.hexdigest()


def cache_key(run: Run, versions: dict[str, str] | None = None, memo: dict | None = None) -> str:
    """A hash of everything a run's report depends on, so an unchanged run can be skipped.

    ``versions`` is :func:`environment` (library versions and the kit's source hash), computed once a batch;
    ``memo`` a dict a batch passes to every call, so each notebook, ledger and story is read once.
    """
    versions = environment() if versions is None else versions
    memo = {} if memo is None else memo
    notebook = _once(memo, ("notebook", run.notebook), lambda: hashlib.sha256(run.notebook.read_bytes()).hexdigest())
    folder = run.notebook.parent
    helpers = _once(memo, ("helpers", folder), lambda: _file_digest("helper", helper_files(run.notebook), folder))
    digest = hashlib.sha256(f"kit-run {CACHE_VERSION} {KERNEL}".encode())
    digest.update(b"\0versions\0" + json.dumps(versions, sort_keys=True).encode())
    digest.update(f"\0notebook\0{notebook}\0helpers\0{helpers}".encode())
    digest.update(b"\0parameters\0" + json.dumps(run.kernel_parameters(), sort_keys=True, default=str).encode())
    # every article's files for a story run: a new or edited article changes the story
    ledgers = ledger_folders_read(run) if run.scope == "story" else [ledger_folder(run)]
    for number, ledger in enumerate(ledgers):
        label = f"ledger {number} {ledger.name}" if run.scope == "story" else "ledger"
        digest.update(f"\0{label}\0{ledger_digest(ledger, memo)}".encode())
    sides = {side: None for ledger in ledgers for side in story_sides(ledger, memo)}
    digest.update(b"\0story sides\0" + json.dumps(list(sides)).encode())
    return digest.hexdigest()


# -- what the last batch recorded ----------------------------------------------------------


def output_paths(out: Path, name: str, failed: bool = False) -> dict[str, Path]:
    """Where a run's report, full page and executed notebook go; a failed run's go beside the good ones."""
    stem = f"{name}.failed" if failed else name
    return {
        "report": out / f"{stem}.html",
        "full": out / f"{stem}.full.html",
        "executed": out / f"{stem}.ipynb",
    }


def state_path(out: Path, name: str) -> Path:
    """The file that records a run's last result and its last success."""
    return out / STATE_DIR / f"{name}.json"


def read_state(out: Path, name: str) -> dict[str, Any]:
    """What the last batch recorded about a run; empty when never run or unreadable."""
    try:
        state = json.loads(state_path(out, name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def write_state(out: Path, name: str, state: dict[str, Any]) -> None:
    """Record a run's state; a state that cannot be written only costs a re-execution next time."""
    with suppress(OSError):
        atomic_write(state_path(out, name), json.dumps(state, indent=1, default=str))


def remove_failed_outputs(out: Path, name: str, keep: Iterable[Path] = ()) -> None:
    """Remove a run's failed outputs (once it succeeds, or before new ones are written); raises OSError."""
    kept = set(keep)
    for path in output_paths(out, name, failed=True).values():
        if path not in kept:
            with suppress(FileNotFoundError):
                path.unlink()


def is_cached(out: Path, run: Run, key: str, state: dict[str, Any]) -> bool:
    """True when the run's last success had this key and its outputs are all still there."""
    good = state.get("good") or {}
    return good.get("key") == key and all(path.is_file() for path in output_paths(out, run.name).values())


def mark_cached(out: Path, run: Run, state: dict[str, Any]) -> None:
    """A run that failed last time but whose inputs are back to its last success: show the success again."""
    if (state.get("last") or {}).get("status") not in SUCCEEDED:
        state["last"] = state["good"]
        with suppress(OSError):
            remove_failed_outputs(out, run.name)
        write_state(out, run.name, state)
