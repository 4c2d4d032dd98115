"""Shared fixtures: a writable copy of the packaged ledger, one headless Chromium per session, and the default
notebooks executed once per session for every test that reads their outputs; and the hooks of the test tiers
(tests/tiers.py). Paths and helpers that tests import are in tests/shared.py: no test imports this file."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from e2e.jupyterlab import chromium, find_chromium
from hypothesis import settings
from shared import BUILT_ARTICLES, NOTEBOOKS, PACKAGED_LEDGER, QUICK_EXAMPLES, QUICK_PROFILE, ROOT
from tiers import guard, mark_from_fixtures, marks_of
from tiny_notebooks import build_default_runs, built_once

from kit.run import execute

# Kernels started by nbval or papermill run in notebooks/: make ``import kit`` work there too.
execute.kernel_env()
# Fewer Hypothesis examples for ``make check`` (``--hypothesis-profile quick``); see shared.examples.
settings.register_profile(QUICK_PROFILE, max_examples=QUICK_EXAMPLES)


#: The cyclic garbage collector's first threshold in a test process (Python's default is 700 allocations). The tests
#: build thousands of DataFrames and matplotlib artists; at the default, collections that find little took about a
#: tenth of the quick tier's CPU (benchmarks/RESULTS.md, "`make check`, fifth measure"). Memory is still freed.
GC_THRESHOLD = 50_000


def pytest_collection_finish(session: pytest.Session) -> None:
    """After collection, the modules and fixtures loaded so far are kept out of every later collection (gc.freeze),
    and the collector runs less often: it then scans only what the tests themselves allocate."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])


@pytest.hookimpl(tryfirst=True)  # before ``-m`` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tier markers (tests/tiers.py) for the tests that use a session build or the browser, and nbval's cells."""
    for item in items:
        mark_from_fixtures(item)


@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(fixturedef: pytest.FixtureDef, request: pytest.FixtureRequest):
    """The guard also covers the fixtures a quick-tier test sets up first (a module's batch, say)."""
    item = getattr(request, "_pyfuncitem", None)
    if item is None or marks_of(item) or fixturedef.argname == "quick_tier_guard":
        yield
        return
    with guard(item.nodeid):
        yield


@pytest.fixture(autouse=True)
def quick_tier_guard(request: pytest.FixtureRequest):
    """A test without a tier marker fails if it starts a kernel, a batch, a cluster or a browser (tests/tiers.py)."""
    if marks_of(request.node):
        yield
        return
    with guard(request.node.nodeid):
        yield


@pytest.fixture
def ledger_copy(tmp_path: Path) -> Path:
    """A copy of the packaged ledger (its data, not its documentation) in a temporary folder, safe to edit."""
    target = tmp_path / "ledger"
    shutil.copytree(PACKAGED_LEDGER, target, symlinks=False, ignore=shutil.ignore_patterns("*.md"))
    return target


@pytest.fixture
def ledger(ledger_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The ledger copy seen from its parent folder, so messages show paths like ``ledger/claims.csv``."""
    monkeypatch.chdir(tmp_path)
    return ledger_copy


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory):
    """Debian's headless Chromium under Playwright, one per session; a skip outside CI when missing, a failure in CI."""
    executable = find_chromium()
    if executable is None:
        message = "/usr/bin/chromium is missing; install it with `apt-get install -y chromium`"
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(f"CI: {message}")
        pytest.skip(message)
    with chromium(executable, tmp_path_factory.mktemp("chromium-home")) as started:
        yield started


@pytest.fixture(scope="session")
def default_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The runs of notebooks/runs.yaml (each notebook with its defaults, and its first run with other parameters:
    ``tiny_notebooks.session_runs``) executed once by ``python -m kit run``, as ``make report`` would.

    One execution of the default runs serves every test that reads default outputs (nbval and the end-to-end
    run execute on their own: they test those tools). ``default_run`` names a notebook's run with its defaults.
    """
    out, done = build_default_runs(tmp_path_factory)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="session")
def article_builds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every notebook on every test article, once a session, by ``python -m kit run --runs notebooks/corpus.yaml
    --ledger ...``: each article notebook into ``OUT/ARTICLE/NAME.*``, the tracker over all of them into
    ``OUT/tracker.*`` (``article_report`` finds them). The articles are BUILT_ARTICLES."""
    with built_once(tmp_path_factory, "article-builds") as (folder, to_build):
        if to_build:
            _build_articles(folder)
    return folder / "out"


def _build_articles(folder: Path) -> None:
    ledgers = [
        argument for article in BUILT_ARTICLES for argument in ("--ledger", str(ROOT / "tests" / "ledgers" / article))
    ]
    command = [sys.executable, "-m", "kit", "run", "--runs", str(NOTEBOOKS / "corpus.yaml")]
    command += ["--out", str(folder / "out"), *ledgers, "--jobs", "2"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
