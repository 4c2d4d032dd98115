"""Loads per page: how many times each notebook page reads the packaged ledger, counted, not timed.

Each notebook of ``notebooks/`` runs in this process, cell by cell in an IPython shell as a kernel runs it, on the
packaged ledger, after this process's memo of checked ledgers is emptied and with ``KIT_CACHE=off`` (so the page
reads the files itself, as a fresh kernel without the on-disk cache does). Counted (``ledger_reads.py``): loads,
the calls into ``kit.ledger``'s one read function (each looks at every file of the ledger again), and opens of
the ledger's files.

Run with ``python benchmarks/page_loads.py [--label before|after]``; it prints the table and, with ``--write``,
writes the "Loads per page" section of RESULTS.md (the rows of each label kept, the label's own replaced).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ["KIT_CACHE"] = "off"
os.environ.setdefault("MPLBACKEND", "Agg")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import nbformat  # noqa: E402
import results  # noqa: E402
from IPython.core.interactiveshell import InteractiveShell  # noqa: E402
from IPython.utils.capture import capture_output  # noqa: E402
from ledger_reads import counting, forget  # noqa: E402

from kit.paths import DEFAULT_LEDGER  # noqa: E402

HEADING = "Loads per page"
#: Where the rows of each label are kept between runs, so "before" and "after" sit in one table.
KEPT = Path(__file__).resolve().parent / "page_loads.json"


def page_reads(notebook: Path) -> tuple[int, int, int]:
    """A notebook run in this process on the packaged ledger: its loads, its opens of ledger files, and the most
    opens of any one file."""
    shell = InteractiveShell.instance()
    forget()
    with counting(DEFAULT_LEDGER) as reads:
        for cell in nbformat.read(notebook, as_version=4).cells:
            if cell.cell_type == "code":
                with capture_output():
                    shell.run_cell(cell.source, store_history=False).raise_error()
    return reads.loads, sum(reads.opens.values()), max(reads.opens.values(), default=0)


def section(kept: dict[str, dict[str, list[int]]]) -> str:
    """The RESULTS.md section: one row per page, a column pair per label."""
    labels = sorted(kept, key=lambda label: (label != "before", label))  # "before" first
    lines = [
        f"## {HEADING}",
        "",
        "Written by `benchmarks/page_loads.py` (counted, not timed): each notebook run in one process on the",
        "packaged ledger, with the process's memo of checked ledgers emptied first and `KIT_CACHE=off`. *Loads* are",
        "calls into `kit.ledger`'s one read function (`kit/ledger/load.py` `_read`; each looks at every file of the",
        "ledger again); *opens* count every open of a file in the ledger's folder (a Python audit hook), with the most",
        "opens of any one file in brackets. The page includes its parameters cell and its provenance line.",
        "",
        "A page built from its model (kit/report/model.py) loads each table once there (data package, claims with",
        "sources, sources, places, article); its parameters cell loads the data package and sources, its provenance",
        "line the article and the version. The opens are the ledger's first check in `kit/ledger` (each file read to",
        "check it and again to hash it, the article a third time) and the version's hash of every file: a page's",
        "loads add no opens while the files are older than the store's two-second re-hash window. The tracker's",
        "model (kit/report/story_model.py) is read in its parameters cell, each loader once per ledger of the story;",
        "the annotated article's model adds the ledger's non-figures.",
        "",
        "| page | " + " | ".join(f"loads ({label}) | opens ({label})" for label in labels) + " |",
        "| --- | " + " | ".join("--- | ---" for _ in labels) + " |",
    ]
    pages = list(dict.fromkeys(page for label in labels for page in kept[label]))
    for page in pages:
        cells = []
        for label in labels:
            found = kept[label].get(page)
            cells += [str(found[0]), f"{found[1]} ({found[2]})"] if found else ["", ""]
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", default="after", help="the column pair these counts go to")
    parser.add_argument("--write", action="store_true", help="write the section of RESULTS.md")
    args = parser.parse_args()
    os.chdir(ROOT / "notebooks")
    counted = {path.name: list(page_reads(path)) for path in sorted((ROOT / "notebooks").glob("0*.ipynb"))}
    kept = json.loads(KEPT.read_text(encoding="utf-8")) if KEPT.exists() else {}
    kept[args.label] = counted
    text = section(kept)
    print(text)
    if args.write:
        KEPT.write_text(json.dumps(kept, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        results.update([text], lambda heading: heading == HEADING)


if __name__ == "__main__":
    main()
