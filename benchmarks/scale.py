"""How the pages grow with the ledger: each notebook on generated ledgers of 10 to 10,000 claims.

Run with ``python benchmarks/scale.py [--sizes 10 100 1000 10000] [--repeat 3]``; it writes the
"Scale" section of RESULTS.md (through ``results.update``) and keeps the others.

:func:`make_ledger` writes a valid ledger (``python -m kit validate`` passes) of any size, seeded, so
every run measures the same data: an article whose text holds every quote verbatim, 50 sources across
the sides, five quantities with labels (levels with every bound, at several dates, so there are series
and rival estimates), a few parts, shares and rises, and places in proportion to the claims.
``tests/test_scale.py`` imports it too.

Each notebook runs through the kit's one papermill call (:func:`kit.run.execute.papermill_run`, as
``kit run`` does), then is converted to the reader's HTML page by :func:`kit.report.html.notebook_html`
(as ``kit/run/worker.py`` does). Per notebook and size it records: wall time of execution plus
conversion; the kernel's peak resident memory, polled every 50 ms with psutil over the children of
this process (the kernel is a direct child: papermill starts it with jupyter_client); the largest
image in pixels (read from the PNG header of every image output); and the report's size.

Targets: at 1,000 claims every notebook under 2x its time at 10 claims, every report under 1 MB, no
image taller than 3,000 px; from 1,000 to 10,000 claims no measure grows faster than the claims.
"""

from __future__ import annotations

import argparse
import base64
import csv
import datetime
import json
import os
import platform
import random
import shutil
import statistics
import struct
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
NOTEBOOKS = ROOT / "notebooks"
MEGABYTE = 1024 * 1024
PUBLISHED = datetime.date(2025, 8, 14)

#: slug -> (label, unit, noun after the figure, typical size)
QUANTITIES = {
    "residents-evacuated": ("residents under evacuation orders", "people", "residents had to leave", 6000),
    "homes-destroyed": ("homes destroyed", "homes", "homes had been destroyed", 900),
    "acres-burned": ("acres burned", "acres", "acres had burned", 40000),
    "structures-threatened": ("structures threatened", "structures", "structures were threatened", 2000),
    "vehicles-lost": ("vehicles lost", "vehicles", "vehicles were lost", 300),
}
SHARE = ("fire-contained", "the share of the fire contained")
SIDES = ["government", "opposition", "military", "business", "civil society", "international organisation", "expert",
         "unattributed reports"]  # fmt: skip
FIRST = ["Ana", "Ben", "Carla", "Dev", "Elena", "Farid", "Grace", "Hugo", "Iris", "Jonas"]
LAST = ["Reyes", "Okafor", "Lindqvist", "Marsh", "Tanaka"]
SYLLABLES = ["al", "ber", "cor", "dun", "el", "fen", "gar", "hol", "is", "jor", "kel", "lun", "mar", "nor", "os",
             "pel", "quin", "ros", "sal", "tor", "ul", "ver", "wen", "yar"]  # fmt: skip
DATES = [PUBLISHED - datetime.timedelta(days=days) for days in (13, 10, 7, 4, 2, 0)]
BOUNDS = ["about", "about", "at_least", "up_to", "exact", "exact", "range"]
HEDGE = {"about": "about ", "at_least": "at least ", "up_to": "up to ", "exact": "", "range": "between "}


def _figure(value: float) -> str:
    return f"{int(value):,}"


def _place_name(index: int) -> str:
    a, b = SYLLABLES[index % len(SYLLABLES)], SYLLABLES[(index // len(SYLLABLES) + 7 * index) % len(SYLLABLES)]
    c = SYLLABLES[(index // (len(SYLLABLES) ** 2)) % len(SYLLABLES)]
    return f"{a.capitalize()}{b}{c if index >= len(SYLLABLES) ** 2 else ''} {'Creek' if index % 2 else 'Ridge'}"


def make_ledger(folder: str | os.PathLike, claims: int, seed: int = 0) -> Path:
    """Write a valid ledger of about ``claims`` claims into ``folder`` (created); the same seed, the same files."""
    from kit.ledger.scaffold import create, identity

    rng = random.Random(seed)
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    title = f"Ridge Fire: {claims:,} Figures From 50 Sources"
    sources = []
    for index in range(50):
        name = f"{FIRST[index % 10]} {LAST[index // 10]}"
        side = SIDES[index % len(SIDES)]
        sources.append({"source_id": f"src-{index:02d}", "name": name, "role": f"speaker for the {side} side",
                        "side": side, "named": "no" if side == "unattributed reports" else "yes"})  # fmt: skip
    n_places = max(3, claims // 20)
    places = []
    for index in range(n_places):
        name = _place_name(index)
        located = index % 7 != 6
        places.append({
            "place_id": f"place-{index:04d}", "name": name, "as_written": name, "kind": "city",
            "role": ["scene", "origin", "destination", "mentioned"][index % 4],
            "latitude": f"{rng.uniform(34, 42):.4f}" if located else "",
            "longitude": f"{rng.uniform(-122, -110):.4f}" if located else "",
            "precision": "city" if located else "unlocated", "geonames_id": "",
            "located_at": "an invented town for the scale benchmark" if located else "no point: invented",
        })  # fmt: skip
    rows, paragraphs = [], []
    for index in range(claims):
        source = sources[rng.randrange(50)]
        date = DATES[rng.randrange(len(DATES))]
        place = places[rng.randrange(n_places)] if rng.random() < 0.2 else None
        roll = rng.random()
        slug = list(QUANTITIES)[rng.randrange(len(QUANTITIES))]
        label, unit, noun, size = QUANTITIES[slug]
        size *= 1 + 0.04 * DATES.index(date)
        row = {"claim_id": f"c{index:05d}-{slug}", "topic": "disaster", "quantity": slug, "kind": "level", "of": "",
               "per": "", "value_high": "", "unit": unit, "claimant": source["source_id"], "stage": "",
               "place_id": place["place_id"] if place else "", "when_written": "", "when": date.isoformat(),
               "when_kind": "", "counts": label}  # fmt: skip
        if roll < 0.01:  # a share
            value = rng.randrange(5, 95)
            row |= {"quantity": SHARE[0], "kind": "share", "of": SHARE[0], "unit": "percent", "bound": "exact",
                    "counts": SHARE[1], "claim_id": f"c{index:05d}-{SHARE[0]}"}  # fmt: skip
            row |= {"value": value, "as_written": f"{value}%"}
            quote = f"{source['name']} said the fire was {value}% contained"
        elif roll < 0.02:  # a part of a quantity
            value = round(size * rng.uniform(0.05, 0.3) / 10) * 10
            row |= {"kind": "part", "of": slug, "value": value, "as_written": _figure(value), "bound": "exact"}
            row |= {"counts": f"{label} in the hills"}
            quote = f"{source['name']} said {_figure(value)} of those were in the hills"
        elif roll < 0.025:  # a rise over a period
            value = round(size * rng.uniform(0.02, 0.1) / 10) * 10
            start = DATES[max(0, DATES.index(date) - 1)]
            row |= {"kind": "rise", "value": value, "as_written": _figure(value), "bound": "about"}
            row |= {"when": f"{start.isoformat()}/{date.isoformat()}", "counts": f"rise in {label}"}
            quote = f"{source['name']} said the count had risen by about {_figure(value)}"
        else:  # a level with any bound
            bound = BOUNDS[rng.randrange(len(BOUNDS))]
            value = round(size * rng.uniform(0.8, 1.2) / 50) * 50
            row |= {"value": value, "bound": bound}
            if bound == "range":
                high = value + max(50, round(size * rng.uniform(0.05, 0.2) / 50) * 50)
                row |= {"value_high": high, "as_written": f"{_figure(value)} and {_figure(high)}"}
                figure = f"between {_figure(value)} and {_figure(high)}"
            else:
                row |= {"as_written": _figure(value)}
                figure = HEDGE[bound] + _figure(value)
            where = f" near {place['name']}" if place else ""
            quote = f"{source['name']} said {figure} {noun}{where}"
        row["quote"] = quote
        rows.append(row)
        paragraphs.append(f"{quote}, as of {date.strftime('%B')} {date.day}.")
    places_text = "Crews worked near " + ", ".join(place["name"] for place in places) + "."
    text = "\n\n".join([title, "By Test Desk", places_text, *paragraphs]) + "\n"
    scratch = Path(tempfile.mkdtemp(prefix="kit-scale-seed-"))
    try:
        seed_file = scratch / "article.txt"
        seed_file.write_text(text, encoding="utf-8")
        article = identity(title, PUBLISHED.isoformat(), "Scale Wire", "https://scale.example/ridge", "By Test Desk")
        if folder.exists():
            shutil.rmtree(folder)
        create(folder.name, seed_file, folder.parent, article=article)
    finally:
        shutil.rmtree(scratch)
    package_path = folder / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    package["quantities"] = {slug: {"label": spec[0]} for slug, spec in QUANTITIES.items()} | {
        SHARE[0]: {"label": SHARE[1]}
    }
    package_path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    used = {row["claimant"] for row in rows}
    sources = [source for source in sources if source["source_id"] in used]  # an unused source is a warning
    for name, table in (("claims", rows), ("sources", sources), ("places", places)):
        _append(folder / f"{name}.csv", sorted(table, key=lambda row: str(next(iter(row.values())))))
    return folder


def _append(path: Path, rows: list[dict]) -> None:
    """Add rows under the header ``kit new`` wrote, in its column order."""
    with path.open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writerows(rows)


# -- measuring --------------------------------------------------------------------------------------


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height in pixels from a PNG's IHDR chunk."""
    return struct.unpack(">II", data[16:24])


def largest_image(nb) -> tuple[int, int]:
    """The tallest image output of a notebook (width, height in pixels), or (0, 0)."""
    found = [(0, 0)]
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {}).get("image/png")
            if data:
                found.append(png_size(base64.b64decode(data)))
    return max(found, key=lambda size: size[1])


class PeakRss:
    """Poll the resident memory of this process's child processes (the kernel) every 50 ms; keep the peak."""

    def __init__(self) -> None:
        import psutil

        self.me, self.peak, self._stop = psutil.Process(), 0, threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = 0
            for child in self.me.children(recursive=True):
                try:
                    total += child.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(0.05)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run_one(notebook: Path, ledger: Path, scratch: Path, timeout: float) -> dict:
    """Execute one notebook on one ledger as ``kit run`` does, render the report page; what it cost."""
    import nbformat

    from kit.report.html import notebook_html
    from kit.run.execute import normalise, papermill_run

    parameters = {"ledgers": [str(ledger)]} if notebook.stem.startswith("07-") else {"ledger": str(ledger)}
    output = scratch / f"{notebook.stem}-{ledger.name}.ipynb"
    start, error = time.perf_counter(), ""
    with PeakRss() as memory:
        try:
            papermill_run(notebook, output, parameters, notebook.parent, timeout)
        except Exception as failure:  # a failing cell: the page shows the error, as in `kit run`
            error = f"{type(failure).__name__}: {str(failure).strip().splitlines()[-1][:120]}"
    nb = normalise(nbformat.read(output, as_version=4), notebook.stem)
    page = notebook_html(nb, with_code=False, title=notebook.stem, banner=f"{notebook.stem} on {ledger.name}")
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "rss_mb": memory.peak / MEGABYTE,
        "image": largest_image(nb),
        "report_mb": len(page.encode("utf-8")) / MEGABYTE,
        "notebook_mb": output.stat().st_size / MEGABYTE,
        "error": error,
    }


def spread(values: list[float], digits: int = 1) -> str:
    if len(values) == 1:
        return f"{values[0]:.{digits}f}"
    return f"{min(values):.{digits}f} / {statistics.median(values):.{digits}f} / {max(values):.{digits}f}"


def table(found: dict, sizes: list[int]) -> list[str]:
    lines = ["| notebook | claims | seconds | kernel peak RSS (MB) | largest image (px) | report (MB) |",
             "| --- | ---: | --- | --- | --- | --- |"]  # fmt: skip
    for name in sorted({key[0] for key in found}):
        for size in sizes:
            runs = found.get((name, size))
            if not runs:
                continue
            width, height = max((run["image"] for run in runs), key=lambda wh: wh[1])
            failed = " (failed: " + runs[0]["error"] + ")" if runs[0]["error"] else ""
            lines.append(
                f"| {name} | {size:,} | {spread([r['seconds'] for r in runs])}{failed} | "
                f"{spread([r['rss_mb'] for r in runs], 0)} | {width} x {height} | "
                f"{max(r['report_mb'] for r in runs):.2f} |"
            )
    return lines


def verdicts(found: dict, sizes: list[int]) -> list[str]:
    """Each target, met or missed, with the figures."""
    lines = []
    median = {key: statistics.median(run["seconds"] for run in runs) for key, runs in found.items()}
    for name in sorted({key[0] for key in found}):
        if (name, 10) in median and (name, 1000) in median:
            ratio = median[(name, 1000)] / median[(name, 10)]
            verdict = "met" if ratio < 2 else "missed"
            lines.append(f"- {name}: 1,000 claims take {ratio:.2f}x the time at 10 ({verdict}, target 2x).")
        if (name, 1000) in median and (name, 10000) in median:
            ratio = median[(name, 10000)] / median[(name, 1000)]
            lines.append(f"- {name}: 10,000 claims take {ratio:.2f}x the time at 1,000 (linear would be 10x).")
    reports = [(run["report_mb"], key) for key, runs in found.items() for run in runs]
    tallest = [(run["image"][1], key) for key, runs in found.items() for run in runs]
    if reports:
        mb, key = max(reports)
        lines.append(f"- Largest report: {mb:.2f} MB ({key[0]}, {key[1]:,} claims); target 1 MB: "
                     f"{'met' if mb < 1 else 'missed'}.")  # fmt: skip
        px, key = max(tallest)
        lines.append(f"- Tallest image: {px} px ({key[0]}, {key[1]:,} claims); target 3,000 px: "
                     f"{'met' if px <= 3000 else 'missed'}.")  # fmt: skip
    return lines


def main(argv: list[str] | None = None) -> int:
    import results

    from kit.run.execute import kernel_env

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per notebook at sizes up to 1,000")
    parser.add_argument("--repeat-large", type=int, default=1, help="runs per notebook above 1,000 claims")
    parser.add_argument("--notebooks", nargs="*", help="notebook names (default: 01-06 and 07 if present)")
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--no-write", action="store_true", help="print the table, leave RESULTS.md alone")
    parser.add_argument("--note", default="", help="a line to add under the table")
    parser.add_argument("--json", help="also save the measurements to this file")
    parser.add_argument("--merge", nargs="*", default=[], help="measurements saved by earlier runs (--json) to add")
    args = parser.parse_args(argv)
    kernel_env()
    chosen = sorted(NOTEBOOKS.glob("0[1-7]-*.ipynb"))
    if args.notebooks:
        chosen = [path for path in chosen if path.stem in args.notebooks or path.name in args.notebooks]
    scratch = Path(tempfile.mkdtemp(prefix="kit-scale-"))
    found: dict[tuple[str, int], list[dict]] = {}
    load_before = os.getloadavg()
    started = datetime.datetime.now(datetime.UTC)
    try:
        for size in args.sizes:
            ledger = make_ledger(scratch / f"ledger-{size}", size)
            for notebook in chosen:
                for _ in range(args.repeat if size <= 1000 else args.repeat_large):
                    run = run_one(notebook, ledger, scratch, args.timeout)
                    found.setdefault((notebook.stem, size), []).append(run)
                    print(notebook.stem, size, {k: v for k, v in run.items()}, file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    load_after = os.getloadavg()
    for saved in args.merge:  # e.g. the 10,000-claim run, made separately
        for key, runs in json.loads(Path(saved).read_text(encoding="utf-8")):
            found.setdefault((key[0], key[1]), []).extend({**run, "image": tuple(run["image"])} for run in runs)
    if args.json:
        Path(args.json).write_text(json.dumps([[list(key), runs] for key, runs in found.items()]), encoding="utf-8")
    sizes = sorted({*args.sizes, *(key[1] for key in found)})
    repeats = f"{args.repeat} runs per notebook up to 1,000 claims, {args.repeat_large} above"
    section = [
        "## Scale: pages as the ledger grows",
        "",
        "Written by `benchmarks/scale.py`; reproduce with `python benchmarks/scale.py`. Generated ledgers "
        "(seeded, valid): 50 sources across 8 sides, 5 quantities at 6 dates with every bound, about 1% parts, "
        "1% shares and 0.5% rises, one place per 20 claims. Each notebook runs through `kit.run.execute."
        "papermill_run` and is converted to the reader's page with `kit.report.html.notebook_html`, as "
        "`kit run` does. Seconds: execution plus conversion, min / median / max "
        "(one figure when there was one run). Kernel peak RSS: the resident memory of this process's "
        "children (the kernel papermill starts), polled every 50 ms with psutil. Largest image: the tallest "
        "PNG output, from its header (PNGs are 1.5x the 800 px display width).",
        "",
        f"- machine: {os.cpu_count()} cores (`nproc`), {platform.platform()}; Python {platform.python_version()}",
        f"- date (UTC): {started:%Y-%m-%d %H:%M}; {repeats}",
        f"- load average (1, 5, 15 min) before: {', '.join(f'{v:.2f}' for v in load_before)}; "
        f"after: {', '.join(f'{v:.2f}' for v in load_after)} (other workers shared the cores)",
        "",
        *table(found, sizes),
        "",
        *verdicts(found, sizes),
    ]
    if args.note:
        section += ["", args.note]
    print("\n".join(section))
    if not args.no_write:
        results.update(["\n".join(section)], lambda heading: heading.startswith("Scale"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
