"""``python -m kit migrate`` upgrades a version-1 ledger to the version-2 model, and the packaged ledger, so
upgraded and curated, still holds every figure, quote and claimant it held.

The version-1 ledger here is the packaged one as it was: its claims table verbatim, and its data package
rebuilt from today's by putting back the version-1 columns.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from shared import kit_command

import kit
from kit.analysis import group_units
from kit.ledger.migrate import migrate

ROOT = Path(__file__).resolve().parents[1]
#: The packaged claims table of the version-1 model, row by row, verbatim.
V1_ROWS = [
    [
        "claim_id",
        "topic",
        "quantity",
        "value",
        "unit",
        "basis",
        "bound",
        "as_written",
        "claimant",
        "stage",
        "place_id",
        "deadline",
        "counts",
        "quote",
    ],
    [
        "budanov-11000-training",
        "troops",
        "nk-soldiers-in-russia",
        "11000",
        "soldiers",
        "total",
        "exact",
        "11,000",
        "ua-budanov",
        "training",
        "eastern-russia",
        "",
        "North Korean soldiers in training in eastern Russia",
        ("revealed that 11,000 North Korean soldiers were currently undergoing training in eastern Russia"),
    ],
    [
        "first-batch-2600",
        "troops",
        "nk-first-batch",
        "2600",
        "soldiers",
        "total",
        "exact",
        "2,600",
        "ua-us-defense-sources",
        "deploying",
        "kursk",
        "November 1",
        "first batch of North Korean soldiers that could be deployed to Kursk",
        (
            "the first batch of North Korean soldiers, numbering 2,600, could be "
            "deployed by November 1 to reinforce Russian forces in Kursk"
        ),
    ],
    [
        "kirby-3000-arrived",
        "troops",
        "nk-soldiers-in-russia",
        "3000",
        "soldiers",
        "total",
        "at_least",
        "3,000",
        "us-kirby",
        "arrived",
        "vladivostok-port",
        "",
        "North Korean soldiers who had arrived in Russia",
        ("at least 3,000 North Korean soldiers had already arrived in Russia earlier this month"),
    ],
    [
        "medvedev-recruitment-78pct",
        "recruitment",
        "russia-recruitment-plan",
        "78",
        "percent",
        "total",
        "exact",
        "78%",
        "ru-medvedev",
        "",
        "",
        "",
        "share of Russia's recruitment plan fulfilled",
        "Russia’s recruitment plan was 78% fulfilled",
    ],
    [
        "nis-12000-troops",
        "troops",
        "nk-soldiers-in-russia",
        "12000",
        "soldiers",
        "total",
        "about",
        "12,000",
        "kr-nis",
        "deploying",
        "",
        "",
        "North Korean troops in the four brigades North Korea decided to deploy",
        "totaling around 12,000 troops",
    ],
    [
        "nis-four-brigades",
        "troops",
        "nk-brigades",
        "4",
        "brigades",
        "total",
        "exact",
        "four",
        "kr-nis",
        "deploying",
        "",
        "",
        "North Korean brigades North Korea decided to deploy to aid Russia",
        "deploy four brigades to aid Russia",
    ],
    [
        "pyongyang-13000-containers",
        "munitions",
        "nk-munitions-shipped",
        "13000",
        "containers",
        "total",
        "exact",
        "13,000",
        "unattributed-intelligence",
        "",
        "",
        "",
        ("containers of artillery shells, antitank rockets and missiles shipped by Pyongyang"),
        ("Pyongyang has shipped 13,000 containers of artillery shells, antitank rockets, and missiles"),
    ],
    [
        "reports-up-to-12000",
        "troops",
        "nk-soldiers-in-russia",
        "12000",
        "soldiers",
        "total",
        "up_to",
        "12,000",
        "unattributed-reports",
        "training",
        "russian-far-east",
        "",
        "North Korean soldiers in Russia's Far East preparing for combat",
        "Allegedly, up to 12,000 North Korean soldiers are in Russia's Far East",
    ],
    [
        "us-aid-400m",
        "aid",
        "us-aid-package",
        "400000000",
        "usd",
        "total",
        "exact",
        "$400 million",
        "us-austin",
        "",
        "kyiv",
        "",
        "new US military aid package for Ukraine announced by Austin",
        ("announced a new $400 million military aid package to support Ukraine's defense"),
    ],
    [
        "zelenskyy-6000-per-brigade",
        "troops",
        "nk-soldiers-in-russia",
        "6000",
        "soldiers",
        "per_brigade",
        "exact",
        "6,000",
        "ua-zelenskyy",
        "deploying",
        "",
        "",
        ("North Korean soldiers in each of two brigades preparing to enter combat"),
        "two brigades of 6,000 soldiers each were preparing to enter combat",
    ],
    [
        "zelenskyy-two-brigades",
        "troops",
        "nk-brigades",
        "2",
        "brigades",
        "total",
        "exact",
        "two",
        "ua-zelenskyy",
        "deploying",
        "",
        "",
        "North Korean brigades preparing to enter combat",
        "two brigades of 6,000 soldiers each",
    ],
]


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


V1_CLAIMS = _csv(V1_ROWS)
NEW_COLUMNS = ("kind", "of", "per", "value_high", "when_written", "when", "when_kind")
#: What the curator changed after migrating the packaged ledger: (claim_id, column) -> (migrated, curated).
CURATED = {
    ("first-batch-2600", "kind"): ("level", "part"),
    ("first-batch-2600", "of"): ("", "nk-soldiers-in-russia"),
    ("first-batch-2600", "when_written"): ("November 1", "by November 1"),
    ("medvedev-recruitment-78pct", "kind"): ("level", "share"),
    ("medvedev-recruitment-78pct", "of"): ("", "russia-recruitment-plan"),
}


def rows(text: str) -> dict[str, dict[str, str]]:
    return {row["claim_id"]: row for row in csv.DictReader(io.StringIO(text))}


def v1_package(package: dict) -> dict:
    """Today's data package with the version-1 claim columns, version and article keys put back."""
    old = copy.deepcopy(package)
    old["version"] = "1.0.0"
    old["article"] = {key: old["article"][key] for key in ("path", "title", "published")}
    (claims,) = [resource for resource in old["resources"] if resource["name"] == "claims"]
    fields = [spec for spec in claims["schema"]["fields"] if spec["name"] not in NEW_COLUMNS]
    for spec in fields:
        if spec["name"] == "bound":
            spec["constraints"]["enum"].remove("range")
    basis = {"name": "basis", "type": "string", "constraints": {"required": True, "enum": ["total", "per_brigade"]}}
    fields.insert([spec["name"] for spec in fields].index("unit") + 1, basis)
    fields.insert([spec["name"] for spec in fields].index("place_id") + 1, {"name": "deadline", "type": "string"})
    claims["schema"]["fields"] = fields
    return old


@pytest.fixture
def v1(ledger: Path) -> Path:
    """The packaged ledger as it was in version 1, seen from its parent folder."""
    package = json.loads((ledger / "datapackage.json").read_text(encoding="utf-8"))
    (ledger / "datapackage.json").write_text(json.dumps(v1_package(package), indent=2) + "\n", encoding="utf-8")
    (ledger / "claims.csv").write_text(V1_CLAIMS, encoding="utf-8")
    return ledger


def run_kit(*args: str) -> subprocess.CompletedProcess:
    return kit_command(*args)


def test_the_packaged_ledger_keeps_every_figure_quote_and_claimant():
    now = kit.claims().set_index("claim_id")
    before = rows(V1_CLAIMS)
    assert set(now.index) == set(before)
    for claim_id, row in before.items():
        kept = now.loc[claim_id]
        assert (kept["value"], kept["as_written"], kept["quote"], kept["claimant"]) == (
            float(row["value"]),
            row["as_written"],
            row["quote"],
            row["claimant"],
        )
        assert (kept["unit"], kept["bound"], kept["quantity"], kept["topic"]) == (
            row["unit"],
            row["bound"],
            row["quantity"],
            row["topic"],
        )


def test_validate_sends_a_version_1_ledger_to_migrate(v1: Path):
    assert [str(p) for p in kit.validate(v1)] == [
        "ledger/datapackage.json:1: version: this ledger uses the version-1 model; run python -m kit migrate ledger"
    ]
    with pytest.raises(kit.LedgerError):
        kit.claims(v1)


def test_migrate_upgrades_the_version_1_ledger_to_todays_model(v1: Path):
    packaged = ROOT / "kit" / "data"
    done = run_kit("migrate", "ledger")
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.splitlines()
    assert "ledger/claims.csv:3: deadline 'November 1' -> when_written 'November 1', when_kind deadline" in lines
    assert "ledger/claims.csv:11: basis per_brigade -> kind per_unit, per brigades" in lines
    assert "ledger/claims.csv: 10 claim(s) of basis total -> kind level" in lines
    assert "ledger/datapackage.json: version 1.0.0 -> 2.0.0; claim fields of the version-2 model" in lines
    assert lines[-1].startswith("now mark parts and shares by hand") and lines[-1].endswith("validate ledger")
    assert kit.validate(v1) == []
    migrated = json.loads((v1 / "datapackage.json").read_text(encoding="utf-8"))
    assert migrated == json.loads((packaged / "datapackage.json").read_text(encoding="utf-8"))
    mine = rows((v1 / "claims.csv").read_text(encoding="utf-8"))
    curated = rows((packaged / "claims.csv").read_text(encoding="utf-8"))
    assert list(next(iter(mine.values()))) == list(next(iter(curated.values())))
    differences = {
        (claim_id, column): (row[column], curated[claim_id][column])
        for claim_id, row in mine.items()
        for column in row
        if row[column] != curated[claim_id][column]
    }
    assert differences == CURATED


def test_migrate_twice_changes_nothing(v1: Path):
    assert migrate(v1)
    before = {path.name: path.read_bytes() for path in v1.iterdir()}
    done = run_kit("migrate", "ledger")
    assert (done.returncode, done.stdout) == (0, "ledger already uses the version-2 model; nothing to do\n")
    assert {path.name: path.read_bytes() for path in v1.iterdir()} == before


def test_migrate_refuses_what_it_cannot_map_and_writes_nothing(v1: Path):
    text = V1_CLAIMS.replace(",per_brigade,", ",per_battalion,")
    (v1 / "claims.csv").write_text(text, encoding="utf-8")
    before = {path.name: path.read_bytes() for path in v1.iterdir()}
    done = run_kit("migrate", "ledger")
    assert done.returncode == 1
    assert "ledger/claims.csv:11: basis 'per_battalion' has no version-2 kind" in done.stderr
    assert "nothing was changed" in done.stderr
    assert {path.name: path.read_bytes() for path in v1.iterdir()} == before


def test_migrate_keeps_a_valid_date_and_drops_one_that_is_not(v1: Path):
    package = json.loads((v1 / "datapackage.json").read_text(encoding="utf-8"))
    package["article"]["published"] = "garbage date 99"
    (v1 / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    changes = migrate(v1)
    assert (
        "ledger/datapackage.json: article.published 'garbage date 99' is not an ISO 8601 date; set to null" in changes
    )
    assert kit.article(v1).published is None
    package = v1_package(kit.package())
    package["article"]["published"] = "2024-10-25"
    (v1 / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    (v1 / "claims.csv").write_text(V1_CLAIMS, encoding="utf-8")
    migrate(v1)
    assert json.loads((v1 / "datapackage.json").read_text(encoding="utf-8"))["article"]["published"] == "2024-10-25"


def test_a_figure_per_brigade_gets_brigades_declared(v1: Path):
    """A ledger that counted brigades nowhere but had a figure per brigade gets the unit it is per."""
    text = "".join(line for line in V1_CLAIMS.splitlines(keepends=True) if ",brigades," not in line)
    (v1 / "claims.csv").write_text(text, encoding="utf-8")
    package = json.loads((v1 / "datapackage.json").read_text(encoding="utf-8"))
    (claims,) = [resource for resource in package["resources"] if resource["name"] == "claims"]
    (unit,) = [spec for spec in claims["schema"]["fields"] if spec["name"] == "unit"]
    unit["constraints"]["enum"].remove("brigades")
    del package["units"]["brigades"]
    (v1 / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    changes = migrate(v1)
    assert "ledger/datapackage.json: unit brigades declared, for the figures per brigade" in changes
    grouped = "ledger/datapackage.json: unit brigades declared a group of soldiers, as the version-1 model read it"
    assert grouped in changes
    assert kit.validate(v1) == []
    assert group_units(v1) == {"brigades": "soldiers"}  # the arithmetic version 1 did, declared
    assert kit.claims(v1).set_index("claim_id").loc["zelenskyy-6000-per-brigade", "per"] == "brigades"


def test_migrate_will_not_overwrite_the_kinds_of_a_ledger_only_labelled_version_1(ledger: Path):
    """A version-2 ledger whose version says 1 keeps its curated kinds: migrate refuses, and says what to fix."""
    path = ledger / "datapackage.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"version": "2.0.0"', '"version": "1.0.0"'))
    before = {item.name: item.read_bytes() for item in ledger.iterdir()}
    done = run_kit("migrate", "ledger")
    assert done.returncode == 1 and "ledger/claims.csv already has the version-2 columns" in done.stderr
    assert {item.name: item.read_bytes() for item in ledger.iterdir()} == before


#: Every curated test ledger: the single articles and the corpus's.
TEST_LEDGERS = sorted(path.parent for path in (ROOT / "tests").glob("*/*/datapackage.json") if path.parent.parent.name
                      in ("ledgers", "corpus"))  # fmt: skip


@pytest.mark.parametrize("folder", TEST_LEDGERS, ids=lambda folder: folder.name)
def test_no_test_ledger_keeps_a_coarser_bound_than_its_words_mean(folder: Path, tmp_path: Path) -> None:
    """ "more than" is recorded as more_than, "nearly" as nearly: ``kit migrate`` finds no bound to upgrade on a copy
    (it upgraded crossings' "nearly $90 million", wildfire's "more than 40,000" and the Courier's "more than 2,000")."""
    copy_of = tmp_path / folder.name
    shutil.copytree(folder, copy_of)
    assert migrate(copy_of) == []
