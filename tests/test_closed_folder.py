"""A ledger is a closed folder: no command reads, prints, ships or writes a file outside it through a link.

Each hole is tried with a real link and a real victim file outside the ledger folder, whose bytes are
checked unchanged (and never shown) afterwards; see kit/ledger/folder.py for the rule.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_model_v2_migrate import V1_CLAIMS, v1_package
from test_run_remote import shipped_run  # noqa: F401 (a fixture)

import kit
from kit import cli
from kit.ledger import catalog, folder
from kit.ledger.migrate import MigrationError, migrate
from kit.paths import DEFAULT_LEDGER
from kit.run import cache, remote, runsfile

ROOT = Path(__file__).resolve().parents[1]
SECRET = b"victim-secret,do-not-read\nroot:x:0:0\n"
SEED = "000_1ed963706c63bb85.txt"


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A file outside every ledger folder, which no command may read, show, ship or change."""
    path = tmp_path / "elsewhere" / "victim.csv"
    path.parent.mkdir()
    path.write_bytes(SECRET)
    return path


def kit_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """``python -m kit ARGS`` run from ``cwd``: in a child process for a batch (it starts kernels), else in this
    process through the same entry point (``kit.cli.main``), which saves a process start per command. A command that
    raised would fail the test either way; the real processes' messages are checked in test_hostile_sweep."""
    if args[0] == "run":
        environment = {**os.environ, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-m", "kit", *args]
        return subprocess.run(command, capture_output=True, text=True, env=environment, cwd=cwd, timeout=120)
    out, err, here = io.StringIO(), io.StringIO(), os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(list(args))
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(["python", "-m", "kit", *args], code, out.getvalue(), err.getvalue())


def test_the_packaged_ledger_links_its_article_into_seeds_and_validates():
    """The one link the rule allows: the packaged ledger's article, stored once in the repository's seeds/."""
    seed = DEFAULT_LEDGER / SEED
    assert seed.is_symlink() and seed.resolve().parent == (ROOT / "seeds").resolve()
    assert kit.validate() == []
    assert folder.escape(DEFAULT_LEDGER, seed) is None


def test_a_link_into_seeds_is_refused_for_any_other_ledger(ledger: Path):
    (ledger / SEED).unlink()
    (ledger / SEED).symlink_to(ROOT / "seeds" / SEED)
    assert [str(problem) for problem in kit.validate(ledger)] == [
        f"ledger/{SEED}:1: -: seed article file is a link to {ROOT / 'seeds' / SEED}, outside the ledger folder; "
        "the kit reads only files inside it: copy the file in (cp -L) instead of linking it"
    ]


def test_validate_refuses_a_table_linked_outside_and_shows_none_of_it(ledger: Path, victim: Path):
    (ledger / "claims.csv").unlink()
    (ledger / "claims.csv").symlink_to(victim)
    done = kit_cli("validate", "ledger", cwd=ledger.parent)
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == (
        f"ledger/claims.csv:1: -: table file is a link to {victim}, outside the ledger folder; "
        "the kit reads only files inside it: copy the file in (cp -L) instead of linking it"
    )
    assert "victim-secret" not in done.stdout + done.stderr and "root:x" not in done.stdout + done.stderr
    with pytest.raises(kit.LedgerError):
        kit.claims(ledger)
    assert victim.read_bytes() == SECRET


def test_a_folder_on_the_way_that_links_outside_is_named(ledger: Path, victim: Path):
    package = json.loads((ledger / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        if resource["name"] == "sources":
            resource["path"] = "tables/victim.csv"
    (ledger / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    (ledger / "tables").symlink_to(victim.parent)
    lines = [str(problem) for problem in kit.validate(ledger)]
    assert lines[0] == (
        f"ledger/tables/victim.csv:1: -: table file is inside ledger/tables, a link to {victim.parent}, outside "
        "the ledger folder; the kit reads only files inside it: copy the file in (cp -L) instead of linking it"
    )
    assert not any("victim-secret" in line for line in lines)


def test_a_link_that_stays_inside_the_folder_is_followed(ledger: Path):
    (ledger / "tables").mkdir()
    (ledger / "sources.csv").rename(ledger / "tables" / "sources.csv")
    (ledger / "sources.csv").symlink_to(Path("tables") / "sources.csv")
    assert kit.validate(ledger) == []
    assert "ua-budanov" in set(kit.sources(ledger)["source_id"])


def test_a_pipe_or_a_folder_in_a_table_s_place_is_not_a_regular_file(ledger: Path):
    """A pipe is never opened (reading it would hang): it is named, as a folder is."""
    (ledger / "sources.csv").unlink()
    os.mkfifo(ledger / "sources.csv")
    (ledger / "places.csv").unlink()
    (ledger / "places.csv").mkdir()
    lines = [str(problem) for problem in kit.validate(ledger)]
    pipe = "ledger/sources.csv:1: -: table file is not a regular file (it is a device, a pipe or a socket)"
    assert pipe in lines
    assert "ledger/places.csv:1: -: table file is not a regular file (it is a folder)" in lines


def test_a_file_or_a_device_given_as_the_ledger_says_what_it_is(ledger: Path):
    assert [str(problem) for problem in kit.validate(ledger / "claims.csv")] == [
        "ledger/claims.csv:1: -: ledger folder is a file, not a folder; give the folder that holds datapackage.json"
    ]
    assert [str(problem) for problem in kit.validate("/dev/zero")] == [
        "/dev/zero:1: -: ledger folder is not a folder, and not a regular file either (a device, a pipe or a "
        "socket); give the folder that holds datapackage.json"
    ]


def _v1(ledger: Path) -> None:
    package = json.loads((ledger / "datapackage.json").read_text(encoding="utf-8"))
    (ledger / "datapackage.json").write_text(json.dumps(v1_package(package), indent=2) + "\n", encoding="utf-8")
    (ledger / "claims.csv").write_text(V1_CLAIMS, encoding="utf-8")


def _claims_path(ledger: Path, path: str) -> None:
    package = json.loads((ledger / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        if resource["name"] == "claims":
            resource["path"] = path
    (ledger / "datapackage.json").write_text(json.dumps(package, indent=2) + "\n", encoding="utf-8")


@pytest.mark.parametrize("where", ["relative", "absolute"])
def test_migrate_refuses_a_claims_path_outside_the_folder(ledger: Path, tmp_path: Path, where: str):
    """A version-1 resource path of ../other/claims.csv or an absolute path never rewrites another ledger."""
    _v1(ledger)
    other = tmp_path / "other"
    other.mkdir()
    (other / "claims.csv").write_text(V1_CLAIMS, encoding="utf-8")
    _claims_path(ledger, "../other/claims.csv" if where == "relative" else str(other / "claims.csv"))
    before = {path.name: path.read_bytes() for path in ledger.iterdir()}
    done = kit_cli("migrate", "ledger", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "must stay inside the ledger folder (no '..', not absolute); nothing was changed" in done.stderr
    assert (other / "claims.csv").read_text(encoding="utf-8") == V1_CLAIMS
    assert {path.name: path.read_bytes() for path in ledger.iterdir()} == before


def test_migrate_refuses_a_claims_table_linked_outside(ledger: Path, victim: Path):
    _v1(ledger)
    victim.write_text(V1_CLAIMS, encoding="utf-8")
    (ledger / "claims.csv").unlink()
    (ledger / "claims.csv").symlink_to(victim)
    with pytest.raises(MigrationError, match="claims.csv is a link to .*, outside the ledger folder"):
        migrate(ledger)
    assert victim.read_text(encoding="utf-8") == V1_CLAIMS
    assert (ledger / "claims.csv").is_symlink()


def test_catalog_replaces_a_linked_catalog_json_and_leaves_its_target_alone(tmp_path: Path, victim: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a", "b"):
        (corpus / name).mkdir()
        (corpus / name / "datapackage.json").write_text("{}", encoding="utf-8")
    (corpus / "catalog.json").symlink_to(victim)
    done = kit_cli("catalog", "corpus", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    assert victim.read_bytes() == SECRET
    assert not (corpus / "catalog.json").is_symlink()
    assert [item["name"] for item in json.loads((corpus / "catalog.json").read_text())["datasets"]] == ["a", "b"]


def test_catalog_refuses_a_ledger_folder_linked_outside_the_corpus(tmp_path: Path):
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    for folder_ in (corpus / "a", outside):
        folder_.mkdir(parents=True)
        (folder_ / "datapackage.json").write_text("{}", encoding="utf-8")
    (corpus / "b").symlink_to(outside)
    with pytest.raises(catalog.CatalogError, match=r"corpus/b is a link to .*/outside, outside the corpus folder"):
        catalog.write_catalog(corpus)
    assert not (corpus / "catalog.json").exists()


def test_coverage_refuses_a_shared_nonfigures_list_linked_outside(ledger: Path, victim: Path):
    (ledger / "shared-nonfigures.csv").symlink_to(victim)
    done = kit_cli("coverage", "ledger", cwd=ledger.parent)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "shared-nonfigures.csv is a link to" in done.stderr and "outside the ledger folder" in done.stderr
    assert "victim-secret" not in done.stdout + done.stderr


def test_coverage_never_prints_escape_codes_from_the_article(ledger: Path):
    """An article with terminal escape codes is refused, and what is printed holds the codes escaped."""
    seed = ledger / SEED
    seed.write_bytes(seed.read_bytes() + b"\nLast updated \x1b[2J\x1b]0;owned\x07 at 3 pm.\n")
    package = (ledger / "datapackage.json").read_text(encoding="utf-8")
    (ledger / "datapackage.json").write_text(package.replace('"hash": "sha256:', '"x-hash": "sha256:'), "utf-8")
    done = kit_cli("coverage", "ledger", cwd=ledger.parent)
    assert done.returncode == 2
    assert "\x1b" not in done.stdout + done.stderr and "\x07" not in done.stdout + done.stderr
    assert "the article has an invisible character (U+001B control character)" in done.stderr


def test_a_shipment_carries_only_the_files_the_data_package_names(
    ledger: Path,
    victim: Path,
    shipped_run: runsfile.Run,  # noqa: F811
):
    """An unreferenced notes.txt linked to a file outside, or any other file, is never sent to a Dask worker."""
    (ledger / "notes.txt").symlink_to(victim)
    (ledger / "draft.csv").write_text("not named by the package\n", encoding="utf-8")
    (ledger / "sub").mkdir()
    (ledger / "sub" / "x.csv").write_text("nor this\n", encoding="utf-8")
    run = dataclasses.replace(shipped_run, parameters={**shipped_run.parameters, "ledger": str(ledger)}, base=None)
    shipment = remote.ship(run, 60, cache.environment())
    assert sorted(shipment["ledger"]) == sorted(
        ["datapackage.json", "claims.csv", "sources.csv", "places.csv", "nonfigures.csv", SEED]
    )
    assert not any(SECRET in data for data in shipment["ledger"].values())
    assert victim.read_bytes() == SECRET


def test_the_packaged_ledger_ships_its_article_through_the_allowed_link():
    files = folder.ledger_files(DEFAULT_LEDGER)
    assert DEFAULT_LEDGER / SEED in files
    assert (DEFAULT_LEDGER / SEED).read_bytes() == (ROOT / "seeds" / SEED).read_bytes()


def test_new_removes_a_staging_link_and_never_writes_through_it(tmp_path: Path, victim: Path):
    parent = tmp_path / "ledgers"
    parent.mkdir()
    (parent / ".story.partial").symlink_to(victim.parent)
    seed = tmp_path / "article.txt"
    seed.write_text("A headline\n\nSome 40 words.\n", encoding="utf-8")
    done = kit_cli(
        "new", "story", "--seed", str(seed), "--published", "undated", "--outlet", "X", "--url", "", cwd=tmp_path
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert sorted(path.name for path in victim.parent.iterdir()) == ["victim.csv"]
    assert victim.read_bytes() == SECRET
    assert kit.validate(parent / "story") == []


def test_write_all_replaces_a_link_rather_than_writing_through_it(tmp_path: Path, victim: Path):
    (tmp_path / "out.json").symlink_to(victim)
    folder.write_all({tmp_path / "out.json": b"new"})
    assert victim.read_bytes() == SECRET
    assert (tmp_path / "out.json").read_bytes() == b"new" and not (tmp_path / "out.json").is_symlink()


@pytest.mark.batch
def test_run_says_a_file_given_as_a_ledger_is_a_file(ledger: Path):
    runs = str(ROOT / "notebooks" / "corpus.yaml")
    ledgers = ("--ledger", "ledger/claims.csv", "--ledger", "/dev/zero")
    done = kit_cli("run", "--runs", runs, *ledgers, "--out", "out", cwd=ledger.parent)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "--ledger ledger/claims.csv: is a file, not a folder" in done.stderr
    assert "--ledger /dev/zero: is not a folder, and not a regular file either" in done.stderr


def test_a_refused_file_made_right_is_seen_at_once(ledger: Path, victim: Path):
    """The loader's cache never keeps a refusal: the ledger is checked again, and the victim is never read."""
    (ledger / "sources.csv").rename(ledger / "sources.kept")
    (ledger / "sources.csv").symlink_to(victim)
    assert len(kit.validate(ledger)) == 1
    (ledger / "sources.csv").unlink()
    os.mkfifo(ledger / "sources.csv")
    assert "not a regular file" in str(kit.validate(ledger))
    (ledger / "sources.csv").unlink()
    (ledger / "sources.kept").rename(ledger / "sources.csv")
    assert kit.validate(ledger) == []


def test_a_file_turned_into_a_link_with_the_same_bytes_is_refused_not_served_from_a_cache(ledger_copy: Path):
    """Both caches (this process's and the one on disk) hold the ledger; its claims.csv then becomes a link to a
    copy outside with the very same bytes. The content hash alone would call it unchanged: the link is refused."""
    kit.claims(ledger_copy)  # read, checked and cached
    outside = ledger_copy.parent / "elsewhere-claims.csv"
    outside.write_bytes((ledger_copy / "claims.csv").read_bytes())
    (ledger_copy / "claims.csv").unlink()
    (ledger_copy / "claims.csv").symlink_to(outside)
    found = [str(problem) for problem in kit.validate(ledger_copy) if problem.severity == "error"]
    assert any(
        "claims.csv:1:" in line and "is a link to" in line and "outside the ledger folder" in line for line in found
    ), found
    with pytest.raises(kit.LedgerError):
        kit.claims(ledger_copy)
