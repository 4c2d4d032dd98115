"""How validation grows with the claims: ``kit validate``'s one pass on generated ledgers of 1,000 to 100,000 claims.

Run with ``python benchmarks/validate_scale.py [--sizes 1000 10000 100000] [--repeat 3]``; it writes the
"Validation as the ledger grows" section of RESULTS.md (through ``results.update``) and keeps the others.

The ledgers come from ``scale.make_ledger`` (valid, seeded: every run measures the same data). Each run is
one cold pass of :func:`kit.ledger.check.check_ledger` in this process (no cache), the work ``kit validate``
and every loader do on a ledger they have not seen. Target: time per claim does not grow with the claims
(before the lookups of ``claim_rules`` were built once per table, 10,000 claims took 8.8 s and 100,000
took 893 s).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def measure(folder: Path, repeat: int) -> list[float]:
    """Seconds of each cold pass over the ledger; the pass must find no error (the ledger is valid)."""
    from kit.ledger.check import check_ledger

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        ledger, _ = check_ledger(folder)
        times.append(time.perf_counter() - start)
        errors = [problem for problem in ledger.problems if problem.severity == "error"]
        assert not errors, errors[:3]
    return times


def main(argv: list[str] | None = None) -> int:
    import results
    from scale import make_ledger

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, 10000, 30000, 100000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print the table, leave RESULTS.md alone")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    rows, per_claim = [], []
    with tempfile.TemporaryDirectory() as scratch:
        for size in args.sizes:
            folder = make_ledger(Path(scratch) / f"ledger-{size}", size)
            times = measure(folder, args.repeat)
            median = statistics.median(times)
            per_claim.append(median / size)
            rows.append(
                f"| {size:,} | {min(times):.2f} / {median:.2f} / {max(times):.2f} | {median / size * 1e6:.0f} |"
            )
            print(rows[-1], flush=True)
    growth = per_claim[-1] / per_claim[0]
    verdict = f"From {args.sizes[0]:,} to {args.sizes[-1]:,} claims the time per claim changed {growth:.2f}x: " + (
        "linear or better." if growth < 1.5 else "**faster than linear**."
    )
    load_after = os.getloadavg()
    section = [
        "## Validation as the ledger grows",
        "",
        "Written by `benchmarks/validate_scale.py` (one cold `check_ledger` pass, no cache, on ledgers from",
        "`scale.make_ledger`). Seconds as min / median / max of "
        f"{args.repeat} runs; the last column is the median per claim.",
        "",
        f"- machine: {os.cpu_count()} cores, {platform.platform()}; Python {platform.python_version()}",
        "- load average (1, 5, 15 min) before: "
        + ", ".join(f"{x:.2f}" for x in load_before)
        + "; after: "
        + ", ".join(f"{x:.2f}" for x in load_after),
        "",
        "| claims | seconds | µs per claim |",
        "|---:|---|---:|",
        *rows,
        "",
        verdict,
        "Before the claim lookups were built once per table (issue 22), 10,000 claims took 8.8 s, 30,000 43.5 s and",
        "100,000 893 s: time grew with the square of the claims.",
    ]
    print(verdict)
    if not args.no_write:
        results.update(["\n".join(section)], lambda heading: heading.startswith("Validation as the ledger grows"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
