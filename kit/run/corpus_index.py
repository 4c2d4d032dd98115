"""The index of a batch over a corpus: the story's reports first, then a section per article.

Each article's section names it as a reader knows it (headline, outlet, publication date, read from its
ledger) and lists its reports with their status, as the single-article index does; articles follow in order
of publication. The page holds no absolute path and no time of day, so a batch with nothing new rewrites it
byte for byte (and :func:`kit.run.outputs.write_page` then leaves the file alone).
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from kit.run.articles import Article, Identity, Planned, identity
from kit.run.outputs import index_row, write_page


def _notebook(planned: Planned, runs_file: Path) -> str:
    """The notebook as the runs file names it: relative to its folder, so the page is the same from any folder."""
    return Path(os.path.relpath(planned.listed.notebook, runs_file.parent.resolve())).as_posix()


def _row(out: Path, planned: Planned, runs_file: Path) -> Any:
    """A run's row under its article: its name and parameters as the runs file writes them (the section says which
    ledger), links relative to the index."""
    row, _ = index_row(out, planned.run)
    listed = planned.listed
    return replace(row, name=listed.name, parameters=listed.parameters, notebook=_notebook(planned, runs_file))


def _table(rows: Sequence[Any]) -> str:
    """The index's table of runs, as :func:`kit.report.html.index_html` draws it for the single-article index."""
    from kit.report.html import index_html

    page = index_html(rows)
    return page[page.index("<table>") : page.index("</table>") + len("</table>")]


def _section(anchor: str, heading: str, lines: list[str], table: str) -> str:
    body = "".join(f"\n{line}" for line in lines)
    return f'<section id="{html.escape(anchor)}">\n<h2>{html.escape(heading)}</h2>{body}\n{table}\n</section>'


def _article_section(article: Article, found: Identity, table: str) -> str:
    facts = " · ".join(part for part in (found.outlet, found.date or "undated") if part)
    lines = [f'<p class="muted">{html.escape(facts)} · <code>{html.escape(article.id)}</code></p>']
    if found.problem:
        lines.append(f'<p class="error">{html.escape(found.problem)}: python -m kit validate shows why</p>')
    return _section(f"article-{article.id}", found.headline, lines, table)


def corpus_index_html(out: Path, planned: Sequence[Planned], runs_file: Path) -> str:
    """The grouped index page: story runs first, then each article's runs under its headline, by publication date."""
    from kit.report.html import index_html

    story = [_row(out, item, runs_file) for item in planned if item.article is None]
    by_article: dict[Article, list[Any]] = {}
    for item in planned:
        if item.article is not None:
            by_article.setdefault(item.article, []).append(_row(out, item, runs_file))
    found = {article: identity(article) for article in by_article}
    order = sorted(by_article, key=lambda article: (found[article].order(), article.id))
    count = len(by_article)
    title = f"Reports on {count} article{'s' * (count != 1)}"
    note = (
        f"Runs listed in {runs_file.name}: a story run reads every article at once, the others run once per "
        f"article; rebuild with: python -m kit run --ledger DIR ... or --corpus FOLDER"
    )
    head = index_html([], title=title, note=note)
    sections = []
    if story:
        lines = [f'<p class="muted">Every article below, read together ({count}).</p>']
        sections.append(_section("story", "The story, across every article", lines, _table(story)))
    sections += [_article_section(article, found[article], _table(by_article[article])) for article in order]
    return head[: head.index("<table>")] + "\n".join(sections) + "\n</body>\n</html>\n"


def landing_page(out: Path, planned: Sequence[Planned]) -> str:
    """The landing page of a batch over a corpus: the story's reports first, then each article by publication
    date, with its reports (kit.report.landing)."""
    from kit.report import landing
    from kit.run.outputs import listed

    story = [listed(out, item.run, index_row(out, item.run)[0]) for item in planned if item.article is None]
    by_article: dict[Article, list[Any]] = {}
    for item in planned:
        if item.article is not None:
            by_article.setdefault(item.article, []).append(listed(out, item.run, index_row(out, item.run)[0]))
    found = {article: identity(article) for article in by_article}
    order = sorted(by_article, key=lambda article: (found[article].order(), article.id))
    entries = [
        landing.article_entry(article.absolute(), f"article-{article.id}", by_article[article]) for article in order
    ]
    return landing.landing_html(story, entries)


def write_corpus_index(out: Path, planned: Sequence[Planned], runs_file: Path) -> Path:
    """Rewrite OUT/runs.html (every run's details, grouped by article) and OUT/index.html (the landing page) for
    a batch over a corpus, from every run's recorded state (each only if it changed)."""
    from kit.report.landing import RUNS_PAGE

    write_page(out, corpus_index_html(out, planned, runs_file), RUNS_PAGE)
    return write_page(out, landing_page(out, planned))
