"""What a reader of the HTML reports gets: alt text on every chart, and pages that do not apply said so."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml
from conftest import NUMBERED, ROOT

from kit.report.html import NO_ALT

LEDGERS = ROOT / "tests" / "ledgers"


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
    index = (default_build / "index.html").read_text(encoding="utf-8")
    row = next(line for line in index.split("<tr>") if "04-over-time" in line)
    assert "status-not-applicable" in row and "not applicable" in row and "status-ok" not in row
    assert "no quantity estimated at two or more dates" in row  # the reason, in words


def test_alt_text_reaches_the_browser(default_build: Path, browser) -> None:
    page = browser.new_page()
    try:
        page.goto((default_build / "01-estimates.html").as_uri())
        alts = page.eval_on_selector_all("img", "images => images.map(image => image.alt)")
    finally:
        page.close()
    assert alts and all(alt.startswith("Chart: ") and "Figures shown:" in alt for alt in alts)


ARTICLES = ("second", "wildfire", "crossings", "budget")


@pytest.fixture(scope="session")
def article_builds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every notebook run on every test article's ledger by ``python -m kit run``, once per session."""
    folder = tmp_path_factory.mktemp("article-builds")
    runs = [
        {"name": f"{article}-{path.stem}", "notebook": str(path), "parameters": {"ledger": str(LEDGERS / article)}}
        for article in ARTICLES
        for path in NUMBERED
    ]
    (folder / "runs.yaml").write_text(yaml.safe_dump({"runs": runs}, sort_keys=False), encoding="utf-8")
    command = [sys.executable, "-m", "kit", "run", "--runs", str(folder / "runs.yaml"), "--out", str(folder / "out")]
    done = subprocess.run([*command, "--jobs", "2"], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    return folder / "out"


@pytest.mark.parametrize("article", ARTICLES)
def test_every_notebook_renders_on_every_test_article_with_no_error_or_warning(article: str, article_builds) -> None:
    for path in NUMBERED:
        notebook = nbformat.read(article_builds / f"{article}-{path.stem}.ipynb", as_version=4)
        for cell in notebook.cells:
            for output in cell.get("outputs", []):
                assert output.output_type != "error", (path.stem, cell.source)
                text = str(output.get("text", "")) + str(output.get("data", {}).get("text/plain", ""))
                assert "Warning" not in text and not (output.output_type == "stream" and output.name == "stderr")
        page = (article_builds / f"{article}-{path.stem}.html").read_text(encoding="utf-8")
        assert NO_ALT not in page
