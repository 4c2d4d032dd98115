"""Every broken ledger in tests/broken/ gets exactly the messages its case file expects.

A case file (YAML) names the edits that break a copy of the packaged ledger, the way
spreadsheets and hurried hands break them, and lists the exact ``PATH:LINE: COLUMN: message``
lines the validator must print: an empty list means the kit accepts the file. The ledger is
copied to ``ledger/`` under a temporary working folder, so every expected path starts with
``ledger/``. Adding a case is adding a file; see tests/broken/README.md.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from shared import kit_command

import kit
from kit.ledger import TABLES
from kit.ledger.problems import lines_before

ROOT = Path(__file__).resolve().parents[1]
CASES = sorted((Path(__file__).parent / "broken").glob("*.yaml"))
OPERATIONS = {
    "replace",
    "write",
    "delete",
    "encoding",
    "line_endings",
    "delimiter",
    "prepend",
    "append",
    "suffix_lines",
    "drop_column",
    "move_column",
    "symlink",
}


def load(case: Path) -> dict:
    data = yaml.safe_load(case.read_text(encoding="utf-8"))
    assert set(data) <= {"about", "edits", "expect", "cli"}, f"{case.name}: unknown keys"
    assert isinstance(data["about"], str) and data["about"].strip(), f"{case.name}: say what the case is about"
    assert isinstance(data["expect"], list), f"{case.name}: expect is a list of lines"
    return data


def rewrite_csv(path: Path, change) -> None:
    """Rewrite a table through the csv module, so quoting stays right, with change applied to its rows."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(change(rows))
    path.write_text(out.getvalue(), encoding="utf-8", newline="")


def apply(folder: Path, edit: dict) -> None:
    """Apply one edit of a case file to the ledger copy in folder."""
    path = folder / edit["file"]
    (operation,) = set(edit) - {"file", "count"}
    assert operation in OPERATIONS, operation
    argument = edit[operation]
    if operation == "replace":
        old, new = argument
        text = path.read_text(encoding="utf-8")
        count = edit.get("count", 1)
        assert text.count(old) >= count, f"{old!r} is not in {edit['file']}"
        path.write_text(text.replace(old, new, count), encoding="utf-8", newline="")
    elif operation == "write":
        path.write_text(argument, encoding="utf-8", newline="")
    elif operation == "delete":
        path.unlink()
    elif operation == "encoding":
        path.write_bytes(path.read_text(encoding="utf-8").encode(argument))
    elif operation == "line_endings":
        path.write_bytes(path.read_bytes().replace(b"\n", argument.encode()))
    elif operation == "delimiter":
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        out = io.StringIO()
        csv.writer(out, delimiter=argument, lineterminator="\n").writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8", newline="")
    elif operation == "prepend":
        path.write_text(argument + path.read_text(encoding="utf-8"), encoding="utf-8", newline="")
    elif operation == "append":
        path.write_text(path.read_text(encoding="utf-8") + argument, encoding="utf-8", newline="")
    elif operation == "suffix_lines":
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text("".join(line + argument + "\n" for line in lines), encoding="utf-8", newline="")
    elif operation == "drop_column":
        rewrite_csv(
            path, lambda rows: [[c for n, c in zip(rows[0], row, strict=True) if n != argument] for row in rows]
        )
    elif operation == "move_column":
        name, position = argument

        def move(rows: list[list[str]]) -> list[list[str]]:
            index = rows[0].index(name)
            moved = []
            for row in rows:
                rest = row[:index] + row[index + 1 :]
                moved.append(rest[:position] + [row[index]] + rest[position:])
            return moved

        rewrite_csv(path, move)
    elif operation == "symlink":
        path.unlink()
        path.symlink_to(argument)


def lines_in(path: Path) -> int:
    """How many lines an editor shows for a file; 1 for a missing or empty one."""
    if not path.is_file():
        return 1
    data = path.read_bytes()
    return lines_before(data, len(data))


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_case(case: Path, ledger: Path):
    data = load(case)
    for edit in data["edits"]:
        apply(ledger, edit)
    problems = kit.validate("ledger")
    assert [str(problem) for problem in problems] == data["expect"]
    for problem in problems:
        assert 1 <= problem.line <= lines_in(Path(problem.path)), problem
    errors = [problem for problem in problems if problem.severity == "error"]
    if errors:
        with pytest.raises(kit.LedgerError) as caught:
            kit.claims("ledger")
        assert caught.value.problems == errors
    else:
        assert list(kit.claims("ledger").columns)[0] == "claim_id"
    if data.get("cli"):  # the command's own lines (the real entry point: the test after test_corpus_is_broad)
        done = kit_command("validate", "ledger")
        assert done.stdout.splitlines() == data["expect"]
        assert (done.returncode, done.stderr) == (1 if errors else 0, "")


def test_corpus_is_broad():
    """At least 30 cases, and each table, the seed and the data package is broken by some case."""
    cases = [load(case) for case in CASES]
    assert len(cases) >= 30
    touched = {edit["file"] for case in cases for edit in case["edits"]}
    assert {f"{name}.csv" for name in TABLES} | {"datapackage.json", "000_1ed963706c63bb85.txt"} <= touched
    accepted = [case for case in cases if not case["expect"]]
    assert 0 < len(accepted) < len(cases) / 2
    assert any(line.split(": ", 2)[2].startswith("warning: ") for case in cases for line in case["expect"])
    assert sum(1 for case in cases if case.get("cli")) >= 2


def test_packaged_ledger_is_silent_from_the_repository_root():
    """``python -m kit validate`` on the packaged ledger prints nothing and exits 0."""
    done = subprocess.run([sys.executable, "-m", "kit", "validate"], cwd=ROOT, capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_paths_are_relative_inside_the_working_folder(ledger: Path, monkeypatch: pytest.MonkeyPatch):
    """Inside the working folder a path is shown relative to it; outside, as given."""
    (ledger / "sources.csv").unlink()
    assert [str(p) for p in kit.validate(ledger)] == ["ledger/sources.csv:1: -: table file is missing"]
    elsewhere = ledger.parent / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert [str(p) for p in kit.validate(ledger)] == [f"{ledger}/sources.csv:1: -: table file is missing"]
