"""Ledger text is shown, never run: a hostile name or quote stays literal in a rendered report.

Ledgers are edited by hand and reports are opened by people who click on them. A claimant named
like an HTML tag, or a quote full of Markdown and dollar signs, must reach the reader as those very
characters: no script runs, no element is created, and ``$`` never turns the narrative into LaTeX.
The check opens the rendered report in headless Chromium, as a reader would.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from kit.paths import DEFAULT_LEDGER
from kit.report import html as render
from kit.run.execute import execute

ROOT = Path(__file__).resolve().parents[1]
HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_SENTENCE = "Aides said <b>*around*</b> 1,500 _more_ [link](javascript:alert(3)) soldiers cost $5 and $6 each."
HOSTILE_QUOTE = "<b>*around*</b> 1,500 _more_ [link](javascript:alert(3)) soldiers cost $5 and $6"


@pytest.fixture(scope="module")
def hostile_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid ledger whose claimant name and quote are made of HTML, Markdown and dollar signs."""
    folder = tmp_path_factory.mktemp("hostile") / "ledger"
    shutil.copytree(DEFAULT_LEDGER, folder, symlinks=False)
    seed = next(folder.glob("000_*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8") + HOSTILE_SENTENCE + "\n", encoding="utf-8")
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        if resource["name"] == "article":
            resource["hash"] = "sha256:" + hashlib.sha256(seed.read_bytes()).hexdigest()
    (folder / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    sources = (folder / "sources.csv").read_text(encoding="utf-8")
    (folder / "sources.csv").write_text(sources.replace("us-austin,Lloyd Austin,", f"us-austin,{HOSTILE_NAME},"))
    quote = HOSTILE_QUOTE.replace('"', '""')
    row = (
        f'aides-1500,troops,nk-soldiers-in-russia,1500,soldiers,total,about,"1,500",us-austin,arrived,,,aides,"{quote}"'
    )
    with (folder / "claims.csv").open("a", encoding="utf-8") as handle:
        handle.write(row + "\n")
    import kit

    assert [str(p) for p in kit.validate(folder) if p.severity == "error"] == []
    return folder


@pytest.mark.parametrize("notebook", ["01-troop-estimates.ipynb", "04-overview.ipynb"])
def test_hostile_ledger_text_stays_literal_in_the_report(notebook, hostile_ledger: Path, browser, tmp_path: Path):
    executed = execute(ROOT / "notebooks" / notebook, tmp_path / notebook, parameters={"ledger": str(hostile_ledger)})
    page_path = tmp_path / "report.html"
    page_path.write_text(render.notebook_html(executed, with_code=False, title="hostile"), encoding="utf-8")

    dialogs: list[str] = []
    page = browser.new_page()
    try:
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(page_path.resolve().as_uri(), wait_until="load")
        page.wait_for_timeout(500)  # an onerror handler fires after the failed image load
        text = page.inner_text("body")
        planted = page.evaluate(
            """() => ({
                images: Array.from(document.images).filter(i => !i.src.startsWith('data:')).length,
                handlers: document.querySelectorAll('[onerror], [onclick], [onload]').length,
                scripts: Array.from(document.scripts).filter(s => s.textContent.includes('alert')).length,
                bold: Array.from(document.querySelectorAll('b')).filter(b => b.textContent.includes('around')).length,
                links: Array.from(document.links).filter(a => a.href.startsWith('javascript:')).length,
                math: document.querySelectorAll('mjx-container, .MathJax, math').length,
            })"""
        )
    finally:
        page.close()
    assert dialogs == []
    assert planted == {"images": 0, "handlers": 0, "scripts": 0, "bold": 0, "links": 0, "math": 0}
    # The reader sees the characters themselves.
    assert HOSTILE_NAME in text
    if notebook == "04-overview.ipynb":  # the key-figures table quotes every claim
        assert HOSTILE_QUOTE in text
