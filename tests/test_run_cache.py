"""The cache key of ``python -m kit run``: everything that shapes a report is in it, nothing else.

No notebook is executed here: keys are computed from tiny notebooks and a copy of the ledger.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tiny_notebooks import make_notebook, write_runs

from kit.paths import KIT_DIR
from kit.run import cache, runsfile


@pytest.fixture
def run(tmp_path: Path, ledger_copy: Path) -> runsfile.Run:
    make_notebook(tmp_path / "tiny.ipynb", "ledger = None\nlabel = 'x'", "print(label)")
    runs = write_runs(
        tmp_path / "runs.yaml", [{"name": "tiny", "notebook": "tiny.ipynb", "parameters": {"ledger": "ledger"}}]
    )
    return runsfile.load_runs(runs)[0]


@pytest.mark.parametrize("library", [*cache.LIBRARIES])
def test_a_library_upgrade_changes_the_key(run: runsfile.Run, library: str, monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.cache_key(run)
    real = cache.package_version
    monkeypatch.setattr(cache, "package_version", lambda name: "99.0.0" if name == library else real(name))
    assert cache.environment()[library] == "99.0.0"
    assert cache.cache_key(run) != before


def test_the_libraries_that_shape_a_report_are_all_covered() -> None:
    for name in ("kit", "pandas", "matplotlib", "seaborn", "nbconvert", "nbclient", "papermill", "ipykernel"):
        assert name in cache.LIBRARIES
    versions = cache.environment()
    assert versions["kit"] != "not installed" and versions["pandas"][0].isdigit()


def test_key_follows_the_ledger_files_and_the_helpers(run: runsfile.Run, ledger_copy: Path) -> None:
    before = cache.cache_key(run)
    claims = ledger_copy / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after_ledger = cache.cache_key(run)
    assert after_ledger != before
    (run.notebook.parent / "helpers.py").write_text("WIDTH = 3\n", encoding="utf-8")
    assert cache.cache_key(run) != after_ledger


def test_kit_source_is_every_module_and_template_but_not_the_data(tmp_path: Path) -> None:
    tree = {
        "__init__.py": "",
        "ledger/__init__.py": "",
        "ledger/rules/deep.py": "",
        "run/__pycache__/cli.cpython-311.pyc": "",
        "templates/kit_report/conf.json": "{}",
        "templates/kit_report/index.html.j2": "",
        "data/claims.csv": "",
        "data/sneaky.py": "",
        "notes.txt": "",
    }
    for name, text in tree.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    found = {path.relative_to(tmp_path).as_posix() for path in cache.kit_source_files(tmp_path)}
    assert found == {
        "__init__.py",
        "ledger/__init__.py",
        "ledger/rules/deep.py",
        "templates/kit_report/conf.json",
        "templates/kit_report/index.html.j2",
    }
    digest = cache.kit_source_digest(tmp_path)
    (tmp_path / "ledger/rules/deep.py").write_text("CHANGED = True\n")
    assert cache.kit_source_digest(tmp_path) != digest


def test_the_real_kit_source_spans_its_subpackages() -> None:
    found = {path.relative_to(KIT_DIR).as_posix() for path in cache.kit_source_files()}
    assert {"run/cli.py", "run/execute.py", "report/html.py", "cli.py"} <= found
    assert any(name.startswith("templates/kit_report/") for name in found)
    assert not any(name.startswith("data/") for name in found)
