"""The annotated article: every figure marked curated, drafted, declared or uncovered, agreeing with coverage;
the page escapes the article and names speakers and quotes, never ids."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from tiny_notebooks import kit_run, write_runs

from kit.cli import main as cli
from kit.ledger import claims, coverage
from kit.ledger.annotate import marks
from kit.report.annotated import annotated_html
from kit.run import runsfile

ROOT = Path(__file__).resolve().parents[1]
WILDFIRE = ROOT / "tests" / "ledgers" / "wildfire"


def test_a_curated_ledger_marks_every_figure_curated_or_declared() -> None:
    found = marks(WILDFIRE)
    assert {mark.status for mark in found} == {"curated", "declared"}
    assert {ref for mark in found if mark.status == "curated" for ref in mark.refs} == set(claims(WILDFIRE)["claim_id"])
    residue = next(mark for mark in found if mark.text == "02:22")
    assert residue.status == "declared" and "residue" in residue.refs[0]


def test_a_claims_date_or_ordinal_is_declared_not_linked_as_its_figure() -> None:
    """Found by reading a made-up article's annotated page: "the €1 billion[5] budget approved in 2022[5]" linked the
    year to the claim's note as if it were a figure. A curated mark is a claim's own figure; the date its
    ``when_written`` holds and an ordinal its ``counts`` repeats are declared, with why."""
    found = {mark.text: mark for mark in marks(None)}  # the packaged ledger: "by November 1", "the first batch"
    date, ordinal = found["November 1"], found["first"]
    assert (date.status, date.refs) == ("declared", ("when a figure in the ledger applies",))
    assert (ordinal.status, ordinal.refs) == ("declared", ("part of what a figure in the ledger counts",))
    packaged = claims()
    written = {str(text) for text in packaged["as_written"]}
    assert all(mark.text in written or any(mark.text in text for text in written)
               for mark in found.values() if mark.status == "curated")  # fmt: skip


def test_a_figure_whose_declaration_is_removed_is_uncovered(tmp_path: Path) -> None:
    ledger = tmp_path / "wildfire"
    shutil.copytree(WILDFIRE, ledger)
    lines = (ledger / "nonfigures.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("02:22")]
    assert len(kept) == len(lines) - 1
    (ledger / "nonfigures.csv").write_text("".join(kept), encoding="utf-8")
    assert [mark.text for mark in marks(ledger) if mark.status == "uncovered"] == ["02:22"]


def test_drafted_figures_are_marked_drafted_and_agree_with_coverage(tmp_path: Path) -> None:
    seed = tmp_path / "story.txt"
    seed.write_text(
        "Flood Shuts 12 Roads\n\nAbout 300 homes were flooded on Monday, the council said. "
        'Up to 40 people <script>alert("x")</script> were rescued for $5, it said.\n\n14 Comments\n',
        encoding="utf-8",
    )
    options = ["--published", "2025-04-08", "--outlet", "River Wire", "--url", "", "--dir", str(tmp_path)]
    assert cli(["new", "flood", "--seed", str(seed), *options]) == 0
    ledger = tmp_path / "flood"
    assert {mark.status for mark in marks(ledger)} == {"uncovered"}
    assert cli(["draft", str(ledger)]) == 0
    found = marks(ledger)
    drafted = {mark.text for mark in found if mark.status == "drafted"}
    assert {"12", "300", "40", "$5"} <= drafted
    # drafts cover nothing: what coverage lists is exactly what is drafted or not yet covered
    pending = [(mark.start, mark.text) for mark in found if mark.status in ("drafted", "uncovered")]
    assert pending == [(figure.start, figure.text) for figure in coverage.uncovered(ledger)]
    assert [mark.text for mark in found if mark.status == "uncovered"] == ["14"]  # "14 Comments": not drafted
    page = annotated_html(ledger)
    assert "&lt;script&gt;" in page and "<script>" not in page
    assert 'class="fig-drafted"' in page and "4 drafted" in page


def test_footnotes_name_the_speaker_and_the_quote_not_ids() -> None:
    page = annotated_html(WILDFIRE)
    assert "Ray Tillman: &ldquo;the fire was 35% contained&rdquo;" in page
    assert 'href="#note-1"' in page and 'id="note-1"' in page
    for claim_id in claims(WILDFIRE)["claim_id"]:
        assert claim_id not in page


def test_a_footnote_says_what_a_figure_not_stated_as_fact_is() -> None:
    """Found on a made-up fire story: a figure the ledger records as withdrawn looked like any other curated figure
    on the annotated page. Its footnote says what it is, as the registry words it ("withdrawn", "a request")."""
    page = annotated_html(ROOT / "tests" / "ledgers" / "camp")
    assert "&ldquo;asked donors for at least 2,000 more tents&rdquo; (a request)</li>" in page
    assert "&ldquo;the fire was 35% contained&rdquo;</li>" in annotated_html(WILDFIRE)  # stated as fact: no word


def test_a_narrowed_page_says_the_article_is_shown_whole() -> None:
    from kit.report.annotated import annotated
    from kit.report.params import check

    narrowed = annotated(check(ledger=str(WILDFIRE), claimant=claims(WILDFIRE)["claimant"].iloc[0])).data
    assert narrowed.startswith("<p>The whole article is shown") and annotated_html(WILDFIRE) in narrowed
    assert annotated(check(ledger=str(WILDFIRE))).data == annotated_html(WILDFIRE)


@pytest.mark.kernel
def test_kit_run_renders_the_annotated_article_for_readers_with_each_figure_linked_to_its_note(
    tmp_path: Path,
) -> None:
    """``kit run`` of notebook 08 as notebooks/corpus.yaml lists it: the reader's page links every curated figure
    to a note that exists, and the notes give speakers and quotes, never claim ids."""
    run = next(run for run in runsfile.load_runs(ROOT / "notebooks" / "corpus.yaml") if run.name == "annotated")
    runs = write_runs(tmp_path / "runs.yaml", [{"name": run.name, "notebook": str(run.notebook)}])
    done = kit_run("--runs", str(runs), "--ledger", str(WILDFIRE), "--out", str(tmp_path / "out"), cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    page = next((tmp_path / "out").rglob("annotated.html")).read_text(encoding="utf-8")
    links = set(re.findall(r'href="#(note-\d+)"', page))
    notes = set(re.findall(r'id="(note-\d+)"', page))
    curated = [mark for mark in marks(WILDFIRE) if mark.status == "curated"]
    assert links and links == notes and len(page.split('class="fig-curated"')) - 1 >= len(curated)
    assert len(notes) == len({ref for mark in curated for ref in mark.refs})
    assert not any(claim_id in page for claim_id in claims(WILDFIRE)["claim_id"])
