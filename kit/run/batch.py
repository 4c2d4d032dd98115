"""``python -m kit run``: execute every notebook run listed in ``notebooks/runs.yaml`` and render shareable reports.

A run is a notebook, its parameters and an output name. Runs execute with papermill in a
pool of worker processes; the main process alone writes to the output folder, each file
atomically, so an interrupted or failed run never leaves a half-written file and never
replaces the last good report of that run. A run whose inputs (notebook, parameters,
ledger files, kit source) are unchanged since its last success is skipped.

Heavy modules (papermill, nbconvert, the kernel machinery) are imported only by the
workers, so a rerun where everything is cached finishes in a fraction of a second.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import errno
import fnmatch
import hashlib
import json
import logging
import os
import re
import signal
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kit.paths import DEFAULT_LEDGER as DEFAULT_LEDGER_DIR
from kit.paths import KIT_DIR

DEFAULT_RUNS = Path("notebooks") / "runs.yaml"
DEFAULT_OUT = Path("build")
DEFAULT_TIMEOUT = 600
STATE_DIR = ".runs"
TMP_SUFFIX = ".kit-tmp"
CACHE_VERSION = "1"
KERNEL = "python3"

#: run names become file names: keep them portable and free of the dots that mark flavours
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_RESERVED = {"index"}
_RUN_KEYS = {"name", "notebook", "parameters"}
#: files beside the notebooks that change what they compute
_HELPER_PATTERNS = ("*.py", "matplotlibrc", "*.mplstyle")


class RunsError(Exception):
    """A runs file that cannot be used as it is; carries every problem found."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Parameter:
    """One name assigned in a notebook's ``parameters`` cell; ``default`` is None when not a plain literal."""

    name: str
    default: Any
    literal: bool


@dataclass
class Run:
    """One entry of the runs file: a notebook, the parameters it gets and the name of its outputs."""

    name: str
    notebook: Path
    parameters: dict[str, Any] = field(default_factory=dict)

    def shown_notebook(self) -> str:
        """The notebook's path as messages show it."""
        return _shown(self.notebook)


@dataclass
class Outcome:
    """What became of one run, as the summary and the index show it."""

    name: str
    status: str  # ok | cached | failed | timeout | interrupted | not run
    seconds: float | None = None
    error: str = ""
    output: Path | None = None


# -- runs file ---------------------------------------------------------------


def _shown(path: Path) -> str:
    """A path as messages show it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path) if Path(path).resolve().is_relative_to(Path.cwd()) else str(path)
    except ValueError:
        return str(path)


def load_runs(path: str | os.PathLike) -> list[Run]:
    """Read the runs file; raise RunsError naming every problem (a typo must not silently skip a run)."""
    import yaml

    path = Path(path)
    shown = _shown(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RunsError([f"{shown}: runs file not found"]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise RunsError([f"{shown}: cannot read the runs file ({error})"]) from None
    except yaml.YAMLError as error:
        raise RunsError([f"{shown}: not valid YAML: {str(error).splitlines()[0]}"]) from None
    if not isinstance(data, dict) or not isinstance(data.get("runs"), list):
        raise RunsError([f"{shown}: expected a mapping with a list under 'runs'"])
    problems = [f"{shown}: unknown top-level key {key!r} (expected 'runs')" for key in data if key != "runs"]
    runs: list[Run] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(data["runs"], start=1):
        where = f"{shown}: run {number}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: expected a mapping with name, notebook and parameters")
            continue
        name = entry.get("name")
        if isinstance(name, str):
            where = f"{shown}: run {name!r}"
        for key in entry:
            if key not in _RUN_KEYS:
                problems.append(f"{where}: unknown key {key!r} (expected name, notebook, parameters)")
        if not isinstance(name, str) or not _NAME.match(name) or name in _RESERVED:
            problems.append(
                f"{where}: name must be letters, digits, '-' or '_' (it names the output files), not 'index'; "
                f"got {name!r}"
            )
            continue
        if name in seen:
            problems.append(f"{where}: duplicate name (also run {seen[name]})")
            continue
        seen[name] = number
        notebook = entry.get("notebook")
        if not isinstance(notebook, str) or not notebook.endswith(".ipynb"):
            problems.append(f"{where}: notebook must be the path of an .ipynb file, got {notebook!r}")
            continue
        parameters = entry.get("parameters") or {}
        if not isinstance(parameters, dict) or not all(isinstance(key, str) for key in parameters):
            problems.append(f"{where}: parameters must be a mapping of names to values")
            continue
        runs.append(Run(name, (path.parent / notebook).resolve(), dict(parameters)))
    if not runs and not problems:
        problems.append(f"{shown}: lists no runs")
    if problems:
        raise RunsError(problems)
    return runs


def notebook_parameters(notebook: str | os.PathLike) -> dict[str, Parameter] | None:
    """The names a notebook's cell tagged ``parameters`` assigns, or None if it has no such cell.

    Parsed with ``ast`` rather than papermill so that checking a runs file stays cheap.
    """
    document = json.loads(Path(notebook).read_text(encoding="utf-8"))
    for cell in document.get("cells", []):
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else source
            found: dict[str, Parameter] = {}
            for statement in ast.parse(source).body:
                if isinstance(statement, ast.Assign):
                    targets, value = statement.targets, statement.value
                elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
                    targets, value = [statement.target], statement.value
                else:
                    continue
                for target in targets:
                    if isinstance(target, ast.Name):
                        try:
                            found[target.id] = Parameter(target.id, ast.literal_eval(value), True)
                        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                            found[target.id] = Parameter(target.id, None, False)
            return found
    return None


def _expected_type(default: Any) -> tuple[tuple[type, ...], str]:
    """The types a value may have, judged from the default; a None default stands for an optional text."""
    if default is None:
        return (str, type(None)), "str or None"
    if isinstance(default, bool):
        return (bool,), "bool"
    if isinstance(default, int):
        return (int,), "int"
    if isinstance(default, float):
        return (int, float), "float"
    if isinstance(default, str):
        return (str,), "str"
    if isinstance(default, list | tuple):
        return (list,), "list"
    if isinstance(default, dict):
        return (dict,), "dict"
    return (object,), type(default).__name__


def check_parameters(run: Run, runs_file: str | os.PathLike = DEFAULT_RUNS) -> list[str]:
    """Problems with one run's notebook and parameters: a misspelt name or a wrong type, named plainly.

    papermill only warns about an unknown parameter and then runs with the default, which
    would publish the wrong report under the right name.
    """
    where = f"{_shown(Path(runs_file))}: run {run.name!r}"
    if not run.notebook.is_file():
        return [f"{where}: notebook {run.shown_notebook()} does not exist"]
    try:
        declared = notebook_parameters(run.notebook)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, SyntaxError) as error:
        return [f"{where}: cannot read the parameters cell of {run.shown_notebook()}: {error}"]
    if declared is None:
        if run.parameters:
            return [f"{where}: {run.shown_notebook()} has no cell tagged 'parameters', so it takes none"]
        return []
    problems = []
    for name, value in run.parameters.items():
        if name not in declared:
            close = difflib.get_close_matches(name, list(declared), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(
                f"{where}: unknown parameter {name!r} for {run.notebook.name} "
                f"(its parameters: {', '.join(declared) or 'none'}){hint}"
            )
            continue
        parameter = declared[name]
        if not parameter.literal:
            continue
        types, label = _expected_type(parameter.default)
        wrong_bool = isinstance(value, bool) and bool not in types
        if wrong_bool or not isinstance(value, types):
            problems.append(
                f"{where}: parameter {name!r} expects {label} (its default is {parameter.default!r}), "
                f"got {type(value).__name__} {value!r}"
            )
    return problems


# -- cache key -----------------------------------------------------------------


def _files_under(folder: Path, keep: Any = None) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and (keep is None or keep(path))
    )


def kit_source_files() -> list[Path]:
    """The kit's own code, templates and styles: a change to any of them can change a report."""

    def keep(path: Path) -> bool:
        inside = path.relative_to(KIT_DIR).parts
        return inside[0] != "data" and (path.suffix == ".py" or inside[0] in ("templates", "style"))

    return _files_under(KIT_DIR, keep)


def ledger_folder(run: Run) -> Path:
    """The ledger a run reads: its ``ledger`` parameter (relative to the notebook's folder) or the packaged one."""
    value = run.parameters.get("ledger")
    if value is None:
        try:
            declared = notebook_parameters(run.notebook) or {}
        except (OSError, ValueError, SyntaxError):
            declared = {}
        default = declared.get("ledger")
        value = default.default if default is not None and isinstance(default.default, str) else None
    if value is None:
        return DEFAULT_LEDGER_DIR
    path = Path(value)
    return path if path.is_absolute() else (run.notebook.parent / path).resolve()


def _digest_files(digest: Any, label: str, paths: Iterable[Path], root: Path) -> None:
    for path in paths:
        digest.update(f"\0{label}\0{path.relative_to(root).as_posix()}\0".encode())
        digest.update(path.read_bytes())


def cache_key(run: Run, kit_digest: str | None = None) -> str:
    """A hash of everything a run's report depends on, so an unchanged run can be skipped."""
    digest = hashlib.sha256(f"kit-run {CACHE_VERSION} {KERNEL} {sys.version_info[:2]}".encode())
    digest.update(kit_digest.encode() if kit_digest is not None else kit_source_digest().encode())
    digest.update(b"\0notebook\0" + run.notebook.read_bytes())
    digest.update(b"\0parameters\0" + json.dumps(run.parameters, sort_keys=True, default=str).encode())
    ledger = ledger_folder(run)
    _digest_files(digest, "ledger", _files_under(ledger), ledger)
    helpers = sorted(
        {path for pattern in _HELPER_PATTERNS for path in run.notebook.parent.glob(pattern) if path.is_file()}
    )
    _digest_files(digest, "helper", helpers, run.notebook.parent)
    return digest.hexdigest()


def kit_source_digest() -> str:
    """One hash of the kit's source, computed once per batch."""
    digest = hashlib.sha256()
    _digest_files(digest, "kit", kit_source_files(), KIT_DIR)
    return digest.hexdigest()


# -- atomic writes -----------------------------------------------------------------


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_MODE = 0o666 & ~_umask()
_CHUNK = 1 << 20


def _write_chunk(handle: Any, chunk: bytes, path: Path) -> None:
    """Write one chunk of ``path``'s new content; a seam the fault tests use to fill the disk part-way."""
    handle.write(chunk)


def _stage(path: Path, data: bytes) -> Path:
    """Write data to a temporary file beside ``path`` and flush it to disk; nothing visible changes yet."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TMP_SUFFIX)
    try:
        os.fchmod(descriptor, _MODE)
        with os.fdopen(descriptor, "wb") as handle:
            for start in range(0, len(data), _CHUNK):
                _write_chunk(handle, data[start : start + _CHUNK], path)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise
    return Path(temporary)


@contextmanager
def _sigint_deferred() -> Iterator[None]:
    """Hold back Ctrl-C while a group of files is swapped in, so a report and its notebook stay together."""
    try:
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    except (AttributeError, ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def write_files(files: dict[Path, bytes]) -> None:
    """Replace several files all or nothing: every file is staged and synced before any is swapped in."""
    for path in files:
        if path.is_dir():  # os.replace would fail half-way through the group
            raise IsADirectoryError(errno.EISDIR, "a folder is in the way", str(path))
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            staged.append((_stage(path, data), path))
        with _sigint_deferred():
            while staged:
                temporary, path = staged[0]
                os.replace(temporary, path)
                staged.pop(0)
            for folder in {path.parent for path in files}:
                _fsync_folder(folder)
    finally:
        for temporary, _ in staged:
            with suppress(OSError):
                os.unlink(temporary)


def atomic_write(path: str | os.PathLike, data: bytes | str) -> None:
    """Write a file so that readers see the old content or the new, never a part (temp file, fsync, rename)."""
    write_files({Path(path): data.encode("utf-8") if isinstance(data, str) else data})


def _fsync_folder(folder: Path) -> None:
    with suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _remove_stray_temporaries(out: Path) -> None:
    """Temporary files left by a run that was killed outright (SIGKILL, power loss) are never outputs."""
    for folder in (out, out / STATE_DIR):
        for stray in folder.glob(f".*{TMP_SUFFIX}"):
            with suppress(OSError):
                stray.unlink()


# -- the output folder -------------------------------------------------------------


def output_paths(out: Path, name: str, failed: bool = False) -> dict[str, Path]:
    """Where a run's report, full page and executed notebook go; a failed run's go beside the good ones."""
    stem = f"{name}.failed" if failed else name
    return {
        "report": out / f"{stem}.html",
        "full": out / f"{stem}.full.html",
        "executed": out / f"{stem}.ipynb",
    }


def _state_path(out: Path, name: str) -> Path:
    return out / STATE_DIR / f"{name}.json"


def read_state(out: Path, name: str) -> dict[str, Any]:
    """What the last batch recorded about a run; empty when never run or unreadable."""
    try:
        state = json.loads(_state_path(out, name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def _prepare_out(out: Path) -> str | None:
    """Make sure reports can be written; return a message saying why not otherwise."""
    if out.exists() and not out.is_dir():
        return f"cannot write reports to {_shown(out)}: it is a file, not a folder"
    try:
        (out / STATE_DIR).mkdir(parents=True, exist_ok=True)
        atomic_write(out / STATE_DIR / ".probe", b"")
        (out / STATE_DIR / ".probe").unlink()
    except OSError as error:
        return f"cannot write reports to {_shown(out)}: {error.strerror or error}"
    return None


@contextmanager
def _exclusive(out: Path) -> Iterator[bool]:
    """One batch at a time per output folder; a second would race on the same files."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, as before
        yield True
        return
    with open(out / STATE_DIR / "lock", "a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


# -- the worker side: execute and render one run ---------------------------------------


def _first_line(text: str) -> str:
    for line in str(text).splitlines():
        if line.strip():
            return line.strip()
    return ""


def _strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def _worker_init(log: str) -> None:
    """Workers leave Ctrl-C to the main process, which stops them with SIGTERM once it has decided what to keep.

    Their output and their kernels' (start-up warnings, crash messages) go to a log file, so
    that the progress bar and summary stay readable.
    """
    with suppress(OSError):
        descriptor = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, _MODE)
        os.dup2(descriptor, 1)
        os.dup2(descriptor, 2)
        os.close(descriptor)
    # Kernels import the same kit as the batch, installed or not: they start in the notebooks' folder.
    paths = [str(KIT_DIR.parent), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_worker)
    for name in ("papermill", "traitlets", "nbclient", "jupyter_client"):
        logging.getLogger(name).setLevel(logging.ERROR)
    logging.getLogger().setLevel(logging.ERROR)


class _Stopped(SystemExit):
    """Raised in a worker by SIGTERM so that papermill shuts its kernel down and temporary files go."""


def _stop_worker(signum: int, frame: Any) -> None:
    raise _Stopped(128 + signum)


def _mark_stop(nb: Any, status: str, message: str) -> None:
    """Show in the notebook where execution stopped when the kernel could not say it (a timeout, a dead kernel)."""
    import nbformat

    started = [
        cell
        for cell in nb.cells
        if cell.cell_type == "code" and cell.get("metadata", {}).get("papermill", {}).get("start_time")
    ]
    error = nbformat.v4.new_output(
        "error",
        ename="Timeout" if status == "timeout" else "RunFailed",
        evalue=message,
        traceback=[f"{'Timeout' if status == 'timeout' else 'RunFailed'}: {message}"],
    )
    if started:
        started[-1].setdefault("outputs", []).append(error)
    banner = nbformat.v4.new_markdown_cell(f"**This run stopped: {message}**")
    banner.metadata["tags"] = ["kit-run-stopped"]
    nb.cells.insert(0, banner)


def execute_run(task: dict[str, Any]) -> dict[str, Any]:
    """Execute one run with papermill and render both pages; never raises for a notebook's own failure.

    Runs in a worker process. Returns the texts to write; the main process writes them.
    """
    try:
        return _execute_run(task)
    except _Stopped as stop:
        # Cleanup has run on the way up (kernel shut down, scratch folder removed). Leave now:
        # the pool would otherwise keep this worker waiting for work that will never come.
        os._exit(stop.code if isinstance(stop.code, int) else 1)


def _execute_run(task: dict[str, Any]) -> dict[str, Any]:
    started = time.perf_counter()
    import nbformat
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    from kit.report import html as render

    status, error, papermill_marked = "ok", "", False
    with tempfile.TemporaryDirectory(prefix="kit-run-") as scratch:
        executed = Path(scratch) / "executed.ipynb"
        try:
            papermill.execute_notebook(
                task["notebook"],
                str(executed),
                parameters=task["parameters"],
                kernel_name=KERNEL,
                cwd=task["cwd"],
                progress_bar=False,
                log_output=False,
                execution_timeout=task["timeout"],
            )
        except PapermillExecutionError as failure:
            status, papermill_marked = "failed", True
            evalue = _first_line(_strip_ansi(failure.evalue))
            error = f"{failure.ename}: {evalue}" if evalue else failure.ename
        except CellTimeoutError:
            status, error = "timeout", f"a cell ran longer than {task['timeout']:g} s (--timeout)"
        except DeadKernelError as failure:
            status, error = "failed", f"the kernel died ({_first_line(str(failure)) or 'DeadKernelError'})"
        except Exception as failure:  # a notebook that cannot start: bad JSON, no kernel, ...
            status, error = "failed", f"{type(failure).__name__}: {_first_line(str(failure))}"
        try:
            nb = nbformat.read(executed, as_version=4)
        except (OSError, ValueError):
            nb = nbformat.read(task["notebook"], as_version=4)
    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "injected-parameters"  # papermill picks a random id: keep reruns identical
    if status != "ok" and not papermill_marked:
        _mark_stop(nb, status, error)

    try:
        from kit.ledger import ledger_version, package

        version = ledger_version(task["ledger"])
        ledger_title = str(package(task["ledger"]).get("title", ""))
    except Exception as failure:
        version, ledger_title = f"unreadable ledger: {_first_line(str(failure))}", ""

    shown = ", ".join(f"{key}={value!r}" for key, value in task["parameters"].items()) or "defaults"
    banner = f"{task['name']}: {task['notebook_name']} with {shown}; ledger version {version}"
    if status != "ok":
        banner += f"; this run {status}: {error}"
    pages: dict[str, str] = {}
    try:
        pages["report"] = render.notebook_html(nb, with_code=False, title=task["name"], banner=banner)
        pages["full"] = render.notebook_html(nb, with_code=True, title=task["name"], banner=banner)
    except Exception as failure:
        if status == "ok":
            status = "failed"
            error = f"could not render: {type(failure).__name__}: {_first_line(str(failure))}"
    return {
        "name": task["name"],
        "status": status,
        "error": error,
        "seconds": time.perf_counter() - started,
        "executed": nbformat.writes(nb),
        "pages": pages,
        "ledger_version": version,
        "ledger_title": ledger_title,
    }


# -- the main process: plan, dispatch, write -----------------------------------------


def _task(run: Run, timeout: float) -> dict[str, Any]:
    return {
        "name": run.name,
        "notebook": str(run.notebook),
        "notebook_name": run.notebook.name,
        "cwd": str(run.notebook.parent),
        "parameters": run.parameters,
        "timeout": timeout,
        "ledger": str(ledger_folder(run)),
    }


def _is_cached(out: Path, run: Run, key: str, state: dict[str, Any]) -> bool:
    good = state.get("good") or {}
    return good.get("key") == key and all(path.is_file() for path in output_paths(out, run.name).values())


def _save(out: Path, run: Run, key: str, result: dict[str, Any], state: dict[str, Any]) -> Outcome:
    """Write one run's outputs; a failure goes beside the last good report instead of over it."""
    status, error = result["status"], result["error"]
    failed = status != "ok"
    paths = output_paths(out, run.name, failed=failed)
    files = {paths["executed"]: result["executed"].encode("utf-8")}
    for flavour in ("report", "full"):
        if flavour in result["pages"]:
            files[paths[flavour]] = result["pages"][flavour].encode("utf-8")
    record = {
        "status": status,
        "error": error,
        "seconds": round(result["seconds"], 3),
        "key": key,
        "ledger_version": result["ledger_version"],
        "ledger_title": result["ledger_title"],
    }
    try:
        if failed:
            for path in output_paths(out, run.name, failed=True).values():
                if path not in files:
                    with suppress(FileNotFoundError):
                        path.unlink()
        write_files(files)
        if not failed:
            state["good"] = record
            for path in output_paths(out, run.name, failed=True).values():
                with suppress(FileNotFoundError):
                    path.unlink()
    except OSError as problem:
        reason = f"could not save outputs: {problem.strerror or problem}" + (
            f" ({_shown(Path(problem.filename))})" if problem.filename else ""
        )
        error = f"{error}; {reason}" if failed else reason
        status, failed = ("failed" if status == "ok" else status), True
        record.update(status=status, error=error)
    state.update(name=run.name, notebook=run.shown_notebook(), parameters=run.parameters, last=record)
    with suppress(OSError):
        atomic_write(_state_path(out, run.name), json.dumps(state, indent=1, default=str))
    shown = paths["report"] if paths["report"] in files and paths["report"].exists() else None
    return Outcome(run.name, status, result["seconds"], error, shown)


def _stop_pool(pool: Any) -> None:
    """End the workers we started, by PID: SIGTERM lets each shut its kernel down, SIGKILL if it does not."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        with suppress(OSError, ValueError):
            if process.is_alive():
                os.kill(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            with suppress(OSError, ValueError):
                os.kill(process.pid, signal.SIGKILL)
            process.join(5)


def _dispatch(todo: list[tuple[Run, str]], jobs: int, timeout: float, out: Path, outcomes: dict[str, Outcome]) -> bool:
    """Execute runs in a process pool, writing each as it finishes; return True if interrupted."""
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    from tqdm import tqdm

    context = multiprocessing.get_context("spawn")
    log = out / STATE_DIR / "workers.log"
    with suppress(OSError):
        log.write_bytes(b"")
    pool = ProcessPoolExecutor(
        max_workers=max(1, min(jobs, len(todo))), mp_context=context, initializer=_worker_init, initargs=(str(log),)
    )
    bar = tqdm(total=len(todo), unit="run", desc="kit run", file=sys.stderr, dynamic_ncols=True)
    pending = {pool.submit(execute_run, _task(run, timeout)): (run, key) for run, key in todo}
    interrupted = False
    try:
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                run, key = pending.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    outcomes[run.name] = Outcome(run.name, "failed", None, "the worker process died (out of memory?)")
                except Exception as problem:
                    outcomes[run.name] = Outcome(run.name, "failed", None, f"{type(problem).__name__}: {problem}")
                else:
                    outcomes[run.name] = _save(out, run, key, result, read_state(out, run.name))
                outcome = outcomes[run.name]
                if outcome.status != "ok":
                    bar.write(f"{run.name}: {outcome.status}: {outcome.error}", file=sys.stderr)
                bar.set_postfix_str(run.name, refresh=False)
                bar.update(1)
    except KeyboardInterrupt:
        interrupted = True
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            for future, (run, _) in pending.items():
                outcomes[run.name] = Outcome(run.name, "not run" if future.cancel() else "interrupted")
            _stop_pool(pool)
        finally:
            signal.signal(signal.SIGINT, previous)
    finally:
        bar.close()
        pool.shutdown(wait=not interrupted, cancel_futures=True)
    return interrupted


def _index_rows(out: Path, runs: list[Run]) -> tuple[list[Any], str]:
    from kit.report.html import IndexRow

    rows, titles = [], set()
    for run in runs:
        state = read_state(out, run.name)
        last, good = state.get("last") or {}, state.get("good") or {}
        good_paths, failed_paths = output_paths(out, run.name), output_paths(out, run.name, failed=True)
        status = last.get("status", "not run")
        shown = good if status == "ok" or not last else last
        if shown.get("ledger_title"):
            titles.add(shown["ledger_title"])

        def href(path: Path) -> str | None:
            return path.relative_to(out).as_posix() if path.is_file() else None

        rows.append(
            IndexRow(
                name=run.name,
                notebook=run.shown_notebook(),
                parameters=run.parameters,
                status=status,
                error=last.get("error", "") if status != "ok" else "",
                seconds=shown.get("seconds"),
                ledger_version=shown.get("ledger_version", ""),
                report=href(good_paths["report"]),
                full=href(good_paths["full"]),
                executed=href(good_paths["executed"]),
                failed_report=href(failed_paths["report"]) if status != "ok" else None,
                failed_full=href(failed_paths["full"]) if status != "ok" else None,
            )
        )
    title = f"Reports: {titles.pop()}" if len(titles) == 1 else "Reports"
    return rows, title


def write_index(out: Path, runs: list[Run], runs_file: Path) -> Path:
    """Rewrite OUT/index.html from the recorded state of every run in the runs file (only if it changed)."""
    from kit.report.html import index_html

    rows, title = _index_rows(out, runs)
    page = index_html(rows, title=title, note=f"Runs listed in {runs_file.name}; rebuild with: python -m kit run")
    index = out / "index.html"
    try:
        unchanged = index.read_text(encoding="utf-8") == page
    except (OSError, UnicodeDecodeError):
        unchanged = False
    if not unchanged:
        atomic_write(index, page)
    return index


def _summary(selected: list[Run], outcomes: dict[str, Outcome]) -> str:
    rows = [("run", "status", "seconds", "output", "error")]
    for run in selected:
        outcome = outcomes.get(run.name, Outcome(run.name, "not run"))
        seconds = "" if outcome.seconds is None else f"{outcome.seconds:.1f}"
        output = _shown(outcome.output) if outcome.output else ""
        error = outcome.error if len(outcome.error) <= 100 else outcome.error[:99] + "…"
        rows.append((run.name, outcome.status, seconds, output, error))
    if not any(row[4] for row in rows[1:]):
        rows = [row[:4] for row in rows]  # no run failed: no error column
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = []
    for number, row in enumerate(rows):
        cells = [
            cell.rjust(width) if column == 2 else cell.ljust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``python -m kit run``."""
    parser.add_argument(
        "--runs", type=Path, default=DEFAULT_RUNS, help="runs file (default: notebooks/runs.yaml)", metavar="FILE"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: build/)", metavar="DIR")
    parser.add_argument(
        "--only", metavar="PATTERN", help="run only the runs whose name matches this shell pattern, e.g. 'troop*'"
    )
    parser.add_argument(
        "--jobs", "-j", type=int, default=os.cpu_count() or 1, help="runs executed at once (default: CPU count)"
    )
    parser.add_argument("--force", action="store_true", help="execute every selected run, even unchanged ones")
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"end a run whose cell runs longer than this (default: {DEFAULT_TIMEOUT})",
    )


def _fail(message: str, code: int = 2) -> int:
    print(f"python -m kit run: {message}", file=sys.stderr)
    return code


def main(args: argparse.Namespace) -> int:
    """Plan, execute and render the runs; 0 when all succeeded, 1 when any failed, 2 on a usage error, 130 on Ctrl-C."""
    if args.jobs < 1:
        return _fail("--jobs must be at least 1")
    if args.timeout <= 0:
        return _fail("--timeout must be a positive number of seconds")
    runs_file = Path(args.runs)
    try:
        runs = load_runs(runs_file)
    except RunsError as problem:
        return _fail("the runs file has problems:\n" + "\n".join(f"  {line}" for line in problem.problems))
    listed = {run.notebook for run in runs}
    for notebook in sorted(runs_file.parent.glob("*.ipynb")):
        if notebook.resolve() not in listed:
            print(
                f"python -m kit run: warning: {_shown(notebook)} is in no run; add it to {runs_file.name}",
                file=sys.stderr,
            )
    selected = [run for run in runs if fnmatch.fnmatchcase(run.name, args.only)] if args.only else runs
    if not selected:
        names = ", ".join(run.name for run in runs)
        return _fail(f"--only {args.only!r} matches no run in {_shown(runs_file)}; its runs are: {names}")
    problems = [problem for run in selected for problem in check_parameters(run, runs_file)]
    if problems:
        return _fail("cannot start, the runs file has problems:\n" + "\n".join(f"  {line}" for line in problems))
    out = Path(args.out)
    reason = _prepare_out(out)
    if reason:
        return _fail(reason)
    with _exclusive(out) as alone:
        if not alone:
            return _fail(f"another 'python -m kit run' is writing to {_shown(out)}; wait for it to finish")
        return _run_batch(args, runs, selected, runs_file, out)


def _run_batch(args: argparse.Namespace, runs: list[Run], selected: list[Run], runs_file: Path, out: Path) -> int:
    _remove_stray_temporaries(out)
    kit_digest = kit_source_digest()
    outcomes: dict[str, Outcome] = {}
    todo: list[tuple[Run, str]] = []
    for run in selected:
        key = cache_key(run, kit_digest)
        state = read_state(out, run.name)
        if not args.force and _is_cached(out, run, key, state):
            outcomes[run.name] = Outcome(run.name, "cached", None, "", output_paths(out, run.name)["report"])
            if (state.get("last") or {}).get("status") != "ok":
                state["last"] = state["good"]
                for path in output_paths(out, run.name, failed=True).values():
                    with suppress(OSError):
                        path.unlink()
                with suppress(OSError):
                    atomic_write(_state_path(out, run.name), json.dumps(state, indent=1, default=str))
        else:
            todo.append((run, key))

    interrupted = False
    previous_term = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # a terminated batch stops as cleanly as Ctrl-C
    try:
        if todo:
            interrupted = _dispatch(todo, args.jobs, args.timeout, out, outcomes)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        signal.signal(signal.SIGTERM, previous_term)

    previous_int = signal.signal(signal.SIGINT, signal.SIG_IGN) if interrupted else None
    code = 0
    try:
        index = write_index(out, runs, runs_file)
    except OSError as problem:
        print(f"python -m kit run: could not write {_shown(out / 'index.html')}: {problem.strerror}", file=sys.stderr)
        index, code = None, 1
    finally:
        if previous_int is not None:
            signal.signal(signal.SIGINT, previous_int)
    print(_summary(selected, outcomes))
    if index is not None:
        print(f"index: {_shown(index)}")
    if interrupted:
        print(
            "python -m kit run: interrupted; finished runs are saved, the others were not run "
            "(no file was left half-written; rerun to continue)",
            file=sys.stderr,
        )
        return 130
    bad = [outcome for outcome in outcomes.values() if outcome.status not in ("ok", "cached")]
    if bad:
        log = _shown(out / STATE_DIR / "workers.log")
        print(
            f"python -m kit run: {len(bad)} of {len(selected)} runs did not succeed (kernel messages: {log})",
            file=sys.stderr,
        )
        return 1
    return code
