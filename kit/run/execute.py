"""Execute one notebook with papermill, the same way for every caller (batch runs, refresh, tests).

This module holds the kit's one papermill call (:func:`papermill_run`) and its one kernel set-up
(:func:`kernel_env`), so a batch run, ``make notebooks`` and a test execute a notebook alike: a fresh
``python3`` kernel, fixed dates and hash seeds, and the kit importable from any folder.

:func:`execute` runs one notebook and normalises the result so that two refreshes give byte-identical
files: papermill's timestamps and durations are stripped, execution timings removed, and cell ids
derived from the notebook name and the cell's position. :func:`normalise` is that last step alone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit.paths import KIT_DIR

if TYPE_CHECKING:
    import nbformat

ROOT = KIT_DIR.parent
KERNEL = "python3"
#: Per-cell metadata keys that only record when and how long a run took.
_VOLATILE_CELL_KEYS = ("papermill", "execution", "ExecuteTime")


def kernel_env() -> None:
    """Set what a kernel inherits: fixed dates and hash seeds, and the kit importable from any folder.

    Kernels start in the notebook's folder (or a scratch folder on a cluster worker), so the folder that
    holds this kit goes first on PYTHONPATH for ``import kit``: the kernel imports the same kit as the
    process that started it, installed or not.
    """
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    os.environ["PYTHONHASHSEED"] = "0"
    os.environ.setdefault("MPLBACKEND", "Agg")
    paths = [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))


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


def papermill_run(
    source: str | os.PathLike,
    output: str | os.PathLike,
    parameters: dict[str, Any] | None,
    cwd: str | os.PathLike,
    timeout: float | None = None,
) -> None:
    """The kit's one papermill call: execute ``source`` into ``output`` in a fresh kernel started in ``cwd``.

    Raises what papermill and nbclient raise (a failing cell, a timeout, a dead kernel); papermill has
    written ``output`` as far as it got by then, which is what a failed run's report shows.
    """
    import papermill  # imported here: the kit's other modules do not need it

    kernel_env()
    papermill.execute_notebook(
        str(source),
        str(output),
        parameters=parameters or {},
        cwd=str(cwd),
        kernel_name=KERNEL,
        progress_bar=False,
        log_output=False,
        execution_timeout=timeout,
        kernel_manager_class=_local_kernels(),
    )


def _local_kernels() -> type:
    """A kernel manager whose kernel talks over Unix sockets in its runtime folder, not TCP ports.

    Over TCP, jupyter_client picks five free ports and the kernel binds them a moment later; two kernels started
    at once by a batch's workers can pick the same port, and one dies with "Address already in use" before it
    runs a cell (seen once in a batch of eight on two cores). A socket file is the kernel's alone. On a system
    without Unix sockets the manager keeps TCP."""
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import CaselessStrEnum, default

    if os.name != "posix":
        return AsyncKernelManager

    class LocalKernelManager(AsyncKernelManager):
        transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

        @default("ip")
        def _private_sockets(self) -> str:  # jupyter_client's default is "kernel-ipc" in the working folder
            self.socket_folder = tempfile.mkdtemp(prefix="kit-kernel-")
            return os.path.join(self.socket_folder, "ipc")

        async def _async_cleanup_resources(self, restart: bool = False) -> None:
            await super()._async_cleanup_resources(restart=restart)
            if not restart and getattr(self, "socket_folder", None):
                shutil.rmtree(self.socket_folder, ignore_errors=True)

    return LocalKernelManager


def execute(
    path: str | os.PathLike,
    output: str | os.PathLike | None = None,
    parameters: dict[str, Any] | None = None,
    cwd: str | os.PathLike | None = None,
    timeout: float | None = None,
) -> nbformat.NotebookNode:
    """Run one notebook top to bottom in a fresh kernel with papermill; return the normalised result.

    ``output`` defaults to overwriting ``path``; ``cwd`` (the kernel's working directory, which a relative
    ledger parameter is relative to) to the notebook's own folder, as in JupyterLab. Raises papermill's
    PapermillExecutionError when a cell fails.
    """
    import nbformat

    path = Path(path)
    output = Path(output) if output is not None else path
    papermill_run(path, output, parameters, cwd if cwd is not None else path.parent, timeout)
    notebook = normalise(nbformat.read(output, as_version=4), path.stem)
    nbformat.write(notebook, output)
    return notebook
