"""Benchmark ``python -m kit run --scheduler``: writes the "Dask cluster" section of benchmarks/RESULTS.md.

    python benchmarks/dask_bench.py [--repeat 5]

Measures, interleaved so that load from other work hits every mode alike:

- the full default batch (notebooks/runs.yaml, ``--force``) with the local pool and ``--jobs 2``;
- the same through ``--scheduler local --jobs 2`` (a two-worker LocalCluster started by the batch, its
  start-up included);
- the same through a scheduler and two workers started beforehand with the ``dask`` commands, as a
  newsroom cluster would be (start-up excluded).

Target: the LocalCluster batch at most 1.15x the pool's wall time (medians). Then, from measured per-run
costs, it estimates the wall time of 1,000 articles x the default runs on 8, 32 and 128 workers and
says what bounds it: the workers' compute, the scheduler's overhead per task, the client's own work per
run (hashing, packing, writing) and the bytes shipped each way.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import results

CHECKOUT = Path(__file__).resolve().parents[1]
#: where the batches run from: a snapshot of the checkout (see :func:`snapshot`), set by main()
ROOT = CHECKOUT
ENV = dict(os.environ)
DASK = Path(sys.executable).with_name("dask")
ARTICLES = 1000
WORKERS = (8, 32, 128)
#: an assumed link between the client and the cluster (not measured here): 1 Gbit/s
LINK_BYTES_PER_SECOND = 125e6
TARGET = 1.15


def snapshot() -> Path:
    """A copy of the kit, the notebooks and the seed article as they are now, for every batch to run from.

    Batches are compared over many minutes; edits to the checkout meanwhile would change the kit's source
    hash half-way, and cluster workers rightly refuse runs packed by a client with another kit.
    """
    global ROOT, ENV
    ROOT = Path(tempfile.mkdtemp(prefix="kit-bench-snapshot-"))
    for name in ("kit", "notebooks", "seeds"):
        shutil.copytree(CHECKOUT / name, ROOT / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    ENV = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    sys.path.insert(0, str(ROOT))
    return ROOT


def spread(times: list[float]) -> str:
    return f"{min(times):.2f} / {statistics.median(times):.2f} / {max(times):.2f}"


def load() -> str:
    try:
        return ", ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def batch(*arguments: str) -> tuple[float, dict[str, float]]:
    """One full default batch into a fresh folder: wall seconds, and each run's seconds from the summary."""
    out = Path(tempfile.mkdtemp(prefix="kit-bench-dask-"))
    try:
        command = [sys.executable, "-m", "kit", "run", "--out", str(out), "--force", *arguments]
        started = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True)
        wall = time.perf_counter() - started
    finally:
        shutil.rmtree(out, ignore_errors=True)
    if done.returncode != 0:
        raise SystemExit(f"benchmark batch failed: {' '.join(command)}\n{done.stdout}\n{done.stderr}")
    seconds = {}
    for line in done.stdout.splitlines():
        cells = line.split()
        if len(cells) >= 3 and cells[1] == "ok":
            seconds[cells[0]] = float(cells[2])
    return wall, seconds


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_cluster(home: Path) -> tuple[str, list[subprocess.Popen]]:
    """A scheduler and two one-thread workers on 127.0.0.1, as README 'Scaling out' starts them."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    local = ["--host", "127.0.0.1", "--dashboard-address", "127.0.0.1:0"]
    env = dict(ENV, DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES="1")
    commands = [[str(DASK), "scheduler", "--port", str(port), *local]]
    commands += [[str(DASK), "worker", address, "--nthreads", "1", "--nworkers", "1", *local]] * 2
    processes = []
    for number, command in enumerate(commands):
        with open(home / f"process-{number}.log", "wb") as log:
            processes.append(subprocess.Popen(command, cwd=home, env=env, stdout=log, stderr=subprocess.STDOUT))
    from distributed import Client

    with Client(address, timeout=60) as client:
        client.wait_for_workers(2, timeout=120)
    return address, processes


def stop(processes: list[subprocess.Popen]) -> None:
    for process in reversed(processes):  # workers, then the scheduler; by PID
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def scheduler_overhead(address: str, tasks: int = 2000) -> float:
    """Seconds a no-op task costs end to end through the scheduler (submitted all at once, as a batch is)."""
    from distributed import Client, wait

    with Client(address, timeout=60) as client:
        wait(client.map(int, range(50), pure=False))  # warm up
        started = time.perf_counter()
        wait(client.map(int, range(tasks), pure=False))
        return (time.perf_counter() - started) / tasks


def transfer_cost(address: str, sent: int, returned: int, tasks: int = 40) -> float:
    """Seconds a task costs that carries ``sent`` bytes to a worker and brings ``returned`` back (loopback)."""
    from distributed import Client, wait

    with Client(address, timeout=60) as client:
        payloads = [os.urandom(sent) for _ in range(tasks)]
        started = time.perf_counter()
        # bytes.ljust pads the payload to the size a result has: a stdlib function every worker can unpickle
        futures = [client.submit(bytes.ljust, payload, returned, pure=False) for payload in payloads]
        wait(futures)
        client.gather(futures)
        return (time.perf_counter() - started) / tasks


def client_costs(returned: float) -> dict[str, float]:
    """Per run, what the client does alone: hash the inputs, pack the shipment, save a result (files and state)."""
    from kit.run import cache, outputs, remote, runsfile

    runs = runsfile.load_runs(ROOT / "notebooks" / "runs.yaml")
    versions = cache.environment()
    started = time.perf_counter()
    keys = [cache.cache_key(run, versions) for run in runs]
    key = (time.perf_counter() - started) / len(runs)
    started = time.perf_counter()
    shipments = [remote.ship(run, 600, versions) for run in runs]
    pack = (time.perf_counter() - started) / len(runs)
    out = Path(tempfile.mkdtemp(prefix="kit-bench-save-"))
    try:
        (out / cache.STATE_DIR).mkdir()
        started = time.perf_counter()
        for run, run_key in zip(runs, keys, strict=True):
            files = {flavour: os.urandom(int(returned / 3)) for flavour in ("executed", "report", "full")}
            result = {"status": "ok", "error": "", "seconds": 1.0, "files": files, "ledger_version": "x"}
            outputs.save(out, run, run_key, dict(result, ledger_title="", worker="w"), {})
        save = (time.perf_counter() - started) / len(runs)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return {
        "key": key,
        "pack": pack,
        "save": save,
        "sent": statistics.mean(remote.shipped_bytes(shipment) for shipment in shipments),
        "raw": statistics.mean(len(run.notebook.read_bytes()) for run in runs),
        "runs": len(runs),
    }


def returned_bytes() -> float:
    """Mean bytes a run returns (executed notebook, report, full page), from one real batch."""
    out = Path(tempfile.mkdtemp(prefix="kit-bench-sizes-"))
    try:
        subprocess.run(
            [sys.executable, "-m", "kit", "run", "--out", str(out), "--jobs", "2"],
            cwd=ROOT,
            env=ENV,
            check=True,
            capture_output=True,
        )
        sizes = [path.stat().st_size for path in out.glob("*") if path.is_file() and path.name != "index.html"]
        runs = len(list(out.glob("*.ipynb")))
        return sum(sizes) / runs
    finally:
        shutil.rmtree(out, ignore_errors=True)


def estimate(runs: int, per_run: float, longest: float, overhead: float, client: float, traffic: float) -> list[str]:
    """Rows of the table: minutes each resource needs on its own for ``runs`` runs, and the largest (the bound)."""
    rows = []
    for workers in WORKERS:
        bounds = {
            "workers' compute": runs * per_run / workers + longest,
            "scheduler": runs * overhead,
            "client's own work": runs * client,
            "bytes on a 1 Gbit/s link": runs * traffic / LINK_BYTES_PER_SECOND,
        }
        bound = max(bounds, key=bounds.get)
        cells = " | ".join(f"{value / 60:.1f}" for value in bounds.values())
        rows.append(f"| {workers} | {cells} | **{bounds[bound] / 60:.1f}** ({bound}) |")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="batches per mode (at least 3 for RESULTS.md)")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stopped by PID: still stop the cluster it started
    started, load_before = datetime.datetime.now(datetime.UTC), load()
    snapshot()
    home = Path(tempfile.mkdtemp(prefix="kit-bench-cluster-"))
    address, processes = start_cluster(home)
    times: dict[str, list[float]] = {"pool": [], "local": [], "cluster": []}
    per_run: dict[str, list[float]] = {}
    try:
        print("warming up (one batch per mode, not counted) ...", file=sys.stderr)
        batch("--jobs", "2")
        batch("--scheduler", address)
        for repetition in range(args.repeat):
            print(f"repetition {repetition + 1} of {args.repeat} ...", file=sys.stderr)
            for mode, arguments in (
                ("pool", ("--jobs", "2")),
                ("local", ("--scheduler", "local", "--jobs", "2")),
                ("cluster", ("--scheduler", address)),
            ):
                wall, seconds = batch(*arguments)
                times[mode].append(wall)
                if mode == "cluster":
                    for name, value in seconds.items():
                        per_run.setdefault(name, []).append(value)
        print("scheduler overhead and transfers ...", file=sys.stderr)
        back = returned_bytes()
        costs = client_costs(back)
        overhead = scheduler_overhead(address)
        transfer = transfer_cost(address, int(costs["sent"]), int(back))
    finally:
        stop(processes)
        shutil.rmtree(home, ignore_errors=True)
        shutil.rmtree(ROOT, ignore_errors=True)
    load_after = load()
    per_article_runs = int(costs["runs"])
    pool, local, cluster = (statistics.median(times[mode]) for mode in ("pool", "local", "cluster"))
    ratio = local / pool
    verdict = (
        f"met ({ratio:.2f}x, target {TARGET}x)" if ratio <= TARGET else f"**missed** ({ratio:.2f}x, target {TARGET}x)"
    )
    medians = {name: statistics.median(values) for name, values in per_run.items()}
    per_article, longest = sum(medians.values()), max(medians.values())
    per_run_seconds = per_article / len(medians)
    traffic = costs["sent"] + back
    client = costs["key"] + costs["pack"] + costs["save"] + transfer
    table = estimate(ARTICLES * per_article_runs, per_run_seconds, longest, overhead, client, traffic)
    bounds = [row.rsplit("(", 1)[1].split(")")[0] for row in table]
    crossover = per_run_seconds / client  # workers at which the client's serial work equals the compute
    megabyte = 1024 * 1024
    lines = [
        "## Dask cluster: `kit run --scheduler` against the local pool",
        "",
        f"Written by `benchmarks/dask_bench.py --repeat {args.repeat}` on {started:%Y-%m-%d %H:%M} UTC; "
        f"{os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}; load average "
        f"(1, 5, 15 min) before {load_before}, after {load_after}. Seconds as min / median / max of "
        f"{args.repeat} full batches of the default runs ({per_article_runs}, `--force`), modes interleaved, "
        "each from a snapshot of the checkout taken at the start.",
        "",
        "| batch | seconds |",
        "| --- | --- |",
        f"| local process pool, `--jobs 2` | {spread(times['pool'])} |",
        f"| `--scheduler local --jobs 2` (LocalCluster of 2 workers, its start-up included) | "
        f"{spread(times['local'])} |",
        f"| `--scheduler tcp://...`: `dask scheduler` + 2 `dask worker` started beforehand | "
        f"{spread(times['cluster'])} |",
        "",
        f"LocalCluster against the pool: {verdict}; the running cluster against the pool: {cluster / pool:.2f}x.",
        "",
        "### Measured per-run costs",
        "",
        f"- a run on a worker (kernel start, execution, both pages): {per_run_seconds:.2f} s on average, "
        f"{per_article:.1f} s for one article's {per_article_runs} runs, {longest:.1f} s the longest "
        "(two workers sharing this machine's two cores)",
        f"- scheduler overhead per task (2,000 no-op tasks submitted at once): {overhead * 1000:.2f} ms",
        f"- a task carrying a run's bytes each way, on loopback: {transfer * 1000:.1f} ms",
        f"- bytes shipped to a worker per run: {costs['sent'] / 1024:.0f} KiB (notebook with its outputs "
        f"cleared, helpers, ledger files; the committed notebook averages {costs['raw'] / 1024:.0f} KiB); "
        f"returned: {back / megabyte:.2f} MiB (the executed notebook and two pages)",
        f"- the client alone, per run: cache key {costs['key'] * 1000:.1f} ms, packing the shipment "
        f"{costs['pack'] * 1000:.1f} ms, saving the result (three files and the state, each synced) "
        f"{costs['save'] * 1000:.1f} ms; with receiving, {client * 1000:.0f} ms",
        "",
        f"### Estimate: {ARTICLES:,} articles x {per_article_runs} runs = {ARTICLES * per_article_runs:,} runs",
        "",
        "Minutes each resource needs on its own; the batch takes at least the largest (the bound). Workers' "
        "compute is the measured worker time per run divided among the workers (one thread a worker, a core "
        "each), plus the longest run as the tail. The client hashes, packs, receives and writes one run at "
        "a time. The 1 Gbit/s link between client and cluster is an assumption, not a measurement.",
        "",
        "| workers | workers' compute | scheduler | client's own work | bytes on a 1 Gbit/s link | bound |",
        "| --- | --- | --- | --- | --- | --- |",
        *table,
        "",
        f"Bound at 8, 32 and 128 workers: {', '.join(bounds)}. Adding workers helps until about "
        f"{crossover:.0f} workers, where the one client's serial work per run equals the cluster's compute per "
        f"run; past that, only a faster client (fewer bytes returned: {back / megabyte:.1f} MiB a run is mostly "
        "the stylesheet inlined in every page and the embedded charts; writes from several threads) shortens "
        f"the batch. The scheduler ({overhead * 1000:.1f} ms a task) is not the limit below about "
        f"{per_run_seconds / overhead:,.0f} workers.",
    ]
    results.update(["\n".join(lines)], owns=lambda heading: heading.startswith("Dask cluster"))
    print(f"wrote {results.RESULTS.relative_to(CHECKOUT)} (section 'Dask cluster')", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
