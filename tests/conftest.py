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
import yaml
from e2e.jupyterlab import chromium, find_chromium

from kit.run import execute

ROOT = Path(__file__).resolve().parent.parent
PACKAGED_LEDGER = ROOT / "kit" / "data"
NOTEBOOKS = ROOT / "notebooks"
#: The numbered notebooks, in reading order.
NUMBERED = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))

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
    """Every numbered notebook run once with its defaults by ``python -m kit run``: ``NAME.ipynb`` and ``NAME.html``.

    One execution per notebook serves every test that reads default outputs (nbval and the end-to-end run
    execute on their own: they test those tools).
    """
    folder = tmp_path_factory.mktemp("default-build")
    runs = folder / "runs.yaml"
    entries = [{"name": path.stem, "notebook": str(path)} for path in NUMBERED]
    runs.write_text(yaml.safe_dump({"runs": entries}, sort_keys=False), encoding="utf-8")
    command = [sys.executable, "-m", "kit", "run", "--runs", str(runs), "--out", str(folder / "build"), "--jobs", "2"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return folder / "build"


def built_notebook(build: Path, name: str) -> nbformat.NotebookNode:
    """The executed notebook a build wrote for one run."""
    return nbformat.read(build / f"{name}.ipynb", as_version=4)
