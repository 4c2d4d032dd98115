"""What a reader of the HTML reports gets: alt text on every chart, and pages that do not apply said so."""

from __future__ import annotations

import re
from pathlib import Path

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
