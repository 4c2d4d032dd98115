"""A corpus is a closed folder: ``kit.corpus``, ``kit validate CORPUS`` and ``kit run --corpus`` refuse a ledger
folder inside the corpus that is a link leaving it, naming the link and its target, as ``kit catalog`` does.

The victim is a real, sound ledger outside the corpus: without the refusal its claims would join the story.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kit
from kit.ledger import catalog
from kit.ledger.corpus import ledger_folders
from kit.run import articles

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
FLOOD, REVISION = "2025-04-07-riverwire-flood", "2025-04-10-valleycourier-revision"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture
def linked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A corpus of one article and a link ``corpus/elsewhere`` to a sound ledger outside it (the victim)."""
    corpus, victim = tmp_path / "corpus", tmp_path / "private" / "unpublished"
    shutil.copytree(CORPUS / FLOOD, corpus / FLOOD)
    shutil.copytree(CORPUS / REVISION, victim)
    (corpus / "elsewhere").symlink_to(victim, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    return corpus, victim


def test_kit_corpus_refuses_a_ledger_folder_linked_out_of_the_corpus(linked: tuple[Path, Path]) -> None:
    corpus, victim = linked
    before = _snapshot(victim)
    expected = f"corpus/elsewhere is a link to {victim}, outside the corpus folder"
    with pytest.raises(kit.LedgerError) as refused:
        kit.corpus("corpus")
    (problem,) = refused.value.problems
    assert problem.path == "corpus" and expected in problem.message and "cp -L" in problem.message
    with pytest.raises(kit.LedgerError, match=expected):
        ledger_folders(corpus)
    partial = kit.corpus(corpus, strict=False)  # the curator's partial view: the article inside, the link named
    assert set(partial["article"]) == {FLOOD}
    assert any(expected in line for line in partial.attrs["problems"])
    assert _snapshot(victim) == before


def test_a_link_that_stays_inside_the_corpus_is_followed(linked: tuple[Path, Path]) -> None:
    corpus, _ = linked
    (corpus / "elsewhere").unlink()
    (corpus / "same-article").symlink_to(FLOOD, target_is_directory=True)
    assert [folder.name for folder in ledger_folders(corpus)] == [FLOOD, "same-article"]


def test_validate_catalog_and_run_name_the_link_and_its_target(linked: tuple[Path, Path]) -> None:
    corpus, victim = linked
    before = _snapshot(victim)
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "kit", "validate", "corpus"],
        capture_output=True,
        text=True,
        env=environment,
        cwd=corpus.parent,
        timeout=120,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"corpus:1: -: corpus/elsewhere is a link to {victim}, outside the corpus folder" in done.stdout
    with pytest.raises(articles.PlanError) as plan:
        articles.gather([], [corpus])
    (line,) = plan.value.problems
    assert line.startswith("--corpus corpus: corpus/elsewhere is a link to") and str(victim) in line
    with pytest.raises(catalog.CatalogError, match="corpus/elsewhere is a link to .*, outside the corpus folder"):
        catalog.write_catalog(corpus)
    assert _snapshot(victim) == before


def test_story_colours_take_no_side_from_a_sibling_linked_out_of_the_corpus(linked: tuple[Path, Path]) -> None:
    """A story's side order (kit.report.story_palette) reads its siblings; one linked out of the corpus is not one."""
    from kit import analysis
    from kit.report import story_palette

    corpus, victim = linked
    (corpus / "catalog.json").write_text("{}", encoding="utf-8")
    own, theirs = analysis.side_order(corpus / FLOOD), analysis.side_order(victim)
    assert set(theirs) - set(own), "the victim must hold a side the article inside does not"
    assert story_palette.story_sides([corpus / FLOOD]) == list(own)
