"""SIGTERM sent to one pool worker of ``python -m kit run`` (kit/run/pool.py), each worker in turn, and to the fork
server that starts them: none ignores it, the kernels go with the workers, the batch ends with its usual summary and
message (no traceback), and no process of the batch is left behind.

Processes are followed in /proc: the batch, its fork server, the workers the fork server starts and their kernels.
Whatever a failing test leaves is stopped by PID.
"""

from __future__ import annotations

import os
import signal
from contextlib import suppress
from pathlib import Path

import pytest
import tiny_notebooks as tiny

pytestmark = [
    pytest.mark.batch,
    pytest.mark.kernel,
    pytest.mark.skipif(not Path("/proc").is_dir(), reason="follows processes in /proc"),
]


def _parents() -> dict[int, int]:
    """Every process and its parent, from /proc (ppid is the 4th field of /proc/PID/stat)."""
    found: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with suppress(OSError, IndexError, ValueError):
            found[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
    return found


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _tree(batch: int) -> dict[str, list[int]]:
    """The batch's processes by role: the fork server, its workers, and every process below the workers."""
    parents = _parents()
    children = {pid: sorted(child for child, parent in parents.items() if parent == pid) for pid in parents}
    server = [pid for pid in children.get(batch, []) if "forkserver" in _command(pid)]
    workers = [pid for pid in (children[server[0]] if server else [])]
    below, frontier = set(), set(workers)
    while frontier:
        frontier = {child for pid in frontier for child in children.get(pid, [])} - below
        below |= frontier
    return {"server": server, "workers": workers, "below": sorted(below)}


@pytest.mark.parametrize(
    ("role", "which"),
    [("workers", 0), ("workers", 1), ("server", 0)],
    ids=["first worker", "second worker", "fork server"],
)
def test_sigterm_to_one_worker_ends_the_batch_cleanly(tmp_path: Path, role: str, which: int) -> None:
    tiny.make_notebook(
        tmp_path / "slow.ipynb",
        "name = 'a'",
        "import pathlib, time\npathlib.Path(name + '.started').touch()\ntime.sleep(600)",
    )
    runs = [{"name": n, "notebook": "slow.ipynb", "parameters": {"name": n}} for n in "ab"]
    tiny.write_runs(tmp_path / "runs.yaml", runs)
    child = tiny.start_kit_run("--runs", "runs.yaml", "--out", "out", "--jobs", "2", cwd=tmp_path)
    seen: set[int] = set()
    with tiny.stopped_at_the_end(child):
        try:
            tiny.wait_for(lambda: len(list(tmp_path.glob("*.started"))) == 2, child, "two kernels")
            tree = _tree(child.pid)
            seen = {pid for pids in tree.values() for pid in pids}
            assert len(tree["server"]) == 1 and len(tree["workers"]) == 2, tree
            assert len(tree["below"]) >= 2, tree  # a kernel below each worker
            os.kill(tree[role][which], signal.SIGTERM)
            stdout, stderr = child.communicate(timeout=120)
        finally:
            left = tiny.left_behind(seen, 30)
    assert left == [], [(pid, _command(pid)) for pid in left]
    assert child.returncode == 1, stdout + stderr
    assert "Traceback" not in stderr and "Error" not in stderr.replace("kernel messages", ""), stderr
    assert stderr.rstrip().endswith(
        "python -m kit run: 2 of 2 runs did not succeed (kernel messages: out/.runs/workers.log)"
    )
    for name in "ab":
        status = tiny.summary_row(stdout, name)
        assert status[1] == "failed" and "worker process" in " ".join(status), stdout
    assert (tmp_path / "out" / "index.html").is_file()
    assert not list((tmp_path / "out").glob("*.html.*")) and not list((tmp_path / "out").glob(".*tmp*"))
