"""Render executed notebooks and the run index as standalone HTML pages that open offline.

A report is read by people who did not run it, often away from the network: every
image is embedded and nothing (script, font, style, image) is fetched from another
host. nbconvert's default page links require.js, MathJax and mermaid from CDNs, so
pages use the kit's own template (``kit/templates/kit_report``) and a last pass
removes any outside reference a notebook's output or narrative might carry.

nbconvert is imported only when a notebook is rendered, so that a batch rerun where
everything is cached stays fast.
"""

from __future__ import annotations

import copy
import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from kit.paths import KIT_DIR
from kit.report import narrow, page_css, reader, style

TEMPLATES = KIT_DIR / "templates"
TEMPLATE_NAME = "kit_report"

_TAG = re.compile(r"<(?P<name>[a-zA-Z][\w-]*)\b(?P<attrs>[^>]*)>")
_REMOTE = r"(?:[a-zA-Z][\w+.-]*:)?//"  # http://, https://, ftp:// and protocol-relative //
_REMOTE_ATTR = re.compile(
    r"\b(?P<attr>src|href|data|poster|srcset|action|background|xlink:href)\s*=\s*"
    r"(?P<quote>[\"']?)\s*(?P<url>" + _REMOTE + r"[^\"'\s>]*)",
    re.IGNORECASE,
)
_REMOTE_CSS = re.compile(r"(?:@import\s+(?:url\()?|url\()\s*[\"']?\s*(?P<url>" + _REMOTE + r"[^\"')\s]*)", re.I)
_SCRIPT_WITH_SRC = re.compile(r"<script\b[^>]*\bsrc\s*=[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL)


def notebook_html(
    nb: Any,
    *,
    with_code: bool,
    title: str,
    banner: str = "",
    run_name: str = "",
    ledgers: Sequence[Path] = (),
) -> str:
    """One notebook as a standalone page: ``with_code=False`` is the reader's report, True the full record.

    The reader's page (kit.report.reader) has no banner, no note to the runner and no provenance cell: it
    opens with a link back to the index (given ``run_name``), its tab reads its headline, and it ends with
    a footer naming the ``ledgers`` it shows. The full page keeps the banner and every cell.
    """
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=not with_code,
        exclude_input_prompt=not with_code,
        exclude_output_prompt=not with_code,
        embed_images=True,
        anchor_link_text="\u00b6" if with_code else "",
    )
    resources: dict[str, Any] = {"metadata": {"name": title}, "kit_banner": banner}
    if run_name:
        resources["kit_nav"] = reader.nav_html(run_name)
    if not with_code:
        nb = reader.reader_notebook(nb)
        resources = {"metadata": {"name": reader.headline(nb, title)}, "kit_nav": resources.get("kit_nav", "")}
    page, _ = exporter.from_notebook_node(with_narrow_charts(nb), resources=resources)
    page = make_offline(with_alt_text(page, nb))
    if with_code:
        return page
    page = labelled_cells(page)
    footer = reader.footer_html(ledgers, reader.cited_claims(page), f"{title.replace('/', '-')}-claims.csv")
    page = page.replace(FOOTER_SLOT, footer, 1)
    # the reader's page has no code and no script: only the few lab rules its HTML can match are kept
    return page_css.trim_page(page)


_TABLE = re.compile(r"<table>(?P<body>.*?)</table>", re.DOTALL)
_HEAD_CELL = re.compile(r"<th[^>]*>(?P<text>.*?)</th>", re.DOTALL)
_ROW = re.compile(r"<tr>(?P<cells>.*?)</tr>", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


def labelled_cells(page: str) -> str:
    """Each body cell of each table with its column's heading in ``data-label``, so that on a phone a table reads
    as one card per row, each value under its heading (the template's narrow rules), instead of a grid of
    one-word lines that scrolls sideways."""

    def table(match: re.Match[str]) -> str:
        body = match.group("body")
        head, _, rows = body.partition("</thead>")
        labels = [html.escape(html.unescape(_TAGS.sub("", cell.group("text"))).strip(), quote=True)
                  for cell in _HEAD_CELL.finditer(head)]  # fmt: skip
        if not labels or not rows:
            return match.group(0)

        def row(found: re.Match[str]) -> str:
            cells = iter(labels)
            return "<tr>" + re.sub(r"<td(?=[\s>])", lambda _: f'<td data-label="{next(cells, "")}"',
                                   found.group("cells")) + "</tr>"  # fmt: skip

        return f'<table class="kit-cards">{head}</thead>{_ROW.sub(row, rows)}</table>'

    return _TABLE.sub(table, page)


#: Where the template leaves room for the reader's footer, filled once the page's citations are known.
FOOTER_SLOT = "<!-- kit-footer -->"


def picture_html(wide: str, narrow_png: str, narrow_width: int, alt: str) -> str:
    """A chart as a ``<picture>``: the phone rendering at a viewport of at most ``style.NARROW_VIEWPORT`` px, the
    wide one elsewhere; both PNGs inside the page (``data:`` URLs), so it stays one offline file."""
    media = f"(max-width: {style.NARROW_VIEWPORT}px)"
    return (
        f'<picture><source media="{media}" srcset="data:image/png;base64,{narrow_png}" width="{narrow_width}">'
        f'<img src="data:image/png;base64,{wide}" width="{style.WIDTH_PX}" alt="{html.escape(alt, quote=True)}">'
        "</picture>"
    )


def with_narrow_charts(nb: Any) -> Any:
    """A copy of the notebook with each chart that carries a phone rendering (kit.report.narrow) shown as a
    :func:`picture_html`."""
    shown = copy.deepcopy(nb)
    for cell in shown.cells:
        for output in cell.get("outputs", []):
            phone = output.get("metadata", {}).get(narrow.KEY)
            if phone is None or "image/png" not in output.get("data", {}):
                continue
            alt = output["metadata"].get("image/png", {}).get("alt") or output["data"].get("text/plain", "")
            wide = "".join(output["data"]["image/png"].split())
            picture = picture_html(wide, phone["image/png"], int(phone["width"]), str(alt))
            output["data"] = {"text/html": picture, "text/plain": output["data"].get("text/plain", "")}
            output["metadata"] = {}
    return shown


#: The image outputs nbconvert writes as <img>: a chart as PNG or as SVG (figure_format).
IMAGE_TYPES = ("image/png", "image/svg+xml")
#: What nbconvert writes for an image with no description.
NO_ALT = 'alt="No description has been provided for this image"'


def with_alt_text(page: str, nb: Any) -> str:
    """Give each image the description its output carries (a chart's title and figures, kit.report.marks),
    in page order, so a screen reader says what the chart shows."""
    alts = [
        output.get("metadata", {}).get(kind, {}).get("alt") or output.get("data", {}).get("text/plain", "")
        for cell in nb.cells
        for output in cell.get("outputs", [])
        for kind in IMAGE_TYPES
        if kind in output.get("data", {})
    ]
    for alt in alts:
        page = page.replace(NO_ALT, f'alt="{html.escape(str(alt), quote=True)}"', 1)
    return page


def make_offline(page: str) -> str:
    """Drop or defuse every reference to another host, so opening the page fetches nothing."""
    page = _SCRIPT_WITH_SRC.sub("", page)

    def tag(match: re.Match[str]) -> str:
        name = match.group("name").lower()
        if name == "a":
            return match.group(0)  # a link is followed only when the reader clicks it
        remote = _REMOTE_ATTR.search(match.group("attrs"))
        if remote is None:
            return match.group(0)
        url = html.escape(html.unescape(remote.group("url")), quote=True)
        if name in ("link", "meta", "base"):
            return ""
        return f'<a href="{url}">{url}</a>'

    page = _TAG.sub(tag, page)
    return _REMOTE_CSS.sub("", page)


def remote_references(page: str) -> list[str]:
    """Every URL on another host that the page would fetch when opened (links excluded)."""
    found = [match.group("url") for match in _REMOTE_CSS.finditer(page)]
    for match in _TAG.finditer(page):
        if match.group("name").lower() != "a":
            found.extend(remote.group("url") for remote in _REMOTE_ATTR.finditer(match.group("attrs")))
    return found


@dataclass
class IndexRow:
    """One run as the index lists it; links are relative to the index page."""

    name: str
    notebook: str
    parameters: dict[str, Any] = field(default_factory=dict)
    status: str = "not run"
    error: str = ""
    seconds: float | None = None
    ledger_version: str = ""
    report: str | None = None
    full: str | None = None
    executed: str | None = None
    failed_report: str | None = None
    failed_full: str | None = None


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _link(href: str | None, text: str) -> str:
    return f'<a href="{_e(quote(href))}">{_e(text)}</a>' if href else ""


def _parameters(values: dict[str, Any]) -> str:
    if not values:
        return '<span class="muted">defaults</span>'
    items = "".join(
        f"<li><code>{_e(name)}</code> = <code>{_e(json.dumps(value, ensure_ascii=False))}</code></li>"
        for name, value in values.items()
    )
    return f"<ul>{items}</ul>"


_INDEX_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 72rem;
  padding: 0 1rem; color: #222; }
h1 { font-size: 1.5rem; }
table { border-collapse: collapse; width: 100%; display: block; overflow-x: auto; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.6rem; border-bottom: 1px solid #ddd; }
th { background: #f4f4f4; }
td ul { margin: 0; padding-left: 1rem; }
.muted { color: #777; }
.status-ok, .status-cached { color: #176f2c; }
.status-not-applicable { color: #555; font-style: italic; }
.status-failed, .status-timeout, .status-interrupted { color: #a11; font-weight: bold; }
.error { color: #a11; font-size: 0.9em; }
.status-not-applicable .error { color: #555; }
code { font-size: 0.9em; }
"""


def index_html(rows: Sequence[IndexRow], *, title: str = "Reports", note: str = "") -> str:
    """The page that lists every run: report links, parameters, status and the ledger version it showed."""
    body = []
    for row in rows:
        links = [_link(row.report, "report"), _link(row.full, "with code"), _link(row.executed, "notebook")]
        if row.failed_report:
            links.append(_link(row.failed_report, "failed report"))
            links.append(_link(row.failed_full, "failed, with code"))
        shown = " · ".join(link for link in links if link) or '<span class="muted">no report yet</span>'
        seconds = "" if row.seconds is None else f"{row.seconds:.1f}"
        error = f'<div class="error">{_e(row.error)}</div>' if row.error else ""
        status_class = re.sub(r"[^a-z-]", "-", row.status.lower())
        body.append(
            "<tr>"
            f"<td><strong>{_e(row.name)}</strong><br>{shown}</td>"
            f"<td><code>{_e(row.notebook)}</code></td>"
            f"<td>{_parameters(row.parameters)}</td>"
            f'<td class="status-{status_class}">{_e(row.status)}{error}</td>'
            f"<td>{_e(seconds)}</td>"
            f"<td><code>{_e(row.ledger_version)}</code></td>"
            "</tr>"
        )
    note_html = f"<p>{_e(note)}</p>" if note else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_INDEX_CSS}</style>\n</head>\n<body>\n"
        '<p><a href="index.html">\u2190 All reports</a></p>\n'
        f"<h1>{_e(title)}</h1>\n{note_html}\n"
        "<table>\n<thead><tr><th>run</th><th>notebook</th><th>parameters</th><th>status</th>"
        "<th>seconds</th><th>ledger version</th></tr></thead>\n<tbody>\n"
        + "\n".join(body)
        + "\n</tbody>\n</table>\n</body>\n</html>\n"
    )
