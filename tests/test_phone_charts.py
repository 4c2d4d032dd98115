"""Charts readable on a phone: in headless Chromium at a 390 px viewport, every chart of a reader's page is shown
at a size where its smallest text is at least MIN_TEXT_PX CSS pixels, and the page does not scroll sideways.

The pages are made in process from real sections (the budget test ledger and a copy of the packaged one, map
included): each chart is displayed as a notebook shows it (kit.report.marks.show, with its phone rendering) and the
notebook is rendered to the reader's page (kit.report.html). The smallest text of each PNG is read from the figure it
was drawn from (every visible text: titles, ticks, labels, legends); on the page, a text of P points in a PNG of
natural width N shown C CSS pixels wide is P * PNG_DPI / 72 * C / N pixels tall.
"""

from __future__ import annotations

import base64
from pathlib import Path

import matplotlib.pyplot as plt
import nbformat
import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output
from matplotlib.text import Text
from shared import ROOT

from kit.report import html, narrow, sections, style
from kit.report.params import check

#: The least height of chart text on a phone, in CSS pixels (about 7 points: small print, still read).
MIN_TEXT_PX = 9.0
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
BUDGET = ROOT / "tests" / "ledgers" / "budget"
PAGES = (
    (BUDGET, ("estimates", "over_time", "parts_and_shares", "reconciliation")),
    (None, ("overview",)),  # the packaged ledger's copy: the map
)


def smallest_text_pt(figure) -> float:
    """The size in points of the smallest visible, non-empty text of a drawn figure."""
    sizes = [
        text.get_fontsize()
        for text in figure.findobj(Text)
        if text.get_visible() and text.get_text().strip() and text.get_figure() is figure
    ]
    return min(sizes)


@pytest.fixture(scope="module")
def page_outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[list, dict[str, float]]:
    """The displayed outputs of the pages' sections, and each PNG's smallest text in points (by its base64)."""
    import shutil

    packaged = tmp_path_factory.mktemp("packaged") / "ledger"
    shutil.copytree(ROOT / "kit" / "data", packaged, symlinks=False, ignore=shutil.ignore_patterns("*.md"))
    smallest: dict[str, float] = {}
    original = style.to_bytes

    def recorded(figure, figure_format: str = "png") -> bytes:
        data = original(figure, figure_format)
        smallest[base64.b64encode(data).decode("ascii")] = smallest_text_pt(figure)  # drawn: ticks are laid out
        return data

    InteractiveShell.instance()  # display() publishes to a shell, as in a kernel
    patch = pytest.MonkeyPatch()
    patch.setattr(style, "to_bytes", recorded)
    outputs = []
    try:
        for ledger, pages in PAGES:
            params = check(ledger=str(ledger or packaged))
            for page in pages:
                with capture_output() as captured:
                    sections.show(getattr(sections, page)(params), params, page)
                outputs += captured.outputs
    finally:
        patch.undo()
        plt.close("all")
    return outputs, smallest


def write_page(outputs: list, folder: Path, phone: bool = True) -> Path:
    """The reader's page of a notebook that displayed ``outputs`` (without the phone renderings unless ``phone``)."""
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("sections.show(...)")
    for output in outputs:
        metadata = {key: value for key, value in output.metadata.items() if phone or key != narrow.KEY}
        cell.outputs.append(nbformat.v4.new_output("display_data", data=output.data, metadata=metadata))
    nb.cells = [nbformat.v4.new_markdown_cell("# Charts on a phone"), cell]
    path = folder / ("phone.html" if phone else "wide-only.html")
    path.write_text(html.notebook_html(nb, with_code=False, title="phone"), encoding="utf-8")
    return path


def shown_text(browser, path: Path, viewport: dict, smallest: dict[str, float]) -> tuple[list[tuple], int, int]:
    """Each chart image as the browser shows it: (smallest text in CSS px, shown width, natural width); and the
    page's scroll width and viewport width."""
    page = browser.new_page(viewport=viewport)
    try:
        page.goto(path.as_uri())
        images = page.evaluate(
            "Array.from(document.images).map(i => [i.currentSrc, i.getBoundingClientRect().width, i.naturalWidth])"
        )
        scroll = page.evaluate("document.documentElement.scrollWidth")
        width = page.evaluate("document.documentElement.clientWidth")
    finally:
        page.close()
    shown = []
    for source, displayed, natural in images:
        points = smallest[source.split("base64,", 1)[1]]
        shown.append((points * style.PNG_DPI / 72 * displayed / natural, displayed, natural))
    return shown, scroll, width


def test_every_chart_keeps_its_text_readable_at_390_px(browser, page_outputs, tmp_path: Path) -> None:
    outputs, smallest = page_outputs
    path = write_page(outputs, tmp_path)
    shown, scroll, width = shown_text(browser, path, PHONE, smallest)
    assert len(shown) >= 8  # estimates, over time, shares, reconciliation, the map...
    assert scroll <= width, f"the page scrolls sideways at 390 px ({scroll} px wide)"
    too_small = [(round(px, 1), displayed, natural) for px, displayed, natural in shown if px < MIN_TEXT_PX]
    assert not too_small, f"chart text under {MIN_TEXT_PX} px at 390 px (px, shown, natural width): {too_small}"
    assert {natural for _, _, natural in shown} == {style.NARROW_PX * style.PNG_DPI // style.DISPLAY_DPI}
    # on a desktop, the wide rendering, at its own size
    wide, _, _ = shown_text(browser, path, DESKTOP, smallest)
    assert {(displayed, natural) for _, displayed, natural in wide} == {
        (style.WIDTH_PX, style.WIDTH_PX * style.PNG_DPI // style.DISPLAY_DPI)
    }
    assert min(px for px, _, _ in wide) >= MIN_TEXT_PX


def test_the_check_sees_a_wide_chart_shrunk_into_a_phone(browser, page_outputs, tmp_path: Path) -> None:
    """The measure must be able to fail: the same page without the phone renderings shows 800 px charts in the
    phone's column, their text at about 4 to 6 px."""
    outputs, smallest = page_outputs
    shown, _, _ = shown_text(browser, write_page(outputs, tmp_path, phone=False), PHONE, smallest)
    assert shown and max(px for px, _, _ in shown) < MIN_TEXT_PX


def _tables(browser, path: Path) -> list[list[int]]:
    """Each table's content width and shown width at 390 px, and how many of its cells show a heading before them."""
    page = browser.new_page(viewport=PHONE)
    try:
        page.goto(path.as_uri())
        return page.evaluate(
            """Array.from(document.querySelectorAll('main table')).map(t => [t.scrollWidth, t.clientWidth,
               Array.from(t.querySelectorAll('td')).filter(
                 c => getComputedStyle(c, '::before').content.length > 2).length])"""
        )
    finally:
        page.close()


def test_tables_read_as_one_card_per_row_at_390_px(browser, page_outputs, tmp_path: Path) -> None:
    """Found by looking: the overview's key figures at 390 px were a six-column grid of one-word lines that
    scrolled sideways inside its box. Each row is now a card, each value under its column's heading."""
    outputs, _ = page_outputs
    path = write_page(outputs, tmp_path)
    tables = _tables(browser, path)
    assert len(tables) >= 2  # the overview's key figures and sources
    assert all(content <= shown for content, shown, _ in tables), tables
    assert all(labelled > 0 for _, _, labelled in tables), tables
    # the check can fail: the same page with its tables as a plain grid scrolls inside a table's box
    path.write_text(path.read_text(encoding="utf-8").replace('class="kit-cards"', ""), encoding="utf-8")
    assert any(content > shown for content, shown, _ in _tables(browser, path))
