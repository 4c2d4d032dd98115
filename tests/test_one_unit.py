"""One quantity, one unit (kit/ledger/one_unit.py). Found on a real refugee report curated as a user would: a headline's
"39 thousand-people" beside the body's "about 40,000 people" in one quantity was reconciled as "between 36,000 and
44,000 thousand people" (36 to 44 million), and one of the two was left off the estimates chart."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from shared import ROOT, edit_csv, rewrite_article

import kit

PORT = ROOT / "tests" / "ledgers" / "port"


def _unit_errors(ledger: Path) -> list[str]:
    return [problem.message for problem in kit.validate(ledger) if problem.column == "unit"]


def test_a_second_unit_in_one_quantity_is_an_error_naming_the_first(tmp_path: Path) -> None:
    copy = shutil.copytree(PORT, tmp_path / "port")
    assert _unit_errors(copy) == []
    row = "berg-nearly-2500-walked-out,economy,workers-on-strike,level,,,2500,,workers,nearly"
    edit_csv(copy / "claims.csv", row, row.replace(",workers,nearly", ",people,nearly"))
    (message,) = _unit_errors(copy)  # on the one odd line, not on the two in the unit most claims use
    assert message.startswith("quantity 'workers-on-strike' (level) is counted in workers (line 5) and in people here")
    assert "one quantity is counted in one unit" in message and "give it a quantity of its own" in message


def test_a_change_may_be_in_percent_beside_the_quantitys_own_unit() -> None:
    """A rise of 12% and a rise of 300 workers: two ways of stating one change, not two units of one count."""
    from kit.ledger.lines import Table
    from kit.ledger.one_unit import check_one_unit
    from kit.ledger.problems import Checker

    rows = [
        (2, {"quantity": "staff", "kind": "rise", "unit": "percent"}),
        (3, {"quantity": "staff", "kind": "rise", "unit": "workers"}),
        (4, {"quantity": "staff", "kind": "level", "unit": "workers"}),
        (5, {"quantity": "staff", "kind": "rise", "unit": "people"}),
    ]
    checker = Checker(Path("ledger"))
    check_one_unit(checker, Table("claims", Path("ledger/claims.csv"), [], rows))
    assert [(problem.line, problem.column) for problem in checker.problems] == [(5, "unit")]


def test_every_committed_ledger_counts_each_quantity_in_one_unit() -> None:
    folders = [ROOT / "kit" / "data", *sorted(path.parent for path in (ROOT / "tests").glob("*/*/datapackage.json"))]
    assert [str(folder) for folder in folders if _unit_errors(folder)] == []


@pytest.mark.parametrize(("written", "value"), [("39.000", "39000"), ("39.000", "39"), ("1.250.000", "1250000")])
def test_thousands_set_off_by_points_are_recorded_as_the_article_means_them(
    tmp_path: Path, written: str, value: str
) -> None:
    """Found on the same real report: its headline printed "39.000" for the 39,000 its body rounds to "about 40,000",
    and the validator allowed only 39, so the curator had to invent a unit of thousands."""
    copy = shutil.copytree(PORT, tmp_path / "port")
    text = (copy / "article.txt").read_text(encoding="utf-8").rstrip("\n")
    rewrite_article(copy, text + f"\n\nThe union said {written} workers had signed its petition.\n")
    row = "berg-nearly-2500-walked-out,economy,workers-on-strike,level,,,2500,,workers,nearly"
    lines = (copy / "claims.csv").read_text(encoding="utf-8")
    added = (
        f"union-petition,economy,petition-signatures,level,,,{value},,workers,exact,{written},dockworkers-union,,,,"
        f"2025-11-05,,workers who signed the petition,{written} workers had signed its petition,\n"
    )
    assert row in lines
    (copy / "claims.csv").write_text(lines + added, encoding="utf-8")
    assert [str(problem) for problem in kit.validate(copy) if problem.severity == "error"] == []
    wrong = added.replace(f",{value},,workers", ",390,,workers")
    (copy / "claims.csv").write_text(lines + wrong, encoding="utf-8")
    assert any(problem.severity == "error" for problem in kit.validate(copy))  # 390 is neither reading


def test_a_multiple_in_one_word_is_recorded(tmp_path: Path) -> None:
    """Found on the real report: coverage lists "more than twice as high" as a figure, and the validator refused
    "twice" every way, so the curator declared the report's main dispute a non-figure. A one-word multiple is read
    as the multiple it means and recorded in a unit of multiples the ledger declares."""
    from kit.figures import read_figure

    assert [read_figure(word) for word in ("twice", "Doubled", "tripled", "halved")] == [2, 2, 3, 0.5]
    copy = shutil.copytree(PORT, tmp_path / "port")
    text = (copy / "article.txt").read_text(encoding="utf-8").rstrip("\n")
    rewrite_article(copy, text + "\n\nThe union said the real number of idle cranes was more than twice as high.\n")
    package = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    package["units"]["times"] = {"whole": False, "minimum": 0}
    (claims,) = [resource for resource in package["resources"] if resource["name"] == "claims"]
    for field in claims["schema"]["fields"]:
        if field["name"] == "unit" and "enum" in field.get("constraints", {}):
            field["constraints"]["enum"].append("times")  # this older ledger lists its units there too
    package["quantities"]["idle-cranes-multiple"] = {"label": "idle cranes, as a multiple of the operator's count"}
    (copy / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    lines = (copy / "claims.csv").read_text(encoding="utf-8")
    (copy / "claims.csv").write_text(
        lines + "union-twice-cranes,economy,idle-cranes-multiple,level,,,2,,times,more_than,twice,dockworkers-union,,,,"
        "2025-11-05,,the real number of idle cranes as a multiple of the count,more than twice as high,\n",
        encoding="utf-8",
    )
    assert kit.validate(copy) == []


def test_a_multiple_in_words_reads_in_every_form_and_is_written_once() -> None:
    """A made-up spill story: the headline's "Triples" was listed by coverage and refused by the validator, and the
    key figures wrote "Twice times"."""
    from kit.figures import read_figure
    from kit.report.units import with_unit

    assert [read_figure(word) for word in ("Triples", "doubles", "quadruples")] == [3, 2, 4]
    assert with_unit("Twice", "times", 2.0) == "Twice" and with_unit("3", "times", 3.0) == "3 times"
