"""``kit migrate`` is all or nothing: a failure at any point leaves the version-1 ledger as it was, and a retry works.

Faults are injected where a real disk fails: while a staged file is written (disk full), when a staged file
is renamed over its target, and when the folder cannot be written at all (read-only; simulated, since the
tests may run as root, whom a read-only folder does not stop).
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from shared import kit_command
from test_model_v2_migrate import v1  # noqa: F401 (a fixture)

import kit
from kit.ledger import folder, migrate

ROOT = Path(__file__).resolve().parents[1]


def snapshot(ledger: Path) -> dict[str, bytes]:
    """Every entry of the folder, hidden ones too, with its bytes: a stray temporary file shows up here."""
    return {path.name: path.read_bytes() for path in sorted(ledger.iterdir())}


def failing_on(call: int, real, error: OSError):
    """A stand-in for ``real`` that raises ``error`` on its ``call``-th use (1-based) and works otherwise."""
    calls = {"n": 0}

    def stand_in(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == call:
            raise error
        return real(*args, **kwargs)

    return stand_in


DISK_FULL = OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize(
    "seam, call",
    [("_put", 1), ("_put", 2), ("replace", 1), ("replace", 2), ("link", 1), ("link", 2)],
    ids=["claims-staged", "package-staged", "claims-swapped", "package-swapped", "claims-kept", "package-kept"],
)
def test_a_failure_at_any_point_leaves_the_version_1_ledger_and_a_retry_works(
    v1: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    seam: str,
    call: int,
):
    before = snapshot(v1)
    if seam == "_put":
        monkeypatch.setattr(folder, "_put", failing_on(call, folder._put, DISK_FULL))
    else:
        monkeypatch.setattr(folder.os, seam, failing_on(call, getattr(os, seam), DISK_FULL))
    with pytest.raises(migrate.MigrationError, match=r"cannot write in ledger \(No space left on device\)"):
        migrate.migrate(v1)
    assert snapshot(v1) == before
    monkeypatch.undo()
    assert migrate.migrate(v1)
    assert kit.validate(v1) == []
    assert sorted(snapshot(v1)) == sorted(before)  # no temporary file left behind


def test_a_read_only_folder_is_a_message_not_a_traceback(v1: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: F811
    before = snapshot(v1)
    denied = PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(folder.tempfile, "mkstemp", failing_on(1, folder.tempfile.mkstemp, denied))
    with pytest.raises(migrate.MigrationError, match=r"^cannot write in ledger \(Permission denied\)$"):
        migrate.migrate(v1)
    assert snapshot(v1) == before


def test_the_command_says_what_failed_and_that_nothing_changed(v1: Path):  # noqa: F811
    """A file given as the folder, and a folder that is not there: one line each, exit 1, no traceback."""
    for target, message in (
        ("ledger/claims.csv", "ledger/claims.csv is a file, not a folder"),
        ("missing", "missing is not a folder"),
    ):
        done = kit_command("migrate", target, cwd=v1.parent)  # an exception would fail the test, as a traceback
        assert done.returncode == 1 and "Traceback" not in done.stderr
        expected = f"python -m kit migrate: {message}; give the folder that holds datapackage.json; nothing was changed"
        assert done.stderr == expected + "\n"


def _claims(package: dict) -> dict:
    return next(resource for resource in package["resources"] if resource["name"] == "claims")


def _unit(package: dict) -> dict:
    return next(spec for spec in _claims(package)["schema"]["fields"] if spec["name"] == "unit")


#: A version-1 data package broken by hand in ways the model never reads: each a message or an upgrade.
HOSTILE = {
    "article-a-list": lambda package: package.update(article=[1]),
    "resources-an-object": lambda package: package.update(resources={}),
    "claims-schema-a-text": lambda package: _claims(package).update(schema="x"),
    "claims-fields-without-names": lambda package: _claims(package)["schema"].update(fields=[{"type": "x"}, 3]),
    "unit-constraints-a-text": lambda package: _unit(package).update(constraints="x"),
    "claims-path-a-number": lambda package: _claims(package).update(path=3),
    "claims-path-the-folder": lambda package: _claims(package).update(path="."),
    "claims-path-a-device": lambda package: _claims(package).update(path="/dev/zero"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_broken_version_1_package_is_a_message_or_an_upgrade(v1: Path, name: str):  # noqa: F811
    path = v1 / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    HOSTILE[name](package)
    path.write_text(json.dumps(package), encoding="utf-8")
    before = snapshot(v1)
    try:
        migrate.migrate(v1)
    except migrate.MigrationError as error:
        assert "Traceback" not in str(error) and len(str(error)) < 400
        assert snapshot(v1) == before
