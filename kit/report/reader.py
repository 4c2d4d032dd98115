"""The reader's page of a run: the report without the build around it, and one short footer of provenance.

A reader (an editor, a subscriber) sees findings, speakers, outlets and quotes. Which notebook ran, with
which parameters, on which folder, at which content hash belongs to the ``.full.html`` page. So the reader's
page drops the notebook's note to whoever runs it (its "Parameters (papermill)" paragraph) and the output
of its provenance cell, and ends instead with a footer that says where the data comes from: each article
(outlet and date, linked to the original), the ledger's name and version (the content hash only in a data
attribute), and the claims the page cites as a CSV download embedded in the page (a ``data:`` URL, so it
works offline). The page links back to the index of its batch, and its browser tab reads its headline.
"""

from __future__ import annotations

import copy
import html
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

#: The paragraph of a notebook's introduction that speaks to whoever runs the notebook, not to its reader.
RUNNER_NOTE = "Parameters (papermill)"
#: A code cell whose output is the run's provenance (``narrative.provenance``, ``tracker.provenance``).
PROVENANCE_CALL = re.compile(r"\bprovenance\(")
#: Where a page says which claim a citation names (kit.report.markdown.cited): ``data-claim="ID"``, or
#: ``data-claim="ARTICLE/ID"`` on a page of many articles.
_CLAIM_ATTR = re.compile(r'\bdata-claim="([^"]*)"')
#: The columns of the cited claims' CSV, as the ledger names them (those present are written).
CSV_COLUMNS = (
    "claim_id",
    "quantity",
    "kind",
    "value",
    "value_high",
    "unit",
    "bound",
    "as_written",
    "claimant",
    "claimant_name",
    "side",
    "when_written",
    "when",
    "quote",
)


def reader_notebook(nb: Any) -> Any:
    """A copy of the executed notebook as its reader sees it: no note to the runner, no provenance output, and no
    text a kernel wrote to stderr (a library's warning names files on the machine that ran it; the ``.full.html``
    page keeps it)."""
    shown = copy.deepcopy(nb)
    for cell in shown.cells:
        if cell.cell_type == "code":
            cell.outputs = [out for out in cell.get("outputs", []) if out.get("name") != "stderr"]
        if cell.cell_type == "markdown":
            paragraphs = re.split(r"\n\s*\n", cell.source)
            cell.source = "\n\n".join(part for part in paragraphs if not part.lstrip().startswith(RUNNER_NOTE))
        elif cell.cell_type == "code" and PROVENANCE_CALL.search(cell.source):
            cell.outputs = []
    return shown


def headline(nb: Any, fallback: str) -> str:
    """The page's headline: the first level-one heading of its notebook (the browser tab shows it)."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found = re.search(r"^#\s+(.+?)\s*#*\s*$", cell.source, re.MULTILINE)
            if found:
                return found.group(1).strip()
    return fallback


def index_href(run_name: str) -> str:
    """The index page, relative to a run's report: OUT/NAME.html and OUT/ARTICLE/NAME.html both reach
    OUT/index.html."""
    return "../" * run_name.count("/") + "index.html"


def cited_claims(page: str) -> list[str]:
    """The claims a rendered page cites, in order of first citation (from their data attributes)."""
    return list(dict.fromkeys(html.unescape(found) for found in _CLAIM_ATTR.findall(page)))


def _date(article: Any) -> str:
    return article.published.strftime("%-d %B %Y") if article.published is not None else "undated"


def _article_line(article: Any) -> str:
    """Outlet and date, linked to the original article where the ledger has its URL; the headline in quotes."""
    said = html.escape(f"{article.outlet or 'outlet not recorded'}, {_date(article)}")
    if article.url:
        said = f'<a href="{html.escape(article.url, quote=True)}">{said}</a>'
    return f"\u201c{html.escape(article.title)}\u201d, {said}"


def cited_csv(ledgers: Sequence[Path], cited: Sequence[str]) -> str:
    """The cited claims as CSV text, one row per claim in order of citation; an ``article`` column first
    when the page reads many ledgers (its citations then name ARTICLE/ID)."""
    import pandas as pd

    from kit import ledger as _ledger

    many = len(ledgers) > 1
    frames = []
    for folder in ledgers:
        rows = _ledger.claims_with_sources(folder)
        keys = (Path(folder).name + "/" + rows["claim_id"].astype(str)) if many else rows["claim_id"].astype(str)
        rows = rows.assign(_key=keys.to_numpy())
        if many:
            rows = rows.assign(article=Path(folder).name)
        frames.append(rows[rows["_key"].isin(cited)])
    frame = pd.concat(frames, ignore_index=True).drop_duplicates("_key").set_index("_key")
    frame = frame.loc[[key for key in cited if key in frame.index]]
    columns = (["article"] if many else []) + [column for column in CSV_COLUMNS if column in frame.columns]
    buffer = io.StringIO()
    frame[columns].to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def data_url(text: str, media_type: str = "text/csv") -> str:
    """Text as a ``data:`` URL: a download that needs no server and no network."""
    return f"data:{media_type};charset=utf-8,{quote(text, safe='')}"


def footer_html(ledgers: Sequence[Path], cited: Sequence[str], download_name: str) -> str:
    """One short footer: where the data comes from, the ledger's name and version, the cited claims as CSV."""
    from kit import ledger as _ledger

    articles, versions = [], []
    for folder in ledgers:
        try:
            articles.append(_article_line(_ledger.article(folder)))
            package = _ledger.package(folder)
            version = _ledger.ledger_version(folder)
        except Exception:  # a broken ledger: its run says why on the full page
            continue
        name = html.escape(str(package.get("name") or Path(folder).name))
        shown = html.escape(version.split("+", 1)[0])
        versions.append(f'<span data-version="{html.escape(version, quote=True)}">{name} {shown}</span>')
    if not articles:
        return ""
    lines = [f"<p>Source: {'; '.join(articles)}.</p>"]
    ledger_word = "ledger" if len(versions) == 1 else "ledgers"
    data = f"Data: the {ledger_word} {', '.join(versions)}, each figure with its verbatim quote."
    if cited:
        csv = cited_csv(ledgers, cited)
        href = html.escape(data_url(csv), quote=True)
        name = html.escape(download_name, quote=True)
        data += f' <a href="{href}" download="{name}">Download the cited claims (CSV)</a>.'
    lines.append(f"<p>{data}</p>")
    return '<footer class="kit-footer">\n' + "\n".join(lines) + "\n</footer>"


def nav_html(run_name: str) -> str:
    """The link back to the batch's index, above the page's headline."""
    return f'<nav class="kit-nav"><a href="{index_href(run_name)}">\u2190 All reports</a></nav>'
