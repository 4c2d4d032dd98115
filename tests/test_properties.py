"""Random damage to a valid ledger never crashes the validator and never slips through.

Hypothesis edits a copy of the packaged ledger (cells, rows, raw bytes, files, the data
package) and checks what must hold for any input: ``kit.validate`` returns problems and
raises nothing; ``kit.claims`` raises nothing but ``kit.LedgerError``, carrying exactly the
errors ``validate`` found; every problem points at a line the file has; and a ledger the
kit accepts has every quote in its article. Runs are derandomized and bounded, so CI
sees the same examples every time.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from shared import examples

import kit
from kit.ledger import TABLES, dates
from kit.ledger.model import KIT_ENUMS
from kit.ledger.problems import lines_before
from kit.paths import DEFAULT_LEDGER

SEED = "000_1ed963706c63bb85.txt"
TABLE_FILES = ("claims.csv", "sources.csv", "places.csv", "nonfigures.csv")
FILES = (*TABLE_FILES, "datapackage.json", SEED)
ORIGINAL = {name: (DEFAULT_LEDGER / name).read_bytes() for name in FILES}
ARTICLE = ORIGINAL[SEED].decode("utf-8")
CLAIM_ROWS = list(csv.reader(io.StringIO(ORIGINAL["claims.csv"].decode("utf-8"))))
CLAIM_COLUMNS = CLAIM_ROWS[0]

#: Cell values that spreadsheets, locales and hurried hands produce.
TRICKY = [
    "",
    " ",
    "12,000",
    "11000",
    "1e4",
    "1E+04",
    "NaN",
    "inf",
    "-1",
    "2600.5",
    "101",
    "9" * 400,
    "\u0661\u0662",
    "\u2019",
    "'",
    '"',
    '""',
    "\n",
    "\r\n",
    "\r",
    ";",
    ",",
    "\t",
    "\ufeff",
    "\u200b",
    "\u00a0",
    "\x00",
    "\ufffd",
    "November 1",
    "1-Nov",
    "Kursk",
    "kursk",
    "us-kirby",
    "US-KIRBY",
    "troops",
    "four",
    "$400 million",
    "78%",
    "Russia's Far East",
    "Russia\u2019s Far East",
    "sep=,",
    "11 to 12,000",
    "range",
    "part",
    "share",
    "per_unit",
    "deadline",
    "forecast",
    "by November 1",
    "2024-11",
    "2024-11-31",
    "2024-11-01/2024-10-01",
    "garbage date 99",
    "nk-soldiers-in-russia",
    "brigades",
]
cells = st.one_of(st.sampled_from(TRICKY), st.text(max_size=12))
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=8)
    | st.sampled_from(["string", "number", "integer", "claims.csv", SEED, "../x", "[a-z]+", "(", 0, 100, -90]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=6,
)
SETTINGS = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=examples(150),
    suppress_health_check=[HealthCheck.too_slow],
)

Edit = Callable[[Path], None]


def read_rows(path: Path) -> list[list[str]] | None:
    """A table's rows as the csv module reads them; None when an earlier edit left nothing to read."""
    if not path.is_file():
        return None
    try:
        return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8", "surrogateescape"), newline="")))
    except csv.Error:
        return None


def write_rows(path: Path, rows: list[list[str]], quoted: bool = True) -> None:
    if quoted:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        text = out.getvalue()
    else:
        text = "".join(",".join(row) + "\n" for row in rows)
    path.write_bytes(text.encode("utf-8", "surrogateescape"))


@st.composite
def cell_edits(draw: st.DrawFn) -> Edit:
    """One cell (header included) set to a tricky or random value, quoted properly or not."""
    name = draw(st.sampled_from(TABLE_FILES))
    rows = list(csv.reader(io.StringIO(ORIGINAL[name].decode("utf-8"))))
    row = draw(st.integers(0, len(rows) - 1))
    column = draw(st.integers(0, len(rows[0]) - 1))
    value, quoted = draw(cells), draw(st.booleans())

    def edit(folder: Path) -> None:
        table = read_rows(folder / name)
        if table is None:
            return
        if row < len(table) and column < len(table[row]):
            table[row][column] = value
        write_rows(folder / name, table, quoted)

    return edit


@st.composite
def row_edits(draw: st.DrawFn) -> Edit:
    """A line deleted, doubled, swapped with the next, or a blank or random line inserted."""
    name = draw(st.sampled_from(TABLE_FILES))
    operation = draw(st.sampled_from(["delete", "double", "swap", "blank", "insert"]))
    where = draw(st.integers(0, 20))
    text = draw(cells)

    def edit(folder: Path) -> None:
        if not (folder / name).is_file():
            return
        lines = (folder / name).read_bytes().decode("utf-8", "surrogateescape").split("\n")
        index = where % len(lines)
        if operation == "delete":
            del lines[index]
        elif operation == "double":
            lines.insert(index, lines[index])
        elif operation == "swap" and index + 1 < len(lines):
            lines[index], lines[index + 1] = lines[index + 1], lines[index]
        elif operation == "blank":
            lines.insert(index, "")
        else:
            lines.insert(index, text)
        (folder / name).write_bytes("\n".join(lines).encode("utf-8", "surrogateescape"))

    return edit


@st.composite
def byte_edits(draw: st.DrawFn) -> Edit:
    """Raw bytes deleted and inserted at one place in any file, seed and data package included."""
    name = draw(st.sampled_from(FILES))
    where = draw(st.floats(0, 1))
    cut = draw(st.integers(0, 3))
    insert = draw(st.binary(max_size=4) | st.sampled_from([b"\xef\xbb\xbf", b"\r", b"\x92", b"\x00", b'"', b","]))

    def edit(folder: Path) -> None:
        if not (folder / name).is_file():
            return
        data = (folder / name).read_bytes()
        at = int(where * len(data))
        (folder / name).write_bytes(data[:at] + insert + data[at + cut :])

    return edit


@st.composite
def file_edits(draw: st.DrawFn) -> Edit:
    """A whole file deleted, emptied, re-encoded or given other line endings."""
    name = draw(st.sampled_from(FILES))
    operation = draw(st.sampled_from(["delete", "empty", "utf-16", "cp1252", "crlf", "cr", "bom"]))

    def edit(folder: Path) -> None:
        path = folder / name
        if not path.exists():
            return
        data = path.read_bytes()
        if operation == "delete":
            path.unlink()
        elif operation == "empty":
            path.write_bytes(b"")
        elif operation in ("utf-16", "cp1252"):
            path.write_bytes(data.decode("utf-8", "replace").encode(operation, "replace"))
        elif operation == "crlf":
            path.write_bytes(data.replace(b"\n", b"\r\n"))
        elif operation == "cr":
            path.write_bytes(data.replace(b"\n", b"\r"))
        else:
            path.write_bytes(b"\xef\xbb\xbf" + data)

    return edit


@st.composite
def package_edits(draw: st.DrawFn) -> Edit:
    """One value somewhere in datapackage.json replaced, or one key deleted."""
    package = json.loads(ORIGINAL["datapackage.json"])
    steps: list[str | int] = []
    node = package
    while isinstance(node, dict | list) and node and draw(st.integers(0, 5)) > 0:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        key = draw(st.sampled_from(keys))
        steps.append(key)
        node = node[key]
    delete = bool(steps) and draw(st.booleans())
    value = draw(json_values)

    def edit(folder: Path) -> None:
        path = folder / "datapackage.json"
        if not path.exists():
            return
        try:
            current = json.loads(path.read_bytes())
        except ValueError:
            return
        parent = current
        try:
            for step in steps[:-1]:
                parent = parent[step]
            if not steps:
                current = value
            elif delete:
                del parent[steps[-1]]
            else:
                parent[steps[-1]] = value
        except (KeyError, IndexError, TypeError):
            return
        path.write_text(json.dumps(current, indent=2), encoding="utf-8")

    return edit


PACKAGED = json.loads(ORIGINAL["datapackage.json"])
FIELD_NAMES = sorted(
    {spec["name"] for resource in PACKAGED["resources"] for spec in resource.get("schema", {}).get("fields", [])}
)
key_fields = st.sampled_from([*FIELD_NAMES, "nope", ""]) | st.lists(st.sampled_from(FIELD_NAMES), max_size=3)
foreign_key = st.fixed_dictionaries(
    {
        "fields": key_fields,
        "reference": st.fixed_dictionaries(
            {"resource": st.sampled_from([*TABLES, "", "article", "nope"]), "fields": key_fields}
        ),
    }
)


@st.composite
def key_edits(draw: st.DrawFn) -> Edit:
    """A table's primary or foreign keys dropped, or replaced by keys that point anywhere, or by any JSON."""
    table = draw(st.sampled_from(TABLES))
    which = draw(st.sampled_from(["primaryKey", "foreignKeys"]))
    value = draw(st.none() | key_fields | st.lists(foreign_key | json_values, max_size=3) | json_values)

    def edit(folder: Path) -> None:
        path = folder / "datapackage.json"
        try:
            package = json.loads(path.read_bytes())
            (resource,) = [resource for resource in package["resources"] if resource.get("name") == table]
            if value is None:
                del resource["schema"][which]
            else:
                resource["schema"][which] = value
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return
        path.write_text(json.dumps(package, indent=2), encoding="utf-8")

    return edit


edits = st.lists(
    st.one_of(cell_edits(), row_edits(), byte_edits(), file_edits(), package_edits(), key_edits()),
    min_size=1,
    max_size=3,
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One ledger copy per module, restored before every example (fast, and the cache must still notice)."""
    return tmp_path_factory.mktemp("properties") / "ledger"


def restore(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, data in ORIGINAL.items():
        (folder / name).write_bytes(data)


def lines_in(path: Path) -> int:
    """How many lines an editor shows for a file; 1 for a missing or empty one."""
    if not path.is_file():
        return 1
    data = path.read_bytes()
    return lines_before(data, len(data))


def article_of(folder: Path) -> str:
    """The text of the article the (accepted) data package names."""
    package = json.loads((folder / "datapackage.json").read_bytes().decode("utf-8-sig"))
    return (folder / package["article"]["path"]).read_bytes().decode("utf-8-sig")


def check_invariants(folder: Path) -> list[kit.Problem]:
    problems = kit.validate(folder)
    assert all(isinstance(problem, kit.Problem) for problem in problems)
    for problem in problems:
        assert problem.severity in ("error", "warning"), problem
        assert 1 <= problem.line <= lines_in(Path(problem.path)), problem
        assert "\n" not in str(problem) and "\r" not in str(problem), problem
    errors = [problem for problem in problems if problem.severity == "error"]
    try:
        claims = kit.claims(folder)
    except kit.LedgerError as caught:
        assert errors and caught.problems == errors
        return problems
    assert not errors
    article = article_of(folder)
    for quote, written in zip(claims["quote"], claims["as_written"], strict=True):
        assert quote in article and written in quote
    assert all(text in article for text in kit.places(folder)["as_written"])
    assert all(text in article for text in kit.nonfigures(folder)["text"])
    assert claims["value"].notna().all()
    return problems


@SETTINGS
@given(edits)
def test_random_damage_is_reported_never_raised(folder: Path, damage: list[Edit]):
    restore(folder)
    for edit in damage:
        edit(folder)
    check_invariants(folder)


@SETTINGS
@given(
    row=st.integers(1, len(CLAIM_ROWS) - 1),
    where=st.floats(0, 1),
    cut=st.integers(0, 2),
    insert=st.text(max_size=2) | st.sampled_from(["'", "\u2019", "\u00a0", " ", '"', "\u201c"]),
)
def test_a_quote_not_in_the_article_is_an_error_on_its_line(
    folder: Path, row: int, where: float, cut: int, insert: str
):
    """However a quote is changed, if the article no longer holds it, its line gets a quote error."""
    restore(folder)
    rows = [list(cells) for cells in CLAIM_ROWS]
    column = CLAIM_COLUMNS.index("quote")
    quote = rows[row][column]
    at = int(where * len(quote))
    changed = quote[:at] + insert + quote[at + cut :]
    assume(changed and changed not in ARTICLE and not re.search(r"[\x00\r\n]", changed))
    rows[row][column] = changed
    write_rows(folder / "claims.csv", rows)
    problems = check_invariants(folder)
    assert any(
        (problem.line, problem.column, problem.severity) == (row + 1, "quote", "error") for problem in problems
    ), problems


@SETTINGS
@given(
    row=st.integers(1, len(CLAIM_ROWS) - 1),
    value=cells | st.from_regex(r"-?[0-9]{1,12}(\.[0-9]{1,3})?", fullmatch=True),
)
def test_a_value_is_accepted_only_as_the_plain_number_the_article_means(folder: Path, row: int, value: str):
    """Anything in value other than the plain number as_written means is an error on that row."""
    restore(folder)
    rows = [list(cells) for cells in CLAIM_ROWS]
    column = CLAIM_COLUMNS.index("value")
    original = float(rows[row][column])
    rows[row][column] = value
    write_rows(folder / "claims.csv", rows)
    problems = check_invariants(folder)
    flagged = any(problem.line == row + 1 and problem.severity == "error" for problem in problems)
    plain = re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", value) is not None
    assert flagged or (plain and float(value) == original), (value, problems)


def set_cell(folder: Path, row: int, column: str, value: str) -> None:
    rows = [list(cells) for cells in CLAIM_ROWS]
    rows[row][CLAIM_COLUMNS.index(column)] = value
    write_rows(folder / "claims.csv", rows)


def errors_on(problems: list[kit.Problem], line: int) -> list[kit.Problem]:
    return [problem for problem in problems if problem.line == line and problem.severity == "error"]


@SETTINGS
@given(
    row=st.integers(1, len(CLAIM_ROWS) - 1),
    value=cells
    | st.from_regex(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?(/[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?", fullmatch=True),
)
def test_a_when_is_accepted_only_as_a_period_on_the_calendar(folder: Path, row: int, value: str):
    """Whatever is typed into when, the row is flagged unless it is empty or an ISO 8601 period that exists."""
    restore(folder)
    set_cell(folder, row, "when", value)
    flagged = errors_on(check_invariants(folder), row + 1)
    try:
        sound = value == "" or dates.period(value) is not None
    except ValueError:
        sound = False
    assert bool(flagged) != sound or "\n" in value or "\r" in value, (value, flagged)


@SETTINGS
@given(row=st.integers(1, len(CLAIM_ROWS) - 1), bound=st.sampled_from(KIT_ENUMS["claims"]["bound"]))
def test_a_bound_is_accepted_only_when_the_words_allow_it(folder: Path, row: int, bound: str):
    """Each packaged quote allows exactly one bound: any other is an error on that row, in column bound or, for a
    range, in the columns a range needs."""
    restore(folder)
    original = CLAIM_ROWS[row][CLAIM_COLUMNS.index("bound")]
    set_cell(folder, row, "bound", bound)
    flagged = errors_on(check_invariants(folder), row + 1)
    assert bool(flagged) == (bound != original), (bound, flagged)
    assert bound == original or any(problem.column == "bound" for problem in flagged)


def test_cache_sees_an_edit_of_the_same_size_and_time(folder: Path):
    """The loader caches by content, so an edit that keeps a file's size and mtime is still seen."""
    restore(folder)
    path = folder / "claims.csv"
    assert kit.validate(folder) == []
    before = path.stat()
    path.write_bytes(path.read_bytes().replace(b"78,,percent", b"79,,percent"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert [problem.column for problem in kit.validate(folder)] == ["value"]
    path.write_bytes(ORIGINAL["claims.csv"])
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert kit.validate(folder) == []
