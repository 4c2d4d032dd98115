"""``python -m kit new`` starts a ledger of the version-2 model that validates empty, names the article, and curating
it ends in rendered notebooks."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

import kit
from kit.cli import main as cli
from kit.ledger import PACKAGE_FILE, TABLES, scaffold
from kit.ledger.datapackage import OPTIONAL_TABLES
from kit.ledger.model import model
from kit.run import execute as refresh

ROOT = Path(__file__).resolve().parents[1]
SECOND = ROOT / "tests" / "ledgers" / "second"
NOTEBOOKS = ROOT / "notebooks"
#: The identity options every `kit new` needs; an article without a date or address says so.
IDENTITY = ["--published", "2025-08-14T06:05:00-07:00", "--outlet", "Weir Gazette", "--url", "https://example.org/weir"]


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    """A seed with a blank first line, CRLF line ends and non-ASCII text: it must be copied byte for byte."""
    path = tmp_path / "story.txt"
    path.write_bytes("\r\n  Floods Close the Weir Road  \r\nAbout 300 homes – “at least” – were hit.\r\n".encode())
    return path


def test_new_creates_an_empty_ledger_that_validates(
    seed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scaffold, "SHARED_NONFIGURES", tmp_path / "no-shared-list.csv")
    assert cli(["new", "weir", "--seed", str(seed), "--dir", str(tmp_path / "parent"), *IDENTITY]) == 0
    folder = tmp_path / "parent" / "weir"
    assert str(folder) in capsys.readouterr().out
    assert (folder / "story.txt").read_bytes() == seed.read_bytes()
    package = json.loads((folder / PACKAGE_FILE).read_text(encoding="utf-8"))
    assert package["version"] == "2.0.0"
    assert kit.ledger_version(folder).startswith(f"{package['version']}+")  # reports name the new data at once
    assert package["article"] == {
        "path": "story.txt",
        "title": "Floods Close the Weir Road",
        "outlet": "Weir Gazette",
        "published": "2025-08-14T06:05:00-07:00",
        "url": "https://example.org/weir",
        "byline": "",
        "language": "en",
    }
    schemas = {r["name"]: r.get("schema") for r in model()["resources"]}
    unit = next(spec for spec in schemas["claims"]["fields"] if spec["name"] == "unit")
    del unit["constraints"]["enum"]  # a new ledger declares its units once, under "units"
    unit["description"] = "Unit of value: one of the units declared, with their rules, under 'units'."
    assert package["quantities"] == {}
    for resource in package["resources"]:
        assert resource.get("schema") == schemas[resource["name"]]
        if resource["name"] in TABLES + OPTIONAL_TABLES:
            with (folder / resource["path"]).open(encoding="utf-8", newline="") as handle:
                assert list(csv.reader(handle)) == [[f["name"] for f in resource["schema"]["fields"]]]
    assert not (folder / scaffold.SHARED_COPY).exists()
    assert kit.validate(folder) == []
    assert kit.claims(folder).empty and kit.article(folder).title == "Floods Close the Weir Road"


def test_new_starts_from_broad_vocabularies_not_the_packaged_lists(seed: Path, tmp_path: Path) -> None:
    folder = scaffold.create("weir", seed, tmp_path)
    package = json.loads((folder / PACKAGE_FILE).read_text(encoding="utf-8"))
    enums = {
        (resource["name"], spec["name"]): spec.get("constraints", {}).get("enum")
        for resource in package["resources"]
        for spec in resource.get("schema", {}).get("fields", [])
    }
    kinds = ["country", "region", "city", "district", "port", "military base", "airbase", "factory", "crossing", "camp"]
    assert enums[("places", "kind")] == kinds
    units = ["people", "soldiers", "workers", "homes", "structures", "vessels", "aircraft", "vehicles", "brigades"]
    units += ["containers", "acres", "hectares", "km2", "usd", "eur", "gbp", "percent"]
    assert enums[("claims", "unit")] is None and list(package["units"]) == units
    packaged = kit.package()
    for table, field in (("claims", "topic"), ("claims", "stage"), ("sources", "side"), ("places", "role")):
        (mine,) = [r for r in packaged["resources"] if r["name"] == table]
        (spec,) = [s for s in mine["schema"]["fields"] if s["name"] == field]
        assert enums[(table, field)] != spec["constraints"]["enum"], (table, field)


def test_new_copies_the_shared_nonfigures_list(seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "shared.csv"
    shared.write_text("text,reason\nF-16,a fighter jet's name\n", encoding="utf-8")
    monkeypatch.setattr(scaffold, "SHARED_NONFIGURES", shared)
    folder = scaffold.create("weir", seed, tmp_path / "out")
    assert (folder / "shared-nonfigures.csv").read_bytes() == shared.read_bytes()
    assert kit.validate(folder) == []


def test_new_defaults_to_ledgers_under_the_working_folder(
    seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli(["new", "weir", "--seed", str(seed), *IDENTITY]) == 0
    assert kit.validate(tmp_path / "ledgers" / "weir") == []


def test_new_refuses_to_overwrite(seed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = tmp_path / "weir"
    existing.mkdir()
    (existing / "notes.txt").write_text("mine", encoding="utf-8")
    assert cli(["new", "weir", "--seed", str(seed), "--dir", str(tmp_path), *IDENTITY]) == 2
    assert "already exists" in capsys.readouterr().err
    assert [p.name for p in existing.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize(
    ("name", "seed_text", "message"),
    [
        ("weir", None, "is not a file"),
        ("weir", b"\n \n", "empty"),
        ("weir", b"\xff\xfetitle", "not UTF-8"),
        ("../up", b"Title\n", "not a usable folder name"),
    ],
)
def test_new_explains_what_it_cannot_do(
    name: str, seed_text: bytes | None, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "seed.txt"
    if seed_text is not None:
        path.write_bytes(seed_text)
    assert cli(["new", name, "--seed", str(path), "--dir", str(tmp_path / "out"), *IDENTITY]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out" / name).exists()


def _curate(folder: Path) -> None:
    """What a curator does: extend the schema's enums for this article, then add the rows."""
    package = json.loads((folder / PACKAGE_FILE).read_text(encoding="utf-8"))
    curated = json.loads((SECOND / PACKAGE_FILE).read_text(encoding="utf-8"))
    package["units"] = curated["units"]
    package["quantities"] = curated["quantities"]
    mine = {r["name"]: r for r in package["resources"]}
    for resource in curated["resources"]:
        if "schema" in resource:
            mine[resource["name"]]["schema"] = resource["schema"]
    (folder / PACKAGE_FILE).write_text(json.dumps(package, indent=2), encoding="utf-8")
    for table in TABLES:
        shutil.copyfile(SECOND / f"{table}.csv", folder / f"{table}.csv")


@pytest.mark.kernel
def test_walkthrough_new_curate_validate_and_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """From kit new to rendered notebooks on another article, the way the README tells a newcomer."""
    monkeypatch.chdir(tmp_path)
    undated = ["--published", "undated", "--outlet", "", "--url", ""]  # the test article gives neither
    assert cli(["new", "harwick", "--seed", str(SECOND / "article.txt"), *undated]) == 0
    folder = tmp_path / "ledgers" / "harwick"
    capsys.readouterr()

    assert cli(["coverage", str(folder)]) == 1  # the figures still to curate
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 15 and all(line.startswith("ledgers/harwick/article.txt:") for line in listed)

    _curate(folder)
    assert cli(["validate", str(folder)]) == 0
    assert cli(["coverage", str(folder)]) == 0
    assert capsys.readouterr() == ("all figures covered\n", "")

    # The overview (every section an article can have) and the tracker (the story notebook) render the new
    # ledger; its data is tests/ledgers/second, which every notebook renders in the session's article builds.
    # A failing cell raises PapermillExecutionError naming the notebook and cell.
    rendered = {"06-overview.ipynb": {"ledger": str(folder)}, "07-tracker.ipynb": {"ledgers": [str(folder)]}}
    for name, parameters in rendered.items():
        notebook = refresh.execute(NOTEBOOKS / name, tmp_path / name, parameters=parameters, cwd=NOTEBOOKS)
        shown = str([cell.get("outputs") for cell in notebook.cells])
        assert "Harwick" in shown or "harwick" in shown, name  # the new ledger's own article, not the packaged one
