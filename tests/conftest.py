"""Shared fixtures: the repository's paths, a writable copy of the packaged ledger, one headless Chromium
per session, and the default notebooks executed once per session for every test that reads their outputs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from e2e.jupyterlab import chromium, find_chromium
from tiny_notebooks import built_once
from tiny_notebooks import default_build as runs_built

from kit.run import execute, runsfile

ROOT = Path(__file__).resolve().parent.parent
PACKAGED_LEDGER = ROOT / "kit" / "data"
NOTEBOOKS = ROOT / "notebooks"
#: The numbered notebooks, in reading order.
NUMBERED = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
#: The numbered notebooks that read one article (a ``ledger`` parameter); the others read a story (``ledgers``).
ARTICLE_NOTEBOOKS = [path for path in NUMBERED if "ledger" in (runsfile.notebook_parameters(path) or {})]

# Kernels started by nbval or papermill run in notebooks/: make ``import kit`` work there too.
execute.kernel_env()


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


def edit_csv(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a CSV file, failing loudly if it is not there exactly once."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


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
    out, done = runs_built(tmp_path_factory)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def default_run(stem: str, runs: str = "runs.yaml") -> str:
    """The name of the run in a runs file of notebooks/ that executes a notebook with its default parameters."""
    for run in runsfile.load_runs(NOTEBOOKS / runs):
        if run.notebook.stem == stem and not run.parameters:
            return run.name
    raise AssertionError(f"notebooks/{runs} has no run of {stem}.ipynb with its defaults")


def article_report(build: Path, article: str | None, stem: str, suffix: str = ".ipynb") -> Path:
    """A report of ``article_builds``: an article notebook's for one article, or a story notebook's (article
    None), under its run name in notebooks/corpus.yaml."""
    folder = build if article is None else build / article
    return folder / f"{default_run(stem, 'corpus.yaml')}{suffix}"


def built_notebook(build: Path, stem: str) -> nbformat.NotebookNode:
    """The executed notebook a build of the default runs wrote for one notebook with its defaults."""
    return nbformat.read(build / f"{default_run(stem)}.ipynb", as_version=4)


#: The test articles' ledgers (tests/ledgers/NAME).
ARTICLES = ("second", "wildfire", "crossings", "budget")
#: The test articles every notebook renders in kernels in ``article_builds`` (the others render in-process,
#: test_reports): one undated with figures of every kind, one dated series (the over-time page's charts).
BUILT_ARTICLES = ("second", "wildfire")


def drop_first_batch(ledger: Path) -> None:
    """Remove the packaged ledger's first-batch claim from a copy: a sound ledger without the one part."""
    claims = ledger / "claims.csv"
    row = next(line for line in claims.read_text(encoding="utf-8").splitlines() if line.startswith("first-batch-"))
    edit_csv(claims, row + "\n", "")


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
