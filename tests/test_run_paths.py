"""A path is relative to where it is written.

In a runs file: to the runs file (the notebook and the ``ledger`` parameter alike), whatever folder
``kit run`` is started from; ``kit run`` hands the kernel an absolute path. In a notebook's parameters
(``papermill -p``): to the kernel's working directory. The two real-notebook tests render a copy of the
ledger whose title and one claimant's name were changed, and look for them in what was rendered.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from tiny_notebooks import ENV, ROOT, kit_run, make_notebook, real_notebook, summary_row, write_runs

from kit.run import cache, runsfile

TITLE = "Figures of a copied ledger, beside its runs file"
NAME = "Lloyd Austin of the copied ledger"


def copied_ledger(folder: Path) -> Path:
    """A copy of the packaged ledger, with its own title and one claimant renamed, in ``folder/L``."""
    ledger = folder / "L"
    shutil.copytree(ROOT / "kit" / "data", ledger, symlinks=False, ignore=shutil.ignore_patterns("*.md"))
    package = json.loads((ledger / "datapackage.json").read_text(encoding="utf-8"))
    package["title"] = TITLE
    (ledger / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    sources = (ledger / "sources.csv").read_text(encoding="utf-8")
    assert sources.count(",Lloyd Austin,") == 1
    (ledger / "sources.csv").write_text(sources.replace(",Lloyd Austin,", f",{NAME},"), encoding="utf-8")
    return ledger


def test_runs_file_paths_are_relative_to_the_runs_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    project.mkdir()
    make_notebook(project / "tiny.ipynb", "ledger = None", "print(ledger)")
    (project / "L").mkdir()
    runs_file = write_runs(
        project / "runs.yaml", [{"name": "t", "notebook": "tiny.ipynb", "parameters": {"ledger": "L"}}]
    )
    monkeypatch.chdir(tmp_path)  # elsewhere: neither the runs file's folder nor the notebook's decides
    (run,) = runsfile.load_runs(Path("project") / "runs.yaml")
    assert run.parameters == {"ledger": "L"}  # as written, for the index and the banner
    assert run.kernel_parameters() == {"ledger": str(project / "L")}
    assert runsfile.ledger_folder(run) == project / "L"
    assert runsfile.check_parameters(run, runs_file) == []
    missing = runsfile.Run("m", run.notebook, {"ledger": "nowhere"}, project)
    (problem,) = runsfile.check_parameters(missing, runs_file)
    assert "ledger 'nowhere' is not a folder" in problem and "relative to the runs file" in problem


def test_a_run_made_in_code_is_relative_to_the_current_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    make_notebook(tmp_path / "tiny.ipynb", "ledger = None")
    monkeypatch.chdir(tmp_path)
    run = runsfile.Run("t", tmp_path / "tiny.ipynb", {"ledger": "L"})
    assert run.kernel_parameters()["ledger"] == str(tmp_path / "L")


@pytest.mark.batch
def test_kit_run_renders_the_ledger_beside_a_runs_file_outside_notebooks(tmp_path: Path) -> None:
    overview = real_notebook("*-overview.ipynb")
    desk = tmp_path / "desk"
    desk.mkdir()
    ledger = copied_ledger(desk)
    write_runs(
        desk / "runs.yaml",
        [{"name": "copy-overview", "notebook": str(overview), "parameters": {"ledger": "L"}}],
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = kit_run("--runs", str(desk / "runs.yaml"), "--out", str(tmp_path / "out"), cwd=elsewhere)
    assert result.returncode == 0, result.stdout + result.stderr
    assert summary_row(result.stdout, "copy-overview")[1] == "ok"
    out = tmp_path / "out"
    report = (out / "copy-overview.html").read_text(encoding="utf-8")
    assert NAME in report  # the kernel read the copy, not the packaged ledger
    from kit import ledger_version

    assert ledger_version(ledger) in report and ledger_version() not in report
    assert TITLE in (out / "runs.html").read_text(encoding="utf-8")
    state = cache.read_state(out, "copy-overview")
    assert state["parameters"] == {"ledger": "L"}
    executed = nbformat.read(out / "copy-overview.ipynb", as_version=4)
    injected = [cell for cell in executed.cells if "injected-parameters" in cell.metadata.get("tags", [])]
    assert injected and json.dumps(str(ledger)) in injected[0].source  # the kernel got an absolute path


@pytest.mark.kernel
def test_papermill_ledger_parameter_is_relative_to_the_kernels_working_directory(tmp_path: Path) -> None:
    copied_ledger(tmp_path)
    command = [
        sys.executable,
        "-m",
        "papermill",
        str(real_notebook("*-overview.ipynb")),
        "out.ipynb",
        "-p",
        "ledger",
        "L",
    ]
    result = subprocess.run(command, cwd=tmp_path, env=ENV, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    executed = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    shown = json.dumps([cell.get("outputs", []) for cell in executed.cells if cell.cell_type == "code"])
    assert NAME in shown
