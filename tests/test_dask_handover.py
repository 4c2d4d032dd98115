"""``kit run --scheduler``: the batch's check of each ledger travels with the run (kit/ledger/handover.py,
kit/run/remote.py), so the kernel on a Dask worker does not check the ledger again, and does when a file it finds
there is not what the batch checked.

A real LocalCluster on 127.0.0.1 (one worker process, one thread) takes a real ``python -m kit run`` batch; the
worker unpacks each run's files in a scratch folder of its own. The on-disk cache is off for the batch and the
worker, so only the hand-over can spare a kernel its check. Each notebook counts the checks its kernel makes
(``kit.ledger.load.check_ledger``, wrapped as tests/test_handover.py does) and prints the count into its page.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_handover import CORPUS, COUNT, FLOOD, REVISION
from tiny_notebooks import ENV, kit_command, make_notebook, summary_row, write_runs

from kit.ledger import handover, store
from kit.run import cache

pytestmark = [pytest.mark.cluster, pytest.mark.batch, pytest.mark.kernel]

PAGE = COUNT + (
    "import kit\nkit.claims_with_sources(ledger)\nprint(f'PAGE {kit.article(ledger).title} CHECKS {len(checked)}')"
)
STORY = COUNT + "import kit\nframe = kit.corpus(ledgers)\nprint(f'STORY {len(frame)} CLAIMS CHECKS {len(checked)}')"
#: the kernel takes the shipped check, then a shipped file is changed on the worker and the ledger read again
TAMPER = COUNT + (
    "import kit\n"
    "from pathlib import Path\n"
    "before = kit.validate(ledger)\n"
    "print(f'BEFORE CHECKS {len(checked)} PROBLEMS {len(before)}')\n"
    "claims = Path(ledger) / 'claims.csv'\n"
    "text = claims.read_text(encoding='utf-8')\n"
    "claims.write_text(text.replace('Up to 140 millimetres', 'Up to 150 millimetres'), encoding='utf-8')\n"
    "after = [problem for problem in kit.validate(ledger) if 'verbatim' in problem.message]\n"
    "print(f'AFTER CHECKS {len(checked)} PROBLEMS {len(after)}')"
)


@pytest.fixture(scope="module")
def scheduler() -> str:
    """A LocalCluster on 127.0.0.1 with one worker process; its workers neither cache ledgers on disk nor know of
    any batch's hand-over folder."""
    import distributed  # here, not at collection: the quick tier collects this file and starts no cluster

    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        env={store.CACHE_ENV: "off", handover.ENV: ""},
    ) as cluster:
        yield cluster.scheduler_address


def _batch(project: Path, scheduler: str, runs: list[dict]) -> subprocess.CompletedProcess:
    write_runs(project / "notebooks" / "runs.yaml", runs)
    command = kit_command("--runs", "notebooks/runs.yaml", "--out", "out", "--corpus", "corpus")
    command += ["--scheduler", scheduler, "--force"]
    environment = {**ENV, store.CACHE_ENV: "off"}
    environment.pop(handover.ENV, None)
    result = subprocess.run(command, cwd=project, env=environment, capture_output=True, text=True, timeout=600)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def _printed(project: Path, name: str, word: str) -> str:
    """The line a run's notebook printed that starts with ``word``, from its page."""
    page = cache.output_paths(project / "out", name)["report"].read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]*>", "", page))
    lines = [line for line in text.splitlines() if line.startswith(word + " ")]
    assert len(lines) == 1, f"{name}: no one line {word} in its page"
    return lines[0]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Two articles in a corpus beside a notebooks folder (the batch starts in the project, kernels elsewhere)."""
    (tmp_path / "notebooks").mkdir()
    for article in (FLOOD, REVISION):
        shutil.copytree(CORPUS / article, tmp_path / "corpus" / article)
    return tmp_path


def test_a_kernel_on_a_worker_takes_the_batchs_check_of_each_ledger(project: Path, scheduler: str) -> None:
    make_notebook(project / "notebooks" / "page.ipynb", "ledger = None", PAGE)
    make_notebook(project / "notebooks" / "story.ipynb", "ledgers = []", STORY)
    runs = [
        {"name": "page", "notebook": "page.ipynb"},
        {"name": "tracker", "notebook": "story.ipynb", "scope": "story"},
    ]
    result = _batch(project, scheduler, runs)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("tracker", f"{FLOOD}/page", f"{REVISION}/page"):
        assert summary_row(result.stdout, name)[1] == "ok"
        assert summary_row(result.stdout, name)[-1].startswith("tcp://127.0.0.1:")  # run on the worker
    for article in (FLOOD, REVISION):
        assert _printed(project, f"{article}/page", "PAGE").endswith(" CHECKS 0")  # the kernel checked nothing
    assert re.fullmatch(r"STORY [1-9]\d* CLAIMS CHECKS 0", _printed(project, "tracker", "STORY"))


def test_a_shipped_file_changed_on_the_worker_is_checked_again(project: Path, scheduler: str) -> None:
    make_notebook(project / "notebooks" / "tamper.ipynb", "ledger = None", TAMPER)
    result = _batch(project, scheduler, [{"name": "tamper", "notebook": "tamper.ipynb"}])
    assert result.returncode == 0, result.stdout + result.stderr
    # the batch's check, taken while the files are what it checked
    assert _printed(project, f"{FLOOD}/tamper", "BEFORE") == "BEFORE CHECKS 0 PROBLEMS 0"
    # a changed file: checked on the worker, and its problem found
    assert _printed(project, f"{FLOOD}/tamper", "AFTER") == "AFTER CHECKS 1 PROBLEMS 1"
    assert "Up to 140 millimetres" in (project / "corpus" / FLOOD / "claims.csv").read_text(encoding="utf-8")
