"""What the claims column ``voice`` (kit/ledger/voices.py) adds to typing a corpus's claims when its ledgers load.

Run with ``python benchmarks/voices.py [--articles 1000] [--repeat 5]``; it writes the "Voices at load" section of
RESULTS.md (through ``results.update``) and keeps the others.

The four ledgers of tests/corpus are checked once, then repeated until there are N articles, and their claims are
typed together as ``kit.corpus`` types the ledgers it has not cached (``load._claims``). Each repetition times that
typing with the column, then ``voices.column`` alone, in this process (min, median and max of the repetitions).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import results

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kit.ledger import load, voices  # noqa: E402  (the checkout's kit, not an installed one)

HEADING = "Voices at load: the claims column `voice`"


def _times(run, repeat: int) -> tuple[float, float, float]:
    spent = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        spent.append(time.perf_counter() - start)
    return min(spent), statistics.median(spent), max(spent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folders = sorted(path.parent for path in (ROOT / "tests" / "corpus").glob("*/datapackage.json"))
    reads = [load._sound(folder, persist=False) for folder in folders]
    reads = (reads * (args.articles // len(reads) + 1))[: args.articles]
    typed = load._claims(reads)
    articles = [read.article for read in reads]
    whole = _times(lambda: load._claims(reads), args.repeat)
    column = _times(lambda: voices.column(typed, load._OWNER, articles), args.repeat)
    load_avg = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M")
    lines = [
        f"## {HEADING}",
        "",
        f"`python benchmarks/voices.py --articles {args.articles} --repeat {args.repeat}`: {args.articles:,} articles "
        f"(the four of tests/corpus repeated), {len(typed):,} claims, typed together as `kit.corpus` types the "
        "ledgers it has not cached. Seconds, min / median / max.",
        "",
        "| Measure | min | median | max |",
        "|---|---|---|---|",
        "| typing the claims (`load._claims`), `voice` included | " + " | ".join(f"{t:.3f}" for t in whole) + " |",
        "| the `voice` column alone (`voices.column`) | " + " | ".join(f"{t:.3f}" for t in column) + " |",
        "",
        f"Machine: {os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}; "
        f"{stamp} UTC; load average (1, 5, 15 min) after: {load_avg}. A warm load reads the column from the "
        "ledger cache (kit/ledger/store.py) and does not compute it again.",
    ]
    results.update(["\n".join(lines)], lambda heading: heading == HEADING)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
