"""The test tiers hold: a quick-tier test cannot start a batch, a kernel, a process pool or a cluster without
failing, and the tests that use the session builds or the browser are left out of the quick tier."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from tiers import FIXTURE_MARKS, QUICK, HeavyStart, marker_for, marks_of
from tiny_notebooks import make_notebook, run_in_process

from kit.run import pool


@pytest.mark.parametrize(
    ("command", "marker"),
    [
        ([sys.executable, "-m", "kit", "run", "--runs", "runs.yaml"], "batch"),
        ([sys.executable, "-m", "ipykernel_launcher", "-f", "kernel.json"], "kernel"),
        (["papermill", "in.ipynb", "out.ipynb"], "kernel"),
        (["/usr/bin/chromium", "--headless"], "browser"),
        ([str(Path(sys.executable).with_name("dask")), "scheduler"], "cluster"),
        ([sys.executable, "-m", "kit", "validate", "ledger"], None),
        ("git status", None),
    ],
)
def test_the_guard_knows_which_command_lines_are_heavy(command: list[str] | str, marker: str | None) -> None:
    assert marker_for(command) == marker


def test_a_quick_test_cannot_start_a_batch() -> None:
    with pytest.raises(HeavyStart, match=r"test_tiers.py::test_a_quick_test_cannot_start_a_batch .*pytest.mark.batch"):
        subprocess.run([sys.executable, "-m", "kit", "run", "--help"], capture_output=True)


def test_a_quick_test_cannot_start_a_process_pool(tmp_path: Path) -> None:
    with pytest.raises(HeavyStart, match="starts a process"):
        backend = pool.LocalPool(1, tmp_path)
        try:
            backend.pool.submit(print).result()
        finally:
            backend.close(interrupted=True)


def test_a_quick_test_cannot_execute_a_notebook_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notebook = make_notebook(tmp_path / "tiny.ipynb", "x = 1", "x + 1")
    with pytest.raises(HeavyStart, match="executes a notebook in this process"):
        run_in_process(notebook, {}, monkeypatch)


def test_a_quick_test_may_start_other_commands() -> None:
    done = subprocess.run([sys.executable, "-c", "print('fine')"], capture_output=True, text=True, check=True)
    assert done.stdout == "fine\n"


@pytest.mark.batch
def test_a_marked_test_may_start_a_batch() -> None:
    done = subprocess.run([sys.executable, "-m", "kit", "run", "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "--runs" in done.stdout


def test_the_session_builds_and_the_browser_are_outside_the_quick_tier(request: pytest.FixtureRequest) -> None:
    """Every collected test that uses a session build or the browser carries a tier marker, so ``-m QUICK`` leaves
    it out (in ``make check`` those tests are not collected at all, and this holds trivially)."""
    items = request.session.items
    assert request.node in items
    for item in items:
        heavy = [name for name in FIXTURE_MARKS if name in getattr(item, "fixturenames", ())]
        if heavy or item.path.suffix == ".ipynb":
            assert marks_of(item), f"{item.nodeid} uses {heavy or 'nbval'} but has no tier marker"
    makefile = (Path(__file__).parents[1] / "Makefile").read_text(encoding="utf-8")
    assert f"QUICK_TESTS := {QUICK}\n" in makefile  # make check runs this tier


def test_every_example_count_a_test_sets_is_cut_by_the_quick_profile() -> None:
    """An explicit ``max_examples=N`` overrides any Hypothesis profile, so ``make check`` would run all N examples:
    a test that sets its count writes ``examples(N)`` (tests/shared.py), which the quick profile caps."""
    literal = re.compile(r"max_examples\s*=\s*\d")
    found = [
        f"{path.name}:{number}"
        for path in sorted(Path(__file__).parent.glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if literal.search(line)
    ]
    assert found == []


def test_no_test_imports_conftest() -> None:
    """Fixtures come from conftest.py through pytest, constants and helpers from tests/shared.py: a test that imports
    conftest loads it a second time, as another module, with fixtures of its own."""
    importing = [
        path.name
        for path in sorted(Path(__file__).parent.glob("*.py"))
        if re.search(r"^\s*(?:from conftest import|import conftest)", path.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    assert importing == []
