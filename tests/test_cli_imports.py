"""The light commands import no pandas, numpy or matplotlib: checking a ledger, scaffolding, migrating or cataloguing
one needs no table, and importing them cost about half a second of every ``python -m kit validate``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from shared import PACKAGED_LEDGER, ROOT

HEAVY = ("pandas", "numpy", "matplotlib")
#: runs commands one after the other through the real entry point's parser, and prints after each its exit code and
#: the heavy modules loaded so far (a command that loads one shows it, and so do the ones after it)
PROBE = (
    "import json, sys\n"
    "from kit.cli import main\n"
    "for arguments in json.loads(sys.argv[1]):\n"
    "    try:\n"
    "        code = main(arguments)\n"
    "    except SystemExit as stop:\n"
    "        code = stop.code\n"
    f"    print(json.dumps([code, sorted(name for name in {HEAVY!r} if name in sys.modules)]))\n"
)
LIGHT = [["validate", str(PACKAGED_LEDGER)], ["migrate", "--help"], ["new", "--help"], ["catalog", "--help"]]


def _probe(commands: list[list[str]], cache: Path) -> list[tuple[int, list[str]]]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "KIT_CACHE": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(commands)], capture_output=True, text=True, env=environment, cwd=ROOT
    )
    assert done.stderr == "", done.stderr
    return [tuple(json.loads(line)) for line in done.stdout.splitlines() if line.startswith("[")]


def test_the_light_commands_load_no_table_library_cold_or_from_the_cache(tmp_path: Path) -> None:
    # the first process checks the ledger's files and writes its cache entry; the second reads the entry
    assert _probe(LIGHT[:1], tmp_path / "cache") == [(0, [])]
    assert _probe(LIGHT, tmp_path / "cache") == [(0, [])] * len(LIGHT)


def test_the_probe_sees_a_table_library(tmp_path: Path) -> None:
    """Coverage reads the claims as a table: the probe must see pandas there, or the test above proves nothing."""
    [(code, loaded)] = _probe([["coverage", str(PACKAGED_LEDGER)]], tmp_path / "cache")
    assert (code, "pandas" in loaded) == (0, True)
