"""The test tiers: which tests start costly processes, and a guard that keeps the quick tier (``make check``)
free of them.

A test that starts a Jupyter kernel, a ``python -m kit run`` batch or a process pool, a Dask cluster, JupyterLab or
Chromium carries one of HEAVY's markers; ``make check`` runs every test without them, ``make test`` runs them all.
Tests that use a session build or the browser are marked from their fixtures (``conftest.py``); the others say so
with ``pytest.mark.<marker>``. While a test without those markers runs, :func:`guard` makes any such start fail,
naming the marker the test needs, so the quick tier stays quick as tests are added.
"""

from __future__ import annotations

import multiprocessing.process
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pytest

#: marker: what a test carrying it starts
HEAVY = {
    "kernel": "a notebook executed: in a Jupyter kernel (papermill, nbclient, a session build) or in this process "
    "(tiny_notebooks.run_in_process)",
    "batch": "python -m kit run, or the batch's process pool in this process",
    "cluster": "a Dask cluster (LocalCluster, dask scheduler, dask worker)",
    "browser": "headless Chromium",
    "e2e": "real JupyterLab driven in headless Chromium",
    "nbval": "a committed notebook executed cell by cell by nbval",
}
#: the quick tier, as ``pytest -m`` takes it
QUICK = "not (" + " or ".join(HEAVY) + ")"
#: fixtures that execute notebooks in batches (the session builds of conftest.py, test_render's ``real_build``, the
#: module batches of test_batch and test_run_corpus) or start the browser, and the marks a test using them gets
FIXTURE_MARKS = {
    "default_build": ("batch", "kernel"),
    "article_builds": ("batch", "kernel"),
    "real_build": ("batch", "kernel"),
    "batches": ("batch", "kernel"),
    "browser": ("browser",),
}

#: words in a child process's command line, and the marker a test starting it needs
_COMMANDS = (
    (("-m", "kit", "run"), "batch"),
    (("ipykernel_launcher",), "kernel"),
    (("ipykernel",), "kernel"),
    (("papermill",), "kernel"),
    (("nbval",), "kernel"),
    (("--nbval",), "kernel"),
    (("jupyter",), "e2e"),
    (("jupyter-lab",), "e2e"),
    (("chromium",), "browser"),
    (("dask",), "cluster"),
    (("dask-scheduler",), "cluster"),
    (("dask-worker",), "cluster"),
)


class HeavyStart(AssertionError):
    """A test of the quick tier started something only the full suite should."""


#: the quick-tier test running now (set by :func:`guard`), or None
_quick_test: str | None = None


def refuse_in_quick_tier(what: str, marker: str) -> None:
    """For helpers that do heavy work without a child process (executing a notebook in this process): fail when
    a quick-tier test calls them."""
    if _quick_test is not None:
        why = f"mark it pytest.mark.{marker} ({HEAVY[marker]})"
        raise HeavyStart(f"{_quick_test} is in the quick tier but {what}: {why}")


def marker_for(command: Any) -> str | None:
    """The marker a test needs to start this command line (as ``subprocess.Popen`` takes it), or None."""
    if isinstance(command, str | bytes):
        words = str(command if isinstance(command, str) else command.decode()).split()
    elif isinstance(command, Sequence):
        words = [str(word) for word in command]
    else:
        words = [str(command)]
    names = [word.rsplit("/", 1)[-1] for word in words]
    for sequence, marker in _COMMANDS:
        size = len(sequence)
        if any(tuple(names[at : at + size]) == sequence for at in range(len(names) - size + 1)):
            return marker
        if size == 1 and any(name.startswith(sequence[0] + ".") for name in names):  # ipykernel_launcher.py
            return marker
    return None


def marks_of(item: pytest.Item) -> set[str]:
    """The tier markers a collected test carries."""
    return {mark.name for mark in item.iter_markers() if mark.name in HEAVY}


def mark_from_fixtures(item: pytest.Item) -> None:
    """Give a test the markers of the costly session fixtures it uses, and nbval's cells theirs."""
    for fixture, markers in FIXTURE_MARKS.items():
        if fixture in getattr(item, "fixturenames", ()):
            for marker in markers:
                item.add_marker(marker)
    if item.path.suffix == ".ipynb":
        item.add_marker("nbval")


_ORIGINAL_POPEN = subprocess.Popen.__init__
_ORIGINAL_START = multiprocessing.process.BaseProcess.start


def _popen(self: subprocess.Popen, args: Any, *rest: Any, **options: Any) -> None:
    marker = marker_for(args) if _quick_test is not None else None
    if marker is not None:
        raise HeavyStart(
            f"{_quick_test} is in the quick tier but starts {args!r}: mark it pytest.mark.{marker} ({HEAVY[marker]})"
        )
    _ORIGINAL_POPEN(self, args, *rest, **options)


def _start(self: multiprocessing.process.BaseProcess) -> None:
    if _quick_test is not None:
        raise HeavyStart(
            f"{_quick_test} is in the quick tier but starts a process ({self.name}): mark it pytest.mark.batch "
            "(a process pool) or pytest.mark.cluster (a Dask cluster)"
        )
    _ORIGINAL_START(self)


@contextmanager
def guard(test: str) -> Iterator[None]:
    """While ``test`` runs, fail on a child process or process pool it would need a HEAVY marker for. Guards nest
    (a fixture's setup inside a test's): the outer one's test stays named once the inner one ends."""
    global _quick_test
    subprocess.Popen.__init__ = _popen  # type: ignore[method-assign]
    multiprocessing.process.BaseProcess.start = _start  # type: ignore[method-assign]
    outer, _quick_test = _quick_test, test
    try:
        yield
    finally:
        _quick_test = outer
