"""Notebooks: structure, no hand-typed figures, clean runs under papermill, and nbval catching ledger changes."""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import subprocess
import sys
import tokenize
from pathlib import Path

import nbformat
import pytest
from shared import (
    ARTICLE_NOTEBOOKS,
    NOTEBOOKS,
    NUMBERED,
    ROOT,
    built_notebook,
    edit_csv,
)

import kit
from kit.figures import WORDS_BY_NUMBER, format_figure, format_with_unit
from kit.report import params as kit_params
from kit.run import execute as refresh

#: The parameters of a story notebook (the tracker): every article's ledger, and the article notebooks' look.
STORY_PARAMETERS = ("ledgers", "figure_format", "style")
MINE = ("01-estimates", "02-single-figures", "03-parts-and-shares", "04-over-time", "06-overview")


def _read(name: str) -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)


def _code_cells(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def _outputs(notebook):
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            yield cell, output


# -- structure of the committed notebooks ---------------------------------------------------------


@pytest.mark.parametrize("path", NUMBERED, ids=lambda p: p.stem)
def test_notebook_structure(path):
    notebook = nbformat.read(path, as_version=4)
    assert notebook.metadata.kernelspec.name == "python3"
    assert "papermill" not in notebook.metadata
    code = _code_cells(notebook)
    assert "parameters" in code[0].metadata.get("tags", [])
    names = re.findall(r"^(\w+) =", code[0].source, flags=re.M)
    expected = kit_params.NAMES if path in ARTICLE_NOTEBOOKS else STORY_PARAMETERS
    assert names == list(expected)
    assert "check" in code[1].source and all(name in code[1].source for name in expected)
    assert [cell.id for cell in notebook.cells] == [f"{path.stem}-{index}" for index in range(len(notebook.cells))]
    for cell in code[2:]:
        assert len(cell.source.splitlines()) <= 4, "notebooks stay thin: logic lives in kit/"


@pytest.mark.parametrize("path", NUMBERED, ids=lambda p: p.stem)
def test_committed_outputs_are_clean(path):
    notebook = nbformat.read(path, as_version=4)
    assert all(cell.get("execution_count") for cell in _code_cells(notebook)), "commit notebooks executed"
    for cell, output in _outputs(notebook):
        assert output.output_type != "error", cell.source
        assert not (output.output_type == "stream" and output.name == "stderr"), (cell.source, output.text)
        text = output.get("text", "") + output.get("data", {}).get("text/plain", "")
        assert "<Figure size" not in text and not re.search(r" at 0x[0-9a-f]+", text), cell.source
        assert "Warning" not in text, cell.source
        assert "papermill" not in cell.metadata and "execution" not in cell.metadata


def test_notebooks_are_numbered_in_reading_order():
    names = [path.stem for path in NUMBERED]
    assert names == sorted([*MINE, "05-reconciliation", "07-tracker", "08-annotated"])
    assert [int(name[:2]) for name in names] == list(range(1, len(names) + 1))


# -- no figure typed by hand ----------------------------------------------------------------------


#: Below this, a number is an everyday word ("the two must overlap", rows[2:4]) unless its unit follows it.
SMALL = 10


def _ledger_forms() -> tuple[set[str], set[float]]:
    """Every written form of every ledger figure; small figures only together with their unit."""
    forms, values = set(), set()
    for _, row in kit.claims().iterrows():
        value, unit = float(row["value"]), str(row["unit"])
        if value < SMALL:
            forms.add(format_with_unit(value, unit))  # "four brigades"
            forms.add(f"{value:g} {unit}")  # "4 brigades"
            if value.is_integer() and int(value) in WORDS_BY_NUMBER:
                forms.add(f"{WORDS_BY_NUMBER[int(value)]} {unit}")
            continue
        values.add(value)
        forms |= {str(row["as_written"]), format_figure(value, unit), format_with_unit(value, unit)}
        if value.is_integer():
            forms.add(str(int(value)))
    return forms, values


def _typed_figures(text: str, forms: set[str]) -> list[str]:
    """Ledger figures written in prose or a literal, as whole tokens (so '4' in 'h4x' or '1.4' is not one)."""
    found = []
    for form in sorted(forms, key=len, reverse=True):
        pattern = rf"(?<![\w.,$]){re.escape(form)}(?![\w%]|[.,]\d)"
        if re.search(pattern, text, flags=re.I):
            found.append(form)
            text = re.sub(pattern, " ", text, flags=re.I)
    return found


def hand_typed(cell: nbformat.NotebookNode, forms: set[str], values: set[float]) -> list[str]:
    """Figures from the ledger typed into a cell: in Markdown text, or in a code cell's literals and comments."""
    if cell.cell_type == "markdown":
        return _typed_figures(cell.source, forms)
    found = []
    for token in tokenize.generate_tokens(io.StringIO(cell.source).readline):
        if token.type == tokenize.NUMBER and float(token.string.replace("_", "")) in values:
            found.append(token.string)
        elif token.type in (tokenize.STRING, tokenize.COMMENT):
            found += _typed_figures(token.string, forms)
    return found


def test_the_scanner_flags_typed_figures_and_nothing_else():
    forms, values = _ledger_forms()
    bad = [
        nbformat.v4.new_markdown_cell("Around 12,000 troops in four brigades"),
        nbformat.v4.new_code_cell("x = 12000\ny = '$400 million'  # 78%"),
        nbformat.v4.new_code_cell("sections.show(sections.estimates(chosen), chosen)  # the two brigades"),
    ]
    assert [len(hand_typed(cell, forms, values)) for cell in bad] == [2, 3, 1]
    good = [
        nbformat.v4.new_code_cell('figure_format = "png"\nstyle = "house"\nrows[2:4]'),
        nbformat.v4.new_markdown_cell("## Notebook 1.4 in h4 style, version 1.2.0: the two must overlap"),
    ]
    assert [hand_typed(cell, forms, values) for cell in good] == [[], []]


@pytest.mark.parametrize("path", NUMBERED, ids=lambda p: p.stem)
def test_no_ledger_figure_is_typed_into_a_notebook(path):
    forms, values = _ledger_forms()
    for cell in nbformat.read(path, as_version=4).cells:
        assert not hand_typed(cell, forms, values), cell.source


def test_no_ledger_figure_is_typed_into_the_kit():
    import ast

    forms, _ = _ledger_forms()
    for path in [*sorted((ROOT / "kit").rglob("*.py")), ROOT / "tools" / "refresh.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                assert not _typed_figures(node.value, forms), (path.name, node.value)


# -- runs under papermill -------------------------------------------------------------------------


def _run(name: str, tmp_path: Path, parameters: dict) -> nbformat.NotebookNode:
    return refresh.execute(NOTEBOOKS / f"{name}.ipynb", tmp_path / f"{name}.ipynb", parameters, cwd=NOTEBOOKS)


def _assert_clean(notebook: nbformat.NotebookNode) -> None:
    for cell, output in _outputs(notebook):
        assert output.output_type != "error", cell.source
        assert not (output.output_type == "stream" and output.name == "stderr"), (cell.source, output.text)
        assert "Warning" not in str(output.get("text", "")), cell.source


def _markdown(notebook) -> list[str]:
    outputs = [output.get("data", {}) for _, output in _outputs(notebook)]
    return [data["text/markdown"] for data in outputs if "text/markdown" in data]


@pytest.mark.parametrize("name", [path.stem for path in NUMBERED])
def test_runs_clean_with_default_parameters_and_reproduces_the_committed_narrative(name, default_build):
    notebook = built_notebook(default_build, name)
    _assert_clean(notebook)
    assert _markdown(notebook) == _markdown(_read(name))
    images = [output for _, output in _outputs(notebook) if "image/png" in output.get("data", {})]
    not_applicable = any(text.startswith("**Not applicable:**") for text in _markdown(notebook))
    # the tracker charts dated statements only; the packaged article is undated, so its tracker page is words
    # and tables (its charts are tested on the test corpus, tests/test_tracker.py)
    words_only = name not in {path.stem for path in ARTICLE_NOTEBOOKS} and "Undated" in " ".join(_markdown(notebook))
    # single figures are a fact box (an HTML table of key numbers), not a chart
    words_only = words_only or (name == "02-single-figures" and 'class="kit-fact"' in " ".join(_markdown(notebook)))
    # the annotated article is the article's own text with its figures marked (HTML), not a chart
    pages = [output.get("data", {}).get("text/html", "") for _, output in _outputs(notebook)]
    words_only = words_only or (name == "08-annotated" and any('class="kit-annotated"' in page for page in pages))
    assert images or not_applicable or words_only, "charts are displayed as PNG by default"
    assert not (images and not_applicable), "a page that is not applicable shows nothing else"


NON_DEFAULT = {
    "01-estimates": {"side": "Ukraine", "figure_format": "svg"},
    "02-single-figures": {"claimant": "us-austin", "style": "large"},
    "03-parts-and-shares": {"side": "United States"},  # selects nothing: not applicable, not a crash
    "04-over-time": {"topic": "troops"},
    "06-overview": {"topic": "troops", "figure_format": "svg", "style": "large"},
}


@pytest.mark.kernel
@pytest.mark.parametrize("name", MINE)
def test_runs_clean_with_other_parameters(name, tmp_path):
    notebook = _run(name, tmp_path, NON_DEFAULT[name])
    _assert_clean(notebook)
    text = html.unescape("\n".join(_markdown(notebook)))
    chosen = kit_params.check(**NON_DEFAULT[name])
    assert chosen.describe() in text  # the provenance line names the selection
    if NON_DEFAULT[name].get("figure_format") == "svg":
        assert any("image/svg+xml" in output.get("data", {}) for _, output in _outputs(notebook))
        assert not any("image/png" in output.get("data", {}) for _, output in _outputs(notebook))
    if name == "01-estimates":
        assert "Volodymyr Zelenskyy" in text and "John Kirby" not in text
    if name in ("03-parts-and-shares", "04-over-time"):
        assert "Not applicable" in text and "No chart" not in text


WRONG = [
    ("01-estimates", {"figure_format": "jpg"}, "'png', 'svg'"),
    ("02-single-figures", {"style": "comic"}, "'house', 'large'"),
    ("03-parts-and-shares", {"side": "Narnia"}, "'Ukraine'"),
    ("06-overview", {"topic": "weather"}, "'troops', 'munitions', 'aid', 'recruitment'"),
    ("06-overview", {"ledger": "no-such-folder"}, "not a ledger folder"),
]


@pytest.mark.kernel
def test_a_wrong_parameter_stops_in_the_check_cell_naming_the_valid_choices(tmp_path):
    """Under papermill, once: the check cell raises and nothing after it runs (every notebook's second code
    cell is the check, tested by test_notebook_structure; the messages are tested in-process below)."""
    from papermill.exceptions import PapermillExecutionError  # here: the quick tier collects this file, runs no kernel

    name, parameters, choices = WRONG[0]
    with pytest.raises(PapermillExecutionError) as raised:
        _run(name, tmp_path, parameters)
    assert raised.value.ename == "ParameterError"
    assert choices in raised.value.evalue
    notebook = nbformat.read(tmp_path / f"{name}.ipynb", as_version=4)
    failed = [cell for cell, output in _outputs(notebook) if output.output_type == "error"]
    assert len(failed) == 1 and "check(" in failed[0].source
    after = _code_cells(notebook)[_code_cells(notebook).index(failed[0]) + 1 :]
    assert after and not any(cell.get("outputs") for cell in after)  # stopped there


@pytest.mark.parametrize(("name", "parameters", "choices"), WRONG, ids=[w[0] + "-" + next(iter(w[1])) for w in WRONG])
def test_each_wrong_parameter_is_named_with_the_valid_choices(name, parameters, choices, tmp_path, monkeypatch):
    monkeypatch.chdir(NOTEBOOKS)  # where a kernel started by papermill runs
    with pytest.raises(kit_params.ParameterError) as raised:
        kit_params.check(**parameters)
    assert choices in str(raised.value)


# -- nbval notices a changed figure ---------------------------------------------------------------


def _nbval(root: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(root), SOURCE_DATE_EPOCH="0", PYTHONHASHSEED="0")
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--nbval", "--nbval-current-env"]
    command += ["--nbval-sanitize-with", "notebooks/nbval_sanitize.cfg", "notebooks/01-estimates.ipynb"]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.kernel
def test_nbval_fails_when_a_figure_in_the_ledger_changes(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "kit", root / "kit", ignore=shutil.ignore_patterns("__pycache__"), symlinks=False)
    (root / "notebooks").mkdir()
    shutil.copy(NOTEBOOKS / "nbval_sanitize.cfg", root / "notebooks" / "nbval_sanitize.cfg")
    # The committed notebook, whose outputs match the packaged ledger (nbval over notebooks/ checks that);
    # what NIS's figure counts is then reworded in the copy: still a valid ledger, a different page.
    shutil.copy(NOTEBOOKS / "01-estimates.ipynb", root / "notebooks" / "01-estimates.ipynb")
    edit_csv(root / "kit" / "data" / "claims.csv", "North Korean troops in the four brigades", "troops in NIS brigades")
    assert not [p for p in kit.validate(root / "kit" / "data") if p.severity == "error"]
    changed = _nbval(root)
    assert changed.returncode == 1, changed.stdout[-3000:]
    assert "sections.show(sections.estimates(chosen)" in changed.stdout  # the failing cell is named
    assert "troops in NIS brigades" in changed.stdout


# -- the parameter check itself -------------------------------------------------------------------


def test_check_returns_the_parameters_and_names_choices_when_wrong(ledger_copy):
    chosen = kit_params.check(side="Ukraine", figure_format="svg")
    assert (chosen.side, chosen.figure_format, chosen.style, chosen.ledger) == ("Ukraine", "svg", "house", None)
    assert kit_params.check(ledger=str(ledger_copy)).ledger == str(ledger_copy)
    cases = [
        ({"claimant": "nobody"}, "'us-kirby'"),
        ({"topic": 3}, "'troops'"),
        ({"figure_format": None}, "'png', 'svg'"),
        ({"ledger": ""}, "ledger folder path or None"),
    ]
    for wrong, choices in cases:
        with pytest.raises(kit_params.ParameterError, match=re.escape(choices)):
            kit_params.check(**wrong)


def test_a_broken_ledger_raises_the_ledger_error_listing_problems(ledger_copy):
    edit_csv(ledger_copy / "claims.csv", "budanov-11000-training,troops", "budanov-11000-training,weather")
    with pytest.raises(kit.LedgerError, match="weather"):
        kit_params.check(ledger=str(ledger_copy))
