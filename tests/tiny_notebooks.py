"""Helpers for the run-layer tests: tiny notebooks and runs files, ``python -m kit run`` in a child process
(in the foreground, or in the background to interrupt it), and the one execution of the default runs that
every test reading their outputs shares.

Tiny notebooks run in a second and need no matplotlib; the default runs (notebooks/runs.yaml) take
about a minute, so a session executes them once, whichever test asks first.
"""

from __future__ import annotations

import atexit
import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import nbformat
import pytest
import yaml
from tiers import refuse_in_quick_tier

ROOT = Path(__file__).resolve().parents[1]
# The ledger cache of the test session (kit/ledger/store.py), in a folder of its own, never the user's; set here, before
# ENV copies the environment, so batches and kernels use it too.
os.environ["KIT_CACHE"] = tempfile.mkdtemp(prefix="kit-ledger-cache-")
atexit.register(shutil.rmtree, os.environ["KIT_CACHE"], True)
ENV = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))


def make_notebook(path: Path, parameters: str, *cells: str) -> Path:
    """A small notebook with a cell tagged ``parameters`` and the given code cells."""
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(parameters)
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# A tiny report"), params]
    nb.cells += [nbformat.v4.new_code_cell(source) for source in cells]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def write_runs(path: Path, runs: list[dict]) -> Path:
    """A runs file listing the given runs."""
    path.write_text(yaml.safe_dump({"runs": runs}, sort_keys=False), encoding="utf-8")
    return path


def kit_command(*arguments: str) -> list[str]:
    """``python -m kit run ARGUMENTS`` as a user or ``make report`` types it (run it with ``env=ENV``)."""
    return [sys.executable, "-m", "kit", "run", *arguments]


def kit_run(*arguments: str, cwd: Path, timeout: float = 240) -> subprocess.CompletedProcess:
    """``python -m kit run`` in a child process; its output as text."""
    return subprocess.run(kit_command(*arguments), cwd=cwd, env=ENV, capture_output=True, text=True, timeout=timeout)


def summary_row(output: str, name: str) -> list[str]:
    """The cells of one run's row in the summary table."""
    for line in output.splitlines():
        cells = line.split()
        if cells and cells[0] == name:
            return cells
    raise AssertionError(f"no summary row for {name!r} in:\n{output}")


@contextmanager
def built_once(factory: pytest.TempPathFactory, name: str) -> Iterator[tuple[Path, bool]]:
    """A session folder built once however many processes run the tests: under pytest-xdist (``-n``) every
    worker's temporary folder sits in one shared folder, and a lock lets the first worker build while the
    others wait. Yields the folder and whether it still has to be built; a build that raised is retried."""
    base = factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, done = shared / name, shared / f"{name}.built"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            folder.mkdir(exist_ok=True)
            yield folder, not done.is_file()
            done.touch()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def session_runs() -> list[dict]:
    """The runs of notebooks/runs.yaml the session build executes in kernels: each notebook with its defaults,
    and each notebook's first run with other parameters. The others (the overview per topic and per side)
    differ from those only in parameter values; test_render runs them in-process, at a quarter of the cost."""
    runs = yaml.safe_load((ROOT / "notebooks" / "runs.yaml").read_text(encoding="utf-8"))["runs"]
    kept, with_parameters = [], set()
    for run in runs:
        if run.get("parameters"):
            if run["notebook"] in with_parameters:
                continue
            with_parameters.add(run["notebook"])
        kept.append({**run, "notebook": str(ROOT / "notebooks" / run["notebook"])})
    return kept


def build_default_runs(factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    """The session's runs of notebooks/runs.yaml (``session_runs``), executed with the local pool as ``make
    report`` would, once a session.

    The first caller executes them into the session's temporary folder; later callers (other test
    modules, other xdist workers) get the same folder and the same completed process back.
    """
    if not list((ROOT / "notebooks").glob("*.ipynb")):
        pytest.skip("no notebooks in notebooks/ yet")
    with built_once(factory, "default-runs") as (folder, to_build):
        out, record = folder / "build", folder / "result.json"
        if to_build:
            runs = write_runs(folder / "runs.yaml", session_runs())
            result = kit_run("--runs", str(runs), "--out", str(out), "--jobs", "2", "--force", cwd=ROOT, timeout=900)
            saved = {"args": result.args, "returncode": result.returncode, "stdout": result.stdout}
            record.write_text(json.dumps({**saved, "stderr": result.stderr}), encoding="utf-8")
    saved = json.loads(record.read_text(encoding="utf-8"))
    return out, subprocess.CompletedProcess(**saved)


def start_kit_run(*arguments: str, cwd: Path) -> subprocess.Popen:
    """``python -m kit run`` started in the background, taking Ctrl-C as a terminal would deliver it."""
    return subprocess.Popen(
        kit_command(*arguments),
        cwd=cwd,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def wait_for(condition: Callable[[], object], child: subprocess.Popen, what: str, timeout: float = 180) -> None:
    """Wait until ``condition()`` holds while the batch is still running; fail with its output otherwise."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert child.poll() is None, child.communicate()
        assert time.monotonic() < deadline, f"{what} never happened"
        time.sleep(0.1)


@contextmanager
def stopped_at_the_end(child: subprocess.Popen) -> Iterator[subprocess.Popen]:
    """Make sure a background batch is gone when the test ends, whatever happened."""
    try:
        yield child
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()


def alive(pid: int) -> bool:
    """Whether a process is running (a zombie is not), from /proc."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def left_behind(pids: set[int], seconds: float) -> list[int]:
    """The processes still running after waiting up to ``seconds`` for them to leave; each is then stopped by PID
    (SIGKILL), so a failing test leaves nothing behind."""
    deadline = time.monotonic() + seconds
    while any(map(alive, pids)) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = sorted(filter(alive, pids))
    for pid in left:
        with suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    return left


def real_notebook(pattern: str) -> Path:
    """The one notebook in notebooks/ whose name matches ``pattern`` (e.g. ``*-overview.ipynb``), by role not number."""
    found = sorted((ROOT / "notebooks").glob(pattern))
    if len(found) != 1:
        pytest.fail(f"expected one notebook matching {pattern!r} in notebooks/, found {[path.name for path in found]}")
    return found[0]


def run_in_process(notebook: Path, parameters: dict, monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Execute a notebook in this process, cell by cell in an IPython shell as a kernel would, with
    ``parameters`` set after the cell tagged ``parameters``; the outputs it showed (displays and each cell's
    value), as MIME bundles. Raises what a cell raises; fails on anything written to stderr (warnings
    included, every time). A quarter of a kernel's cost, for runs whose kernel path others already cover.
    """
    import warnings

    from IPython.core.interactiveshell import InteractiveShell

    refuse_in_quick_tier("executes a notebook in this process", "kernel")
    from IPython.utils.capture import capture_output

    # The shell installs its own __main__ and hooks: this process's come back at the test's end
    # (multiprocessing reads __main__ to start the pool of a later in-process batch).
    monkeypatch.setitem(sys.modules, "__main__", sys.modules["__main__"])
    monkeypatch.setattr(sys, "displayhook", sys.displayhook)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(InteractiveShell, "_instance", None)
    shell = InteractiveShell.instance()
    outputs: list[dict] = []
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        with capture_output() as captured, warnings.catch_warnings():
            warnings.simplefilter("always")
            result = shell.run_cell(cell.source, store_history=False)
            if "parameters" in cell.metadata.get("tags", []):
                shell.user_ns.update(parameters)
        result.raise_error()
        assert captured.stderr == "", (notebook.name, parameters, captured.stderr)
        outputs += [output.data for output in captured.outputs]
        if result.result is not None:  # the cell's value, which a kernel shows as its result
            outputs.append(shell.display_formatter.format(result.result)[0])
    return outputs
