"""A sweep of hostile ledgers: no traceback, no hang, no write outside the ledger's folder, bounded messages.

Each case is the packaged ledger, copied into a temporary folder, with one field set to one hostile value:
every text field of ``datapackage.json`` and of the tables gets markup, control characters, huge and
extreme values and paths; files are replaced by links out of the folder, by a pipe, by a device and by a
loop of links. Each case is validated in this process (under an alarm, so a hang fails the test rather than
stalling it), then loaded and scanned for coverage when it is sound; a few go through the command line too,
each under a subprocess time limit. A victim file outside every ledger folder must keep its bytes, and no
case may leave a file anywhere but in its own folder. ``make check`` runs a third of the field-and-value cases
(SWEPT); ``make test`` runs them all.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from shared import kit_command, quick_share

import kit
from kit.ledger import catalog, coverage, migrate
from kit.ledger.text import LAYOUT, invisible, json_texts

ROOT = Path(__file__).resolve().parents[1]
PACKAGED = ROOT / "kit" / "data"
SEED = "000_1ed963706c63bb85.txt"
SECRET = b"victim-secret,never shown\n"
#: Seconds one case may take in this process before it counts as a hang.
CASE_LIMIT = 30

#: Text values an attacker or an unlucky paste puts in a field.
TEXTS = {
    "script": "<script>alert(1)</script>",
    "handler": '"><img src=x onerror=alert(1)>',
    "js-link": "[x](javascript:alert(1))",
    "template": "{{7*7}} ${HOME} %s %(x)s",
    "escape-codes": "\x1b[2J\x1b]0;owned\x07",
    "nul": "a\x00b",
    "rtl-override": "lanretni\u202e",
    "lone-cr": "one\rtwo",
    "huge": "A" * 200_000,
    "digits-400": "9" * 400,
    "exponent": "1e308",
    "negative-zero": "-0",
    "emoji-zwj": "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "traversal": "../../../../etc/passwd",
    "absolute": "/etc/passwd",
    "windows": "C:\\Windows\\win.ini",
    "home": "~/.ssh/id_rsa",
    "empty": "",
    "spaces": "   ",
}
#: JSON values that are not text, for fields that expect text, numbers or objects.
VALUES = {
    "float-max": 1.7976931348623157e308,
    "int-400-digits": 10**400,
    "negative": -(10**20),
    "list": ["a", ["b", {"c": None}]],
    "object": {"label": {"nested": True}},
    "null": None,
    "true": True,
}
#: datapackage.json: (keys down to the field) for every text an article or a quantity shows.
PACKAGE_FIELDS = {
    "title": ("article", "title"),
    "outlet": ("article", "outlet"),
    "byline": ("article", "byline"),
    "url": ("article", "url"),
    "language": ("article", "language"),
    "published": ("article", "published"),
    "article-path": ("article", "path"),
    "label": ("quantities", "nk-brigades", "label"),
    "description": ("description",),
    "version": ("version",),
    "units": ("units", "soldiers", "maximum"),
}
#: (table, column, claim row) cells that reach pages and sentences.
CELLS = [
    ("claims.csv", "quote", 1),
    ("claims.csv", "as_written", 1),
    ("claims.csv", "value", 1),
    ("claims.csv", "counts", 1),
    ("claims.csv", "claim_id", 1),
    ("sources.csv", "name", 1),
    ("places.csv", "latitude", 1),
]


def _set(package: dict, keys: tuple[str, ...], value: object) -> None:
    for key in keys[:-1]:
        package = package.setdefault(key, {})
    package[keys[-1]] = value


def package_edit(keys: tuple[str, ...], value: object) -> Callable[[Path], None]:
    def edit(ledger: Path) -> None:
        path = ledger / "datapackage.json"
        package = json.loads(path.read_text(encoding="utf-8"))
        _set(package, keys, value)
        if keys == ("article", "path") or keys[0] == "article":
            for resource in package["resources"]:
                resource.pop("hash", None)  # the case is about the field, not the seed's hash
        path.write_text(json.dumps(package, indent=2, ensure_ascii=False), encoding="utf-8")

    return edit


def cell_edit(table: str, column: str, row: int, value: str) -> Callable[[Path], None]:
    def edit(ledger: Path) -> None:
        path = ledger / table
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        rows[row][rows[0].index(column)] = value
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8", newline="")

    return edit


def link_edit(name: str, target: Callable[[Path], Path]) -> Callable[[Path], None]:
    def edit(ledger: Path) -> None:
        (ledger / name).unlink(missing_ok=True)
        (ledger / name).symlink_to(target(ledger))

    return edit


def fifo_edit(name: str) -> Callable[[Path], None]:
    def edit(ledger: Path) -> None:
        (ledger / name).unlink()
        os.mkfifo(ledger / name)

    return edit


def _victim(ledger: Path) -> Path:
    return ledger.parent.parent / "victim" / "victim.csv"


def cases() -> dict[str, Callable[[Path], None]]:
    """Every hostile ledger of the sweep, by name: one edit each to a copy of the packaged ledger."""
    found: dict[str, Callable[[Path], None]] = {}
    for field, keys in PACKAGE_FIELDS.items():
        for name, value in {**TEXTS, **VALUES}.items():
            found[f"package-{field}-{name}"] = package_edit(keys, value)
    for table, column, row in CELLS:
        for name, value in TEXTS.items():
            found[f"{table.removesuffix('.csv')}-{column}-{name}"] = cell_edit(table, column, row, value)
    for name in ("claims.csv", "datapackage.json", SEED, "shared-nonfigures.csv"):
        found[f"link-{name}-to-victim"] = link_edit(name, _victim)
        found[f"link-{name}-to-dev-zero"] = link_edit(name, lambda _: Path("/dev/zero"))
        found[f"link-{name}-to-itself"] = link_edit(name, lambda ledger, name=name: ledger / name)
    found["link-claims-to-parent-folder"] = link_edit("claims.csv", lambda ledger: ledger.parent)
    found["fifo-sources"] = fifo_edit("sources.csv")
    found["fifo-seed"] = fifo_edit(SEED)
    return found


CASES = cases()


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Fail, rather than stall, when the body runs longer than ``seconds`` (SIGALRM; this process's main thread)."""

    def expired(signum, frame):
        raise TimeoutError(f"a hostile ledger took more than {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def case_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Path]]:
    """(the ledger copy, the victim outside it), seen from the ledger's parent; the victim checked afterwards."""
    victim = tmp_path / "victim" / "victim.csv"
    victim.parent.mkdir()
    victim.write_bytes(SECRET)
    work = tmp_path / "work"
    shutil.copytree(PACKAGED, work / "ledger", ignore=shutil.ignore_patterns("*.md"))
    monkeypatch.chdir(work)
    yield work / "ledger", victim
    assert victim.read_bytes() == SECRET
    assert sorted(path.name for path in victim.parent.iterdir()) == ["victim.csv"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["victim", "work"]
    assert sorted(path.name for path in work.iterdir()) == ["ledger"]


def check_in_process(ledger: Path) -> list[str]:
    """Validate, then load and scan a sound ledger; every exception but LedgerError fails the sweep, and so does
    a sound ledger whose texts hold a character the invisible-character check refuses."""
    problems = kit.validate(ledger)
    for problem in problems:
        assert len(problem.message) <= 1000 and len(problem.column) <= 100, problem
        assert "victim-secret" not in str(problem)
    if any(problem.severity == "error" for problem in problems):
        with pytest.raises(kit.LedgerError):
            kit.claims(ledger)
        return [str(problem) for problem in problems]
    frames = [kit.claims_with_sources(ledger), kit.places(ledger)]
    texts = [kit.article(ledger).text, *(text for _, text in json_texts(kit.package(ledger)))]
    texts += [cell for frame in frames for column in frame for cell in frame[column] if isinstance(cell, str)]
    hidden = [text[:80] for text in texts if invisible(text, LAYOUT)]
    assert not hidden, f"a sound ledger carries invisible characters to the pages: {hidden[:3]}"
    kit.ledger.ledger_version(ledger)
    try:
        lines = coverage.report_lines(ledger)
    except ValueError as error:  # a companion file refused: a message, not a crash
        assert "victim-secret" not in str(error)
        return [str(error)]
    assert not any("victim-secret" in line for line in lines)
    return lines


#: The cases run in this process: every one in ``make test``; under the quick profile of ``make check`` every link
#: and pipe and a third of the field-and-value cases, so each field meets several values and each value several
#: fields (tests/shared.py, quick_share).
SWEPT = quick_share(sorted(CASES), always=("link-", "fifo-"))


@pytest.mark.parametrize("name", SWEPT)
def test_a_hostile_ledger_gets_messages_not_tracebacks(name: str, case_folder: tuple[Path, Path]):
    ledger, _ = case_folder
    CASES[name](ledger)
    with time_limit(CASE_LIMIT):
        check_in_process(ledger)


def test_the_sweep_reaches_every_field_every_value_and_every_link() -> None:
    fields = [f"package-{field}" for field in PACKAGE_FIELDS]
    fields += [f"{table.removesuffix('.csv')}-{column}" for table, column, _ in CELLS]
    values = [*TEXTS, *VALUES]
    swept = set(SWEPT)
    pairs = [(field, value) for field in fields for value in values if f"{field}-{value}" in swept]
    assert {field for field, _ in pairs} == set(fields)
    assert {value for _, value in pairs} == set(values)
    assert {name for name in CASES if name.startswith(("link-", "fifo-"))} <= swept


#: Cases also run through the command line. Links and a pipe go through ``python -m kit`` in a child process: a hang
#: or a read outside the folder is what only a process shows. Escape codes and huge values are a command's messages:
#: its entry point runs in this process (tests/shared.py, kit_command), under the same time limit.
PROCESS_CASES = ["link-claims.csv-to-victim", "link-datapackage.json-to-dev-zero", "fifo-seed"]
MESSAGE_CASES = ["package-outlet-escape-codes", "claims-quote-huge", "claims-value-digits-400"]


def _command(command: str, ledger: Path, in_process: bool) -> subprocess.CompletedProcess:
    if in_process:
        with time_limit(CASE_LIMIT):
            return kit_command(command, "ledger", cwd=ledger.parent)
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "kit", command, "ledger"],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ledger.parent,
        timeout=120,
    )


@pytest.mark.parametrize("name", PROCESS_CASES + MESSAGE_CASES)
def test_the_commands_on_a_hostile_ledger_end_with_a_message(name: str, case_folder: tuple[Path, Path]):
    ledger, _ = case_folder
    CASES[name](ledger)
    for command in ("validate", "coverage"):
        done = _command(command, ledger, in_process=name in MESSAGE_CASES)
        output = done.stdout + done.stderr
        assert done.returncode in (0, 1, 2) and "Traceback" not in output, (command, output[-2000:])
        assert "\x1b" not in output and "\x00" not in output and "victim-secret" not in output
        assert all(len(line) <= 1200 for line in output.splitlines()), command


def test_a_corpus_of_hostile_ledgers_gets_a_catalog_or_a_message(tmp_path: Path):
    """Catalog and a version-1 migration over hostile folders: a file or an error message, never a traceback."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number, name in enumerate(sorted(CASES)[::10]):
        shutil.copytree(PACKAGED, corpus / f"{number:03d}", ignore=shutil.ignore_patterns("*.md"))
        (tmp_path / "victim").mkdir(exist_ok=True)
        CASES[name](corpus / f"{number:03d}")
    with time_limit(CASE_LIMIT):
        try:
            catalog.write_catalog(corpus)
        except catalog.CatalogError:
            pass
        for ledger in sorted(corpus.iterdir()):
            if ledger.is_dir():
                try:
                    migrate.migrate(ledger)
                except migrate.MigrationError:
                    pass
