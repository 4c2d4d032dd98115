"""What a reader of the HTML reports gets: alt text on every chart, and pages that do not apply said so."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from shared import ARTICLE_NOTEBOOKS, ARTICLES, BUILT_ARTICLES, NUMBERED, ROOT, article_report, default_run
from tiny_notebooks import run_in_process

from kit.report.html import NO_ALT


def test_every_image_in_every_report_has_alt_text_made_from_its_chart(default_build: Path) -> None:
    pages = sorted(default_build.glob("*.html"))
    images = 0
    for page in pages:
        for tag in re.findall(r"<img\b[^>]*>", page.read_text(encoding="utf-8")):
            images += 1
            alt = re.search(r'\balt="([^"]*)"', tag)
            assert alt and alt.group(1).startswith("Chart: ") and NO_ALT not in tag, (page.name, tag[:200])
            assert "Figures shown:" in alt.group(1) or "Places" in alt.group(1) or "km" in alt.group(1), page.name
    assert images >= 8


def test_a_page_with_nothing_to_show_is_not_applicable_not_ok(default_build: Path) -> None:
    index = (default_build / "runs.html").read_text(encoding="utf-8")
    row = next(line for line in index.split("<tr>") if f">{default_run('04-over-time')}<" in line)
    assert "status-not-applicable" in row and "not applicable" in row and "status-ok" not in row
    assert "no quantity estimated at two or more dates" in row  # the reason, in words


def test_alt_text_reaches_the_browser(default_build: Path, browser) -> None:
    page = browser.new_page()
    try:
        page.goto((default_build / f"{default_run('01-estimates')}.html").as_uri())
        alts = page.eval_on_selector_all("img", "images => images.map(image => image.alt)")
    finally:
        page.close()
    assert alts and all(alt.startswith("Chart: ") and "Figures shown:" in alt for alt in alts)


@pytest.mark.parametrize("article", [*BUILT_ARTICLES, "the story"])
def test_every_notebook_renders_on_every_test_article_with_no_error_or_warning(article: str, article_builds) -> None:
    story = article == "the story"  # the story notebooks, over every article at once
    for path in NUMBERED if story else ARTICLE_NOTEBOOKS:
        if story and path in ARTICLE_NOTEBOOKS:
            continue
        where = None if story else article
        notebook = nbformat.read(article_report(article_builds, where, path.stem), as_version=4)
        for cell in notebook.cells:
            for output in cell.get("outputs", []):
                assert output.output_type != "error", (path.stem, cell.source)
                text = str(output.get("text", "")) + str(output.get("data", {}).get("text/plain", ""))
                assert "Warning" not in text and not (output.output_type == "stream" and output.name == "stderr")
        page = article_report(article_builds, where, path.stem, ".html").read_text(encoding="utf-8")
        assert NO_ALT not in page


@pytest.mark.kernel
@pytest.mark.parametrize("article", [article for article in ARTICLES if article not in BUILT_ARTICLES])
def test_every_notebook_renders_in_process_on_the_other_test_articles(article: str, monkeypatch) -> None:
    """The article notebooks on the test articles the session does not build in kernels: no error, nothing on
    stderr, no warning, and the page names its article's ledger."""
    from kit.report.params import check

    ledger = str(ROOT / "tests" / "ledgers" / article)
    for path in ARTICLE_NOTEBOOKS:
        outputs = run_in_process(path, {"ledger": ledger}, monkeypatch)
        text = "\n".join(str(output.get("text/markdown", output.get("text/plain", ""))) for output in outputs)
        assert "Warning" not in text, path.stem
        assert check(ledger=ledger).describe() in text, path.stem  # the provenance line: this article's page
