"""Hand runs to workers and save each result as it arrives: the local process pool, progress, Ctrl-C.

:func:`dispatch` is the one loop for every kind of worker: it submits every run, shows progress over
completed futures, saves each result in the main process and, on Ctrl-C or SIGTERM, cancels what has
not started and stops what has. What differs between the local pool and a Dask cluster (how to submit,
what a lost worker means, how to stop) sits behind :class:`Backend`.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any, Protocol

from kit.ledger.handover import ENV as HANDOVER_ENV
from kit.run.atomic import STATE_DIR, interrupts_deferred
from kit.run.cache import SUCCEEDED, read_state
from kit.run.outputs import Outcome, save
from kit.run.runsfile import Run
from kit.run.worker import execute_run, exit_with_batch, log_output_to, make_task, stop_on_signal


class Backend(Protocol):
    """Where runs execute: the local process pool, or a Dask cluster (:mod:`kit.run.cluster`)."""

    def submit(self, run: Run, timeout: float) -> Any:
        """Start one run; return a future whose result is :func:`kit.run.worker.execute_run`'s."""

    def completed(self, futures: Iterable[Any]) -> Iterator[Any]:
        """The futures, each as it finishes."""

    def failure(self, problem: BaseException) -> str:
        """Why a run failed when its future raised instead of returning a result."""

    def cancel(self, futures: list[Any]) -> list[str]:
        """Cancel unfinished runs on Ctrl-C; the status of each: 'not run' or 'interrupted'."""

    def close(self, interrupted: bool) -> None:
        """Release the workers (and stop them, when interrupted)."""


def worker_init(log: str, batch: int, validated: str = "") -> None:
    """Pool workers leave Ctrl-C to the main process, which stops them with SIGTERM once it has decided what to keep.

    Their output and their kernels' (start-up warnings, crash messages) go to the batch's log; a worker whose
    batch process is gone (``kill -9``) stops itself. Their kernels take the ledgers the batch checked from
    ``validated`` (kit/ledger/handover.py) instead of checking them again.
    """
    if validated:
        os.environ[HANDOVER_ENV] = validated
    log_output_to(log)
    exit_with_batch(batch)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, stop_on_signal)
    for name in ("papermill", "traitlets", "nbclient", "jupyter_client"):
        logging.getLogger(name).setLevel(logging.ERROR)
    logging.getLogger().setLevel(logging.ERROR)


def validated_folder(out: Path) -> Path:
    """Where a batch hands its checked ledgers to its kernels (kit/ledger/handover.py)."""
    return out / STATE_DIR / "validated"


def worker_log(out: Path) -> Path:
    """The batch's log of worker and kernel messages, emptied for this batch."""
    log = out / STATE_DIR / "workers.log"
    with suppress(OSError):
        log.write_bytes(b"")
    return log


#: What a worker needs, loaded once in the fork server that starts the workers rather than in each worker
#: (about 0.6 s a process).
WORKER_MODULES = ["kit.run.worker", "papermill", "nbformat", "nbconvert", "kit.report.html"]


class LocalPool:
    """Worker processes on this machine, forked from a fresh server process that has loaded only
    WORKER_MODULES (so each starts clean, not as a copy of this process); kernels start in the notebook's folder."""

    def __init__(self, jobs: int, out: Path):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        log = worker_log(out)
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(WORKER_MODULES)
        self.pool = ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=context,
            initializer=worker_init,
            initargs=(str(log), os.getpid(), os.path.abspath(validated_folder(out))),
        )
        # Every worker starts with the first run, before the pool's thread begins to watch them (as under 'fork'). A
        # worker started on demand is not watched until the next result arrives (CPython 3.11: submit() wakes that
        # thread before it starts the worker), so a worker stopped by SIGTERM or the kernel's out-of-memory killer
        # while the others ran long runs left the batch waiting for them.
        self.pool._safe_to_dynamically_spawn_children = False

    def submit(self, run: Run, timeout: float) -> Any:
        """Hand one run to a pool worker; the kernel starts in the notebook's own folder."""
        return self.pool.submit(execute_run, make_task(run, timeout))

    def completed(self, futures: Iterable[Any]) -> Iterator[Any]:
        """The futures as they finish, so each run is saved as soon as it is done."""
        from concurrent.futures import as_completed

        return as_completed(list(futures))

    def failure(self, problem: BaseException) -> str:
        """A worker process that vanished (killed, out of memory) is the usual reason a future raises here."""
        from concurrent.futures.process import BrokenProcessPool

        if isinstance(problem, BrokenProcessPool):
            return "a worker process of the batch stopped (killed, or out of memory); rerun to run it again"
        return f"{type(problem).__name__}: {problem}"

    def cancel(self, futures: list[Any]) -> list[str]:
        """Cancel what has not started and stop the workers, so no kernel outlives the batch."""
        # Not future.cancel(): the pool, broken by the stopped workers, then sets an exception on each cancelled
        # future still in its books and prints an InvalidStateError traceback (Python 3.11). Stopping every worker
        # is what keeps a pending run from starting.
        statuses = ["interrupted" if future.running() or future.done() else "not run" for future in futures]
        self._stop_workers()
        return statuses

    def _stop_workers(self) -> None:
        """End the workers we started, by PID: SIGTERM lets each shut its kernel down, SIGKILL if it does not."""
        processes = list((getattr(self.pool, "_processes", None) or {}).values())
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

    def close(self, interrupted: bool) -> None:
        """Let the pool's processes end; after an interruption they have already been stopped."""
        self.pool.shutdown(wait=not interrupted, cancel_futures=True)


def dispatch(
    backend: Backend, todo: list[tuple[Run, str]], timeout: float, out: Path, outcomes: dict[str, Outcome]
) -> bool:
    """Execute runs through a backend, writing each as it finishes; return True if interrupted."""
    from tqdm import tqdm

    bar = tqdm(total=len(todo), unit="run", desc="kit run", file=sys.stderr, dynamic_ncols=True)
    pending: dict[Any, tuple[Run, str]] = {}
    interrupted = False
    try:
        # Ctrl-C waits until every run is handed over: a worker process the pool is still starting would otherwise
        # outlive the batch's queues and print a traceback from the fork server
        with interrupts_deferred():
            for run, key in todo:
                pending[backend.submit(run, timeout)] = (run, key)
        for future in backend.completed(list(pending)):
            # Ctrl-C waits until the run's state file and its outcome here agree (the summary and the index with it)
            with interrupts_deferred():
                run, key = pending.pop(future)
                try:
                    result = future.result()
                except Exception as problem:
                    outcomes[run.name] = Outcome(run.name, "failed", None, backend.failure(problem))
                else:
                    outcomes[run.name] = save(out, run, key, result, read_state(out, run.name))
            outcome = outcomes[run.name]
            if outcome.status not in SUCCEEDED:
                bar.write(f"{run.name}: {outcome.status}: {outcome.error}", file=sys.stderr)
            bar.set_postfix_str(run.name, refresh=False)
            bar.update(1)
    except KeyboardInterrupt:
        interrupted = True
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            runs = [run for run, _ in pending.values()]
            for run, status in zip(runs, backend.cancel(list(pending)), strict=True):
                outcomes[run.name] = Outcome(run.name, status)
        finally:
            signal.signal(signal.SIGINT, previous)
    except BaseException:  # anything else (a closed stdout, say) still stops the workers before it propagates
        interrupted = True
        backend.cancel(list(pending))
        raise
    finally:
        with suppress(OSError, ValueError):  # a closed stderr must not keep the workers running
            bar.close()
        backend.close(interrupted)
    return interrupted
