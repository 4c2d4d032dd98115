"""A run shipped as bytes, as a Dask worker receives it: no shared filesystem, and no mismatched worker.

These call the worker side in this process (no cluster); tests/test_dask.py runs the same through a
real scheduler and workers.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from tiny_notebooks import make_notebook, write_runs

from kit.ledger import handover
from kit.run import cache, cli, outputs, remote, runsfile, worker


@pytest.fixture
def shipped_run(tmp_path: Path) -> runsfile.Run:
    """A tiny notebook that reads its ledger and a helper beside it, and leaves a file in its working folder."""
    make_notebook(
        tmp_path / "reader.ipynb",
        "ledger = None\nlabel = 'x'",
        "import json, os, helper\nfrom pathlib import Path\n"
        "print(label, helper.GREETING, json.loads((Path(ledger) / 'datapackage.json').read_text())['title'])",
        "Path('left-behind.txt').write_text(os.getcwd())",
    )
    (tmp_path / "helper.py").write_text("GREETING = 'hello from the helper'\n")
    (tmp_path / "reader.ipynb").write_text(
        (tmp_path / "reader.ipynb")
        .read_text()
        .replace(
            '"outputs": []', '"outputs": [{"name": "stdout", "output_type": "stream", "text": "a committed output"}]', 1
        )
    )
    runs = write_runs(
        tmp_path / "runs.yaml", [{"name": "reader", "notebook": "reader.ipynb", "parameters": {"label": "y"}}]
    )
    return runsfile.load_runs(runs)[0]


def test_a_shipment_carries_bytes_not_paths(shipped_run: runsfile.Run) -> None:
    shipment = remote.ship(shipped_run, 60, cache.environment())
    assert b"a committed output" in shipped_run.notebook.read_bytes()
    assert b"a committed output" not in shipment["task"]["source"]  # outputs are not shipped
    assert shipment["helpers"] == {"helper.py": b"GREETING = 'hello from the helper'\n"}
    assert {"datapackage.json", "claims.csv", "sources.csv"} <= set(shipment["ledger"])
    assert shipment["ledger_parameter"] is True
    assert remote.shipped_bytes(shipment) < 200_000


def test_a_shipment_carries_the_batchs_check_of_its_ledger(shipped_run: runsfile.Run, tmp_path: Path) -> None:
    validated = tmp_path / "validated"
    keys = handover.hand_over([runsfile.ledger_folder(shipped_run)], validated)
    shipment = remote.ship(shipped_run, 60, cache.environment(), validated)
    key, data = shipment["checked"]["ledger"]
    assert [key] == list(keys.values()) and data == (validated / f"{key[:40]}.pickle").read_bytes()
    alone = remote.ship(shipped_run, 60, cache.environment())  # no hand-over folder: the worker's kernel checks it
    assert alone["checked"] == {"ledger": None, "ledgers": []}
    assert remote.shipped_bytes(shipment) == remote.shipped_bytes(alone) + len(data)


@pytest.mark.kernel
def test_a_worker_runs_a_shipment_in_a_scratch_folder(shipped_run: runsfile.Run) -> None:
    folder = shipped_run.notebook.parent
    result = remote.run_shipped(remote.ship(shipped_run, 60, cache.environment()))
    assert result["status"] == "ok", result["error"]
    assert result["worker"] == "local"
    executed = nbformat.reads(result["files"]["executed"].decode(), as_version=4)
    text = json.dumps([cell.get("outputs", []) for cell in executed.cells])
    assert "y hello from the helper Figures in the article" in text
    assert not (folder / "left-behind.txt").exists()  # the kernel worked in the worker's scratch folder
    injected = [cell for cell in executed.cells if "injected-parameters" in cell.metadata.get("tags", [])]
    assert injected[0].source.splitlines()[1:] == ['label = "y"']  # no scratch path is recorded
    counts = [cell.execution_count for cell in executed.cells if cell.cell_type == "code"]
    assert counts == [1, 2, 3, 4]


def test_a_worker_with_other_versions_refuses_naming_both(shipped_run: runsfile.Run) -> None:
    client = dict(cache.environment(), matplotlib="0.0.1", kit="0.0.0")
    with pytest.raises(remote.VersionMismatch) as refused:
        remote.run_shipped(remote.ship(shipped_run, 60, client))
    message = str(refused.value)
    mine = cache.environment()
    assert f"matplotlib {mine['matplotlib']} on the worker, 0.0.1 on the client" in message
    assert f"kit {mine['kit']} on the worker, 0.0.0 on the client" in message
    assert "pandas" not in message


def test_recorded_parameters_replace_a_workers_scratch_paths() -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("ledger = None", execution_count=1)]
    injected = nbformat.v4.new_code_cell('# Parameters\nledger = "/tmp/scratch/ledger"\n', execution_count=2)
    injected.metadata["tags"] = ["injected-parameters"]
    last = nbformat.v4.new_code_cell("1 + 1", execution_count=3)
    last.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "2"}, execution_count=3)]
    nb.cells += [injected, last]
    given = {"ledger": "/tmp/scratch/ledger"}
    kept = nbformat.from_dict(json.loads(json.dumps(nb)))
    worker._record_parameters(kept, {"ledger": "/desk/L"}, given)
    assert kept.cells[1].source == '# Parameters\nledger = "/desk/L"\n'
    worker._record_parameters(nb, {}, given)  # the local run had no parameters: no injected cell
    assert [cell.execution_count for cell in nb.cells] == [1, 2]
    assert nb.cells[1].outputs[0].execution_count == 2


def test_the_summary_names_the_worker_only_on_a_cluster(tmp_path: Path) -> None:
    runs = [runsfile.Run(name, tmp_path / "x.ipynb") for name in ("a", "b")]
    local = {"a": outputs.Outcome("a", "ok", 1.0, "", tmp_path / "a.html")}
    assert cli.summary(runs, local).splitlines()[0].split() == ["run", "status", "seconds", "output"]
    cluster = {"a": outputs.Outcome("a", "ok", 1.0, "", tmp_path / "a.html", "tcp://10.0.0.7:4242")}
    table = cli.summary(runs, cluster).splitlines()
    assert table[0].split() == ["run", "status", "seconds", "output", "worker"]
    assert table[2].split()[-1] == "tcp://10.0.0.7:4242" and table[3].split() == ["b", "not", "run"]
