"""A batch's kernels talk over Unix sockets in a folder of their own, never over TCP ports picked before they are
bound: two kernels started at once by a batch's workers once picked the same port, and one died before it ran a
cell ("Address already in use", a failed report in a batch of eight). Found rendering tests/drafts/dairy-prices."""

from __future__ import annotations

import json
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import pytest

from kit.run import execute

pytestmark = [pytest.mark.kernel, pytest.mark.skipif(os.name != "posix", reason="Unix sockets")]

PROBE = (
    "import json\n"
    "from ipykernel.kernelapp import IPKernelApp\n"
    "app = IPKernelApp.instance()\n"
    "print(json.dumps({'transport': app.transport, 'ip': app.ip}))"
)


def _probe(folder: str) -> dict:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE)])
    source = Path(folder) / "probe.ipynb"
    nbformat.write(notebook, source)
    ran = execute.execute(source, Path(folder) / "ran.ipynb", cwd=folder)
    return json.loads(ran.cells[0].outputs[0]["text"])


def test_kernels_started_at_once_each_have_their_own_sockets_and_leave_none(tmp_path: Path) -> None:
    folders = [tmp_path / f"run{n}" for n in range(4)]
    for folder in folders:
        folder.mkdir()
    with ProcessPoolExecutor(max_workers=2) as pool:  # as a batch starts them: two workers, at once
        seen = list(pool.map(_probe, [str(folder) for folder in folders]))
    assert {probe["transport"] for probe in seen} == {"ipc"}
    sockets = [Path(probe["ip"]).parent for probe in seen]
    assert len(set(sockets)) == len(seen)  # no two kernels share a socket folder
    assert all(folder.name.startswith("kit-kernel-") for folder in sockets)
    assert not any(folder.exists() for folder in sockets)  # each removed when its kernel stopped
    assert not any((folder / "kernel-ipc-1").exists() for folder in folders)  # nothing in the working folder
