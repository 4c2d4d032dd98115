"""Execute one notebook with papermill, the same way for every caller (batch runs, refresh, tests).

Each notebook runs with papermill's in-process API in a fresh ``python3``
kernel, from the notebooks folder, with its default parameters. The result is
normalised so that two refreshes give byte-identical files: papermill's
timestamps and durations are stripped, execution timings removed, and cell ids
derived from the notebook name and the cell's position.

Other tools reuse :func:`execute` (run one notebook with parameters) and
:func:`normalise` (make a notebook deterministic).
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat

from kit.paths import KIT_DIR

ROOT = KIT_DIR.parent
KERNEL = "python3"
#: Per-cell metadata keys that only record when and how long a run took.
_VOLATILE_CELL_KEYS = ("papermill", "execution", "ExecuteTime")


def kernel_env() -> None:
    """Set what a kernel inherits: fixed dates and hash seeds, and the kit importable from any folder.

    Kernels start in the notebooks folder, so the repository root goes on PYTHONPATH for ``import kit``
    (needed when the kit is not pip-installed).
    """
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    os.environ["PYTHONHASHSEED"] = "0"
    os.environ.setdefault("MPLBACKEND", "Agg")
    root = str(ROOT)
    paths = [path for path in os.environ.get("PYTHONPATH", "").split(os.pathsep) if path]
    if root not in paths:
        os.environ["PYTHONPATH"] = os.pathsep.join([root, *paths])


def normalise(notebook: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """Strip run timestamps and durations; give cells stable ids from the notebook name and position."""
    notebook.metadata.pop("papermill", None)
    notebook.metadata.pop("widgets", None)
    notebook.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": KERNEL}
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"{name}-{index}"[-64:]
        for key in _VOLATILE_CELL_KEYS:
            cell.metadata.pop(key, None)
    notebook.nbformat, notebook.nbformat_minor = 4, 5
    return notebook


def execute(
    path: str | os.PathLike,
    output: str | os.PathLike | None = None,
    parameters: dict | None = None,
    cwd: str | os.PathLike | None = None,
) -> nbformat.NotebookNode:
    """Run one notebook top to bottom in a fresh kernel with papermill; return the normalised result.

    ``output`` defaults to overwriting ``path``; ``cwd`` to the notebook's own folder, so a relative
    ledger parameter means the same thing here as in JupyterLab. Raises papermill's
    PapermillExecutionError when a cell fails.
    """
    import papermill  # imported here: the kit's other modules do not need it

    kernel_env()
    path = Path(path)
    output = Path(output) if output is not None else path
    papermill.execute_notebook(
        str(path),
        str(output),
        parameters=parameters or {},
        cwd=str(cwd if cwd is not None else path.parent),
        kernel_name=KERNEL,
        progress_bar=False,
        log_output=False,
    )
    notebook = normalise(nbformat.read(output, as_version=4), path.stem)
    nbformat.write(notebook, output)
    return notebook
