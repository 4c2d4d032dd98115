"""Every problem is one line, whatever a ledger's keys and values hold. Found by the random-damage property test
(tests/test_properties.py) in one order of the suite: a data-package key holding a carriage return gave a problem
whose column broke the line."""

from __future__ import annotations

import json
import shutil

from shared import ROOT

import kit
from kit.ledger.text import bounded


def test_a_message_keeps_to_one_line() -> None:
    assert bounded("resources.claims.primaryKey.1.\r") == "resources.claims.primaryKey.1.\\r"
    assert bounded("a\nb\x00c d") == "a\\nb\\x00c d"


def test_a_package_key_with_a_line_break_gives_a_one_line_problem(tmp_path) -> None:
    ledger = shutil.copytree(ROOT / "tests" / "ledgers" / "camp", tmp_path / "camp")
    package = json.loads((ledger / "datapackage.json").read_text(encoding="utf-8"))
    package["keywords"] = {"line\r\nbreak": "x"}
    (ledger / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    problems = kit.validate(ledger)
    assert problems
    assert all("\n" not in str(problem) and "\r" not in str(problem) for problem in problems)
