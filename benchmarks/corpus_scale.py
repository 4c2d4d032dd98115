"""A story of many articles on one machine: loading, validating, planning a batch and the tracker, at 10 to 5,000
articles.

Run with ``python benchmarks/corpus_scale.py [--sizes 10 100 1000] [--repeat 3]``; it writes the "Corpus scale"
section of RESULTS.md (through ``results.update``) and keeps the others.

Corpora are made by copying the ledgers of tests/corpus (four articles of about ten claims each) under new folder
names until there are N. Every measure is a fresh interpreter (``python -c``), as a user's command or a kernel
is, so times include starting Python and importing the kit; peak memory is that process's maximum resident set
(``wait4``). Measures, each on its own ledger cache folder (``KIT_CACHE``):

- ``kit.corpus`` cold (an empty cache) and warm (the cache the cold run left);
- ``python -m kit validate CORPUS`` (every ledger, cold cache);
- planning ``kit run --corpus``: everything ``kit run`` does before the first kernel starts (gather the
  articles, plan the runs, validate every article, a cache key per run), warm cache;
- the tracker (notebook 07's calls, ``tracker.check_ledgers`` and ``tracker.show``), warm cache.

Targets (issue 21): 1,000 articles load cold in at most 10x the time of 10, warm in at most 3x; peak memory
linear in claims.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import results

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "tests" / "corpus"

LOAD = "import sys, kit; frame = kit.corpus(sys.argv[1]); print(len(frame))"
PLAN = """
import sys
from pathlib import Path
from kit.run import articles, cache, cli, runsfile
found = articles.gather([], [Path(sys.argv[1])])
runs = runsfile.load_runs(Path("notebooks/corpus.yaml"))
planned = articles.plan(runs, found)
cli._warn_unsound(found)
versions = cache.environment()
memo = {}
keys = {item.run.name: cache.cache_key(item.run, versions, memo) for item in planned}
print(len(keys))
"""
TRACKER = """
import contextlib, io, sys
from kit.ledger.corpus import ledger_folders
from kit.report import tracker
story = tracker.check_ledgers([str(folder) for folder in ledger_folders(sys.argv[1])])
with contextlib.redirect_stdout(io.StringIO()):
    tracker.show(story)
print(len(story.frame))
"""


def make_corpus(folder: Path, articles: int) -> tuple[Path, int]:
    """A corpus of ``articles`` ledger folders copied from tests/corpus; its folder and its number of claims."""
    sources = sorted(path.parent for path in SOURCE.glob("*/datapackage.json"))
    target = folder / f"corpus-{articles}"
    claims = 0
    for number in range(articles):
        source = sources[number % len(sources)]
        shutil.copytree(source, target / f"{number:05d}-{source.name}")
        claims += sum(1 for _ in (source / "claims.csv").open(encoding="utf-8")) - 1
    return target, claims


def measure(command: list[str], cache: Path, root: Path = ROOT) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user and system) and peak resident memory (MiB) of one fresh process, importing the
    kit of the checkout ``root``."""
    env = dict(os.environ, KIT_CACHE=str(cache), PYTHONPATH=str(root))
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    error = child.stderr.read().decode() if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode}):\n{error}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _spread(values: list[float], digits: int = 2) -> str:
    return " / ".join(f"{value:.{digits}f}" for value in (min(values), statistics.median(values), max(values)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--measures", nargs="+", default=["cold", "warm", "validate", "plan", "tracker"])
    args = parser.parse_args()
    python = sys.executable
    commands = {
        "cold": lambda corpus: [python, "-c", LOAD, str(corpus)],
        "warm": lambda corpus: [python, "-c", LOAD, str(corpus)],
        "validate": lambda corpus: [python, "-m", "kit", "validate", str(corpus)],
        "plan": lambda corpus: [python, "-c", PLAN, str(corpus)],
        "tracker": lambda corpus: [python, "-c", TRACKER, str(corpus)],
    }
    load_before = os.getloadavg()
    times: dict[tuple[int, str], list[float]] = {}
    cpu: dict[tuple[int, str], list[float]] = {}
    memory: dict[tuple[int, str], list[float]] = {}
    claims: dict[int, int] = {}
    with tempfile.TemporaryDirectory(prefix="kit-corpus-scale-") as scratch:
        for size in args.sizes:
            corpus, claims[size] = make_corpus(Path(scratch), size)
            for repetition in range(args.repeat):
                cache = Path(scratch) / f"cache-{size}-{repetition}"
                for name in args.measures:
                    if name in ("cold", "validate"):
                        shutil.rmtree(cache, ignore_errors=True)
                    elif not cache.exists():  # a warm measure needs what a cold load leaves
                        measure(commands["cold"](corpus), cache)
                    seconds, busy, peak = measure(commands[name](corpus), cache)
                    times.setdefault((size, name), []).append(seconds)
                    cpu.setdefault((size, name), []).append(busy)
                    memory.setdefault((size, name), []).append(peak)
                    print(f"{size:>5} {name:<8} {seconds:7.2f} s {busy:7.2f} s CPU {peak:5.0f} MiB", flush=True)
    load_after = os.getloadavg()
    write(args, {"wall": times, "CPU": cpu}, memory, claims, (load_before, load_after))


def write(args, clocks, memory, claims, loads) -> None:
    """The section of RESULTS.md: wall and CPU seconds, peak memory, and the ratios to the smallest corpus."""
    sizes, measures = args.sizes, args.measures
    lines = [
        "## Corpus scale: a story of many articles",
        "",
        f"Written by `benchmarks/corpus_scale.py --sizes {' '.join(map(str, sizes))} --repeat {args.repeat}` on "
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores, {platform.platform()}, "
        f"Python {platform.python_version()}; load average (1, 5, 15 min) before "
        f"{', '.join(f'{value:.2f}' for value in loads[0])}, after {', '.join(f'{value:.2f}' for value in loads[1])}. "
        "Each measure is a fresh interpreter (start and `import kit` included); seconds and peak resident MiB "
        "as min / median / max. Corpora are copies of tests/corpus's four ledgers.",
        "",
        "Wall seconds count waiting for the cores other work held; CPU seconds (user and system) do not.",
    ]
    for clock, times in clocks.items():
        lines += ["", "| articles | claims | " + " | ".join(f"{name}, {clock} s" for name in measures) + " |"]
        lines.append("| ---: | ---: | " + " | ".join("---" for _ in measures) + " |")
        for size in sizes:
            cells = [_spread(times[(size, name)]) for name in measures]
            lines.append(f"| {size:,} | {claims[size]:,} | " + " | ".join(cells) + " |")
    lines += ["", "| articles | claims | " + " | ".join(f"{name}, peak MiB" for name in measures) + " |"]
    lines.append("| ---: | ---: | " + " | ".join("---" for _ in measures) + " |")
    for size in sizes:
        cells = [_spread(memory[(size, name)], 0) for name in measures]
        lines.append(f"| {size:,} | {claims[size]:,} | " + " | ".join(cells) + " |")
    smallest = min(sizes)
    targets = {"cold": 10.0, "warm": 3.0}
    for clock, times in clocks.items():
        lines += ["", f"Ratios of median {clock} seconds to {smallest} articles:", ""]
        for size in sizes:
            if size == smallest:
                continue
            parts = []
            for name in measures:
                ratio = statistics.median(times[(size, name)]) / statistics.median(times[(smallest, name)])
                verdict = ""
                if name in targets and size == 1000:
                    verdict = f" ({'met' if ratio <= targets[name] else 'not met'}, target {targets[name]:.0f}x)"
                parts.append(f"{name} {ratio:.1f}x{verdict}")
            lines.append(f"- {size:,} articles: " + "; ".join(parts))
    results.update(["\n".join(lines)], lambda heading: heading.startswith("Corpus scale"))


if __name__ == "__main__":
    main()
