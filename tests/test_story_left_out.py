"""One broken article does not take the whole-story tracker down: the page follows the others and names the broken
one by its headline, outlet and date in a note (its folder in the provenance), in the module and in notebook 07.

The corpus is a copy of tests/corpus with one quote of one article changed, so that article no longer validates.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from shared import NOTEBOOKS

from kit.report import tracker
from kit.report.markdown import escape_markdown

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
BROKEN = "2025-04-08-valleycourier-shelters"
HEADLINE = "Shelters Strain as Tolvey Valley Flood Leaves 3,100 Out of Their Homes"
NOTE = (
    "**Note:** this page leaves out one article of the story, whose data does not pass the kit's checks, so none of "
    f"its figures are counted or compared here: \u201c{HEADLINE}\u201d (Valley Courier, 8 April 2025)."
)


def broken_corpus(root: Path) -> list[Path]:
    """A copy of tests/corpus whose shelters article quotes a figure its article does not print."""
    corpus = shutil.copytree(CORPUS, root / "corpus")
    claims = corpus / BROKEN / "claims.csv"
    text = claims.read_text(encoding="utf-8")
    assert text.count("We had more than 2,000 people on camp beds") == 1
    claims.write_text(text.replace("more than 2,000 people", "more than 2,500 people"), encoding="utf-8")
    return sorted(path.parent for path in corpus.glob("*/datapackage.json"))


def test_the_tracker_follows_the_sound_articles_and_names_the_broken_one(tmp_path: Path) -> None:
    folders = broken_corpus(tmp_path)
    story = tracker.check_ledgers([str(folder) for folder in folders])
    assert [folder.name for folder in story.left_out] == [BROKEN]
    assert BROKEN not in set(story.frame["article"])
    assert set(story.frame["article"]) == {folder.name for folder in folders} - {BROKEN}
    assert tracker.left_out_note(story).data == NOTE
    assert tracker.found_sections(story)  # the others still give the page its sections
    provenance = tracker.provenance(story).data
    assert f"Left out: <code>{escape_markdown(BROKEN)}</code>, whose ledger does not validate" in provenance
    assert "Shelters Strain" not in provenance  # its headline is in the note, not listed as followed
    sound = tracker.check_ledgers([str(folder) for folder in folders if folder.name != BROKEN])
    assert sound.left_out == [] and tracker.left_out_note(sound) is None


def test_a_broken_article_whose_package_cannot_be_read_is_named_by_its_folder(tmp_path: Path) -> None:
    folders = broken_corpus(tmp_path)
    (folders[0] / "datapackage.json").write_text("{ not json", encoding="utf-8")
    story = tracker.check_ledgers([str(folder) for folder in folders])
    assert [folder.name for folder in story.left_out] == [folders[0].name, BROKEN]
    note = tracker.left_out_note(story).data
    assert "2 articles of the story, whose data does not pass" in note
    named = f"\u201c{HEADLINE}\u201d (Valley Courier, 8 April 2025)"
    assert note.endswith(f": {escape_markdown(folders[0].name)}; {named}.")


@pytest.mark.kernel
def test_notebook_07_renders_the_story_with_one_broken_article(tmp_path: Path, monkeypatch) -> None:
    from tiny_notebooks import run_in_process

    folders = broken_corpus(tmp_path)
    outputs = run_in_process(NOTEBOOKS / "07-tracker.ipynb", {"ledgers": [str(f) for f in folders]}, monkeypatch)
    shown = [output.get("text/markdown", "") for output in outputs]
    assert NOTE in shown
    assert any(text.startswith("## ") for text in shown)  # sections of the sound articles follow
    assert not any("Not applicable" in text for text in shown)


@pytest.mark.batch
@pytest.mark.kernel
def test_kit_run_renders_the_tracker_of_a_story_with_one_broken_article(tmp_path: Path) -> None:
    """The real batch: the tracker run succeeds with the note on its page; its footer and version name the
    articles it follows."""
    import html
    import re

    from tiny_notebooks import kit_run, summary_row

    broken_corpus(tmp_path)
    out = tmp_path / "out"
    result = kit_run("--corpus", str(tmp_path / "corpus"), "--only", "tracker", "--out", str(out), cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"warning: article '{BROKEN}': its ledger does not validate" in result.stderr
    assert summary_row(result.stdout, "tracker")[1] == "ok"
    page = html.unescape(re.sub(r"<[^>]+>", "", (out / "tracker.html").read_text(encoding="utf-8")))
    assert "this page leaves out one article of the story, whose data does not pass the kit's checks" in page
    assert f"\u201c{HEADLINE}\u201d (Valley Courier, 8 April 2025)" in page
    full = (out / "tracker.full.html").read_text(encoding="utf-8")
    assert "3 ledgers+" in full and f"left out, not validating: {BROKEN}" in full
