"""Primary and foreign keys are checked as the ledger's datapackage.json declares them, not as the kit assumes.

Each test changes the keys of a ledger copy's data package and watches what the validator checks change
with it. Malformed key declarations are cases of the broken-ledger corpus (tests/broken/*-datapackage.yaml).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from shared import edit_csv

import kit


def change_package(ledger: Path, change: Callable[[dict[str, dict]], None]) -> None:
    """Apply change to the package's resources, given by name, and write the package back."""
    path = ledger / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    change({resource["name"]: resource for resource in package["resources"]})
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def shown(ledger: Path) -> list[str]:
    return [str(problem) for problem in kit.validate(ledger)]


CLAIMANT_ERROR = "ledger/claims.csv:4: claimant: 'us-kirbi' is not a source_id in sources.csv"
PLACE_ERROR = "ledger/claims.csv:3: place_id: 'kurskk' is not a place_id in places.csv"
UNUSED_WARNING = (
    "ledger/sources.csv:10: source_id: warning: 'us-kirby' is not used by any claim; "
    "delete the source or add the claim it states"
)


def test_a_foreign_key_dropped_is_no_longer_checked_and_one_added_is(ledger: Path):
    edit_csv(ledger / "claims.csv", "us-kirby,arrived", "us-kirbi,arrived")
    edit_csv(ledger / "claims.csv", ",deploying,kursk,", ",deploying,kurskk,")
    assert shown(ledger) == [PLACE_ERROR, CLAIMANT_ERROR, UNUSED_WARNING]

    change_package(ledger, lambda resources: resources["claims"]["schema"].pop("foreignKeys"))
    assert shown(ledger) == [UNUSED_WARNING]  # an unused source is the kit's own rule, not a key

    # Frictionless allows a key of one field to be written as a plain string.
    key = {"fields": "claimant", "reference": {"resource": "sources", "fields": "source_id"}}
    change_package(ledger, lambda resources: resources["claims"]["schema"].update(foreignKeys=[key]))
    assert shown(ledger) == [CLAIMANT_ERROR, UNUSED_WARNING]


def test_a_foreign_key_of_several_fields_matches_whole_rows(ledger: Path):
    key = {"fields": ["claimant", "place_id"], "reference": {"resource": "sources", "fields": ["source_id", "name"]}}
    change_package(ledger, lambda resources: resources["claims"]["schema"].update(foreignKeys=[key]))
    errors = [problem for problem in kit.validate(ledger) if problem.severity == "error"]
    assert len(errors) == kit.claims()["place_id"].notna().sum() > 0
    assert {problem.column for problem in errors} == {"claimant"}
    assert str(errors[0]) == (
        "ledger/claims.csv:2: claimant: ('ua-budanov', 'eastern-russia') is not a (source_id, name) in sources.csv"
    )


def test_a_foreign_key_may_refer_to_its_own_table(ledger: Path):
    key = {"fields": ["name"], "reference": {"resource": "", "fields": ["as_written"]}}
    change_package(ledger, lambda resources: resources["places"]["schema"].update(foreignKeys=[key]))
    assert shown(ledger) == []
    edit_csv(ledger / "places.csv", "kyiv,Kyiv,", "kyiv,KYIV,")
    assert shown(ledger) == [
        "ledger/places.csv:8: name: 'KYIV' is not a as_written in places.csv; ids are case-sensitive: write 'Kyiv'"
    ]


def test_a_primary_key_of_several_fields_is_unique_as_a_whole(ledger: Path):
    change_package(ledger, lambda resources: resources["places"]["schema"].update(primaryKey=["name", "located_at"]))
    assert shown(ledger) == [
        "ledger/places.csv:16: name: duplicate primary key ('Vladivostok', 'city of Vladivostok') (first on line 15)"
    ]


def test_a_primary_key_of_one_field_makes_it_unique(ledger: Path):
    def not_unique(resources: dict[str, dict]) -> None:
        (text,) = [spec for spec in resources["nonfigures"]["schema"]["fields"] if spec["name"] == "text"]
        text["constraints"] = {"required": True}

    change_package(ledger, not_unique)
    with (ledger / "nonfigures.csv").open("a", encoding="utf-8") as handle:
        handle.write("0 Comments,pasted twice\n")
    assert shown(ledger) == ["ledger/nonfigures.csv:5: text: duplicate '0 Comments' (first on line 2)"]
    change_package(ledger, lambda resources: resources["nonfigures"]["schema"].pop("primaryKey"))
    assert shown(ledger) == []
