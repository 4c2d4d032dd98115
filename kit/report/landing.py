"""The index of a batch as a landing page: what a reader opens first.

It names the story (the headline of its most recent article, or the one article's headline), then the story's
reports (the tracker) and each article: its headline, outlet and date, a link to the original, and its
reports, each with the one line its notebook gives about what it shows. A report that does not apply to an
article is listed in grey with its reason and no link (its page would have nothing to show); one that did not
run says so and points to the run details. Slugs, notebooks, parameters, seconds and versions are on the
``runs.html`` page and in the batch's summary, never here. The page is plain HTML and CSS that reads at
390 px.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

#: The run details page, beside the index.
RUNS_PAGE = "runs.html"
#: The parameters that narrow what a page shows (kit.report.params), named after its headline ("Overview:
#: evacuations"); the others (ledger, figure format, style) do not change what a reader is told.
NARROWING = ("topic", "side", "claimant")
#: How a run draws its page, when not the house default, in the words its index line gives: a second run of one
#: notebook that only draws differently says so, instead of reading as the same report listed twice.
DRAWN_DIFFERENTLY = {
    ("figure_format", "svg"): "charts as SVG, for print and for editing in a drawing program",
    ("style", "large"): "charts in large type, for small screens",
}


@dataclass(frozen=True)
class Listed:
    """One report as the landing page lists it: its headline, what it shows, where it is and how its run ended."""

    headline: str
    line: str
    href: str | None
    status: str
    reason: str = ""


@dataclass(frozen=True)
class Entry:
    """One article and its reports; ``problem`` when its ledger could not be read."""

    anchor: str
    headline: str
    outlet: str = ""
    published: datetime | None = None
    url: str = ""
    reports: list[Listed] = field(default_factory=list)
    problem: str = ""


def describe(notebook: Path) -> tuple[str, str]:
    """A notebook's headline (its first level-one heading) and its first sentence of introduction, in plain
    words; the file's stem and "" when it has neither."""
    try:
        cells = json.loads(Path(notebook).read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return Path(notebook).stem, ""
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        source = "".join(cell.get("source", []))
        heading = re.search(r"^#\s+(.+?)\s*$", source, re.MULTILINE)
        if not heading:
            continue
        rest = source[heading.end() :].strip()
        first = re.split(r"\n\s*\n", rest, maxsplit=1)[0] if rest else ""
        sentence = _first_sentence(re.sub(r"[`*_]", "", " ".join(first.split())))
        return heading.group(1).strip(), sentence.rstrip(":;") + ("." if sentence and sentence[-1] in ":;" else "")
    return Path(notebook).stem, ""


def _first_sentence(text: str) -> str:
    """Text up to the first ".", ";" or ":" that ends a sentence outside brackets ("... as a level (a count or amount
    at a time; parts ... their own), every estimate ..." is one sentence: its ";" is inside the parenthesis)."""
    depth = 0
    for at, char in enumerate(text):
        depth += (char in "([") - (char in ")]")
        if depth <= 0 and char in ".;:" and (at + 1 == len(text) or text[at + 1].isspace()):
            return text[: at + 1]
    return text


def listed(notebook: Path, parameters: dict[str, Any], status: str, report: str | None, error: str) -> Listed:
    """One run as a reader sees it: the notebook's headline (with the values it was narrowed to), its line,
    and a link only when there is a report with something to show."""
    headline, line = describe(notebook)
    narrowed = [str(value) for name, value in parameters.items() if name in NARROWING]
    narrowed = [value for value in narrowed if value and value != "None"]
    if narrowed:
        headline = f"{headline}: {', '.join(narrowed)}"
    drawn = [
        DRAWN_DIFFERENTLY[key] for key in ((str(k), str(v)) for k, v in parameters.items()) if key in DRAWN_DIFFERENTLY
    ]
    if drawn:
        line = f"The same report with its {' and its '.join(drawn)}."
    if status == "not applicable":
        return Listed(headline, line, None, status, error)
    if status in ("ok", "cached"):
        return Listed(headline, line, report, status)
    return Listed(headline, line, None, status, f"not available ({status})")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def date_words(published: datetime | None) -> str:
    """A publication date as a reader writes it: "7 April 2025"; "undated" without one."""
    return published.strftime("%-d %B %Y") if published is not None else "undated"


def _report(item: Listed) -> str:
    line = f'<span class="line">{_e(item.line)}</span>' if item.line else ""
    if item.href:
        return f'<li><a href="{_e(item.href)}">{_e(item.headline)}</a>{line}</li>'
    if item.status == "not applicable":
        why = f'<span class="line">Not applicable: {_e(item.reason)}.</span>'
        return f'<li class="inapplicable"><span class="name">{_e(item.headline)}</span>{why}</li>'
    why = f'<span class="line">{_e(item.reason)}: see <a href="{RUNS_PAGE}">the run details</a>.</span>'
    return f'<li class="inapplicable"><span class="name">{_e(item.headline)}</span>{why}</li>'


def _reports(items: Sequence[Listed]) -> str:
    return '<ul class="reports">\n' + "\n".join(_report(item) for item in items) + "\n</ul>"


def _facts(entry: Entry) -> str:
    """Outlet and date, and a link to the original article where the ledger has its URL."""
    facts = _e(f"{entry.outlet or 'outlet not recorded'}, {date_words(entry.published)}")
    if entry.url:
        facts += f' · <a href="{_e(entry.url)}">Read the original article</a>'
    return facts


def _article(entry: Entry, level: int) -> str:
    """An article's section; ``level`` 0 on a page of one article, whose headline and facts open the page."""
    problem = f'<p class="problem">{_e(entry.problem)}</p>' if entry.problem else ""
    heading = f'<h{level}>{_e(entry.headline)}</h{level}>\n<p class="facts">{_facts(entry)}</p>\n' if level else ""
    return f'<section id="{_e(entry.anchor)}">\n{heading}{problem}{_reports(entry.reports)}\n</section>'


def _utc(when: datetime) -> datetime:
    """A publication time comparable with any other: a date with a time zone in UTC, a plain date as given (an
    outlet that states no zone is read as UTC), so a corpus of both kinds sorts instead of raising TypeError."""
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when


def story_line(articles: Sequence[Entry]) -> str:
    """How many articles and outlets the story has, and the dates it spans."""
    outlets = {entry.outlet for entry in articles if entry.outlet}
    dates = sorted((entry.published for entry in articles if entry.published is not None), key=_utc)
    count = f"{len(articles)} article{'s' * (len(articles) != 1)} from {len(outlets)} outlet{'s' * (len(outlets) != 1)}"
    if not dates:
        return count
    if dates[0].date() == dates[-1].date():
        return f"{count}, {date_words(dates[0])}"
    return f"{count}, {date_words(dates[0])} to {date_words(dates[-1])}"


_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 1.5rem auto; max-width: 44rem;
  padding: 0 1rem; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.6rem; line-height: 1.25; margin-bottom: 0.3rem; }
h2 { font-size: 1.2rem; line-height: 1.3; margin: 2rem 0 0.2rem; }
.facts, .lede { color: #4a4a4a; margin: 0.2rem 0 0.6rem; }
a { color: #0b5394; }
ul.reports { list-style: none; padding: 0; margin: 0; }
ul.reports li { padding: 0.5rem 0; border-bottom: 1px solid #e3e3e3; }
ul.reports li a { font-weight: 600; }
.line { display: block; color: #4a4a4a; font-size: 0.92em; }
.inapplicable .name { color: #595959; font-weight: 600; }
.inapplicable .line { font-style: italic; }
.problem { color: #a11; }
footer { margin: 2.5rem 0 1rem; padding-top: 0.5rem; border-top: 1px solid #ccc; color: #4a4a4a; font-size: 0.9em; }
* { overflow-wrap: anywhere; }
"""


def landing_html(story: Sequence[Listed], articles: Sequence[Entry], *, title: str = "") -> str:
    """The landing page: the story's headline, its own reports first, then each article with its reports
    (one article: its headline is the page's)."""
    one = len(articles) == 1
    title = title or (articles[0].headline if one else (articles[-1].headline if articles else "Reports"))
    parts = [f"<h1>{_e(title)}</h1>"]
    if one:
        parts.append(f'<p class="lede">{_facts(articles[0])}</p>')
    elif articles:
        parts.append(f'<p class="lede">{_e(story_line(articles))}.</p>')
    if story:
        parts.append(
            '<section id="story">\n<h2>The whole story</h2>\n'
            '<p class="facts">Every article below, read together.</p>\n' + _reports(story) + "\n</section>"
        )
    parts += [_article(entry, 0 if one else 2) for entry in articles]
    parts.append(f'<footer><a href="{RUNS_PAGE}">Run details</a>: how each report was built.</footer>')
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(parts)
        + "\n</main>\n</body>\n</html>\n"
    )


def article_entry(folder: Path, anchor: str, reports: list[Listed]) -> Entry:
    """An article as its ledger names it; a ledger that cannot be read gives its folder's name and says so."""
    from kit import ledger as _ledger

    try:
        seed = _ledger.article(folder)
    except Exception:  # a broken ledger: its runs failed, and the run details say why
        problem = "Its ledger does not validate: python -m kit validate shows why."
        return Entry(anchor, Path(folder).name, reports=reports, problem=problem)
    return Entry(anchor, seed.title, seed.outlet, seed.published, seed.url, reports)
