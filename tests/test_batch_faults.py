"""Faults during ``python -m kit run``: each ends with a clear message, the other runs complete where they can,
no file is left half-written, and the last good reports stay.

Every case uses tiny notebooks in a temporary folder: a kernel that dies, a cell that hangs,
an output path that cannot be written, a full disk, and Ctrl-C in the middle of a batch.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import signal
import time
from pathlib import Path

import nbformat
import pytest
from tiny_notebooks import kit_run, make_notebook, start_kit_run, stopped_at_the_end, summary_row, wait_for, write_runs

from kit.run import atomic, cache, cli

#: every test here starts a kit run batch, in a child process or in this one (tests/tiers.py)
pytestmark = pytest.mark.batch


def status_of(output: str, name: str) -> str:
    return summary_row(output, name)[1]


def assert_no_partial_files(out: Path) -> None:
    """No temporary file is left, and every output is complete."""
    assert [path.name for path in out.rglob(f"*{atomic.TMP_SUFFIX}")] == []
    for page in filter(Path.is_file, out.glob("*.html")):
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>"), page
    for notebook in filter(Path.is_file, out.glob("*.ipynb")):
        nbformat.read(notebook, as_version=4)
    for state in (out / atomic.STATE_DIR).glob("*.json"):
        json.loads(state.read_text())


def last_good_outputs(out: Path, name: str) -> dict[str, bytes]:
    """The outputs an earlier successful batch left for a run, as the files a later fault must not touch."""
    out.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f"the last good report of {name}")]
    files = {
        f"{name}.ipynb": nbformat.writes(nb).encode(),
        f"{name}.html": f"<html><body>the last good report of {name}</body></html>\n".encode(),
        f"{name}.full.html": f"<html><body>the last good report of {name}, with code</body></html>\n".encode(),
    }
    for file_name, data in files.items():
        (out / file_name).write_bytes(data)
    return files


@pytest.fixture
def project(tmp_path: Path) -> Path:
    make_notebook(
        tmp_path / "good.ipynb",
        "label = 'first'",
        "with open('executions.txt', 'a') as log:\n    log.write(label + '\\n')",
        "print('report for', label)",
    )
    make_notebook(tmp_path / "die.ipynb", "x = 1", "print('before')", "import os\nos._exit(1)", "print('never')")
    make_notebook(tmp_path / "hang.ipynb", "seconds = 600", "import time\ntime.sleep(seconds)")
    make_notebook(tmp_path / "slow.ipynb", "seconds = 0", "import time\ntime.sleep(seconds)", "print('slept')")
    return tmp_path


def test_dead_kernel_hung_cell_and_blocked_output_each_fail_alone(project: Path) -> None:
    write_runs(
        project / "runs.yaml",
        [
            {"name": "good", "notebook": "good.ipynb", "parameters": {"label": "fine"}},
            {"name": "die", "notebook": "die.ipynb"},
            {"name": "hang", "notebook": "hang.ipynb"},
            {"name": "blocked", "notebook": "good.ipynb", "parameters": {"label": "blocked"}},
        ],
    )
    out = project / "out"
    (out / "blocked.html").mkdir(parents=True)  # a folder where the report should go: it cannot be written
    result = kit_run("--runs", "runs.yaml", "--out", "out", "--jobs", "2", "--timeout", "3", cwd=project)
    assert result.returncode == 1
    assert status_of(result.stdout, "good") == "ok"
    assert status_of(result.stdout, "die") == "failed"
    assert "the kernel died" in result.stdout
    assert status_of(result.stdout, "hang") == "timeout"
    assert status_of(result.stdout, "blocked") == "failed"
    assert "could not save outputs" in result.stdout
    assert "3 of 4 runs did not succeed" in result.stderr
    # the dead and the hung runs are saved beside where a good report would go, showing where they stopped
    died = nbformat.read(out / "die.failed.ipynb", as_version=4)
    assert "This run stopped: the kernel died" in died.cells[0].source
    assert (out / "hang.failed.html").is_file() and not (out / "hang.html").exists()
    assert (out / "blocked.html").is_dir() and not (out / "blocked.ipynb").exists()  # nothing half-swapped
    assert (project / "executions.txt").read_text().splitlines().count("fine") == 1
    assert_no_partial_files(out)


def test_output_folder_that_cannot_be_written(project: Path) -> None:
    write_runs(project / "runs.yaml", [{"name": "good", "notebook": "good.ipynb"}])
    (project / "out").write_text("a file where the output folder should be")
    result = kit_run("--runs", "runs.yaml", "--out", "out", cwd=project)
    assert result.returncode == 2
    assert "cannot write reports to out: it is a file, not a folder" in result.stderr
    assert not (project / "executions.txt").exists()  # nothing ran
    assert (project / "out").read_text() == "a file where the output folder should be"


def test_disk_full_keeps_the_last_good_report(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    runs = write_runs(
        project / "runs.yaml",
        [
            {"name": "alpha", "notebook": "good.ipynb", "parameters": {"label": "alpha"}},
            {"name": "beta", "notebook": "good.ipynb", "parameters": {"label": "beta"}},
        ],
    )
    out = project / "out"
    before = last_good_outputs(out, "beta")

    written = []

    def full_disk(handle, chunk: bytes, path: Path) -> None:
        if path.name.startswith("beta."):
            handle.write(chunk[: len(chunk) // 3])
            written.append(path.name)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        handle.write(chunk)

    monkeypatch.setattr(atomic, "_write_chunk", full_disk)
    args = argparse.Namespace(runs=runs, out=out, only=None, jobs=2, force=True, timeout=60.0)
    assert cli.main(args) == 1
    shown = capsys.readouterr().out
    assert status_of(shown, "alpha") == "ok"
    assert status_of(shown, "beta") == "failed"
    assert "could not save outputs: No space left on device" in shown
    assert written
    assert {path.name: path.read_bytes() for path in out.glob("beta*")} == before
    assert_no_partial_files(out)


def _kernels_in(folder: Path) -> list[int]:
    """Kernel processes working in a folder (the notebooks' folder is the kernels' working folder)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if Path(os.readlink(entry / "cwd")) == folder and b"ipykernel" in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="looks for leftover kernels in /proc")
def test_ctrl_c_mid_batch_loses_nothing(project: Path) -> None:
    out = project / "out"
    slow_before = last_good_outputs(out, "slow")
    write_runs(
        project / "runs.yaml",
        [
            {"name": "quick", "notebook": "good.ipynb", "parameters": {"label": "second"}},
            {"name": "slow", "notebook": "slow.ipynb", "parameters": {"seconds": 600}},
            {"name": "slow-too", "notebook": "slow.ipynb", "parameters": {"seconds": 600}},
        ],
    )
    with stopped_at_the_end(start_kit_run("--runs", "runs.yaml", "--out", "out", "--jobs", "2", cwd=project)) as child:
        wait_for(lambda: _quick_saved(out), child, "the quick run finishing")
        child.send_signal(signal.SIGINT)
        stdout, stderr = child.communicate(timeout=120)
    assert child.returncode == 130, stderr
    assert "interrupted" in stderr
    assert status_of(stdout, "quick") == "ok"
    assert status_of(stdout, "slow") == "interrupted"
    assert {path.name: path.read_bytes() for path in out.glob("slow.*")} == slow_before
    assert "report for second" in (out / "quick.html").read_text(encoding="utf-8")
    assert_no_partial_files(out)
    deadline = time.monotonic() + 30
    while _kernels_in(project) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _kernels_in(project) == []


def _quick_saved(out: Path) -> bool:
    state = cache.read_state(out, "quick")
    return state.get("parameters", {}).get("label") == "second" and state.get("last", {}).get("status") == "ok"
