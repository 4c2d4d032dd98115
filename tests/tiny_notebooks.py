"""Tiny notebooks and runs files for batch tests: small enough to run in a second, no matplotlib."""

from __future__ import annotations

from pathlib import Path

import nbformat
import yaml


def make_notebook(path: Path, parameters: str, *cells: str) -> Path:
    """A small notebook with a cell tagged ``parameters`` and the given code cells."""
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(parameters)
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# A tiny report"), params]
    nb.cells += [nbformat.v4.new_code_cell(source) for source in cells]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def write_runs(path: Path, runs: list[dict]) -> Path:
    """A runs file listing the given runs."""
    path.write_text(yaml.safe_dump({"runs": runs}, sort_keys=False), encoding="utf-8")
    return path
