"""Planning ``kit run --corpus`` over many articles: what the batch does before the first kernel starts (gather,
plan, validate every article, a cache key per run), warm ledger cache, in a fresh interpreter, for this checkout and,
with ``--other FOLDER``, another checkout of the kit (an export of an earlier commit) on the same corpus.

Run with ``python benchmarks/plan_keys.py [--sizes 100 1000] [--repeat 3] [--other /tmp/kit-main]``; it writes the
"Planning a corpus batch" section of RESULTS.md. The other checkout runs its own planning code (``corpus_scale.PLAN``
calls ``cache.cache_key`` with the batch's memo when it takes one, as ``kit run`` does).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import sys
import tempfile
from pathlib import Path

import results
from corpus_scale import LOAD, PLAN, ROOT, _spread, make_corpus, measure

#: PLAN, for a kit whose cache_key takes no memo (before the batch looked at each ledger once)
PLAN_WITHOUT_MEMO = PLAN.replace("cache.cache_key(item.run, versions, memo)", "cache.cache_key(item.run, versions)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--other", type=Path, help="another checkout of the kit, measured alike")
    args = parser.parse_args()
    checkouts = {"this checkout": ROOT} | ({f"other ({args.other.name})": args.other} if args.other else {})
    loads = [os.getloadavg()]
    rows = []
    with tempfile.TemporaryDirectory(prefix="kit-plan-keys-") as scratch:
        for size in args.sizes:
            corpus, claims = make_corpus(Path(scratch), size)
            for label, root in checkouts.items():
                cache = Path(scratch) / f"cache-{size}-{root.name}"
                measure([sys.executable, "-c", LOAD, str(corpus)], cache, root)  # warm the cache
                plan = PLAN if "memo" in (root / "kit" / "run" / "cache.py").read_text() else PLAN_WITHOUT_MEMO
                runs = [measure([sys.executable, "-c", plan, str(corpus)], cache, root) for _ in range(args.repeat)]
                rows.append((size, claims, label, [run[0] for run in runs], [run[1] for run in runs]))
                print(size, label, _spread([run[1] for run in runs]), "s CPU", flush=True)
    loads.append(os.getloadavg())
    lines = [
        "## Planning a corpus batch",
        "",
        f"Written by `benchmarks/plan_keys.py --sizes {' '.join(map(str, args.sizes))} --repeat {args.repeat}"
        f"{' --other ' + args.other.name if args.other else ''}` on "
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores, {platform.platform()}, "
        f"Python {platform.python_version()}; load average before "
        f"{', '.join(f'{value:.2f}' for value in loads[0])}, after {', '.join(f'{value:.2f}' for value in loads[1])}. "
        "What `kit run --corpus` does before the first kernel starts (notebooks/corpus.yaml: six runs per article and "
        "the tracker), warm ledger cache, a fresh interpreter each; seconds as min / median / max.",
        "",
        "| articles | claims | kit | wall s | CPU s |",
        "| ---: | ---: | --- | --- | --- |",
    ]
    for size, claims, label, wall, cpu in rows:
        lines.append(f"| {size:,} | {claims:,} | {label} | {_spread(wall)} | {_spread(cpu)} |")
    results.update(["\n".join(lines)], lambda heading: heading.startswith("Planning a corpus batch"))


if __name__ == "__main__":
    main()
