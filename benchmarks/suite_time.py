"""Time ``make test`` several times: writes the "The test suite, measured" section of benchmarks/RESULTS.md.

    python benchmarks/suite_time.py [--repeat 3]

Each run is the README's test command as a newcomer types it, in this checkout, with the virtual
environment already built. Wall time is the whole command (lint included); CPU is the machine's busy
time over the run, read from /proc/stat, so the kernels, pool workers and browser that pytest starts
count too (``/usr/bin/time`` misses processes its child does not wait for). A test's own duration is
never asserted: this script is where the suite's speed is measured.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import update  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SECTION = "The test suite (`make test`), measured"
#: The suite's wall time before the layout work (benchmarks/RESULTS.md, "before and after the layout work").
BEFORE = 170.0


def busy_seconds() -> float:
    """CPU seconds all cores have spent busy since boot (user, nice, system, irq, softirq)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq = (int(value) for value in fields[:7])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def one_run() -> dict:
    busy, start = busy_seconds(), time.monotonic()
    done = subprocess.run(["make", "test"], cwd=ROOT, capture_output=True, text=True)
    wall, cpu = time.monotonic() - start, busy_seconds() - busy
    summary = re.findall(r"=+ (.*? in [\d.]+s).*=+", done.stdout)
    for line in done.stdout.splitlines():
        if line.startswith(("FAILED", "ERROR")):
            print(line, file=sys.stderr)  # a run that fails is reported, not averaged over in silence
    return {"wall": wall, "cpu": cpu, "status": done.returncode, "summary": summary[-1] if summary else "no summary"}


def spread(values: list[float]) -> str:
    return f"{min(values):.0f} / {statistics.median(values):.0f} / {max(values):.0f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of make test (default 3)")
    args = parser.parse_args()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    runs = []
    for number in range(1, args.repeat + 1):
        runs.append(one_run())
        print(f"run {number}: {runs[-1]['wall']:.0f} s wall, {runs[-1]['cpu']:.0f} s CPU, {runs[-1]['summary']}")
    walls = [run["wall"] for run in runs]
    lines = [
        f"## {SECTION}",
        "",
        "Written by `benchmarks/suite_time.py`; reproduce with `python benchmarks/suite_time.py --repeat 3`. "
        "Each run is `make test` in this checkout (virtual environment built, Chromium installed). Wall time is the "
        "whole command; CPU is the machine's busy time over the run (/proc/stat), kernels, workers and browser "
        "included. Seconds, min / median / max.",
        "",
        f"- machine: {os.cpu_count()} cores, {platform.platform()}; Python {platform.python_version()}",
        f"- date (UTC): {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M}; commit {commit.stdout.strip()}",
        "",
        "| runs | result of each | wall time | CPU | before the layout work |",
        "| ---: | --- | --- | --- | --- |",
        f"| {len(runs)} | {'; '.join(sorted({run['summary'] for run in runs}))} | {spread(walls)} "
        f"| {spread([run['cpu'] for run in runs])} | {BEFORE:.0f} s wall, 364 tests |",
    ]
    update(["\n".join(lines)], lambda heading: heading == SECTION)
    failed = [run for run in runs if run["status"] != 0]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
