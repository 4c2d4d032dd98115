"""Execute one run and render its two pages: the work a worker does, in the local pool or on a cluster.

A task is a plain dict (it crosses process and machine boundaries): the notebook's bytes with committed
outputs cleared, the parameters the kernel gets, the kernel's working directory and the ledger to name
in the banner. :func:`execute_run` never raises for a notebook's own failure; it returns the executed
notebook and both pages as bytes, and the batch's main process alone writes them.

Heavy modules (papermill, nbconvert, the kernel machinery) are imported inside the functions, so the
main process of a batch where everything is cached never loads them.
"""

from __future__ import annotations

import json
import os
import re
import signal
import tempfile
import threading
import time
from contextlib import suppress
from pathlib import Path
from typing import Any

from kit.run.atomic import MODE
from kit.run.execute import KERNEL, normalise, papermill_run
from kit.run.runsfile import Run, ledger_folder

Task = dict[str, Any]
Result = dict[str, Any]


class Stopped(SystemExit):
    """Raised in a pool worker by SIGTERM so that papermill shuts its kernel down and temporary files go."""


def stop_on_signal(signum: int, frame: Any) -> None:
    """A pool worker's SIGTERM handler: unwind through papermill's clean-up, then leave."""
    raise Stopped(128 + signum)


#: seconds between a pool worker's looks at its parents, and then for its kernel to shut down before it leaves
PARENT_POLL, PARENT_GRACE = 1.0, 10.0


def exit_with_batch(batch: int) -> None:
    """A pool worker leaves on its own when the batch is gone (``kill -9`` leaves no one to stop it).

    A thread looks every second at the worker's parent (the pool's fork server, which ends with the batch)
    and at the batch process itself; once either is gone it sends the worker its own SIGTERM, which unwinds
    through papermill's clean-up as a batch's Ctrl-C does, and exits outright if that has not ended it soon.
    """
    parent = os.getppid()

    def alive() -> bool:
        try:
            os.kill(batch, 0)
        except ProcessLookupError:
            return False
        except OSError:  # another user's process: it exists
            pass
        return os.getppid() == parent

    def watch() -> None:
        while alive():
            time.sleep(PARENT_POLL)
        with suppress(OSError):
            os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(PARENT_GRACE)
        os._exit(128 + signal.SIGTERM)

    threading.Thread(target=watch, name="kit-exit-with-batch", daemon=True).start()


def log_output_to(log: str) -> None:
    """Send this process's output, and its kernels', to a log file, so the progress bar and summary stay readable."""
    with suppress(OSError):
        descriptor = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, MODE)
        os.dup2(descriptor, 1)
        os.dup2(descriptor, 2)
        os.close(descriptor)


def clean_source(notebook: Path) -> bytes:
    """The notebook as a run starts it: committed outputs and counts cleared.

    A run that stops part-way then shows no stale committed output below where it stopped, and a
    cluster worker gets the code, not the committed charts.
    """
    data = notebook.read_bytes()
    try:
        document = json.loads(data)
        for cell in document.get("cells", []):
            if cell.get("cell_type") == "code":
                cell["outputs"], cell["execution_count"] = [], None
    except (ValueError, AttributeError, TypeError):
        return data  # papermill says what is wrong with it, in the run's own report
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def make_task(run: Run, timeout: float) -> Task:
    """What a worker on this machine needs to execute one run: the kernel starts in the notebook's folder."""
    parameters = run.kernel_parameters()
    return {
        "name": run.name,
        "notebook_name": run.notebook.name,
        "source": clean_source(run.notebook),
        "cwd": str(run.notebook.parent),
        "parameters": parameters,
        "recorded": parameters,
        "written": run.parameters,
        "timeout": timeout,
        "ledger": str(ledger_folder(run)),
        "ledgers": parameters["ledgers"] if run.scope == "story" else None,
    }


def first_line(text: str) -> str:
    """The first non-blank line of a message, for one-line summaries."""
    for line in str(text).splitlines():
        if line.strip():
            return line.strip()
    return ""


def _strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def _mark_stop(nb: Any, status: str, message: str) -> None:
    """Show in the notebook where execution stopped when the kernel could not say it (a timeout, a dead kernel)."""
    import nbformat

    started = [
        cell
        for cell in nb.cells
        if cell.cell_type == "code" and cell.get("metadata", {}).get("papermill", {}).get("start_time")
    ]
    name = "Timeout" if status == "timeout" else "RunFailed"
    error = nbformat.v4.new_output("error", ename=name, evalue=message, traceback=[f"{name}: {message}"])
    if started:
        started[-1].setdefault("outputs", []).append(error)
    banner = nbformat.v4.new_markdown_cell(f"**This run stopped: {message}**")
    banner.metadata["tags"] = ["kit-run-stopped"]
    nb.cells.insert(0, banner)


def _record_parameters(nb: Any, recorded: dict[str, Any], given: dict[str, Any]) -> None:
    """Make the injected cell say what the run was given where it was planned, not a worker's scratch paths.

    With nothing to record, the cell goes and the execution counts after it close up, so the notebook
    is the one a local run writes.
    """
    if recorded == given:
        return
    index = next((i for i, cell in enumerate(nb.cells) if "injected-parameters" in cell.metadata.get("tags", [])), -1)
    if index < 0:
        return
    if recorded:
        from papermill.translators import translate_parameters

        nb.cells[index].source = translate_parameters(KERNEL, "python", recorded, "Parameters")
        return
    del nb.cells[index]
    for cell in nb.cells[index:]:
        for item in [cell, *cell.get("outputs", [])]:
            if isinstance(item.get("execution_count"), int):
                item["execution_count"] -= 1


def execute_run(task: Task) -> Result:
    """Execute one run with papermill and render both pages; never raises for a notebook's own failure."""
    try:
        return _execute_run(task)
    except Stopped as stop:
        # Cleanup has run on the way up (kernel shut down, scratch folder removed). Leave now:
        # the pool would otherwise keep this worker waiting for work that will never come.
        os._exit(stop.code if isinstance(stop.code, int) else 1)


def _execute(task: Task, scratch: Path) -> tuple[Any, str, str]:
    """Run papermill in a scratch folder; the executed notebook (as far as it got), a status and an error."""
    import nbformat
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    status, error, marked = "ok", "", False
    source = scratch / task["notebook_name"]
    source.write_bytes(task["source"])
    executed = scratch / f"executed-{task['notebook_name']}"
    try:
        papermill_run(source, executed, task["parameters"], task["cwd"], task["timeout"])
    except PapermillExecutionError as failure:
        status, marked = "failed", True
        evalue = first_line(_strip_ansi(failure.evalue))
        error = f"{failure.ename}: {evalue}" if evalue else failure.ename
    except CellTimeoutError:
        status, error = "timeout", f"a cell ran longer than {task['timeout']:g} s (--timeout)"
    except DeadKernelError as failure:
        status, error = "failed", f"the kernel died ({first_line(str(failure)) or 'DeadKernelError'})"
    except Exception as failure:  # a notebook that cannot start: bad JSON, no kernel, ...
        status, error = "failed", f"{type(failure).__name__}: {first_line(str(failure))}"
    try:
        nb = nbformat.read(executed, as_version=4)
    except (OSError, ValueError):
        nb = nbformat.read(source, as_version=4)
    if status != "ok" and not marked:
        _mark_stop(nb, status, error)
    return nb, status, error


def _ledger_identity(ledger: str) -> tuple[str, str]:
    """The ledger's version and title for the banner and the index; a broken ledger says so instead."""
    try:
        from kit.ledger import ledger_version, package

        return ledger_version(ledger), str(package(ledger).get("title", ""))
    except Exception as failure:
        return f"unreadable ledger: {first_line(str(failure))}", ""


def _story_identity(ledgers: list[str]) -> tuple[str, list[str]]:
    """A story run's version (how many ledgers, and one short hash of all their versions) and the ledgers it shows.

    A ledger that does not validate is left out of the story's page (kit/report/tracker.py names it there): the
    version says so, and the page's footer lists the others."""
    import hashlib

    versions, sound, left_out = [], [], []
    for ledger in ledgers:
        version, _ = _ledger_identity(ledger)
        if version.startswith("unreadable ledger"):
            left_out.append(Path(ledger).name)
            continue
        versions.append(version)
        sound.append(ledger)
    digest = hashlib.sha256("\n".join(versions).encode()).hexdigest()[:12]
    version = f"{len(sound)} ledgers+{digest}"
    if left_out:
        version += f"; left out, not validating: {', '.join(left_out)}"
    return version, sound


def not_applicable(nb: Any) -> str:
    """The reason a page gives for having nothing to show on its ledger (kit.report.sections marks it in the
    output's metadata), or "" for a page that applies."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            mark = output.get("metadata", {}).get("kit", {})
            if isinstance(mark, dict) and mark.get("status") == "not applicable":
                return str(mark.get("reason", ""))
    return ""


def _execute_run(task: Task) -> Result:
    started = time.perf_counter()
    import nbformat

    from kit.report import html as render

    with tempfile.TemporaryDirectory(prefix="kit-run-") as scratch:
        nb, status, error = _execute(task, Path(scratch))
    _record_parameters(nb, task["recorded"], task["parameters"])
    if status == "ok":
        reason = not_applicable(nb)
        if reason:
            status, error = "not applicable", reason
    normalise(nb, Path(task["notebook_name"]).stem)
    ledgers = task.get("ledgers")
    if ledgers is not None:
        (version, ledgers), ledger_title = _story_identity(ledgers), ""
    else:
        version, ledger_title = _ledger_identity(task["ledger"])

    shown = ", ".join(f"{key}={value!r}" for key, value in task["written"].items()) or "defaults"
    banner = f"{task['name']}: {task['notebook_name']} with {shown}; ledger version {version}"
    if status != "ok":
        banner += f"; this run {status}: {error}"
    shown_ledgers = [Path(folder) for folder in (ledgers if ledgers is not None else [task["ledger"]])]
    files = {"executed": nbformat.writes(nb).encode("utf-8")}
    try:
        for flavour, with_code in (("report", False), ("full", True)):
            page = render.notebook_html(
                nb, with_code=with_code, title=task["name"], banner=banner, run_name=task["name"], ledgers=shown_ledgers
            )
            files[flavour] = page.encode("utf-8")
    except Exception as failure:
        if status == "ok":
            status = "failed"
            error = f"could not render: {type(failure).__name__}: {first_line(str(failure))}"
    return {
        "name": task["name"],
        "status": status,
        "error": error,
        "seconds": time.perf_counter() - started,
        "files": files,
        "ledger_version": version,
        "ledger_title": ledger_title,
        "worker": "",
    }
