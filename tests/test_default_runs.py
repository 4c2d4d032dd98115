"""``kit run`` from a folder other than the kit's: a curator who keeps their ledgers elsewhere ran ``kit run --ledger
ledgers/x`` there and got "notebooks/corpus.yaml: runs file not found". With no ``--runs``, the working folder's
``notebooks/`` is used when it has one, else the kit's own; a runs file that is missing says to name one."""

from __future__ import annotations

from pathlib import Path

import pytest
from shared import ROOT

from kit.run.runsfile import DEFAULT_RUNS, DEFAULT_STORY_RUNS, RunsError, default_runs, load_runs


@pytest.mark.parametrize(("story", "relative"), [(True, DEFAULT_STORY_RUNS), (False, DEFAULT_RUNS)])
def test_outside_the_kits_folder_the_kits_own_runs_file_is_used(
    story: bool, relative: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert default_runs(story) == ROOT / relative
    assert load_runs(default_runs(story))  # it reads


def test_a_folder_with_its_own_runs_file_keeps_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "notebooks").mkdir()
    (tmp_path / DEFAULT_STORY_RUNS).write_text("runs: []\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert default_runs(True) == DEFAULT_STORY_RUNS


def test_a_missing_runs_file_says_to_name_one(tmp_path: Path) -> None:
    with pytest.raises(RunsError) as raised:
        load_runs(tmp_path / "runs.yaml")
    assert raised.value.problems[0].endswith("runs file not found (name one with --runs)")
