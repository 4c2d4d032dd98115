"""The light commands import no pandas, numpy or matplotlib: checking a ledger, scaffolding, migrating or cataloguing
one needs no table, and importing them cost about half a second of every ``python -m kit validate``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from shared import PACKAGED_LEDGER, ROOT

HEAVY = ("pandas", "numpy", "matplotlib")
#: runs one command through the real entry point's parser, then prints its exit code and the heavy modules loaded
PROBE = (
    "import json, sys\n"
    "from kit.cli import main\n"
    "try:\n"
    "    code = main(sys.argv[1:])\n"
    "except SystemExit as stop:\n"
    "    code = stop.code\n"
    f"print(json.dumps([code, sorted(name for name in {HEAVY!r} if name in sys.modules)]))\n"
)


def _probe(arguments: list[str], cache: Path) -> tuple[int, list[str]]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "KIT_CACHE": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *arguments], capture_output=True, text=True, env=environment, cwd=ROOT
    )
    assert done.stderr == "", done.stderr
    code, loaded = json.loads(done.stdout.splitlines()[-1])
    return code, loaded


def test_validate_loads_no_table_library_cold_or_from_the_cache(tmp_path: Path) -> None:
    for _ in range(2):  # the first run checks the files and writes the cache entry, the second reads the entry
        assert _probe(["validate", str(PACKAGED_LEDGER)], tmp_path / "cache") == (0, [])


@pytest.mark.parametrize("command", ["migrate", "new", "catalog"])
def test_the_other_light_commands_load_no_table_library(command: str, tmp_path: Path) -> None:
    assert _probe([command, "--help"], tmp_path / "cache") == (0, [])


def test_the_probe_sees_a_table_library(tmp_path: Path) -> None:
    """Coverage reads the claims as a table: the probe must see pandas there, or the tests above prove nothing."""
    code, loaded = _probe(["coverage", str(PACKAGED_LEDGER)], tmp_path / "cache")
    assert (code, "pandas" in loaded) == (0, True)
