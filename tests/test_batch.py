"""``python -m kit run``: parallel runs, failure isolation, timeouts, the cache, and the runs file checks.

Most tests use tiny notebooks written into a temporary folder, so they do not depend on
the real notebooks' details; the last one checks the real runs file (tests/test_render.py
executes it).
"""

from __future__ import annotations

import base64
import json
import subprocess
from pathlib import Path

import nbformat
import pytest
from tiny_notebooks import kit_run, make_notebook, summary_row, write_runs

from kit.run import atomic, cache, runsfile

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
RUNS = NOTEBOOKS / "runs.yaml"
#: a 1x1 PNG, so a report has an image to embed without starting matplotlib
PIXEL = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db40000000049454e44ae426082"
    )
).decode()


def stray_temporaries(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.name.endswith(atomic.TMP_SUFFIX)]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Notebooks: two good ones (one counts its executions), one that fails on demand, one that hangs."""
    root = tmp_path_factory.mktemp("batch")
    make_notebook(
        root / "good.ipynb",
        "label = 'first'\nrepeat = 1",
        "with open('executions.txt', 'a') as log:\n    log.write(label + '\\n')",
        "print(label * repeat)",
        f"from IPython.display import Image\nImage(data=__import__('base64').b64decode('{PIXEL}'))",
    )
    make_notebook(
        root / "flaky.ipynb",
        "fail = False",
        "print('figures as good as ever')",
        "if fail:\n    raise ValueError('boom: the ledger has no such topic')",
        "print('after the failure point')",
    )
    make_notebook(root / "hang.ipynb", "seconds = 600", "import time\ntime.sleep(seconds)")
    return root


@pytest.fixture(scope="module")
def batches(project: Path) -> dict[str, subprocess.CompletedProcess]:
    """A clean parallel batch; then one where a run fails, one hangs and one is new; then a rerun of unchanged runs."""
    runs = [
        {"name": "good-a", "notebook": "good.ipynb", "parameters": {"label": "alpha"}},
        {"name": "flaky", "notebook": "flaky.ipynb"},
    ]
    write_runs(project / "runs.yaml", runs)
    results = {"first": kit_run("--runs", "runs.yaml", "--out", "out", "--jobs", "2", cwd=project)}
    results["first_flaky_report"] = (project / "out" / "flaky.html").read_bytes()
    runs[1]["parameters"] = {"fail": True}
    runs.insert(1, {"name": "good-b", "notebook": "good.ipynb", "parameters": {"label": "beta", "repeat": 2}})
    runs.append({"name": "hang", "notebook": "hang.ipynb"})
    write_runs(project / "runs.yaml", runs)
    results["second"] = kit_run("--runs", "runs.yaml", "--out", "out", "--jobs", "2", "--timeout", "3", cwd=project)
    results["executions_before_rerun"] = (project / "executions.txt").read_text()
    results["third"] = kit_run("--runs", "runs.yaml", "--out", "out", "--jobs", "2", "--only", "good-*", cwd=project)
    return results


def test_parallel_batch_renders_every_run(project: Path, batches: dict) -> None:
    first = batches["first"]
    assert first.returncode == 0, first.stderr
    out = project / "out"
    for name in ("good-a", "flaky"):
        assert summary_row(first.stdout, name)[1] == "ok"
        for path in cache.output_paths(out, name).values():
            assert path.is_file(), path
    report = (out / "good-a.html").read_text(encoding="utf-8")
    assert "alpha" in report
    assert "executions.txt" not in report  # the report hides code
    assert "executions.txt" in (out / "good-a.full.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in report
    executed = nbformat.read(out / "good-a.ipynb", as_version=4)
    injected = [cell for cell in executed.cells if "injected-parameters" in cell.metadata.get("tags", [])]
    assert injected and 'label = "alpha"' in injected[0].source


def test_one_failing_run_does_not_stop_the_others(project: Path, batches: dict) -> None:
    second = batches["second"]
    out = project / "out"
    assert second.returncode == 1
    assert summary_row(second.stdout, "good-a")[1] == "cached"
    assert summary_row(second.stdout, "good-b")[1] == "ok"
    assert "betabeta" in (out / "good-b.html").read_text(encoding="utf-8")
    flaky = summary_row(second.stdout, "flaky")
    assert flaky[1] == "failed"
    assert "ValueError: boom: the ledger has no such topic" in second.stdout
    # the last good report stays; the failed one is kept beside it, with the error cell
    assert (out / "flaky.html").read_bytes() == batches["first_flaky_report"]
    failed = (out / "flaky.failed.html").read_text(encoding="utf-8")
    assert "boom: the ledger has no such topic" in failed
    executed = nbformat.read(out / "flaky.failed.ipynb", as_version=4)
    errors = [output for cell in executed.cells for output in cell.get("outputs", []) if output.output_type == "error"]
    assert errors and errors[0].ename == "ValueError"
    assert not stray_temporaries(out)


def test_hung_cell_is_ended_by_the_timeout(project: Path, batches: dict) -> None:
    second = batches["second"]
    row = summary_row(second.stdout, "hang")
    assert row[1] == "timeout"
    assert "longer than 3 s" in second.stdout
    out = project / "out"
    assert (out / "hang.failed.html").is_file()
    assert not (out / "hang.html").exists()
    state = json.loads((out / atomic.STATE_DIR / "hang.json").read_text())
    assert state["last"]["status"] == "timeout"


def test_index_lists_status_parameters_and_ledger_version(project: Path, batches: dict) -> None:
    page = (project / "out" / "runs.html").read_text(encoding="utf-8")
    for name in ("good-a", "good-b", "flaky", "hang"):
        assert f"<strong>{name}</strong>" in page
    assert "status-timeout" in page and "status-failed" in page
    assert '<a href="flaky.html">report</a>' in page  # last good report still linked
    assert '<a href="flaky.failed.html">failed report</a>' in page
    assert "&quot;beta&quot;" in page
    from kit import ledger_version

    assert ledger_version() in page


def test_cached_rerun_executes_nothing(project: Path, batches: dict) -> None:
    third = batches["third"]
    assert third.returncode == 0, third.stderr
    assert summary_row(third.stdout, "good-a")[1] == "cached"
    assert summary_row(third.stdout, "good-b")[1] == "cached"
    executions = (project / "executions.txt").read_text()
    assert executions == batches["executions_before_rerun"]
    assert executions.splitlines() == ["alpha", "beta"]  # good-a was cached in the second batch too


@pytest.mark.batch
def test_only_matching_nothing_is_an_error(project: Path, batches: dict) -> None:
    result = kit_run("--runs", "runs.yaml", "--out", "out", "--only", "nothing-like-this*", cwd=project)
    assert result.returncode == 2
    assert "--only 'nothing-like-this*' matches no run" in result.stderr
    assert "good-a" in result.stderr  # says which runs exist


@pytest.mark.batch
def test_unknown_parameter_name_is_an_error_naming_it(project: Path, tmp_path: Path) -> None:
    runs = write_runs(
        tmp_path / "runs.yaml",
        [{"name": "typo", "notebook": str(project / "good.ipynb"), "parameters": {"lable": "x"}}],
    )
    result = kit_run("--runs", str(runs), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown parameter 'lable'" in result.stderr
    assert "did you mean 'label'?" in result.stderr
    assert not (tmp_path / "out" / "typo.html").exists()


def test_wrong_parameter_type_names_parameter_and_type(project: Path, tmp_path: Path) -> None:
    run = runsfile.Run("typed", project / "good.ipynb", {"repeat": "two", "label": None})
    problems = runsfile.check_parameters(run, tmp_path / "runs.yaml")
    assert len(problems) == 2
    assert "parameter 'repeat' expects int" in problems[0] and "got str 'two'" in problems[0]
    assert "parameter 'label' expects str" in problems[1] and "got NoneType None" in problems[1]
    assert runsfile.check_parameters(runsfile.Run("ok", project / "good.ipynb", {"label": "x", "repeat": 3})) == []
    assert runsfile.check_parameters(runsfile.Run("bool", project / "good.ipynb", {"repeat": True}))


def test_runs_file_problems_are_all_reported(tmp_path: Path) -> None:
    runs = tmp_path / "runs.yaml"
    runs.write_text("runs:\n  - name: a b\n    notebook: x.ipynb\n  - name: ok\n    notbook: y.ipynb\n")
    with pytest.raises(runsfile.RunsError) as raised:
        runsfile.load_runs(runs)
    text = str(raised.value)
    assert "'a b'" in text and "unknown key 'notbook'" in text


def test_interrupted_write_leaves_the_previous_file_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.html"
    atomic.atomic_write(target, "<html>the last good report</html>\n")
    calls = []

    def interrupted(handle, chunk: bytes, path: Path) -> None:
        calls.append(len(chunk))
        handle.write(chunk[: len(chunk) // 2])
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic, "_CHUNK", 8)
    monkeypatch.setattr(atomic, "_write_chunk", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic.atomic_write(target, "<html>a new report, cut short by Ctrl-C</html>\n")
    assert calls
    assert target.read_text() == "<html>the last good report</html>\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.html"]


def test_cache_key_follows_its_inputs(project: Path) -> None:
    run = runsfile.Run("a", project / "good.ipynb", {"label": "alpha"})
    key = cache.cache_key(run)
    assert cache.cache_key(runsfile.Run("b", project / "good.ipynb", {"label": "alpha"})) == key
    assert cache.cache_key(runsfile.Run("a", project / "good.ipynb", {"label": "beta"})) != key
    assert cache.cache_key(run, dict(cache.environment(), **{"kit source": "another kit"})) != key


# -- the real notebooks ----------------------------------------------------------------


def real_notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def test_default_run_set_covers_every_notebook() -> None:
    notebooks = real_notebooks()
    if not notebooks:
        pytest.skip("no notebooks in notebooks/ yet")
    runs = runsfile.load_runs(RUNS)
    listed = {run.notebook for run in runs}
    assert {path.resolve() for path in notebooks} <= listed
    for notebook in notebooks:  # each with its defaults, under its own name
        assert any(run.notebook == notebook.resolve() and not run.parameters for run in runs), notebook
    assert [problem for run in runs for problem in runsfile.check_parameters(run, RUNS)] == []
