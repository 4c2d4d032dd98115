"""``kit run`` validates each ledger once a batch: its kernels take the batch's check by content
(kit/ledger/handover.py) instead of checking the ledger again, and check it themselves when a file changed.

The batch test counts the checks each kernel makes (``kit.ledger.load.check_ledger``, wrapped in the notebook) in
a real batch over two articles with the on-disk cache off, and notebooks in a folder of their own, so neither the
cache nor a shared working folder can stand in for the hand-over.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from shared import edit_csv, forget_loaded_ledgers
from tiny_notebooks import ENV, ROOT, kit_command, make_notebook, summary_row, write_runs

import kit
from kit.ledger import handover, load, store
from kit.ledger.problems import LedgerError

CORPUS = ROOT / "tests" / "corpus"
FLOOD, REVISION = "2025-04-07-riverwire-flood", "2025-04-10-valleycourier-revision"
LOG = "checks.txt"
COUNT = (
    "import os\n"
    "from kit.ledger import load\n"
    "checked = []\n"
    "real = load.check_ledger\n"
    "load.check_ledger = lambda folder: checked.append(folder) or real(folder)\n"
)
PAGE = COUNT + (
    "import kit\n"
    "title = kit.article(ledger).title\n"
    "kit.claims_with_sources(ledger)\n"
    f"open({LOG!r}, 'a').write(f'page {{os.path.basename(ledger)}} checks {{len(checked)}}\\n')\n"
    "print('HEADLINE:', title)"
)
STORY = COUNT + (
    "import kit\n"
    "frame = kit.corpus(ledgers)\n"
    f"open({LOG!r}, 'a').write(f'story {{len(ledgers)}} checks {{len(checked)}}\\n')\n"
    "print('CLAIMS:', len(frame))"
)


@pytest.fixture
def counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Checks of ledgers in this process, counted; the on-disk cache off; nothing remembered from other tests."""
    found: list[Path] = []
    real = load.check_ledger
    monkeypatch.setattr(load, "check_ledger", lambda folder: found.append(Path(folder)) or real(folder))
    monkeypatch.setenv(store.CACHE_ENV, "off")
    monkeypatch.delenv(handover.ENV, raising=False)
    forget_loaded_ledgers()
    yield found
    forget_loaded_ledgers()


def test_a_kernel_takes_the_batchs_check_while_the_files_are_the_same(
    tmp_path: Path, counted: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = shutil.copytree(CORPUS / FLOOD, tmp_path / FLOOD)
    keys = handover.hand_over([ledger], tmp_path / "validated")
    assert list(keys) == [str(ledger.resolve())] and len(counted) == 1  # the batch's one check
    forget_loaded_ledgers()  # a kernel starts with nothing in memory
    monkeypatch.setenv(handover.ENV, str(tmp_path / "validated"))
    assert kit.article(ledger).title and not kit.claims(ledger).empty
    assert len(counted) == 1  # taken, not checked again
    claims = ledger / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").replace("Up to 140 millimetres", "Up to 150 millimetres"))
    forget_loaded_ledgers()
    assert any("140" in str(problem) or "150" in str(problem) for problem in kit.validate(ledger))
    assert len(counted) == 2  # a file changed since the batch checked it: the kernel checks it itself


def test_problems_are_shown_as_from_the_kernels_working_folder(
    tmp_path: Path, counted: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = shutil.copytree(CORPUS / FLOOD, tmp_path / "corpus" / FLOOD)
    claims = ledger / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").replace("Up to 140 millimetres", "Up to 150 millimetres"))
    monkeypatch.chdir(tmp_path)
    batch = [str(problem) for problem in kit.validate(ledger)]
    assert batch and all(line.startswith(f"corpus/{FLOOD}/") for line in batch)
    handover.hand_over([ledger], tmp_path / "validated")
    forget_loaded_ledgers()
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    monkeypatch.setenv(handover.ENV, str(tmp_path / "validated"))
    kernel = [str(problem) for problem in kit.validate(ledger)]
    assert len(counted) == 1 and kernel != batch
    forget_loaded_ledgers()
    monkeypatch.delenv(handover.ENV)
    assert kernel == [str(problem) for problem in kit.validate(ledger)]  # as the kernel's own check shows them
    assert len(counted) == 2


def test_a_check_of_a_relative_folder_reads_its_files_from_the_kernels_working_folder(
    tmp_path: Path, counted: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by looking: `kit run --ledger tests/ledgers/port` from the project root failed in every kernel
    (FileNotFoundError: 'tests/ledgers/port/article.txt'): the taken check kept the batch's relative folder."""
    ledger = shutil.copytree(CORPUS / FLOOD, tmp_path / "corpus" / FLOOD)
    monkeypatch.chdir(tmp_path)
    batch_version = kit.ledger_version(Path("corpus") / FLOOD)
    handover.hand_over([Path("corpus") / FLOOD], tmp_path / "validated")
    forget_loaded_ledgers()
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")  # a kernel starts in the notebook's folder, given the folder's path
    monkeypatch.setenv(handover.ENV, str(tmp_path / "validated"))
    assert kit.ledger_version(ledger) == batch_version
    assert len(counted) == 1  # taken, not checked again


def test_a_damaged_or_foreign_hand_over_is_checked_again(
    tmp_path: Path, counted: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = shutil.copytree(CORPUS / FLOOD, tmp_path / FLOOD)
    (key,) = handover.hand_over([ledger], tmp_path / "validated").values()
    (tmp_path / "validated" / f"{key[:40]}.pickle").write_bytes(b"not a pickle")
    forget_loaded_ledgers()
    monkeypatch.setenv(handover.ENV, str(tmp_path / "validated"))
    assert kit.validate(ledger) == []
    assert len(counted) == 2


@pytest.mark.batch
@pytest.mark.kernel
def test_kit_run_checks_each_ledger_once_and_no_kernel_checks_it_again(tmp_path: Path) -> None:
    project = tmp_path / "project"
    notebooks = project / "notebooks"  # kernels start here, the batch in project/
    notebooks.mkdir(parents=True)
    make_notebook(notebooks / "page.ipynb", "ledger = None", PAGE)
    make_notebook(notebooks / "story.ipynb", "ledgers = []", STORY)
    runs = [
        {"name": "page", "notebook": "page.ipynb"},
        {"name": "tracker", "notebook": "story.ipynb", "scope": "story"},
    ]
    write_runs(notebooks / "runs.yaml", runs)
    for article in (FLOOD, REVISION):
        shutil.copytree(CORPUS / article, project / "corpus" / article)
    command = kit_command("--runs", "notebooks/runs.yaml", "--out", "out", "--jobs", "2", "--corpus", "corpus")
    environment = {**ENV, store.CACHE_ENV: "off"}  # no on-disk cache to answer for the batch
    result = subprocess.run(command, cwd=project, env=environment, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for name in ("tracker", f"{FLOOD}/page", f"{REVISION}/page"):
        assert summary_row(result.stdout, name)[1] == "ok"
    checks = sorted((notebooks / LOG).read_text(encoding="utf-8").splitlines())
    assert checks == [f"page {FLOOD} checks 0", f"page {REVISION} checks 0", "story 2 checks 0"]
    assert (project / "out" / ".runs" / "validated" / handover.INDEX).is_file()


def test_a_check_shipped_with_its_files_is_taken_where_they_are_unpacked(
    tmp_path: Path, counted: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = shutil.copytree(CORPUS / FLOOD, tmp_path / "client" / FLOOD)
    handover.hand_over([ledger], tmp_path / "validated")
    handed = handover.shipped(ledger, tmp_path / "validated")
    assert handed is not None and len(counted) == 1
    unpacked = shutil.copytree(ledger, tmp_path / "worker" / "scratch" / "ledger")  # another folder, another name
    into = tmp_path / "worker" / "validated"
    handover.receive({unpacked: handed}, into)
    forget_loaded_ledgers()
    monkeypatch.setenv(handover.ENV, str(into))
    assert kit.article(unpacked).title and not kit.claims(unpacked).empty
    assert len(counted) == 1  # taken where the files now are, not checked again
    handover.release([unpacked], into)
    assert sorted(path.name for path in into.iterdir()) == [handover.INDEX]  # the run's entry is gone with it
    forget_loaded_ledgers()
    assert kit.validate(unpacked) == [] and len(counted) == 2


def test_a_shipped_check_is_not_taken_for_files_that_differ_from_what_was_checked(
    tmp_path: Path, counted: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = shutil.copytree(CORPUS / FLOOD, tmp_path / "client" / FLOOD)
    handover.hand_over([ledger], tmp_path / "validated")
    handed = handover.shipped(ledger, tmp_path / "validated")
    unpacked = shutil.copytree(ledger, tmp_path / "worker" / "ledger")
    edit_csv(unpacked / "claims.csv", "Up to 140 millimetres", "Up to 150 millimetres")  # not what the batch checked
    handover.receive({unpacked: handed}, tmp_path / "worker" / "validated")
    forget_loaded_ledgers()
    monkeypatch.setenv(handover.ENV, str(tmp_path / "worker" / "validated"))
    problems = kit.validate(unpacked)
    assert len(counted) == 2  # checked again on the worker
    assert any(problem.path.endswith("claims.csv") and "verbatim" in problem.message for problem in problems)
    with pytest.raises(LedgerError):
        kit.claims(unpacked)


def test_problems_of_a_shipped_check_name_the_files_where_they_were_unpacked(
    tmp_path: Path, counted: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = shutil.copytree(CORPUS / FLOOD, tmp_path / "client" / FLOOD)
    edit_csv(ledger / "claims.csv", "Up to 140 millimetres", "Up to 150 millimetres")
    monkeypatch.chdir(tmp_path / "client")
    batch = [str(problem) for problem in kit.validate(ledger)]
    assert batch and all(line.startswith(f"{FLOOD}/claims.csv:") for line in batch)
    handover.hand_over([ledger], tmp_path / "validated")
    unpacked = shutil.copytree(ledger, tmp_path / "worker" / "ledger")
    handover.receive({unpacked: handover.shipped(ledger, tmp_path / "validated")}, tmp_path / "worker" / "into")
    (tmp_path / "worker" / "work").mkdir()
    monkeypatch.chdir(tmp_path / "worker" / "work")
    monkeypatch.setenv(handover.ENV, str(tmp_path / "worker" / "into"))
    forget_loaded_ledgers()
    kernel = [str(problem) for problem in kit.validate(unpacked)]
    assert len(counted) == 1 and all(line.startswith(f"{unpacked / 'claims.csv'}:") for line in kernel), kernel
    forget_loaded_ledgers()
    monkeypatch.delenv(handover.ENV)
    assert kernel == [str(problem) for problem in kit.validate(unpacked)]  # as the worker's own check shows them
    assert len(counted) == 2
