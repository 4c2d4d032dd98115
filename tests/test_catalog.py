"""The corpus is a Frictionless data catalog and every ledger a Frictionless data package, as the real
``frictionless validate`` command sees them; ``python -m kit catalog`` writes the catalog, and the committed
one is what it writes now.

Frictionless checks a catalog's metadata (each package loads and follows the standard), not the rows of its
tables, so every ledger's ``datapackage.json`` is validated on its own as well."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from shared import PACKAGED_LEDGER, ROOT

from kit.cli import main as cli
from kit.ledger.catalog import CATALOG_FILE, CatalogError, catalog, write_catalog
from kit.ledger.corpus import ledger_folders

CORPUS = ROOT / "tests" / "corpus"
LEDGERS = [PACKAGED_LEDGER, *ledger_folders(ROOT / "tests" / "ledgers"), *ledger_folders(CORPUS)]


def frictionless(path: Path) -> dict:
    """``frictionless validate PATH --json``, as a user types it: its report, with the exit code under "code"."""
    done = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", str(path), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    report = json.loads(done.stdout)
    report["code"] = done.returncode
    return report


def error_types(report: dict) -> set[str]:
    return {error["type"] for task in report["tasks"] for error in task["errors"]} | {
        error["type"] for error in report["errors"]
    }


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The checks that must fail: a ledger whose claim has a word for its value, and a catalog listing a dataset
    whose datapackage.json is gone."""
    folder = tmp_path_factory.mktemp("broken")
    ledger = shutil.copytree(ledger_folders(CORPUS)[0], folder / "ledger")
    rows = list(csv.reader((ledger / "claims.csv").open(encoding="utf-8", newline="")))
    rows[1][rows[0].index("value")] = "seven"
    with (ledger / "claims.csv").open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(rows)
    copy = shutil.copytree(CORPUS, folder / "corpus")
    write_catalog(copy)
    gone = ledger_folders(copy)[-1]
    (gone / "datapackage.json").unlink()
    return {"value": ledger / "datapackage.json", "catalog": copy / CATALOG_FILE, "gone": gone}


@pytest.fixture(scope="module")
def package_reports(broken: dict[str, Path]) -> dict[str, dict]:
    """Every ledger's package, and the broken inputs, validated by Frictionless in one child process:
    ``frictionless.validate(PATH)`` is what ``frictionless validate PATH`` runs, and one process pays the second of
    start-up once, not per file (the committed catalog is checked by the command itself, as a user types it)."""
    code = (
        "import json, sys, frictionless; "
        "print(json.dumps({path: frictionless.validate(path).to_dict() for path in sys.argv[1:]}))"
    )
    paths = [str(folder / "datapackage.json") for folder in LEDGERS] + [str(broken["value"]), str(broken["catalog"])]
    done = subprocess.run([sys.executable, "-c", code, *paths], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("folder", LEDGERS, ids=lambda folder: str(folder.relative_to(ROOT)))
def test_every_ledger_is_a_valid_frictionless_data_package(folder: Path, package_reports: dict[str, dict]) -> None:
    report = package_reports[str(folder / "datapackage.json")]
    assert (report["valid"], error_types(report)) == (True, set())
    assert {task["name"] for task in report["tasks"]} >= {"claims", "sources", "places", "nonfigures", "article"}


def test_the_corpus_is_a_valid_frictionless_catalog_of_every_ledger() -> None:
    path = CORPUS / CATALOG_FILE
    report = frictionless(path)
    assert (report["code"], report["valid"], error_types(report)) == (0, True, set())
    datasets = json.loads(path.read_text(encoding="utf-8"))["datasets"]
    assert [dataset["name"] for dataset in datasets] == [folder.name for folder in ledger_folders(CORPUS)]


def test_the_committed_catalog_is_what_kit_catalog_writes_now(tmp_path: Path) -> None:
    """Fails when a ledger is added, removed or renamed: run ``python -m kit catalog tests/corpus``."""
    copy = tmp_path / CORPUS.name  # the catalog's name is the corpus folder's
    shutil.copytree(CORPUS, copy, ignore=shutil.ignore_patterns(CATALOG_FILE))
    written = write_catalog(copy)
    assert written == copy / CATALOG_FILE
    assert written.read_bytes() == (CORPUS / CATALOG_FILE).read_bytes()
    text = written.read_text(encoding="utf-8")
    assert text.endswith("}\n") and str(tmp_path) not in text and "\\" not in text
    assert write_catalog(copy).read_bytes() == written.read_bytes()  # the same bytes every time


def test_frictionless_reports_a_non_numeric_value_in_a_ledger(broken: dict, package_reports: dict) -> None:
    """The package check can fail: a claim whose value is a word is a type error in the value column."""
    report = package_reports[str(broken["value"])]
    assert report["valid"] is False
    (task,) = [task for task in report["tasks"] if task["name"] == "claims"]
    assert [(error["type"], error["rowNumber"], error["fieldName"]) for error in task["errors"]] == [
        ("type-error", 2, "value")
    ]


def test_frictionless_reports_a_catalog_entry_without_its_package(broken: dict, package_reports: dict) -> None:
    """The catalog check can fail: a dataset whose datapackage.json is gone."""
    report = package_reports[str(broken["catalog"])]
    assert (report["valid"], error_types(report)) == (False, {"package-error"})
    assert broken["gone"].name in json.dumps(report)


def test_kit_catalog_writes_the_file_and_prints_its_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(ledger_folders(CORPUS)[0], tmp_path / "Flood Day_1")
    assert cli(["catalog", str(tmp_path)]) == 0
    assert capsys.readouterr() == (f"{tmp_path / CATALOG_FILE}\n", "")
    (dataset,) = json.loads((tmp_path / CATALOG_FILE).read_text(encoding="utf-8"))["datasets"]
    assert dataset == {"name": "flood-day_1", "package": "Flood Day_1/datapackage.json"}  # a Frictionless name


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp, "no ledger folder"),
        (lambda tmp: tmp / "missing", "not a folder"),
        (lambda tmp: shutil.copytree(PACKAGED_LEDGER, tmp / "ledger"), "is a ledger, not a corpus"),
    ],
    ids=["empty", "missing", "a-ledger"],
)
def test_kit_catalog_refuses_a_folder_without_ledgers_in_one_line(
    make, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make(tmp_path)
    assert cli(["catalog", str(folder)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and str(folder) in err and message in err
    assert not (folder / CATALOG_FILE).exists()


def test_two_folders_with_one_frictionless_name_are_refused(tmp_path: Path) -> None:
    for name in ("Flood", "flood!"):
        shutil.copytree(ledger_folders(CORPUS)[0], tmp_path / name)
    with pytest.raises(CatalogError, match="share the name 'flood'"):
        catalog(tmp_path)
