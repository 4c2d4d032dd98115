"""Re-execute the committed notebooks in place so their outputs match the ledger: ``make notebooks``.

A repository tool, not part of the installed kit: it knows where this repository keeps its notebooks.
Each notebook runs through :func:`kit.run.execute.execute` with its default parameters.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kit.run.execute import execute

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def notebooks(folder: str | os.PathLike = NOTEBOOKS) -> list[Path]:
    """The numbered notebooks of a folder, in reading order (01-..., 02-..., ...)."""
    return sorted(Path(folder).glob("[0-9][0-9]-*.ipynb"))


def refresh(paths: list[str | os.PathLike] | None = None) -> list[Path]:
    """Execute each notebook in place with its default parameters; return the paths written."""
    chosen = [Path(path) for path in paths] if paths else notebooks()
    for path in chosen:
        print(f"refreshing {path}", file=sys.stderr)
        execute(path)
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/refresh.py", description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks to refresh (default: every numbered notebook)")
    args = parser.parse_args(argv)
    refresh(args.notebooks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
