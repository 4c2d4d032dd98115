"""``python -m kit run``: execute every notebook run listed in ``notebooks/runs.yaml`` and render shareable reports.

Runs execute with papermill in a pool of worker processes on this machine, or on a Dask cluster with
``--scheduler``; the main process alone writes to the output folder, each file atomically, so an
interrupted or failed run never leaves a half-written file and never replaces the last good report of
that run. A run whose inputs (notebook, parameters, ledger files, kit source, library versions) are
unchanged since its last success is skipped.

With ``--ledger DIR`` (repeatable) or ``--corpus FOLDER`` the batch covers many articles of one story: each
article-scoped run once per article into ``OUT/ARTICLE/``, each story-scoped run once with every article
(:mod:`kit.run.articles`), and an index grouped by article (:mod:`kit.run.corpus_index`).
"""

from __future__ import annotations

import argparse
import fnmatch
import math
import os
import signal
import sys
from collections.abc import Callable
from contextlib import suppress
from functools import partial
from pathlib import Path

from kit.paths import shown
from kit.run.articles import (
    Article,
    PlanError,
    Planned,
    gather,
    identity,
    ledger_parameter_problems,
    name_problems,
    plan,
    prepare_folders,
)
from kit.run.atomic import STATE_DIR, exclusive, prepare_out, remove_stray_temporaries
from kit.run.cache import SUCCEEDED, cache_key, environment, is_cached, mark_cached, output_paths, read_state
from kit.run.corpus_index import write_corpus_index
from kit.run.outputs import Outcome, write_index
from kit.run.pool import Backend, LocalPool, dispatch, validated_folder, worker_log
from kit.run.runsfile import (
    Run,
    RunsError,
    check_parameters,
    default_runs,
    ledger_folders_read,
    load_runs,
)

DEFAULT_OUT = Path("build")
DEFAULT_TIMEOUT = 600
#: the longest --timeout taken: a week, far beyond any run, and still a number every timer holds
MAX_TIMEOUT = 7 * 24 * 3600
SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``python -m kit run``."""
    parser.add_argument(
        "--runs",
        type=Path,
        default=None,
        help="runs file (default: notebooks/runs.yaml, with --ledger or --corpus notebooks/corpus.yaml: the "
        "working folder's, else the kit's own)",
        metavar="FILE",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: build/)", metavar="DIR")
    parser.add_argument(
        "--ledger",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="an article's ledger folder (repeatable): every run once per article, into OUT/ARTICLE/ (ARTICLE is "
        "the folder's name) with its 'ledger' parameter set to DIR; a 'scope: story' run once, into OUT/, with "
        "'ledgers' = every article's folder",
    )
    parser.add_argument(
        "--corpus",
        action="append",
        type=Path,
        default=[],
        metavar="FOLDER",
        help="a folder of ledger folders: as if each were given with --ledger (repeatable; combines with --ledger)",
    )
    parser.add_argument(
        "--only",
        metavar="PATTERN",
        help="run only the runs whose name matches this shell pattern, e.g. 'estimates*' (with articles, the "
        "runs file's name or ARTICLE/NAME, e.g. '2025-04-07-*/overview')",
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=os.cpu_count() or 1,
        help="runs executed at once on this machine (default: CPU count); with --scheduler local, the workers",
    )
    parser.add_argument("--force", action="store_true", help="execute every selected run, even unchanged ones")
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"end a run whose cell runs longer than this many seconds (default: {DEFAULT_TIMEOUT}); whole seconds, "
        "a fraction is rounded up",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=os.environ.get(SCHEDULER_ENV) or None,
        help=f"run on a Dask cluster: its scheduler's address (tcp://host:8786), or 'local' for a cluster on this "
        f"machine (default: ${SCHEDULER_ENV}, else the local process pool)",
    )
    parser.epilog = (
        "Paths on the command line are relative to the current directory; paths in the runs file, to the runs "
        "file. Example, the overview of four articles of one story: "
        "python -m kit run --corpus tests/corpus --only overview --out build/flood"
    )


def _fail(message: str, code: int = 2) -> int:
    print(f"python -m kit run: {message}", file=sys.stderr)
    return code


#: what an interrupted batch says, whenever Ctrl-C or SIGTERM comes: every write is atomic, so it is always true
INTERRUPTED = (
    "python -m kit run: interrupted; finished runs are saved, the others were not run "
    "(no file was left half-written; rerun to continue)"
)


def main(args: argparse.Namespace) -> int:
    """Plan, execute and render the runs; 0 when all succeeded, 1 when any failed, 2 on a usage error, 130 on Ctrl-C."""
    previous_term = signal.signal(signal.SIGTERM, signal.default_int_handler)  # SIGTERM stops it as Ctrl-C does
    try:
        return _main(args)
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous_term)


def _main(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        return _fail("--jobs must be at least 1")
    if not math.isfinite(args.timeout) or not 0 < args.timeout <= MAX_TIMEOUT:
        return _fail(f"--timeout must be a number of seconds above 0 and at most {MAX_TIMEOUT} (a week)")
    args.timeout = math.ceil(args.timeout)  # the kernel's timeout is whole seconds: 30.5 waits 31, never less
    if args.only is not None and not args.only.strip():
        return _fail("--only needs a pattern, such as 'overview*'; leave it out to run every run")
    many = getattr(args, "ledger", None) or getattr(args, "corpus", None)
    runs_file = Path(args.runs) if args.runs else default_runs(bool(many))
    try:
        runs = load_runs(runs_file)
    except RunsError as problem:
        return _fail("the runs file has problems:\n" + "\n".join(f"  {line}" for line in problem.problems))
    listed = {run.notebook for run in runs}
    for notebook in sorted(runs_file.parent.glob("*.ipynb")):
        if notebook.resolve() not in listed:
            print(
                f"python -m kit run: warning: {shown(notebook)} is in no run; add it to {runs_file.name}",
                file=sys.stderr,
            )
    try:
        articles = gather(getattr(args, "ledger", None) or [], getattr(args, "corpus", None) or [])
    except PlanError as problem:
        return _fail("cannot start:\n" + "\n".join(f"  {line}" for line in problem.problems))
    problems = name_problems(articles, runs)
    if problems:
        return _fail("cannot start:\n" + "\n".join(f"  {line}" for line in problems))
    planned = plan(runs, articles)
    chosen = [item for item in planned if _matches(item, args.only)] if args.only is not None else planned
    if not chosen:
        names = ", ".join(run.name for run in runs)
        return _fail(f"--only {args.only!r} matches no run in {shown(runs_file)}; its runs are: {names}")
    listed = list({item.listed.name: item.listed for item in chosen}.values())
    problems = [problem for run in listed for problem in check_parameters(run, runs_file)]
    if articles:
        problems += ledger_parameter_problems(listed, runs_file)
    if problems:
        return _fail("cannot start, the runs file has problems:\n" + "\n".join(f"  {line}" for line in problems))
    _warn_unsound(articles)
    out = Path(args.out)
    reason = prepare_out(out)
    if reason:
        return _fail(reason)
    with exclusive(out) as alone:
        if not alone:
            return _fail(f"another 'python -m kit run' is writing to {shown(out)}; wait for it to finish")
        reason = prepare_folders(out, articles)
        if reason:
            return _fail(reason)
        return _run_batch(args, planned, chosen, runs_file, out, articles)


def _matches(item: Planned, pattern: str) -> bool:
    """--only picks a run by the runs file's name, or one article's run by ARTICLE/NAME."""
    return fnmatch.fnmatchcase(item.listed.name, pattern) or fnmatch.fnmatchcase(item.run.name, pattern)


def _warn_unsound(articles: list[Article]) -> None:
    """Validate every article before the batch: a broken ledger's runs will fail, and this says which one and why."""
    for article in articles:
        found = identity(article)
        if found.problem:
            first = f"; the first: {found.detail}" if found.detail else ""
            print(
                f"python -m kit run: warning: article {article.id!r}: {found.problem}{first}; its runs will fail "
                f"(all of them: python -m kit validate {shown(article.folder)})",
                file=sys.stderr,
            )


def _hand_over(runs: list[Run], out: Path) -> None:
    """Check each ledger the runs read once, here, and hand the result to the kernels by content
    (kit/ledger/handover.py; a cluster's runs carry it), so no kernel checks it again; a folder that cannot be
    written only costs them that."""
    from kit.ledger.handover import hand_over

    with suppress(OSError):
        hand_over([ledger for run in runs for ledger in ledger_folders_read(run)], validated_folder(out))


def _backend(args: argparse.Namespace, out: Path, jobs: int, versions: dict[str, str]) -> Backend:
    """The local process pool, or a Dask cluster; raises ClusterError when the cluster cannot be used."""
    if not args.scheduler:
        return LocalPool(jobs, out)
    from kit.run.cluster import DaskCluster

    return DaskCluster(
        args.scheduler, jobs=jobs, versions=versions, log=worker_log(out), validated=validated_folder(out)
    )


def _run_batch(
    args: argparse.Namespace,
    planned: list[Planned],
    chosen: list[Planned],
    runs_file: Path,
    out: Path,
    articles: list[Article],
) -> int:
    remove_stray_temporaries(out)
    selected = [item.run for item in chosen]
    versions = environment()
    outcomes: dict[str, Outcome] = {}
    todo: list[tuple[Run, str]] = []
    looked_at: dict = {}  # each ledger hashed, and each story's sides read, once a batch
    for run in selected:
        key = cache_key(run, versions, looked_at)
        state = read_state(out, run.name)
        if not args.force and is_cached(out, run, key, state):
            outcomes[run.name] = Outcome(run.name, "cached", None, "", output_paths(out, run.name)["report"])
            mark_cached(out, run, state)
        else:
            todo.append((run, key))

    args.scheduler = getattr(args, "scheduler", None)
    if todo:
        _hand_over([run for run, _ in todo], out)
    backend = None
    if todo or args.scheduler not in (None, "local"):  # a scheduler named is checked even when all is cached
        from kit.run.cluster import ClusterError

        try:
            backend = _backend(args, out, max(1, min(args.jobs, len(todo))), versions)
        except ClusterError as problem:
            return _fail(str(problem))
    interrupted = False
    previous_term = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # a terminated batch stops as cleanly as Ctrl-C
    try:
        if todo:
            interrupted = dispatch(backend, todo, args.timeout, out, outcomes)
        elif backend is not None:
            backend.close(False)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        signal.signal(signal.SIGTERM, previous_term)
    if articles:
        index = partial(write_corpus_index, out, planned, runs_file)
    else:  # one article: the index as it always was
        index = partial(write_index, out, [item.run for item in planned], runs_file)
    return _finish(out, index, selected, outcomes, interrupted)


def _finish(
    out: Path, write: Callable[[], Path], selected: list[Run], outcomes: dict[str, Outcome], interrupted: bool
) -> int:
    """Write the index, print the summary and say how the batch ended, as an exit code."""
    previous_int = signal.signal(signal.SIGINT, signal.SIG_IGN) if interrupted else None
    code = 0
    try:
        index = write()
    except OSError as problem:
        print(f"python -m kit run: could not write {shown(out / 'index.html')}: {problem.strerror}", file=sys.stderr)
        index, code = None, 1
    finally:
        if previous_int is not None:
            signal.signal(signal.SIGINT, previous_int)
    print(summary(selected, outcomes))
    if index is not None:
        print(f"index: {shown(index)}")
    if interrupted:
        print(INTERRUPTED, file=sys.stderr)
        return 130
    bad = [outcome for outcome in outcomes.values() if outcome.status not in (*SUCCEEDED, "cached")]
    if bad:
        log = shown(out / STATE_DIR / "workers.log")
        print(
            f"python -m kit run: {len(bad)} of {len(selected)} runs did not succeed (kernel messages: {log})",
            file=sys.stderr,
        )
        return 1
    return code


def summary(selected: list[Run], outcomes: dict[str, Outcome]) -> str:
    """The table printed at the end: one row a run; a worker column on a cluster, an error column if one failed."""
    rows = [("run", "status", "seconds", "output", "worker", "error")]
    for run in selected:
        outcome = outcomes.get(run.name, Outcome(run.name, "not run"))
        seconds = "" if outcome.seconds is None else f"{outcome.seconds:.1f}"
        output = shown(outcome.output) if outcome.output else ""
        error = outcome.error if len(outcome.error) <= 100 else outcome.error[:99] + "…"
        rows.append((run.name, outcome.status, seconds, output, outcome.worker, error))
    columns = [column for column in range(6) if column < 4 or any(row[column] for row in rows[1:])]
    rows = [tuple(row[column] for column in columns) for row in rows]
    widths = [max(len(row[column]) for row in rows) for column in range(len(columns))]
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
