"""``python -m kit run --scheduler``: runs on a real Dask scheduler and two workers started on 127.0.0.1.

The cluster is the one a newsroom would start (the ``dask scheduler`` and ``dask worker`` commands, one
thread a worker, workers started in a folder of their own: nothing is shared but the network). Tiny
notebooks cover the faults; the default estimates runs (CLUSTER_RUNS) go through once and must match the
local pool's outputs byte for byte after the usual masking (nbval's sanitize pattern), reusing the session's
local build.
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from tiny_notebooks import (
    ENV,
    ROOT,
    build_default_runs,
    kit_command,
    kit_run,
    make_notebook,
    start_kit_run,
    stopped_at_the_end,
    summary_row,
    wait_for,
    write_runs,
)

from kit.run import atomic, cache, cli, runsfile

DASK = Path(sys.executable).with_name("dask")
#: nbval's masking of ipykernel's temporary file names (notebooks/nbval_sanitize.cfg)
MASK = re.compile(rb"/tmp/ipykernel_\d+/\d+\.py")
#: the default runs sent through the cluster: the estimates as PNG and as SVG, one a worker; the local pool
#: runs them all for the other tests, and the tiny notebooks below cover the cluster's faults
CLUSTER_RUNS = "estimates*"

#: every test here starts a Dask cluster or a kit run batch against one (tests/tiers.py)
pytestmark = pytest.mark.cluster


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Cluster:
    address: str
    client: object
    processes: list[subprocess.Popen]

    def workers(self, count: int = 2) -> dict[str, int]:
        """Wait until ``count`` workers are connected and idle; their addresses and process ids."""
        self.client.wait_for_workers(count, timeout=120)
        deadline = time.monotonic() + 120
        while any(self.client.processing().values()):
            assert time.monotonic() < deadline, "the cluster never became idle"
            time.sleep(0.2)
        return self.client.run(os.getpid)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory):
    """``dask scheduler`` and two ``dask worker`` processes on free ports; stopped by PID afterwards."""
    home = tmp_path_factory.mktemp("dask-cluster")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    # one retry for a run whose worker died, as README 'Scaling out' asks of a scheduler
    env = dict(ENV, DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES="1")
    local = ["--host", "127.0.0.1", "--dashboard-address", "127.0.0.1:0"]
    commands = [[str(DASK), "scheduler", "--port", str(port), *local]]
    commands += [[str(DASK), "worker", address, "--nthreads", "1", "--nworkers", "1", *local]] * 2
    processes: list[subprocess.Popen] = []
    client = None
    try:
        for number, command in enumerate(commands):
            log = open(home / f"process-{number}.log", "wb")  # noqa: SIM115 - closed with the process
            processes.append(subprocess.Popen(command, cwd=home, env=env, stdout=log, stderr=subprocess.STDOUT))
            log.close()
        import distributed  # here, not at collection: the quick tier collects this file and starts no cluster

        client = distributed.Client(address, timeout=60, set_as_default=False)
        client.wait_for_workers(2, timeout=120)
        yield Cluster(address, client, processes)
    finally:
        if client is not None:
            client.close()
        for process in reversed(processes):  # workers, then the scheduler
            _stop(process)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Tiny notebooks: one quick, one that sleeps after noting which worker process runs its kernel."""
    make_notebook(tmp_path / "quick.ipynb", "label = 'quick'", "print('report for', label)")
    make_notebook(
        tmp_path / "sleepy.ipynb",
        "marker = ''\nseconds = 0",
        "import os, time\nwith open(marker, 'a') as log:\n    log.write(f'{os.getppid()}\\n')\ntime.sleep(seconds)",
        "print('woke up')",
    )
    return tmp_path


def test_default_runs_through_the_scheduler_match_the_local_pool(cluster: Cluster, tmp_path_factory) -> None:
    workers = cluster.workers()
    out = tmp_path_factory.mktemp("cluster-build") / "build"
    arguments = ("--scheduler", cluster.address, "--out", str(out), "--force", "--only", CLUSTER_RUNS)
    result = kit_run(*arguments, cwd=ROOT, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    runs = [
        run
        for run in runsfile.load_runs(ROOT / "notebooks" / "runs.yaml")
        if fnmatch.fnmatchcase(run.name, CLUSTER_RUNS)
    ]
    assert len(runs) >= 2, [run.name for run in runs]  # a run for each worker
    used = {next(cell for cell in summary_row(result.stdout, run.name) if cell.startswith("tcp://")) for run in runs}
    # "not applicable" prints as two words: the summary's status column reads "not" for it
    assert {summary_row(result.stdout, run.name)[1] for run in runs} <= {"ok", "not"}
    assert used <= set(workers) and len(used) == 2, result.stdout  # the summary names the worker of each run
    assert (out / "index.html").is_file()
    local, built = build_default_runs(tmp_path_factory)
    assert built.returncode == 0, built.stdout + built.stderr
    for run in runs:
        for flavour, path in cache.output_paths(out, run.name).items():
            ours = MASK.sub(b"IPYKERNEL-CELL-FILE", path.read_bytes())
            theirs = MASK.sub(b"IPYKERNEL-CELL-FILE", cache.output_paths(local, run.name)[flavour].read_bytes())
            assert ours == theirs, f"{run.name} {flavour}: differs from the local pool's"


def test_a_worker_with_other_versions_refuses_naming_both(
    cluster: Cluster, project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    workers = cluster.workers()
    runs = write_runs(project / "runs.yaml", [{"name": "quick", "notebook": "quick.ipynb"}])
    real = cache.package_version
    monkeypatch.setattr(cache, "package_version", lambda name: "0.0.1" if name == "pandas" else real(name))
    args = argparse.Namespace(
        runs=runs, out=project / "out", only=None, jobs=1, force=True, timeout=60.0, scheduler=cluster.address
    )
    assert cli.main(args) == 1
    shown = capsys.readouterr()
    assert summary_row(shown.out, "quick")[1] == "failed"
    assert "refused by worker" in shown.out
    assert f"pandas {real('pandas')} on the worker, 0.0.1 on the client" in shown.err  # the full message
    assert any(f"refused by worker {address}" in shown.err for address in workers)
    assert not (project / "out" / "quick.html").exists()


def _marker_pids(marker: Path, count: int, child: subprocess.Popen, timeout: float = 120) -> list[int]:
    """Wait until ``count`` kernels have noted their worker process; return those process ids."""

    def pids() -> list[int]:
        return [int(line) for line in marker.read_text().split()] if marker.exists() else []

    wait_for(lambda: len(pids()) >= count, child, f"kernel {count} noting its worker", timeout)
    return pids()


def _saved(out: Path, name: str) -> bool:
    return cache.read_state(out, name).get("last", {}).get("status") == "ok"


def _batch_killing(
    cluster: Cluster, project: Path, runs: list[dict], kills: int
) -> tuple[subprocess.CompletedProcess, list[int], dict]:
    """A batch in which the worker running 'sleepy' is killed ``kills`` times, once the quick run is saved."""
    workers = cluster.workers()
    write_runs(project / "runs.yaml", runs)
    marker = project / "marker.txt"
    arguments = ("--runs", "runs.yaml", "--out", "out", "--scheduler", cluster.address, "--force")
    with stopped_at_the_end(start_kit_run(*arguments, cwd=project)) as child:
        wait_for(lambda: _saved(project / "out", "quick"), child, "the quick run finishing")  # kills spare it
        pids = []
        for attempt in range(1, kills + 1):
            pid = _marker_pids(marker, attempt, child)[-1]
            assert pid in workers.values() or attempt > 1, (pid, workers)  # a dask worker process, started here
            os.kill(pid, signal.SIGKILL)
            pids.append(pid)
        stdout, stderr = child.communicate(timeout=300)
    return subprocess.CompletedProcess(child.args, child.returncode, stdout, stderr), pids, workers


def test_a_run_whose_worker_dies_is_retried_once_elsewhere(cluster: Cluster, project: Path) -> None:
    marker = project / "marker.txt"
    runs = [
        {"name": "quick", "notebook": "quick.ipynb"},
        {"name": "sleepy", "notebook": "sleepy.ipynb", "parameters": {"marker": str(marker), "seconds": 5}},
    ]
    result, (killed,), workers = _batch_killing(cluster, project, runs, kills=1)
    assert result.returncode == 0, result.stdout + result.stderr
    assert summary_row(result.stdout, "sleepy")[1] == "ok"
    assert summary_row(result.stdout, "quick")[1] == "ok"
    pids = [int(line) for line in marker.read_text().split()]
    assert len(pids) == 2 and pids[0] == killed and pids[1] != killed  # executed again, on another worker
    dead = next(address for address, pid in workers.items() if pid == killed)
    assert summary_row(result.stdout, "sleepy")[-1] != dead
    assert "woke up" in (project / "out" / "sleepy.html").read_text(encoding="utf-8")


def test_a_run_whose_worker_dies_twice_fails_with_the_reason(cluster: Cluster, project: Path) -> None:
    marker = project / "marker.txt"
    runs = [
        {"name": "quick", "notebook": "quick.ipynb"},
        {"name": "sleepy", "notebook": "sleepy.ipynb", "parameters": {"marker": str(marker), "seconds": 120}},
    ]
    result, killed, _ = _batch_killing(cluster, project, runs, kills=2)
    assert result.returncode == 1
    assert len(set(killed)) == 2
    assert summary_row(result.stdout, "quick")[1] == "ok"
    assert summary_row(result.stdout, "sleepy")[1] == "failed"
    assert "the worker running it died, 2 times on 2 workers (retried 1x)" in result.stdout
    assert not (project / "out" / "sleepy.html").exists()
    assert [path.name for path in (project / "out").rglob(f"*{atomic.TMP_SUFFIX}")] == []


def test_ctrl_c_cancels_the_submitted_runs_and_leaves_no_partial_file(cluster: Cluster, project: Path) -> None:
    cluster.workers()
    marker = project / "marker.txt"
    write_runs(
        project / "runs.yaml",
        [
            {"name": "quick", "notebook": "quick.ipynb"},
            {"name": "sleepy", "notebook": "sleepy.ipynb", "parameters": {"marker": str(marker), "seconds": 8}},
            {"name": "later", "notebook": "quick.ipynb", "parameters": {"label": "later"}},
        ],
    )
    with stopped_at_the_end(
        start_kit_run("--runs", "runs.yaml", "--out", "out", "--scheduler", cluster.address, cwd=project)
    ) as child:
        _marker_pids(marker, 1, child)
        wait_for(lambda: _saved(project / "out", "quick"), child, "the quick run finishing")
        child.send_signal(signal.SIGINT)
        stdout, stderr = child.communicate(timeout=60)
    assert child.returncode == 130, stderr
    assert summary_row(stdout, "quick")[1] == "ok"
    assert summary_row(stdout, "sleepy")[1] == "interrupted"
    out = project / "out"
    assert not (out / "sleepy.html").exists() and not (out / "sleepy.failed.html").exists()
    assert [path.name for path in out.rglob(f"*{atomic.TMP_SUFFIX}")] == []


def test_an_unreachable_scheduler_is_an_error_before_anything_runs(project: Path) -> None:
    write_runs(project / "runs.yaml", [{"name": "quick", "notebook": "quick.ipynb"}])
    address = f"tcp://127.0.0.1:{free_port()}"
    env = dict(ENV, DASK_SCHEDULER_ADDRESS=address)  # the environment variable stands for --scheduler
    env["DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT"] = "2s"  # Dask's own setting shortens the wait
    result = subprocess.run(
        kit_command("--runs", "runs.yaml", "--out", "out"),
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"cannot reach the Dask scheduler at {address}" in result.stderr
    assert "nothing was run" in result.stderr
    assert not (project / "out" / "quick.html").exists() and not (project / "out" / "index.html").exists()


def test_scheduler_local_starts_a_cluster_on_this_machine(project: Path) -> None:
    write_runs(
        project / "runs.yaml",
        [
            {"name": "one", "notebook": "quick.ipynb"},
            {"name": "two", "notebook": "quick.ipynb", "parameters": {"label": "2"}},
        ],
    )
    result = kit_run("--runs", "runs.yaml", "--out", "out", "--scheduler", "local", "--jobs", "1", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert summary_row(result.stdout, "one")[-1].startswith("tcp://127.0.0.1:")
    assert "report for 2" in (project / "out" / "two.html").read_text(encoding="utf-8")
