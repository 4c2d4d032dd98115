"""The article, annotated: its text with every figure marked by what the ledger says of it.

A curated figure links to a numbered footnote that gives who states it and the quote (several claims on one
figure share a footnote line each); a drafted figure, a declared non-figure and a figure not yet covered are
marked by their status, with a legend that counts each. The statuses are :mod:`kit.ledger.annotate`'s, so the page
agrees with ``kit coverage``. All article and ledger text is escaped: it shows as written, never as markup.
"""

from __future__ import annotations

import html
import os

from IPython.display import HTML, display

from kit import vocab
from kit.ledger.annotate import STATUSES, Mark
from kit.report import model, sections
from kit.report.params import Params, check

#: What each status means to a reader, for the legend and the marks' titles.
MEANINGS = {
    "curated": "in the ledger: linked to its footnote",
    "drafted": "drafted from the text by the kit, not yet checked by a curator",
    "declared": "not a figure (a date, a name, page residue...), as the ledger or the kit's shared list declares",
    "uncovered": "not yet in the ledger",
}
STYLE = (
    "<style>.kit-annotated mark{padding:0 .15em;border-radius:.2em}"
    ".kit-annotated .fig-curated{background:#d8ecd8}.kit-annotated .fig-drafted{background:#fff1c2}"
    ".kit-annotated .fig-declared{background:#eeeeee;color:#555}"
    ".kit-annotated .fig-uncovered{background:#f8d4d4;outline:1px solid #c33}</style>"
)


def _text(text: str) -> str:
    """Article text made inert for HTML and for MathJax (a dollar sign opens math in notebooks)."""
    return html.escape(text).replace("$", '<span class="tex2jax_ignore mathjax_ignore">&#36;</span>')


def _mark(mark: Mark, numbers: dict[str, int]) -> str:
    body = _text(mark.text)
    title = MEANINGS[mark.status] if mark.status != "declared" else f"not a figure: {mark.refs[0]}"
    if mark.status == "curated":
        notes = "".join(f'<sup><a href="#note-{numbers[ref]}">[{numbers[ref]}]</a></sup>' for ref in mark.refs)
        body += notes
    return f'<mark class="fig-{mark.status}" title="{html.escape(title)}">{body}</mark>'


def _note(number: int, claim: object) -> str:
    """One footnote: who states the figure and the quote that states it (no ids: those are provenance), and what the
    figure is when it is not stated as fact ("withdrawn", "a forecast": kit/vocab/statuses.csv)."""
    who, quote = _text(str(claim["claimant_name"])), _text(str(claim["quote"]))
    status = vocab.statuses().get(str(claim.get("status") or "stated"))
    said = f" ({_text(status.label)})" if status is not None and not status.estimate else ""
    return f'<li id="note-{number}">{who}: &ldquo;{quote}&rdquo;{said}</li>'


def annotated_html(ledger: str | os.PathLike | None = None) -> str:
    """The annotated article of a ledger as one HTML fragment (:func:`annotated_html_of` its page's model)."""
    return annotated_html_of(model.annotated_page(check(ledger=None if ledger is None else str(ledger))))


def annotated_html_of(page: model.AnnotatedPage) -> str:
    """The annotated article as one HTML fragment: legend, paragraphs with marks, footnotes; rendered from the
    page's model, reading nothing more."""
    text, found = page.reading.article.text, page.marks
    joined = page.reading.claims.set_index("claim_id")
    numbers: dict[str, int] = {}
    for mark in found:
        for ref in mark.refs if mark.status == "curated" else ():
            numbers.setdefault(ref, len(numbers) + 1)
    pieces, at = [], 0
    for mark in found:
        pieces += [_text(text[at : mark.start]), _mark(mark, numbers)]
        at = mark.end
    pieces.append(_text(text[at:]))
    paragraphs = [f"<p>{part}</p>" for part in "".join(pieces).split("\n") if part.strip()]
    counts = {status: sum(mark.status == status for mark in found) for status in STATUSES}
    legend = "".join(
        f'<li><mark class="fig-{status}">{counts[status]} {status}</mark>: {MEANINGS[status]}</li>'
        for status in STATUSES
    )
    notes = "".join(_note(number, joined.loc[ref]) for ref, number in numbers.items())
    return (
        f'{STYLE}<div class="kit-annotated"><ul class="legend">{legend}</ul>{"".join(paragraphs)}'
        f'<ol class="notes">{notes}</ol></div>'
    )


def annotated(chosen: Params | str | os.PathLike | None = None, page: model.AnnotatedPage | None = None) -> HTML:
    """The annotated article for a notebook cell (JupyterLab shows it as the page will). The article is shown
    whole: a topic, side or claimant narrows the other reports, and the page says so rather than hide figures.
    ``page``: the page's model, when built already."""
    if not isinstance(chosen, Params):
        return HTML(annotated_html(chosen))
    narrowed = chosen.describe() if any((chosen.topic, chosen.side, chosen.claimant)) else ""
    note = f"<p>The whole article is shown: the choice of {_text(narrowed)} narrows the other reports.</p>"
    page = model.annotated_page(chosen) if page is None else page
    return HTML((note if narrowed else "") + annotated_html_of(page))


def show(chosen: Params) -> None:
    """Display the annotated article in a notebook, from its model built once; a ledger with no claim yet gets the
    line every page gives when it has nothing to show (``kit run`` marks the page not applicable), not a text of
    unchecked marks."""
    page = model.annotated_page(chosen)
    if page.reading.claims.empty:
        sections.show([], chosen, "claim")
        return
    display(annotated(chosen, page))
