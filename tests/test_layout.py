"""The layout holds: layers import only downwards, modules stay small, each derived figure reads the same everywhere."""

from __future__ import annotations

import ast
import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
from shared import ROOT, built_notebook

from kit import analysis
from kit.report.words import plain_with_unit

KIT = ROOT / "kit"
#: Each layer and the layers it may import from (kit.figures and kit.paths are the foundation, open to all).
LAYERS = {
    "ledger": {"ledger"},
    "analysis": {"ledger", "analysis"},
    "report": {"ledger", "analysis", "report"},
    "run": {"ledger", "analysis", "report", "run"},
}
MAX_LINES = 400


def _kit_imports(path: Path) -> set[str]:
    """Every kit module a file imports, at any depth (type-checking imports included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kit"):
            found.add(node.module)
            if node.module == "kit":
                found |= {f"kit.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("kit")}
    return found


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_a_layer_imports_nothing_from_the_layers_above_it(layer: str) -> None:
    wrong = []
    for path in sorted((KIT / layer).rglob("*.py")):
        for module in _kit_imports(path):
            parts = module.split(".")
            if len(parts) > 1 and parts[1] in LAYERS and parts[1] not in LAYERS[layer]:
                wrong.append(f"{path.relative_to(ROOT)} imports {module}")
    assert wrong == []


def test_the_layer_check_sees_an_upward_import(tmp_path: Path) -> None:
    """The check above must be able to fail: an analysis module that imports the report layer is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from kit.report.params import Params\n")
    assert "kit.report.params" in _kit_imports(bad)


def test_no_module_is_longer_than_about_four_hundred_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for path in KIT.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_ledger_and_analysis_layers_load_no_matplotlib() -> None:
    code = (
        "import kit, kit.ledger, kit.analysis, sys; print(sorted(m for m in sys.modules if m.startswith('matplotlib')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "[]"


def _text(notebook) -> str:
    """Everything a notebook shows in Markdown and plain text, unescaped, one space between words."""
    parts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            parts += [data.get("text/markdown", ""), data.get("text/plain", ""), output.get("text", "")]
    text = html.unescape(re.sub(r"<[^>]+>", "", "\n".join(parts)))
    return " ".join(text.replace("*", "").split())


def test_notebooks_03_and_05_state_the_same_implied_figures_in_the_same_words(default_build: Path) -> None:
    implied = analysis.group_arithmetic(analysis.select(_Everything()))
    assert not implied.empty, "the packaged ledger has brigade counts with soldier figures"
    troops = _text(built_notebook(default_build, "03-parts-and-shares"))
    reconciliation = _text(built_notebook(default_build, "05-reconciliation"))
    for row in implied.itertuples(index=False):
        measure = "per_group" if row.per_group_implied else "total"
        words = plain_with_unit(getattr(row, measure), row.member_unit, getattr(row, f"{measure}_bound"))
        bare = words.removesuffix(f" {row.member_unit}")
        assert bare in troops, (words, "notebook 03")
        assert words in reconciliation, (words, "notebook 05")


class _Everything:
    """The whole packaged ledger, as a page's parameters would ask for it."""

    ledger = None
    topic = None
    side = None
    claimant = None
