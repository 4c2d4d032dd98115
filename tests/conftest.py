"""Shared fixtures: the repository's paths, a writable copy of the packaged ledger, headless Chromium."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from e2e.jupyterlab import CHROMIUM_ARGS, find_chromium

from kit.run import execute as refresh

ROOT = Path(__file__).resolve().parent.parent
PACKAGED_LEDGER = ROOT / "kit" / "data"
NOTEBOOKS = ROOT / "notebooks"

# Kernels started by nbval or papermill run in notebooks/: make ``import kit`` work there too.
refresh.kernel_env()


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


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium under Playwright; a skip outside CI when it is missing, a failure in CI."""
    executable = find_chromium()
    if executable is None:
        message = "/usr/bin/chromium is missing; install it with `apt-get install -y chromium`"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI: {message}")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
