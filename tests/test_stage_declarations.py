"""A ledger declares how its stages relate (``includes``) and read (``words``) on its claims field ``stage``; the
kit knows no article's stages. A declaration that does not map values of the field's own enum is an error that
says what to write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kit
from kit.analysis import stage_declarations


def _stage_spec(package: dict) -> dict:
    (claims,) = [resource for resource in package["resources"] if resource["name"] == "claims"]
    (spec,) = [spec for spec in claims["schema"]["fields"] if spec["name"] == "stage"]
    return spec


def test_the_packaged_ledger_declares_its_stages() -> None:
    includes, words = stage_declarations()
    assert includes == {"arrived": frozenset({"training", "deploying"})}
    assert words == {"training": "in training"}


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("includes", {"arrived": ["landed"]}, "includes must map a value of the field's enum to a list of its other"),
        ("includes", {"arrived": ["arrived"]}, "includes must map a value of the field's enum to a list of its other"),
        ("includes", ["arrived"], "includes must map a value of the field's enum to a list of its other"),
        ("words", {"training": ""}, "words must map a value of the field's enum to the words it reads as"),
        ("words", {"landed": "landed"}, "words must map a value of the field's enum to the words it reads as"),
    ],
)
def test_a_declaration_outside_the_enum_is_an_error(ledger_copy: Path, key: str, value: object, message: str) -> None:
    package = json.loads((ledger_copy / "datapackage.json").read_text(encoding="utf-8"))
    _stage_spec(package)[key] = value
    (ledger_copy / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    said = [str(problem) for problem in kit.validate(ledger_copy)]
    assert any("datapackage.json:" in line and "claims.stage" in line and message in line for line in said), said


def test_the_packaged_ledger_declares_the_distances_its_map_gives(ledger_copy: Path) -> None:
    from kit.analysis import distances_between_roles
    from kit.report.titles import map_title

    declared = distances_between_roles()
    assert len(declared) > 0 and set(declared["from_words"]) == {"training bases"}
    assert map_title(declared).startswith("Training bases lie ")
    package = json.loads((ledger_copy / "datapackage.json").read_text(encoding="utf-8"))
    (places,) = [resource for resource in package["resources"] if resource["name"] == "places"]
    (role,) = [spec for spec in places["schema"]["fields"] if spec["name"] == "role"]
    del role["distances"]
    (ledger_copy / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    assert distances_between_roles(ledger_copy).empty  # the kit knows no article's place roles
    assert map_title(distances_between_roles(ledger_copy)) == "Places the article names"
    role["distances"] = {"from": "training_base", "to": "harbour"}
    (ledger_copy / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    said = " ".join(str(problem) for problem in kit.validate(ledger_copy))
    assert "places.role" in said and "distances must name two values of the field's enum" in said


def test_one_distance_is_titled_as_one() -> None:
    """Found on a made-up mine rescue report: "The mine lie 10 to 10 km from Grenholt"."""
    import pandas as pd

    from kit.report.titles import map_title

    one = pd.DataFrame(
        {"km_rounded": [10], "from": ["Brackwater colliery"], "from_words": ["the mine"], "to": ["Grenholt"]}
    )
    assert map_title(one) == "Brackwater colliery lies 10 km from Grenholt"
    two = pd.DataFrame({"km_rounded": [10, 30], "from": ["Alder pit", "Birch pit"], "from_words": ["the mines"] * 2,
                        "to": ["Grenholt"] * 2})  # fmt: skip
    assert map_title(two) == "The mines lie 10 to 30 km from Grenholt"


def test_a_short_distance_is_rounded_to_the_km() -> None:
    """The same mine rescue's map gave 10 km for the 12 km the article states, between points the curator placed
    12 km apart: distances under 100 km are rounded to the km, longer ones to 10 km."""
    from kit.analysis import round_km

    assert [round_km(km) for km in (12.2, 96.4, 134.0, 1134.0)] == [12, 96, 130, 1130]
