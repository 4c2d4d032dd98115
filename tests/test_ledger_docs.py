"""The column tables in kit/data/README.md are what kit/data/datapackage.json says, so neither drifts alone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kit.ledger.docs import END, START, allowed, main, rewrite
from kit.paths import DEFAULT_LEDGER

README = DEFAULT_LEDGER / "README.md"


def packaged() -> dict:
    return json.loads((DEFAULT_LEDGER / "datapackage.json").read_text(encoding="utf-8"))


def test_readme_tables_are_generated_from_the_data_package():
    """Fails when one is edited without the other: run ``python -m kit.ledger.docs`` to rewrite the tables."""
    readme = README.read_text(encoding="utf-8")
    assert rewrite(readme, packaged()) == readme


def test_a_changed_definition_changes_only_the_tables(ledger_copy: Path):
    """The generator rewrites the text between the markers from the package and leaves the rest as written."""
    shutil.copy(README, ledger_copy / "README.md")
    package = packaged()
    (claims,) = [resource for resource in package["resources"] if resource["name"] == "claims"]
    claims["schema"]["fields"][0]["description"] = "A new | definition."
    claims["schema"]["fields"][0]["constraints"] = {"required": True, "unique": True, "pattern": "[a-z]+"}
    (ledger_copy / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    assert main([str(ledger_copy)]) == 0
    before, after = README.read_text(encoding="utf-8"), (ledger_copy / "README.md").read_text(encoding="utf-8")
    assert "| `claim_id` | string | yes | unique matches `[a-z]+` | A new \\| definition. |" in after
    assert before.split(START)[0] == after.split(START)[0] and before.split(END)[1] == after.split(END)[1]
    assert main([str(ledger_copy)]) == 0 and (ledger_copy / "README.md").read_text(encoding="utf-8") == after


def test_no_markers_no_rewrite(ledger_copy: Path, capsys: pytest.CaptureFixture[str]):
    (ledger_copy / "README.md").write_text("# A ledger\n", encoding="utf-8")
    assert main([str(ledger_copy)]) == 1
    assert (ledger_copy / "README.md").read_text(encoding="utf-8") == "# A ledger\n"
    assert START in capsys.readouterr().err


def test_an_unsound_package_is_not_documented(ledger_copy: Path, capsys: pytest.CaptureFixture[str]):
    shutil.copy(README, ledger_copy / "README.md")
    (ledger_copy / "datapackage.json").write_text("{", encoding="utf-8")
    assert main([str(ledger_copy)]) == 1
    assert (ledger_copy / "README.md").read_bytes() == README.read_bytes()
    assert "not valid JSON" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        ({"required": True, "unique": True, "pattern": "[a-z0-9]+(-[a-z0-9]+)*"}, "unique slug"),
        ({"unique": True}, "unique"),
        ({"enum": ["yes", "no"]}, "`yes`, `no`"),
        ({"minimum": -90, "maximum": 90}, "-90..90"),
        ({"minimum": 1}, "1.."),
        ({"maximum": 100}, "..100"),
        ({"pattern": "[A-Z]{2}"}, "matches `[A-Z]{2}`"),
        ({"required": True}, ""),
    ],
)
def test_allowed_values_in_words(rules: dict, expected: str):
    assert allowed(rules) == expected
