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


# -- the ledger part of the key: the files the kit reads, and the story's sides ----------------------------------


def test_a_file_the_package_does_not_name_or_a_link_out_of_the_folder_changes_no_key(
    run: runsfile.Run, ledger_copy: Path, tmp_path: Path
) -> None:
    """A curator's notes, a drafts folder or a link to a file outside change no page: the key ignores them, and a
    link that leaves the folder is never followed (the victim's bytes change, the key does not)."""
    victim = tmp_path / "elsewhere" / "victim.txt"
    victim.parent.mkdir()
    victim.write_bytes(b"outside the ledger\n")
    before = cache.cache_key(run)
    (ledger_copy / "notes.txt").write_text("a curator's note\n", encoding="utf-8")
    (ledger_copy / "drafts").mkdir()
    (ledger_copy / "drafts" / "claims.csv").write_text("claim_id\nx\n", encoding="utf-8")
    (ledger_copy / "linked.txt").symlink_to(victim)
    assert cache.cache_key(run) == before
    victim.write_bytes(b"outside the ledger, changed\n")
    assert cache.cache_key(run) == before
    (ledger_copy / "hedges.csv").write_text("phrase,bound\n", encoding="utf-8")  # a documented companion counts
    with_hedges = cache.cache_key(run)
    assert with_hedges != before
    (ledger_copy / "datapackage.json").write_text(
        (ledger_copy / "datapackage.json").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    assert cache.cache_key(run) != with_hedges


def test_a_batch_hashes_each_ledger_once(run: runsfile.Run, monkeypatch: pytest.MonkeyPatch) -> None:
    listed: list[Path] = []
    real = cache.ledger_files
    monkeypatch.setattr(cache, "ledger_files", lambda folder: listed.append(folder) or real(folder))
    memo: dict = {}
    keys = {cache.cache_key(run, None, memo) for _ in range(3)}
    assert len(keys) == 1 and len(listed) == 1
    assert cache.cache_key(run) in keys and len(listed) == 2  # without the batch's memo: looked at again


STORY = Path(__file__).resolve().parent / "corpus"
FIRST, LAST = "2025-04-07-riverwire-flood", "2025-04-10-valleycourier-revision"


def _last_articles_run(tmp_path: Path) -> tuple[runsfile.Run, Path]:
    """The run of the story's last-published article, in a copy of tests/corpus (with its catalog.json)."""
    import shutil

    corpus = shutil.copytree(STORY, tmp_path / "corpus")
    make_notebook(tmp_path / "page.ipynb", "ledger = None", "print(ledger)")
    runs = write_runs(
        tmp_path / "runs.yaml",
        [{"name": "page", "notebook": "page.ipynb", "parameters": {"ledger": f"corpus/{LAST}"}}],
    )
    return runsfile.load_runs(runs)[0], corpus


def test_an_earlier_article_gaining_a_side_changes_a_later_articles_key(tmp_path: Path) -> None:
    """A page's side colours are the story's (kit/report/story_palette.py): when the first article's farmers
    become growers, every side after them moves one colour, so the last article's page must be rendered again,
    though none of its own files changed."""
    from kit.report import story_palette

    run, corpus = _last_articles_run(tmp_path)
    before = cache.cache_key(run)
    sides = story_palette.story_sides([corpus / LAST])
    package = corpus / FIRST / "datapackage.json"  # a sound edit that keeps the sides: the key stays
    package.write_text(package.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cache.cache_key(run) == before
    text = package.read_text(encoding="utf-8")
    assert text.count('"farmers"') == 1
    package.write_text(text.replace('"farmers"', '"growers"'), encoding="utf-8")
    sources = corpus / FIRST / "sources.csv"
    text = sources.read_text(encoding="utf-8")
    assert text.count(",farmers,") == 1
    sources.write_text(text.replace(",farmers,", ",growers,"), encoding="utf-8")
    assert story_palette.story_sides([corpus / LAST]) != sides  # the premise: the story's colours moved
    assert "growers" in story_palette.story_sides([corpus / LAST])
    assert cache.cache_key(run) != before
