"""Ledger text is shown, never run: a hostile name or quote stays literal in a rendered report.

Ledgers are edited by hand and reports are opened by people who click on them. A claimant named
like an HTML tag, or a quote full of Markdown and dollar signs, must reach the reader as those very
characters: no script runs, no element is created, and ``$`` never turns the narrative into LaTeX.
The check opens the rendered report in headless Chromium, as a reader would.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest
from tiny_notebooks import real_notebook

from kit.paths import DEFAULT_LEDGER
from kit.report import html as render
from kit.run.execute import execute

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
    with (folder / "claims.csv").open(encoding="utf-8", newline="") as handle:
        template = next(row for row in csv.DictReader(handle) if row["unit"] == "soldiers" and row["kind"] == "level")
    row = dict.fromkeys(template, "")  # every column of the ledger's own schema, whatever it is today
    row.update(
        {key: template[key] for key in ("topic", "quantity", "kind", "unit", "stage") if key in template},
        claim_id="aides-1500",
        value="1500",
        bound="exact",  # the markup hides "around" from the qualifier check
        as_written="1,500",
        claimant="us-austin",
        counts="aides",
        quote=HOSTILE_QUOTE,
    )
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow(row.values())
    with (folder / "claims.csv").open("a", encoding="utf-8") as handle:
        handle.write(line.getvalue())
    import kit

    assert [str(p) for p in kit.validate(folder) if p.severity == "error"] == []
    return folder


@pytest.mark.parametrize("pattern", ["01-*.ipynb", "*-overview.ipynb"])
def test_hostile_ledger_text_stays_literal_in_the_report(pattern, hostile_ledger: Path, browser, tmp_path: Path):
    notebook = real_notebook(pattern)
    executed = execute(notebook, tmp_path / notebook.name, parameters={"ledger": str(hostile_ledger)})
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
    if "overview" in notebook.name:  # the key-figures table quotes every claim
        assert HOSTILE_QUOTE in text
