"""Empty and tiny ledgers: a ledger fresh from ``kit new`` (no claims), one with one source and one claim. Every
notebook renders its content or "not applicable" with its reason; none fails.

The notebooks run in process (tests/tiny_notebooks.py: run_in_process): their kernel path is covered elsewhere.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from shared import ROOT
from tiny_notebooks import ENV, run_in_process

pytestmark = pytest.mark.kernel

NOTEBOOKS = sorted((ROOT / "notebooks").glob("0*.ipynb"))
SEED = "Shelters fill after river floods\n\nOfficials said at least 1,200 people had been evacuated on Monday.\n"
SOURCE = "officials,Officials,regional officials,government,no\n"
CLAIM = (
    'evacuated-1200,disaster,evacuated,level,,,1200,,people,at_least,"1,200",officials,,,on Monday,2025-04-07,,'
    'people evacuated,"at least 1,200 people had been evacuated on Monday",,,,\n'  # statement to change_from: empty
)


def _new_ledger(folder: Path, *, source: bool, claim: bool) -> Path:
    seed = folder / "seed.txt"
    seed.write_text(SEED, encoding="utf-8")
    command = [sys.executable, "-m", "kit", "new", "article", "--seed", str(seed), "--published", "2025-04-08"]
    command += ["--outlet", "Riverwire", "--url", "https://example.org/floods", "--dir", str(folder)]
    subprocess.run(command, env=ENV, cwd=ROOT, check=True, capture_output=True)
    ledger = folder / "article"
    if source:
        with (ledger / "sources.csv").open("a", encoding="utf-8") as handle:
            handle.write(SOURCE)
    if claim:
        with (ledger / "claims.csv").open("a", encoding="utf-8") as handle:
            handle.write(CLAIM)
    validate = [sys.executable, "-m", "kit", "validate", str(ledger)]
    done = subprocess.run(validate, env=ENV, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0 or not claim, done.stdout + done.stderr
    return ledger


def _shown(outputs: list[dict]) -> str:
    return "\n".join(str(output.get("text/markdown", output.get("text/plain", ""))) for output in outputs)


@pytest.mark.parametrize(
    ("name", "source", "claim"), [("empty", False, False), ("one source", True, False), ("one claim", True, True)]
)
def test_every_notebook_renders_on_a_tiny_ledger(name: str, source: bool, claim: bool, tmp_path, monkeypatch) -> None:
    ledger = str(_new_ledger(tmp_path, source=source, claim=claim))
    said = {}
    for notebook in NOTEBOOKS:
        parameters = {"ledgers": [ledger]} if notebook.stem == "07-tracker" else {"ledger": ledger}
        said[notebook.stem] = _shown(run_in_process(notebook, parameters, monkeypatch))
        monkeypatch.undo()
    for stem, text in said.items():
        assert "Traceback" not in text and "Error" not in text, (name, stem)
    if not claim:  # nothing to show: every page says so, with its reason
        for stem, text in said.items():
            whose = "this story has no" if stem == "07-tracker" else "this article has no"  # a page of what it shows
            assert "Not applicable" in text and whose in text, (name, stem, text[:300])
    else:  # the one figure appears where a single figure belongs, with its quote; estimates pages say why not
        assert "at least 1,200" in said["02-single-figures"] and "at least 1,200" in said["06-overview"]
        assert "Not applicable" in said["01-estimates"] and "Not applicable" in said["05-reconciliation"]


@pytest.mark.parametrize("article", ["camp", "port"])
def test_every_notebook_renders_on_the_bound_test_articles(article: str, monkeypatch) -> None:
    """The two reports written for the bound registry (tests/test_bound_articles.py): every notebook, no error,
    nothing on stderr, no warning."""
    ledger = str(ROOT / "tests" / "ledgers" / article)
    for notebook in NOTEBOOKS:
        parameters = {"ledgers": [ledger]} if notebook.stem == "07-tracker" else {"ledger": ledger}
        text = _shown(run_in_process(notebook, parameters, monkeypatch))
        monkeypatch.undo()
        assert "Traceback" not in text and "Warning" not in text, notebook.stem
