"""The pages a reader sees, read in headless Chromium as a reader's browser shows them.

Over every reader page (OUT/NAME.html, OUT/ARTICLE/NAME.html and the index) of the packaged article
(``default_build``), the test articles (``article_builds`` and ``reader_build``) and the test corpus
(``reader_build``): the visible text holds no claim id, local path, parameter list, notebook name or version
hash; each report links back to its index; at a 390 px viewport no page scrolls sideways. The checks are
shown to work on the ``.full.html`` pages, which keep the build's record.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from shared import NOTEBOOKS, ROOT
from tiny_notebooks import built_once, kit_run

from kit import ledger as _ledger

CORPUS = ROOT / "tests" / "corpus"
#: The test ledgers ``article_builds`` does not render: ``reader_build`` adds them to the corpus batch.
OTHER_LEDGERS = ("crossings", "budget")
PHONE = {"width": 390, "height": 844}

#: What belongs to provenance, never to a reader's text: a notebook, the papermill words, a parameter given
#: as ``name=value``, the kit's module names, a content hash as ledger_version writes it.
LEAKS = {
    "notebook name": re.compile(r"\b\d\d-[a-z-]+\.ipynb|\.ipynb\b"),
    "parameter list": re.compile(r"papermill|\b(?:ledgers?|topic|side|claimant|figure_format|style)\s*=", re.I),
    "kit module": re.compile(r"\bkit\.(?:analysis|report|ledger|run)\b"),
    "version hash": re.compile(r"\+[0-9a-f]{12}\b|\b\d+ ledgers\+"),
    "local path": re.compile(r"(?:^|[\s(\"'=])(?:/(?:tmp|work|home|root|usr)/|tests/(?:corpus|ledgers)/|kit/data\b)"),
}


@pytest.fixture(scope="session")
def reader_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every notebook on every article of the test corpus and on the test ledgers no other session build
    renders, and the tracker over them, once a session (``python -m kit run --corpus ... --ledger ...``)."""
    with built_once(tmp_path_factory, "reader-build") as (folder, to_build):
        if to_build:
            ledgers = [arg for name in OTHER_LEDGERS for arg in ("--ledger", str(ROOT / "tests" / "ledgers" / name))]
            command = ["--corpus", str(CORPUS), *ledgers, "--out", str(folder / "out"), "--jobs", "2"]
            done = kit_run(*command, cwd=ROOT, timeout=1500)
            assert done.returncode == 0, done.stdout + done.stderr
    return folder / "out"


def reader_pages(out: Path) -> list[Path]:
    """A build's reader pages: each report and the index (not the full records, nor the run details)."""
    return sorted(
        page
        for page in out.rglob("*.html")
        if not page.name.endswith((".full.html", ".failed.html"))
        and page.name != "runs.html"
        and ".runs" not in page.parts
    )


def claim_ids(out: Path) -> set[str]:
    """Every claim id of every ledger a build shows (the packaged ledger's too)."""
    folders = [ROOT / "kit" / "data", *sorted(CORPUS.iterdir()), *sorted((ROOT / "tests" / "ledgers").iterdir())]
    return {
        str(claim)
        for folder in folders
        if (folder / "datapackage.json").is_file()
        for claim in _ledger.claims(folder)["claim_id"]
    }


def leaks(text: str, ids: set[str]) -> list[str]:
    """What in a page's visible text a reader should not see, named."""
    found = [f"{what}: {match.group(0)!r}" for what, pattern in LEAKS.items() for match in pattern.finditer(text)]
    words = set(re.findall(r"[A-Za-z0-9][A-Za-z0-9_/-]*[A-Za-z0-9]", text))
    found += [f"claim id: {claim!r}" for claim in sorted(ids & words) if "-" in claim]
    return found


def visible(browser, page_path: Path, viewport: dict) -> tuple[str, int, int, list[str]]:
    """The page as a browser shows it: its visible text, its scroll width and viewport width, its links."""
    page = browser.new_page(viewport=viewport)
    try:
        page.goto(page_path.as_uri())
        text = page.evaluate("document.body.innerText")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        width = page.evaluate("document.documentElement.clientWidth")
        links = page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
    finally:
        page.close()
    return text, scroll, width, links


def _check_build(browser, out: Path) -> None:
    pages = reader_pages(out)
    assert len(pages) > 2 and out / "index.html" in pages
    ids = claim_ids(out)
    index = (out / "index.html").as_uri()
    problems = []
    for path in pages:
        name = path.relative_to(out).as_posix()
        text, scroll, width, links = visible(browser, path, PHONE)
        problems += [f"{name}: {leak}" for leak in leaks(text, ids)]
        if scroll > width:
            problems.append(f"{name}: scrolls sideways at 390 px ({scroll} px wide)")
        if path.name != "index.html" and index not in links:
            problems.append(f"{name}: no link back to the index")
    assert not problems, "\n".join(problems)


@pytest.mark.e2e
def test_packaged_article_reader_pages(browser, default_build: Path) -> None:
    _check_build(browser, default_build)


@pytest.mark.e2e
def test_test_articles_reader_pages(browser, article_builds: Path) -> None:
    _check_build(browser, article_builds)


@pytest.mark.e2e
def test_corpus_and_other_ledgers_reader_pages(browser, reader_build: Path) -> None:
    _check_build(browser, reader_build)


@pytest.mark.e2e
def test_the_checks_find_the_build_on_the_full_pages(browser, article_builds: Path) -> None:
    """The same checks, on the full record of a page, find what the reader's page leaves out."""
    full = next(article_builds.glob("*/overview.full.html"))
    text, _, _, _ = visible(browser, full, PHONE)
    found = " ".join(leaks(text, claim_ids(article_builds)))
    assert "notebook name" in found and "parameter list" in found and "version hash" in found


def test_footer_embeds_the_cited_claims_as_csv(article_builds: Path) -> None:
    """The reader's footer names the article, links its original, and its CSV holds exactly the claims the
    page cites, with their quotes, in order of citation."""
    from kit.report.reader import cited_claims

    for article in ("second", "wildfire"):
        page = (article_builds / article / "overview.html").read_text(encoding="utf-8")
        footer = page[page.index('<footer class="kit-footer">') :]
        seed = _ledger.article(ROOT / "tests" / "ledgers" / article)
        if seed.url:
            assert f'href="{seed.url}"' in footer
        cited = cited_claims(page)
        assert cited, article
        href = re.search(r'href="data:text/csv;charset=utf-8,([^"]*)" download="[^"]+\.csv"', footer)
        assert href, article
        rows = list(csv.DictReader(io.StringIO(unquote(href.group(1)))))
        assert [row["claim_id"] for row in rows] == cited
        quotes = _ledger.claims(ROOT / "tests" / "ledgers" / article).set_index("claim_id")["quote"]
        assert all(row["quote"] == quotes[row["claim_id"]] for row in rows)


def test_landing_page_greys_what_does_not_apply_and_links_the_rest() -> None:
    """A report that does not apply is listed with its reason and no link; a failed run points to the run
    details; the others link their report with the line their notebook gives; the story comes first."""
    from kit.report import landing

    notebooks = {stem: next((ROOT / "notebooks").glob(f"{stem}-*.ipynb")) for stem in ("01", "06", "07")}
    story = [landing.listed(notebooks["07"], {}, "ok", "tracker.html", "")]
    reports = [
        landing.listed(notebooks["01"], {}, "not applicable", "a/estimates.html", "the ledger has no such thing"),
        landing.listed(notebooks["06"], {"topic": "troops"}, "ok", "a/overview-troops.html", ""),
        landing.listed(notebooks["06"], {}, "failed", None, "NameError: x"),
    ]
    entry = landing.article_entry(CORPUS / "2025-04-07-riverwire-flood", "article-a", reports)
    page = landing.landing_html(story, [entry])
    seed = _ledger.article(CORPUS / "2025-04-07-riverwire-flood")
    assert page.index('href="tracker.html"') < page.index('<section id="article-a">')
    assert f'href="{seed.url}"' in page and "7 April 2025" in page
    assert "a/estimates.html" not in page and "Not applicable: the ledger has no such thing." in page
    overview, line = landing.describe(notebooks["06"])
    assert f'<a href="a/overview-troops.html">{overview}: troops</a>' in page and line in page
    assert "NameError" not in page and 'href="runs.html"' in page
    assert "ipynb" not in page and "papermill" not in page.lower()
    svg = landing.listed(notebooks["01"], {"figure_format": "svg"}, "ok", "a/estimates-svg.html", "")
    assert svg.headline == landing.describe(notebooks["01"])[0]  # how a page is drawn is not what it shows
    assert svg.line == "The same report with its charts as SVG, for print and for editing in a drawing program."
    assert landing.listed(notebooks["01"], {}, "ok", "a/estimates.html", "").line != svg.line


def test_a_note_names_speaker_outlet_and_date_and_hides_the_id() -> None:
    """A numbered note: who said it, in which outlet on which date (linked to the article), the quote; the claim id
    only in the anchor's attributes; an outlet's own reporting names the outlet once."""
    import pandas as pd

    from kit.report.markdown import note

    row = {"claimant_name": "Hanna Veld", "outlet": "Riverwire", "published": pd.Timestamp("2025-04-08")}
    row |= {"url": "https://riverwire.example/a", "quote": "Seven people have died"}
    said = note("flood/veld-seven-dead", pd.Series(row))
    anchor = '<span id="claim-flood-veld-seven-dead" data-claim="flood/veld-seven-dead"></span>'
    link = '<a href="https://riverwire.example/a">Riverwire, 8 April 2025</a>'
    assert said == f"{anchor}Hanna Veld, {link}: \u201cSeven people have died\u201d"
    own = note("x", pd.Series({**row, "claimant_name": "Riverwire"}))
    assert own.count("Riverwire") == 1 and "<code>" not in own


@pytest.mark.e2e
def test_the_checks_find_a_wide_page_without_a_way_back(browser, tmp_path: Path) -> None:
    """A broken copy: a report with a 900 px table, no link to the index and a claim id in its text fails the
    build check with each problem named."""
    (tmp_path / "index.html").write_text('<html><body><a href="a/page.html">A</a></body></html>', encoding="utf-8")
    (tmp_path / "a").mkdir()
    claim = next(claim for claim in sorted(claim_ids(tmp_path)) if "-" in claim)
    wide = f'<html><body><div style="width:900px">{claim}</div><a href="page.full.html">x</a></body></html>'
    (tmp_path / "a" / "page.html").write_text(wide, encoding="utf-8")
    (tmp_path / "a" / "other.html").write_text('<a href="../index.html">back</a>', encoding="utf-8")
    with pytest.raises(AssertionError) as failed:
        _check_build(browser, tmp_path)
    message = str(failed.value)
    assert "a/page.html: scrolls sideways at 390 px" in message and "a/page.html: no link back" in message
    assert f"a/page.html: claim id: {claim!r}" in message and "a/other.html" not in message


def test_each_line_of_the_index_is_a_whole_sentence() -> None:
    """Found on a real report's index: the estimates line stopped inside its parenthesis, "... as a level (a count
    or amount at a time." A ";" or "." inside brackets does not end the sentence."""
    from kit.report import landing  # as the landing test above: the report layer, imported where it is used

    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")):
        line = landing.describe(path)[1]
        assert line.count("(") == line.count(")") and line.endswith("."), (path.name, line)
    assert landing.describe(NOTEBOOKS / "01-estimates.ipynb")[1].endswith("drawn as the article qualifies it.")


def test_a_table_column_says_something_only_where_the_ledger_does() -> None:
    """Found on a real report: "Stages: same stage" and "Measure: total" in every row of a ledger with no stages and
    no measure but totals. The packaged ledger has both (brigades and soldiers per brigade), so keeps them."""
    from kit.report import annotated, reconciliation
    from kit.report.params import check

    port = reconciliation.pairs_table(check(ledger=str(ROOT / "tests" / "ledgers" / "port"))).data
    assert port.splitlines()[0] == "| Quantity | Estimate | Against | Verdict |"
    packaged = reconciliation.pairs_table(check()).data
    assert packaged.splitlines()[0] == "| Quantity | Measure | Estimate | Against | Stages | Verdict |"
    assert not any("kit draft" in meaning or "python" in meaning for meaning in annotated.MEANINGS.values())
