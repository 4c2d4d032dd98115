"""A run shipped to another machine: what the client packs, and what a Dask worker does with it.

No shared filesystem is assumed. A shipment carries the notebook's bytes (committed outputs cleared),
the helper files beside it, the files of the ledger it reads (of every ledger, for a story run: its
``datapackage.json``, what that names and the documented companions, each inside the ledger's folder, see
``kit.ledger.folder``), its parameters and the client's versions. The worker refuses a run when its own
versions differ (a report must not depend on which machine drew it), unpacks the rest into a scratch
folder, executes there and returns the executed notebook and both pages as bytes; the client alone writes
them and keeps the cache. A batch's check of each ledger travels with the run too (kit/ledger/handover.py): the
worker records it for the folder it unpacked the ledger in, so the kernel there does not check the ledger again
while the files it finds hash to what the batch checked.

This module imports no Dask: a worker needs the kit and the libraries that render, as the client does.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import tempfile
from contextlib import suppress
from pathlib import Path, PurePosixPath
from typing import Any

from kit.ledger import handover
from kit.ledger.folder import ledger_files
from kit.run.cache import environment, helper_files
from kit.run.runsfile import Run, ledger_folder, notebook_parameters
from kit.run.worker import Result, execute_run, log_output_to, make_task

Shipment = dict[str, Any]
#: set by a batch for the workers of the cluster it starts itself (--scheduler local): where their output goes
LOG_ENV = "KIT_RUN_WORKER_LOG"


class VersionMismatch(RuntimeError):
    """A worker whose kit or library versions differ from the client's: its report could differ too."""


def _files(paths: list[Path], root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in paths}


def ship(run: Run, timeout: float, versions: dict[str, str], validated: Path | None = None) -> Shipment:
    """Everything a worker on another machine needs to execute one run, as bytes and plain values; with the
    batch's check of each ledger it reads when ``validated`` (its hand-over folder) holds one."""
    ledger = ledger_folder(run)
    try:
        declared = notebook_parameters(run.notebook) or {}
    except (OSError, ValueError, SyntaxError):
        declared = {}
    task = make_task(run, timeout)
    story = [Path(folder) for folder in task["ledgers"] or []]
    return {
        "task": task,
        "helpers": _files(helper_files(run.notebook), run.notebook.parent),
        "ledger": _files(ledger_files(ledger), ledger),
        "ledger_parameter": "ledger" in declared,
        # a story run's ledgers, each under its own folder name (notebooks name an article by its folder)
        "ledgers": [(folder.name, _files(ledger_files(folder), folder)) for folder in story],
        "versions": versions,
        # the batch's check of the ledger (when the kernel is told where it is) and of each story ledger, as
        # (content key, bytes), or None
        "checked": {
            "ledger": _checked(ledger, validated) if "ledger" in declared else None,
            "ledgers": [_checked(folder, validated) for folder in story],
        },
    }


def _checked(folder: Path, validated: Path | None) -> tuple[str, bytes] | None:
    return None if validated is None else handover.shipped(folder, validated)


def shipped_bytes(shipment: Shipment) -> int:
    """How many bytes of files a shipment carries (notebook, helpers, ledger), for the benchmarks."""
    files = [*shipment["helpers"].values(), *shipment["ledger"].values()]
    files += [data for _, ledger in shipment.get("ledgers", []) for data in ledger.values()]
    checked = shipment.get("checked", {})
    files += [found[1] for found in [checked.get("ledger"), *checked.get("ledgers", [])] if found is not None]
    return len(shipment["task"]["source"]) + sum(len(data) for data in files)


def differences(client: dict[str, str], worker: dict[str, str]) -> list[str]:
    """Each version that differs, naming both: 'pandas 3.0.0 on the worker, 3.1.1 on the client'."""
    return [
        f"{name} {worker.get(name, 'missing')} on the worker, {client.get(name, 'missing')} on the client"
        for name in sorted(set(client) | set(worker))
        if client.get(name) != worker.get(name)
    ]


@functools.cache
def _quiet() -> None:
    """On a cluster the batch started itself, worker and kernel messages go to its log, as in the local pool."""
    if os.environ.get(LOG_ENV):
        log_output_to(os.environ[LOG_ENV])


def worker_name() -> str:
    """The Dask worker's address, or 'local' outside a Dask worker."""
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):
        return "local"


def _unpack(files: dict[str, bytes], folder: Path) -> None:
    for name, data in files.items():
        relative = PurePosixPath(name)
        if relative.is_absolute() or ".." in relative.parts:
            raise ValueError(f"refusing to write {name!r} outside the scratch folder")
        path = folder.joinpath(*relative.parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


@functools.cache
def _validated() -> Path:
    """This worker process's folder of ledgers checked by their batches, named in ``$KIT_VALIDATED`` for the
    kernels it starts (each run adds its own ledgers and drops them when done; runs may share the process)."""
    folder = Path(tempfile.mkdtemp(prefix="kit-validated-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def _execute(task: dict[str, Any], handed: dict[Path, tuple[str, bytes]]) -> Result:
    """Execute the run, its kernel taking the batch's check of each ledger unpacked for it (``handed``)."""
    if not handed:
        return execute_run(task)
    into = _validated()
    with suppress(OSError):  # otherwise the kernel checks its ledgers itself
        handover.receive(handed, into)
        os.environ[handover.ENV] = str(into)
    try:
        return execute_run(task)
    finally:
        handover.release(handed, into)


def run_shipped(shipment: Shipment) -> Result:
    """Execute a shipped run in a scratch folder on this worker; raise VersionMismatch if it must not take it."""
    _quiet()
    worker = worker_name()
    differ = differences(shipment["versions"], environment())  # each time: kernels import the kit from disk
    if differ:
        raise VersionMismatch(f"refused by worker {worker}, whose versions differ: " + "; ".join(differ))
    with tempfile.TemporaryDirectory(prefix="kit-shipped-") as scratch:
        work, ledger = Path(scratch) / "work", Path(scratch) / "ledger"
        work.mkdir()
        ledger.mkdir()
        _unpack(shipment["helpers"], work)
        _unpack(shipment["ledger"], ledger)
        checked = shipment.get("checked") or {}
        handed = {ledger: checked.get("ledger")}
        story_checked = list(checked.get("ledgers") or [])
        task = dict(shipment["task"], cwd=str(work), ledger=str(ledger))
        if shipment["ledger_parameter"]:
            task["parameters"] = {**task["parameters"], "ledger": str(ledger)}
        if task.get("ledgers") is not None:
            story = []
            for number, (name, files) in enumerate(shipment.get("ledgers", [])):
                safe = name if name not in ("", ".", "..") and "/" not in name and "\\" not in name else "ledger"
                story.append(Path(scratch) / "ledgers" / str(number) / safe)
                story[-1].mkdir(parents=True)
                _unpack(files, story[-1])
                handed[story[-1]] = story_checked[number] if number < len(story_checked) else None
            task["ledgers"] = [str(folder) for folder in story]
            task["parameters"] = {**task["parameters"], "ledgers": task["ledgers"]}
        result = _execute(task, {folder: found for folder, found in handed.items() if found is not None})
    result["worker"] = worker
    return result
